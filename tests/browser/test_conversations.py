"""A session end to end in Chromium: upload, watch the analysis finish, read the report, a
supervisor comments on a turn, the practitioner answers."""

from __future__ import annotations

from pathlib import Path

import pytest

import empathic.analysis

pytestmark = pytest.mark.django_db(transaction=True)
SAMPLE = Path(empathic.analysis.__file__).parent / "samples" / "session.vtt"


@pytest.fixture
def background_runner(settings):
    # The embedded default: the live server's process analyses in a background thread.
    settings.CONVERSATIONS_RUNNER = "thread"
    settings.CELERY_BROKER_URL = ""


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/sign-in/")


def test_upload_analyse_comment_and_answer(
    page, sign_in, screenshot, practitioner, supervisor, background_runner
):
    sign_in("pat@riverside.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Conversations").click()
    page.get_by_role("link", name="Upload a session").first.click()
    # A blank consent is refused with a message, and nothing is stored.
    page.get_by_label("Title").fill("Eviction notice")
    page.get_by_label("Transcript file").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Redact and analyse").click()
    assert page.get_by_text("Say how the client's consent was obtained.").is_visible()
    screenshot("conversations-upload-errors")

    page.get_by_label("Title").fill("Eviction notice")
    page.get_by_label("Transcript file").set_input_files(str(SAMPLE))
    page.get_by_label("Other names to remove").fill("Maya")
    page.get_by_label("Verbally, noted in the case record").check()
    page.get_by_label("When was consent obtained?").fill("2026-03-01")
    page.get_by_label("Clinical supervision").check()
    screenshot("conversations-upload")
    page.get_by_role("button", name="Redact and analyse").click()

    # The status page updates itself (static JS polling) until the report is there.
    page.wait_for_url("**/conversations/*/")
    screenshot("conversations-status")
    page.wait_for_selector("#summary-h, .conv-progress p.error", timeout=120_000)
    failure = page.locator(".conv-progress p.error")
    if failure.count():
        screenshot("conversations-failed")
        pytest.fail(f"the analysis failed: {failure.inner_text()}")
    assert page.get_by_role("heading", name="Transcript, turn by turn").is_visible()
    assert page.locator("mark.rationale").count() > 0
    assert page.locator("figure.chart svg").count() >= 2
    body = page.content()
    assert "Jordan" not in body and "Maya" not in body  # redacted before storing
    screenshot("conversations-report")
    # Parts of the report at readable size, for a person to look at.
    artifacts = screenshot("conversations-report").parent
    page.locator("section[aria-labelledby=summary-h]").screenshot(
        path=str(artifacts / "conversations-report-summary.png")
    )
    page.locator("figure.chart").first.screenshot(
        path=str(artifacts / "conversations-report-emotion-chart.png")
    )
    page.locator("#turn-15").screenshot(path=str(artifacts / "conversations-report-turn.png"))
    report_url = page.url
    _sign_out(page)

    sign_in("sup@riverside.test")
    page.goto(report_url)
    turn = page.locator("#turn-2")
    turn.get_by_text("Comment on turn 3").click()
    turn.get_by_label("Your comment").fill("Lovely reflection of the weekend alone.")
    turn.get_by_role("button", name="Add comment").click()
    page.wait_for_url("**#turn-2")
    assert page.locator("#turn-2").get_by_text("Lovely reflection").is_visible()
    screenshot("conversations-supervisor-comment")
    _sign_out(page)

    sign_in("pat@riverside.test")
    page.goto(report_url)
    turn = page.locator("#turn-2")
    assert turn.get_by_text("Lovely reflection of the weekend alone.").is_visible()
    turn.get_by_label("Your answer").fill("Thank you, I will keep doing that.")
    turn.get_by_role("button", name="Answer").click()
    page.wait_for_url("**#turn-2")
    assert page.locator("#turn-2 .conv-reply").get_by_text("I will keep doing that").is_visible()
    screenshot("conversations-practitioner-answer")
    page.locator("#turn-2").screenshot(path=str(artifacts / "conversations-thread.png"))
    page.get_by_role("link", name="My growth").click()
    assert page.get_by_role("heading", name="My growth").is_visible()
