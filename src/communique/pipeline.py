"""The parse pipeline: small named stages run in order over one :class:`Document`.

Like spaCy's components, each stage is a function ``stage(doc) -> None`` in a
module of its own; the list below names them. Stages are imported when first
used, so that ``communique --help`` starts fast.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from communique.errors import InputError
from communique.model import Document, Source

Stage = Callable[[Document], None]

# name -> "module:function". Order matters: each stage relies on the ones before it.
STAGES: dict[str, str] = {
    "read": "communique.read:read",  # bytes -> raw_text (format, charset)
    "repair": "communique.repair:repair",  # raw_text -> text + repairs
    "structure": "communique.structure:structure",  # text -> info, sections, paragraphs
    "sentences": "communique.sentences:sentences",  # paragraphs -> sentences
    "actors": "communique.extract.actors:actors",  # who acts
    "acts": "communique.extract.acts:acts",  # speech acts
    "organizations": "communique.extract.organizations:organizations",
    "instruments": "communique.extract.instruments:instruments",
    "dates": "communique.extract.dates:dates",
    "commitments": "communique.extract.commitments:commitments",  # due dates of commit/consider
}
PARSE_STAGES = ("read", "repair", "structure", "sentences")

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a long communiqué is ~200 KB; a 20 MB PDF is still plausible


def max_bytes_default() -> int:
    """The input size limit: ``COMMUNIQUE_MAX_BYTES`` when set, else 20 MiB."""
    value = os.environ.get("COMMUNIQUE_MAX_BYTES")
    if value:
        try:
            return int(value)
        except ValueError:
            raise InputError(f"COMMUNIQUE_MAX_BYTES must be a number of bytes, not {value!r}") from None
    return DEFAULT_MAX_BYTES


def get_stage(name: str) -> Stage:
    try:
        target = STAGES[name]
    except KeyError:
        raise InputError(f"unknown pipeline stage {name!r}; known: {', '.join(STAGES)}") from None
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)


def run(doc: Document, stages: Iterable[str] | None = None) -> Document:
    for name in stages if stages is not None else STAGES:
        get_stage(name)(doc)
    return doc


def load_source(path: str | Path, *, max_bytes: int | None = None) -> Source:
    """Read a file (or stdin for ``-``) into a :class:`Source`, enforcing the size limit."""
    import sys

    limit = max_bytes if max_bytes is not None else max_bytes_default()
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a directory, not a statement file")
        try:
            if p.stat().st_size > limit:
                raise InputError(f"{name}: {p.stat().st_size:,} bytes is over the {limit:,}-byte limit")
            data = p.read_bytes()
        except PermissionError:
            raise InputError(f"{name}: permission denied") from None
        except OSError as e:
            raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    if len(data) > limit:
        raise InputError(f"{name}: input is over the {limit:,}-byte limit")
    return Source(data=data, name=name)  # parse() sets the sha256, as for every other source


def _looks_like_path(value: str) -> bool:
    # A statement file's suffix (.txt, .pdf...), not any dot: "Both sides agreed. Then..." is text.
    from communique.readers.detect import SUFFIX_FORMATS

    if "\n" in value or len(value) >= 1024:
        return False
    return value == "-" or Path(value).suffix.lower() in SUFFIX_FORMATS or os.path.exists(value)


def parse(
    source: str | Path | bytes | Source,
    *,
    format: str | None = None,
    stages: Iterable[str] | None = None,
    max_bytes: int | None = None,
) -> Document:
    """Parse a statement: a path (``Path`` or a path-like string, ``-`` for stdin), text, or bytes.

    Runs every stage (read, repair, structure, sentences, extraction) unless
    ``stages`` names fewer. Raises :class:`communique.errors.CommuniqueError`
    with a one-line message on bad input, never anything else.
    """
    if isinstance(source, Source):
        src = source
    elif isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        src = load_source(source, max_bytes=max_bytes)
    elif isinstance(source, str):
        data = source.encode("utf-8")
        src = Source(data=data, name="<text>", format="text", encoding="utf-8")
    else:
        src = Source(data=bytes(source), name="<bytes>")
    if not src.sha256:
        src.sha256 = hashlib.sha256(src.data).hexdigest()
    limit = max_bytes if max_bytes is not None else max_bytes_default()
    if len(src.data) > limit:
        raise InputError(f"{src.name}: input is over the {limit:,}-byte limit")
    if format is not None:
        src.format = format  # type: ignore[assignment]
    return run(Document(source=src), stages)
