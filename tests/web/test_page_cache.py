"""The whole-page cache of the list and dashboard (``counts.cached_page``) and the Python-side
facet counts of text searches (``queries.facets``), with Django's test client."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from communique.tracker.models import STATUS_NAMES, Commitment, Mention
from communique.tracker.services.commitments import update_commitment
from communique.web import queries, roles
from communique.web.views import commitments as commitments_view

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def _csrf_tokens(html: str) -> list[str]:
    return CSRF_INPUT.findall(html)


def _without_tokens(html: str) -> str:
    return CSRF_INPUT.sub('name="csrfmiddlewaretoken" value=""', html)


def _status_counts(html: str) -> dict[str, int]:
    facet = html[html.index('data-facet="status"'):html.index('data-facet="organization"')]
    return {name: int(n) for name, n in re.findall(r'>([a-z]+)</a> <span class="count">(\d+)</span>', facet)}


def _who(html: str) -> str:
    found = re.search(r'<span class="who">([^<]*)</span>', html)
    assert found, "no user name in the header"
    return found.group(1)


@pytest.fixture
def render_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths the list view rendered (a cache hit renders nothing)."""
    calls: list[str] = []
    original = commitments_view.render

    def counting(request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        calls.append(request.get_full_path())
        return original(request, *args, **kwargs)

    monkeypatch.setattr(commitments_view, "render", counting)
    return calls


def test_cached_page_is_the_same_with_a_fresh_valid_csrf_token(editor: Any, sample_statement: Any,
                                                              render_calls: list[str]) -> None:
    # Two browsers of the same user: the second gets the page stored for the first one, so a token
    # left in the stored copy would belong to the other browser's CSRF secret and be refused.
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(editor)
    second.force_login(editor)
    url = reverse("commitments") + "?status=pipeline"
    page1 = first.get(url).content.decode()
    page2 = second.get(url).content.decode()
    assert render_calls == [url], "the second GET was not served from the cache"
    assert _without_tokens(page1) == _without_tokens(page2)
    assert 'class="commitment-row"' in page2
    tokens1, tokens2 = _csrf_tokens(page1), _csrf_tokens(page2)
    assert len(tokens2) == len(tokens1) == 2  # language switch and log-out forms
    assert not set(tokens1) & set(tokens2), "the first response's tokens were stored and served again"

    refused = second.post(reverse("set_language"), {"language": "ja", "next": url,
                                                    "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403
    assert "django_language" not in refused.cookies
    for token in tokens2:
        accepted = second.post(reverse("set_language"), {"language": "ja", "next": url,
                                                         "csrfmiddlewaretoken": token})
        assert accepted.status_code == 302 and accepted.cookies["django_language"].value == "ja"
    # The switch took effect: the language is part of the key, so no English copy comes back.
    assert '<html lang="ja">' in second.get(url).content.decode()
    assert '<html lang="en">' in first.get(url).content.decode()
    # And an editing form, with the token of the cached page, as the same browser.
    c = Commitment.objects.filter(statement=sample_statement).order_by("id").first()
    saved = second.post(reverse("commitment-update", args=[c.pk]),
                        {"status": "closed", "version": c.version, "why": "done",
                         "csrfmiddlewaretoken": tokens2[1]})
    assert saved.status_code == 302
    c.refresh_from_db()
    assert c.status_name == "closed"


def test_cached_list_and_dashboard_follow_a_change_through_the_services(editor_client: Client, editor: Any,
                                                                        sample_statement: Any) -> None:
    url = reverse("commitments")
    before = _status_counts(editor_client.get(url).content.decode())
    assert _status_counts(editor_client.get(url).content.decode()) == before  # now from the cache
    dashboard_before = editor_client.get(reverse("dashboard")).content.decode()
    editor_client.get(reverse("dashboard"))
    assert '<th scope="row">cancelled</th><td>0</td>' in dashboard_before

    c = Commitment.objects.filter(statement=sample_statement).order_by("id").first()
    old = c.status_name
    update_commitment(c.pk, editor, c.version, status="cancelled", why="dropped")

    after = _status_counts(editor_client.get(url).content.decode())
    assert after.get("cancelled", 0) == before.get("cancelled", 0) + 1
    assert after.get(old, 0) == before[old] - 1
    dashboard = editor_client.get(reverse("dashboard")).content.decode()
    assert '<th scope="row">cancelled</th><td>1</td>' in dashboard


def test_a_page_with_a_pending_message_is_never_served_from_the_cache(editor_client: Client,
                                                                     sample_statement: Any,
                                                                     render_calls: list[str]) -> None:
    c = Commitment.objects.filter(statement=sample_statement).order_by("id").first()
    saved = editor_client.post(reverse("commitment-update", args=[c.pk]),
                               {"status": "implementation", "version": c.version, "why": "started"})
    assert saved.status_code == 302
    url = reverse("commitments")
    with_message = editor_client.get(url).content.decode()  # the message is shown on the next page
    assert 'class="messages"' in with_message and "Saved." in with_message
    again = editor_client.get(url).content.decode()
    assert "Saved." not in again and 'class="messages"' not in again
    assert _status_counts(again)["implementation"] >= 1
    # The second GET rendered afresh (nothing stored from the first one), the third is a hit.
    assert "Saved." not in editor_client.get(url).content.decode()
    assert render_calls == [url, url]


def test_each_user_and_role_gets_its_own_header(editor_client: Client, viewer_client: Client, viewer: Any,
                                                sample_statement: Any) -> None:
    for name in ("commitments", "dashboard"):
        url = reverse(name)
        editor_page = editor_client.get(url).content.decode()
        viewer_page = viewer_client.get(url).content.decode()
        assert _who(editor_page) == "eddie · editor"
        assert _who(viewer_page) == "vera · viewer"
        assert reverse("upload") in editor_page and reverse("upload") not in viewer_page
        # A cache hit for each still names its own user.
        assert _who(viewer_client.get(url).content.decode()) == "vera · viewer"
        assert _who(editor_client.get(url).content.decode()) == "eddie · editor"
    # A new role shows at once (the role is part of the key; no data changed).
    roles.assign(viewer, "editor")
    page = viewer_client.get(reverse("commitments")).content.decode()
    assert _who(page) == "vera · editor" and reverse("upload") in page


# --- facet counts of text searches, against an independent computation ---------------------------


def _independent_facets(f: queries.Filters, today: date) -> tuple[dict[str, Counter[str]], int]:
    """Each facet counted over plain ORM rows: the text terms as ``icontains`` on the sentence
    (SQLite's LIKE ignores ASCII case only, as the search does), every other filter in Python."""
    rows = queries.base_commitments()
    for term in f.q.split():
        rows = rows.filter(sentence__text__icontains=term)
    values = list(rows.values("status", "statement_id", "topic", "actors", "sentence__acts", "due_date",
                              "sentence_id"))
    with_org = set(Mention.objects.filter(active=True, organization_id=f.organization)
                   .values_list("sentence_id", flat=True)) if f.organization else set()
    orgs_of: dict[int, set[int]] = {}
    for sentence, organization in Mention.objects.filter(active=True).values_list("sentence_id", "organization_id"):
        orgs_of.setdefault(sentence, set()).add(organization)
    soon = today + timedelta(days=queries.SOON_DAYS)

    def window(r: dict[str, Any]) -> str:
        due = r["due_date"]
        if due is None:
            return "none"
        if due > soon:
            return "later"
        if due >= today:
            return "soon"
        return "overdue" if r["status"] in queries.OPEN_STATUSES else ""

    def passes(r: dict[str, Any], key: str) -> bool:
        return {
            "statement": not f.statement or r["statement_id"] == f.statement,
            "section": not f.section or r["topic"] == f.section,
            "party": not f.party or f.party in r["actors"],
            "act": not f.act or f.act in r["sentence__acts"],
            "status": not f.status or r["status"] == f.status,
            "organization": not f.organization or r["sentence_id"] in with_org,
            "due": not f.due or window(r) == f.due,
        }[key]

    out: dict[str, Counter[str]] = {key: Counter() for key in queries.FACET_KEYS}
    org_sentences: set[int] = set()
    for r in values:
        for key in queries.FACET_KEYS:
            if not all(passes(r, other) for other in queries.FACET_KEYS if other != key):
                continue
            if key == "statement":
                out[key][str(r["statement_id"])] += 1
            elif key == "section" and r["topic"]:
                out[key][r["topic"]] += 1
            elif key == "party":
                out[key].update(set(r["actors"]))
            elif key == "act":
                out[key].update(set(r["sentence__acts"]))
            elif key == "status":
                out[key][STATUS_NAMES[r["status"]]] += 1
            elif key == "organization":
                org_sentences.add(r["sentence_id"])
            elif key == "due" and window(r):
                out[key][window(r)] += 1
    for sentence in org_sentences:
        out["organization"].update(str(o) for o in orgs_of.get(sentence, ()))
    total = sum(all(passes(r, key) for key in queries.FACET_KEYS) for r in values)
    return out, total


ENGLISH_STATEMENT = """Joint Statement by Japan and the Republic of Testland

1. Energy
Japan and Testland will promote cooperation on hydrogen and Energy security by 2027.
The two leaders decided to expand Hydrogen supply chains within three years.
Both sides will strengthen cooperation in AI and energy efficiency.

2. People
Japan will provide scholarships to 100 students from Testland by 2026.
"""


@pytest.fixture
def english_statement(editor: Any) -> Any:
    """A small English statement next to the sample: ASCII words in mixed case to search for."""
    import communique
    from communique.tracker.services import import_statement

    return import_statement(communique.parse(ENGLISH_STATEMENT), editor, name="english").statement


def _most_common(values: list[dict[str, Any]], field: str, q: str) -> Any:
    counter: Counter[Any] = Counter()
    for r in values:
        items = r[field] if isinstance(r[field], list) else [r[field]]
        counter.update(items)
    assert counter, f"nothing found for {q!r}"
    return counter.most_common(1)[0][0]


@pytest.mark.parametrize("q", ["協力", "推進する", "協力 推進", "energy", "HYDROGEN", "ai", "cooperation Energy"])
def test_text_search_facets_equal_an_independent_count(sample_statement: Any, english_statement: Any,
                                                       q: str) -> None:
    today = date(2026, 6, 1)
    base = queries.base_commitments()
    matching = base
    for term in q.split():
        matching = matching.filter(sentence__text__icontains=term)
    found = list(matching.values("status", "actors", "sentence__acts", "topic", "sentence_id"))
    assert found, f"{q!r} is in neither statement"
    orgs = list(Mention.objects.filter(active=True, sentence_id__in=[r["sentence_id"] for r in found])
                .values_list("organization_id", flat=True))
    party = _most_common(found, "actors", q)
    act = _most_common(found, "sentence__acts", q)
    topic = _most_common(found, "topic", q)
    status = _most_common(found, "status", q)
    selections = [
        queries.Filters(q=q),
        queries.Filters(q=q, party=party),
        queries.Filters(q=q, act=act, status=status),
        queries.Filters(q=q, section=topic, due="none"),
        queries.Filters(q=q, statement=sample_statement.pk, party=party, act=act, due="overdue"),
        queries.Filters(q=q, statement=english_statement.pk, due="soon"),
        queries.Filters(q=q, status=5),  # nothing cancelled: chosen value shown with 0
    ]
    if orgs:
        selections.append(queries.Filters(q=q, organization=Counter(orgs).most_common(1)[0][0], party=party))

    def filtered(g: queries.Filters) -> Any:
        return queries.apply_filters(base, g, today)

    for f in selections:
        facets, total = queries.facets(filtered, f, today, limit=10_000)
        expected, expected_total = _independent_facets(f, today)
        assert total == expected_total, f
        for facet in facets:
            got = {value: n for value, _label, n in facet.values if n}
            assert got == {k: n for k, n in expected[facet.key].items() if n}, (f, facet.key)
