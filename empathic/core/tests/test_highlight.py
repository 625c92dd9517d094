"""The one highlighter: whatever the spans and the text, no word is lost, nothing unescaped gets
out, and overlapping spans read as one highlight (reports) or as pieces naming every kind that
covers them (pages)."""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import pairwise

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from empathic.core.highlight import MarkStyle, Segment, highlight_html, segments

ORDER = ("concern", "er", "ip", "ex")
HOSTILE_KEY = '" onmouseover="alert(1)'
KEYS = st.sampled_from(["er", "ip", "ex", "concern", "withdrawal", HOSTILE_KEY])
PIECES = ["a", "b", " ", "\n", "<", ">", "&", '"', "'", "é", "😀", "<script>", "&amp;", "I'm"]
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=20).map("".join), st.text(max_size=30))
BOUND = st.integers(min_value=-5, max_value=50)
SPANS = st.lists(st.tuples(KEYS, BOUND, BOUND), max_size=8)
STYLE = MarkStyle(
    css=lambda keys: "hl " + " ".join(f"hl-{k}" for k in keys),
    title=lambda keys: ", ".join(keys),
    tags=lambda keys: [k.upper() for k in keys],
)


def _covering(text: str, spans, position: int) -> set[str]:
    """The keys whose usable span covers one character (clipped; blank spans are dropped)."""
    keys = set()
    for key, start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if start <= position < end and text[start:end].strip():
            keys.add(key)
    return keys


@given(text=TEXTS, spans=SPANS)
@example(text="I <3 you, that sounds hard", spans=[("er", 10, 26), ("ip", 15, 26)])
@example(text="", spans=[("er", 0, 0), ("ip", -3, 9)])
def test_split_pieces_join_back_and_name_exactly_what_covers_them(text, spans):
    parts = segments(text, spans, order=ORDER, overlaps="split")
    assert "".join(p.text for p in parts) == text
    position = 0
    for before, after in pairwise(parts):
        assert before.mechanisms != after.mechanisms  # neighbours that match are merged
    for part in parts:
        assert part.text or text == ""
        for offset in range(len(part.text)):
            assert set(part.mechanisms) == _covering(text, spans, position + offset)
        position += len(part.text)


@given(text=TEXTS, spans=SPANS)
@example(text="That sounds exhausting. Losing your job", spans=[("er", 0, 22), ("ip", 5, 39)])
def test_join_merges_overlaps_into_one_highlight_that_names_every_kind(text, spans):
    parts = segments(text, spans, order=ORDER, overlaps="join")
    assert "".join(p.text for p in parts) == text
    position = 0
    for part in parts:
        covered = [_covering(text, spans, position + i) for i in range(len(part.text))]
        if part.mechanisms:
            assert set().union(*covered) == set(part.mechanisms)
        else:
            assert not any(covered)
        position += len(part.text)
    order = [k for k in ORDER]
    for part in parts:  # the caller's order first, then the rest sorted
        known = [k for k in part.mechanisms if k in order]
        assert known == sorted(known, key=order.index)
        assert part.mechanisms[len(known) :] == tuple(sorted(part.mechanisms[len(known) :]))


class _Reader(HTMLParser):
    """The text a reader sees (outside the tags and screen-reader spans) and every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.depth_extra = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "span":
            self.depth_extra += 1

    def handle_endtag(self, tag):
        if tag == "span":
            self.depth_extra -= 1

    def handle_data(self, data):
        if not self.depth_extra:
            self.text.append(data)


@pytest.mark.parametrize("overlaps", ["split", "join"])
@given(text=TEXTS, spans=SPANS)
def test_html_keeps_every_word_and_lets_no_markup_through(overlaps, text, spans):
    html = highlight_html(text, spans, style=STYLE, order=ORDER, overlaps=overlaps)
    reader = _Reader()
    reader.feed(str(html))
    reader.close()
    assert "".join(reader.text) == text
    assert {tag for tag, _attrs in reader.tags} <= {"mark", "span"}
    for tag, attrs in reader.tags:  # a hostile key or text never adds an attribute
        assert set(attrs) == ({"class", "title"} if tag == "mark" else {"class"})
    assert "<script>" not in html


def test_spans_are_read_from_mappings_and_bad_ones_dropped():
    spans = {
        "er": [(0, 3), {"start": 4, "end": 7}, {"start": None, "end": 2}, ("x", 5), (9, 2)],
        "ip": [{"end": 3}, (3, 4, 5), None, "12"],
        "ex": None,
        "concern": 5,
    }
    assert segments("abc", [("er", 0, 1), ("ip", 1), "ex02", None]) == [
        Segment("a", ("er",)),
        Segment("bc", ()),
    ]
    assert segments("abc def", spans) == [
        Segment("abc", ("er",)),
        Segment(" ", ()),
        Segment("def", ("er",)),
    ]


def test_blank_or_empty_spans_highlight_nothing():
    assert segments("a   b", [("er", 1, 4), ("ip", 2, 2)]) == [Segment("a   b", ())]


def test_an_unknown_way_of_drawing_overlaps_is_refused():
    with pytest.raises(ValueError, match="overlaps"):
        segments("abc", [("er", 0, 2)], overlaps="stack")  # type: ignore[arg-type]


def test_the_style_decides_classes_title_screen_reader_text_and_tags():
    html = highlight_html(
        "Tom & Jerry",
        [("er", 0, 3)],
        style=MarkStyle(
            css=lambda keys: f"rat rat-{keys[0]}",
            title=lambda keys: "emotional reaction (ER)",
            screen_reader=False,
            tags=lambda keys: ["ER"],
        ),
    )
    assert html == (
        '<mark class="rat rat-er" title="emotional reaction (ER)">Tom<span class="tag">ER</span>'
        "</mark> &amp; Jerry"
    )
    assert highlight_html("<b>", [], style=STYLE) == "&lt;b&gt;"
