"""Reads of the audit trail.

Private events
--------------
Some rows describe a person's own private records: today the wellbeing check-ins, resilience plan
and reminders. Who did those things, and when, is itself private: knowing who checked in which
month tells an admin each month's aggregate groups (and a reminder row says who did *not* check
in). So the organisation's trail never lists other people's private rows; it shows them only as
counts per completed calendar month, with small counts withheld. A viewer still sees their own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from empathic.audit.models import AuditEvent
from empathic.core.privacy import min_group_size

if TYPE_CHECKING:
    from empathic.accounts.models import Organisation, User

PRIVATE_EVENT_PREFIXES = ("wellbeing.",)
PRIVATE_COUNT_MONTHS = 12


def _private() -> Q:
    query = Q()
    for prefix in PRIVATE_EVENT_PREFIXES:
        query |= Q(event_type__startswith=prefix)
    return query


def is_private_event_type(event_type: str) -> bool:
    return event_type.startswith(PRIVATE_EVENT_PREFIXES)


def events_visible_to(organisation: Organisation, viewer: User | None) -> QuerySet[AuditEvent]:
    """The organisation's rows that ``viewer`` may see listed one by one: everything except
    other people's private events. Every page that lists rows (the trail, a dashboard's "recent
    events") should start here rather than from ``AuditEvent.objects``."""
    events = AuditEvent.objects.filter(organisation=organisation)
    if viewer is not None and viewer.pk:
        return events.exclude(_private() & (~Q(actor_id=viewer.pk) | Q(actor__isnull=True)))
    return events.exclude(_private())


def audit_events_for_organisation(
    organisation: Organisation,
    *,
    viewer: User | None = None,
    event_type: str = "",
    actor_email: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    events = events_visible_to(organisation, viewer).select_related("actor")
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


def recent_events_for(organisation: Organisation, viewer: User, limit: int = 5) -> list[AuditEvent]:
    return list(events_visible_to(organisation, viewer)[:limit])


def event_types_for_organisation(organisation: Organisation) -> list[str]:
    return list(
        AuditEvent.objects.filter(organisation=organisation)
        .order_by("event_type")
        .values_list("event_type", flat=True)
        .distinct()
    )


def private_count_minimum() -> int:
    return min_group_size()


@dataclass(frozen=True)
class PrivateEventCount:
    month: date
    event_type: str
    count: int | None  # None: more than none but fewer than ``minimum``, not shown exactly
    minimum: int


def _completed_months(now: datetime, count: int) -> list[date]:
    month = timezone.localtime(now).date().replace(day=1)
    months = []
    for _i in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return months  # newest first


def private_event_counts(
    organisation: Organisation, *, now: datetime | None = None
) -> list[PrivateEventCount]:
    """Private events per completed calendar month and type, newest month first.

    Completed months only: a live count would tick up while an admin watches a colleague's
    session. Counts below the wellbeing minimum group size are withheld, as the aggregates are.
    """
    months = _completed_months(now or timezone.now(), PRIVATE_COUNT_MONTHS)
    tz = timezone.get_current_timezone()
    start = datetime.combine(months[-1], time.min, tzinfo=tz)
    end = datetime.combine((months[0] + timedelta(days=32)).replace(day=1), time.min, tzinfo=tz)
    rows = AuditEvent.objects.filter(
        _private(), organisation=organisation, created_at__gte=start, created_at__lt=end
    ).values_list("event_type", "created_at")
    counts: Counter[tuple[date, str]] = Counter(
        (timezone.localtime(created_at, tz).date().replace(day=1), event_type)
        for event_type, created_at in rows
    )
    minimum = private_count_minimum()
    return [
        PrivateEventCount(month, event_type, count if count >= minimum else None, minimum)
        for month in months
        for (counted_month, event_type), count in sorted(counts.items())
        if counted_month == month
    ]
