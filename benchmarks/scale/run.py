"""Scale benchmark for conversations: PostgreSQL with 200 practitioners and 1,000,000 scored
turns; report, list, growth, team and dashboard pages under 32 concurrent clients (wrk, on
loopback); then transcripts pushed through two Celery workers on Redis.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/empathic_bench \\
        .venv/bin/python benchmarks/scale/run.py [--turns 1000000] [--transcripts 1000]

Seeding uses COPY (a few minutes); a second run reuses the seeded data. It prints figures; it
asserts nothing about time. Needs `wrk` (Debian: apt-get install wrk) and Redis for the Celery
part (--skip-celery to leave it out).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SLUG = "scale-benchmark"
PASSWORD = "scale-benchmark-password"  # noqa: S105 (a throwaway benchmark database)
_TEXT = (
    "I hear how hard this week has been and it sounds like the worry about the rent sits with "
    "you all day what would help most right now when you think about your family and the job "
    "that you want to keep we can look at options together tell me more about that evening"
)
WORDS = tuple(_TEXT.split(" "))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practitioners", type=int, default=200)
    parser.add_argument("--turns", type=int, default=1_000_000)
    parser.add_argument("--turns-per-session", type=int, default=40)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--transcripts", type=int, default=1000)
    parser.add_argument("--celery-broker", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--skip-celery", action="store_true")
    parser.add_argument("--skip-web", action="store_true")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    return parser.parse_args()


def setup_django(database_url: str, var_dir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["EMPATHIC_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("EMPATHIC_SECRET_KEY", "scale-benchmark-secret-key")
    os.environ["EMPATHIC_CONVERSATIONS_RUNNER"] = "manual"
    os.environ["DJANGO_SETTINGS_MODULE"] = "empathic.settings"
    import django

    django.setup()


def ensure_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


# --- Seeding -----------------------------------------------------------------------------------
def _sentence(rng: random.Random, n: int) -> str:
    start = rng.randrange(len(WORDS) - n)
    return " ".join(WORDS[start : start + n]).capitalize() + "."


def _analysis(rng: random.Random, role: str, text: str) -> dict:
    if role == "practitioner":
        levels = [rng.choice((0, 0, 1, 1, 2)) for _ in range(3)]
        cut = min(len(text), 24)
        return {
            "index": 0,
            "speaker": "Practitioner",
            "role": role,
            "start": None,
            "empathy": {
                m: {
                    "level": lv,
                    "probabilities": [0.2, 0.5, 0.3],
                    "rationale": [{"start": 0, "end": cut, "text": text[:cut]}] if lv else [],
                }
                for m, lv in zip(("er", "ip", "ex"), levels, strict=True)
            }
            | {"model": "epitome@1.0.0"},
            "practitioner": {"mi_code": "open_question", "strategy": "Question"},
            "client": None,
            "feedback": None,
            "missed_empathy": False,
        }
    probs = {"sadness": rng.random() / 2, "fear": rng.random() / 2, "relief": rng.random() / 3}
    return {
        "index": 0,
        "speaker": "Client",
        "role": role,
        "start": None,
        "client": {
            "emotions": [{"label": "sadness", "probability": probs["sadness"]}],
            "emotion_probabilities": probs,
            "distress": 1 + 6 * rng.random(),
            "hostility": "neither",
            "talk_type": "neutral",
        },
        "missed_empathy": False,
    }


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_pg(v) for v in row) + "\n")
    buffer.seek(0)
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)


def _pg(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def seed(args: argparse.Namespace) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from empathic.accounts import actions as accounts
    from empathic.accounts.models import Membership, Organisation, Role, User

    if Organisation.objects.filter(slug=SLUG).exists():
        print("seed: reusing the seeded organisation")
        return
    started = time.monotonic()
    rng = random.Random(7)
    organisation = accounts.create_organisation(
        name="Scale Benchmark",
        admin_email="admin@scale.test",
        admin_name="Scale Admin",
        admin_password=PASSWORD,
        acting_user=None,
    )
    Organisation.objects.filter(pk=organisation.pk).update(slug=SLUG)
    teams = [
        accounts.create_team(organisation=organisation, name=f"Team {n:02}", acting_user=None)
        for n in range(10)
    ]
    hashed = make_password(PASSWORD)
    people = [
        User(email=f"p{n:03}@scale.test", full_name=f"Practitioner {n:03}", password=hashed)
        for n in range(args.practitioners)
    ] + [
        User(email=f"s{n:02}@scale.test", full_name=f"Supervisor {n:02}", password=hashed)
        for n in range(len(teams))
    ]
    User.objects.bulk_create(people)
    people = list(
        User.objects.filter(email__endswith="@scale.test")
        .exclude(email="admin@scale.test")
        .order_by("email")
    )
    members = Membership.objects.bulk_create(
        Membership(
            user=u,
            organisation=organisation,
            role=Role.SUPERVISOR if u.email.startswith("s") else Role.PRACTITIONER,
        )
        for u in people
    )
    through = Membership.teams.through
    through.objects.bulk_create(
        through(membership_id=m.pk, team_id=teams[i % len(teams)].pk)
        for i, m in enumerate(sorted(members, key=lambda m: m.user.email))
    )
    practitioners = [u for u in people if u.email.startswith("p")]
    sessions = args.turns // args.turns_per_session
    per_person = max(1, sessions // len(practitioners))
    print(f"seed: {len(practitioners)} practitioners x {per_person} sessions x "
          f"{args.turns_per_session} turns")  # fmt: skip
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg cursor, for COPY
        cursor.execute("SELECT coalesce(max(id), 0) FROM conversations_conversation")
        conv_id = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(id), 0) FROM conversations_turn")
        turn_id = cursor.fetchone()[0]
        conv_rows, summary_rows, turn_rows, score_rows = [], [], [], []
        for p_index, person in enumerate(practitioners):
            team = teams[p_index % len(teams)]
            for s in range(per_person):
                conv_id += 1
                held = date.today() - timedelta(days=3 * (per_person - s))
                conv_rows.append((
                    conv_id, organisation.pk, team.pk, person.pk, f"REF-{conv_id}",
                    f"Session {s + 1}", held, "txt", "benchmark", f"{conv_id:064x}", {},
                    "verbal", held, ["supervision"], "done", "", 1, 1, "", None, now, now,
                    "bench", {"epitome": "epitome@1.0.0"}, args.turns_per_session, None, None,
                    now, now + timedelta(days=365),
                ))  # fmt: skip
                er, ip, ex = rng.random(), rng.random(), rng.random()
                summary_rows.append((
                    conv_id, organisation.pk, team.pk, person.pk, held,
                    args.turns_per_session // 2, args.turns_per_session // 2,
                    round(rng.uniform(0.3, 2.5), 2), rng.random(), rng.random(), 0.5,
                    er, ip, ex, rng.randrange(3), rng.randrange(5), rng.randrange(3),
                    {"reflection_to_question": {"value": 1.2, "fair": 1.0, "good": 2.0,
                                                "rating": "fair"},
                     "percent_complex_reflections": {"value": 0.45, "fair": 0.4, "good": 0.5,
                                                     "rating": "fair"},
                     "mechanism_rates": {"er": er, "ip": ip, "ex": ex},
                     "strong_mechanism_rates": {"er": er / 2, "ip": ip / 2, "ex": ex / 2}},
                    [],
                ))  # fmt: skip
                for t in range(args.turns_per_session):
                    turn_id += 1
                    role = "practitioner" if t % 2 == 0 else "client"
                    text = _sentence(rng, rng.randrange(8, 24))
                    turn_rows.append((turn_id, conv_id, t, role, role.title(), text, 4.0 * t))
                    data = _analysis(rng, role, text)
                    data["index"] = t
                    levels = data.get("empathy") or {}
                    client = data.get("client") or {}
                    score_rows.append((
                        turn_id, conv_id,
                        levels.get("er", {}).get("level"), levels.get("ip", {}).get("level"),
                        levels.get("ex", {}).get("level"),
                        "open_question" if role == "practitioner" else "",
                        "Question" if role == "practitioner" else "",
                        "sadness" if client else "", client.get("distress"),
                        0.05 if client else None, "neutral" if client else "", False, data,
                    ))  # fmt: skip
            if len(turn_rows) >= 200_000 or p_index == len(practitioners) - 1:
                _copy(cursor, "conversations_conversation", [
                    "id", "organisation_id", "team_id", "practitioner_id", "client_reference",
                    "title", "held_on", "source_format", "practitioner_method", "content_sha256",
                    "redaction_counts", "consent_method", "consent_obtained_on",
                    "consent_purposes", "status", "failure_reason", "attempts", "analysis_runs",
                    "lease_owner", "lease_expires_at", "started_at", "analysed_at",
                    "analysed_by", "model_versions", "turn_count", "reviewed_at",
                    "reviewed_by_id", "created_at", "expires_at"], conv_rows)  # fmt: skip
                _copy(cursor, "conversations_conversationsummary", [
                    "conversation_id", "organisation_id", "team_id", "practitioner_id",
                    "held_on", "practitioner_turns", "client_turns", "reflection_to_question",
                    "percent_complex_reflections", "percent_open_questions",
                    "practitioner_talk_share", "er_rate", "ip_rate", "ex_rate",
                    "missed_moments", "change_talk", "sustain_talk", "data", "warnings"],
                    summary_rows)  # fmt: skip
                _copy(cursor, "conversations_turn",
                      ["id", "conversation_id", "index", "role", "speaker", "text", "start"],
                      turn_rows)  # fmt: skip
                _copy(cursor, "conversations_turnscore", [
                    "turn_id", "conversation_id", "er", "ip", "ex", "mi_code", "strategy",
                    "emotion", "distress", "hostility", "talk_type", "missed_empathy",
                    "analysis"], score_rows)  # fmt: skip
                print(f"seed: ... {turn_id:,} turns", flush=True)
                conv_rows, summary_rows, turn_rows, score_rows = [], [], [], []
        for table in ("conversations_conversation", "conversations_turn"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: E501, S608
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seed: done in {time.monotonic() - started:.0f} s")


# --- Web pages under load ----------------------------------------------------------------------
def session_cookie(email: str) -> str:
    from django.test import Client

    from empathic.accounts.models import User

    client = Client()
    client.force_login(
        User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client.cookies["sessionid"].value


def wrk(url: str, cookie: str, args: argparse.Namespace, script: Path | None = None) -> dict:
    command = [
        "wrk", "-t", str(min(2, args.connections)), "-c", str(args.connections),
        "-d", f"{args.duration}s", "--latency", "--timeout", "10s",
        "-H", f"Cookie: sessionid={cookie}", url,
    ]  # fmt: skip
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for pct in ("50", "99"):
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", output).groups()
        figures[f"p{pct}_ms"] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = int(errors.group(1)) if errors else 0
    socket_errors = re.search(r"Socket errors: (.*)", output)
    figures["socket_errors"] = socket_errors.group(1) if socket_errors else "none"
    return figures


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_own_server(url: str, cookie: str, server: subprocess.Popen) -> None:
    """Wait until our gunicorn answers as the benchmark organisation (not some other server)."""
    import urllib.request

    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})  # noqa: S310
    for _ in range(60):
        if server.poll() is not None:
            sys.exit("gunicorn exited; see its output above")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                if b"Scale Benchmark" in response.read():
                    return
        except OSError:
            pass
        time.sleep(1)
    sys.exit(f"the benchmark server did not answer at {url}")


def bench_web(args: argparse.Namespace, var_dir: Path) -> None:
    from django.core.management import call_command

    from empathic.conversations.models import Conversation

    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    call_command("collectstatic", "--no-input", "-v", "0")
    args.port = args.port or free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(  # noqa: S603
        [gunicorn, "empathic.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.web_workers), "--threads", "1", "--log-level", "warning"],
        cwd=ROOT, env=os.environ.copy(), start_new_session=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{args.port}"
        admin, practitioner, supervisor = (
            session_cookie(e) for e in ("admin@scale.test", "p000@scale.test", "s00@scale.test")
        )
        wait_for_own_server(f"{base}/conversations/", practitioner, server)
        ids = Conversation.objects.filter(organisation__slug=SLUG).order_by("pk")
        low, high = ids.first().pk, ids.last().pk
        script = var_dir / "random_report.lua"
        script.write_text(
            f'math.randomseed(os.time())\nrequest = function()\n  return wrk.format("GET", '
            f'"/conversations/" .. math.random({low}, {high}) .. "/")\nend\n'
        )
        pages = [
            ("report (random of all conversations, admin)", f"{base}/", admin, script),
            ("conversation list (practitioner)", f"{base}/conversations/", practitioner, None),
            ("my growth (125 sessions)", f"{base}/conversations/growth/", practitioner, None),
            ("team review (supervisor)", f"{base}/conversations/team/", supervisor, None),
            ("dashboard (practitioner)", f"{base}/dashboard/", practitioner, None),
        ]
        print(f"\nweb: gunicorn {args.web_workers} sync workers; wrk {args.connections} "
              f"connections, {args.duration} s per page, loopback")  # fmt: skip
        # One connection too: the service time of a page, without queueing behind 31 others.
        single = argparse.Namespace(**{**vars(args), "connections": 1, "duration": 10})
        print(f"{'page':46} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'1-conn p50':>10} "
              f"{'1-conn p99':>10} {'non-2xx':>7}")  # fmt: skip
        for name, url, cookie, lua in pages:
            wrk(url, cookie, argparse.Namespace(**{**vars(args), "duration": 3}), lua)  # warm up
            f = wrk(url, cookie, args, lua)
            one = wrk(url, cookie, single, lua)
            print(f"{name:46} {f['rps']:7.1f} {f['p50_ms']:8.1f} {f['p99_ms']:8.1f} "
                  f"{one['p50_ms']:10.1f} {one['p99_ms']:10.1f} {f['non_2xx'] + one['non_2xx']:7d}"
                  f"  sockets: {f['socket_errors']}", flush=True)  # fmt: skip
        load = os.getloadavg()
        print(f"web: load average during the run {load[0]:.1f} on {os.cpu_count()} CPUs")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# --- Transcripts through two Celery workers ----------------------------------------------------
def bench_celery(args: argparse.Namespace, var_dir: Path) -> None:
    import redis
    from django.conf import settings

    from empathic.accounts.models import User
    from empathic.conversations import actions, ingest
    from empathic.conversations.models import Conversation, ConversationSummary, Status

    redis.Redis.from_url(args.celery_broker).flushdb()
    settings.CELERY_BROKER_URL = args.celery_broker
    person = User.objects.get(
        email="p199@scale.test" if args.practitioners >= 200 else "p000@scale.test"
    )
    Conversation.objects.filter(practitioner=person, title__startswith="Celery run").delete()
    base = (ROOT / "empathic/analysis/samples/session.txt").read_text()
    ids = []
    started = time.monotonic()
    workers = []
    env = {**os.environ, "CELERY_BROKER_URL": args.celery_broker, "EMPATHIC_NLP_THREADS": "1"}
    for n in range(2):
        log = open(var_dir / f"worker{n}.log", "w")  # noqa: SIM115
        workers.append(subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "celery", "-A", "empathic.celery_app", "worker", "-c", "1",
             "-P", "prefork", "--without-heartbeat", "--without-gossip", "--without-mingle",
             "-n", f"bench{n}@%h", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        ))  # fmt: skip
    try:
        for n in range(args.transcripts):
            text = base + f"\n[00:06:00] Sam Rivera: One more thing, number {n}: how are you?\n"
            prepared = ingest.prepare(text=text, practitioner_name="Sam Rivera")
            conversation = actions.create_conversation(
                prepared=prepared, title=f"Celery run {n}", team=person.membership.teams.first(),
                held_on=date.today(), consent_method="verbal", consent_obtained_on=date.today(),
                consent_purposes=["supervision"], acting_user=person,
            )  # fmt: skip
            ids.append(conversation.pk)
        submitted = time.monotonic() - started
        print(f"\ncelery: {len(ids)} transcripts of {len(prepared.turns)} turns uploaded "
              f"(parse, redact, store, enqueue) in {submitted:.1f} s", flush=True)  # fmt: skip
        last_report = 0.0
        while True:
            done = Conversation.objects.filter(
                pk__in=ids, status__in=[Status.DONE, Status.FAILED]
            ).count()
            elapsed = time.monotonic() - started
            if done == len(ids):
                break
            if elapsed - last_report > 30:
                print(f"celery: {done}/{len(ids)} after {elapsed:.0f} s", flush=True)
                last_report = elapsed
            time.sleep(1)
        elapsed = time.monotonic() - started
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)
    rows = Conversation.objects.filter(pk__in=ids)
    failed = rows.filter(status=Status.FAILED).count()
    twice = rows.filter(analysis_runs__gt=1).count()
    summaries = ConversationSummary.objects.filter(conversation_id__in=ids).count()
    by_worker = {}
    for owner in rows.values_list("analysed_by", flat=True):
        key = owner.split(":")[0] + ":" + owner.split(":")[1] if owner else "-"
        by_worker[key] = by_worker.get(key, 0) + 1
    print(f"celery: 2 workers (prefork, concurrency 1 each): {len(ids)} analysed in "
          f"{elapsed:.1f} s = {len(ids) / elapsed:.2f} transcripts/s; failed {failed}, "
          f"analysed twice {twice}, results rows {summaries}, lost "
          f"{len(ids) - summaries - failed}; per worker process {by_worker}")  # fmt: skip


def main() -> None:
    args = parse_args()
    database_url = os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/empathic_bench"
    )
    if not database_url.startswith("postgres"):
        sys.exit("the scale benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
    ensure_database(database_url)
    var_dir = Path(tempfile.mkdtemp(prefix="empathic-bench-"))
    setup_django(database_url, var_dir)
    from django.core.management import call_command

    call_command("migrate", "--no-input", "-v", "0")
    seed(args)
    from empathic.conversations.models import Turn, TurnScore

    print(f"data: {Turn.objects.count():,} turns, {TurnScore.objects.count():,} scored")
    if not args.skip_web:
        bench_web(args, var_dir)
    if not args.skip_celery:
        bench_celery(args, var_dir)


if __name__ == "__main__":
    main()
