"""Demo practice data: a workshop run by the demo trainer, one assignment, and completed
sessions for one trainee so that progress shows. Idempotent, created through actions."""

from __future__ import annotations

import datetime

from django.utils import timezone

from empathic.accounts.models import User
from empathic.practice import actions
from empathic.practice.models import Scenario, Workshop

WORKSHOP = "Foundations of empathic listening"
ASSIGNED = ("asylum-interview-fear", "widower-loneliness", "eviction-notice")
DEMO_ANSWERS = (
    # A first attempt that gives advice, then a second that explores: growth shows in the chart.
    (
        "asylum-interview-fear",
        (
            "You should write down all the dates so you get them right.",
            "Okay, just try to relax before the interview.",
            "That sounds really frightening, I am so sorry.",
            "What would help you feel ready?",
        ),
    ),
    (
        "asylum-interview-fear",
        (
            "What has it been like for you since the letter came?",
            "That sounds terrifying. What goes through your mind when the memories come back?",
            "What would practising with your lawyer mean for you?",
        ),
    ),
)


def seed_practice_demo() -> None:
    trainer = User.objects.filter(email="trainer@riverside.example").first()
    if trainer is None or Workshop.objects.filter(name=WORKSHOP).exists():
        return
    trainees = list(
        User.objects.filter(
            email__in=(
                "practitioner@riverside.example",
                "jordan@riverside.example",
                "priya@riverside.example",
            )
        )
    )
    workshop = actions.create_workshop(
        name=WORKSHOP,
        description="Four weeks of practice with feedback: reflections, open questions, and "
        "staying with strong feelings.",
        trainees=trainees,
        acting_user=trainer,
    )
    actions.assign_scenarios(
        workshop=workshop,
        title="Week 1: listening before fixing",
        scenarios=Scenario.objects.filter(organisation=None, slug__in=ASSIGNED),
        due_date=timezone.localdate() + datetime.timedelta(days=14),
        acting_user=trainer,
    )
    sam = next(u for u in trainees if u.email == "practitioner@riverside.example")
    for slug, answers in DEMO_ANSWERS:
        scenario = Scenario.objects.get(organisation=None, slug=slug)
        session = actions.start_session(scenario=scenario, acting_user=sam)
        for text in answers:
            session.refresh_from_db()
            if session.is_completed:
                break
            actions.answer_turn(
                session=session, node_key=session.current_node, text=text, acting_user=sam
            )
