"""The ``read`` stage: every supported format and every way input can be bad.

Fixtures are generated here (tmp_path): the bundled sample re-encoded, PDFs built with
reportlab, Word files with python-docx. The CLI is driven end to end for every error.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import communique
from communique.errors import InputError
from communique.model import Document, Source
from communique.read import read
from communique.readers import FORMATS, read_bytes

# Characters of the sample that legacy Japanese encodings cannot hold (Arabic letters left by
# the PDF converter; FULLWIDTH HYPHEN-MINUS is CP932-only).
NOT_IN_JIS = str.maketrans("", "", "سف－")
HEADER = "日本国及びカザフスタン共和国の間の共同声明（仮訳）"


@pytest.fixture(scope="module")
def sample_text() -> str:
    return communique.sample_path().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def jis_text(sample_text: str) -> str:
    return sample_text.translate(NOT_IN_JIS)


def read_source(data: bytes, name: str = "-", **source: str) -> Document:
    doc = Document(source=Source(data=data, name=name, **source))  # type: ignore[arg-type]
    read(doc)
    return doc


# --- PDF builders -------------------------------------------------------------------------


def cjk_pdf(pages: list[list[str]], header: str = HEADER) -> bytes:
    """A PDF whose every page has a running header, body lines and a page number footer."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("HeiseiMin-W3", 9)
        pdf.drawString(72, 800, header)
        pdf.setFont("HeiseiMin-W3", 12)
        for i, line in enumerate(lines):
            pdf.drawString(72, 740 - 20 * i, line)
        pdf.setFont("HeiseiMin-W3", 9)
        pdf.drawString(290, 40, f"- {number} -")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    """What a scanner makes: a page that is one picture, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (200, 60), 255)
    ImageDraw.Draw(picture).rectangle((10, 10, 190, 50), outline=0)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(2):
        pdf.drawImage(ImageReader(picture), 72, 600, width=400, height=120)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def locked_pdf(user_password: str) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=user_password)
    pdf.drawString(72, 700, "Both sides decided to strengthen cooperation.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


PAGE_ONE = ["1 双方は、二国間関係を発展させる。", "両首脳は、平和を促進する意思を表明し", "た。"]
PAGE_TWO = ["2 双方は、議会間交流を更に強化する。", "Both sides welcomed the agreement."]
PAGE_THREE = ["3 双方は、経済関係を拡大する。"]


@pytest.fixture(scope="module")
def three_page_pdf() -> bytes:
    return cjk_pdf([PAGE_ONE, PAGE_TWO, PAGE_THREE])


# --- plain text and Markdown ----------------------------------------------------------------


def test_bundled_sample_reads_unchanged(sample_text: str) -> None:
    doc = communique.parse(communique.sample_path(), stages=["read"])
    assert doc.raw_text == sample_text
    assert (doc.source.format, doc.source.encoding) == ("text", "utf-8")


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", {"utf-8"}),
        ("utf-8-sig", {"utf-8-sig"}),
        ("utf-16", {"utf-16-le", "utf-16-be"}),  # with BOM
        ("utf-16-le", {"utf-16-le"}),  # no BOM
        ("utf-16-be", {"utf-16-be"}),  # no BOM
        ("utf-32", {"utf-32-le", "utf-32-be"}),
        ("shift_jis", {"shift_jis", "cp932"}),
        ("cp932", {"cp932", "shift_jis"}),
        ("euc_jp", {"euc_jp", "euc_jis_2004", "euc_jisx0213"}),
        ("iso2022_jp", {"iso2022_jp"}),  # 7-bit: valid UTF-8 too, but it is not
    ],
)
def test_encodings_decode_to_the_original(jis_text: str, codec: str, expected: set[str]) -> None:
    doc = read_source(jis_text.encode(codec), "statement.txt")
    assert doc.raw_text == jis_text
    assert doc.source.encoding in expected
    assert doc.source.format == "text"


@pytest.mark.parametrize("codec", ["utf-8", "cp932", "euc_jp", "utf-16"])
def test_crlf_and_cr_become_lf(jis_text: str, codec: str) -> None:
    crlf = read_bytes(jis_text.replace("\n", "\r\n").encode(codec), "a.txt")[0]
    cr = read_bytes(jis_text.replace("\n", "\r").encode(codec), "a.txt")[0]
    assert crlf == cr == jis_text


def test_text_is_not_normalised() -> None:
    # Full-width digits, half-width katakana, NBSP, form feed, trailing spaces: all kept as they are.
    text = "第１条　ｶﾀｶﾅ and\u00a0Ｆｕｌｌ  \n\f\nnext page ①\n"
    assert read_bytes(text.encode("utf-8"), "a.txt")[0] == text
    jis = text.replace("\u00a0", " ")
    assert read_bytes(jis.encode("cp932"), "a.txt")[0] == jis


def test_short_legacy_encoded_text_is_detected() -> None:
    line = "両首脳は、二国間関係を更に発展させることで一致した。"
    for codec in ("cp932", "euc_jp"):
        assert read_bytes(line.encode(codec), "-")[0] == line


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.md", "plain words only\n", "markdown"),
        ("-", "## I 政治分野\n\n1 双方は…\n", "markdown"),
        ("-", "**共同声明**\n\n本文\n", "markdown"),
        ("-", "Joint Statement\n\n1. Both sides...\n", "text"),
        ("a.txt", "## heading kept as text because of the name\n", "text"),
    ],
)
def test_text_or_markdown(name: str, content: str, expected: str) -> None:
    text, format, encoding = read_bytes(content.encode("utf-8"), name)
    assert (text, format, encoding) == (content, expected, "utf-8")


def test_forced_encoding_and_format_are_used() -> None:
    data = "双方は協力する。".encode("cp932")
    doc = read_source(data, "-", format="markdown", encoding="cp932")
    assert doc.raw_text == "双方は協力する。"
    assert (doc.source.format, doc.source.encoding) == ("markdown", "cp932")
    with pytest.raises(InputError, match="not valid utf-8"):
        read_source(data, "x.txt", encoding="utf-8")


def test_parse_of_a_string_keeps_it() -> None:
    doc = communique.parse("双方は、協力を強化する。\r\n両首脳は歓迎した。", stages=["read"])
    assert doc.raw_text == "双方は、協力を強化する。\n両首脳は歓迎した。"


def test_read_sets_sha256_when_missing() -> None:
    import hashlib

    doc = read_source(b"Both sides agreed.", "-")
    assert doc.source.sha256 == hashlib.sha256(b"Both sides agreed.").hexdigest()


# --- PDF ----------------------------------------------------------------------------------


def test_pdf_pages_joined_by_form_feed_lines(three_page_pdf: bytes) -> None:
    doc = read_source(three_page_pdf, "statement.pdf")
    assert (doc.source.format, doc.source.encoding) == ("pdf", None)
    pages = doc.raw_text.split("\n\f\n")
    assert len(pages) == 3
    for number, (page, lines) in enumerate(zip(pages, [PAGE_ONE, PAGE_TWO, PAGE_THREE], strict=True), 1):
        assert page.startswith(HEADER + "\n")  # the running header, for the repair stage to remove
        assert page.rstrip().endswith(f"- {number} -")
        for line in lines:
            assert line in page
    assert "\r" not in doc.raw_text


def test_the_sample_typeset_as_pdf_reads_back(sample_text: str) -> None:
    """The sample as a 10-page PDF (lines hard-wrapped, running header and page number on every
    page): every page comes back between form-feed lines, every numbered paragraph at a line start."""
    import re

    # As a PDF shows it: no Markdown, and no stray Arabic letters (pypdf reorders right-to-left runs).
    plain = re.sub(r"^#+ *", "", sample_text.replace("**", "").translate(NOT_IN_JIS), flags=re.MULTILINE)
    lines: list[str] = []
    for paragraph in plain.split("\n"):
        lines += [paragraph[i : i + 38] for i in range(0, len(paragraph), 38)] or [""]
    pages = [lines[i : i + 34] for i in range(0, len(lines), 34)]
    raw = read_bytes(cjk_pdf(pages), "sample.pdf")[0]
    read_pages = raw.split("\n\f\n")
    assert len(read_pages) == len(pages) > 2
    for page, page_lines in zip(read_pages, pages, strict=True):
        assert page.split("\n")[1:-1] == [line for line in page_lines if line]  # between header and folio
    numbers = re.findall(r"^(\d+) ", sample_text, flags=re.MULTILINE)
    assert numbers and re.findall(r"^(\d+) ", raw, flags=re.MULTILINE) == numbers


def test_pdf_detected_from_content_without_a_name(three_page_pdf: bytes) -> None:
    assert read_bytes(three_page_pdf, "-")[1] == "pdf"
    assert read_bytes(three_page_pdf, "statement.bin")[1] == "pdf"


def test_scanned_pdf_asks_for_ocr() -> None:
    with pytest.raises(InputError, match=r"^scan\.pdf: scanned PDF: run OCR first$"):
        read_bytes(image_only_pdf(), "scan.pdf")


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_pdf_is_a_one_line_error(three_page_pdf: bytes, cut: float) -> None:
    data = three_page_pdf[: int(len(three_page_pdf) * cut)]
    with pytest.raises(InputError) as caught:
        read_bytes(data, "cut.pdf")
    message = str(caught.value)
    assert message.startswith("cut.pdf: broken PDF") and "\n" not in message


def test_password_protected_pdf() -> None:
    with pytest.raises(InputError, match="encrypted PDF"):
        read_bytes(locked_pdf("secret"), "locked.pdf")


def test_pdf_without_password_to_open_is_read() -> None:
    # Encrypted with an empty user password (only editing is restricted): readers open it as is.
    text = read_bytes(locked_pdf(""), "restricted.pdf")[0]
    assert "Both sides decided to strengthen cooperation." in text


def test_pypdf_warnings_do_not_reach_stderr(capfd: pytest.CaptureFixture[str], three_page_pdf: bytes) -> None:
    with pytest.raises(InputError):
        read_bytes(three_page_pdf[:-300], "cut.pdf")
    assert capfd.readouterr().err == ""


def test_pypdf_logger_level_is_restored(three_page_pdf: bytes) -> None:
    import logging

    logger = logging.getLogger("pypdf")
    before = logger.level
    logger.setLevel(logging.INFO)
    try:
        with pytest.raises(InputError):
            read_bytes(three_page_pdf[:-300], "cut.pdf")
        read_bytes(three_page_pdf, "ok.pdf")
        assert logger.level == logging.INFO
    finally:
        logger.setLevel(before)


def test_text_named_pdf_is_refused() -> None:
    with pytest.raises(InputError, match="not a PDF file"):
        read_bytes("双方は協力する。".encode(), "statement.pdf")


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \r\n\t\n  ", "empty file"),
        ("\ufeff  \u3000\n".encode("utf-16"), "empty file"),  # BOM, then ZWNBSP and spaces
        (b"\xef\xbb\xbf", "empty file"),
        (bytes(range(256)) * 8, "binary file, not a statement"),
        (b"\x00\x01\x02\x03" * 100, "binary file, not a statement"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "binary file, not a statement (a PNG image)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old Word .doc"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "binary file"),
        (bytes(range(0x80, 0x100)) * 4, "cannot detect the text encoding"),
        (b"\xff\xfe\x00\xd8", "cannot detect the text encoding"),  # UTF-16 BOM, lone surrogate
    ],
)
def test_bad_input_is_a_one_line_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_source(data, "in.txt")
    assert str(caught.value).startswith("in.txt: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unknown_forced_format() -> None:
    with pytest.raises(InputError, match="unknown input format 'rtf'"):
        read_bytes(b"text", "-", format="rtf")


def test_size_limit_on_every_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Both sides agreed. " * 10)
    for source in (path, str(path), path.read_bytes(), path.read_text()):
        with pytest.raises(InputError, match="limit"):
            communique.parse(source, stages=["read"], max_bytes=100)
    for source in (path, str(path), path.read_bytes(), path.read_text()):
        assert communique.parse(source, stages=["read"], max_bytes=1000).raw_text.startswith("Both sides")
    monkeypatch.setenv("COMMUNIQUE_MAX_BYTES", "50")
    with pytest.raises(InputError, match="50-byte limit"):
        communique.parse(path, stages=["read"])
    monkeypatch.setenv("COMMUNIQUE_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="COMMUNIQUE_MAX_BYTES"):
        communique.parse(path, stages=["read"])


_MAGIC_PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xff\xfe", b"\xef\xbb\xbf"]
)


@settings(
    max_examples=int(os.environ.get("READ_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    prefix=_MAGIC_PREFIXES,
    body=st.binary(max_size=2000),
    name=st.sampled_from(["-", "x.txt", "x.md", "x.html", "x.pdf", "x.docx"]),
    format=st.sampled_from([None, None, None, *FORMATS]),
)
def test_random_bytes_give_text_or_input_error(
    prefix: bytes, body: bytes, name: str, format: str | None
) -> None:
    doc = Document(source=Source(data=prefix + body, name=name, format=format))  # type: ignore[arg-type]
    try:
        read(doc)
    except InputError as e:
        assert "\n" not in str(e) and str(e).startswith(name)
    else:
        assert isinstance(doc.raw_text, str) and doc.raw_text.strip()
        assert doc.source.format in FORMATS
        assert "\r" not in doc.raw_text


@pytest.fixture(scope="module")
def small_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("共同声明", level=1)
    document.add_paragraph("1 双方は、協力を強化する。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.sampled_from(["pdf", "docx"]),
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=12), st.integers(0, 40)),
        min_size=1,
        max_size=6,
    ),
)
def test_damaged_pdf_and_docx_give_text_or_input_error(
    which: str, edits: list[tuple[float, bytes, int]], three_page_pdf: bytes, small_docx: bytes
) -> None:
    data = bytearray(three_page_pdf if which == "pdf" else small_docx)
    for where, insert, delete in edits:  # overwrite/cut at random places: bit rot, bad downloads
        at = int(where * len(data))
        data[at : at + delete] = insert
    try:
        text, format, _ = read_bytes(bytes(data), f"damaged.{which}")
    except InputError as e:
        assert "\n" not in str(e) and str(e).startswith(f"damaged.{which}: ")
    else:
        assert text.strip() and format in FORMATS


# --- the command line, end to end -----------------------------------------------------------


def run_cli(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from communique.cli import main; main()", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def run_cli_inprocess(
    args: list[str], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """Run ``communique.cli.main`` in this process (fast); returns (exit code, stderr)."""
    from communique.cli import main

    monkeypatch.setattr(sys, "argv", ["communique", *args])
    capfd.readouterr()
    with pytest.raises(SystemExit) as caught:
        main()
    return int(caught.value.code or 0), capfd.readouterr().err


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory, three_page_pdf: bytes) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("bad")
    cases: dict[str, tuple[bytes, str, str]] = {
        "empty": (b"", "empty.txt", "empty file"),
        "blank": (b"\n \n\t", "blank.md", "empty file"),
        "binary": (bytes(range(256)) * 4, "junk.txt", "binary file, not a statement"),
        "encoding": (bytes(range(0x80, 0x100)) * 4, "mystery.txt", "cannot detect the text encoding"),
        "scanned": (image_only_pdf(), "scan.pdf", "scanned PDF: run OCR first"),
        "truncated": (three_page_pdf[: len(three_page_pdf) // 2], "cut.pdf", "broken PDF"),
        "docx": (b"PK\x03\x04" + b"\x00" * 100, "broken.docx", "corrupt Word .docx file"),
        "html": (b"<html><body><script>alert(1)</script></body></html>", "s.html", "no text in the HTML"),
    }
    out: dict[str, tuple[Path, str]] = {}
    for key, (data, name, message) in cases.items():
        path = folder / name
        path.write_bytes(data)
        out[key] = (path, message)
    out["missing"] = (folder / "nope.txt", "no such file")
    out["directory"] = (folder, "is a directory")
    return out


@pytest.mark.parametrize(
    "case",
    ["empty", "blank", "binary", "encoding", "scanned", "truncated", "docx", "html", "missing", "directory"],
)
def test_cli_errors_are_one_line_exit_2(
    case: str,
    bad_files: dict[str, tuple[Path, str]],
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, message = bad_files[case]
    code, err = run_cli_inprocess(["parse", str(path)], capfd, monkeypatch)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert message in err and "Traceback" not in err


def test_cli_size_limit_option_and_env(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.txt"
    path.write_text("双方は協力する。" * 20, encoding="utf-8")
    code, err = run_cli_inprocess(["parse", str(path), "--max-size", "100"], capfd, monkeypatch)
    assert (code, err.count("\n")) == (2, 1) and "100-byte limit" in err
    monkeypatch.setenv("COMMUNIQUE_MAX_BYTES", "64")
    code, err = run_cli_inprocess(["parse", str(path)], capfd, monkeypatch)
    assert (code, err.count("\n")) == (2, 1) and "64-byte limit" in err


def test_cli_stdin_errors_in_a_real_process(three_page_pdf: bytes) -> None:
    for data, message in [
        (b"", "-: empty file"),
        (three_page_pdf[:-400], "-: broken PDF"),
        (b"x" * 20_001, "over the 20,000-byte limit"),
    ]:
        result = run_cli("parse", "-", "--max-size", "20000", stdin=data)
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_cli_reads_stdin(jis_text: str) -> None:
    result = run_cli("parse", "-", "--format", "json", stdin=jis_text.encode("cp932"))
    assert result.returncode == 0, result.stderr.decode()
    import json

    statement = json.loads(result.stdout)
    assert statement["schema"] == "communique/statement@1"
    assert "共同声明" in statement["document"]["title"]  # decoded from CP932 on stdin
