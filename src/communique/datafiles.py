"""Load the language data files under ``communique/data`` (cue lexicons, gazetteers), once each.

Parsing the larger YAML files (the country gazetteer has thousands of lines) costs
more than the rest of a CLI start-up, so each parsed file is also kept as a pickle
in the user's cache directory, keyed by a hash of the YAML text: an edited data file
is parsed again, an unwritable cache directory only costs the time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from communique.errors import CommuniqueError
from communique.fileio import atomic_write_bytes


def _cache_dir() -> Path | None:
    if os.environ.get("COMMUNIQUE_NO_DATA_CACHE"):
        return None
    from platformdirs import user_cache_dir

    return Path(os.environ.get("COMMUNIQUE_CACHE_DIR") or user_cache_dir("communique"))


@cache
def load_yaml(name: str) -> Any:
    """Parse ``communique/data/NAME`` (YAML); cached, so every caller shares one copy."""
    text = resources.files("communique").joinpath("data", name).read_text("utf-8")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    cache_dir = _cache_dir()
    cached = cache_dir / f"{name}.{digest}.pickle" if cache_dir else None
    if cached is not None and cached.exists():
        try:
            return pickle.loads(cached.read_bytes())  # noqa: S301 - our own file, keyed by content hash
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(cached, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, CommuniqueError):
            pass
    return data
