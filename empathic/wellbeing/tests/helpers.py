"""Test data through the actions, as real data is made."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from empathic.accounts import actions as account_actions
from empathic.accounts.models import Organisation, Role, Team, User
from empathic.wellbeing import actions
from empathic.wellbeing.scoring import load_instrument

if TYPE_CHECKING:
    from empathic.wellbeing.models import CheckIn

PASSWORD = "a-long-test-password-9"

# A CBI answer set with scores that appear nowhere else on the platform:
# personal (100 + 75 + 75 + 75 + 50 + 25) / 6 = 400 / 6 = 66.67 -> shown "66.7";
# work (100 + 100 + 75 + [seldom reversed: 100 - 25 = 75] + 50 + 50 + 25) / 7 = 475 / 7 = 67.86
# -> shown "67.9"; client (100 + 100 + 100 + 75 + 75 + 50) / 6 = 500 / 6 = 83.33 -> shown "83.3".
SECRET_CBI = {
    "p1": "always", "p2": "often", "p3": "often", "p4": "often", "p5": "sometimes",
    "p6": "seldom",
    "w1": "always", "w2": "always", "w3": "often", "w4": "seldom", "w5": "somewhat",
    "w6": "somewhat", "w7": "low",
    "c1": "very_high", "c2": "very_high", "c3": "very_high", "c4": "high", "c5": "often",
    "c6": "sometimes",
}  # fmt: skip
SECRET_SCORE_TEXTS = ("66.7", "67.9", "83.3", "66.67", "67.86", "83.33")


def uniform_answers(code: str, index: int = 2) -> dict[str, str]:
    """Every item answered with the option at ``index`` (2 = the middle one)."""
    return {item.id: item.options[index].code for item in load_instrument(code).items}


def last_month(day: int = 10) -> datetime:
    first = timezone.now().replace(day=1, hour=12, minute=0, second=0, microsecond=0)
    return (first - timedelta(days=1)).replace(day=day)


def check_in(
    user: User,
    code: str = "cbi",
    answers: dict[str, str] | None = None,
    taken_at: datetime | None = None,
) -> CheckIn:
    return actions.record_check_in(
        instrument_code=code,
        answers=answers or uniform_answers(code),
        acting_user=user,
        taken_at=taken_at,
    )


def add_people(
    organisation: Organisation, team: Team | None, count: int, admin: User, prefix: str = "p"
) -> list[User]:
    people = []
    for n in range(count):
        membership = account_actions.add_member(
            organisation=organisation,
            email=f"{prefix}{n}@riverside.test",
            full_name=f"Person {prefix}{n}",
            password=PASSWORD,
            role=Role.PRACTITIONER,
            teams=[team] if team else [],
            acting_user=admin,
        )
        people.append(membership.user)
    return people
