"""Helpers for conversation tests: uploads go through the real parser, redaction and action;
analyses through the real pipeline (a short session keeps them quick)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from empathic.conversations import actions, ingest, jobs
from empathic.conversations.jobs import OutcomeState

if TYPE_CHECKING:
    from empathic.conversations.models import Conversation

SESSION = """\
Sam Rivera: Hi Jordan, thanks for coming in. How have things been this week?
Jordan Lee: Honestly awful. I got an eviction notice and I'm terrified. Call me on 07700 900123.
Sam Rivera: That sounds frightening. You're worried about losing your home.
Jordan Lee: Yes, and Maya starts school next week. I feel like I've failed her.
Sam Rivera: Did you get the notice in writing?
Jordan Lee: Just the one on the door. My email is jordan.lee@example.com if you need it.
Sam Rivera: What would help you most right now?
Jordan Lee: Maybe knowing what my options are. I don't want to lose the apartment.
"""


def session_text(variant: str = "") -> str:
    return SESSION + (f"Sam Rivera: {variant}\n" if variant else "")


def upload(
    user,
    *,
    text: str | None = None,
    team=None,
    names=("Maya",),
    reference="",
    title="Weekly session",
    held_on=None,
) -> Conversation:
    prepared = ingest.prepare(
        text=text or session_text(), practitioner_name="Sam Rivera", names=names
    )
    membership = user.membership
    if team is None:
        team = membership.teams.order_by("name").first()
    return actions.create_conversation(
        prepared=prepared,
        title=title,
        team=team,
        held_on=held_on or date(2026, 3, 2),
        client_reference=reference,
        consent_method="verbal",
        consent_obtained_on=date(2026, 3, 1),
        consent_purposes=["supervision", "self_review"],
        names=names,
        acting_user=user,
    )


def analysed(user, **kwargs) -> Conversation:
    conversation = upload(user, **kwargs)
    outcome = jobs.analyse_conversation(conversation.pk)
    assert outcome.state == OutcomeState.DONE, outcome
    conversation.refresh_from_db()
    return conversation
