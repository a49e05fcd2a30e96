"""Entity highlighting, charts and the side-by-side reader: everything escaped, spans where expected."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

import communique
from communique.web import charts
from communique.web.highlight import Span, find_spans, highlight, snippet


def test_highlight_escapes_text_and_titles() -> None:
    text = 'A <b>"x"</b> & B'
    html = highlight(text, [Span(2, 12, "organization", '<img src=x onerror="alert(1)">')])
    assert html == ('A <mark class="ent ent-organization" title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">'
                    "&lt;b&gt;&quot;x&quot;&lt;/b&gt;</mark> &amp; B")


def test_find_spans_marks_every_kind_and_resolves_overlaps() -> None:
    sentence = {
        "text": "双方は、2026年に国際協力機構（JICA）と行動計画を策定する。",
        "actors": ["JPN", "KAZ"],
        "organizations": [{"mention": "国際協力機構（JICA）", "name": "JICA"}, {"mention": "JICA", "name": "JICA"}],
        "instruments": [{"mention": "行動計画", "kind": "action_plan"}],
        "dates": [{"mention": "2026年", "value": "2026"}],
    }
    spans = find_spans(sentence["text"], sentence, "ja")
    found = [(sentence["text"][s.start:s.end], s.kind) for s in spans]
    assert found == [("双方", "actor"), ("2026年", "date"), ("国際協力機構（JICA）", "organization"),
                     ("行動計画", "instrument")]


def test_english_words_match_whole_words_only() -> None:
    sentence = {"text": "We welcome cooperation between the two sides.", "actors": ["JPN", "USA"]}
    spans = find_spans(sentence["text"], sentence, "en")
    assert [sentence["text"][s.start:s.end] for s in spans] == ["We", "the two sides"]


def test_snippet_marks_search_hits_and_escapes() -> None:
    html = snippet("<i>AI</i> and ai cooperation", "ai")
    assert html.count('<mark class="ent ent-hit"') == 2
    assert "&lt;i&gt;" in html and "<i>" not in html


def test_bar_chart_escapes_labels_and_scales_bars() -> None:
    svg = charts.bar_chart([charts.Bar("<script>x</script>", 10), charts.Bar("b", 5)], "t")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="(\d+)"', svg)]
    assert len(widths) == 2 and widths[0] == 2 * widths[1]


def test_timeline_places_events_in_order() -> None:
    today = date(2026, 1, 1)
    svg = charts.timeline([charts.Event(date(2026, 3, 1), "<b>", "soon"), charts.Event(date(2025, 6, 1), "a", "done")],
                          today, "t")
    xs = [float(x) for x in re.findall(r'<circle class="ev ev-\w+" cx="([\d.]+)"', svg)]
    assert xs == sorted(xs) and len(xs) == 2 and "<b>" not in svg


@pytest.mark.django_db
def test_reader_shows_japanese_and_english_side_by_side(editor_client: Client, editor: Any,
                                                        sample_statement: Any) -> None:
    from communique.tracker.services import import_statement

    english = communique.parse("Joint Statement\n\n1. The two sides will deepen cooperation in energy.\n")
    english.info.language = "en"
    english.info.date = sample_statement.date.isoformat()
    english.info.parties = list(sample_statement.parties)
    other = import_statement(english, editor, name="english.md").statement
    page = editor_client.get(reverse("reader", args=[sample_statement.pk])).content.decode()
    assert 'lang="ja"' in page and 'lang="en"' in page and "deepen cooperation" in page
    # Paragraph 1 of both versions sits in the same row.
    rows = page.split('<div class="aligned-row">')[1:]
    first = next(row for row in rows if "deepen cooperation" in row)
    assert first.count('data-number="1"') == 2
    assert len(rows) == 1 + sample_statement.paragraphs.exclude(number=None).count()  # + the preamble row
    single = editor_client.get(reverse("reader", args=[sample_statement.pk]) + "?single=1").content.decode()
    assert 'class="aligned-row"' not in single and single.count('class="para" data-number=') == 60
    back = editor_client.get(reverse("reader", args=[other.pk])).content.decode()
    assert back.count('<div class="aligned-row">') == len(rows)
