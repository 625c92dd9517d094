"""Journal entries linked to a conversation (a real client) are redacted before they are stored;
entries about practice sessions or nothing in particular stay as typed."""

from __future__ import annotations

from empathic.conversations.tests.helpers import upload
from empathic.journal import actions

TYPED = "Call with Lucía Ortega, mob 07700 900 312"


def test_an_entry_linked_to_a_conversation_is_redacted_in_every_field(practitioner):
    conversation = upload(practitioner)
    entry = actions.create_entry(
        acting_user=practitioner,
        conversation=conversation,
        title=TYPED,
        description="Her daughter Maisie was at the door.",
        action_plan="Ring Mrs Haddad before 4 March.",
    )
    entry.refresh_from_db()
    assert entry.title == "Call with [NAME], mob [PHONE]"
    assert entry.description == "Her daughter [NAME] was at the door."
    assert entry.action_plan == "Ring Mrs [NAME] before [DATE]."


def test_an_unlinked_entry_stays_as_typed_until_it_is_linked(practitioner):
    entry = actions.create_entry(acting_user=practitioner, title=TYPED, feelings="Tired.")
    entry.refresh_from_db()
    assert entry.title == TYPED
    conversation = upload(practitioner)
    actions.update_entry(entry=entry, acting_user=practitioner, conversation=conversation)
    entry.refresh_from_db()
    assert "Lucía" not in entry.title and "07700" not in entry.title
    assert entry.feelings == "Tired."
