"""The one highlighter: a turn's text with the phrases the models point at marked (the rationale
spans of the EPITOME mechanisms, a concern's phrase, a client's rupture phrase), for every report
and page.

Django-free, so the terminal report, the standalone HTML report and the pages share it:
``segments`` cuts a text into plain and highlighted pieces; ``highlight_html`` draws them as
``<mark>`` elements in a surface's own classes, naming what each carries in its title (and, where
the surface wants it, in a visually hidden text and visible tags), so the meaning never rests on
colour. Spans come from models and from stored JSON, and the text from whoever typed it: a span
may be out of range, reversed, empty, blank, not a number, repeated or overlapping others, and the
text may hold markup. Spans are clipped to the text, the unusable ones dropped, and every piece of
text, name, tag and class is escaped, so no span and no text can break the page or lose a word.

Overlapping spans of different kinds ("I'm so sorry, that sounds exhausting" can carry ER and
IP) are drawn in one of two ways:

- ``"split"`` (the pages): the text is cut wherever a span starts or ends and each piece names
  every kind that covers it; neighbouring pieces that carry the same kinds are merged into one.
- ``"join"`` (the reports): overlapping spans merge into one highlight named with every kind,
  so a phrase is never cut into fragments that are hard to read in a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Any, Literal

from markupsafe import Markup

Overlaps = Literal["split", "join"]


@dataclass(frozen=True)
class Segment:
    """A piece of a text; ``mechanisms`` names what it carries (EPITOME mechanisms, "concern", a
    rupture kind), in the caller's order, and is empty for plain text."""

    text: str
    mechanisms: tuple[str, ...]


def _no_tags(keys: tuple[str, ...]) -> Sequence[str]:
    return ()


@dataclass(frozen=True)
class MarkStyle:
    """How one surface draws a highlight, given the keys it carries (each in the caller's order):
    the mark's class attribute and title, whether the title is repeated for screen readers in a
    ``visually-hidden`` span, and the visible tags (each in a span of ``tag_class``)."""

    css: Callable[[tuple[str, ...]], str]
    title: Callable[[tuple[str, ...]], str]
    screen_reader: bool = True
    tags: Callable[[tuple[str, ...]], Sequence[str]] = _no_tags
    tag_class: str = "tag"


SpanInput = Iterable[tuple[str, Any, Any]] | Mapping[str, Sequence[Any]]
"""(key, start, end) triples, or {key: [(start, end) or {"start": s, "end": e}, ...]} (a list
or tuple per key, as stored analyses hold them)."""


def _bounds(item: Any) -> tuple[Any, Any]:
    if isinstance(item, Mapping):
        return item.get("start"), item.get("end")
    if not isinstance(item, tuple | list):
        raise TypeError("a span is a (start, end) pair or a {start, end} mapping")
    start, end = item
    return start, end


def _triples(spans: SpanInput) -> Iterable[tuple[str, Any, Any]]:
    if isinstance(spans, Mapping):
        for key, items in spans.items():
            if not isinstance(items, list | tuple):
                continue  # no spans, or not a list of them: nothing to mark
            for item in items:
                try:
                    yield (key, *_bounds(item))
                except (TypeError, ValueError):
                    continue  # not a pair: dropped
    else:
        for triple in spans:
            if isinstance(triple, tuple | list) and len(triple) == 3:
                yield triple[0], triple[1], triple[2]


def _clipped(text: str, spans: SpanInput) -> list[tuple[int, int, str]]:
    """Usable spans as (start, end, key), clipped to the text; the rest dropped."""
    usable = set()
    for key, start, end in _triples(spans):
        try:
            start, end = max(0, int(start)), min(len(text), int(end))
        except (TypeError, ValueError, OverflowError):
            continue
        if start < end and text[start:end].strip():
            usable.add((start, end, str(key)))
    return sorted(usable)


def _ordered(keys: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    found = set(keys)
    first = [k for k in order if k in found]
    return (*first, *sorted(found - set(first)))


def segments(
    text: str, spans: SpanInput, *, order: Sequence[str] = (), overlaps: Overlaps = "split"
) -> list[Segment]:
    """The text cut into plain and highlighted pieces whose texts join back into it exactly.

    ``order`` lists the keys as a highlight should name them (others follow, sorted)."""
    usable = _clipped(text, spans)
    if not usable:
        return [Segment(text, ())]
    if overlaps == "join":
        runs: list[tuple[int, int, set[str]]] = []
        for start, end, key in usable:
            if runs and start < runs[-1][1]:
                last_start, last_end, keys = runs[-1]
                runs[-1] = (last_start, max(last_end, end), keys | {key})
            else:
                runs.append((start, end, {key}))
    elif overlaps == "split":
        cuts = sorted({0, len(text)} | {s for s, _e, _k in usable} | {e for _s, e, _k in usable})
        runs = []
        for start, end in pairwise(cuts):
            keys = {k for s, e, k in usable if s <= start and end <= e}
            if runs and runs[-1][1] == start and runs[-1][2] == keys:
                runs[-1] = (runs[-1][0], end, keys)
            elif keys:
                runs.append((start, end, keys))
    else:
        raise ValueError(f"overlaps must be 'split' or 'join', not {overlaps!r}")
    out: list[Segment] = []
    cursor = 0
    for start, end, keys in runs:
        if start > cursor:
            out.append(Segment(text[cursor:start], ()))
        out.append(Segment(text[start:end], _ordered(keys, order)))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:], ()))
    return out


def segments_html(parts: Iterable[Segment], style: MarkStyle) -> Markup:
    """Segments as HTML: plain text escaped, each highlight a ``<mark>`` drawn in ``style``."""
    out: list[str] = []
    for segment in parts:
        piece = escape(segment.text)
        keys = segment.mechanisms
        if not keys:
            out.append(piece)
            continue
        title = escape(style.title(keys))
        hidden = f'<span class="visually-hidden"> ({title})</span>' if style.screen_reader else ""
        tag_class = escape(style.tag_class)
        tags = "".join(f'<span class="{tag_class}">{escape(t)}</span>' for t in style.tags(keys))
        out.append(
            f'<mark class="{escape(style.css(keys))}" title="{title}">{piece}{hidden}{tags}</mark>'
        )
    return Markup("".join(out))  # noqa: S704 (every text, name, tag and class is escaped above)


def highlight_html(
    text: str,
    spans: SpanInput,
    *,
    style: MarkStyle,
    order: Sequence[str] = (),
    overlaps: Overlaps = "split",
) -> Markup:
    """The text as HTML with its spans highlighted (see ``segments`` and ``segments_html``)."""
    return segments_html(segments(text, spans, order=order, overlaps=overlaps), style)
