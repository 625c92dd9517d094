"""Every write to wellbeing records.

A person records only their own check-ins, plan and reminder setting: each action acts on
``acting_user`` itself, so no code path can write for someone else. Each write and its audit row
are one durable transaction (the outermost: never inside another one). Audit rows name what
happened and which instrument, never an answer or a score; they are private events (see
``empathic.audit.selectors.PRIVATE_EVENT_PREFIXES``): the organisation's audit trail shows them to
others only as monthly counts, never who or when.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from empathic.accounts.access import get_membership
from empathic.accounts.models import User
from empathic.audit.recording import record
from empathic.wellbeing.models import Cadence, CheckIn, ReminderSetting, ResiliencePlan
from empathic.wellbeing.reminders import period_key, period_start
from empathic.wellbeing.scoring import ScoringError, load_instrument, score

if TYPE_CHECKING:
    from collections.abc import Mapping

PLAN_FIELDS = ("warning_signs", "what_helps", "people_to_call", "self_care")


@transaction.atomic(durable=True)
def record_check_in(
    *,
    instrument_code: str,
    answers: Mapping[str, str],
    acting_user: User,
    taken_at: datetime | None = None,
) -> CheckIn:
    """Score and store the acting user's own check-in.

    ``taken_at`` exists for imports and the demo seed; the web form never passes it.
    """
    membership = get_membership(acting_user)
    try:
        instrument = load_instrument(instrument_code)
    except KeyError:
        raise ValidationError(_("Unknown instrument.")) from None
    clean = {str(k): str(v) for k, v in answers.items()}
    try:
        result = score(instrument, clean)
    except ScoringError:
        raise ValidationError(_("Please answer every question.")) from None
    check_in = CheckIn.objects.create(
        user=acting_user,
        organisation=membership.organisation,
        instrument=instrument.code,
        instrument_version=instrument.version,
        taken_at=taken_at or timezone.now(),
        answers=clean,
        scores=result.as_dict(),
        # Frozen team snapshot: later moves or team deletions leave past months as they were.
        team_ids=sorted(membership.teams.values_list("pk", flat=True)),
    )
    record(
        event_type="wellbeing.check_in_completed",
        acting_user=acting_user,
        organisation=membership.organisation,
        subject=check_in,
        # Which instrument only: never answers, scores or bands.
        details={"instrument": instrument.code, "version": instrument.version},
    )
    return check_in


@transaction.atomic(durable=True)
def save_resilience_plan(
    *,
    acting_user: User,
    warning_signs: str,
    what_helps: str,
    people_to_call: str,
    self_care: str,
) -> ResiliencePlan:
    membership = get_membership(acting_user)
    plan, _created = ResiliencePlan.objects.get_or_create(user=acting_user)
    values = {
        "warning_signs": warning_signs.strip(),
        "what_helps": what_helps.strip(),
        "people_to_call": people_to_call.strip(),
        "self_care": self_care.strip(),
    }
    changed = [name for name in PLAN_FIELDS if getattr(plan, name) != values[name]]
    if changed:
        for name in changed:
            setattr(plan, name, values[name])
        plan.save()
        record(
            event_type="wellbeing.plan_saved",
            acting_user=acting_user,
            organisation=membership.organisation,
            subject=plan,
            details={"fields": changed},  # names of the sections changed, never their text
        )
    return plan


@transaction.atomic(durable=True)
def set_reminder_cadence(*, cadence: str, acting_user: User) -> ReminderSetting:
    membership = get_membership(acting_user)
    if cadence not in Cadence.values:
        raise ValidationError(_("Unknown reminder frequency."))
    setting, _created = ReminderSetting.objects.get_or_create(user=acting_user)
    if setting.cadence != cadence:
        previous = setting.cadence
        setting.cadence = cadence
        # A new cadence starts counting from now: no reminder for the current period.
        setting.last_sent_period = period_key(cadence, timezone.localtime())  # "" when off
        setting.save(update_fields=["cadence", "last_sent_period"])
        record(
            event_type="wellbeing.reminders_changed",
            acting_user=acting_user,
            organisation=membership.organisation,
            subject=setting,
            details={"from": previous, "to": cadence},
        )
    return setting


def _send_reminder(user_id: int) -> None:
    user = User.objects.get(pk=user_id)
    link = settings.SITE_URL + reverse("wellbeing:home")
    send_mail(
        subject=_("Your wellbeing check-in"),
        message=render_to_string("wellbeing/email/reminder.txt", {"user": user, "link": link}),
        from_email=None,
        recipient_list=[user.email],
    )


def send_due_reminders(*, now: datetime | None = None, acting_user: User | None = None) -> int:
    """Email everyone whose reminder period has turned over; at most one email per period, and
    none to someone who has already checked in during the period.

    The period is claimed in the database before the mail goes out on commit, so running the job
    twice (or two workers at once) sends nothing more.
    """
    now = now or timezone.now()
    sent = 0
    candidates = ReminderSetting.objects.exclude(cadence=Cadence.OFF).filter(
        user__is_active=True, user__membership__is_active=True
    )
    for setting_id in candidates.values_list("pk", flat=True):
        with transaction.atomic(durable=True):
            setting = (
                ReminderSetting.objects.select_for_update(of=("self",))
                .select_related("user__membership__organisation")
                .get(pk=setting_id)
            )
            key = period_key(setting.cadence, timezone.localtime(now))
            if setting.cadence == Cadence.OFF or setting.last_sent_period == key:
                continue
            setting.last_sent_period = key
            start = timezone.make_aware(
                datetime.combine(period_start(setting.cadence, timezone.localtime(now)), time())
            )
            if CheckIn.objects.filter(user_id=setting.user_id, taken_at__gte=start).exists():
                # Already checked in this period: nothing to remind them of.
                setting.save(update_fields=["last_sent_period"])
                continue
            setting.last_sent_at = now
            setting.save(update_fields=["last_sent_period", "last_sent_at"])
            record(
                event_type="wellbeing.reminder_sent",
                acting_user=acting_user,
                organisation=setting.user.membership.organisation,
                subject=setting,
                details={"period": key},
            )
            user_id = setting.user_id
            transaction.on_commit(lambda user_id=user_id: _send_reminder(user_id))
            sent += 1
    return sent
