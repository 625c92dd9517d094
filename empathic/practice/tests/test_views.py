"""Every practice view for every persona: trainee, trainer of the cohort, trainer of another
cohort, an admin who is no trainer, a practitioner outside the cohort, an outsider, anonymous."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from empathic.practice import actions
from empathic.practice.models import PracticeSession, Scenario
from empathic.practice.tests.helpers import DISMISSIVE, EXPLORING, complete_session

PERSONAS = ("trainee", "trainer", "other_trainer", "admin", "other_member", "outsider", "anonymous")


@pytest.fixture
def people(
    practitioner,
    supervisor,
    other_trainer,
    org_admin,
    other_practitioner,
    outsider,
    workshop,
    other_workshop,
):
    return {
        "trainee": practitioner,
        "trainer": supervisor,
        "other_trainer": other_trainer,
        "admin": org_admin,
        "other_member": other_practitioner,
        "outsider": outsider,
        "anonymous": None,
    }


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


PERSONAL_HEADINGS = {"home": "Practice", "progress": "Your practice progress"}
# Whose workshop list shows which cohort: its trainer and its trainees, nobody else.
COHORTS = {
    "Spring cohort": ("trainer", "trainee"),
    "Outreach cohort": ("other_trainer", "other_member"),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["home", "progress", "workshop_list"])
def test_personal_pages(people, client_for, persona, name):
    response = client_for(people[persona]).get(reverse(f"practice:{name}"))
    if persona == "anonymous":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{PERSONAL_HEADINGS.get(name, 'Workshops')}</h1>" in html
        if name == "home":  # the shared library, for every member of every organisation
            assert "Afraid of the asylum interview" in html
        if name == "workshop_list":
            for cohort, members in COHORTS.items():
                assert (cohort in html) == (persona in members), cohort


def test_home_lists_the_library_and_filters(client_for, practitioner):
    client = client_for(practitioner)
    html = client.get(reverse("practice:home")).content.decode()
    assert "Afraid of the asylum interview" in html and "A farmer after the drought" in html
    html = client.get(reverse("practice:home"), {"population": "rural"}).content.decode()
    assert "A farmer after the drought" in html and "Afraid of the asylum interview" not in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_library_scenario_page_and_start(people, client_for, persona, scenario):
    client = client_for(people[persona])
    response = client.get(reverse("practice:scenario", args=[scenario.pk]))
    if persona == "anonymous":
        assert _is_login_redirect(response)
        return
    assert response.status_code == 200
    assert "Start practising" in response.content.decode()
    response = client.post(reverse("practice:start", args=[scenario.pk]))
    session = PracticeSession.objects.get(user=people[persona])
    assert response["Location"] == reverse("practice:session", args=[session.pk])
    # Library scenarios are read-only for everyone.
    assert client.get(reverse("practice:scenario_edit", args=[scenario.pk])).status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_draft_scenario_of_the_organisation(people, client_for, persona, supervisor, scenario):
    draft = actions.copy_scenario(scenario=scenario, acting_user=supervisor)
    client = client_for(people[persona])
    detail = client.get(reverse("practice:scenario", args=[draft.pk]))
    edit = client.get(reverse("practice:scenario_edit", args=[draft.pk]))
    node = draft.nodes.first()
    node_edit = client.get(reverse("practice:node_edit", args=[draft.pk, node.pk]))
    expected = {
        "trainee": 403,
        "other_member": 403,
        "outsider": 404,
        "trainer": 200,
        "other_trainer": 200,
        "admin": 200,
    }
    if persona == "anonymous":
        assert _is_login_redirect(detail) and _is_login_redirect(edit)
        return
    assert detail.status_code == expected[persona]
    assert edit.status_code == expected[persona]
    assert node_edit.status_code == expected[persona]
    title = escape(draft.title)
    if expected[persona] == 200:
        assert f"<h1>{title}</h1>" in detail.content.decode()
        assert f"<h1>Edit {title}</h1>" in edit.content.decode()
        assert "<h1>Edit client turn</h1>" in node_edit.content.decode()
    else:
        assert all(title not in r.content.decode() for r in (detail, edit, node_edit))


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_session_is_its_trainees_only(people, client_for, persona, practitioner, scenario):
    session = complete_session(practitioner, scenario)
    for name in ("session", "summary"):
        response = client_for(people[persona]).get(reverse(f"practice:{name}", args=[session.pk]))
        if persona == "anonymous":
            assert _is_login_redirect(response)
        elif persona == "trainee":
            assert response.status_code in (200, 302)
            if response.status_code == 302:  # a finished session opens on its summary
                assert response["Location"] == reverse("practice:summary", args=[session.pk])
            else:
                assert session.scenario_title in response.content.decode()
        else:
            assert response.status_code == 404  # admins and trainers included
            assert session.scenario_title not in response.content.decode()


def test_answer_without_javascript_redirects_to_the_feedback(client_for, practitioner, scenario):
    client = client_for(practitioner)
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    url = reverse("practice:session", args=[session.pk])
    response = client.post(url, {"node": "start", "text": EXPLORING})
    assert response.status_code == 302 and response["Location"] == f"{url}#answer-0"
    html = client.get(url).content.decode()
    assert "Feedback on this answer" in html
    assert 'Exploration</span> <span class="level-value">strong' in html
    assert '<mark class="hl-ex"' in html
    assert "When I try to remember" in html  # the client's next turn


def test_answer_with_javascript_returns_feedback_and_the_next_turn(
    client_for, practitioner, scenario
):
    client = client_for(practitioner)
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    url = reverse("practice:session", args=[session.pk])
    response = client.post(
        url, {"node": "start", "text": DISMISSIVE}, HTTP_ACCEPT="application/json"
    )
    data = response.json()
    assert response.status_code == 200 and data["node"] == "guarded" and not data["done"]
    assert "What was missed" in data["html"] and "Dismissive or advice-first" in data["html"]
    assert "Everybody tells me this." in data["html"]
    again = client.post(url, {"node": "start", "text": DISMISSIVE}, HTTP_ACCEPT="application/json")
    assert again.status_code == 400 and "already been answered" in again.json()["errors"][0]
    empty = client.post(url, {"node": "guarded", "text": ""}, HTTP_ACCEPT="application/json")
    assert empty.status_code == 400


def test_finishing_shows_the_summary_and_progress_chart(client_for, practitioner, scenario):
    complete_session(practitioner, scenario)
    client = client_for(practitioner)
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    url = reverse("practice:session", args=[session.pk])
    data = {}
    for node in ("start", "deeper", "next-step"):
        data = client.post(
            url, {"node": node, "text": EXPLORING}, HTTP_ACCEPT="application/json"
        ).json()
    assert data["done"] and data["summary_url"] == reverse("practice:summary", args=[session.pk])
    html = client.get(data["summary_url"]).content.decode()
    assert "Summary: Afraid of the asylum interview" in html
    assert "<svg" in html and "Your progress over attempts" in html
    assert "I will call the lawyer" in html  # how the client left it


@pytest.mark.parametrize("persona", PERSONAS)
def test_workshop_pages(people, client_for, persona, workshop, practitioner, supervisor, scenario):
    complete_session(practitioner, scenario)
    client = client_for(people[persona])
    detail = client.get(reverse("practice:workshop", args=[workshop.pk]))
    managed = [
        client.get(reverse(f"practice:{name}", args=[workshop.pk]))
        for name in ("workshop_people", "assignment_create", "workshop_export")
    ]
    managed.append(
        client.get(reverse("practice:workshop_trainee", args=[workshop.pk, practitioner.pk]))
    )
    if persona == "anonymous":
        assert _is_login_redirect(detail) and all(_is_login_redirect(r) for r in managed)
        return
    if persona == "outsider":
        assert detail.status_code == 404 and all(r.status_code == 404 for r in managed)
        return
    if persona == "trainer":
        assert detail.status_code == 200
        html = detail.content.decode()
        assert "Pat Practitioner" in html and "1 of 1" in html
        assert all(r.status_code == 200 for r in managed)
        return
    if persona == "trainee":
        assert detail.status_code == 200
        html = detail.content.decode()
        assert "Your results" in html and "Trainees' progress" not in html
        assert all(r.status_code == 403 for r in managed)
        return
    # Trainer of another cohort, an admin who is not a trainer, a member outside the cohort.
    assert detail.status_code == 403 and all(r.status_code == 403 for r in managed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_workshop(people, client_for, persona, practitioner):
    client = client_for(people[persona])
    response = client.get(reverse("practice:workshop_create"))
    if persona == "anonymous":
        assert _is_login_redirect(response)
    elif persona in ("trainer", "other_trainer", "admin", "outsider"):
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>Create a workshop</h1>" in html
        # Trainees are chosen from the trainer's own organisation only.
        assert ("Pat Practitioner (pat@riverside.test)" in html) == (persona != "outsider")
    else:
        assert response.status_code == 403


def test_trainer_creates_a_workshop_assigns_and_exports(
    client_for, supervisor, practitioner, scenario
):
    client = client_for(supervisor)
    response = client.post(
        reverse("practice:workshop_create"), {"name": "Autumn", "trainees": [practitioner.pk]}
    )
    workshop_url = response["Location"]
    workshop_id = int(workshop_url.rstrip("/").split("/")[-1])
    due = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("practice:assignment_create", args=[workshop_id]),
        {"title": "Week 1", "due_date": due, "scenarios": [scenario.pk]},
    )
    assert response.status_code == 302
    complete_session(practitioner, scenario)
    complete_session(practitioner, scenario, DISMISSIVE)
    csv = client.get(reverse("practice:workshop_export", args=[workshop_id])).content.decode()
    lines = csv.strip().splitlines()
    assert lines[0].startswith("trainee,email,assignment")
    assert (
        lines[1].startswith("Pat Practitioner,pat@riverside.test,Week 1,") and ",1,1,2," in lines[1]
    )
    page = client.get(reverse("practice:workshop_trainee", args=[workshop_id, practitioner.pk]))
    html = page.content.decode()
    assert "<svg" in html and EXPLORING not in html  # levels only, never the trainee's words


def test_trainer_cannot_view_someone_outside_the_cohort(
    client_for, supervisor, workshop, other_practitioner
):
    url = reverse("practice:workshop_trainee", args=[workshop.pk, other_practitioner.pk])
    assert client_for(supervisor).get(url).status_code == 404


def test_authoring_in_the_browser(client_for, supervisor):
    client = client_for(supervisor)
    response = client.post(
        reverse("practice:scenario_create"),
        {
            "title": "Handover",
            "population": "crisis",
            "difficulty": 1,
            "client_name": "Sam",
            "setting": "Crisis line",
            "background": "A caller.",
            "learning_goals": "Reflect",
        },
    )
    edit_url = response["Location"]
    scenario_id = int(edit_url.rstrip("/").split("/")[-2])
    new_node = reverse("practice:node_create", args=[scenario_id])
    client.post(new_node, {"key": "start", "mood": "opening", "client_text": "Hello?"})
    html = client.get(edit_url).content.decode()
    assert "has no next step" in html
    client.post(
        new_node, {"key": "end", "mood": "hopeful", "client_text": "Thanks.", "is_end": "on"}
    )
    scenario = Scenario.objects.get(pk=scenario_id)
    start = reverse("practice:node_edit", args=[scenario_id, scenario.nodes.get(key="start").pk])
    client.post(
        start, {"key": "start", "mood": "opening", "client_text": "Hello?", "branch_default": "end"}
    )
    assert "Every client turn is reachable" in client.get(edit_url).content.decode()
    client.post(reverse("practice:scenario_publish", args=[scenario_id]), {"publish": "1"})
    scenario.refresh_from_db()
    assert scenario.is_published
    bad = client.post(new_node, {"key": "Bad Key", "mood": "open", "client_text": "x"})
    assert bad.status_code == 400
