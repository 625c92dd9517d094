"""The Celery app, for organisations that analyse conversations on several machines.

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 celery -A empathic.celery_app worker -c 2
    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 celery -A empathic.celery_app beat

Settings come from Django's settings module (the ``CELERY_*`` names): tasks are acknowledged
late, rejected back to the queue when their worker dies, and each worker process reserves one
task at a time, so a worker killed mid-task loses nothing. The task itself is idempotent (see
``empathic/conversations/jobs.py``). Without a broker nothing here is used: the web process runs
the same job code in a background thread.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "empathic.settings")

app = Celery("empathic")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["empathic.conversations"])
app.conf.beat_schedule = {
    # Retention: every day at 03:15 (server time), purge conversations past their expiry.
    "purge-expired-conversations": {
        "task": "empathic.conversations.purge_expired",
        "schedule": crontab(hour=3, minute=15),
    },
    # A safety net: re-queue conversations whose worker vanished and whose message was lost.
    "requeue-stale-conversations": {
        "task": "empathic.conversations.requeue_stale",
        "schedule": 300.0,
    },
}
