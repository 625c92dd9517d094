from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _analyse(conversation_id: int) -> object:
    # Imported on first use, not while Django loads the apps (jobs imports models).
    from empathic.conversations.jobs import analyse_conversation  # noqa: PLC0415

    return analyse_conversation(conversation_id)


class ConversationsConfig(AppConfig):
    name = "empathic.conversations"
    label = "conversations"
    verbose_name = _("Conversations")

    def ready(self) -> None:
        # The embedded runner's job, handed over here: jobs write through actions, which
        # enqueue through dispatch, so dispatch must not import jobs (see dispatch.py).
        from empathic.conversations import dispatch  # noqa: PLC0415 (Django app loading)

        dispatch.set_job(_analyse)
