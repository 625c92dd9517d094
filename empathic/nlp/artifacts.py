"""Model bundles on disk: a manifest naming every file with its sha256, verified on load."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from empathic.nlp.errors import ModelIntegrityError

MODELS_DIR = Path(__file__).resolve().parent / "models"
MANIFEST_NAME = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Manifest:
    """A bundle: `files` are loaded and verified on load; `documents` are hashed for the record."""

    directory: Path
    name: str
    version: str
    encoder: str
    tokenizer: str
    heads_file: str
    max_tokens: int
    heads: list[dict[str, Any]]
    files: dict[str, str]
    documents: dict[str, str]
    max_context_tokens: int | None = None  # v2 bundles cap the context (encoding.token_budget)
    context_turns: int | None = None  # v2: turns read before each turn (empathic.nlp.context)
    batch_size: int = 1  # pairs per encoder call that give exactly the one-by-one levels

    @property
    def model_id(self) -> str:
        return f"{self.name}@{self.version}"

    def path(self, name: str) -> Path:
        return self.directory / name


def read_manifest(directory: Path) -> Manifest:
    manifest_path = directory / MANIFEST_NAME
    if not manifest_path.is_file():
        raise ModelIntegrityError(f"{manifest_path}: missing; the model bundle is incomplete")
    try:
        raw = json.loads(manifest_path.read_text(encoding="utf-8"))
        return Manifest(directory=directory, **raw)
    except (ValueError, TypeError) as error:
        raise ModelIntegrityError(f"{manifest_path}: unreadable manifest ({error})") from None


def verify_file(path: Path, expected: str, model_id: str) -> None:
    """Refuse a file that is missing or whose sha256 differs from the one recorded for it."""
    if not path.is_file():
        raise ModelIntegrityError(f"{path}: missing from model {model_id}")
    actual = sha256_file(path)
    if actual != expected:
        raise ModelIntegrityError(
            f"{path}: sha256 {actual} does not match the manifest ({expected}); "
            f"refusing to load a modified {model_id}"
        )


def verify_files(manifest: Manifest) -> None:
    """Refuse any loaded file that is missing or whose sha256 differs from the manifest."""
    for name, expected in manifest.files.items():
        verify_file(manifest.path(name), expected, manifest.model_id)


def write_manifest(directory: Path, fields: dict[str, Any], documents: list[str]) -> Path:
    """Write manifest.json hashing the files it names (loaded files first, then documents)."""
    fields = dict(fields)
    loaded = [fields["encoder"], fields["tokenizer"], fields["heads_file"]]
    fields["files"] = {name: sha256_file(directory / name) for name in loaded}
    fields["documents"] = {name: sha256_file(directory / name) for name in documents}
    path = directory / MANIFEST_NAME
    path.write_text(json.dumps(fields, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
