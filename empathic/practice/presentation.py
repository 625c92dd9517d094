"""What the practice pages show: highlighted phrases, labels, charts and the CSV export."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from empathic.core.charts import Chart, Series, line_chart
from empathic.core.csv_safety import SafeWriter
from empathic.nlp.concerns import CONCERN_KINDS
from empathic.nlp.scorer import MECHANISMS
from empathic.practice.models import PracticeAnswer
from empathic.practice.scoring import level_label, mechanism_label
from empathic.practice.selectors import Attempt, TraineeProgress


def kind_label(kind: str) -> str:
    return {
        "exploring": _("Exploring: the client tells you more"),
        "empathic": _("Empathic: the client feels heard"),
        "neutral": _("Neutral: the client carries on"),
        "dismissive": _("Dismissive or advice-first: the client pulls back"),
    }.get(kind, kind)


def mi_label(code: str) -> str:
    return {
        "simple_reflection": _("Simple reflection"),
        "complex_reflection": _("Complex reflection"),
        "open_question": _("Open question"),
        "closed_question": _("Closed question"),
        "information": _("Information"),
        "advice": _("Advice"),
        "affirmation": _("Affirmation"),
        "other": _("Other"),
    }.get(code, code)


def highlighted(text: str, rationales: dict[str, list[dict]]) -> SafeString:
    """The answer with the phrases behind each mechanism in <mark>, each closed by a visible
    tag (ER/IP/EX) so the meaning never rests on colour."""
    owners: list[set[str]] = [set() for _ in text]
    for mechanism, spans in rationales.items():
        for span in spans:
            for i in range(max(0, span["start"]), min(len(text), span["end"])):
                owners[i].add(mechanism)
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and owners[j] == owners[i]:
            j += 1
        piece = escape(text[i:j])
        mechs = [m for m in ("concern", *MECHANISMS) if m in owners[i]]
        if mechs:
            classes = " ".join(f"hl-{m}" for m in mechs)
            names = ", ".join(mechanism_label(m) for m in mechs)
            tags = "".join(f'<span class="hl-tag">{escape(_tag(m))}</span>' for m in mechs)
            out.append(
                f'<mark class="{classes}" title="{escape(names)}">{piece}'
                f'<span class="visually-hidden"> ({escape(names)})</span>{tags}</mark>'
            )
        else:
            out.append(str(piece))
        i = j
    return mark_safe("".join(out))  # noqa: S308 (every text piece is escaped above)


def _tag(mechanism: str) -> str:
    return _("CONCERN") if mechanism == "concern" else mechanism.upper()


def concern_view(concern: dict) -> dict:
    """A stored concern with its texts from the one vocabulary, translated when shown."""
    kind = CONCERN_KINDS.get(concern["kind"])
    if kind is None:
        return {**concern, "label": concern["kind"], "what": "", "why": "", "instead": ""}
    texts = {"what": _(kind.what), "why": _(kind.why), "instead": _(kind.instead)}
    return {**concern, "label": _(kind.label), **texts}


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
                "level_name": level_label(answer.levels[m]),
            }
            for m in MECHANISMS
        ],
        "mi": mi_label(answer.mi_code) if answer.mi_code else "",
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
