"""Reads for the practice studio: scenario lists, summaries, progress and workshop results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from empathic.nlp.scorer import MECHANISMS
from empathic.practice.branching import NodeData, main_path, validate_graph
from empathic.practice.models import (
    Assignment,
    Mood,
    PracticeAnswer,
    PracticeSession,
    Scenario,
    SessionStatus,
    Workshop,
)

if TYPE_CHECKING:
    import datetime

    from empathic.accounts.models import Membership, User


def scenarios_for(
    membership: Membership, *, population: str = "", difficulty: int | None = None, q: str = ""
) -> QuerySet[Scenario]:
    scenarios = Scenario.objects.filter(
        Q(organisation=None) | Q(organisation=membership.organisation)
    )
    if not membership.can_supervise:
        scenarios = scenarios.filter(is_published=True)
    if population:
        scenarios = scenarios.filter(population=population)
    if difficulty:
        scenarios = scenarios.filter(difficulty=difficulty)
    if q:
        scenarios = scenarios.filter(
            Q(title__icontains=q) | Q(setting__icontains=q) | Q(background__icontains=q)
        )
    return scenarios


def graph_of(scenario: Scenario) -> list[NodeData]:
    return [
        NodeData(n.key, n.client_text, n.mood, n.is_end, n.branches) for n in scenario.nodes.all()
    ]


def graph_errors(scenario: Scenario) -> list[str]:
    return validate_graph(scenario.start_node, graph_of(scenario), Mood.values)


def main_path_length(scenario: Scenario) -> int:
    """Client turns the trainee answers along the exploring path."""
    return max(len(main_path(scenario.start_node, graph_of(scenario))) - 1, 0)


def sessions_of(user: User) -> QuerySet[PracticeSession]:
    return PracticeSession.objects.filter(user=user)


@dataclass(frozen=True)
class SessionSummary:
    answers: list[PracticeAnswer]
    means: dict[str, float]
    best: dict[str, int]
    kinds: dict[str, int]
    strong_turns: int


def summarise(session: PracticeSession) -> SessionSummary:
    answers = list(session.answers.all())
    n = len(answers) or 1
    means = {m: round(sum(getattr(a, m) for a in answers) / n, 2) for m in MECHANISMS}
    best = {m: max((getattr(a, m) for a in answers), default=0) for m in MECHANISMS}
    kinds: dict[str, int] = {}
    for a in answers:
        kinds[a.response_kind] = kinds.get(a.response_kind, 0) + 1
    strong = sum(1 for a in answers if max(a.er, a.ip, a.ex) == 2)
    return SessionSummary(answers, means, best, kinds, strong)


@dataclass(frozen=True)
class Attempt:
    session_id: int
    title: str
    completed_at: datetime.datetime
    answers: int
    means: dict[str, float]


def attempts_of(user: User, *, since: datetime.datetime | None = None) -> list[Attempt]:
    """Completed sessions, oldest first, with the mean level of each mechanism."""
    sessions = PracticeSession.objects.filter(user=user, status=SessionStatus.COMPLETED)
    if since is not None:
        sessions = sessions.filter(completed_at__gte=since)
    rows = (
        sessions.annotate(
            n=Count("answers"),
            er_m=Avg("answers__er"),
            ip_m=Avg("answers__ip"),
            ex_m=Avg("answers__ex"),
        )
        .order_by("completed_at", "pk")
        .values("pk", "scenario_title", "completed_at", "n", "er_m", "ip_m", "ex_m")
    )
    return [
        Attempt(
            r["pk"],
            r["scenario_title"],
            r["completed_at"],
            r["n"],
            {m: round(float(r[f"{m}_m"] or 0), 2) for m in MECHANISMS},
        )
        for r in rows
    ]


def growth(attempts: list[Attempt]) -> dict[str, float] | None:
    """Latest minus first attempt, per mechanism (None with fewer than two attempts)."""
    if len(attempts) < 2:
        return None
    return {m: round(attempts[-1].means[m] - attempts[0].means[m], 2) for m in MECHANISMS}


def workshops_for(user: User) -> tuple[QuerySet[Workshop], QuerySet[Workshop]]:
    """(workshops the user trains, workshops the user attends)."""
    return (
        Workshop.objects.filter(trainers=user).distinct(),
        Workshop.objects.filter(trainees=user).distinct(),
    )


@dataclass
class AssignmentStatus:
    assignment: Assignment
    done: int
    total: int
    completed_scenarios: set[int] = field(default_factory=set)

    @property
    def is_complete(self) -> bool:
        return self.done >= self.total

    @property
    def is_overdue(self) -> bool:
        return not self.is_complete and self.assignment.due_date < timezone.localdate()


def assignment_status(assignment: Assignment, user: User) -> AssignmentStatus:
    scenario_ids = set(assignment.scenarios.values_list("pk", flat=True))
    done = set(
        PracticeSession.objects.filter(
            user=user,
            status=SessionStatus.COMPLETED,
            scenario_id__in=scenario_ids,
            completed_at__gte=assignment.created_at,
        ).values_list("scenario_id", flat=True)
    )
    return AssignmentStatus(assignment, len(done), len(scenario_ids), done)


@dataclass(frozen=True)
class TraineeProgress:
    trainee: User
    statuses: list[AssignmentStatus]
    attempts: list[Attempt]
    growth: dict[str, float] | None

    @property
    def completed(self) -> int:
        return sum(s.done for s in self.statuses)

    @property
    def assigned(self) -> int:
        return sum(s.total for s in self.statuses)

    @property
    def latest(self) -> dict[str, float] | None:
        return self.attempts[-1].means if self.attempts else None


def trainee_progress(workshop: Workshop, trainee: User) -> TraineeProgress:
    assignments = list(workshop.assignments.prefetch_related("scenarios"))
    attempts = attempts_of(trainee, since=workshop.created_at)
    return TraineeProgress(
        trainee,
        [assignment_status(a, trainee) for a in assignments],
        attempts,
        growth(attempts),
    )


def workshop_progress(workshop: Workshop) -> list[TraineeProgress]:
    return [trainee_progress(workshop, t) for t in workshop.trainees.order_by("full_name")]
