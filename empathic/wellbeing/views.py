"""Wellbeing pages. A person's own records for the person; aggregates only for groups."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from empathic.accounts.access import get_membership, require_admin, require_supervisor
from empathic.wellbeing import actions, exports, selectors
from empathic.wellbeing.access import (
    aggregate_teams_for,
    get_instrument,
    get_own_check_in,
    get_team_for_aggregates,
)
from empathic.wellbeing.forms import CheckInForm, ReminderForm, ResiliencePlanForm
from empathic.wellbeing.models import Cadence
from empathic.wellbeing.presentation import (
    group_chart,
    group_detail,
    personal_chart,
    score_lines,
)
from empathic.wellbeing.scoring import all_instruments, load_instrument

# Wellbeing pages must not be kept by shared browsers or proxies.
private = never_cache


@login_required
@private
def home(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    sections = []
    for instrument in all_instruments():
        checkins = list(selectors.checkins_of(request.user, instrument.code))
        latest = checkins[0] if checkins else None
        sections.append(
            {
                "instrument": instrument,
                "latest": latest,
                "lines": score_lines(instrument, latest.scores) if latest else [],
                "chart": personal_chart(instrument, checkins) if len(checkins) > 1 else None,
            }
        )
    reminder = selectors.reminder_of(request.user)
    context = {
        "membership": membership,
        "sections": sections,
        "history": selectors.checkins_of(request.user)[:24],
        "plan": selectors.plan_of(request.user),
        "cadence_label": Cadence(reminder.cadence).label if reminder else Cadence.OFF.label,
        "has_trend": any(section["chart"] for section in sections),
    }
    return render(request, "wellbeing/home.html", context)


@login_required
@private
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, code: str) -> HttpResponse:
    get_membership(request.user)
    instrument = get_instrument(code)
    form = CheckInForm(instrument, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            checkin = actions.record_check_in(
                instrument_code=instrument.code, answers=form.answers(), acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your check-in is saved and private to you."))
            return redirect("wellbeing:result", check_in_id=checkin.pk)
    return render(
        request,
        "wellbeing/check_in.html",
        {"instrument": instrument, "form": form, "shows_proqol": instrument.code == "proqol5"},
    )


@login_required
@private
def result(request: HttpRequest, check_in_id: int) -> HttpResponse:
    checkin = get_own_check_in(request.user, check_in_id)
    instrument = load_instrument(checkin.instrument)
    return render(
        request,
        "wellbeing/result.html",
        {
            "checkin": checkin,
            "instrument": instrument,
            "lines": score_lines(instrument, checkin.scores),
            "shows_proqol": instrument.code == "proqol5",
        },
    )


@login_required
@private
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    get_membership(request.user)
    current = selectors.plan_of(request.user)
    initial = {name: getattr(current, name) for name in actions.PLAN_FIELDS} if current else None
    form = ResiliencePlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_resilience_plan(acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Your resilience plan is saved."))
        return redirect("wellbeing:plan")
    return render(request, "wellbeing/plan.html", {"form": form, "plan": current})


@login_required
@private
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    get_membership(request.user)
    current = selectors.reminder_of(request.user)
    form = ReminderForm(
        request.POST or None, initial={"cadence": current.cadence if current else Cadence.OFF}
    )
    if request.method == "POST" and form.is_valid():
        actions.set_reminder_cadence(cadence=form.cleaned_data["cadence"], acting_user=request.user)
        messages.success(request, _("Reminder setting saved."))
        return redirect("wellbeing:home")
    return render(request, "wellbeing/reminders.html", {"form": form})


def _download_name(extension: str) -> str:
    return f"wellbeing-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
@private
def export_csv(request: HttpRequest) -> HttpResponse:
    get_membership(request.user)
    checkins = selectors.checkins_of(request.user).order_by("taken_at", "pk")
    response = HttpResponse(exports.checkins_csv(checkins), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name("csv")}"'
    return response


@login_required
@private
def export_fhir(request: HttpRequest) -> HttpResponse:
    get_membership(request.user)
    checkins = selectors.checkins_of(request.user).order_by("taken_at", "pk")
    bundle = exports.responses_bundle(checkins.select_related("user"))
    response = HttpResponse(
        json.dumps(bundle, indent=2, ensure_ascii=False), content_type="application/fhir+json"
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name("fhir.json")}"'
    return response


@login_required
def questionnaire(request: HttpRequest, code: str) -> JsonResponse:
    """The instrument itself as a FHIR Questionnaire: no personal data."""
    get_membership(request.user)
    instrument = get_instrument(code)
    return JsonResponse(
        exports.validate(exports.questionnaire(instrument)),
        content_type="application/fhir+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


# --- Groups: aggregates only ---------------------------------------------------------------------
@login_required
@private
def groups(request: HttpRequest) -> HttpResponse:
    membership = require_supervisor(request.user)
    return render(
        request,
        "wellbeing/groups.html",
        {
            "teams": aggregate_teams_for(membership),
            "can_see_organisation": membership.is_admin,
            "min_group_size": selectors.min_group_size(),
        },
    )


def _group_page(request: HttpRequest, group_key: str, label: str, back: str) -> HttpResponse:
    membership = get_membership(request.user)
    reports = []
    for instrument in all_instruments():
        report = selectors.group_report(membership.organisation, group_key, instrument.code)
        latest = report.latest
        detail = group_detail(instrument, latest) if latest and latest.shown else []
        reports.append(
            {
                "instrument": instrument,
                "latest": latest,
                "detail": detail,
                "chart": group_chart(instrument, report, label) if report.any_shown else None,
            }
        )
    return render(
        request,
        "wellbeing/group_report.html",
        {
            "group_label": label,
            "reports": reports,
            "back": back,
            "min_group_size": selectors.min_group_size(),
            "shows_proqol": True,
        },
    )


@login_required
@private
def organisation_report(request: HttpRequest) -> HttpResponse:
    membership = require_admin(request.user)
    return _group_page(request, selectors.ORG_KEY, membership.organisation.name, "groups")


@login_required
@private
def team_report(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_team_for_aggregates(request.user, team_id)
    return _group_page(request, selectors.team_key(team), team.name, "groups")
