"""Practice studio pages. Views parse, authorise (``access``) and render; writes are actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from empathic.accounts.access import get_membership, require_supervisor
from empathic.nlp.scorer import MECHANISMS
from empathic.practice import actions, selectors
from empathic.practice.access import (
    get_node_for_editing,
    get_own_session,
    get_scenario_for_user,
    get_trainee_of_workshop,
    get_workshop_for_user,
)
from empathic.practice.forms import (
    AnswerForm,
    AssignmentForm,
    NodeForm,
    ScenarioFilterForm,
    ScenarioForm,
    StartNodeForm,
    WorkshopForm,
    WorkshopPeopleForm,
)
from empathic.practice.models import ScenarioNode
from empathic.practice.presentation import (
    answer_view,
    mechanism_label,
    progress_chart,
    workshop_csv,
)

private = never_cache


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# --- library and sessions -------------------------------------------------------------------
@login_required
@private
def home(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    form = ScenarioFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    scenarios = selectors.scenarios_for(
        membership,
        population=filters.get("population") or "",
        difficulty=filters.get("difficulty"),
        q=(filters.get("q") or "").strip(),
    )
    training, attending = selectors.workshops_for(request.user)
    return render(
        request,
        "practice/home.html",
        {
            "membership": membership,
            "form": form,
            "library": [s for s in scenarios if s.is_library],
            "own": [s for s in scenarios if not s.is_library],
            "sessions": selectors.sessions_of(request.user)[:10],
            "training": training,
            "attending": attending,
        },
    )


@login_required
@private
def scenario_detail(request: HttpRequest, scenario_id: int) -> HttpResponse:
    membership = get_membership(request.user)
    scenario = get_scenario_for_user(request.user, scenario_id)
    return render(
        request,
        "practice/scenario_detail.html",
        {
            "scenario": scenario,
            "membership": membership,
            "turns": selectors.main_path_length(scenario),
            "can_edit": membership.can_supervise and not scenario.is_library,
        },
    )


@login_required
@require_POST
def start(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = get_scenario_for_user(request.user, scenario_id)
    try:
        session = actions.start_session(scenario=scenario, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("practice:scenario", scenario_id=scenario.pk)
    return redirect("practice:session", session_id=session.pk)


def _current_node(session) -> ScenarioNode | None:
    return ScenarioNode.objects.filter(
        scenario_id=session.scenario_id, key=session.current_node
    ).first()


@login_required
@private
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    practice = get_own_session(request.user, session_id)
    node = _current_node(practice)
    form = AnswerForm(request.POST or None, initial={"node": practice.current_node})
    if request.method == "POST":
        if form.is_valid():
            try:
                answer = actions.answer_turn(
                    session=practice,
                    node_key=form.cleaned_data["node"],
                    text=form.cleaned_data["text"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                practice.refresh_from_db()
                next_node = _current_node(practice)
                if _wants_json(request):
                    html = render_to_string(
                        "practice/_exchange.html",
                        {"item": answer_view(answer), "next_node": next_node, "session": practice},
                        request=request,
                    )
                    return JsonResponse(
                        {
                            "html": html,
                            "done": practice.is_completed,
                            "node": practice.current_node,
                            "summary_url": (
                                reverse("practice:summary", args=[practice.pk])
                                if practice.is_completed
                                else ""
                            ),
                        }
                    )
                return redirect(f"{request.path}#answer-{answer.index}")
        if _wants_json(request):
            errors = [str(e) for e in form.non_field_errors()] + [
                str(e) for e in form.errors.get("text", [])
            ]
            return JsonResponse({"errors": errors}, status=400)
    return render(
        request,
        "practice/session.html",
        {
            "session": practice,
            "scenario": practice.scenario,
            "exchanges": [answer_view(a) for a in practice.answers.all()],
            "node": node,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@private
def summary(request: HttpRequest, session_id: int) -> HttpResponse:
    practice = get_own_session(request.user, session_id)
    if not practice.is_completed:
        return redirect("practice:session", session_id=practice.pk)
    result = selectors.summarise(practice)
    attempts = selectors.attempts_of(request.user)
    return render(
        request,
        "practice/summary.html",
        {
            "session": practice,
            "summary": result,
            "exchanges": [answer_view(a) for a in result.answers],
            "mechanisms": [
                {"label": mechanism_label(m), "mean": result.means[m], "best": result.best[m]}
                for m in MECHANISMS
            ],
            "chart": progress_chart(attempts, title=_("Your progress over attempts")),
            "end_node": _current_node(practice),
        },
    )


@login_required
@private
def progress(request: HttpRequest) -> HttpResponse:
    get_membership(request.user)
    attempts = selectors.attempts_of(request.user)
    return render(
        request,
        "practice/progress.html",
        {
            "attempts": list(reversed(attempts)),
            "chart": progress_chart(attempts, title=_("Your progress over attempts")),
            "growth": selectors.growth(attempts),
        },
    )


# --- workshops -----------------------------------------------------------------------------
@login_required
@private
def workshop_list(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    training, attending = selectors.workshops_for(request.user)
    return render(
        request,
        "practice/workshop_list.html",
        {"membership": membership, "training": training, "attending": attending},
    )


@login_required
@private
@require_http_methods(["GET", "POST"])
def workshop_create(request: HttpRequest) -> HttpResponse:
    membership = require_supervisor(request.user)
    form = WorkshopForm(membership.organisation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = actions.create_workshop(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Workshop created."))
            return redirect("practice:workshop", workshop_id=workshop.pk)
    return render(request, "practice/workshop_form.html", {"form": form})


@login_required
@private
def workshop_detail(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, workshop_id)
    is_trainer = workshop.trainers.filter(pk=request.user.pk).exists()
    context = {"workshop": workshop, "is_trainer": is_trainer}
    if is_trainer:
        context["rows"] = selectors.workshop_progress(workshop)
    else:
        context["mine"] = selectors.trainee_progress(workshop, request.user)
    context["assignments"] = workshop.assignments.prefetch_related("scenarios")
    return render(request, "practice/workshop_detail.html", context)


@login_required
@private
@require_http_methods(["GET", "POST"])
def workshop_people(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, workshop_id, manage=True)
    initial = {"trainers": workshop.trainers.all(), "trainees": workshop.trainees.all()}
    form = WorkshopPeopleForm(workshop.organisation, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_workshop_people(
                workshop=workshop, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Workshop members saved."))
            return redirect("practice:workshop", workshop_id=workshop.pk)
    return render(request, "practice/workshop_people.html", {"form": form, "workshop": workshop})


@login_required
@private
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, workshop_id, manage=True)
    membership = get_membership(request.user)
    scenarios = selectors.scenarios_for(membership).filter(is_published=True)
    form = AssignmentForm(scenarios, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.assign_scenarios(
                workshop=workshop, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Scenarios assigned."))
            return redirect("practice:workshop", workshop_id=workshop.pk)
    return render(request, "practice/assignment_form.html", {"form": form, "workshop": workshop})


@login_required
@private
def workshop_export(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, workshop_id, manage=True)
    response = HttpResponse(
        workshop_csv(selectors.workshop_progress(workshop)), content_type="text/csv; charset=utf-8"
    )
    name = f"workshop-{workshop.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@private
def workshop_trainee(request: HttpRequest, workshop_id: int, trainee_id: int) -> HttpResponse:
    workshop, trainee = get_trainee_of_workshop(request.user, workshop_id, trainee_id)
    row = selectors.trainee_progress(workshop, trainee)
    return render(
        request,
        "practice/workshop_trainee.html",
        {
            "workshop": workshop,
            "row": row,
            "attempts": list(reversed(row.attempts)),
            "chart": progress_chart(
                row.attempts,
                title=_("%(name)s: progress since the workshop began")
                % {"name": trainee.full_name},
            ),
        },
    )


# --- authoring -----------------------------------------------------------------------------
@login_required
@private
@require_http_methods(["GET", "POST"])
def scenario_create(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    form = ScenarioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scenario = actions.create_scenario(
            title=data["title"],
            population=data["population"],
            setting=data["setting"],
            background=data["background"],
            learning_goals=data["learning_goals"],
            difficulty=data["difficulty"],
            client_name=data["client_name"],
            acting_user=request.user,
        )
        messages.success(request, _("Scenario created. Now write the client's turns."))
        return redirect("practice:scenario_edit", scenario_id=scenario.pk)
    return render(request, "practice/scenario_form.html", {"form": form})


@login_required
@private
@require_http_methods(["GET", "POST"])
def scenario_edit(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = get_scenario_for_user(request.user, scenario_id, edit=True)
    keys = list(scenario.nodes.values_list("key", flat=True))
    initial = {name: getattr(scenario, name) for name in actions.SCENARIO_FIELDS}
    form = ScenarioForm(request.POST or None, initial=initial, prefix="meta")
    start_form = StartNodeForm(
        keys, request.POST or None, initial={"start_node": scenario.start_node}, prefix="start"
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if keys and start_form.is_valid():
            fields["start_node"] = start_form.cleaned_data["start_node"]
        actions.update_scenario(scenario=scenario, acting_user=request.user, **fields)
        messages.success(request, _("Scenario saved."))
        return redirect("practice:scenario_edit", scenario_id=scenario.pk)
    return render(
        request,
        "practice/scenario_edit.html",
        {
            "scenario": scenario,
            "form": form,
            "start_form": start_form if keys else None,
            "nodes": scenario.nodes.all(),
            "errors": selectors.graph_errors(scenario),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def scenario_copy(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = get_scenario_for_user(request.user, scenario_id)
    require_supervisor(request.user)
    copy = actions.copy_scenario(scenario=scenario, acting_user=request.user)
    messages.success(request, _("Copied. This copy belongs to your organisation."))
    return redirect("practice:scenario_edit", scenario_id=copy.pk)


@login_required
@require_POST
def scenario_publish(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = get_scenario_for_user(request.user, scenario_id, edit=True)
    publish = request.POST.get("publish") == "1"
    try:
        actions.set_published(scenario=scenario, published=publish, acting_user=request.user)
    except ValidationError:
        messages.error(request, _("Fix the problems listed below before publishing."))
    else:
        messages.success(
            request,
            _("The scenario is ready for practice.") if publish else _("Taken out of practice."),
        )
    return redirect("practice:scenario_edit", scenario_id=scenario.pk)


def _node_form_page(request, scenario, node) -> HttpResponse:
    keys = list(scenario.nodes.values_list("key", flat=True))
    initial = NodeForm.initial_for(node) if node else {"mood": "open"}
    form = NodeForm(keys, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_node(
                scenario=scenario,
                node=node,
                key=data["key"],
                client_text=data["client_text"],
                mood=data["mood"],
                is_end=data["is_end"],
                branches=form.branches(),
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("key", error)
        else:
            messages.success(request, _("Client turn saved."))
            return redirect("practice:scenario_edit", scenario_id=scenario.pk)
    return render(
        request,
        "practice/node_form.html",
        {"scenario": scenario, "node": node, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@private
@require_http_methods(["GET", "POST"])
def node_create(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = get_scenario_for_user(request.user, scenario_id, edit=True)
    return _node_form_page(request, scenario, None)


@login_required
@private
@require_http_methods(["GET", "POST"])
def node_edit(request: HttpRequest, scenario_id: int, node_id: int) -> HttpResponse:
    node = get_node_for_editing(request.user, scenario_id, node_id)
    return _node_form_page(request, node.scenario, node)


@login_required
@require_POST
def node_delete(request: HttpRequest, scenario_id: int, node_id: int) -> HttpResponse:
    node = get_node_for_editing(request.user, scenario_id, node_id)
    actions.delete_node(node=node, acting_user=request.user)
    messages.success(request, _("Client turn deleted."))
    return redirect("practice:scenario_edit", scenario_id=scenario_id)
