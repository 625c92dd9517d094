from __future__ import annotations

from django.core.management.base import BaseCommand

from empathic.conversations.actions import purge_expired_conversations


class Command(BaseCommand):
    help = (
        "Delete conversations older than their organisation's retention period (run daily; "
        "safe to run as often as you like). Each purge is in the audit trail, without text."
    )

    def handle(self, *args: object, **options: object) -> None:
        purged = purge_expired_conversations(acting_user=None)
        self.stdout.write(f"Purged {sum(purged.values())} expired conversation(s).")
