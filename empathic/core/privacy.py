"""The one privacy threshold every aggregate shares: no group smaller than this is shown.

Wellbeing aggregates and the audit trail's counts of private events read it here (and so will
every later aggregate of personal answers), so a lower layer such as the audit trail need not
reach into the wellbeing app for it. Settings may raise it, never lower it below five.
"""

from __future__ import annotations

from django.conf import settings

MIN_GROUP_FLOOR = 5


def min_group_size() -> int:
    """The smallest group an aggregate may describe (settings.WELLBEING_MIN_GROUP_SIZE, >= 5)."""
    return max(MIN_GROUP_FLOOR, int(getattr(settings, "WELLBEING_MIN_GROUP_SIZE", MIN_GROUP_FLOOR)))
