"""PDF: the text layer via pypdf, one page after another, pages separated by a form-feed line.

The repair stage finds page furniture (running headers, page numbers) and words
broken over page breaks by the ``\\n\\f\\n`` between pages, so keep that exact joint.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from communique.errors import InputError
from communique.readers.text import normalise_newlines

PAGE_BREAK = "\n\f\n"


_quiet_lock = threading.Lock()
_quiet_readers = 0
_saved_level = logging.NOTSET


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs warnings about damaged files ("EOF marker not found"...) that would reach stderr;
    the reader turns real problems into one InputError instead. Counted, so that readers in
    several threads (the web app) restore the logger's level only when the last one is done.
    (pypdf's ``warnings.warn`` calls are deprecation notices about code, not about input.)"""
    global _quiet_readers, _saved_level
    logger = logging.getLogger("pypdf")
    with _quiet_lock:
        if _quiet_readers == 0:
            _saved_level = logger.level
            logger.setLevel(logging.CRITICAL)
        _quiet_readers += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_readers -= 1
            if _quiet_readers == 0:
                logger.setLevel(_saved_level)


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def read_pdf(data: bytes, name: str) -> str:
    """The text of every page joined by :data:`PAGE_BREAK`; InputError for scanned, broken or locked PDFs."""
    import pypdf
    from pypdf.errors import DependencyError

    with _quiet_pypdf():
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    unlocked = reader.decrypt("")
                except DependencyError:
                    unlocked = 0
                if not unlocked:
                    raise InputError(f"{name}: encrypted PDF: save an unprotected copy first")
            pages = list(reader.pages)
        except InputError:
            raise
        except RecursionError:
            raise InputError(f"{name}: broken PDF (nested too deeply)") from None
        except Exception as e:  # pypdf raises many kinds on damaged files; all mean the same to the user
            raise InputError(f"{name}: broken PDF ({_reason(e)})") from None
        texts: list[str] = []
        for number, page in enumerate(pages, start=1):
            try:
                text = page.extract_text() or ""
            except RecursionError:
                raise InputError(f"{name}: broken PDF (page {number} is nested too deeply)") from None
            except Exception as e:
                raise InputError(f"{name}: broken PDF (page {number}: {_reason(e)})") from None
            texts.append(normalise_newlines(text).rstrip("\n"))
    if not pages:
        raise InputError(f"{name}: broken PDF (no pages)")
    if not any(text.strip() for text in texts):
        raise InputError(f"{name}: scanned PDF: run OCR first")
    return PAGE_BREAK.join(texts)
