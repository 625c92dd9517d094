from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from empathic.conversations import jobs
from empathic.conversations.jobs import OutcomeState


class Command(BaseCommand):
    help = (
        "Analyse conversations waiting for a worker (queued, or abandoned by a worker that "
        "died). Without --loop it works through what is waiting and exits."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--loop", action="store_true", help="Keep polling for new work.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between polls.")

    def handle(self, *args: object, **options: object) -> None:
        done = 0
        while True:
            ids = jobs.pending_ids()
            for pk in ids:
                outcome = jobs.analyse_conversation(pk)
                self.stdout.write(f"conversation {pk}: {outcome.state}")
                done += outcome.state in (OutcomeState.DONE, OutcomeState.FAILED)
            if not options["loop"]:
                break
            if not ids:
                time.sleep(float(options["interval"]))  # type: ignore[arg-type]
        self.stdout.write(f"Processed {done} conversation(s).")
