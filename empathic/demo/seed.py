"""The demo organisation: two teams and a persona in every role, plus a second organisation
so that isolation can be seen. Everything is created through actions, so the audit trail of the
demo looks like a real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from empathic.accounts import actions
from empathic.accounts.models import Membership, Organisation, Role, User
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


def seed_demo() -> list[DemoLogin]:
    """Create the demo organisations once; a second call changes nothing.

    Step by step, with no transaction around the steps: every step is an action, the outermost
    (durable) transaction of its own write and audit row. Each step is skipped when what it
    creates is already there, so a call after an interrupted one finishes what that one began.
    """
    if not _everyone_has_an_account():
        _seed_people()
    # Each idempotent: they also fill in what older demo databases lack.
    seed_wellbeing_demo()  # skips people who already have check-ins
    seed_conversations_demo()  # skips when the demo practitioner has conversations
    seed_practice_demo()  # skips when the demo workshop exists
    seed_journal_demo()  # skips when the demo practitioner has entries
    return list(DEMO_PEOPLE)


def _everyone_has_an_account() -> bool:
    emails = {person.email for person in DEMO_PEOPLE}
    return User.objects.filter(email__in=emails).count() == len(emails)


def _seed_people() -> None:
    """The organisations (each with its first admin), their teams and the other people; only
    those not there yet."""
    organisations: dict[str, Organisation] = {}
    for person in DEMO_PEOPLE:
        if person.role != Role.ADMIN or person.organisation in organisations:
            continue
        admin = (
            Membership.objects.filter(user__email=person.email)
            .select_related("organisation")
            .first()
        )
        if admin is not None:  # created with its organisation, in one transaction
            organisation = admin.organisation
        else:
            organisation = actions.create_organisation(
                name=person.organisation,
                admin_email=person.email,
                admin_name=person.name,
                admin_password=DEMO_PASSWORD,
                acting_user=None,
            )
        organisations[person.organisation] = organisation
        teams = set(organisation.teams.values_list("name", flat=True))
        for name, description in TEAMS[person.organisation]:
            if name not in teams:
                actions.create_team(
                    organisation=organisation,
                    name=name,
                    description=description,
                    acting_user=None,
                )
    for person in DEMO_PEOPLE:
        if person.role == Role.ADMIN or User.objects.filter(email=person.email).exists():
            continue
        organisation = organisations[person.organisation]
        actions.add_member(
            organisation=organisation,
            email=person.email,
            full_name=person.name,
            password=DEMO_PASSWORD,
            role=person.role,
            teams=organisation.teams.filter(name__in=person.teams),
            acting_user=None,
        )
