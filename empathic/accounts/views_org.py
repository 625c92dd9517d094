"""Organisation settings, teams, members and invitations. Views parse, authorise, render."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from empathic.accounts import actions
from empathic.accounts.access import (
    get_invitation_for_user,
    get_member_for_user,
    get_membership,
    get_team_for_user,
    members_visible_to,
    require_admin,
    teams_visible_to,
)
from empathic.accounts.forms import InvitationForm, MemberForm, OrganisationSettingsForm, TeamForm
from empathic.accounts.models import Invitation

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


@login_required
@require_http_methods(["GET", "POST"])
def organisation_settings(request: HttpRequest) -> HttpResponse:
    membership = require_admin(request.user)
    organisation = membership.organisation
    form = OrganisationSettingsForm(
        request.POST or None,
        initial={"name": organisation.name, "require_admin_2fa": organisation.require_admin_2fa},
    )
    if request.method == "POST" and form.is_valid():
        actions.update_organisation_settings(
            organisation=organisation, acting_user=request.user, **form.cleaned_data
        )
        messages.success(request, _("Settings saved."))
        return redirect("org:settings")
    return render(request, "accounts/org_settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def team_list(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    form = TeamForm(request.POST or None)
    if request.method == "POST":
        require_admin(request.user)
        if form.is_valid():
            try:
                team = actions.create_team(
                    organisation=membership.organisation,
                    acting_user=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error("name", error)
            else:
                messages.success(request, _("Team “%(name)s” created.") % {"name": team.name})
                return redirect("org:team_detail", team_id=team.pk)
    teams = teams_visible_to(membership).prefetch_related("memberships__user")
    return render(request, "accounts/team_list.html", {"teams": teams, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    manage = request.method == "POST"
    team = get_team_for_user(request.user, team_id, manage=manage)
    form = TeamForm(
        request.POST or None, initial={"name": team.name, "description": team.description}
    )
    if manage and form.is_valid():
        try:
            actions.update_team(team=team, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Team saved."))
            return redirect("org:team_detail", team_id=team.pk)
    members = team.memberships.select_related("user").order_by("user__full_name")
    return render(
        request, "accounts/team_detail.html", {"team": team, "members": members, "form": form}
    )


@login_required
@require_POST
def team_delete(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_team_for_user(request.user, team_id, manage=True)
    actions.delete_team(team=team, acting_user=request.user)
    messages.success(request, _("Team “%(name)s” deleted.") % {"name": team.name})
    return redirect("org:team_list")


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    members = members_visible_to(membership).prefetch_related("teams").order_by("user__full_name")
    invitations = (
        Invitation.objects.filter(organisation=membership.organisation)
        .select_related("invited_by")
        .prefetch_related("teams")[:50]
        if membership.is_admin
        else []
    )
    return render(
        request, "accounts/member_list.html", {"members": members, "invitations": invitations}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    manage = request.method == "POST"
    target = get_member_for_user(request.user, member_id, manage=manage)
    form = MemberForm(
        request.POST or None,
        organisation=target.organisation,
        initial={"role": target.role, "teams": list(target.teams.all())},
    )
    if manage and form.is_valid():
        try:
            actions.change_member_role(
                membership=target, role=form.cleaned_data["role"], acting_user=request.user
            )
            actions.set_member_teams(
                membership=target, teams=form.cleaned_data["teams"], acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Member saved."))
            return redirect("org:member_detail", member_id=target.pk)
    return render(request, "accounts/member_detail.html", {"member": target, "form": form})


@login_required
@require_POST
def member_set_active(request: HttpRequest, member_id: int) -> HttpResponse:
    target = get_member_for_user(request.user, member_id, manage=True)
    active = request.POST.get("active") == "1"
    try:
        actions.set_member_active(membership=target, active=active, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Account reactivated.") if active else _("Account deactivated.")
        )
    return redirect("org:member_detail", member_id=target.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    membership = require_admin(request.user)
    form = InvitationForm(request.POST or None, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite_member(
                organisation=membership.organisation, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            return render(request, "accounts/invitation_sent.html", {"invitation": invitation})
    return render(request, "accounts/invite.html", {"form": form})


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, invitation_id)
    actions.revoke_invitation(invitation=invitation, acting_user=request.user)
    messages.success(request, _("Invitation revoked."))
    return redirect("org:member_list")
