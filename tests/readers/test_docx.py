"""Word .docx reader: paragraphs in order, heading styles as #, list numbers, tables, damage."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from communique.errors import InputError
from communique.readers import read_bytes
from communique.readers.docx import format_number


def save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def statement_docx() -> bytes:
    document = docx.Document()
    document.add_heading("日本国及びカザフスタン共和国の間の共同声明", level=0)  # Title style
    document.add_paragraph("2025年12月18日、両首脳は東京で会談を行った。")
    document.add_heading("I 政治分野", level=1)
    document.add_paragraph("1 双方は、二国間関係を発展させる。")
    document.add_paragraph("双方は、議会間交流を強化する。", style="List Number")
    document.add_paragraph("3 双方は、対話を継続する。", style="List Number")  # number typed by hand too
    document.add_heading("II 経済分野", level=3)
    document.add_paragraph("エネルギー", style="List Bullet")
    document.add_paragraph("")  # empty paragraphs are not text
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "日本国内閣総理大臣"
    table.cell(0, 1).text = "カザフスタン共和国大統領"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "東京にて"
    document.add_paragraph("以上\n(改行あり)")
    return save(document)


def test_paragraphs_headings_lists_and_tables_in_order(statement_docx: bytes) -> None:
    text, format, encoding = read_bytes(statement_docx, "statement.docx")
    assert (format, encoding) == ("docx", None)
    assert text.split("\n\n") == [
        "# 日本国及びカザフスタン共和国の間の共同声明",
        "2025年12月18日、両首脳は東京で会談を行った。",
        "# I 政治分野",
        "1 双方は、二国間関係を発展させる。",
        "1. 双方は、議会間交流を強化する。",
        "3 双方は、対話を継続する。",  # the visible number is kept, not doubled
        "### II 経済分野",
        "- エネルギー",
        "日本国内閣総理大臣",
        "カザフスタン共和国大統領",
        "東京にて",  # a merged cell once
        "以上\n(改行あり)",
    ]


def test_docx_detected_without_a_name(statement_docx: bytes) -> None:
    assert read_bytes(statement_docx, "-")[1] == "docx"


@pytest.mark.parametrize(
    ("number", "num_fmt", "shown"),
    [
        (4, "decimal", "4"),
        (4, "upperRoman", "IV"),
        (14, "lowerRoman", "xiv"),
        (2, "lowerLetter", "b"),
        (28, "upperLetter", "BB"),
        (12, "decimalFullWidth", "１２"),
    ],
)
def test_number_formats(number: int, num_fmt: str, shown: str) -> None:
    assert format_number(number, num_fmt) == shown


def test_truncated_docx(statement_docx: bytes) -> None:
    with pytest.raises(InputError, match=r"^s\.docx: corrupt Word \.docx file"):
        read_bytes(statement_docx[: len(statement_docx) // 2], "s.docx")


def test_docx_with_broken_xml(statement_docx: bytes) -> None:
    source = zipfile.ZipFile(io.BytesIO(statement_docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as broken:
        for item in source.infolist():
            data = source.read(item)
            broken.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(InputError) as caught:
        read_bytes(buffer.getvalue(), "s.docx")
    assert str(caught.value).startswith("s.docx: corrupt Word .docx file") and "\n" not in str(caught.value)


def test_other_zip_is_not_a_statement() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="binary file, not a statement"):
        read_bytes(buffer.getvalue(), "-")
    with pytest.raises(InputError, match="no word/document.xml"):
        read_bytes(buffer.getvalue(), "renamed.docx")


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch, statement_docx: bytes) -> None:
    monkeypatch.setattr("communique.readers.docx.MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(InputError, match="unpacks to over 1,000 bytes"):
        read_bytes(statement_docx, "big.docx")


def test_docx_without_text() -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    with pytest.raises(InputError, match="no text in the Word document"):
        read_bytes(save(document), "blank.docx")
