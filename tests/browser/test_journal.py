from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_entry_stays_private_until_shared(page, sign_in, screenshot, practitioner, supervisor):
    sign_in("pat@riverside.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Journal").click()
    page.get_by_role("link", name="New entry").click()
    page.get_by_label("Title").fill("A hard call")
    page.get_by_label("Description").fill("The caller shouted and I froze.")
    page.get_by_label("Feelings").fill("Shaky and useless.")
    page.get_by_label("Action plan").fill("Bring it to supervision.")
    screenshot("journal-new-entry")
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url("**/journal/entries/*/")
    entry_url = page.url
    assert "private: only you can read it" in page.content()
    screenshot("journal-entry-private")
    # The supervisor cannot open it yet.
    page.get_by_role("button", name="Sign out").click()
    sign_in("sup@riverside.test")
    response = page.goto(entry_url)
    assert response.status == 404
    page.goto("/journal/")
    page.get_by_role("button", name="Sign out").click()
    sign_in("pat@riverside.test")
    page.goto(entry_url)
    page.get_by_role("link", name="Share with a supervisor").click()
    page.get_by_label("Supervisor").select_option(label="Sol Supervisor (sup@riverside.test)")
    page.get_by_role("button", name="Share").click()
    assert "shared with Sol Supervisor" in page.content()
    page.get_by_role("button", name="Sign out").click()
    sign_in("sup@riverside.test")
    page.goto("/journal/shared-with-me/")
    page.get_by_role("link", name="A hard call").click()
    assert "The caller shouted and I froze." in page.content()
    screenshot("journal-shared-entry")
