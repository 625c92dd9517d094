"""Demo wellbeing data: a few months of check-ins for the demo people, through the actions."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from empathic.accounts.models import User
from empathic.wellbeing import actions
from empathic.wellbeing.models import CheckIn, ReminderSetting, ResiliencePlan
from empathic.wellbeing.scoring import load_instrument

DEMO_DOMAINS = ("@riverside.example", "@northside.example")
MONTHS_BACK = 5
# Per-person leaning (0 = thriving, 1 = stretched), so the demo shows varied bands.
_STRAIN = {"practitioner@riverside.example": 0.55, "jordan@riverside.example": 0.7}


def _proqol_answers(rng: random.Random, strain: float) -> dict[str, str]:
    instrument = load_instrument("proqol5")
    burnout = set(instrument.subscale("burnout").items)
    sts = set(instrument.subscale("secondary_traumatic_stress").items)
    answers = {}
    for item in instrument.items:
        # Positively worded items score higher when thriving; the others when stretched.
        positive = item.reverse or item.id not in burnout | sts
        centre = 4.2 - strain if positive else 1.8 + 2 * strain
        answers[item.id] = str(min(5, max(1, round(centre + rng.uniform(-1, 1)))))
    return answers


def _cbi_answers(rng: random.Random, strain: float) -> dict[str, str]:
    answers = {}
    for item in load_instrument("cbi").items:
        # Options run from most (index 0, 100 points) to least (index 4, 0 points).
        centre = 1.5 + 2.5 * strain if item.reverse else 3.4 - 2.6 * strain
        index = min(4, max(0, round(centre + rng.uniform(-1, 1))))
        answers[item.id] = item.options[index].code
    return answers


def _taken_at(months_ago: int, person_index: int) -> datetime:
    now = timezone.now()
    first_of_month = now.replace(day=1, hour=9, minute=0, second=0, microsecond=0)
    month = first_of_month
    for _i in range(months_ago):
        month = (month - timedelta(days=1)).replace(day=1)
    return month + timedelta(days=3 + person_index % 20, hours=person_index % 5)


def seed_wellbeing_demo() -> int:
    """Give every demo person monthly check-ins for past months; a second call adds nothing.

    No transaction around it: each check-in is an action of its own (durable) transaction. A
    person who already has check-ins is left alone, and so are a plan and a reminder setting
    that exist, so a call after an interrupted one only fills in what is missing.
    """
    people = [
        user
        for user in User.objects.filter(membership__is_active=True).order_by("pk")
        if user.email.endswith(DEMO_DOMAINS)
    ]
    checked_in = set(
        CheckIn.objects.filter(user__in=people).values_list("user_id", flat=True).distinct()
    )
    created = 0
    for index, user in enumerate(people):
        if user.pk in checked_in:
            continue
        strain = _STRAIN.get(user.email, 0.15 + 0.1 * (index % 4))
        rng = random.Random(user.email)  # same demo every time
        for months_ago in range(MONTHS_BACK, 0, -1):
            drift = strain + 0.04 * (MONTHS_BACK - months_ago)
            taken_at = _taken_at(months_ago, index)
            actions.record_check_in(
                instrument_code="proqol5",
                answers=_proqol_answers(rng, drift),
                acting_user=user,
                taken_at=taken_at,
            )
            actions.record_check_in(
                instrument_code="cbi",
                answers=_cbi_answers(rng, drift),
                acting_user=user,
                taken_at=taken_at + timedelta(minutes=8),
            )
            created += 2
    sam = next((u for u in people if u.email == "practitioner@riverside.example"), None)
    if sam is not None and not ResiliencePlan.objects.filter(user=sam).exists():
        actions.save_resilience_plan(
            acting_user=sam,
            warning_signs="Skipping lunch; replaying calls on the drive home; snapping at home.",
            what_helps="A walk after a hard shift; debriefing with Jordan; Sunday football.",
            people_to_call="Jordan (colleague); Daniel (supervisor); the staff support line.",
            self_care="Take my full break; no work email after 7 pm; one evening a week offline.",
        )
    if sam is not None and not ReminderSetting.objects.filter(user=sam).exists():
        actions.set_reminder_cadence(cadence="monthly", acting_user=sam)
    return created
