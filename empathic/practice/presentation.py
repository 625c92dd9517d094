"""What the practice pages show: highlighted phrases, labels, charts and the CSV export.

The words come from the one vocabulary (``empathic.core.vocabulary``), the highlights from the one
highlighter and the charts from the one chart module, as in the conversation reports."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from empathic.core.charts import Chart, Series, line_chart
from empathic.core.csv_safety import SafeWriter
from empathic.core.highlight import MarkStyle, highlight_html
from empathic.core.vocabulary import (
    CONCERN,
    MECHANISMS,
    capitalised,
    concern_texts,
    highlight_name,
    level_name,
    mechanism_tag,
    mi_code_name,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from markupsafe import Markup

    from empathic.practice.models import PracticeAnswer
    from empathic.practice.selectors import Attempt, TraineeProgress


class KindTexts(NamedTuple):
    feedback: str  # the trainee's feedback: the kind and what the client does next
    branch: str  # the authoring form: which answers take this branch


RESPONSE_KINDS: dict[str, KindTexts] = {  # branching.BRANCH_KEYS, in the form's order
    "exploring": KindTexts(
        gettext_noop("Exploring: the client tells you more"),
        gettext_noop("After an exploring answer (open question, invites more)"),
    ),
    "empathic": KindTexts(
        gettext_noop("Empathic: the client feels heard"),
        gettext_noop("After an empathic answer (names feelings or meaning)"),
    ),
    "dismissive": KindTexts(
        gettext_noop("Dismissive or advice-first: the client pulls back"),
        gettext_noop("After a dismissive or advice-first answer"),
    ),
    "neutral": KindTexts(
        gettext_noop("Neutral: the client carries on"),
        gettext_noop("After a neutral answer (closed question, plain reflection)"),
    ),
    "default": KindTexts(
        "",  # never an answer's kind: the branch for the kinds a turn does not name
        gettext_noop("Otherwise (every turn that does not end needs this before publishing)"),
    ),
}
"""Every word for a response kind (``empathic.practice.branching``), in one table: whole
sentences, so each translates as a sentence."""


def kind_label(kind: str) -> str:
    texts = RESPONSE_KINDS.get(kind)
    return _(texts.feedback) if texts and texts.feedback else kind


def kind_field_label(kind: str) -> str:
    return _(RESPONSE_KINDS[kind].branch)


def mechanism_label(code: str) -> str:
    """'Emotional reaction', 'Concern', 'Safety': what a phrase or a level is, as a label."""
    return capitalised(highlight_name(code))


MARKS = MarkStyle(
    css=lambda keys: " ".join(f"hl-{m}" for m in keys),
    title=lambda keys: ", ".join(mechanism_label(m) for m in keys),
    tags=lambda keys: [mechanism_tag(m) for m in keys],
    tag_class="hl-tag",
)
"""The answer's highlights: each closed by a visible tag (ER/IP/EX, CONCERN) so the meaning
never rests on colour."""


def highlighted(text: str, rationales: dict[str, list[dict]]) -> Markup:
    """The answer with the phrases behind each mechanism (and a concern's phrase) in <mark>."""
    return highlight_html(text, rationales, style=MARKS, order=(CONCERN, *MECHANISMS))


def concern_view(concern: dict) -> dict:
    """A stored concern with its texts from the one vocabulary, translated when shown."""
    return {**concern, **concern_texts(concern["kind"])}


def answer_view(answer: PracticeAnswer) -> dict:
    concerns = answer.feedback.get("concerns", [])
    spans = {**answer.rationales, "concern": concerns}
    return {
        "answer": answer,
        "highlighted": highlighted(answer.text, spans),
        "concerns": [concern_view(c) for c in concerns],  # shown first
        "credit_withheld": [mechanism_label(m) for m in answer.feedback.get("credit_withheld", [])],
        "levels": [
            {
                "code": m,
                "label": mechanism_label(m),
                "level": answer.levels[m],
                "level_name": level_name(answer.levels[m]),
            }
            for m in MECHANISMS
        ],
        "mi": capitalised(mi_code_name(answer.mi_code)) if answer.mi_code else "",
        "kind": kind_label(answer.response_kind),
        # Stored in English (gettext_noop in the analysis layer); translated when shown.
        "missed": [
            {**m, "what": _(m["what"]), "why": _(m["why"])}
            for m in answer.feedback.get("missed", [])
        ],
        "suggestions": answer.feedback.get("suggestions", []),
    }


def progress_chart(attempts: list[Attempt], *, title: str) -> Chart | None:
    if len(attempts) < 2:
        return None
    return line_chart(
        [
            Series(mechanism_label(m), [(a.completed_at, a.means[m]) for a in attempts])
            for m in MECHANISMS
        ],
        title=title,
        description=_("Mean level per practice session (0 none, 1 weak, 2 strong)."),
        y_min=0,
        y_max=2,
        y_ticks=(0, 0.5, 1, 1.5, 2),
        y_label=_("Mean level"),
        x_format=lambda x: x.strftime("%d %b %H:%M"),
    )


def workshop_csv(rows: Iterable[TraineeProgress]) -> str:
    buffer = io.StringIO()
    writer = SafeWriter(buffer)  # names and titles are typed by people: no formula may run
    writer.writerow(
        [
            "trainee",
            "email",
            "assignment",
            "due_date",
            "completed",
            "assigned",
            "sessions",
            "latest_er",
            "latest_ip",
            "latest_ex",
            "growth_er",
            "growth_ip",
            "growth_ex",
        ]
    )
    for row in rows:
        latest = row.latest or {}
        grown = row.growth or {}
        statuses = row.statuses or [None]
        for status in statuses:
            writer.writerow(
                [
                    row.trainee.full_name,
                    row.trainee.email,
                    status.assignment.title if status else "",
                    status.assignment.due_date.isoformat() if status else "",
                    status.done if status else 0,
                    status.total if status else 0,
                    len(row.attempts),
                    *(latest.get(m, "") for m in MECHANISMS),
                    *(grown.get(m, "") for m in MECHANISMS),
                ]
            )
    return buffer.getvalue()
