from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from empathic.accounts import actions as account_actions
from empathic.audit.models import AuditEvent
from empathic.wellbeing import actions
from empathic.wellbeing.models import CheckIn, ReminderSetting
from empathic.wellbeing.reminders import period_key, period_start
from empathic.wellbeing.tests.helpers import SECRET_CBI, SECRET_SCORE_TEXTS, check_in


def test_check_in_stores_scores_and_team_snapshot(practitioner, crisis_team):
    checkin = check_in(practitioner, "cbi", SECRET_CBI)
    assert checkin.user == practitioner
    assert checkin.organisation == practitioner.membership.organisation
    assert checkin.scores["personal"] == {"value": 66.67, "band": "moderate"}
    assert checkin.scores["work"] == {"value": 67.86, "band": "moderate"}
    assert checkin.scores["client"] == {"value": 83.33, "band": "high"}
    assert checkin.team_ids == [crisis_team.pk]


def test_check_in_writes_an_audit_row_without_scores_or_answers(practitioner):
    checkin = check_in(practitioner, "cbi", SECRET_CBI)
    event = AuditEvent.objects.get(event_type="wellbeing.check_in_completed")
    assert event.actor == practitioner
    assert event.subject_id == str(checkin.pk)
    assert event.details == {"instrument": "cbi", "version": "2005"}
    row = json.dumps([event.details, event.subject_label, event.subject_type, event.actor_label])
    for text in (*SECRET_SCORE_TEXTS, "moderate", "high", "always", "very_high"):
        assert text not in row


def test_incomplete_or_unknown_check_in_is_refused_and_nothing_written(practitioner):
    with pytest.raises(ValidationError):
        actions.record_check_in(
            instrument_code="cbi", answers={"p1": "always"}, acting_user=practitioner
        )
    with pytest.raises(ValidationError):
        actions.record_check_in(instrument_code="nope", answers={}, acting_user=practitioner)
    assert not CheckIn.objects.exists()
    assert not AuditEvent.objects.filter(event_type__startswith="wellbeing.").exists()


def test_inactive_member_cannot_check_in(practitioner, org_admin):
    account_actions.set_member_active(
        membership=practitioner.membership, active=False, acting_user=org_admin
    )
    practitioner.refresh_from_db()
    with pytest.raises(PermissionDenied):
        check_in(practitioner)


def test_resilience_plan_audit_names_fields_not_text(practitioner):
    plan = actions.save_resilience_plan(
        acting_user=practitioner,
        warning_signs="  Not sleeping  ",
        what_helps="Running",
        people_to_call="",
        self_care="",
    )
    assert plan.warning_signs == "Not sleeping"
    event = AuditEvent.objects.get(event_type="wellbeing.plan_saved")
    assert event.details == {"fields": ["warning_signs", "what_helps"]}
    assert "sleeping" not in json.dumps(event.details) + event.subject_label
    # Saving the same text again changes nothing and writes no row.
    actions.save_resilience_plan(
        acting_user=practitioner,
        warning_signs="Not sleeping",
        what_helps="Running",
        people_to_call="",
        self_care="",
    )
    assert AuditEvent.objects.filter(event_type="wellbeing.plan_saved").count() == 1


@pytest.mark.parametrize(
    ("cadence", "when", "key"),
    [
        ("weekly", datetime(2026, 11, 25), "2026-W48"),
        ("fortnightly", datetime(2026, 11, 25), "2026-F24"),
        ("fortnightly", datetime(2026, 11, 18), "2026-F24"),  # weeks 47 and 48 pair up
        ("monthly", datetime(2026, 11, 25), "2026-11"),
        ("off", datetime(2026, 11, 25), ""),
    ],
)
def test_period_keys(cadence, when, key):
    assert period_key(cadence, when) == key


@pytest.mark.parametrize(
    ("cadence", "when", "start"),
    [
        ("weekly", datetime(2026, 11, 25), date(2026, 11, 23)),  # Wednesday -> Monday
        ("fortnightly", datetime(2026, 11, 25), date(2026, 11, 16)),  # week 48 -> week 47
        ("fortnightly", datetime(2026, 11, 18), date(2026, 11, 16)),
        ("monthly", datetime(2026, 11, 25), date(2026, 11, 1)),
    ],
)
def test_period_starts(cadence, when, start):
    assert period_start(cadence, when) == start


def test_no_reminder_for_someone_who_already_checked_in(
    practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    actions.set_reminder_cadence(cadence="monthly", acting_user=practitioner)
    ReminderSetting.objects.filter(user=practitioner).update(last_sent_period="2000-01")
    check_in(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_due_reminders() == 0
    assert mailoutbox == []
    assert ReminderSetting.objects.get(user=practitioner).last_sent_period == period_key(
        "monthly", timezone.localtime()
    )


def test_reminders_are_sent_once_per_period(
    practitioner, supervisor, mailoutbox, django_capture_on_commit_callbacks
):
    actions.set_reminder_cadence(cadence="weekly", acting_user=practitioner)
    with pytest.raises(ValidationError):
        actions.set_reminder_cadence(cadence="hourly", acting_user=supervisor)
    # Choosing a cadence claims the current period: the first email comes next week.
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_due_reminders(now=now) == 0
    next_week = now + timezone.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_due_reminders(now=next_week) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_due_reminders(now=next_week) == 0
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [practitioner.email]
    assert "/wellbeing/" in mail.body
    event = AuditEvent.objects.get(event_type="wellbeing.reminder_sent")
    assert event.details == {"period": period_key("weekly", next_week)}


def test_turned_off_and_inactive_people_get_no_reminder(practitioner, org_admin, mailoutbox):
    actions.set_reminder_cadence(cadence="monthly", acting_user=practitioner)
    ReminderSetting.objects.filter(user=practitioner).update(last_sent_period="")
    account_actions.set_member_active(
        membership=practitioner.membership, active=False, acting_user=org_admin
    )
    assert actions.send_due_reminders() == 0
    assert mailoutbox == []


def test_management_command_sends_due_reminders(
    practitioner, mailoutbox, capsys, django_capture_on_commit_callbacks
):
    actions.set_reminder_cadence(cadence="monthly", acting_user=practitioner)
    ReminderSetting.objects.filter(user=practitioner).update(last_sent_period="2000-01")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_wellbeing_reminders")
        call_command("send_wellbeing_reminders")
    assert len(mailoutbox) == 1
    assert "Sent 0 wellbeing reminder(s)." in capsys.readouterr().out
