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
