"""Demo journal: three entries by the demo practitioner, one shared with their supervisor."""

from __future__ import annotations

from empathic.accounts.models import User
from empathic.journal import actions
from empathic.journal.models import JournalEntry
from empathic.practice.models import PracticeSession

ENTRIES = (
    {
        "title": "Practice: the asylum interview scenario",
        "description": "I practised with Amir. My first attempt went straight to advice about "
        "writing down dates, and he became guarded and then angry.",
        "feelings": "Embarrassed at first, then curious about why I rushed.",
        "evaluation": "The second attempt opened up when I asked what it had been like for him.",
        "analysis": "I jump to fixing when I feel helpless. The feedback showed no exploration "
        "in my first answers.",
        "conclusion": "An open question first buys me the information I need anyway.",
        "action_plan": "In real sessions this week: one open question before any suggestion.",
        "share": True,
    },
    {
        "title": "Difficult call on the crisis line",
        "description": "A caller was shouting about being discharged with no follow-up.",
        "feelings": "My heart was racing; I wanted the call to end.",
        "evaluation": "Naming his fear calmed things down more than explaining the process.",
        "analysis": "Anger was covering fear; reflecting it helped him feel heard.",
        "conclusion": "Reflect the feeling under the anger first.",
        "action_plan": "Bring this call to supervision.",
        "share": False,
    },
    {
        "title": "Noticing tiredness",
        "description": "Three long shifts in a row.",
        "feelings": "Flat. Less patient than usual.",
        "evaluation": "I caught myself giving advice to end a conversation sooner.",
        "analysis": "Fatigue shows up in my empathy before I notice it anywhere else.",
        "conclusion": "Tiredness is information, not a failure.",
        "action_plan": "Take the wellbeing check-in and talk to my supervisor about the rota.",
        "share": False,
    },
)


def seed_journal_demo() -> None:
    owner = User.objects.filter(email="practitioner@riverside.example").first()
    supervisor = User.objects.filter(email="supervisor@riverside.example").first()
    if owner is None or supervisor is None or JournalEntry.objects.filter(owner=owner).exists():
        return
    session = PracticeSession.objects.filter(user=owner).order_by("started_at").first()
    for index, data in enumerate(ENTRIES):
        fields = {k: v for k, v in data.items() if k != "share"}
        entry = actions.create_entry(
            acting_user=owner, practice_session=session if index == 0 else None, **fields
        )
        if data["share"]:
            actions.share_entry(entry=entry, supervisor=supervisor, acting_user=owner)
