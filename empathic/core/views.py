from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from empathic.accounts.access import get_membership, members_visible_to, teams_visible_to
from empathic.accounts.models import Invitation
from empathic.audit.selectors import recent_events_for


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return redirect("accounts:login")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    context = {
        "membership": membership,
        "teams": teams_visible_to(membership).order_by("name"),
    }
    if membership.can_supervise:
        context["member_count"] = members_visible_to(membership).filter(is_active=True).count()
    if membership.is_admin:
        context["pending_invitations"] = (
            Invitation.objects.filter(organisation=membership.organisation).usable().count()
        )
        # Through the audit selector: other people's wellbeing events are private (counts only).
        context["recent_events"] = recent_events_for(membership.organisation, request.user)
    return render(request, "core/dashboard.html", context)


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and monitoring."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
