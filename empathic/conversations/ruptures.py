"""Ruptures on the conversation report page, read from the stored summary JSON
(`ConversationSummary.data["ruptures"]`, the shape in empathic.analysis.ruptures). An analysis
stored before ruptures existed has no such key and shows none; the page says it was not looked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from empathic.nlp.alliance.vocabulary import REPAIR_MOVES, REPAIR_STATUS, RUPTURE_KINDS
from empathic.nlp.concerns import CONCERN_KINDS


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
        kind = RUPTURE_KINDS.get(item.get("kind", ""))
        repaired = item.get("repaired")
        trigger, repair = item.get("trigger_turn"), item.get("repair_turn")
        concerns = [CONCERN_KINDS.get(k) for k in item.get("trigger_concerns") or ()]
        rows.append(
            RuptureRow(
                number=index + 1,
                index=index,
                kind=_(kind.name) if kind else str(item.get("kind", "")),
                phrase=texts.get(index, "")[start:end],
                trigger=trigger + 1 if isinstance(trigger, int) else None,
                concerns=", ".join(_(c.label) for c in concerns if c is not None),
                repaired=repaired if isinstance(repaired, bool) else None,
                status=_(REPAIR_STATUS.get(repaired if isinstance(repaired, bool) else None, "")),
                repair=repair + 1 if isinstance(repair, int) else None,
                moves=", ".join(_(REPAIR_MOVES.get(m, m)) for m in item.get("repair_moves") or ()),
            )
        )
    return rows
