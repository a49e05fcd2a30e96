"""Plain text and Markdown: find the encoding, decode, normalise newlines — and change nothing else.

The repair stage logs every change it makes to the text, so this reader must not
change characters silently: no Unicode normalisation, no whitespace clean-up.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any

import charset_normalizer

from communique.errors import InputError

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters a statement may legitimately hold: tab, newlines, form feed (page break), escape
# (ISO-2022-JP). Anything else in quantity means the bytes are not text.
_TEXT_CONTROLS = frozenset("\t\n\r\f\x0b\x1b")
_CONTROL_BYTES = frozenset(b for b in range(0x20) if chr(b) not in _TEXT_CONTROLS) | {0x7F}
BINARY_RATIO = 0.01  # share of control bytes/characters above which a file is binary, not text

JAPANESE_CODECS = frozenset(
    [
        "cp932",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
        "euc_jp",
        "euc_jis_2004",
        "euc_jisx0213",
        "iso2022_jp",
    ]
)
KANA_SHARE = 0.1
_NEWLINES = re.compile(r"\r\n?")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return _NEWLINES.sub("\n", text)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the BOM's length, or None."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _control_byte_share(data: bytes) -> float:
    sample = data[:65536]
    return sum(1 for b in sample if b in _CONTROL_BYTES) / max(len(sample), 1)


def _unprintable_share(text: str) -> float:
    sample = text[:65536]
    bad = 0
    for ch in sample:
        if ch in _TEXT_CONTROLS:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Cn"):  # private-use glyphs (Co) do occur in converted text
            bad += 1
    return bad / max(len(sample), 1)


def _codec_name(encoding: str) -> str:
    """Python's canonical codec name (``utf_16_le`` -> ``utf-16-le``, ``shift_jis`` stays)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _is_wide_unicode(encoding: str) -> bool:
    return encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32"))


def _detect(data: bytes, name: str) -> tuple[str, str]:
    """Decoded text and encoding for bytes without a BOM."""
    has_nul = b"\x00" in data
    # ISO-2022-JP (JIS) is 7-bit, so valid UTF-8 too; its escape sequences give it away.
    if not has_nul and b"\x1b" not in data:
        # Valid UTF-8 of any length is UTF-8 in practice (every other legacy encoding
        # of non-ASCII text breaks its rules), and short UTF-8 is where detectors guess wrong.
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if not has_nul and _control_byte_share(data) > BINARY_RATIO:
        raise InputError(f"{name}: binary file, not a statement")
    matches = charset_normalizer.from_bytes(data)
    best = _prefer_japanese(matches, matches.best())
    if best is None:
        if has_nul:
            raise InputError(f"{name}: binary file, not a statement")
        raise InputError(f"{name}: cannot detect the text encoding")
    if has_nul and not _is_wide_unicode(best.encoding):
        raise InputError(f"{name}: binary file, not a statement")
    return str(best), _codec_name(best.encoding)


def _kana_share(text: str) -> float:
    wide = [ch for ch in text[:20000] if ord(ch) > 0x7F]
    kana = sum(1 for ch in wide if "\u3041" <= ch <= "\u30ff")
    return kana / max(len(wide), 1)


def _prefer_japanese(matches: Any, best: Any) -> Any:
    """Short EUC-JP or Shift_JIS can look like Korean or Chinese to the detector. Statements here are
    Japanese or English, so a Japanese reading that charset-normalizer also found wins when it is
    full of kana (Japanese prose is about a third kana; Chinese and Korean text decoded as Japanese
    has next to none)."""
    if best is None or _codec_name(best.encoding) in JAPANESE_CODECS:
        return best
    for match in matches:
        if _codec_name(match.encoding) in JAPANESE_CODECS and _kana_share(str(match)) >= KANA_SHARE:
            return match
    return best


def decode_text(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode statement bytes to text with ``\\n`` newlines; returns (text, encoding).

    ``encoding`` forces a codec (still honouring a UTF-8 BOM). Otherwise a BOM decides,
    then strict UTF-8, then charset-normalizer. Raises InputError for empty, binary or
    undecodable input.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if encoding is not None:
        codec = _codec_name(encoding)
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            text = data.decode(codec)
        except LookupError:
            raise InputError(f"{name}: unknown text encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid {encoding} text (byte {e.start})") from None
    else:
        bom = bom_encoding(data)
        if bom is not None:
            codec, skip = bom
            try:
                text = data[skip:].decode(codec.removesuffix("-sig"))
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: cannot detect the text encoding (starts with a {codec} byte-order mark "
                    f"but is not valid {codec})"
                ) from None
        else:
            text, codec = _detect(data, name)
    return check_text(text, name), codec


def check_text(text: str, name: str) -> str:
    """Reject decoded text that is binary junk or blank; return it with ``\n`` newlines."""
    if _unprintable_share(text) > BINARY_RATIO:
        raise InputError(f"{name}: binary file, not a statement")
    if not text.replace("\ufeff", "").strip():
        raise InputError(f"{name}: empty file")
    return normalise_newlines(text)
