"""Answer-to-feedback round trip of the practice studio, measured against a running server.

    empathic demo            # or: empathic serve (gunicorn on 127.0.0.1:8000)
    python -m empathic.practice.benchmarks.feedback_latency --answers 200

Signs in as the demo practitioner, starts sessions of one library scenario and posts answers
the way the page's JavaScript does (``Accept: application/json``), timing each request from
send to the last byte of the JSON (scoring, branching, saving, audit row and the rendered
feedback fragment). A session that ends is replaced by a new one. Prints p50/p95/max in ms.
Every answer is stored in the server's database like a real one: run it against the demo.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

ANSWERS = (
    "What has this been like for you?",
    "That sounds really frightening, I'm so sorry.",
    "You should write everything down and stay calm.",
    "It sounds like you've been carrying this on your own for a long time.",
    "What worries you most right now?",
    "Okay.",
    "I can hear how exhausted you are. What would help most this week?",
)


class Client:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path) as response:
            return response.geturl(), response.read().decode()

    def post(self, path: str, data: dict, accept: str = "text/html") -> tuple[str, bytes]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(  # noqa: S310 (http URL given by the user)
            self.base + path,
            data=body,
            headers={"Accept": accept, "Referer": self.base + path, "X-CSRFToken": self.csrf()},
        )
        with self.opener.open(request) as response:
            return response.geturl(), response.read()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--email", default="practitioner@riverside.example")
    parser.add_argument("--password", default="empathic-demo-2026")
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)

    client = Client(args.base)
    client.get("/accounts/sign-in/")
    url, _ = client.post("/accounts/sign-in/", {"username": args.email, "password": args.password})
    if "sign-in" in url:
        print("error: could not sign in (is the demo loaded?)", file=sys.stderr)
        return 2
    _, home = client.get("/practice/")
    match = re.search(r'href="/practice/scenarios/(\d+)/"', home)
    if match is None:
        print("error: no scenario found on /practice/", file=sys.stderr)
        return 2
    start = f"/practice/scenarios/{match.group(1)}/start/"

    timings: list[float] = []
    session_path = node = ""
    sessions = 0
    for i in range(args.warmup + args.answers):
        if not session_path:
            url, page = client.post(start, {})
            session_path = urllib.parse.urlparse(url).path
            node = re.search(rb'name="node" value="([^"]+)"', page).group(1).decode()
            sessions += 1
        began = time.perf_counter()
        _, raw = client.post(
            session_path,
            {"node": node, "text": ANSWERS[i % len(ANSWERS)]},
            accept="application/json",
        )
        elapsed = (time.perf_counter() - began) * 1000
        data = json.loads(raw)
        if i >= args.warmup:
            timings.append(elapsed)
        if data["done"]:
            session_path = ""
        else:
            node = data["node"]
    print(f"answers timed: {len(timings)} (after {args.warmup} warm-up), sessions: {sessions}")
    print(
        f"answer-to-feedback round trip: p50 {percentile(timings, 50):.1f} ms, "
        f"p95 {percentile(timings, 95):.1f} ms, max {max(timings):.1f} ms, "
        f"mean {statistics.fmean(timings):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
