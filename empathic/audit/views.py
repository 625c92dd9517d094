from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from empathic.accounts.access import require_admin
from empathic.audit.forms import AuditFilterForm
from empathic.audit.selectors import (
    audit_events_for_organisation,
    event_types_for_organisation,
    private_count_minimum,
    private_event_counts,
)

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    membership = require_admin(request.user)
    organisation = membership.organisation
    form = AuditFilterForm(
        request.GET or None, event_types=event_types_for_organisation(organisation)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    # Other people's wellbeing rows are never listed (who checked in and when is private):
    # the admin sees their own, and everyone's only as monthly counts below the table.
    events = audit_events_for_organisation(
        organisation,
        viewer=request.user,
        event_type=filters.get("event_type", ""),
        actor_email=filters.get("actor", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_trail.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "private_counts": private_event_counts(organisation),
            "private_minimum": private_count_minimum(),
        },
    )
