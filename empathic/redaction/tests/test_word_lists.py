"""The word lists in empathic/redaction/data/: shipped with the package, loaded as written."""

from __future__ import annotations

from importlib import resources

from empathic.redaction import names, redact

DATA = resources.files("empathic.redaction").joinpath("data")


def test_stop_words_load_from_their_data_file_as_the_literal_had_them() -> None:
    # The 728-entry literal that names.py held (17 of them twice) made a set of 711 words.
    assert len(names.STOP_WORDS) == 711
    assert {"the", "january", "monday", "christmas", "mum", "council", "nhs"} <= names.STOP_WORDS
    # Kept as written, not accent-folded as the name gazetteers are: both spellings are listed.
    assert {"m\u0101ori", "maori"} <= names.STOP_WORDS
    assert all(word == word.casefold() for word in names.STOP_WORDS)


def test_every_word_list_is_a_packaged_data_file() -> None:
    expected = {
        "ambiguous_names.txt",
        "common_verbs.txt",
        "common_words.txt",
        "first_names.txt",
        "stop_words.txt",
    }
    assert expected <= {entry.name for entry in DATA.iterdir()}


def test_capitalised_stop_words_stay_and_the_name_goes() -> None:
    out = redact("On Monday the Council wrote to Priya about Christmas.").text
    assert out == "On Monday the Council wrote to [NAME] about Christmas."
