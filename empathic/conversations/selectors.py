"""Reads for pages: lists by role, one report, a practitioner's growth, a team's trends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Max, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from empathic.conversations.access import conversations_visible_to
from empathic.conversations.models import (
    DEFAULT_RETENTION_DAYS,
    Comment,
    Conversation,
    ConversationPolicy,
    ConversationSummary,
    Status,
    Turn,
)

if TYPE_CHECKING:
    from empathic.accounts.models import Membership, Organisation, Team, User

TREND_MONTHS = 12


def retention_days(organisation: Organisation) -> int:
    """How long the organisation keeps conversations (the default until an admin sets it)."""
    policy = ConversationPolicy.objects.filter(organisation=organisation).first()
    return policy.retention_days if policy else DEFAULT_RETENTION_DAYS


def conversation_list(
    membership: Membership, *, scope: str = "mine", team: Team | None = None
) -> QuerySet[Conversation]:
    """``mine``: the person's own; ``team``: their teams' (supervisors); ``all``: admins."""
    conversations = conversations_visible_to(membership)
    if scope == "mine":
        conversations = conversations.filter(practitioner=membership.user)
    elif scope == "team":
        conversations = conversations.exclude(practitioner=membership.user).exclude(team=None)
    if team is not None:
        conversations = conversations.filter(team=team)
    return conversations.select_related("team", "practitioner").only(
        "pk",
        "title",
        "held_on",
        "status",
        "created_at",
        "reviewed_at",
        "turn_count",
        "team__name",
        "practitioner__full_name",
        "practitioner__email",
    )


def report_turns(conversation: Conversation) -> list[Turn]:
    comments = Comment.objects.filter(parent=None).select_related("author")
    replies = Comment.objects.exclude(parent=None).select_related("author")
    return list(
        conversation.turns.order_by("index")
        .select_related("score")
        .prefetch_related(
            Prefetch("comments", queryset=comments, to_attr="threads"),
            Prefetch("threads__replies", queryset=replies),
        )
    )


def summary_of(conversation: Conversation) -> ConversationSummary | None:
    return ConversationSummary.objects.filter(conversation=conversation).first()


def growth_of(user: User, *, visible_to: Membership | None = None) -> list[ConversationSummary]:
    """The person's analysed sessions, oldest first; with ``visible_to``, only those that member
    may open (a supervisor sees their teams' sessions of a practitioner, never the others)."""
    summaries = ConversationSummary.objects.filter(practitioner=user)
    if visible_to is not None:
        summaries = summaries.filter(conversation__in=conversations_visible_to(visible_to))
    return list(
        summaries.order_by("held_on", "conversation_id").only(
            "held_on",
            "er_rate",
            "ip_rate",
            "ex_rate",
            "reflection_to_question",
            "percent_complex_reflections",
            "percent_open_questions",
            "missed_moments",
            "conversation_id",
        )
    )


def awaiting_review(membership: Membership, team: Team | None = None) -> QuerySet[Conversation]:
    conversations = conversation_list(membership, scope="team", team=team)
    return conversations.filter(status=Status.DONE, reviewed_at=None).order_by("created_at")


@dataclass(frozen=True)
class MonthTrend:
    month: date
    sessions: int
    er: float | None
    ip: float | None
    ex: float | None
    r_to_q: float | None
    complex_share: float | None


def trend_start(today: date | None = None) -> date:
    today = today or timezone.localdate()
    first = today.replace(day=1)
    for _ in range(TREND_MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def team_trends(team: Team) -> list[MonthTrend]:
    """Monthly averages over the team's analysed conversations, the last 12 months."""
    rows = (
        ConversationSummary.objects.filter(team=team, held_on__gte=trend_start())
        .annotate(month=TruncMonth("held_on"))
        .values("month")
        .annotate(
            sessions=Count("pk"),
            er=Avg("er_rate"),
            ip=Avg("ip_rate"),
            ex=Avg("ex_rate"),
            r_to_q=Avg("reflection_to_question"),
            complex_share=Avg("percent_complex_reflections"),
        )
        .order_by("month")
    )
    return [
        MonthTrend(
            month=row["month"] if isinstance(row["month"], date) else row["month"].date(),
            sessions=row["sessions"],
            er=row["er"],
            ip=row["ip"],
            ex=row["ex"],
            r_to_q=row["r_to_q"],
            complex_share=row["complex_share"],
        )
        for row in rows
    ]


def team_practitioners(team: Team) -> list[dict]:
    """One line per practitioner with sessions in this team: counts and averages."""
    rows = (
        ConversationSummary.objects.filter(team=team, held_on__gte=trend_start())
        .values("practitioner_id", "practitioner__full_name", "practitioner__membership__id")
        .annotate(
            sessions=Count("pk"),
            er=Avg("er_rate"),
            ip=Avg("ip_rate"),
            ex=Avg("ex_rate"),
            r_to_q=Avg("reflection_to_question"),
            latest=Max("held_on"),
        )
        .order_by("practitioner__full_name")
    )
    return list(rows)
