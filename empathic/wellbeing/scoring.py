"""The one scoring engine for every wellbeing instrument.

Instruments are data (``data/instruments/<code>.json``): items, response options, subscales,
reverse-scored items, scoring method and bands. This module is plain Python and imports no
Django, so scoring can be tested and reused on its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

INSTRUMENT_DIR = Path(__file__).resolve().parent / "data" / "instruments"
INSTRUMENT_CODES: tuple[str, ...] = ("proqol5", "cbi")


class ScoringError(ValueError):
    """Answers that cannot be scored (missing item, unknown option)."""


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    points: float


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    options: tuple[Option, ...]
    reverse: bool

    def option(self, code: str) -> Option:
        for option in self.options:
            if option.code == code:
                return option
        raise ScoringError(f"Item {self.id}: {code!r} is not one of its options.")

    def points(self, code: str) -> float:
        points = self.option(code).points
        if self.reverse:
            # Reverse-scoring mirrors the value inside the option range (1<->5, 100<->0).
            values = [option.points for option in self.options]
            return min(values) + max(values) - points
        return points


@dataclass(frozen=True)
class Band:
    code: str
    min: float


@dataclass(frozen=True)
class Subscale:
    code: str
    name: str
    method: str  # "sum" or "mean"
    items: tuple[str, ...]
    min: float
    max: float
    higher_is: str  # "better" or "worse"
    bands: tuple[Band, ...]

    def band_for(self, value: float) -> str:
        band = self.bands[0].code
        for candidate in self.bands:
            if value >= candidate.min:
                band = candidate.code
        return band


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    title: str
    version: str
    minutes: int
    instructions: str
    attribution: str
    attribution_url: str
    licence: str
    notes: tuple[str, ...]
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def subscale(self, code: str) -> Subscale:
        for subscale in self.subscales:
            if subscale.code == code:
                return subscale
        raise KeyError(code)


@dataclass(frozen=True)
class SubscaleScore:
    code: str
    value: float
    band: str


@dataclass(frozen=True)
class ScoreResult:
    instrument: str
    version: str
    subscales: tuple[SubscaleScore, ...]

    def as_dict(self) -> dict[str, dict[str, float | str]]:
        return {s.code: {"value": s.value, "band": s.band} for s in self.subscales}


def parse_instrument(data: Mapping) -> Instrument:
    option_sets = {
        name: tuple(Option(str(o["code"]), o["label"], float(o["points"])) for o in options)
        for name, options in data["option_sets"].items()
    }
    items = tuple(
        Item(str(i["id"]), i["text"], option_sets[i["option_set"]], bool(i.get("reverse")))
        for i in data["items"]
    )
    item_ids = {item.id for item in items}
    subscales = []
    for s in data["subscales"]:
        unknown = set(s["items"]) - item_ids
        if unknown:
            raise ValueError(f"Subscale {s['code']} names unknown items {sorted(unknown)}")
        subscales.append(
            Subscale(
                code=s["code"],
                name=s["name"],
                method=s["method"],
                items=tuple(s["items"]),
                min=float(s["min"]),
                max=float(s["max"]),
                higher_is=s["higher_is"],
                bands=tuple(Band(b["code"], float(b["min"])) for b in s["bands"]),
            )
        )
    return Instrument(
        code=data["code"],
        name=data["name"],
        title=data["title"],
        version=str(data["version"]),
        minutes=int(data.get("minutes", 5)),
        instructions=data["instructions"],
        attribution=data["attribution"],
        attribution_url=data["attribution_url"],
        licence=data["licence"],
        notes=tuple(data.get("notes", ())),
        items=items,
        subscales=tuple(subscales),
    )


@cache
def load_instrument(code: str) -> Instrument:
    if code not in INSTRUMENT_CODES:
        raise KeyError(code)
    with (INSTRUMENT_DIR / f"{code}.json").open(encoding="utf-8") as handle:
        return parse_instrument(json.load(handle))


def all_instruments() -> tuple[Instrument, ...]:
    return tuple(load_instrument(code) for code in INSTRUMENT_CODES)


def score(instrument: Instrument, answers: Mapping[str, str]) -> ScoreResult:
    """Score a complete set of answers (item id -> option code)."""
    missing = [item.id for item in instrument.items if item.id not in answers]
    if missing:
        raise ScoringError(f"Missing answers for items {', '.join(missing)}.")
    extra = set(answers) - {item.id for item in instrument.items}
    if extra:
        raise ScoringError(f"Unknown items {', '.join(sorted(extra))}.")
    points = {item.id: item.points(str(answers[item.id])) for item in instrument.items}
    scores = []
    for subscale in instrument.subscales:
        values = [points[item_id] for item_id in subscale.items]
        total = sum(values)
        value = total if subscale.method == "sum" else total / len(values)
        value = round(value, 2)
        scores.append(SubscaleScore(subscale.code, value, subscale.band_for(value)))
    return ScoreResult(instrument.code, instrument.version, tuple(scores))
