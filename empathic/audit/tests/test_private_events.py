"""The audit trail never tells an admin who checked in, or when: only monthly counts.

Knowing who checked in which month tells an admin each month's aggregate groups, which is half of
a differencing attack; a reminder row says who did *not* check in.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from empathic.accounts import actions as account_actions
from empathic.accounts.models import Role
from empathic.audit import views as audit_views
from empathic.audit.models import AuditEvent
from empathic.audit.selectors import events_visible_to, private_event_counts
from empathic.wellbeing import actions as wellbeing_actions
from empathic.wellbeing.tests.helpers import check_in

pytestmark = pytest.mark.django_db


def _pat_is_active_in_wellbeing(practitioner):
    check_in(practitioner, "cbi")
    wellbeing_actions.save_resilience_plan(
        acting_user=practitioner, warning_signs="x", what_helps="", people_to_call="", self_care=""
    )
    wellbeing_actions.set_reminder_cadence(cadence="weekly", acting_user=practitioner)


def _rows(client, **query):
    return list(client.get(reverse("audit:trail"), query).context["page"])


def test_the_trail_does_not_list_who_checked_in(client_for, org_admin, practitioner):
    _pat_is_active_in_wellbeing(practitioner)
    assert AuditEvent.objects.filter(actor=practitioner, event_type__startswith="wellbeing.")
    client = client_for(org_admin)
    # Not in the full list, nor by filtering on the person or on the event.
    for query in (
        {},
        {"actor": practitioner.email},
        {"event_type": "wellbeing.check_in_completed"},
        {"event_type": "wellbeing.plan_saved"},
        {"event_type": "wellbeing.reminders_changed"},
    ):
        rows = _rows(client, **query)
        assert not [row for row in rows if row.event_type.startswith("wellbeing.")], query
    html = client.get(reverse("audit:trail"), {"actor": practitioner.email}).content.decode()
    assert "Wellbeing check-in #" not in html


def test_reminder_rows_are_not_listed_either(client_for, org_admin, practitioner):
    wellbeing_actions.set_reminder_cadence(cadence="weekly", acting_user=practitioner)
    later = timezone.now() + timedelta(days=8)
    assert wellbeing_actions.send_due_reminders(now=later) == 1
    rows = _rows(client_for(org_admin), event_type="wellbeing.reminder_sent")
    assert rows == []


def test_an_admin_still_sees_their_own(client_for, org_admin, practitioner):
    check_in(org_admin, "cbi")
    check_in(practitioner, "cbi")
    rows = _rows(client_for(org_admin), event_type="wellbeing.check_in_completed")
    assert [row.actor_id for row in rows] == [org_admin.pk]
    # Another admin sees neither.
    other = account_actions.add_member(
        organisation=org_admin.membership.organisation,
        email="admin2@riverside.test",
        full_name="Second Admin",
        password="a-long-test-password-9",
        role=Role.ADMIN,
        acting_user=org_admin,
    ).user
    assert _rows(client_for(other), event_type="wellbeing.check_in_completed") == []


def test_other_rows_are_unaffected(organisation, org_admin, practitioner):
    check_in(practitioner, "cbi")
    account_actions.create_team(organisation=organisation, name="Night", acting_user=org_admin)
    visible = events_visible_to(organisation, org_admin)
    assert visible.filter(event_type="team.created").exists()
    assert not visible.filter(event_type__startswith="wellbeing.").exists()


def test_counts_by_completed_month_with_small_counts_withheld(
    organisation, org_admin, supervisor, practitioner, other_practitioner, client_for, monkeypatch
):
    people = [org_admin, supervisor, practitioner, other_practitioner]
    for person in people:
        check_in(person, "cbi")  # audit rows are dated now, this month
    # This month is still open: no count at all, so watching it reveals nothing.
    assert private_event_counts(organisation) == []
    next_month = (timezone.now().replace(day=1) + timedelta(days=32)).replace(day=1)

    def counts() -> dict[str, int | None]:
        rows = private_event_counts(organisation, now=next_month)
        return {row.event_type: row.count for row in rows}

    def page() -> str:
        return client_for(org_admin).get(reverse("audit:trail")).content.decode()

    assert counts() == {"wellbeing.check_in_completed": None}  # four: fewer than five
    monkeypatch.setattr(
        audit_views, "private_event_counts", lambda org: private_event_counts(org, now=next_month)
    )
    assert "Private wellbeing activity" in page() and "fewer than 5" in page()
    check_in(practitioner, "proqol5")
    check_in(supervisor, "cbi")
    assert counts() == {"wellbeing.check_in_completed": 6}
    assert "<td>6</td>" in page() and "fewer than 5" not in page()


def test_the_counts_are_the_organisations_own(organisation, outsider, practitioner):
    for _n in range(5):
        check_in(practitioner, "cbi")
    next_month = (timezone.now().replace(day=1) + timedelta(days=32)).replace(day=1)
    other = outsider.membership.organisation
    assert private_event_counts(other, now=next_month) == []
    assert private_event_counts(organisation, now=next_month)[0].count == 5


def test_the_dashboard_does_not_show_who_checked_in(client_for, org_admin, practitioner):
    check_in(practitioner, "cbi")
    html = client_for(org_admin).get(reverse("core:dashboard")).content.decode()
    assert "wellbeing.check_in_completed" not in html
