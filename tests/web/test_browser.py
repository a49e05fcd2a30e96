"""Browser tests: Playwright drives the system Chromium (/usr/bin/chromium) against a live server.

Screenshots of each page go to ``artifacts/screenshots/`` (gitignored).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not shutil.which("chromium"),
                       reason="system Chromium is not installed (bash scripts/install.sh --system)"),
]

SCRIPT_STATEMENT = (
    "日本国及びウズベキスタン共和国の共同声明 <script>alert('title')</script>\n\n"
    "1 双方は、<script>alert(\"pwned\")</script>に関する協力を推進する。\n"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    contexts = []

    def make(width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def shot(page: Any, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def login(page: Any, base: str, username: str, password: str, screenshot: str = "") -> None:
    page.goto(base + "/accounts/login/")
    if screenshot:
        shot(page, screenshot)
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_editor_uploads_filters_updates_and_sees_the_dashboard(
    live_server: Any, new_page: Any, make_user: Any, password: str, sample_path: Path
) -> None:
    make_user("eddie", "editor")
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = live_server.url
    login(page, base, "eddie", password, screenshot="00-login")
    shot(page, "01-dashboard-empty")

    page.get_by_role("link", name="Upload").click()
    page.wait_for_url(base + "/upload/")
    shot(page, "02-upload")
    page.get_by_label("Statement file").set_input_files(str(sample_path))
    page.get_by_role("button", name="Upload and parse").click()
    page.wait_for_url(re.compile(r".*/statements/\d+/$"))
    assert page.locator(".para[data-number]").count() == 60
    numbers = page.locator(".para[data-number] .pnum").all_inner_texts()
    assert numbers[:3] == ["1", "2", "3"]
    assert page.locator(".sent.act-commit").count() > 10
    # Keyboard: focus a commitment sentence, Enter shows its extraction with a link to the commitment.
    first = page.locator(".sent.act-commit").first
    first.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#" + first.get_attribute("aria-controls"))
    assert panel.is_visible() and panel.get_by_role("link", name=re.compile("Open its commitment")).count() == 1
    shot(page, "03-reader")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Commitments").click()
    page.wait_for_url(base + "/commitments/")
    total = int(page.locator("#total").inner_text().split()[0])
    assert total > 20 and page.locator("tr.commitment-row").count() == min(total, 50)
    shot(page, "04-commitments")
    section_link = page.locator("[data-facet=section] li a").first
    section_count = int(section_link.locator("xpath=following-sibling::span").inner_text())
    section_link.click()
    page.wait_for_url(re.compile(r".*section=.*"))
    assert int(page.locator("#total").inner_text().split()[0]) == section_count < total
    assert page.locator("tr.commitment-row").count() == section_count

    page.get_by_label("Search the sentences").fill("協力")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r".*q=%E5%8D%94%E5%8A%9B.*"))
    rows = page.locator("tr.commitment-row .sentence-cell")
    assert rows.count() > 0
    assert "section=" in page.url  # the section filter stays in the shared URL
    shot(page, "05-commitments-filtered")

    rows.first.get_by_role("link").click()
    page.wait_for_url(re.compile(r".*/commitments/\d+/$"))
    page.get_by_label("Status:", exact=True).select_option("implementation")
    page.locator("#status-form").get_by_label("Note:").fill("Working group met on 2026-01-20")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    assert page.locator("#current-status").inner_text() == "implementation"
    history = page.locator("#history")
    assert "Working group met on 2026-01-20" in history.inner_text() and "eddie" in history.inner_text()
    shot(page, "06-commitment")

    page.get_by_role("link", name="Dashboard").first.click()
    page.wait_for_url(base + "/")
    row = page.locator("table.mini tr", has_text="implementation")
    assert row.locator("td").inner_text() == "1"
    assert page.locator("svg.chart.bars").count() >= 2 and page.locator("svg.chart.timeline").count() == 1
    shot(page, "07-dashboard")

    page.get_by_role("link", name="Organizations").click()
    page.wait_for_url(base + "/organizations/")
    assert page.locator("#organizations tbody tr").count() > 0
    shot(page, "08-organizations")
    page.locator("#organizations tbody a").first.click()
    page.wait_for_url(re.compile(r".*/organizations/\d+/$"))
    shot(page, "09-organization")

    with page.expect_navigation():
        page.get_by_label("Language").select_option("ja")
    page.get_by_role("link", name="ダッシュボード").first.click()
    page.wait_for_url(base + "/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("heading", name="状況別").count() == 1
    shot(page, "10-dashboard-ja")

    phone = new_page(390, 844)
    login(phone, base, "eddie", password)
    phone.goto(base + "/commitments/?q=協力")
    assert phone.locator("tr.commitment-row mark.ent-hit").count() > 0
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the list must fit a phone screen without sideways scrolling"
    shot(phone, "11-commitments-phone", full_page=False)
    phone.goto(base + "/")
    shot(phone, "11-dashboard-phone", full_page=False)
    assert dialogs == []


def test_viewer_cannot_change_anything(live_server: Any, new_page: Any, make_user: Any, password: str,
                                       sample_statement: Any) -> None:
    from communique.tracker.models import Commitment

    make_user("vic", "viewer")
    c = Commitment.objects.filter(statement=sample_statement).first()
    page = new_page()
    login(page, live_server.url, "vic", password)
    assert page.get_by_role("link", name="Upload").count() == 0
    page.goto(f"{live_server.url}/commitments/{c.pk}/")
    assert page.locator("form#status-form, form#evidence-form, form#correction-form").count() == 0
    shot(page, "12-commitment-viewer")
    token = next(ck["value"] for ck in page.context.cookies() if ck["name"] == "csrftoken")
    response = page.request.post(f"{live_server.url}/commitments/{c.pk}/update/",
                                 form={"status": "closed", "version": str(c.version), "csrfmiddlewaretoken": token},
                                 headers={"Referer": page.url})
    assert response.status == 403
    assert page.goto(f"{live_server.url}/upload/").status == 403
    c.refresh_from_db()
    assert c.status == 1


def test_form_without_csrf_token_is_refused(live_server: Any, new_page: Any, make_user: Any, password: str,
                                            sample_statement: Any) -> None:
    from communique.tracker.models import Commitment

    make_user("eve", "editor")
    c = Commitment.objects.filter(statement=sample_statement).first()
    page = new_page()
    login(page, live_server.url, "eve", password)
    page.goto(f"{live_server.url}/commitments/{c.pk}/")
    # Remove the token from the real form, then submit it.
    page.locator("#status-form input[name=csrfmiddlewaretoken]").evaluate("el => el.remove()")
    page.get_by_label("Status:", exact=True).select_option("closed")
    with page.expect_response(re.compile(r".*/update/$")) as info:
        page.get_by_role("button", name="Save").click()
    assert info.value.status == 403
    c.refresh_from_db()
    assert c.status == 1


def test_statement_with_script_renders_as_text(live_server: Any, new_page: Any, make_user: Any, password: str,
                                               tmp_path: Path) -> None:
    make_user("sam", "editor")
    source = tmp_path / "script-statement.txt"
    source.write_text(SCRIPT_STATEMENT, encoding="utf-8")
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, live_server.url, "sam", password)
    page.goto(live_server.url + "/upload/")
    page.get_by_label("Statement file").set_input_files(str(source))
    page.get_by_role("button", name="Upload and parse").click()
    page.wait_for_url(re.compile(r".*/statements/\d+/$"))
    assert page.get_by_text('<script>alert("pwned")</script>', exact=False).count() >= 1
    page.locator(".sent").first.click()
    page.wait_for_timeout(300)
    shot(page, "13-reader-script")
    page.goto(live_server.url + "/commitments/")
    assert "<script>alert" in page.locator("#commitment-table").inner_text()
    assert dialogs == []


def test_side_by_side_reader(live_server: Any, new_page: Any, editor: Any, password: str,
                             sample_statement: Any) -> None:
    import communique
    from communique.tracker.services import import_statement

    english = communique.parse("Joint Statement\n\n1. The two sides will deepen cooperation in energy.\n\n"
                               "2. Japan welcomed the visit.\n")
    english.info.language, english.info.date = "en", sample_statement.date.isoformat()
    english.info.parties = list(sample_statement.parties)
    import_statement(english, editor, name="english.md")
    page = new_page(1400, 900)
    login(page, live_server.url, editor.username, password)
    page.goto(f"{live_server.url}/statements/{sample_statement.pk}/")
    row = page.locator(".aligned-row", has_text="deepen cooperation")
    assert row.locator('.para[data-number="1"]').count() == 2
    row.locator(".sent", has_text="deepen cooperation").click()
    assert row.get_by_role("link", name=re.compile("Open its commitment")).is_visible()
    shot(page, "14-reader-side-by-side", full_page=False)
