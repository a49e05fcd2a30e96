"""communique: parse diplomatic joint statements into commitments people can track.

    >>> import communique
    >>> doc = communique.parse("statement.ja.txt")      # or text, bytes, Path
    >>> doc.to_dict()["schema"]
    'communique/statement@1'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from communique.errors import CommuniqueError, InputError
from communique.model import Document
from communique.pipeline import parse

__version__ = "0.1.0"
PARSER_VERSION = __version__

__all__ = ["CommuniqueError", "Document", "InputError", "PARSER_VERSION", "parse", "sample_path"]


def sample_path(name: str = "ja-kz-2025.ja.txt") -> Path:
    """Path of a statement bundled with the package (the Japan–Kazakhstan sample by default)."""
    return Path(str(resources.files("communique").joinpath("samples", name)))
