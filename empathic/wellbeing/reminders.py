"""Reminder periods: one key per week, fortnight or month, so a reminder goes out once each."""

from __future__ import annotations

from datetime import date, datetime


def _fortnight(week: int) -> int:
    # ISO weeks paired 1-2, 3-4, ...; week 53 joins the pair of weeks 51-52.
    return (min(week, 52) + 1) // 2


def period_key(cadence: str, when: datetime) -> str:
    year, week, _weekday = when.isocalendar()
    if cadence == "weekly":
        return f"{year}-W{week:02d}"
    if cadence == "fortnightly":
        return f"{year}-F{_fortnight(week):02d}"
    if cadence == "monthly":
        return f"{when.year}-{when.month:02d}"
    return ""


def period_start(cadence: str, when: datetime) -> date:
    """The first day of the period that ``when`` falls in."""
    year, week, _weekday = when.isocalendar()
    if cadence == "weekly":
        return date.fromisocalendar(year, week, 1)
    if cadence == "fortnightly":
        return date.fromisocalendar(year, 2 * _fortnight(week) - 1, 1)
    return date(when.year, when.month, 1)
