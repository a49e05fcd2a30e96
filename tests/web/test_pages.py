"""The pages with Django's test client: editing, conflicts, escaping, upload errors, facets, i18n."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote_plus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from communique.tracker.models import Commitment, Evidence, HistoryEntry, Statement

pytestmark = pytest.mark.django_db

SCRIPT_STATEMENT = (
    "日本国及び<script>alert('x')</script>国の共同声明\n\n"
    "1 双方は、<script>alert(\"pwned\")</script>の<b>協力</b>を推進する。\n\n"
    "2 双方は、<img src=x onerror=alert(1)>で一致した。\n"
)


def _first_commitment(statement: Statement) -> Commitment:
    return Commitment.objects.filter(statement=statement).order_by("id").first()


def test_status_update_with_note_is_in_history_and_dashboard(editor_client: Client, sample_statement: Any) -> None:
    c = _first_commitment(sample_statement)
    url = reverse("commitment-update", args=[c.pk])
    response = editor_client.post(url, {"status": "implementation", "score": "0", "version": c.version,
                                        "why": "started: first meeting held"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.status, c.score) == (2, 0)
    entry = HistoryEntry.objects.filter(target_type="commitment", target_id=c.pk, field="status").get()
    assert (entry.old, entry.new, entry.user.username, entry.why) == ("pipeline", "implementation", "eddie",
                                                                      "started: first meeting held")
    page = editor_client.get(reverse("commitment", args=[c.pk])).content.decode()
    history = page[page.index('id="history"'):]
    assert "started: first meeting held" in history and "eddie" in history
    dashboard = editor_client.get(reverse("dashboard")).content.decode()
    row = re.search(r"<th scope=\"row\">implementation</th><td>(\d+)</td>", dashboard)
    assert row and row.group(1) == "1"
    # One commitment assessed at 0 (partial): 50 % on the G7 Research Group scale, overall and per statement.
    assert re.search(r'class="num">50\.0%<', dashboard)
    chart = dashboard[dashboard.index('id="h-comp"'):]
    assert re.search(r'class="val">50(\.0)?<', chart)


def test_stale_version_shows_a_conflict_and_keeps_the_other_change(editor_client: Client,
                                                                  sample_statement: Any) -> None:
    c = _first_commitment(sample_statement)
    stale = c.version
    editor_client.post(reverse("commitment-update", args=[c.pk]),
                       {"status": "finalisation", "version": stale, "why": "first"})
    response = editor_client.post(reverse("commitment-update", args=[c.pk]),
                                  {"status": "cancelled", "version": stale, "why": "second"})
    assert response.status_code == 409
    assert 'id="conflict"' in response.content.decode()
    c.refresh_from_db()
    assert c.status == 3


def test_add_evidence_and_correction(editor_client: Client, sample_statement: Any) -> None:
    c = _first_commitment(sample_statement)
    response = editor_client.post(reverse("commitment-evidence", args=[c.pk]),
                                  {"kind": "link", "url": "https://example.org/report", "dated": "2026-01-15"})
    assert response.status_code == 302
    assert Evidence.objects.get(commitment=c).url == "https://example.org/report"
    missing = editor_client.post(reverse("commitment-evidence", args=[c.pk]), {"kind": "link", "url": ""})
    assert missing.status_code == 400
    response = editor_client.post(reverse("commitment-correct", args=[c.pk]),
                                  {"field": "actors", "value": "jpn", "why": "only Japan acts"})
    assert response.status_code == 302
    c.sentence.refresh_from_db()
    assert c.sentence.actors == ["JPN"]
    bad = editor_client.post(reverse("commitment-correct", args=[c.pk]), {"field": "actors", "value": "Japan!"})
    assert bad.status_code == 400 and "alpha-3" in bad.content.decode()


def test_reader_shows_numbered_paragraphs_acts_and_entities(editor_client: Client, sample_statement: Any) -> None:
    page = editor_client.get(reverse("reader", args=[sample_statement.pk])).content.decode()
    numbers = [int(n) for n in re.findall(r'class="para" data-number="(\d+)"', page)]
    assert numbers == sorted(numbers) and len(numbers) == sample_statement.paragraphs.exclude(number=None).count()
    assert 'class="sent act-commit"' in page
    assert '<mark class="ent ent-actor"' in page
    commitment = _first_commitment(sample_statement)
    assert reverse("commitment", args=[commitment.pk]) in page


def test_statement_text_is_escaped_everywhere(editor_client: Client, editor: Any) -> None:
    upload = SimpleUploadedFile("script.txt", SCRIPT_STATEMENT.encode("utf-8"), content_type="text/plain")
    response = editor_client.post(reverse("upload"), {"file": upload})
    assert response.status_code == 302
    statement = Statement.objects.get(source_name__endswith="script.txt")
    pages = [reverse("reader", args=[statement.pk]), reverse("commitments"), reverse("dashboard")]
    pages += [reverse("commitment", args=[c.pk]) for c in Commitment.objects.filter(statement=statement)]
    assert len(pages) > 3, "the script statement should have commitments"
    for url in pages:
        html = editor_client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>協力" not in html, url
    reader = editor_client.get(pages[0]).content.decode()
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in reader


def test_upload_errors_are_shown_with_400(editor_client: Client, settings: Any) -> None:
    bad_type = SimpleUploadedFile("statement.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = editor_client.post(reverse("upload"), {"file": bad_type})
    assert response.status_code == 400 and "Unsupported file type" in response.content.decode()

    binary = SimpleUploadedFile("statement.txt", bytes(range(256)) * 8, content_type="text/plain")
    response = editor_client.post(reverse("upload"), {"file": binary})
    assert response.status_code == 400
    assert 'id="upload-error"' in response.content.decode()

    settings.COMMUNIQUE_UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("statement.txt", "双方は協力する。".encode() * 20, content_type="text/plain")
    response = editor_client.post(reverse("upload"), {"file": big})
    assert response.status_code == 400 and "limit" in response.content.decode()
    huge = SimpleUploadedFile("statement.txt", b"x" * 200_000, content_type="text/plain")
    response = editor_client.post(reverse("upload"), {"file": huge})
    assert response.status_code == 413 and "limit" in response.content.decode()
    assert Statement.objects.count() == 0


def test_upload_of_the_sample_opens_the_reader(editor_client: Client, sample_path: Any) -> None:
    upload = SimpleUploadedFile(sample_path.name, sample_path.read_bytes(), content_type="text/plain")
    response = editor_client.post(reverse("upload"), {"file": upload})
    statement = Statement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reader", args=[statement.pk])
    again = editor_client.post(reverse("upload"), {"file": SimpleUploadedFile(sample_path.name,
                                                                               sample_path.read_bytes())})
    assert again.status_code == 302 and Statement.objects.count() == 1


def _total(html: str) -> int:
    return int(re.search(r'id="total">(\d+)', html).group(1))


def test_commitment_list_filters_search_and_counts(editor_client: Client, sample_statement: Any) -> None:
    url = reverse("commitments")
    everything = editor_client.get(url).content.decode()
    total = _total(everything)
    assert total == Commitment.objects.filter(statement=sample_statement, active=True).count()
    sections = re.findall(r'href="\?section=([^"]+)">[^<]*</a> <span class="count">(\d+)</span>', everything)
    assert sections
    section_query, count = sections[0]
    filtered = editor_client.get(url + "?section=" + section_query).content.decode()
    assert _total(filtered) == int(count) < total
    assert len(re.findall(r'class="commitment-row"', filtered)) == int(count)
    # The section facet still offers the other sections, with the chosen one marked.
    section_facet = filtered[filtered.index('data-facet="section"'):filtered.index('data-facet="party"')]
    assert section_facet.count('aria-current="true"') == 1 and section_facet.count("<li>") == len(sections) + 1
    none_closed = editor_client.get(url, {"section": unquote_plus(section_query), "status": "closed"})
    none_closed = none_closed.content.decode()
    assert _total(none_closed) == 0 and 'class="on">' + unquote_plus(section_query)[:10] in none_closed
    status_facet = none_closed[none_closed.index('data-facet="status"'):none_closed.index('data-facet="organization"')]
    assert 'aria-current="true" class="on">closed</a> <span class="count">0</span>' in status_facet

    found = editor_client.get(url, {"q": "協力"}).content.decode()
    expected = Commitment.objects.filter(statement=sample_statement, sentence__text__contains="協力").count()
    assert _total(found) == expected > 0
    nothing = editor_client.get(url, {"q": "no such words here"}).content.decode()
    assert _total(nothing) == 0


def test_commitment_list_pages_without_counting(editor_client: Client, sample_statement: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.web import queries

    monkeypatch.setattr(queries, "PAGE_SIZE", 10)
    monkeypatch.setattr(queries.page_of, "__defaults__", (10,))
    first = editor_client.get(reverse("commitments"), {"sort": "-id"}).content.decode()
    ids = [int(i) for i in re.findall(r'class="commitment-row">\s*<td><a href="/commitments/(\d+)/', first)]
    assert len(ids) == 10 and ids == sorted(ids, reverse=True)
    assert 'rel="next"' in first
    second = editor_client.get(reverse("commitments"), {"sort": "-id", "page": 2}).content.decode()
    more = [int(i) for i in re.findall(r'class="commitment-row">\s*<td><a href="/commitments/(\d+)/', second)]
    assert more and max(more) < min(ids)


def test_organizations_pages(editor_client: Client, sample_statement: Any) -> None:
    from communique.tracker.models import Organization

    page = editor_client.get(reverse("organizations")).content.decode()
    org = Organization.objects.filter(mentions__sentence__statement=sample_statement).first()
    assert org is not None and org.name in page
    detail = editor_client.get(reverse("organization", args=[org.pk])).content.decode()
    assert org.name in detail


def test_japanese_interface(editor_client: Client, sample_statement: Any) -> None:
    response = editor_client.post(reverse("set_language"), {"language": "ja", "next": "/"})
    assert response.status_code == 302
    page = editor_client.get(reverse("dashboard")).content.decode()
    assert '<html lang="ja">' in page and "ダッシュボード" in page
    assert "期限超過" in page and ">None<" not in page  # the app's words win over other catalogues
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.force_login(sample_statement.imported_by)
    assert "Dashboard" in english.get(reverse("dashboard")).content.decode()


def test_cached_counts_follow_every_change(editor_client: Client, sample_statement: Any) -> None:
    url = reverse("commitments") + "?status=implementation"
    assert _total(editor_client.get(url).content.decode()) == 0
    dashboard = editor_client.get(reverse("dashboard")).content.decode()
    assert '<th scope="row">implementation</th><td>0</td>' in dashboard
    c = _first_commitment(sample_statement)
    editor_client.post(reverse("commitment-update", args=[c.pk]), {"status": "implementation", "version": c.version})
    assert _total(editor_client.get(url).content.decode()) == 1
    dashboard = editor_client.get(reverse("dashboard")).content.decode()
    assert '<th scope="row">implementation</th><td>1</td>' in dashboard


def test_assign_and_set_a_due_date(editor_client: Client, editor: Any, sample_statement: Any) -> None:
    c = _first_commitment(sample_statement)
    page = editor_client.get(reverse("commitment", args=[c.pk])).content.decode()
    assert '<option value="eddie">eddie</option>' in page
    response = editor_client.post(reverse("commitment-update", args=[c.pk]), {
        "status": c.status_name, "version": c.version, "due": "2027-03", "assignee": "eddie", "why": "owner named",
    })
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.due_text, c.due_date.isoformat(), c.assignee) == ("2027-03", "2027-03-31", editor)
    fields = set(HistoryEntry.objects.filter(target_type="commitment", target_id=c.pk).values_list("field", flat=True))
    assert {"due", "assignee"} <= fields
    stranger = editor_client.post(reverse("commitment-update", args=[c.pk]),
                                  {"status": c.status_name, "version": c.version, "assignee": "mallory"})
    assert stranger.status_code == 400  # only editors and admins can be chosen
    bad_due = editor_client.post(reverse("commitment-update", args=[c.pk]),
                                 {"status": c.status_name, "version": c.version, "due": "soon"})
    assert bad_due.status_code == 400 and "YYYY" in bad_due.content.decode()
