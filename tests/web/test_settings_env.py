"""Security settings come from the environment; DEBUG is off unless asked for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = (
    "import json, communique.settings as s; print(json.dumps({k: getattr(s, k) for k in ("
    "'DEBUG', 'ALLOWED_HOSTS', 'CSRF_TRUSTED_ORIGINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
    "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'COMMUNIQUE_UPLOAD_MAX_BYTES', 'AXES_FAILURE_LIMIT')}))"
)


def _settings(tmp_path: Path, **env: str) -> dict[str, Any]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_") and k != "DATABASE_URL"}
    clean.update(COMMUNIQUE_DATA_DIR=str(tmp_path), **env)
    out = subprocess.run([sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_defaults_are_safe_for_a_local_run(tmp_path: Path) -> None:
    s = _settings(tmp_path)
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert (s["SESSION_COOKIE_SECURE"], s["CSRF_COOKIE_SECURE"], s["SECURE_SSL_REDIRECT"]) == (False, False, False)
    assert s["COMMUNIQUE_UPLOAD_MAX_BYTES"] == 20 * 1024 * 1024 and s["AXES_FAILURE_LIMIT"] == 5


def test_production_values_from_the_environment(tmp_path: Path) -> None:
    s = _settings(
        tmp_path, COMMUNIQUE_ALLOWED_HOSTS="communique.example.org",
        COMMUNIQUE_CSRF_TRUSTED_ORIGINS="https://communique.example.org", COMMUNIQUE_SECURE_COOKIES="1",
        COMMUNIQUE_SSL_REDIRECT="1", COMMUNIQUE_HSTS_SECONDS="31536000", COMMUNIQUE_UPLOAD_MAX_BYTES="1000",
        COMMUNIQUE_DEBUG="1",
    )
    assert s["ALLOWED_HOSTS"] == ["communique.example.org"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://communique.example.org"]
    assert (s["SESSION_COOKIE_SECURE"], s["CSRF_COOKIE_SECURE"], s["SECURE_SSL_REDIRECT"]) == (True, True, True)
    assert (s["SECURE_HSTS_SECONDS"], s["COMMUNIQUE_UPLOAD_MAX_BYTES"], s["DEBUG"]) == (31536000, 1000, True)
