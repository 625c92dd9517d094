from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = (
    "What has it been like for you since the letter came?",
    "That sounds terrifying. What goes through your mind when the memories come back?",
    "What would practising with your lawyer mean for you?",
)


def test_trainee_completes_a_multi_turn_scenario(page, sign_in, screenshot, practitioner):
    sign_in("pat@riverside.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practice").click()
    page.get_by_role("link", name="Afraid of the asylum interview").click()
    page.get_by_role("button", name="Start practising").click()
    page.wait_for_url("**/practice/sessions/*/")
    screenshot("practice-session-start")
    for turn, answer in enumerate(ANSWERS, start=1):
        page.get_by_label("Your answer").fill(answer)
        page.get_by_role("button", name="Send answer").click()
        page.locator("section.feedback").nth(turn - 1).wait_for()
        assert page.locator("section.feedback").count() == turn
        if turn == 1:
            assert "/sessions/" in page.url and "#" not in page.url  # no reload: fetch
            screenshot("practice-feedback")
    feedback = page.locator("section.feedback").first
    assert "Exploration" in feedback.inner_text()
    assert page.locator("mark.hl-ex").count() >= 1
    page.get_by_role("link", name="See your summary").click()
    page.wait_for_url("**/summary/")
    assert page.get_by_role("heading", name="Summary: Afraid of the asylum interview").is_visible()
    screenshot("practice-summary")


def test_trainer_creates_a_workshop_and_sees_progress(
    page, sign_in, screenshot, supervisor, practitioner
):
    from empathic.practice.models import Scenario
    from empathic.practice.tests.helpers import complete_session

    sign_in("sup@riverside.test")
    page.goto("/practice/workshops/new/")
    page.get_by_label("Name").fill("Spring cohort")
    page.get_by_label("Pat Practitioner (pat@riverside.test)").check()
    page.get_by_role("button", name="Create workshop").click()
    page.wait_for_url("**/practice/workshops/*/")
    page.get_by_role("link", name="Assign scenarios").click()
    page.get_by_label("Title").fill("Week 1")
    due = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    page.get_by_label("Due date").fill(due)
    page.get_by_label("Afraid of the asylum interview", exact=False).first.check()
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url("**/practice/workshops/*/")
    scenario = Scenario.objects.get(organisation=None, slug="asylum-interview-fear")
    complete_session(practitioner, scenario, "You should write it all down.")
    complete_session(practitioner, scenario)
    page.reload()
    row = page.get_by_role("row", name="Pat Practitioner")
    assert "1 of 1" in row.inner_text()
    screenshot("practice-workshop")
    page.get_by_role("link", name="Pat Practitioner").click()
    assert page.locator("figure svg").first.is_visible()
    screenshot("practice-workshop-trainee")
