"""Wellbeing records. Everything here belongs to one person and is shown to that person only.

Team and organisation views read these rows only through the aggregate selectors, which apply
the minimum group size (see ``selectors.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from empathic.wellbeing.scoring import INSTRUMENT_CODES, Instrument, load_instrument


class CheckIn(models.Model):
    """One completed instrument: the answers and the scores computed from them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_checkins"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    instrument = models.CharField(
        _("instrument"), max_length=32, choices=[(c, c) for c in INSTRUMENT_CODES]
    )
    instrument_version = models.CharField(max_length=16)
    taken_at = models.DateTimeField(_("taken at"), db_index=True)
    answers = models.JSONField(default=dict)  # item id -> option code
    scores = models.JSONField(default=dict)  # subscale code -> {"value": float, "band": str}
    # The ids of the person's teams when they checked in, frozen. Later team changes must not
    # move old answers between groups, or comparing aggregates before and after a move would
    # single them out. Plain ids, not a relation: deleting a team must not cascade into past
    # months' group sets either (see ``selectors.publishable_groups``). Ids are never reused
    # (AUTOINCREMENT on SQLite, sequences on PostgreSQL), so a stale id names no other team.
    team_ids = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [
            models.Index(
                fields=["organisation", "instrument", "taken_at"], name="checkin_org_time"
            ),
            models.Index(fields=["user", "instrument", "taken_at"], name="checkin_user_time"),
        ]

    def __str__(self) -> str:
        # Shown in the audit trail's subject label: never a score here.
        return f"Wellbeing check-in #{self.pk} ({self.instrument})"

    @property
    def definition(self) -> Instrument:
        return load_instrument(self.instrument)


class ResiliencePlan(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resilience_plan"
    )
    warning_signs = models.TextField(_("my warning signs"), blank=True, max_length=4000)
    what_helps = models.TextField(_("what helps me"), blank=True, max_length=4000)
    people_to_call = models.TextField(_("people I can call"), blank=True, max_length=4000)
    self_care = models.TextField(_("my self-care actions"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Resilience plan"


class Cadence(models.TextChoices):
    OFF = "off", _("Off")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


class ReminderSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_reminder"
    )
    cadence = models.CharField(
        _("remind me"), max_length=16, choices=Cadence.choices, default=Cadence.OFF
    )
    # The period key of the last reminder sent ("2026-W48", "2026-F24", "2026-11"): one per period.
    last_sent_period = models.CharField(max_length=16, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Wellbeing reminders ({self.cadence})"
