"""Blind judgement sheet of the analyser's rewrite suggestions.

    python benchmarks/rewrites/blind_sheet.py [PATH ...] --out var/rewrites

Analyses every transcript in PATH (files, or folders of .txt/.vtt/.srt; default: the sessions
beside this script, written for the project, no real client, and the package's sample sessions)
with the shipped models and no suggestion endpoint, then writes
`sheet.md` (each suggestion with the client turn it answers and the original turn, shuffled, with
no model output beside it: what a supervisor judges as good / awkward / wrong) and `key.json`
(which session and turn each item came from, and what the analyser said about the turn), so the
judgement is made before the key is read. Prints how many suggestions and turns there were.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

from empathic.analysis.feedback.selection import ENV_REWRITE_SHARE
from empathic.analysis.pipeline import analyse_file

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "empathic" / "analysis" / "samples"
SUFFIXES = (".txt", ".vtt", ".srt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="*", default=[HERE / "sessions", SAMPLES])
    parser.add_argument("--out", type=Path, default=Path("var/rewrites"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--share", type=float, default=None,
        help="share of practitioner turns that may get rewrites (default: the analyser's own)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.share is not None:
        os.environ[ENV_REWRITE_SHARE] = str(args.share)
    items, practitioner_turns = [], 0
    seen: set[tuple[str, str, str]] = set()
    files = []
    for path in args.paths:
        found = [p for p in sorted(path.iterdir()) if p.suffix in SUFFIXES] if path.is_dir() else []
        files += found if path.is_dir() else [path]
    for path in files:
        analysis = analyse_file(path)
        turns = analysis.turns
        for turn in turns:
            if turn.role != "practitioner":
                continue
            practitioner_turns += 1
            if turn.feedback is None:
                continue
            before = next((t.text for t in reversed(turns[: turn.index]) if t.role == "client"), "")
            for suggestion in turn.feedback.suggestions:
                seen_key = (before, turn.text, suggestion.text)
                if seen_key in seen:
                    continue  # the same session in another format: judged once
                seen.add(seen_key)
                items.append({
                    "session": path.name, "turn": turn.index, "client": before,
                    "original": turn.text, "rewrite": suggestion.text,
                    "adds": list(suggestion.adds),
                    "concerns": [c.kind for c in turn.concerns],
                    "missed_moment": turn.missed_empathy,
                })  # fmt: skip
    random.Random(args.seed).shuffle(items)
    args.out.mkdir(parents=True, exist_ok=True)
    lines = ["# Rewrite suggestions, blind", "",
             "Judge each as good / awkward / wrong, as a supervisor would.", ""]  # fmt: skip
    for number, item in enumerate(items, start=1):
        lines += [f"## {number}", f"- Client: {item['client'] or '(nothing yet)'}",
                  f"- Practitioner said: {item['original']}",
                  f"- Suggested instead: {item['rewrite']}", ""]  # fmt: skip
    (args.out / "sheet.md").write_text("\n".join(lines), encoding="utf-8")
    key = [{"item": n, **item} for n, item in enumerate(items, start=1)]
    (args.out / "key.json").write_text(json.dumps(key, indent=2), encoding="utf-8")
    print(f"{len(items)} suggestions on {practitioner_turns} practitioner turns -> {args.out}")


if __name__ == "__main__":
    main()
