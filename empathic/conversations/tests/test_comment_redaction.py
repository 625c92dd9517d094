"""Comments and answers are redacted before they are stored, like the turns they discuss."""

from __future__ import annotations

from empathic.conversations import actions
from empathic.conversations.models import Comment
from empathic.conversations.tests.helpers import upload


def test_a_name_email_and_phone_typed_into_a_comment_or_answer_are_not_stored(
    practitioner, supervisor
):
    conversation = upload(practitioner)
    turn = conversation.turns.first()
    comment = actions.add_comment(
        conversation=conversation,
        turn=turn,
        body="Good reflection. Her son Tyrese rang from 07700 900 418, email tyrese.b@example.com",
        acting_user=supervisor,
    )
    answer = actions.add_comment(
        conversation=conversation,
        turn=turn,
        parent=comment,
        body="thanks, i'll ring mr okafor at 42 elm street on 4 march",
        acting_user=practitioner,
    )
    stored = " ".join(Comment.objects.values_list("body", flat=True))
    for identifier in ("Tyrese", "07700", "example.com", "okafor", "elm street", "4 march"):
        assert identifier not in stored
    comment.refresh_from_db()
    answer.refresh_from_db()
    assert comment.body == "Good reflection. Her son [NAME] rang from [PHONE], email [EMAIL]"
    assert answer.body == "thanks, i'll ring mr [NAME] at [ADDRESS] on [DATE]"
