"""Helpers for the engine's tests: the shipped bundle's folder and a tiny EPITOME file."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from empathic.nlp.artifacts import MODELS_DIR

if TYPE_CHECKING:
    from pathlib import Path

BUNDLE = MODELS_DIR / "epitome"
EPITOME_COLUMNS = [
    "sp_id",
    "rp_id",
    "seeker_post",
    "response_post",
    "er_level",
    "er_rationales",
    "ip_level",
    "ip_rationales",
    "ex_level",
    "ex_rationales",
]


def write_epitome_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=EPITOME_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in EPITOME_COLUMNS})
    return path


TINY_ROWS = [
    {
        "seeker_post": "I lost my job and I can't stop crying.",
        "response_post": "That sounds devastating. What has the last week been like for you?",
        "er_level": "1",
        "er_rationales": "That sounds devastating.|",
        "ip_level": "0",
        "ip_rationales": "",
        "ex_level": "2",
        "ex_rationales": "What has the last week been like for you?|",
    },
    {
        "seeker_post": "Nobody at school talks to me anymore.",
        "response_post": "I felt the same in my first year; it got better once I joined a club.",
        "er_level": "0",
        "er_rationales": "",
        "ip_level": "2",
        "ip_rationales": "I felt the same in my first year|",
        "ex_level": "0",
        "ex_rationales": "",
    },
    {
        "seeker_post": "My anxiety is through the roof before every exam.",
        "response_post": "Good luck.",
        "er_level": "0",
        "er_rationales": "",
        "ip_level": "0",
        "ip_rationales": "",
        "ex_level": "0",
        "ex_rationales": "",
    },
]
