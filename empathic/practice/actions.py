"""Every write of the practice studio: sessions and answers, workshops, authored scenarios.

Keyword-only arguments and a required ``acting_user``; one durable transaction each (the
outermost: never inside another one), with its audit row.
Audit rows name scenarios, levels and counts, never the text of an answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from empathic.accounts.access import active_membership, get_membership
from empathic.audit.recording import record
from empathic.practice.branching import MAX_ANSWERS, next_key, response_kind
from empathic.practice.models import (
    Assignment,
    PracticeAnswer,
    PracticeSession,
    Scenario,
    ScenarioNode,
    SessionStatus,
    Workshop,
)
from empathic.practice.scoring import score_answer
from empathic.practice.selectors import graph_errors
from empathic.practice.voice import voiced_text

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

    from empathic.accounts.models import Organisation, User

MAX_ANSWER_CHARS = 2000


# --- practice sessions ---------------------------------------------------------------------
@transaction.atomic(durable=True)
def start_session(*, scenario: Scenario, acting_user: User) -> PracticeSession:
    membership = get_membership(acting_user)
    if not scenario.is_published:
        raise ValidationError(_("This scenario is not ready for practice yet."))
    session = PracticeSession.objects.create(
        user=acting_user,
        organisation=membership.organisation,
        scenario=scenario,
        scenario_title=scenario.title,
        current_node=scenario.start_node,
    )
    record(
        event_type="practice.session_started",
        acting_user=acting_user,
        organisation=membership.organisation,
        subject=session,
        details={"scenario": scenario.slug, "library": scenario.is_library},
    )
    return session


def _check_answerable(session: PracticeSession, node_key: str, acting_user: User) -> None:
    if session.user_id != acting_user.pk:
        raise ValidationError(_("Only the trainee can answer in their own session."))
    if session.is_completed:
        raise ValidationError(_("This practice session has ended."))
    if node_key != session.current_node:
        raise ValidationError(_("This client turn has already been answered."))


def answer_turn(
    *, session: PracticeSession, node_key: str, text: str, acting_user: User
) -> PracticeAnswer:
    """Score the trainee's answer to the current client turn and move the client on.

    Compute first, then lock and write: the scoring and the client-voice call (up to
    ``voice.TIMEOUT_SECONDS``) run on the session as read, outside any transaction; the write
    then locks the session and refuses, as a double submit is refused, if it moved on meanwhile.
    """
    session = PracticeSession.objects.select_related("scenario").get(pk=session.pk)
    _check_answerable(session, node_key, acting_user)
    earlier = list(session.answers.order_by("index").values_list("client_text", "text"))
    index = len(earlier)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write an answer to the client first."))
    if len(text) > MAX_ANSWER_CHARS:
        raise ValidationError(
            _("Keep your answer under %(n)d characters.") % {"n": MAX_ANSWER_CHARS}
        )
    node = ScenarioNode.objects.filter(scenario_id=session.scenario_id, key=node_key).first()
    if node is None or node.is_end:
        raise ValidationError(_("This scenario has changed; please start it again."))
    shown = session.voiced_text or node.client_text
    scored = score_answer(client_text=shown, answer=text)
    kind = response_kind(scored.levels, scored.mi_code, scored.strategy, scored.concerns)
    target = next_key(node.branches, kind)
    next_node = ScenarioNode.objects.filter(scenario_id=session.scenario_id, key=target).first()
    completes = next_node is None or next_node.is_end or index + 1 >= MAX_ANSWERS
    voiced = ""
    if not completes and session.scenario is not None and next_node is not None:
        scenario = session.scenario
        name = scenario.client_name
        history: list[tuple[str, str]] = []
        for client_text, answer_text in [*earlier, (shown, text)]:
            history += [(name, client_text), ("Practitioner", answer_text)]
        voiced = voiced_text(
            background=scenario.background,
            client_name=name,
            history=history,
            scripted=next_node.client_text,
            mood=next_node.get_mood_display(),
        )
    with transaction.atomic(durable=True):
        locked = PracticeSession.objects.select_for_update().get(pk=session.pk)
        _check_answerable(locked, node_key, acting_user)
        # Answered since it was read (another tab, and a branch back to this turn): what was
        # scored is no longer what the trainee was shown.
        if locked.answers.count() != index or locked.voiced_text != session.voiced_text:
            raise ValidationError(_("This client turn has already been answered."))
        answer = PracticeAnswer.objects.create(
            session=locked,
            index=index,
            node_key=node.key,
            client_text=shown,
            text=text,
            er=scored.levels["er"],
            ip=scored.levels["ip"],
            ex=scored.levels["ex"],
            rationales=scored.rationales,
            mi_code=scored.mi_code,
            response_kind=kind,
            feedback={
                "concerns": scored.concerns,
                "credit_withheld": scored.credit_withheld,
                "missed": scored.missed,
                "suggestions": scored.suggestions,
            },
            models_used=scored.models,
            next_node=target,
        )
        locked.current_node = target
        locked.voiced_text = voiced
        if completes:
            locked.status = SessionStatus.COMPLETED
            locked.completed_at = timezone.now()
        locked.save(update_fields=["current_node", "status", "completed_at", "voiced_text"])
        record(
            event_type="practice.answer_scored",
            acting_user=acting_user,
            organisation=locked.organisation,
            subject=locked,
            details={
                "index": index,
                **scored.levels,
                "kind": kind,
                "concerns": [c["kind"] for c in scored.concerns],
                "models": scored.models,
            },
        )
        if completes:
            record(
                event_type="practice.session_completed",
                acting_user=acting_user,
                organisation=locked.organisation,
                subject=locked,
                details={"answers": index + 1},
            )
    return answer


# --- workshops -----------------------------------------------------------------------------
def _same_org_members(organisation: Organisation, users: Iterable[User]) -> list[User]:
    users = list(users)
    for user in users:
        # Active members only, as the workshop forms offer (a deactivated account is no one's
        # trainer or trainee).
        membership = active_membership(user)
        if membership is None or membership.organisation_id != organisation.pk:
            raise ValidationError(_("Everyone in a workshop must belong to this organisation."))
    return users


@transaction.atomic(durable=True)
def create_workshop(
    *,
    name: str,
    description: str = "",
    trainees: Iterable[User] = (),
    acting_user: User,
) -> Workshop:
    membership = get_membership(acting_user)
    if not membership.can_supervise:
        raise ValidationError(_("Only supervisors and admins can create workshops."))
    name = name.strip()
    if not name:
        raise ValidationError(_("A workshop needs a name."))
    organisation = membership.organisation
    trainees = _same_org_members(organisation, trainees)
    workshop = Workshop.objects.create(
        organisation=organisation, name=name, description=description, created_by=acting_user
    )
    workshop.trainers.add(acting_user)
    workshop.trainees.set(trainees)
    record(
        event_type="practice.workshop_created",
        acting_user=acting_user,
        organisation=organisation,
        subject=workshop,
        details={"trainees": [u.pk for u in trainees]},
    )
    return workshop


@transaction.atomic(durable=True)
def update_workshop_people(
    *, workshop: Workshop, trainers: Iterable[User], trainees: Iterable[User], acting_user: User
) -> Workshop:
    trainers = _same_org_members(workshop.organisation, trainers)
    trainees = _same_org_members(workshop.organisation, trainees)
    if not trainers:
        raise ValidationError(_("A workshop needs at least one trainer."))
    if any(not u.membership.can_supervise for u in trainers):
        raise ValidationError(_("Trainers must be supervisors or admins."))
    workshop.trainers.set(trainers)
    workshop.trainees.set(trainees)
    record(
        event_type="practice.workshop_people_changed",
        acting_user=acting_user,
        organisation=workshop.organisation,
        subject=workshop,
        details={"trainers": [u.pk for u in trainers], "trainees": [u.pk for u in trainees]},
    )
    return workshop


@transaction.atomic(durable=True)
def assign_scenarios(
    *,
    workshop: Workshop,
    title: str,
    scenarios: Iterable[Scenario],
    due_date: datetime.date,
    acting_user: User,
) -> Assignment:
    scenarios = list(scenarios)
    if not scenarios:
        raise ValidationError(_("Choose at least one scenario."))
    for scenario in scenarios:
        if scenario.organisation_id not in (None, workshop.organisation_id):
            raise ValidationError(_("Scenarios must come from the library or this organisation."))
        if not scenario.is_published:
            raise ValidationError(
                _("“%(title)s” is not ready for practice yet.") % {"title": scenario.title}
            )
    assignment = Assignment.objects.create(
        workshop=workshop, title=title.strip() or _("Assignment"), due_date=due_date
    )
    assignment.scenarios.set(scenarios)
    record(
        event_type="practice.assignment_created",
        acting_user=acting_user,
        organisation=workshop.organisation,
        subject=assignment,
        details={"scenarios": [s.slug for s in scenarios], "due": due_date.isoformat()},
    )
    return assignment


# --- authored scenarios --------------------------------------------------------------------
SCENARIO_FIELDS = (
    "title",
    "population",
    "setting",
    "background",
    "learning_goals",
    "difficulty",
    "client_name",
)


def _unique_slug(organisation: Organisation, title: str) -> str:
    base = slugify(title)[:60] or "scenario"
    slug, n = base, 1
    while Scenario.objects.filter(organisation=organisation, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _require_author(acting_user: User) -> Organisation:
    membership = get_membership(acting_user)
    if not membership.can_supervise:
        raise ValidationError(_("Only trainers (supervisors and admins) author scenarios."))
    return membership.organisation


@transaction.atomic(durable=True)
def create_scenario(
    *,
    title: str,
    population: str,
    setting: str,
    background: str,
    learning_goals: str,
    difficulty: int,
    client_name: str,
    acting_user: User,
) -> Scenario:
    """A new, unpublished scenario of the acting trainer's organisation (no client turns yet)."""
    organisation = _require_author(acting_user)
    scenario = Scenario(
        organisation=organisation,
        created_by=acting_user,
        is_published=False,
        start_node="",
        title=title,
        population=population,
        setting=setting,
        background=background,
        learning_goals=learning_goals,
        difficulty=difficulty,
        client_name=client_name,
    )
    scenario.slug = _unique_slug(organisation, scenario.title)
    scenario.save()
    record(
        event_type="practice.scenario_created",
        acting_user=acting_user,
        organisation=organisation,
        subject=scenario,
    )
    return scenario


@transaction.atomic(durable=True)
def update_scenario(*, scenario: Scenario, acting_user: User, **fields: object) -> Scenario:
    for name in (*SCENARIO_FIELDS, "start_node"):
        if name in fields:
            setattr(scenario, name, fields[name])
    scenario.save()
    _unpublish_if_invalid(scenario)
    record(
        event_type="practice.scenario_updated",
        acting_user=acting_user,
        organisation=scenario.organisation,
        subject=scenario,
        details={"fields": sorted(fields)},
    )
    return scenario


@transaction.atomic(durable=True)
def copy_scenario(*, scenario: Scenario, acting_user: User) -> Scenario:
    """An editable copy in the acting user's organisation (library scenarios are read-only)."""
    organisation = _require_author(acting_user)
    nodes = list(scenario.nodes.all())
    copy = Scenario.objects.create(
        organisation=organisation,
        slug=_unique_slug(organisation, scenario.title),
        title=_("%(title)s (copy)") % {"title": scenario.title},
        population=scenario.population,
        setting=scenario.setting,
        background=scenario.background,
        learning_goals=scenario.learning_goals,
        difficulty=scenario.difficulty,
        client_name=scenario.client_name,
        start_node=scenario.start_node,
        is_published=False,
        copied_from=scenario,
        created_by=acting_user,
    )
    ScenarioNode.objects.bulk_create(
        ScenarioNode(
            scenario=copy,
            key=n.key,
            client_text=n.client_text,
            mood=n.mood,
            is_end=n.is_end,
            branches=dict(n.branches),
            position=n.position,
        )
        for n in nodes
    )
    record(
        event_type="practice.scenario_copied",
        acting_user=acting_user,
        organisation=organisation,
        subject=copy,
        details={"from": scenario.pk},
    )
    return copy


@transaction.atomic(durable=True)
def save_node(
    *,
    scenario: Scenario,
    node: ScenarioNode | None,
    key: str,
    client_text: str,
    mood: str,
    is_end: bool,
    branches: dict[str, str],
    acting_user: User,
) -> ScenarioNode:
    """Create (``node=None``) or change a client turn. Branch targets may point at turns not
    written yet; the scenario cannot be published until its graph validates."""
    clash = scenario.nodes.filter(key=key)
    if node is not None:
        clash = clash.exclude(pk=node.pk)
    if clash.exists():
        raise ValidationError(
            _("Another client turn already uses the key “%(key)s”.") % {"key": key}
        )
    if node is None:
        node = ScenarioNode(scenario=scenario, position=scenario.nodes.count())
    old_key = node.key
    node.key, node.client_text, node.mood, node.is_end = key, client_text, mood, is_end
    node.branches = {} if is_end else {k: v for k, v in branches.items() if v}
    node.save()
    if old_key and old_key != key:  # keep branches and the first turn pointing at it
        for other in scenario.nodes.exclude(pk=node.pk):
            renamed = {k: (key if v == old_key else v) for k, v in other.branches.items()}
            if renamed != other.branches:
                other.branches = renamed
                other.save(update_fields=["branches"])
        if scenario.start_node == old_key:
            scenario.start_node = key
    if not scenario.start_node:
        scenario.start_node = key
    scenario.save()
    _unpublish_if_invalid(scenario)
    record(
        event_type="practice.scenario_node_saved",
        acting_user=acting_user,
        organisation=scenario.organisation,
        subject=scenario,
        details={"node": key},
    )
    return node


@transaction.atomic(durable=True)
def delete_node(*, node: ScenarioNode, acting_user: User) -> None:
    scenario = node.scenario
    record(
        event_type="practice.scenario_node_deleted",
        acting_user=acting_user,
        organisation=scenario.organisation,
        subject=scenario,
        details={"node": node.key},
    )
    node.delete()
    _unpublish_if_invalid(scenario)


@transaction.atomic(durable=True)
def set_published(*, scenario: Scenario, published: bool, acting_user: User) -> Scenario:
    if published:
        errors = graph_errors(scenario)
        if errors:
            raise ValidationError(errors)
    scenario.is_published = published
    scenario.save(update_fields=["is_published", "updated_at"])
    record(
        event_type="practice.scenario_published" if published else "practice.scenario_unpublished",
        acting_user=acting_user,
        organisation=scenario.organisation,
        subject=scenario,
    )
    return scenario


def _unpublish_if_invalid(scenario: Scenario) -> None:
    if scenario.is_published and graph_errors(scenario):
        scenario.is_published = False
        scenario.save(update_fields=["is_published"])
