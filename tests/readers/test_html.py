"""HTML reader: main text only, structure kept as Markdown-like lines, hostile markup harmless."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.errors import InputError
from communique.readers import read_bytes
from communique.readers.html import collapse_whitespace, html_to_text

PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>共同声明 | 外務省</title>
<style>body { color: red }</style><script>var tracking = "TRACKER";</script></head>
<body onload="steal()">
<header class="site"><a href="/">外務省</a><nav><ul><li>ホーム</li><li>会見</li></ul></nav></header>
<aside>関連リンク SIDEBAR</aside>
<main>
  <article>
    <header><h1>日本国及びカザフスタン共和国の間の共同声明</h1></header>
    <p>2025年12月18日、両首脳は東京で会談を行った。</p>
    <p><strong>I 政治分野</strong></p>
    <p>1 双方は、ハイレベル相互訪問を含む
       継続的な政治対話を通じて二国間関係を発展させる。</p>
    <h2>II 経済分野</h2>
    <ol start="3"><li>双方は、投資を促進する。</li><li>双方は、<b>貿易</b>を拡大する。</li></ol>
    <ul><li>エネルギー</li><li>運輸</li></ul>
    <p>東京<br>2025年12月18日</p>
    <form><input value="FORMVALUE"><button>送信</button></form>
  </article>
</main>
<footer>Copyright FOOTER</footer>
<script>document.write("LATE SCRIPT")</script>
</body></html>"""


@pytest.fixture(scope="module")
def page_text() -> str:
    text, format, encoding = read_bytes(PAGE.encode("utf-8"), "statement.html")
    assert (format, encoding) == ("html", "utf-8")
    return text


def test_structure_as_markdown(page_text: str) -> None:
    assert page_text == (
        "# 日本国及びカザフスタン共和国の間の共同声明\n\n"
        "2025年12月18日、両首脳は東京で会談を行った。\n\n"
        "**I 政治分野**\n\n"
        "1 双方は、ハイレベル相互訪問を含む継続的な政治対話を通じて二国間関係を発展させる。\n\n"
        "## II 経済分野\n\n"
        "3. 双方は、投資を促進する。\n"
        "4. 双方は、貿易を拡大する。\n\n"
        "- エネルギー\n"
        "- 運輸\n\n"
        "東京\n2025年12月18日"
    )


@pytest.mark.parametrize(
    "chrome", ["TRACKER", "外務省", "ホーム", "SIDEBAR", "FORMVALUE", "送信", "FOOTER", "LATE SCRIPT", "red"]
)
def test_page_chrome_is_dropped(page_text: str, chrome: str) -> None:
    assert chrome not in page_text


def test_detected_from_content_on_stdin() -> None:
    text, format, _ = read_bytes(PAGE.encode("utf-8"), "-")
    assert format == "html" and text.startswith("# 日本国")


def test_bold_only_blocks_are_kept_bold() -> None:
    markup = "<div><b>II 経済分野</b></div><p><span><strong>III 人的交流</strong></span></p><p><b>a</b> b</p>"
    assert html_to_text(markup) == "**II 経済分野**\n\n**III 人的交流**\n\na b"


def test_body_used_without_main_and_all_headings() -> None:
    markup = (
        "<body><header>BANNER</header>"
        + "".join(f"<h{n}>T{n}</h{n}>" for n in range(1, 7))
        + "<p>x</p></body>"
    )
    assert html_to_text(markup) == "# T1\n\n## T2\n\n### T3\n\n#### T4\n\n##### T5\n\n###### T6\n\nx"


def test_role_main_and_nested_lists_and_tables() -> None:
    markup = (
        "<div>menu</div><div role='main'><ul><li>a<ol><li>b</li><li>c</li></ol></li><li>d</li></ul>"
        "<table><tr><td>Prime Minister of Japan</td><td>President</td></tr></table></div>"
    )
    assert html_to_text(markup) == "- a\n  1. b\n  2. c\n- d\n\nPrime Minister of Japan\n\nPresident"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("協力を\n  強化する", "協力を強化する"),  # a line break between CJK characters disappears
        ("Both  sides\n agreed", "Both sides agreed"),
        ("協力 Japan", "協力 Japan"),  # a real space stays
        ("Japan\n協力", "Japan 協力"),
    ],
)
def test_whitespace_collapsing(before: str, after: str) -> None:
    assert collapse_whitespace(before) == after


MALICIOUS = [
    "<p>safe</p><script>alert('LEAK')</script>",
    "<p>safe<script>LEAK</script></p>",
    "<title><script>LEAK</script></title><p>safe</p>",
    "<p>safe</p><textarea><script>LEAK</script></textarea>",
    "<p>safe</p><noscript><p>LEAK</p></noscript>",
    "<p>safe</p><template><p>LEAK</p></template>",
    "<p>safe</p><svg><script>LEAK</script><text>LEAK</text></svg>",
    "<p>safe</p><math><mi>LEAK</mi></math>",
    "<p>safe</p><iframe srcdoc='&lt;p&gt;LEAK'>LEAK</iframe>",
    "<p>safe</p><style>/* LEAK */</style>",
    "<p>safe</p><!-- LEAK --><![CDATA[LEAK]]>",
    "<p>safe</p><xmp><script>LEAK</script></xmp>",
    "<p onclick='LEAK()' onmouseover=\"LEAK\">safe <a href='javascript:LEAK()'>link</a></p>",
    "<img src=x onerror='LEAK()'><p>safe</p>",
    "<p>safe</p></body></html><script>LEAK</script>",
    "<table><tr><script>LEAK</script><td>safe</td></tr></table>",
    "<ul><li>safe<script>LEAK</script></li></ul>",
    "<SCRIPT type='text/template'>LEAK</SCRIPT ><p>safe</p>",
    "<p>safe</p><object data='x'>LEAK</object><embed src='LEAK'>",
    "<select><option>LEAK</option></select><p>safe</p>",
    "<p>safe</p><plaintext><script>LEAK",
]


@pytest.mark.parametrize("markup", MALICIOUS)
def test_malicious_markup_never_leaks(markup: str) -> None:
    text = html_to_text(markup)
    assert "LEAK" not in text
    assert "safe" in text


def test_deep_nesting_does_not_crash() -> None:
    depth = 20_000
    markup = "<div>" * depth + "deep text<script>LEAK</script>" + "</div>" * depth + "<p>after</p>"
    text = html_to_text(markup)
    assert "deep text" in text and "after" in text and "LEAK" not in text


def test_unclosed_inline_nesting_does_not_crash() -> None:
    text = html_to_text("<b><i>" * 5_000 + "bold<script>LEAK</script>")
    assert text.strip() == "bold"


def test_meta_charset_shift_jis() -> None:
    markup = '<html><head><meta charset="Shift_JIS"></head><body><p>双方は、①協力する。</p></body></html>'
    text, format, encoding = read_bytes(markup.encode("cp932"), "page.htm")
    assert (text, format, encoding) == ("双方は、①協力する。", "html", "cp932")


def test_wrong_meta_charset_falls_back_to_detection() -> None:
    markup = '<html><head><meta charset="iso-2022-jp"></head><body><p>双方は協力する。</p></body></html>'
    text, _, encoding = read_bytes(markup.encode("utf-8"), "page.html")
    assert (text, encoding) == ("双方は協力する。", "utf-8")


def test_utf16_html() -> None:
    text, format, encoding = read_bytes("<html><body><h1>声明</h1></body></html>".encode("utf-16"), "-")
    assert (text, format) == ("# 声明", "html")
    assert encoding and encoding.startswith("utf-16")


def test_html_without_text_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^x\.html: no text in the HTML page"):
        read_bytes(
            b"<html><head><script>alert(1)</script></head><body><nav>menu</nav></body></html>", "x.html"
        )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "<b>",
                "</b>",
                "<script>",
                "</script>",
                "<li>",
                "<ul>",
                "</ul>",
                "<br>",
                "<h2>",
                "</h2>",
                "<table><tr><td>",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "x",
                "協力",
                "<main>",
                "<header>",
                "<nav>",
                "&amp;",
                "&#0;",
                "<",
                ">",
                "\n",
            ]
        ),
        max_size=60,
    )
)
def test_any_tag_soup_reads_or_raises_input_error(parts: list[str]) -> None:
    markup = "<html><body>" + "".join(parts)
    try:
        text = read_bytes(markup.encode("utf-8"), "soup.html")[0]
    except InputError:
        return
    assert text.strip() and "\r" not in text
