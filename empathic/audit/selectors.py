from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from empathic.accounts.models import Organisation
from empathic.audit.models import AuditEvent


def audit_events_for_organisation(
    organisation: Organisation,
    *,
    event_type: str = "",
    actor_email: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(organisation=organisation).select_related("actor")
    if event_type:
        events = events.filter(event_type=event_type)
    if actor_email:
        events = events.filter(actor_label__iexact=actor_email.strip())
    tz = timezone.get_current_timezone()
    if since:
        events = events.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        events = events.filter(created_at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return events


def event_types_for_organisation(organisation: Organisation) -> list[str]:
    return list(
        AuditEvent.objects.filter(organisation=organisation)
        .order_by("event_type")
        .values_list("event_type", flat=True)
        .distinct()
    )
