"""The JSON API: OpenAPI document, authentication and roles, reads, writes with conflicts, the token CLI."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from communique.tracker.models import Commitment, HistoryEntry, Paragraph
from communique.tracker.services import list_commitments

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/statements/",
    "/api/statements/{id}/",
    "/api/commitments/",
    "/api/commitments/{id}/",
    "/api/commitments/{id}/evidence/",
    "/api/commitments/{id}/history/",
    "/api/history/",
]


def _client(user: Any | None = None) -> APIClient:
    c = APIClient()
    if user is not None:
        c.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return c


@pytest.fixture
def commitment(sample_statement: Any) -> Commitment:
    return Commitment.objects.filter(statement=sample_statement, active=True).order_by("id").first()


def test_openapi_document_is_valid_openapi_3_and_lists_every_endpoint() -> None:
    from drf_spectacular.validation import validate_schema

    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    validate_schema(document)  # the OpenAPI 3 JSON schema bundled with drf-spectacular
    assert sorted(document["paths"]) == sorted(ENDPOINTS)
    assert set(document["paths"]["/api/commitments/{id}/"]) >= {"get", "patch"}
    assert "post" in document["paths"]["/api/commitments/{id}/evidence/"]
    params = {p["name"] for p in document["paths"]["/api/commitments/"]["get"]["parameters"]}
    assert {"q", "party", "status", "section", "statement", "act", "organization", "due", "page"} <= params
    assert {"tokenAuth", "cookieAuth"} <= set(document["components"]["securitySchemes"])


@pytest.mark.parametrize("method,path", [
    ("get", "/api/statements/"), ("get", "/api/commitments/"), ("get", "/api/history/"),
    ("get", "/api/commitments/{id}/"), ("patch", "/api/commitments/{id}/"),
    ("post", "/api/commitments/{id}/evidence/"),
])
def test_unauthenticated_requests_are_refused(commitment: Commitment, method: str, path: str) -> None:
    response = getattr(APIClient(), method)(path.format(id=commitment.pk), {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    wrong = _client()
    wrong.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert getattr(wrong, method)(path.format(id=commitment.pk), {}, format="json").status_code == 401


def test_a_user_without_a_role_reads_nothing(make_user: Any, commitment: Commitment) -> None:
    nobody = _client(make_user("nobody", None))
    assert nobody.get("/api/commitments/").status_code == 403
    assert nobody.get(f"/api/commitments/{commitment.pk}/").status_code == 403


def test_viewer_token_reads_but_cannot_write(viewer: Any, commitment: Commitment) -> None:
    api = _client(viewer)
    assert api.get(f"/api/commitments/{commitment.pk}/").status_code == 200
    before = (commitment.version, HistoryEntry.objects.count())
    response = api.patch(f"/api/commitments/{commitment.pk}/", {"version": commitment.version,
                                                                 "status": "implementation"}, format="json")
    assert response.status_code == 403
    response = api.post(f"/api/commitments/{commitment.pk}/evidence/", {"kind": "note", "text": "x"}, format="json")
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert (commitment.version, HistoryEntry.objects.count()) == before


def test_editor_token_updates_with_the_version_read_and_gets_409_on_a_stale_one(
    editor: Any, commitment: Commitment
) -> None:
    api = _client(editor)
    url = f"/api/commitments/{commitment.pk}/"
    version = api.get(url).json()["version"]
    response = api.patch(url, {"version": version, "status": "implementation", "score": 1,
                               "note": "work started", "why": "ministry report"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "implementation" and body["score"] == 1 and body["version"] == version + 1
    assert [e["text"] for e in body["evidence"]] == ["work started"]
    changes = [(h["field"], h["new"], h["user"]) for h in body["history"] if h["field"] in ("status", "score")]
    assert changes == [("status", "implementation", editor.username), ("score", 1, editor.username)]

    stale = api.patch(url, {"version": version, "status": "closed"}, format="json")
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]
    commitment.refresh_from_db()
    assert commitment.status == 2 and commitment.version == version + 1

    assert api.patch(url, {"version": version + 1, "status": "bogus"}, format="json").status_code == 400
    assert api.patch(url, {"status": "closed"}, format="json").status_code == 400  # version is required
    assert api.patch(url, {"version": version + 1, "score": 5}, format="json").status_code == 400
    assert api.patch("/api/commitments/999999/", {"version": 1, "status": "closed"}, format="json").status_code == 404


@pytest.fixture
def other_statement(editor: Any) -> Any:
    from communique.tracker.services import import_statement

    text = "日本国とX国の共同声明\n\n1 双方は、水素分野での協力を推進する。\n"
    return import_statement(text.encode(), editor, name="other").statement


def test_editor_adds_evidence_and_history_lists_it(editor: Any, commitment: Commitment, other_statement: Any) -> None:
    api = _client(editor)
    url = f"/api/commitments/{commitment.pk}/evidence/"
    response = api.post(url, {"kind": "link", "url": "https://example.org/report", "why": "press release",
                              "version": commitment.version}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["url"] == "https://example.org/report" and response.json()["added_by"] == editor.username
    assert api.post(url, {"kind": "link", "url": "javascript:alert(1)"}, format="json").status_code == 400
    assert api.post(url, {"kind": "note", "text": "late", "version": commitment.version}, format="json").status_code == 409
    other = Paragraph.objects.filter(statement=other_statement).first()
    assert api.post(url, {"kind": "paragraph", "paragraph": other.pk}, format="json").status_code == 201
    assert [e["kind"] for e in api.get(url).json()] == ["link", "paragraph"]

    history = api.get(f"/api/commitments/{commitment.pk}/history/").json()
    assert [(h["field"], h["why"]) for h in history if h["field"] == "evidence"] == [
        ("evidence", "press release"), ("evidence", "")]
    page = api.get("/api/history/", {"user": editor.username, "target_type": "commitment",
                                     "target_id": commitment.pk}).json()
    assert [h["field"] for h in page["results"]] == ["evidence", "evidence", "created"] and page["count"] == 3
    assert api.get("/api/history/", {"user": "someone-else"}).json()["results"] == []


def test_session_login_reads_and_session_writes_need_the_csrf_token(editor: Any, commitment: Commitment) -> None:
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.get("/api/commitments/").status_code == 200
    response = browser.patch(f"/api/commitments/{commitment.pk}/", {"version": commitment.version, "status": 2},
                             format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_commitment_list_filters_search_and_pages_like_the_tracker(viewer: Any, sample_statement: Any) -> None:
    api = _client(viewer)
    everything = list_commitments()
    first = api.get("/api/commitments/", {"page_size": 10}).json()
    assert [r["id"] for r in first["results"]] == [c.pk for c in everything[:10]]
    assert first["count"] is None and first["next"] and first["previous"] is None
    counted = api.get("/api/commitments/", {"page_size": 10, "count": "true"}).json()
    assert counted["count"] == everything.count()
    second = api.get(first["next"]).json()
    assert [r["id"] for r in second["results"]] == [c.pk for c in everything[10:20]]

    found = api.get("/api/commitments/", {"q": "協力", "page_size": 200}).json()
    expected = [c.pk for c in everything if "協力" in c.sentence.text]
    assert expected and [r["id"] for r in found["results"]] == expected and found["count"] == len(expected)
    assert all("協力" in r["text"] for r in found["results"])

    party = api.get("/api/commitments/", {"party": "JPN", "status": "pipeline", "page_size": 200}).json()
    assert [r["id"] for r in party["results"]] == [c.pk for c in list_commitments(party="JPN", status="pipeline")]
    by_due = api.get("/api/commitments/", {"sort": "-id", "page_size": 5}).json()
    assert [r["id"] for r in by_due["results"]] == [c.pk for c in everything.order_by("-id")[:5]]
    for bad in ({"party": "Japan"}, {"status": "bogus"}, {"due": "someday"}, {"sort": "text"}, {"act": "dance"}):
        response = api.get("/api/commitments/", bad)
        assert response.status_code == 400 and response.json()["detail"], bad


def test_statement_list_and_detail(viewer: Any, sample_statement: Any) -> None:
    api = _client(viewer)
    listed = api.get("/api/statements/").json()
    assert [r["id"] for r in listed["results"]] == [sample_statement.pk]
    active = Commitment.objects.filter(statement=sample_statement, active=True).count()
    assert listed["results"][0]["commitments"] == active and listed["count"] == 1
    detail = api.get(f"/api/statements/{sample_statement.pk}/").json()
    numbered = [p["number"] for p in detail["paragraphs"] if p["number"] is not None]
    assert numbered == list(range(1, 61))
    sentences = [s for p in detail["paragraphs"] for s in p["sentences"]]
    assert len(sentences) == sample_statement.sentences.count()
    linked = {s["commitment"] for s in sentences if s["commitment"]}
    assert linked == set(Commitment.objects.filter(statement=sample_statement).values_list("id", flat=True))
    assert {sec["title"] for sec in detail["sections"]} >= {c.topic for c in Commitment.objects.filter(
        statement=sample_statement) if c.topic}
    assert api.get("/api/statements/999999/").status_code == 404


def test_token_command_prints_one_token_per_user(editor: Any) -> None:
    from typer.testing import CliRunner

    from communique.cli import _register, app

    _register()
    runner = CliRunner()
    first = runner.invoke(app, ["token", "--user", editor.username])
    assert first.exit_code == 0, first.output
    key = first.stdout.strip().splitlines()[0]
    assert Token.objects.get(user=editor).key == key
    assert runner.invoke(app, ["token", "--user", editor.username]).stdout.strip().splitlines()[0] == key
    reset = runner.invoke(app, ["token", "--user", editor.username, "--reset"]).stdout.strip().splitlines()[0]
    assert reset != key and Token.objects.get(user=editor).key == reset
    assert _client(editor).get("/api/commitments/").status_code == 200
    missing = runner.invoke(app, ["token", "--user", "nobody-here"])
    assert missing.exit_code == 2 and "no user" in missing.output
