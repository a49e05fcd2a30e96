"""Small file helpers shared by the CLI and the services."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from communique.errors import CommuniqueError


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half of it."""
    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        # A device or pipe (/dev/null, /dev/stdout): write to it; replacing it would destroy it.
        with open(target, "wb") as f:
            f.write(data)
        return
    if target.parent and not target.parent.exists():
        raise CommuniqueError(f"{target}: directory {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise CommuniqueError(f"{target}: cannot write ({e.strerror or e})") from None


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
