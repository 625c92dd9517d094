import json

import pytest

from empathic.nlp.datasets.annomi import read_annomi, read_annomi_subtypes
from empathic.nlp.datasets.esconv import read_esconv
from empathic.nlp.datasets.single_text import (
    read_davidson,
    read_empathic_reactions,
    read_goemotions,
)
from empathic.nlp.errors import DataError

ANNOMI_HEADER = (
    "transcript_id,utterance_id,interlocutor,utterance_text,main_therapist_behaviour,"
    "client_talk_type\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_annomi_context_is_the_previous_utterance_of_the_same_transcript(tmp_path):
    path = write(tmp_path, "a.csv", ANNOMI_HEADER + (
        "1,1,client,I drink too much.,n/a,change\n"
        "1,0,therapist,How are things?,question,n/a\n"
        "2,0,therapist,Welcome back.,other,n/a\n"
    ))  # fmt: skip
    rows = read_annomi(path)
    by_text = {r.text: r for r in rows}
    assert by_text["I drink too much."].context == "How are things?"
    assert by_text["How are things?"].context == ""
    assert by_text["Welcome back."].context == ""  # a new transcript starts without context
    assert by_text["I drink too much."].talk_type == "change"


def test_annomi_rejects_unknown_labels_with_the_line(tmp_path):
    path = write(tmp_path, "a.csv", ANNOMI_HEADER + "1,0,therapist,Hi,lecture,n/a\n")
    with pytest.raises(DataError, match=r"a.csv:2: main_therapist_behaviour"):
        read_annomi(path)


def test_annomi_subtypes_take_the_majority_vote(tmp_path):
    header = (
        "transcript_id,utterance_id,interlocutor,utterance_text,main_therapist_behaviour,"
        "reflection_subtype,question_subtype,therapist_input_subtype\n"
    )
    rows = "".join(
        f"1,1,therapist,You feel stuck.,reflection,{vote},n/a,n/a\n"
        for vote in ("complex", "complex", "simple")
    )
    path = write(tmp_path, "f.csv", header + "1,0,client,I am stuck.,n/a,n/a,n/a,n/a\n" + rows)
    subtypes = read_annomi_subtypes(path)
    assert subtypes["reflection"] == [("I am stuck.", "You feel stuck.", "complex")]
    assert subtypes["question"] == []


def test_esconv_joins_consecutive_seeker_turns_as_context(tmp_path):
    dialog = [
        {"speaker": "usr", "text": "Hi."},
        {"speaker": "usr", "text": "I lost my job."},
        {"speaker": "sys", "text": "That is hard.", "strategy": "Reflection of feelings"},
        {"speaker": "sys", "text": "What happened?", "strategy": "Question"},
    ]
    path = write(tmp_path, "e.jsonl", json.dumps({"dialog": dialog}) + "\n")
    turns = read_esconv(path)
    assert [t.context for t in turns] == ["Hi. I lost my job.", "Hi. I lost my job."]
    assert [t.strategy for t in turns] == ["Reflection of feelings", "Question"]


@pytest.mark.parametrize(
    "content, message",
    [("{not json\n", "malformed JSON"), ('{"dialog": 3}\n', "dialog"), ("\n", "no supporter")],
)
def test_esconv_bad_input(tmp_path, content, message):
    with pytest.raises(DataError, match=message):
        read_esconv(write(tmp_path, "e.jsonl", content))


def test_single_text_readers(tmp_path):
    goemotions = write(tmp_path, "g.csv", "id,text,labels\na,So happy!,joy|excitement\n")
    assert read_goemotions(goemotions)[0].labels == ("joy", "excitement")
    davidson = write(tmp_path, "d.csv", "count,class,tweet\n3,0,hateful words\n")
    assert read_davidson(davidson)[0].labels == ("hate",)
    reactions = write(tmp_path, "r.csv", "essay,empathy,distress\nSo sad.,5.5,3.25\n")
    row = read_empathic_reactions(reactions)[0]
    assert (row.empathy, row.distress) == (5.5, 3.25)


@pytest.mark.parametrize(
    "reader, content, message",
    [
        (read_goemotions, "id,text,labels\na,x,feelings\n", "GoEmotions"),
        (read_davidson, "class,tweet\n7,x\n", "class must be"),
        (read_empathic_reactions, "essay,empathy,distress\nx,high,1\n", "must be a number"),
        (read_goemotions, "id,text\na,x\n", "missing columns"),
    ],
)
def test_single_text_bad_input(tmp_path, reader, content, message):
    with pytest.raises(DataError, match=message):
        reader(write(tmp_path, "x.csv", content))


def test_wrong_encoding_is_a_data_error(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("id,text,labels\na,caf\xe9,joy\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_goemotions(path)
