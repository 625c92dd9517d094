"""Journal views for every persona, and privacy: nobody but the owner reads, searches or exports
an unshared entry (admins included); a named supervisor reads a shared one, audited."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from empathic.audit.models import AuditEvent
from empathic.journal import actions
from empathic.journal.models import JournalEntry

SECRET = "I froze when the client shouted and felt useless"
PERSONAS = (
    "owner",
    "supervisor",
    "other_supervisor",
    "admin",
    "colleague",
    "outsider",
    "anonymous",
)


@pytest.fixture
def other_supervisor(outreach_supervisor):
    return outreach_supervisor


@pytest.fixture
def people(practitioner, supervisor, other_supervisor, org_admin, other_practitioner, outsider):
    return {
        "owner": practitioner,
        "supervisor": supervisor,
        "other_supervisor": other_supervisor,
        "admin": org_admin,
        "colleague": other_practitioner,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.fixture
def entry(practitioner):
    return actions.create_entry(
        acting_user=practitioner,
        title="Hard call on Tuesday",
        description=SECRET,
        feelings="Shaky",
        action_plan="Ask for a debrief",
    )


def _login_redirect(response):
    return response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


HEADINGS = {
    "home": "Reflective-practice journal",
    "create": "New journal entry",
    "shared": "Journal entries shared with you",
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["home", "create", "shared"])
def test_personal_pages(people, client_for, persona, name, entry):
    response = client_for(people[persona]).get(reverse(f"journal:{name}"))
    assert _login_redirect(response) if persona == "anonymous" else response.status_code == 200
    if persona == "anonymous":
        return
    html = response.content.decode()
    assert f"<h1>{HEADINGS[name]}</h1>" in html
    # The owner's list shows their entry; nobody else's page shows it (it is not shared).
    assert ("Hard call on Tuesday" in html) == (persona == "owner" and name == "home")


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_unshared_entry_is_the_owners_only(people, client_for, persona, entry):
    client = client_for(people[persona])
    pages = [
        client.get(reverse(f"journal:{name}", args=[entry.pk]))
        for name in ("entry", "edit", "share")
    ]
    posts = [client.post(reverse("journal:unshare", args=[entry.pk]))]  # delete: see below
    if persona == "anonymous":
        assert all(_login_redirect(r) for r in pages + posts)
    elif persona == "owner":
        assert all(r.status_code == 200 for r in pages)
        assert SECRET in pages[0].content.decode()
    else:
        assert all(r.status_code == 404 for r in pages + posts), persona
        # Nor does it show in their own list, search or export.
        assert SECRET not in client.get(reverse("journal:home"), {"q": "froze"}).content.decode()
        for fmt in ("json", "csv", "md"):
            assert "froze" not in client.get(reverse("journal:export", args=[fmt])).content.decode()
        assert "Hard call" not in client.get(reverse("journal:shared")).content.decode()
    assert JournalEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "persona", ["supervisor", "other_supervisor", "admin", "colleague", "outsider"]
)
def test_nobody_else_can_delete_an_entry(people, client_for, persona, entry):
    response = client_for(people[persona]).post(reverse("journal:delete", args=[entry.pk]))
    assert response.status_code == 404
    assert JournalEntry.objects.filter(pk=entry.pk).exists()


def test_sharing_with_a_named_supervisor(
    client_for, practitioner, supervisor, other_supervisor, org_admin, entry
):
    owner = client_for(practitioner)
    response = owner.post(reverse("journal:share", args=[entry.pk]), {"supervisor": supervisor.pk})
    assert response.status_code == 302
    reader = client_for(supervisor)
    assert "Hard call on Tuesday" in reader.get(reverse("journal:shared")).content.decode()
    page = reader.get(reverse("journal:entry", args=[entry.pk]))
    assert page.status_code == 200 and SECRET in page.content.decode()
    reads = AuditEvent.objects.filter(event_type="journal.shared_entry_read")
    assert reads.count() == 1 and reads.get().actor == supervisor
    assert SECRET not in json.dumps(list(AuditEvent.objects.values("details", "subject_label")))
    # The supervisor reads but may not change, share on or search it.
    assert reader.get(reverse("journal:edit", args=[entry.pk])).status_code == 404
    assert "Hard call" not in reader.get(reverse("journal:home"), {"q": "froze"}).content.decode()
    assert "froze" not in reader.get(reverse("journal:export", args=["json"])).content.decode()
    # Another supervisor and the admin still see nothing.
    for user in (other_supervisor, org_admin):
        assert client_for(user).get(reverse("journal:entry", args=[entry.pk])).status_code == 404
    # The owner sees the read.
    owner = client_for(practitioner)
    assert (
        "sup@riverside.test"
        in owner.get(reverse("journal:entry", args=[entry.pk])).content.decode()
    )
    owner.post(reverse("journal:unshare", args=[entry.pk]))
    assert client_for(supervisor).get(reverse("journal:entry", args=[entry.pk])).status_code == 404


def test_entries_can_be_shared_only_with_supervisors(
    practitioner, other_practitioner, org_admin, outsider, entry
):
    for user in (other_practitioner, org_admin, outsider, practitioner):
        with pytest.raises(ValidationError):
            actions.share_entry(entry=entry, supervisor=user, acting_user=practitioner)


def test_search_and_export_of_own_entries(client_for, practitioner, entry):
    actions.create_entry(acting_user=practitioner, title="=cmd|' /C calc'!A0", analysis="Other")
    client = client_for(practitioner)
    html = client.get(reverse("journal:home"), {"q": "FROZE"}).content.decode()
    assert "Hard call on Tuesday" in html and "1 entry matches" in html
    data = json.loads(client.get(reverse("journal:export", args=["json"])).content)
    assert data["entries"][0]["title"] == "Hard call on Tuesday"
    assert data["entries"][0]["description"] == SECRET
    csv = client.get(reverse("journal:export", args=["csv"])).content.decode()
    assert SECRET in csv and "'=cmd" in csv
    md = client.get(reverse("journal:export", args=["md"])).content.decode()
    assert "## Hard call on Tuesday" in md and "### Action plan" in md
    assert client.get(reverse("journal:export", args=["xml"])).status_code == 404


def test_create_edit_and_link_a_practice_session(client_for, practitioner, other_practitioner):
    from empathic.practice import actions as practice_actions
    from empathic.practice.models import Scenario

    scenario = Scenario.objects.get(slug="asylum-interview-fear")
    mine = practice_actions.start_session(scenario=scenario, acting_user=practitioner)
    theirs = practice_actions.start_session(scenario=scenario, acting_user=other_practitioner)
    client = client_for(practitioner)
    form = client.get(reverse("journal:create"), {"session": mine.pk}).content.decode()
    assert f'<option value="{mine.pk}" selected>' in form
    response = client.post(
        reverse("journal:create"),
        {"title": "After practice", "practice_session": mine.pk, "feelings": "Nervous"},
    )
    entry = JournalEntry.objects.get(title="After practice")
    assert response["Location"] == reverse("journal:entry", args=[entry.pk])
    assert entry.practice_session == mine
    bad = client.post(reverse("journal:create"), {"title": "x", "practice_session": theirs.pk})
    assert bad.status_code == 400 and not JournalEntry.objects.filter(title="x").exists()
    client.post(reverse("journal:edit", args=[entry.pk]), {"title": "Renamed"})
    entry.refresh_from_db()
    assert entry.title == "Renamed" and entry.practice_session is None
