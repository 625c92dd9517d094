"""Accented, sentence-initial and lower-case names, lower-case addresses, written dates; and
the precision guards that keep everyday words (and names that are words) where they are words."""

from __future__ import annotations

import pytest

from empathic.redaction import find_identifiers, redact


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.kind) for r in find_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("José rang me last night.", "José"),
        ("I saw Lucía at the clinic.", "Lucía"),
        ("LUCÍA said no.", None),  # all capitals: only names the caller gives (see README)
        ("Łukasz is my neighbour.", "Łukasz"),
        ("Kerry-Ann was born early.", "Kerry-Ann"),
    ],
)
def test_accented_and_hyphenated_names(text: str, name: str | None) -> None:
    names = [v for v, kind in _found(text) if kind == "NAME"]
    assert names == ([name] if name else [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Grace said she would come.", "Grace"),
        ("Will rang to cancel.", "Will"),
        ("May texted me at midnight.", "May"),
        ("Bill came round drunk again.", "Bill"),
        ("Tamsin Achterberg from the council rang.", "Tamsin Achterberg"),
        ("Paddy rang yesterday.", "Paddy"),
        ("Aleksander, thank you for coming.", "Aleksander"),
    ],
)
def test_sentence_initial_names(text: str, name: str) -> None:
    assert (name, "NAME") in _found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my son jake got arrested", "jake"),
        ("this is tamsin from the council", "tamsin"),
        ("then i called tom", "tom"),
        ("mr smith was rude to me", "smith"),
        ("hi dana, thanks for calling", "dana"),
        ("her grandmother dolores helps out", "dolores"),
        ("i told maria lopez everything", "maria lopez"),
        ("paddy rang yesterday", "paddy"),
        ("grace said it was fine", "grace"),
    ],
)
def test_lower_case_names(text: str, name: str) -> None:
    assert (name, "NAME") in _found(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("we live at 42 elm street now", "42 elm street"),
        ("flat 3, 21 rose lane, leeds ls6 2ab", "flat 3, 21 rose lane, leeds ls6 2ab"),
        ("she lives on jackson avenue", "jackson avenue"),
        ("send it to 410 west 46th street, new york, ny 10036", None),
        ("write to po box 1182, leeds ls1 9dt", "po box 1182, leeds ls1 9dt"),
        ("The hostel is at 55 Calle de Toledo, 28005 Madrid.", "55 Calle de Toledo, 28005 Madrid"),
    ],
)
def test_lower_case_and_number_first_addresses(text: str, address: str | None) -> None:
    found = [v for v, kind in _found(text) if kind == "ADDRESS"]
    if address is None:
        assert found == ["410 west 46th street, new york, ny 10036"]
    else:
        assert address in found


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("born on 4 march 1978", "4 march 1978"),
        ("it was march 4th", "march 4th"),
        ("his birthday is the fourth of march 1978", "fourth of march 1978"),
        ("born on the fourth of march nineteen seventy-eight", None),
        ("march the 4th 2020 was the worst day", "march the 4th 2020"),
        ("the hearing is may 2nd", "may 2nd"),
        ("I started using again around Christmas 2021.", "Christmas 2021"),
        ("on march 4 we went to court", "march 4"),
    ],
)
def test_written_dates(text: str, date: str | None) -> None:
    dates = [v for v, kind in _found(text) if kind == "DATE"]
    assert dates == [date or "fourth of march nineteen seventy-eight"]


@pytest.mark.parametrize(
    "text",
    [
        "Will you be able to come?",
        "May I ask how long this has been going on?",
        "Hope is the only thing keeping me going.",
        "Faith matters to me, I go to church.",
        "Grace period on the rent ends Friday.",
        "Mark the days you drink on the chart.",
        "Bill the council for the taxi.",
        "The bill came to more than I can afford.",
        "Joy isn't something I've felt in years.",
        "i will march on the protest",
        "we march 4 miles every sunday",
        "the 3 may need help, you may first need to ask",
        "he lives two doors down the road",
        "it's 5 minutes up the road",
        "on my road everyone knows everyone",
        "the doctor said my blood tests were fine",
        "my son got arrested and my daughter is in care",
        "my partner hit me again last night",
        "i took molly at a party and felt awful",
        "the robin sang outside, i had a sung mass",
        "My Medicare card says nothing about it.",
        "the client portal is down again",
        "We got married the Fourth of July weekend.",
        "She works at St Mary's now.",
        "you've said twice now that you feel like a burden",
    ],
)
def test_everyday_words_and_names_used_as_words_stay(text: str) -> None:
    assert redact(text).text == text
