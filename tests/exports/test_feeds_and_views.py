"""Calendar feeds (private URL, revocable), web downloads and the export CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import icalendar
import openpyxl
import pytest
from django.contrib.auth import views as auth_views  # noqa: E402
from django.urls import include, path  # noqa: E402

from communique.errors import InputError, NotFoundError
from communique.exports.feeds import create_feed, feed_path, revoke_feed, user_feeds
from communique.exports.models import FeedToken
from communique.tracker.models import Commitment

# The exports app under /exports/ and a login page, without the web app's pages.
urlpatterns = [
    path("exports/", include("communique.exports.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def test_feed_url_serves_the_users_calendar_until_revoked(tracked: dict[str, int], client: Any) -> None:
    token, secret = create_feed("ana", {"status": "finalisation"}, "work")
    assert FeedToken.objects.get().token_hash != secret  # only the hash is stored
    response = client.get(feed_path(secret))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(b"".join(response.streaming_content) if response.streaming else response.content)
    uids = [str(t["UID"]) for t in cal.walk("VTODO")]
    assert uids == [f"commitment-{tracked['finalisation']}@communique"]  # the feed's filters apply
    assert str(cal["X-WR-CALNAME"]) == "communique: work"
    assert FeedToken.objects.get().last_used_at is not None
    assert client.get(feed_path(secret[:-2] + "xx")).status_code == 404
    with pytest.raises(NotFoundError):
        revoke_feed(token.pk, "someone-else")
    revoke_feed(token.pk, "ana")
    assert client.get(feed_path(secret)).status_code == 404
    assert [t.active for t in user_feeds("ana")] == [False]


def test_feed_filters_are_checked_when_created(db: Any) -> None:
    with pytest.raises(InputError):
        create_feed("ana", {"status": "finished"})
    with pytest.raises(InputError):
        create_feed("ana", {"colour": "red"})
    assert not FeedToken.objects.exists()


@pytest.fixture
def viewer_client(client: Any) -> Any:
    from django.contrib.auth import get_user_model

    from communique.web import roles

    user = get_user_model().objects.create_user("vic", password="irrelevant-pass-42")
    roles.assign(user, "viewer")
    client.force_login(user)
    return client


def test_downloads_need_a_login_and_stream_csv(tracked: dict[str, int], client: Any, viewer_client: Any) -> None:
    from django.test import Client

    assert Client().get("/exports/csv/").status_code == 302  # to the login page
    response = viewer_client.get("/exports/csv/", {"status": "closed"})
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["Commitment ID"]) for r in rows] == [tracked["closed"]]
    assert "attachment" in response["Content-Disposition"]
    assert viewer_client.get("/exports/csv/", {"status": "finished"}).status_code == 400
    assert viewer_client.get("/exports/backup/").status_code == 403  # administrators only
    assert viewer_client.get("/exports/nonsense/").status_code == 404


def test_download_xlsx_and_report_html(tracked: dict[str, int], viewer_client: Any) -> None:
    response = viewer_client.get("/exports/xlsx/")
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws.max_row == Commitment.objects.filter(active=True).count() + 1
    html = viewer_client.get("/exports/report/", {"as": "html", "partners": "JPN,KAZ"}).content.decode()
    assert "<svg" in html and "Status by section" in html


@pytest.mark.urls("communique.web.urls")
def test_feeds_page_creates_and_revokes(viewer_client: Any) -> None:
    page = viewer_client.post("/exports/feeds/", {"action": "create", "label": "mine", "party": "JPN"}).content.decode()
    assert "/exports/feed/" in page and 'id="feed-url"' in page
    token = FeedToken.objects.get()
    secret = page.split('id="feed-url">', 1)[1].split("<", 1)[0].rsplit("/", 1)[1].removesuffix(".ics")
    assert viewer_client.get(f"/exports/feed/{secret}.ics").status_code == 200
    assert token.filters == {"party": "JPN"} and token.user.username == "vic"
    viewer_client.post("/exports/feeds/", {"action": "revoke", "id": str(token.pk)})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert viewer_client.get(f"/exports/feed/{secret}.ics").status_code == 404
    assert "revoked" in viewer_client.get("/exports/feeds/").content.decode()


def test_cli_export_with_list_filters(tracked: dict[str, int], run_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    code, _, err = run_cli("export", "--format", "csv", "--output", str(out), "--status", "suspended")
    assert code == 0, err
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert [int(r["Commitment ID"]) for r in csv.DictReader(f)] == [tracked["suspended"]]
    for partners, expected in (("JPN, KAZ", [tracked["suspended"]]), ("JPN,USA", [])):
        code, _, err = run_cli("export", "-f", "csv", "-o", str(out), "--status", "suspended", "--partners", partners)
        assert code == 0, err
        with out.open(encoding="utf-8-sig", newline="") as f:
            assert [int(r["Commitment ID"]) for r in csv.DictReader(f)] == expected, partners
    code, _, err = run_cli("export", "--format", "csv", "--output", str(tmp_path / "bad.csv"), "--due-before", "soon")
    assert code == 2 and "Traceback" not in err and not (tmp_path / "bad.csv").exists()
    code, _, err = run_cli("export", "--format", "ics", "--output", str(tmp_path / "no-such-dir" / "x.ics"))
    assert code == 2 and "does not exist" in err
    code, out_text, err = run_cli("feed", "create", "--user", "ana", "--label", "cli")
    assert code == 0 and "/exports/feed/" in out_text


@pytest.mark.urls("communique.web.urls")
def test_web_commitment_list_links_to_the_downloads(tracked: dict[str, int], viewer_client: Any) -> None:
    page = viewer_client.get("/commitments/", {"status": "closed"}).content.decode()
    assert 'href="/exports/csv/?status=closed"' in page and 'href="/exports/feeds/"' in page
    response = viewer_client.get("/exports/csv/", {"status": "closed", "q": "", "page": "1"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(text)))) == 1
