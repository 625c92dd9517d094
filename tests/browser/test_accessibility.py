"""WCAG 2.1 A/AA checks with axe-core (axe-playwright-python) on the demo data, for each role's
pages and for the standalone HTML analysis report. A violation fails the test with axe's rule id
and the offending elements, so the fix is findable."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "practitioner@riverside.example": [
        "/dashboard/",
        "/conversations/",
        "/conversations/upload/",
        "/conversations/growth/",
        "/practice/",
        "/practice/progress/",
        "/journal/",
        "/wellbeing/",
    ],
    "supervisor@riverside.example": ["/conversations/team/", "/practice/workshops/"],
    "admin@riverside.example": ["/organisation/audit/", "/organisation/members/"],
}


@pytest.fixture
def demo(db):
    from empathic.demo.seed import DEMO_PASSWORD, seed_demo

    seed_demo()
    return DEMO_PASSWORD


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result.response["violations"]
    ]


def sign_in_as(page, email: str, password: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")


def test_every_role_s_main_pages_pass_axe(browser, live_server, demo):
    from empathic.conversations.models import Conversation, Status

    report = Conversation.objects.filter(
        status=Status.DONE, practitioner__email="practitioner@riverside.example"
    ).first()
    assert report is not None, "the demo analyses a sample session for the practitioner"
    found: list[str] = []
    for email, paths in PAGES.items():
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        sign_in_as(page, email, demo)
        extra = [f"/conversations/{report.pk}/"] if email.startswith("practitioner") else []
        for path in paths + extra:
            response = page.goto(path)
            assert response is not None and response.ok, path
            found += violations(page)
        context.close()
    assert not found, "\n".join(found)


def test_the_standalone_html_report_passes_axe(browser, tmp_path):
    from empathic.analysis.pipeline import analyse_file
    from empathic.analysis.report.html import render_html

    samples = Path(__file__).resolve().parents[2] / "empathic" / "analysis" / "samples"
    html = tmp_path / "report.html"
    html.write_text(render_html(analyse_file(samples / "session.vtt")), encoding="utf-8")
    page = browser.new_page()
    page.goto(html.as_uri())
    found = violations(page)
    page.close()
    assert not found, "\n".join(found)


def test_the_error_pages_pass_axe(browser, live_server, demo):
    """404 and 403 in the site's frame, signed in and not, the CSRF page after a stale form, and
    the self-contained 500 page (served in the live server's place, with its stylesheet)."""
    from django.test import RequestFactory

    from empathic.core.views_errors import server_error

    found: list[str] = []
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    error_page = server_error(RequestFactory().get("/")).content
    page.route(
        "**/server-error/",
        lambda route: route.fulfill(status=500, body=error_page, content_type="text/html"),
    )
    response = page.goto("/server-error/")
    assert response is not None and response.status == 500
    assert page.get_by_role("heading", level=1).count() == 1
    found += violations(page)
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    found += violations(page)
    # A form whose token went stale: the cookie is gone by the time it is sent.
    page.goto("/accounts/sign-in/")
    context.clear_cookies()
    page.get_by_label("Email address").fill("practitioner@riverside.example")
    page.get_by_label("Password").fill(demo)
    with page.expect_response("**/accounts/sign-in/") as posted:
        page.get_by_role("button", name="Sign in").click()
    assert posted.value.status == 403
    page.wait_for_load_state()
    found += violations(page)
    sign_in_as(page, "practitioner@riverside.example", demo)
    for path, status in (("/no-such-page/", 404), ("/organisation/audit/", 403)):
        response = page.goto(path)
        assert response is not None and response.status == status, path
        found += violations(page)
    context.close()
    assert not found, "\n".join(found)
