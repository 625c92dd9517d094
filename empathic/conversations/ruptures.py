"""Ruptures on the conversation report page, read from the stored summary JSON
(`ConversationSummary.data["ruptures"]`, the shape in empathic.analysis.ruptures). An analysis
stored before ruptures existed has no such key and shows none; the page says it was not looked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from empathic.core.vocabulary import (
    concern_name,
    repair_move_name,
    repair_status_name,
    rupture_name,
)
from empathic.nlp.concerns import CONCERN_KINDS

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


@dataclass(frozen=True)
class RuptureRow:
    number: int  # 1-based client turn, as the page numbers turns
    index: int  # 0-based, the turn's anchor
    kind: str  # in words
    phrase: str  # the client's words that carry it ("" when the stored text no longer has them)
    trigger: int | None  # 1-based
    concerns: str
    repaired: bool | None
    status: str
    repair: int | None  # 1-based
    moves: str


def rupture_rows(
    summary_data: Mapping[str, Any] | None, turns: Iterable
) -> list[RuptureRow] | None:
    """Rows for the page; None when the stored analysis predates ruptures (not looked for)."""
    if not summary_data or "ruptures" not in summary_data:
        return None
    texts = {t.index: t.text for t in turns}
    rows = []
    for item in summary_data.get("ruptures") or ():
        try:
            index, start, end = int(item["client_turn"]), int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            continue  # a malformed entry is skipped, never a 500
        kind = str(item.get("kind", ""))
        repaired = item.get("repaired")
        trigger, repair = item.get("trigger_turn"), item.get("repair_turn")
        concerns = [k for k in item.get("trigger_concerns") or () if k in CONCERN_KINDS]
        rows.append(
            RuptureRow(
                number=index + 1,
                index=index,
                kind=rupture_name(kind),
                phrase=texts.get(index, "")[start:end],
                trigger=trigger + 1 if isinstance(trigger, int) else None,
                concerns=", ".join(concern_name(k) for k in concerns),
                repaired=repaired if isinstance(repaired, bool) else None,
                status=repair_status_name(repaired),
                repair=repair + 1 if isinstance(repair, int) else None,
                moves=", ".join(repair_move_name(m) for m in item.get("repair_moves") or ()),
            )
        )
    return rows
