"""Every wellbeing view for every persona."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from empathic.wellbeing.models import CheckIn, ReminderSetting, ResiliencePlan
from empathic.wellbeing.tests.helpers import SECRET_CBI, check_in, uniform_answers

PERSONAS = ("admin", "supervisor", "practitioner", "outsider", "anonymous")


def _assert_redirects_to_login(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name",
    ["home", "plan", "reminders", "export_csv", "export_fhir"],
)
def test_personal_pages_for_every_persona(personas, client_for, persona, name):
    response = client_for(personas[persona]).get(reverse(f"wellbeing:{name}"))
    if persona == "anonymous":
        _assert_redirects_to_login(response)
    else:
        # Every member has their own private pages, whatever their role or organisation.
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        _assert_shows_the_persons_own_page(response, name, personas[persona], persona)


PERSONAL_HEADINGS = {"home": "Wellbeing", "plan": "Resilience plan", "reminders": "Reminders"}


def _assert_shows_the_persons_own_page(response, name, user, persona):
    if name == "export_csv":  # their own check-ins: none yet, so the header row alone
        assert response.content.decode().splitlines() == [
            "check_in_id,taken_at,instrument,instrument_version,kind,code,text,value,label"
        ]
        return
    if name == "export_fhir":
        bundle = json.loads(response.content)
        assert (bundle["resourceType"], bundle["entry"]) == ("Bundle", [])
        return
    html = response.content.decode()
    assert f"<h1>{PERSONAL_HEADINGS[name]}</h1>" in html
    if name == "reminders":  # reminders go to the person's own address
        assert f"We can email you at {user.email}" in html
    if name == "home":  # team aggregates are linked for those who may see them
        assert (reverse("wellbeing:groups") in html) == (persona != "practitioner")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("code", ["proqol5", "cbi"])
def test_check_in_form_for_every_persona(personas, client_for, persona, code):
    response = client_for(personas[persona]).get(reverse("wellbeing:check_in", args=[code]))
    if persona == "anonymous":
        _assert_redirects_to_login(response)
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == (30 if code == "proqol5" else 19)
    assert html.count("<legend") == html.count("<fieldset")
    has_credit = "Used with credit to the Center for Victims of Torture" in html
    assert has_credit == (code == "proqol5")
    assert 'href="https://proqol.org"' in html or code == "cbi"


def test_unknown_instrument_is_404(client_for, practitioner):
    response = client_for(practitioner).get(reverse("wellbeing:check_in", args=["phq9"]))
    assert response.status_code == 404


def test_practitioner_completes_a_check_in(client_for, practitioner):
    client = client_for(practitioner)
    data = {f"item_{k}": v for k, v in SECRET_CBI.items()}
    response = client.post(reverse("wellbeing:check_in", args=["cbi"]), data)
    checkin = CheckIn.objects.get(user=practitioner)
    assert response.status_code == 302
    assert response["Location"] == reverse("wellbeing:result", args=[checkin.pk])
    page = client.get(response["Location"]).content.decode()
    assert "66.7" in page and "83.3" in page
    assert "not a diagnosis" in page
    home = client.get(reverse("wellbeing:home")).content.decode()
    assert "66.7" in home


def test_incomplete_check_in_shows_errors_and_saves_nothing(client_for, practitioner):
    client = client_for(practitioner)
    response = client.post(reverse("wellbeing:check_in", args=["proqol5"]), {"item_1": "3"})
    assert response.status_code == 200
    assert "Please answer every question" in response.content.decode()
    assert response.content.decode().count("Please choose an answer.") == 29
    assert not CheckIn.objects.exists()


def test_trend_chart_appears_after_two_check_ins(client_for, practitioner):
    check_in(practitioner, "proqol5", uniform_answers("proqol5", 1))
    check_in(practitioner, "proqol5", uniform_answers("proqol5", 3))
    html = client_for(practitioner).get(reverse("wellbeing:home")).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"' in html
    assert "ProQOL 5: your scores over time" in html
    assert "<caption>ProQOL 5: your scores over time</caption>" in html
    assert "Used with credit to the Center for Victims of Torture" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_result_page_only_for_its_owner(personas, client_for, practitioner, persona):
    checkin = check_in(practitioner, "cbi", SECRET_CBI)
    response = client_for(personas[persona]).get(reverse("wellbeing:result", args=[checkin.pk]))
    if persona == "anonymous":
        _assert_redirects_to_login(response)
    elif persona == "practitioner":
        assert response.status_code == 200
        page = response.content.decode()
        assert "<h1>Copenhagen Burnout Inventory</h1>" in page
        assert "66.7" in page and "83.3" in page  # their own scores
    else:
        # Admins and supervisors included: someone else's check-in does not exist for them.
        assert response.status_code == 404
        assert "66.7" not in response.content.decode()


def test_plan_is_saved_and_private(client_for, practitioner, supervisor):
    client = client_for(practitioner)
    response = client.post(
        reverse("wellbeing:plan"),
        {
            "warning_signs": "Dreading Mondays",
            "what_helps": "Swimming",
            "people_to_call": "Ana",
            "self_care": "Lunch away from the desk",
        },
    )
    assert response.status_code == 302
    assert ResiliencePlan.objects.get(user=practitioner).what_helps == "Swimming"
    assert "Dreading Mondays" in client.get(reverse("wellbeing:plan")).content.decode()
    other = client_for(supervisor).get(reverse("wellbeing:plan")).content.decode()
    assert "Dreading Mondays" not in other


def test_reminder_cadence_is_saved(client_for, practitioner):
    client = client_for(practitioner)
    response = client.post(reverse("wellbeing:reminders"), {"cadence": "fortnightly"})
    assert response.status_code == 302
    assert ReminderSetting.objects.get(user=practitioner).cadence == "fortnightly"
    assert "Every two weeks" in client.get(reverse("wellbeing:home")).content.decode()
    bad = client.post(reverse("wellbeing:reminders"), {"cadence": "hourly"})
    assert bad.status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_questionnaire_for_every_persona(personas, client_for, persona):
    response = client_for(personas[persona]).get(
        reverse("wellbeing:questionnaire", args=["proqol5"])
    )
    if persona == "anonymous":
        _assert_redirects_to_login(response)
    else:
        assert response.status_code == 200
        assert response.json()["resourceType"] == "Questionnaire"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("supervisor", 200), ("practitioner", 403), ("outsider", 200)],
)
def test_groups_index(personas, client_for, crisis_team, persona, status):
    response = client_for(personas[persona]).get(reverse("wellbeing:groups"))
    assert response.status_code == status
    if persona in ("admin", "supervisor"):
        assert "Crisis Line" in response.content.decode()
    if persona == "outsider":
        assert "Crisis Line" not in response.content.decode()


def test_groups_index_anonymous(db, client_for):
    _assert_redirects_to_login(client_for(None).get(reverse("wellbeing:groups")))


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("supervisor", 403), ("practitioner", 403), ("outsider", 200)],
)
def test_organisation_report(personas, client_for, persona, status):
    response = client_for(personas[persona]).get(reverse("wellbeing:organisation_report"))
    assert response.status_code == status
    if persona == "outsider":
        # Their own organisation's page: nothing of Riverside's.
        assert "Riverside" not in response.content.decode()


def test_organisation_report_anonymous(db, client_for):
    _assert_redirects_to_login(client_for(None).get(reverse("wellbeing:organisation_report")))


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("supervisor", 200), ("practitioner", 403), ("outsider", 404)],
)
def test_team_report(personas, client_for, crisis_team, persona, status):
    response = client_for(personas[persona]).get(
        reverse("wellbeing:team_report", args=[crisis_team.pk])
    )
    assert response.status_code == status
    html = response.content.decode()
    if status == 200:
        assert "<h1>Wellbeing: Crisis Line</h1>" in html
        # Fewer than five people have checked in: no figures, only the reason.
        assert html.count("Not enough responses to show without identifying people.") == 2
    else:
        assert "Crisis Line" not in html


def test_team_report_of_a_team_the_supervisor_does_not_lead(client_for, supervisor, outreach_team):
    response = client_for(supervisor).get(reverse("wellbeing:team_report", args=[outreach_team.pk]))
    assert response.status_code == 403


def test_team_report_anonymous_and_missing(client_for, org_admin, crisis_team):
    url = reverse("wellbeing:team_report", args=[crisis_team.pk])
    _assert_redirects_to_login(client_for(None).get(url))
    missing = reverse("wellbeing:team_report", args=[crisis_team.pk + 999])
    assert client_for(org_admin).get(missing).status_code == 404


def test_navigation_links_to_wellbeing(client_for, practitioner):
    html = client_for(practitioner).get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("wellbeing:home")}"' in html


CREDIT = (
    "ProQOL 5 © B. Hudnall Stamm, 2009-2012. Professional Quality of Life: Compassion "
    "Satisfaction and Fatigue Version 5 (ProQOL)."
)


def test_proqol_credit_on_every_page_that_shows_it(
    client_for, practitioner, org_admin, crisis_team
):
    proqol = check_in(practitioner, "proqol5")
    client = client_for(practitioner)
    for url in (
        reverse("wellbeing:home"),
        reverse("wellbeing:check_in", args=["proqol5"]),
        reverse("wellbeing:result", args=[proqol.pk]),
    ):
        html = client.get(url).content.decode()
        assert CREDIT in html, url
        assert "Used with credit to the Center for Victims of Torture" in html
        assert 'href="https://proqol.org"' in html
    admin = client_for(org_admin)
    for url in (
        reverse("wellbeing:organisation_report"),
        reverse("wellbeing:team_report", args=[crisis_team.pk]),
    ):
        assert CREDIT in admin.get(url).content.decode(), url


def test_pages_render_in_spanish(client_for, practitioner):
    check_in(practitioner, "cbi", SECRET_CBI)
    check_in(practitioner, "cbi")
    client = client_for(practitioner)
    client.cookies["django_language"] = "es"
    for name in ("home", "plan", "reminders"):
        response = client.get(reverse(f"wellbeing:{name}"))
        assert response.status_code == 200
        assert 'lang="es"' in response.content.decode()
