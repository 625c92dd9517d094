"""The ``empathic`` command. Commands are thin: they parse options and call plain functions.

Django is set up lazily, only by the commands that need the database, so ``empathic analyze``
and the NLP commands run without one.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="empathic",
    help="Empathic: practise, measure and sustain empathy in human services. Runs offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "empathic.settings")
    import django  # noqa: PLC0415 (Django loads only for the commands that use the database)

    django.setup()


def _call(*args: str) -> None:
    from django.core.management import call_command  # noqa: PLC0415 (after django.setup())

    call_command(*args)


def prepare_database(*, collect_static: bool) -> None:
    """Migrate (and collect static files for the production-style server)."""
    _setup_django()
    _call("migrate", "--no-input", "-v", "0")
    if collect_static:
        _call("collectstatic", "--no-input", "-v", "0")


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the platform after seeding.")
    ] = True,
) -> None:
    """Migrate the database, load the demo organisation and serve the platform."""
    prepare_database(collect_static=serve_after)
    from empathic.demo.seed import DEMO_PASSWORD, seed_demo  # noqa: PLC0415 (models: after setup)

    people = seed_demo()
    typer.echo(
        "\nDemo organisations are ready. Sign in with any of these (password for all: "
        f"{DEMO_PASSWORD}):\n"
    )
    for person in people:
        teams = ", ".join(person.teams) or "all teams"
        typer.echo(f"  {person.email:34} {person.role:13} {person.organisation} ({teams})")
    if serve_after:
        serve(host=host, port=port, workers=2, prepare=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    workers: Annotated[int, typer.Option(help="gunicorn worker processes.")] = 2,
    prepare: Annotated[
        bool, typer.Option("--prepare/--no-prepare", help="Migrate and collect static first.")
    ] = True,
) -> None:
    """Serve the platform with gunicorn (the production server) on HOST:PORT."""
    if prepare:
        prepare_database(collect_static=True)
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which(
        "gunicorn"
    )
    if gunicorn is None:
        typer.echo("error: gunicorn is not installed; run `pip install empathic`", err=True)
        raise typer.Exit(2)
    typer.echo(f"\nServing Empathic on http://{host}:{port}/  (Ctrl+C to stop)")
    command = [
        gunicorn,
        "empathic.wsgi:application",
        # Sends "Server: Empathic" instead of gunicorn's name and version.
        "--config",
        "python:empathic.conf.gunicorn_conf",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--access-logfile",
        "-",
    ]
    try:
        subprocess.run(command, check=False)  # noqa: S603 (fixed argument list)
    except KeyboardInterrupt:
        pass


@app.command("create-organisation")
def create_organisation(
    name: Annotated[str, typer.Argument(help="The organisation's name.")],
    admin_email: Annotated[str, typer.Option(help="Email of its first admin.")],
    admin_name: Annotated[str, typer.Option(help="Full name of its first admin.")],
) -> None:
    """Create an organisation and its first admin (asks for the admin's password)."""
    prepare_database(collect_static=False)
    # Models and validators: importable only once prepare_database() has set Django up.
    from django.contrib.auth.password_validation import validate_password  # noqa: PLC0415
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    from empathic.accounts.actions import create_organisation as create  # noqa: PLC0415

    password = typer.prompt("Password for the admin", hide_input=True, confirmation_prompt=True)
    try:
        validate_password(password)
        organisation = create(
            name=name,
            admin_email=admin_email,
            admin_name=admin_name,
            admin_password=password,
            acting_user=None,
        )
    except ValidationError as error:
        typer.echo(f"error: {' '.join(error.messages)}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Created {organisation.name}; {admin_email} can sign in now.")


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (e.g. `empathic manage migrate`)."""
    _setup_django()
    from django.core.management import execute_from_command_line  # noqa: PLC0415 (after setup)

    execute_from_command_line(["empathic manage", *ctx.args])


@app.command("redact")
def redact_command(
    file: Annotated[str, typer.Argument(help="A UTF-8 text file, or - to read standard input.")],
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Read JSON lines with a "text" field; print {"text", "spans"} for each line.',
        ),
    ] = False,
) -> None:
    """Print FILE with client identifiers replaced by placeholders such as [NAME]."""
    # phonenumbers' metadata (~70 ms): loaded by `empathic redact` only, not for `--help`.
    from empathic.redaction.batch import (  # noqa: PLC0415
        RedactInputError,
        decode_input,
        redact_jsonl,
        redact_record,
        render_jsonl,
    )

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        typer.echo(f"error: cannot read {file}: {error.strerror or error}", err=True)
        raise typer.Exit(2) from None
    try:
        text = decode_input(data)
        output = render_jsonl(redact_jsonl(text)) if jsonl else redact_record(text)["text"]
    except RedactInputError as error:
        typer.echo(f"error: {file}: {error}", err=True)
        raise typer.Exit(2) from None
    sys.stdout.write(output)


def _register_optional_commands() -> None:
    """Commands of the NLP engine and of conversation analysis live with them; the CLI works
    before they exist."""
    for module in ("empathic.nlp.commands", "empathic.analysis.commands"):
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module).register(app)


_register_optional_commands()


def main() -> None:
    app()
