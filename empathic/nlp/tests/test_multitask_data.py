"""The v2 training examples: spoken IP/EX labels from AnnoMI, contexts as the analyser reads."""

import csv
from pathlib import Path

import pytest

from empathic.nlp.datasets.mi_gold import read_mi_gold
from empathic.nlp.errors import DataError
from empathic.nlp.training.multitask_data import annomi_examples
from empathic.nlp.training.signal_data import client_state_labels

ANNOMI = [
    # transcript, utterance, speaker, text, behaviour, talk, subtype column, subtype
    ("7", 0, "therapist", "What brings you in today?", "question", "", "question", "open"),
    ("7", 1, "client", "My doctor said I drink too much.", "", "neutral", "", ""),
    ("7", 2, "therapist", "You're not sure you agree with her.", "reflection", "", "reflection",
     "complex"),
    ("7", 3, "client", "No. I mean, maybe.", "", "sustain", "", ""),
    ("7", 4, "therapist", "Do you drink every day?", "question", "", "question", "closed"),
    ("7", 5, "therapist", "Cutting down can lower blood pressure.", "therapist_input", "",
     "therapist_input", "information"),
]  # fmt: skip
SUBTYPES = ("reflection", "question", "therapist_input")


def write_annomi(folder: Path) -> None:
    (folder / "annomi").mkdir(parents=True)
    main = ["transcript_id", "utterance_id", "interlocutor", "utterance_text",
            "main_therapist_behaviour", "client_talk_type"]  # fmt: skip
    full = [*main, *(f"{s}_subtype" for s in SUBTYPES)]
    with (folder / "annomi" / "train.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(main)
        for tid, uid, who, text, behaviour, talk, _, _ in ANNOMI:
            writer.writerow([tid, uid, who, text, behaviour or "n/a", talk or "n/a"])
    with (folder / "annomi" / "train_full.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(full)
        for tid, uid, who, text, behaviour, talk, column, subtype in ANNOMI:
            cells = [subtype if s == column else "n/a" for s in SUBTYPES]
            writer.writerow([tid, uid, who, text, behaviour or "n/a", talk or "n/a", *cells])


def test_spoken_reflections_train_interpretations_and_questions_explorations(tmp_path: Path):
    write_annomi(tmp_path)
    examples = {e.text: e for e in annomi_examples(tmp_path, "train")}
    reflection = examples["You're not sure you agree with her."]
    assert reflection.targets["ip"] == 2 and reflection.targets["ex"] == 0
    assert reflection.targets["reflection_subtype"] == 1  # complex
    assert examples["What brings you in today?"].targets["ex"] == 2  # open
    closed = examples["Do you drink every day?"]
    assert closed.targets["ex"] == 1 and closed.targets["ip"] == 0
    information = examples["Cutting down can lower blood pressure."]
    assert information.targets["ip"] == 0 and information.targets["ex"] == 0
    assert "er" not in reflection.targets  # AnnoMI says nothing about emotional reactions
    assert reflection.weights == {"ip": 0.5, "ex": 0.5}


def test_each_turn_is_read_with_the_two_before_it_most_recent_first(tmp_path: Path):
    write_annomi(tmp_path)
    examples = {e.text: e for e in annomi_examples(tmp_path, "train")}
    client = examples["No. I mean, maybe."]
    assert client.context == (
        "You're not sure you agree with her. | My doctor said I drink too much."
    )
    assert client.targets == {"client_talk_type": 2}  # sustain
    assert examples["What brings you in today?"].context == ""


def test_mi_gold_reader_refuses_unknown_codes(tmp_path: Path):
    path = tmp_path / "mi.csv"
    path.write_text("text,label\nYou should leave him.,Advise without Permission\n", "utf-8")
    assert read_mi_gold(path)[0].code == "Advise without Permission"
    path.write_text("text,label\nHi.,Lecture\n", "utf-8")
    with pytest.raises(DataError, match="label must be one of"):
        read_mi_gold(path)


def test_client_states_group_goemotions_labels():
    assert client_state_labels(("annoyance",)) == ("frustration",)
    assert client_state_labels(("fear", "anger")) == ("frustration", "distress")
    assert client_state_labels(("gratitude",)) == ()
