from __future__ import annotations

from django.core.management.base import BaseCommand

from empathic.wellbeing.actions import send_due_reminders


class Command(BaseCommand):
    help = "Email wellbeing check-in reminders that are due (safe to run as often as you like)."

    def handle(self, *args: object, **options: object) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} wellbeing reminder(s).")
