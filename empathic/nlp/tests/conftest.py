"""Shared fixtures: the shipped scorer is loaded once per test session (loading takes ~0.3 s).
The data and helpers that tests import are in ``helpers.py``."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from empathic.nlp.scorer import EmpathyScorer, load_scorer

from .helpers import BUNDLE, TINY_ROWS, write_epitome_csv

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="session")
def scorer() -> EmpathyScorer:
    return load_scorer()


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped bundle that a test may damage."""
    copy = tmp_path / "epitome"
    shutil.copytree(BUNDLE, copy)
    return copy


@pytest.fixture
def tiny_csv(tmp_path: Path) -> Path:
    return write_epitome_csv(tmp_path / "tiny.csv", TINY_ROWS)
