"""Structure from the other input formats: HTML and Word arrive as Markdown-like text from the read stage."""

from __future__ import annotations

import io

import communique
from communique.pipeline import PARSE_STAGES

HTML = """<html><head><title>x</title><script>var a=1;</script></head><body><nav>Home | News</nav><main>
<h1>Joint Statement of Japan and the Republic of Korea</h1>
<p>Tokyo, 3 March 2026</p>
<h2>I. Political Cooperation</h2>
<p>1. The two leaders <strong>reaffirmed</strong> the importance of the partnership.</p>
<p>2. They decided to:</p><ul><li>hold a summit every year;</li><li>expand youth exchanges.</li></ul>
<h2>II. Economy</h2>
<p>3. Japan will support the 21<sup>st</sup> century initiative.</p>
</main><footer>Copyright</footer></body></html>"""


def test_html_statement() -> None:
    doc = communique.parse(HTML.encode(), format="html", stages=PARSE_STAGES)
    info = doc.info
    assert (info.title, info.date, info.place, info.parties) == (
        "Joint Statement of Japan and the Republic of Korea", "2026-03-03", "Tokyo", ["JPN", "KOR"]
    )
    assert [(s.label, s.title) for s in doc.sections] == [("I", "Political Cooperation"), ("II", "Economy")]
    assert [(p.number, p.section) for p in doc.paragraphs] == [(1, "I"), (2, "I"), (3, "II")]
    assert [s.text for s in doc.sentences if s.paragraph == "p2"] == [
        "They decided to:", "hold a summit every year;", "expand youth exchanges."
    ]


def test_docx_statement() -> None:
    import docx

    word = docx.Document()
    word.add_heading("日本国とフィリピン共和国の共同声明（仮訳）", 0)
    word.add_paragraph("両首脳は、2026年5月1日、マニラで会談を行った。")
    word.add_heading("I 政治分野", 1)
    word.add_paragraph("1 双方は、協力を強化する。")
    word.add_paragraph("2 双方は、「海洋安全保障」の重要性を確認した。")
    word.add_heading("II 経済分野", 1)
    word.add_paragraph("3 日本は、支援する。")
    buffer = io.BytesIO()
    word.save(buffer)
    doc = communique.parse(buffer.getvalue(), format="docx", stages=PARSE_STAGES)
    assert doc.info.title == "日本国とフィリピン共和国の共同声明" and doc.info.translation.is_translation
    assert (doc.info.date, doc.info.place, doc.info.parties) == ("2026-05-01", "マニラ", ["JPN", "PHL"])
    assert [(p.number, p.section) for p in doc.paragraphs] == [(None, None), (1, "I"), (2, "I"), (3, "II")]


def test_pdf_statement_with_running_header_and_page_break() -> None:
    from reportlab.pdfgen import canvas

    pages = [
        ["Joint Statement of Japan and Mexico", "", "1. The two leaders met in Mexico City on 4 June 2026 and",
         "agreed to deepen the partnership between the two countries.", "",
         "2. They will expand cooperation in the automobile and"],
        ["sector and in agriculture.", "", "3. The leaders welcomed the new air service agreement."],
    ]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number, lines in enumerate(pages, 1):
        pdf.drawString(72, 800, "JAPAN-MEXICO JOINT STATEMENT")
        for i, line in enumerate(lines):
            pdf.drawString(72, 760 - 16 * i, line)
        pdf.drawString(300, 40, str(number))
        pdf.showPage()
    pdf.save()
    doc = communique.parse(buffer.getvalue(), format="pdf", stages=PARSE_STAGES)
    assert (doc.info.title, doc.info.date, doc.info.parties) == ("Joint Statement of Japan and Mexico", "2026-06-04",
                                                                  ["JPN", "MEX"])
    assert [p.number for p in doc.paragraphs] == [1, 2, 3]
    assert doc.paragraph("p2").text == "They will expand cooperation in the automobile and sector and in agriculture."
    assert [r.kind for r in doc.repairs].count("page_furniture") == 4
