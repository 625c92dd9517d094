"""The owner's journal as JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from empathic.core.csv_safety import safe_cell
from empathic.journal.models import GIBBS_FIELDS, JournalEntry, gibbs_label

if TYPE_CHECKING:
    from collections.abc import Iterable

COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "title",
    *GIBBS_FIELDS,
    "practice_session",
    "conversation",
    "shared_with",
)


def _row(entry: JournalEntry) -> dict:
    return {
        "id": entry.pk,
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
        "title": entry.title,
        **{name: getattr(entry, name) for name in GIBBS_FIELDS},
        "practice_session": entry.practice_session_id,
        "conversation": entry.conversation_id,
        "shared_with": entry.shared_with.email if entry.shared_with_id else None,
    }


def as_json(entries: Iterable[JournalEntry]) -> str:
    return json.dumps({"entries": [_row(e) for e in entries]}, ensure_ascii=False, indent=2)


def as_csv(entries: Iterable[JournalEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for entry in entries:
        writer.writerow({k: safe_cell(v) for k, v in _row(entry).items()})
    return buffer.getvalue()


def as_markdown(entries: Iterable[JournalEntry]) -> str:
    parts = [f"# {_('Reflective-practice journal')}\n"]
    for entry in entries:
        parts.append(f"## {entry.title}\n\n*{entry.created_at:%Y-%m-%d %H:%M}*\n")
        for name in GIBBS_FIELDS:
            text = getattr(entry, name).strip()
            if text:
                parts.append(f"### {gibbs_label(name)}\n\n{text}\n")
    return "\n".join(parts)
