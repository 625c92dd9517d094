"""Real Celery workers on real Redis and PostgreSQL: kill a worker mid-batch, start another, and
every conversation is analysed exactly once.

Needs PostgreSQL (the workers are separate processes and must reach the test database) and Redis
on 127.0.0.1:6379 (a dedicated database number, flushed before and after). Skipped on SQLite or
without Redis, unless EMPATHIC_REQUIRE_REDIS=1 (CI), where a missing Redis fails the test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from empathic.audit.models import AuditEvent
from empathic.conversations.models import Conversation, ConversationSummary, Status, TurnScore
from empathic.conversations.tests.helpers import session_text, upload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.celery,
    pytest.mark.slow,
]

BROKER = os.environ.get("EMPATHIC_TEST_CELERY_BROKER", "redis://127.0.0.1:6379/13")
BATCH = 6
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the workers are separate processes: run with DATABASE_URL (PostgreSQL)")


@pytest.fixture
def broker(postgres):
    import redis

    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("EMPATHIC_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required (EMPATHIC_REQUIRE_REDIS=1) but unreachable: {error}")
        pytest.skip(f"Redis is not reachable at {BROKER}")
    client.flushdb()
    yield BROKER
    client.flushdb()


def _database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": BROKER,
            "EMPATHIC_SECRET_KEY": "celery-kill-test",
            "EMPATHIC_VAR_DIR": str(self.tmp_path),
            # Hold each claimed task a moment so the kill lands mid-task, for certain.
            "EMPATHIC_TEST_ANALYSIS_HOLD_SECONDS": "1.5",
            # A dead worker's lease and unacknowledged message come back within seconds.
            "EMPATHIC_CONVERSATIONS_LEASE_SECONDS": "4",
            "EMPATHIC_CELERY_VISIBILITY_TIMEOUT": "6",
            "EMPATHIC_CELERY_RESTORE_INTERVAL": "1",
            "EMPATHIC_CELERY_RESTORE_THROTTLE": "1",
            "EMPATHIC_NLP_THREADS": "1",
        }
        log = open(self.tmp_path / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "empathic.celery_app",
                "worker",
                "-c",
                "1",
                "-P",
                "prefork",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"{name}@%h",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill the pool children too
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text()[-4000:]

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process)


@pytest.fixture
def workers(tmp_path):
    workers = Workers(tmp_path)
    yield workers
    workers.stop_all()


def _wait_for(predicate, timeout: float, what: str, workers: Workers, name: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{workers.log(name)}")


def test_a_worker_killed_mid_batch_loses_nothing_and_nothing_runs_twice(
    broker, workers, practitioner, settings
):
    settings.CELERY_BROKER_URL = broker
    conversations = [
        upload(practitioner, text=session_text(f"What happened next, part {n}?"))
        for n in range(BATCH)
    ]  # each upload queued its task on Redis when its transaction committed
    ids = [c.pk for c in conversations]
    queued = Conversation.objects.filter(pk__in=ids, status=Status.QUEUED).count()
    assert queued == BATCH

    first = workers.start("first")

    def one_done_one_running():
        statuses = dict(Conversation.objects.filter(pk__in=ids).values_list("pk", "status"))
        running = [pk for pk, status in statuses.items() if status == Status.RUNNING]
        done = [pk for pk, status in statuses.items() if status == Status.DONE]
        return running[0] if running and done else None

    victim = _wait_for(
        one_done_one_running, 180, "the first worker to be mid-batch", workers, "first"
    )
    victim_owner = Conversation.objects.get(pk=victim).lease_owner
    workers.kill(first)
    assert Conversation.objects.get(pk=victim).status == Status.RUNNING  # killed mid-task
    finished_by_first = Conversation.objects.filter(pk__in=ids, status=Status.DONE).count()
    assert finished_by_first < BATCH

    workers.start("second")
    _wait_for(
        lambda: Conversation.objects.filter(pk__in=ids, status=Status.DONE).count() == BATCH,
        240,
        "the second worker to finish the batch",
        workers,
        "second",
    )
    time.sleep(3)  # let any duplicate delivery arrive: it must write nothing

    for conversation in Conversation.objects.filter(pk__in=ids):
        assert conversation.status == Status.DONE
        assert conversation.analysis_runs == 1, conversation.pk
        assert ConversationSummary.objects.filter(conversation=conversation).count() == 1
        assert (
            TurnScore.objects.filter(conversation=conversation).count() == conversation.turn_count
        )
    victim_row = Conversation.objects.get(pk=victim)
    assert victim_row.attempts == 2  # claimed by the killed worker, then by the second
    assert victim_row.analysed_by != victim_owner
    analysed_events = AuditEvent.objects.filter(
        event_type="conversation.analysed", subject_id__in=[str(pk) for pk in ids]
    )
    assert analysed_events.count() == BATCH
    assert sorted(int(e.subject_id) for e in analysed_events) == sorted(ids)
