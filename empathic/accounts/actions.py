"""Every write to organisations, teams, members and invitations.

Each action takes keyword-only arguments and a required ``acting_user`` (``None`` only for the
system itself, e.g. the CLI seeding demo data), runs in one transaction and writes its audit row
in that transaction. That transaction is durable (``atomic(durable=True)``): an action is the
outermost transaction, never called inside another one, so when it returns its change is
committed. Mail goes out on commit, never for a rolled-back change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from empathic.accounts import two_factor
from empathic.accounts.access import admin_must_use_two_factor, organisation_of
from empathic.accounts.models import (
    Invitation,
    Membership,
    Organisation,
    RecoveryCode,
    RecoveryCodeDevice,
    Role,
    Team,
    User,
)
from empathic.audit.recording import record

if TYPE_CHECKING:
    from collections.abc import Iterable


def _unique_slug(name: str) -> str:
    base = slugify(name)[:40] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic(durable=True)
def create_organisation(
    *,
    name: str,
    admin_email: str,
    admin_name: str,
    admin_password: str,
    acting_user: User | None,
) -> Organisation:
    """Create an organisation with its first admin (used by the CLI and the demo seed)."""
    name = name.strip()
    if not name:
        raise ValidationError(_("An organisation needs a name."))
    organisation = Organisation.objects.create(name=name, slug=_unique_slug(name))
    admin = User.objects.create_user(admin_email, admin_password, full_name=admin_name)
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    record(
        event_type="organisation.created",
        acting_user=acting_user,
        organisation=organisation,
        subject=organisation,
        details={"admin_user_id": admin.pk},
    )
    return organisation


@transaction.atomic(durable=True)
def update_organisation_settings(
    *, organisation: Organisation, name: str, require_admin_2fa: bool, acting_user: User
) -> Organisation:
    changed = []
    if organisation.name != name:
        organisation.name = name
        changed.append("name")
    if organisation.require_admin_2fa != require_admin_2fa:
        organisation.require_admin_2fa = require_admin_2fa
        changed.append("require_admin_2fa")
    if changed:
        organisation.save(update_fields=changed)
        record(
            event_type="organisation.settings_changed",
            acting_user=acting_user,
            organisation=organisation,
            subject=organisation,
            details={"fields": changed, "require_admin_2fa": require_admin_2fa},
        )
    return organisation


@transaction.atomic(durable=True)
def create_team(
    *, organisation: Organisation, name: str, description: str = "", acting_user: User | None
) -> Team:
    name = name.strip()
    if not name:
        raise ValidationError(_("A team needs a name."))
    if organisation.teams.filter(name__iexact=name).exists():
        raise ValidationError(_("There is already a team called “%(name)s”.") % {"name": name})
    team = Team.objects.create(organisation=organisation, name=name, description=description)
    record(
        event_type="team.created",
        acting_user=acting_user,
        organisation=organisation,
        subject=team,
    )
    return team


@transaction.atomic(durable=True)
def update_team(*, team: Team, name: str, description: str, acting_user: User) -> Team:
    name = name.strip()
    if not name:
        raise ValidationError(_("A team needs a name."))
    clash = team.organisation.teams.filter(name__iexact=name).exclude(pk=team.pk).exists()
    if clash:
        raise ValidationError(_("There is already a team called “%(name)s”.") % {"name": name})
    team.name, team.description = name, description
    team.save(update_fields=["name", "description"])
    record(
        event_type="team.updated",
        acting_user=acting_user,
        organisation=team.organisation,
        subject=team,
        details={"fields": ["name", "description"]},
    )
    return team


@transaction.atomic(durable=True)
def delete_team(*, team: Team, acting_user: User) -> None:
    organisation = team.organisation
    record(
        event_type="team.deleted",
        acting_user=acting_user,
        organisation=organisation,
        subject=team,
        details={"members": team.memberships.count()},
    )
    team.delete()


def _send_invitation_mail(invitation: Invitation) -> None:
    link = settings.SITE_URL + reverse("accounts:accept_invitation", args=[invitation.token])
    context = {"invitation": invitation, "link": link}
    send_mail(
        subject=_("You are invited to %(org)s on Empathic") % {"org": invitation.organisation},
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


@transaction.atomic(durable=True)
def invite_member(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    teams: Iterable[Team] = (),
    acting_user: User,
) -> Invitation:
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("Someone with this email address already has an account."))
    teams = list(teams)
    if any(team.organisation_id != organisation.pk for team in teams):
        raise ValidationError(_("Teams must belong to this organisation."))
    # A fresh invitation replaces any pending one for the same address.
    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=acting_user
    )
    invitation.teams.set(teams)
    record(
        event_type="invitation.created",
        acting_user=acting_user,
        organisation=organisation,
        subject=invitation,
        details={"role": role, "team_ids": [t.pk for t in teams]},
    )
    transaction.on_commit(lambda: _send_invitation_mail(invitation))
    return invitation


@transaction.atomic(durable=True)
def revoke_invitation(*, invitation: Invitation, acting_user: User) -> Invitation:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            event_type="invitation.revoked",
            acting_user=acting_user,
            organisation=invitation.organisation,
            subject=invitation,
        )
    return invitation


@transaction.atomic(durable=True)
def accept_invitation(*, invitation: Invitation, full_name: str, password: str) -> User:
    """Create the invited person's account; they are the acting user of their own sign-up."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has expired or was already used."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("Someone with this email address already has an account."))
    user = User.objects.create_user(invitation.email, password, full_name=full_name.strip())
    membership = Membership.objects.create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    membership.teams.set(invitation.teams.all())
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record(
        event_type="invitation.accepted",
        acting_user=user,
        organisation=invitation.organisation,
        subject=membership,
        details={"invitation_id": invitation.pk, "role": invitation.role},
    )
    return user


@transaction.atomic(durable=True)
def add_member(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    password: str,
    role: str,
    teams: Iterable[Team] = (),
    acting_user: User | None,
) -> Membership:
    """Create an account directly (CLI, demo seed); people use invitations instead."""
    user = User.objects.create_user(email, password, full_name=full_name)
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    membership.teams.set(list(teams))
    record(
        event_type="member.added",
        acting_user=acting_user,
        organisation=organisation,
        subject=membership,
        details={"role": role},
    )
    return membership


def _admins_left(organisation: Organisation, excluding: Membership) -> int:
    return (
        organisation.memberships.filter(role=Role.ADMIN, is_active=True)
        .exclude(pk=excluding.pk)
        .count()
    )


@transaction.atomic(durable=True)
def change_member_role(*, membership: Membership, role: str, acting_user: User) -> Membership:
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        if _admins_left(membership.organisation, membership) == 0:
            raise ValidationError(_("An organisation must keep at least one admin."))
    previous = membership.role
    if previous != role:
        membership.role = role
        membership.save(update_fields=["role"])
        record(
            event_type="member.role_changed",
            acting_user=acting_user,
            organisation=membership.organisation,
            subject=membership,
            details={"from": previous, "to": role},
        )
    return membership


@transaction.atomic(durable=True)
def set_member_teams(
    *, membership: Membership, teams: Iterable[Team], acting_user: User
) -> Membership:
    teams = list(teams)
    if any(team.organisation_id != membership.organisation_id for team in teams):
        raise ValidationError(_("Teams must belong to this organisation."))
    before = sorted(membership.teams.values_list("pk", flat=True))
    membership.teams.set(teams)
    after = sorted(t.pk for t in teams)
    if before != after:
        record(
            event_type="member.teams_changed",
            acting_user=acting_user,
            organisation=membership.organisation,
            subject=membership,
            details={"from": before, "to": after},
        )
    return membership


@transaction.atomic(durable=True)
def set_member_active(*, membership: Membership, active: bool, acting_user: User) -> Membership:
    if membership.user_id == acting_user.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not active and membership.role == Role.ADMIN:
        if _admins_left(membership.organisation, membership) == 0:
            raise ValidationError(_("An organisation must keep at least one admin."))
    if membership.is_active != active:
        membership.is_active = active
        membership.save(update_fields=["is_active"])
        # An inactive member cannot sign in at all.
        membership.user.is_active = active
        membership.user.save(update_fields=["is_active"])
        record(
            event_type="member.reactivated" if active else "member.deactivated",
            acting_user=acting_user,
            organisation=membership.organisation,
            subject=membership,
        )
    return membership


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = two_factor.new_recovery_codes()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, digest=two_factor.recovery_code_digest(code)) for code in codes
    )
    return codes


@transaction.atomic(durable=True)
def enrol_totp_device(*, user: User, key: str, acting_user: User) -> tuple[TOTPDevice, list[str]]:
    """Store a confirmed authenticator and fresh recovery codes; replaces any earlier device.

    The caller has checked the first code against ``key`` and that the session may make this
    change (verified if the user already had a device, and recently authenticated).
    """
    replacing = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, key=key, name="authenticator", confirmed=True)
    codes = _replace_recovery_codes(user)
    record(
        event_type="2fa.device_replaced" if replacing else "2fa.enabled",
        acting_user=acting_user,
        organisation=organisation_of(user),
        subject=user,
    )
    return device, codes


@transaction.atomic(durable=True)
def regenerate_recovery_codes(*, user: User, acting_user: User) -> list[str]:
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Turn two-factor sign-in on first."))
    codes = _replace_recovery_codes(user)
    record(
        event_type="2fa.recovery_codes_replaced",
        acting_user=acting_user,
        organisation=organisation_of(user),
        subject=user,
    )
    return codes


@transaction.atomic(durable=True)
def disable_totp(*, user: User, acting_user: User) -> None:
    if admin_must_use_two_factor(user):
        raise ValidationError(_("Your organisation requires two-factor sign-in for admins."))
    deleted, _unused = TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    if deleted:
        record(
            event_type="2fa.disabled",
            acting_user=acting_user,
            organisation=organisation_of(user),
            subject=user,
        )
