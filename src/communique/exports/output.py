"""Atomic output files for exports too big to hold in memory."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from communique.errors import CommuniqueError


def existing_parent(target: Path) -> Path:
    """The directory ``target`` goes in; a one-line error when it does not exist."""
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise CommuniqueError(f"{target}: directory {parent} does not exist")
    return parent


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path next to ``path``; on success it replaces ``path`` in one step.

    For libraries that write files by name (openpyxl, WeasyPrint). A reader sees the old
    file or the complete new one, never half an export; on any error the temporary file
    is removed and ``path`` is left as it was.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=existing_parent(target))
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_output(path: str | Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    """:func:`atomic_path` opened as a stream (text streams with ``newline=""``, as ``csv`` wants)."""
    newline = "" if "b" not in mode else None
    with atomic_path(path) as tmp, tmp.open(mode, encoding=encoding, newline=newline) as f:
        yield f
