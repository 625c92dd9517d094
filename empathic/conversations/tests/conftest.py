"""Fixtures for conversation tests (the helpers they use are in ``helpers.py``)."""

from __future__ import annotations

import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "celery: needs Redis and PostgreSQL; starts real Celery workers"
    )


@pytest.fixture(autouse=True)
def _manual_runner(settings):
    # Tests run analyses explicitly (jobs.analyse_conversation), never in a stray thread.
    settings.CONVERSATIONS_RUNNER = "manual"
    settings.CELERY_BROKER_URL = ""
