"""Who may read and change what, CSRF, and the login rate limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from communique.tracker.models import Commitment, HistoryEntry

pytestmark = pytest.mark.django_db

READ_PAGES = ("dashboard", "commitments", "organizations")


def test_reading_requires_login(client: Client) -> None:
    for name in READ_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_user_without_role_cannot_read(client: Client, make_user: Any) -> None:
    client.force_login(make_user("nobody", None))
    assert client.get(reverse("dashboard")).status_code == 403


def test_viewer_reads_every_page_but_sees_no_forms(viewer_client: Client, sample_statement: Any) -> None:
    c = Commitment.objects.filter(statement=sample_statement).first()
    pages = [reverse(n) for n in READ_PAGES] + [reverse("reader", args=[sample_statement.pk]),
                                                reverse("commitment", args=[c.pk])]
    for url in pages:
        assert viewer_client.get(url).status_code == 200, url
    page = viewer_client.get(reverse("commitment", args=[c.pk])).content.decode()
    assert 'id="status-form"' not in page and 'id="evidence-form"' not in page and 'id="correction-form"' not in page
    assert reverse("upload") not in viewer_client.get(reverse("dashboard")).content.decode()


def test_viewer_cannot_change_anything(viewer_client: Client, sample_statement: Any) -> None:
    c = Commitment.objects.filter(statement=sample_statement).first()
    before = (c.status, c.version, HistoryEntry.objects.count())
    posts = [
        (reverse("commitment-update", args=[c.pk]), {"status": "closed", "version": c.version, "why": "x"}),
        (reverse("commitment-evidence", args=[c.pk]), {"kind": "note", "text": "x"}),
        (reverse("commitment-correct", args=[c.pk]), {"field": "actors", "value": "JPN"}),
        (reverse("upload"), {}),
    ]
    for url, data in posts:
        assert viewer_client.post(url, data).status_code == 403, url
    assert viewer_client.get(reverse("upload")).status_code == 403
    c.refresh_from_db()
    assert (c.status, c.version, HistoryEntry.objects.count()) == before


def test_anonymous_post_goes_to_login_and_changes_nothing(client: Client, sample_statement: Any) -> None:
    c = Commitment.objects.filter(statement=sample_statement).first()
    response = client.post(reverse("commitment-update", args=[c.pk]), {"status": "closed", "version": c.version})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    c.refresh_from_db()
    assert c.status == 1


def test_post_without_csrf_token_is_refused(editor: Any, sample_statement: Any) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    c = Commitment.objects.filter(statement=sample_statement).first()
    response = strict.post(reverse("commitment-update", args=[c.pk]), {"status": "closed", "version": c.version})
    assert response.status_code == 403
    c.refresh_from_db()
    assert c.status == 1
    # With the token from the page, the same post goes through.
    strict.get(reverse("commitment", args=[c.pk]))
    token = strict.cookies["csrftoken"].value
    response = strict.post(reverse("commitment-update", args=[c.pk]),
                           {"status": "closed", "version": c.version, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_login_form_works_and_is_rate_limited(client: Client, editor: Any, password: str) -> None:
    for _ in range(4):
        response = client.post(reverse("login"), {"username": "eddie", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
        assert "didn" in response.content.decode()
    assert client.post(reverse("login"), {"username": "eddie", "password": "wrong"}).status_code == 429
    locked = client.post(reverse("login"), {"username": "eddie", "password": password})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    other = Client()
    ok = other.post(reverse("login"), {"username": "vera-unknown", "password": password})
    assert ok.status_code == 200  # another user name is not locked


def test_login_with_the_right_password_logs_in(client: Client, editor: Any, password: str) -> None:
    response = client.post(reverse("login"), {"username": "eddie", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_admin_site_is_for_admins_only(make_user: Any) -> None:
    admin, editor = Client(), Client()
    admin.force_login(make_user("ada", "admin"))
    editor.force_login(make_user("ed2", "editor"))
    assert admin.get("/admin/").status_code == 200
    assert editor.get("/admin/").status_code == 302


def test_logout_ends_the_session(editor_client: Client) -> None:
    assert editor_client.get(reverse("dashboard")).status_code == 200
    response = editor_client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert editor_client.get(reverse("dashboard")).status_code == 302


def test_static_files_are_served_without_debug(client: Client) -> None:
    response = client.get("/static/communique/app.css")
    assert response.status_code == 200 and b".sent.act-commit" in b"".join(response.streaming_content)
    assert client.get("/static/communique/missing.css").status_code == 404
