"""The demo organisation: two teams and a persona in every role, plus a second organisation
so that isolation can be seen. Everything is created through actions, so the audit trail of the
demo looks like a real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from empathic.accounts import actions
from empathic.accounts.models import Organisation, Role
from empathic.conversations.demo import seed_conversations_demo
from empathic.journal.demo import seed_journal_demo
from empathic.practice.demo import seed_practice_demo
from empathic.wellbeing.demo import seed_wellbeing_demo

DEMO_PASSWORD = "empathic-demo-2026"  # noqa: S105 (published on purpose: demo only)
DEMO_SLUG = "riverside-family-services"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str
    organisation: str
    teams: tuple[str, ...]


DEMO_PEOPLE: tuple[DemoLogin, ...] = (
    DemoLogin(
        "admin@riverside.example", "Amara Okafor", Role.ADMIN, "Riverside Family Services", ()
    ),
    DemoLogin(
        "supervisor@riverside.example",
        "Daniel Reyes",
        Role.SUPERVISOR,
        "Riverside Family Services",
        ("Crisis Line",),
    ),
    DemoLogin(
        "trainer@riverside.example",
        "Mei Lin Tan",
        Role.SUPERVISOR,
        "Riverside Family Services",
        ("Community Outreach",),
    ),
    DemoLogin(
        "practitioner@riverside.example",
        "Sam Whitfield",
        Role.PRACTITIONER,
        "Riverside Family Services",
        ("Crisis Line",),
    ),
    DemoLogin(
        "jordan@riverside.example",
        "Jordan Ellis",
        Role.PRACTITIONER,
        "Riverside Family Services",
        ("Crisis Line",),
    ),
    DemoLogin(
        "priya@riverside.example",
        "Priya Natarajan",
        Role.PRACTITIONER,
        "Riverside Family Services",
        ("Community Outreach",),
    ),
    DemoLogin(
        "tomas@riverside.example",
        "Tomás Herrera",
        Role.PRACTITIONER,
        "Riverside Family Services",
        ("Community Outreach", "Crisis Line"),
    ),
    DemoLogin("admin@northside.example", "Grace Mensah", Role.ADMIN, "Northside Peer Support", ()),
    DemoLogin(
        "peer@northside.example",
        "Leo Park",
        Role.PRACTITIONER,
        "Northside Peer Support",
        ("Peer Line",),
    ),
)

TEAMS = {
    "Riverside Family Services": (
        ("Crisis Line", "24/7 phone and chat crisis support"),
        ("Community Outreach", "Home visits and community programmes"),
    ),
    "Northside Peer Support": (("Peer Line", "Peer-run warm line"),),
}


def demo_exists() -> bool:
    return Organisation.objects.filter(slug=DEMO_SLUG).exists()


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Create the demo organisations once; a second call changes nothing."""
    if demo_exists():
        seed_wellbeing_demo()  # idempotent: fills in demo check-ins for older demo databases
        seed_conversations_demo()  # idempotent, like the wellbeing demo
        seed_practice_demo()  # idempotent: skips when the demo workshop exists
        seed_journal_demo()  # idempotent: skips when the demo practitioner has entries
        return list(DEMO_PEOPLE)
    organisations: dict[str, Organisation] = {}
    for person in DEMO_PEOPLE:
        if person.role == Role.ADMIN and person.organisation not in organisations:
            organisation = actions.create_organisation(
                name=person.organisation,
                admin_email=person.email,
                admin_name=person.name,
                admin_password=DEMO_PASSWORD,
                acting_user=None,
            )
            organisations[person.organisation] = organisation
            for name, description in TEAMS[person.organisation]:
                actions.create_team(
                    organisation=organisation,
                    name=name,
                    description=description,
                    acting_user=None,
                )
    for person in DEMO_PEOPLE:
        organisation = organisations[person.organisation]
        if person.role == Role.ADMIN:
            continue
        actions.add_member(
            organisation=organisation,
            email=person.email,
            full_name=person.name,
            password=DEMO_PASSWORD,
            role=person.role,
            teams=organisation.teams.filter(name__in=person.teams),
            acting_user=None,
        )
    seed_wellbeing_demo()
    seed_conversations_demo()
    seed_practice_demo()
    seed_journal_demo()
    return list(DEMO_PEOPLE)
