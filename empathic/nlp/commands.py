"""CLI commands of the scoring engine: `train`, `evaluate` (`bench`, which also times the full
analysis, lives with it in `empathic/analysis/commands.py`: the engine never imports analysis).

Heavy imports (numpy, onnxruntime, torch) happen inside the commands so `empathic --help` is fast.
"""

import json
from pathlib import Path
from typing import Annotated

import typer

from empathic.nlp.artifacts import MODELS_DIR
from empathic.nlp.errors import NlpError
from empathic.nlp.registry import get_task

EXIT_BAD_INPUT = 2


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=EXIT_BAD_INPUT)


def train(
    task: Annotated[str, typer.Argument(help="What to train, e.g. epitome.")],
    data: Annotated[Path, typer.Option(help="Folder holding train.csv and dev.csv.")],
    out: Annotated[
        Path | None, typer.Option(help="Bundle folder; default: the one shipped in the package.")
    ] = None,
    work_dir: Annotated[
        Path | None, typer.Option(help="Checkpoints and the fp32 model; default: a temp folder.")
    ] = None,
    epochs: Annotated[
        int | None, typer.Option(min=1, help="Default: the shipped recipe's.")
    ] = None,
    seed: Annotated[int, typer.Option()] = 13,
) -> None:
    """Fine-tune, export int8 ONNX, evaluate on dev, write the card (needs the train extra)."""
    try:
        spec = get_task(task)
        if spec.name == "encoder":
            if not data.is_dir():
                raise _fail(f"{data}: not a folder")
            try:  # torch and transformers: the optional [train] extra
                from empathic.nlp.training.multitask import MultiTaskConfig  # noqa: PLC0415
            except ImportError as error:
                raise _fail(f"training needs the [train] extra ({error.name} is missing)") from None
            config = _cli_config(MultiTaskConfig, epochs or MultiTaskConfig.epochs, seed)
            record = spec.load("train")(data, out_dir=out, work_dir=work_dir, config=config)
            typer.echo(json.dumps({k: record[k]["metrics"] for k in ("fp32_dev", "int8_dev")}))
            return
        if spec.name != "epitome":
            # The signal heads train together from the shared data folder (one per dataset).
            if not data.is_dir():
                raise _fail(f"{data}: not a folder")
            try:
                record = spec.load("train")(data, out_dir=out, work_dir=work_dir)
            except ImportError as error:
                raise _fail(f"training needs the [train] extra ({error.name} is missing)") from None
            selected = {k: v["selected"] for k, v in record["heads"].items()}
            typer.echo(json.dumps(selected, indent=2))
            return
        for name in ("train.csv", "dev.csv"):
            if not (data / name).is_file():
                raise _fail(f"{data / name}: no such file")
        try:  # torch and transformers: the optional [train] extra
            from empathic.nlp.training.epitome import TrainConfig  # noqa: PLC0415
        except ImportError as error:
            raise _fail(f"training needs the [train] extra ({error.name} is missing)") from None
        record = spec.load("train")(
            data,
            out_dir=out or MODELS_DIR / spec.model,
            work_dir=work_dir,
            config=_cli_config(TrainConfig, epochs or TrainConfig.epochs, seed),
        )
    except NlpError as error:
        raise _fail(str(error)) from None
    typer.echo(json.dumps({k: record[k]["metrics"] for k in ("fp32_dev", "int8_dev")}, indent=2))


def _cli_config(config_type, epochs: int, seed: int):
    """The shipped recipe; a run with other epochs or seed is recorded as its own attempt."""
    default = config_type()
    if (epochs, seed) == (default.epochs, default.seed):
        return default
    return config_type(
        attempt=f"{default.attempt}-seed{seed}-epochs{epochs}", epochs=epochs, seed=seed
    )


def evaluate(
    task: Annotated[str, typer.Argument(help="What to evaluate, e.g. epitome.")],
    data: Annotated[Path, typer.Option(help="CSV file with the task's columns.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    model: Annotated[
        Path | None, typer.Option(help="Bundle folder; default: the one shipped in the package.")
    ] = None,
) -> None:
    """Score a labelled file and print the task's metrics."""
    from empathic.nlp.scorer import load_scorer  # noqa: PLC0415 (numpy, onnxruntime: not for --help)

    try:
        spec = get_task(task)
        if not data.is_file():
            raise _fail(f"{data}: no such file")
        scorer = load_scorer(model or spec.model)
        report = spec.load("evaluate")(scorer, data)
    except NlpError as error:
        raise _fail(str(error)) from None
    typer.echo(json.dumps(report) if as_json else spec.load("table")(report))


def register(app: typer.Typer) -> None:
    """Add the engine's commands to the main `empathic` Typer app."""
    app.command("train")(train)
    app.command("evaluate")(evaluate)
