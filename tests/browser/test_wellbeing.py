from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def _answer_every_item(page) -> None:
    for fieldset in page.locator("fieldset.wb-item").all():
        fieldset.locator("input[type=radio]").nth(2).check()


def test_check_in_twice_and_see_the_trend(page, sign_in, screenshot, practitioner):
    sign_in("pat@riverside.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Wellbeing").click()
    screenshot("wellbeing-home-empty")
    for round_ in range(2):
        page.goto("/wellbeing/check-in/cbi/")
        if round_ == 0:
            # Submitting with answers missing keeps the page and says what is missing.
            page.get_by_role("button", name="Save my check-in").click()
            assert page.get_by_role("alert").first.is_visible()
            screenshot("wellbeing-cbi-errors")
        _answer_every_item(page)
        page.get_by_role("button", name="Save my check-in").click()
        page.wait_for_url("**/wellbeing/check-ins/*/")
    screenshot("wellbeing-result")
    page.goto("/wellbeing/")
    assert page.locator("figure svg").first.is_visible()
    screenshot("wellbeing-trend")
