"""Turn sentences.src.txt (inline [[KIND:text]] markers) into sentences.jsonl with offsets.

Run ``python -m empathic.redaction.evaluation.build`` after editing the source; a test checks
that the two files agree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SOURCE = HERE / "sentences.src.txt"
JSONL = HERE / "sentences.jsonl"
_MARKER_RE = re.compile(r"\[\[([A-Z]+):(.+?)\]\]")


def parse_line(line: str) -> dict[str, Any]:
    names_part, _, marked = line.partition(" | ")
    if not _:
        raise ValueError(f"missing ' | ' separator: {line!r}")
    names = [n.strip() for n in names_part.split(";") if n.strip()]
    text_parts: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in _MARKER_RE.finditer(marked):
        before = marked[pos : m.start()]
        text_parts.append(before)
        length += len(before)
        value = m.group(2)
        spans.append({"start": length, "end": length + len(value), "kind": m.group(1)})
        text_parts.append(value)
        length += len(value)
        pos = m.end()
    text_parts.append(marked[pos:])
    text = "".join(text_parts)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unbalanced marker: {line!r}")
    return {"text": text, "names": names, "spans": spans}


def load_source(path: Path = SOURCE) -> list[dict[str, Any]]:
    rows = []
    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            rows.append(parse_line(line if not line.startswith("|") else " " + line))
    return rows


def render(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main() -> None:
    rows = load_source()
    JSONL.write_text(render(rows), "utf-8")
    print(f"wrote {len(rows)} sentences to {JSONL.name}")


if __name__ == "__main__":
    main()
