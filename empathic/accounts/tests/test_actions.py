from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from empathic.accounts import actions
from empathic.accounts.models import Invitation, Membership, Role, Team, User
from empathic.audit.models import AuditEvent
from empathic.testing import PASSWORD, membership_of

pytestmark = pytest.mark.django_db


def events(event_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type))


def test_create_organisation_makes_admin_and_audits(organisation, org_admin):
    membership = membership_of(org_admin)
    assert membership.role == Role.ADMIN
    assert membership.organisation == organisation
    (event,) = events("organisation.created")
    assert event.organisation == organisation
    assert event.actor is None and event.actor_label == "system"
    assert event.details == {"admin_user_id": org_admin.pk}


def test_organisation_slug_is_unique(db):
    first = actions.create_organisation(
        name="Same Name",
        admin_email="a@x.test",
        admin_name="A",
        admin_password=PASSWORD,
        acting_user=None,
    )
    second = actions.create_organisation(
        name="Same Name",
        admin_email="b@x.test",
        admin_name="B",
        admin_password=PASSWORD,
        acting_user=None,
    )
    assert first.slug != second.slug


def test_blank_organisation_name_is_refused_and_nothing_written(db):
    with pytest.raises(ValidationError):
        actions.create_organisation(
            name="  ",
            admin_email="a@x.test",
            admin_name="A",
            admin_password=PASSWORD,
            acting_user=None,
        )
    assert not User.objects.exists()
    assert not AuditEvent.objects.exists()


def test_settings_change_audits_only_real_changes(organisation, org_admin):
    actions.update_organisation_settings(
        organisation=organisation,
        name=organisation.name,
        require_admin_2fa=False,
        acting_user=org_admin,
    )
    assert events("organisation.settings_changed") == []
    actions.update_organisation_settings(
        organisation=organisation,
        name="Riverside FS",
        require_admin_2fa=True,
        acting_user=org_admin,
    )
    (event,) = events("organisation.settings_changed")
    assert event.actor == org_admin
    assert event.details["fields"] == ["name", "require_admin_2fa"]


def test_team_lifecycle_is_audited(organisation, org_admin):
    team = actions.create_team(organisation=organisation, name="Night shift", acting_user=org_admin)
    actions.update_team(team=team, name="Night line", description="22-06", acting_user=org_admin)
    actions.delete_team(team=team, acting_user=org_admin)
    assert not Team.objects.filter(pk=team.pk).exists()
    kinds = [e.event_type for e in AuditEvent.objects.filter(subject_type="accounts.team")]
    assert sorted(kinds) == ["team.created", "team.deleted", "team.updated"]


def test_duplicate_team_name_is_refused(organisation, org_admin, crisis_team):
    with pytest.raises(ValidationError):
        actions.create_team(organisation=organisation, name="crisis line", acting_user=org_admin)
    assert Team.objects.filter(organisation=organisation).count() == 1


def test_invitation_is_mailed_on_commit_and_audited(
    organisation, org_admin, crisis_team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite_member(
            organisation=organisation,
            email="New@Riverside.test",
            role=Role.PRACTITIONER,
            teams=[crisis_team],
            acting_user=org_admin,
        )
    assert invitation.email == "new@riverside.test"
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    (event,) = events("invitation.created")
    assert event.details == {"role": "practitioner", "team_ids": [crisis_team.pk]}
    assert "new@riverside.test" not in str(event.details)


def test_new_invitation_replaces_pending_one(organisation, org_admin):
    first = actions.invite_member(
        organisation=organisation, email="x@r.test", role=Role.PRACTITIONER, acting_user=org_admin
    )
    actions.invite_member(
        organisation=organisation, email="x@r.test", role=Role.SUPERVISOR, acting_user=org_admin
    )
    first.refresh_from_db()
    assert not first.is_usable


def test_invitation_refuses_other_organisations_team(
    organisation, org_admin, other_organisation, outsider
):
    foreign = actions.create_team(organisation=other_organisation, name="X", acting_user=outsider)
    with pytest.raises(ValidationError):
        actions.invite_member(
            organisation=organisation,
            email="x@r.test",
            role=Role.PRACTITIONER,
            teams=[foreign],
            acting_user=org_admin,
        )
    assert not Invitation.objects.exists()


def test_accept_invitation_creates_member_once(organisation, org_admin, crisis_team):
    invitation = actions.invite_member(
        organisation=organisation,
        email="x@r.test",
        role=Role.SUPERVISOR,
        teams=[crisis_team],
        acting_user=org_admin,
    )
    user = actions.accept_invitation(invitation=invitation, full_name="Xu", password=PASSWORD)
    membership = membership_of(user)
    assert membership.role == Role.SUPERVISOR
    assert list(membership.teams.all()) == [crisis_team]
    (event,) = events("invitation.accepted")
    assert event.actor == user
    with pytest.raises(ValidationError):
        actions.accept_invitation(invitation=invitation, full_name="Again", password=PASSWORD)
    assert User.objects.filter(email="x@r.test").count() == 1


def test_revoked_invitation_cannot_be_accepted(organisation, org_admin):
    invitation = actions.invite_member(
        organisation=organisation, email="x@r.test", role=Role.PRACTITIONER, acting_user=org_admin
    )
    actions.revoke_invitation(invitation=invitation, acting_user=org_admin)
    assert len(events("invitation.revoked")) == 1
    with pytest.raises(ValidationError):
        actions.accept_invitation(invitation=invitation, full_name="X", password=PASSWORD)


def test_role_change_is_audited_with_before_and_after(practitioner, org_admin):
    membership = membership_of(practitioner)
    actions.change_member_role(membership=membership, role=Role.SUPERVISOR, acting_user=org_admin)
    (event,) = events("member.role_changed")
    assert event.details == {"from": "practitioner", "to": "supervisor"}


def test_last_admin_cannot_be_demoted_or_deactivated(org_admin, supervisor):
    membership = membership_of(org_admin)
    with pytest.raises(ValidationError):
        actions.change_member_role(
            membership=membership, role=Role.PRACTITIONER, acting_user=supervisor
        )
    with pytest.raises(ValidationError):
        actions.set_member_active(membership=membership, active=False, acting_user=supervisor)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN and membership.is_active


def test_deactivation_blocks_sign_in_and_is_audited(practitioner, org_admin):
    membership = membership_of(practitioner)
    actions.set_member_active(membership=membership, active=False, acting_user=org_admin)
    practitioner.refresh_from_db()
    assert practitioner.is_active is False
    assert len(events("member.deactivated")) == 1
    actions.set_member_active(membership=membership, active=True, acting_user=org_admin)
    assert len(events("member.reactivated")) == 1


def test_nobody_deactivates_themselves(org_admin, supervisor):
    actions.change_member_role(
        membership=membership_of(supervisor), role=Role.ADMIN, acting_user=org_admin
    )
    with pytest.raises(ValidationError):
        actions.set_member_active(
            membership=membership_of(org_admin), active=False, acting_user=org_admin
        )


def test_team_assignment_is_audited(practitioner, org_admin, outreach_team, crisis_team):
    membership = membership_of(practitioner)
    actions.set_member_teams(
        membership=membership, teams=[outreach_team, crisis_team], acting_user=org_admin
    )
    (event,) = events("member.teams_changed")
    assert event.details["to"] == sorted([outreach_team.pk, crisis_team.pk])


def test_failed_action_rolls_back_its_audit_row(practitioner, org_admin):
    membership = membership_of(practitioner)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.change_member_role(membership=membership, role="boss", acting_user=org_admin)
    assert AuditEvent.objects.count() == before
    assert Membership.objects.get(pk=membership.pk).role == Role.PRACTITIONER


def test_an_action_is_the_outermost_transaction(organisation, org_admin):
    """Actions are durable: the test's own transaction (pytest-django's TestCase) does not
    count, but any other transaction around an action is refused before anything is written."""
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        actions.create_team(organisation=organisation, name="Nested", acting_user=org_admin)
    assert not Team.objects.filter(name="Nested").exists()
