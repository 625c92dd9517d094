from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_dashboard_sign_out(page, sign_in, screenshot, org_admin, crisis_team):
    page.goto("/")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    screenshot("sign-in")
    sign_in("admin@riverside.test")
    assert page.get_by_role("heading", name="Welcome, Amara").is_visible()
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_role("link", name="Crisis Line").first.is_visible()
    screenshot("dashboard-admin")
    page.get_by_role("link", name="Audit trail", exact=True).click()
    assert page.get_by_role("cell", name="team.created").first.is_visible()
    screenshot("audit-trail")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/sign-in/")
    page.goto("/dashboard/")
    assert "/accounts/sign-in/" in page.url


def test_wrong_password_is_explained(page, practitioner):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("pat@riverside.test")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("correct email address and password").is_visible()


def test_practitioner_sees_no_admin_navigation(page, sign_in, screenshot, practitioner):
    sign_in("pat@riverside.test")
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Audit trail").count() == 0
    assert nav.get_by_role("link", name="Settings").count() == 0
    page.set_viewport_size({"width": 400, "height": 800})
    page.get_by_role("button", name="Menu").click()
    assert nav.get_by_role("link", name="Teams").is_visible()
    screenshot("dashboard-practitioner-mobile")
