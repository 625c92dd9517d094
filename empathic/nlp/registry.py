"""Registry of tasks the CLI can train and evaluate; implementations are imported on use."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from empathic.nlp.errors import UnknownTaskError

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass(frozen=True)
class Task:
    name: str
    model: str  # bundle under empathic/nlp/models/
    evaluate: str  # "module:function" taking (scorer, data_file) -> report dict
    train: str  # "module:function" taking (data_dir, out_dir=..., ...) -> record dict
    table: str = "empathic.nlp.evaluation:format_table"  # report dict -> text

    def load(self, attribute: str) -> Callable[..., Any]:
        module, function = getattr(self, attribute).split(":")
        return getattr(importlib.import_module(module), function)


TASKS: dict[str, Task] = {
    "epitome": Task(
        name="epitome",
        model="epitome",
        evaluate="empathic.nlp.evaluation:evaluate_epitome",
        train="empathic.nlp.training.pipeline:train_epitome",
    ),
    **{
        name: Task(
            name=name,
            model="epitome",  # the encoder; the signal heads load from models/signals/
            evaluate=f"empathic.nlp.signal_evaluation:evaluate_{name}",
            train="empathic.nlp.training.signals:train_signals_task",
            table="empathic.nlp.signal_evaluation:format_signal_table",
        )
        for name in ("annomi", "esconv", "goemotions", "davidson", "empathic_reactions", "mi_gold")
    },
    # The v2 shared encoder, fine-tuned on every dataset; `evaluate encoder` is EPITOME's.
    "encoder": Task(
        name="encoder",
        model="epitome",
        evaluate="empathic.nlp.evaluation:evaluate_epitome",
        train="empathic.nlp.training.encoder_pipeline:train_encoder",
    ),
    # Concerns (harmful replies) and the no-credit rule; the scorer gives the EPITOME levels.
    "critique": Task(
        name="critique",
        model="epitome",
        evaluate="empathic.nlp.concerns.evaluation:evaluate_critique",
        train="empathic.nlp.concerns.evaluation:train_critique",
        table="empathic.nlp.concerns.evaluation:format_critique_table",
    ),
    "signals": Task(
        name="signals",
        model="epitome",
        evaluate="empathic.nlp.signal_evaluation:evaluate_all",
        train="empathic.nlp.training.signals:train_signals_task",
        table="empathic.nlp.signal_evaluation:format_signal_table",
    ),
}


def get_task(name: str) -> Task:
    try:
        return TASKS[name]
    except KeyError:
        known = ", ".join(sorted(TASKS))
        raise UnknownTaskError(f"unknown task {name!r}; known tasks: {known}") from None
