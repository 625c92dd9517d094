"""Conversation pages. Views parse, authorise (``access``) and render; writes are actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from empathic.accounts.access import (
    get_member_for_user,
    get_membership,
    require_admin,
    require_supervisor,
    teams_visible_to,
)
from empathic.analysis.errors import LimitExceeded, TranscriptError
from empathic.conversations import actions, ingest, limits, selectors
from empathic.conversations.access import (
    Purpose,
    allowed,
    get_comment,
    get_conversation_for_user,
)
from empathic.conversations.forms import (
    CommentForm,
    EraseClientForm,
    RetentionForm,
    UploadForm,
)
from empathic.conversations.models import ConsentMethod, ConsentPurpose, Status
from empathic.conversations.presentation import (
    growth_charts,
    report_page,
    summary_lines,
    team_charts,
)
from empathic.conversations.uploads import TranscriptUploadHandler

# Pages with client text must not be kept by shared browsers or proxies.
private = never_cache
PAGE_SIZE = 25


def _max_bytes() -> int:
    return limits.transcript_limits().max_bytes


@login_required
@private
@require_GET
def conversation_list(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    scopes = [("mine", _("My sessions"))]
    if membership.can_supervise:
        scopes.append(("team", _("My teams' sessions")))
    if membership.is_admin:
        scopes.append(("all", _("All sessions")))
    scope = request.GET.get("scope", "mine")
    if scope not in dict(scopes):
        scope = "mine"
    conversations = selectors.conversation_list(membership, scope=scope)
    page = Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "conversations/list.html",
        {"page": page, "scope": scope, "scopes": scopes, "membership": membership},
    )


@login_required
@csrf_exempt
@private
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    # Keep the file in memory only (never a temporary file on disk), capped at the parser's
    # limit. The handlers must be set before anything reads the body, hence csrf_exempt here
    # and csrf_protect on the inner view (Django's documented pattern).
    request.upload_handlers = [TranscriptUploadHandler(request, limit=_max_bytes())]
    return _upload(request)


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    teams = teams_visible_to(membership).order_by("name")
    form = UploadForm(
        request.POST or None, request.FILES or None, teams=teams, max_bytes=_max_bytes()
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            conversation = _store_upload(request, form)
            if conversation is not None:
                messages.success(
                    request,
                    _("Uploaded and redacted. The analysis has started; this page updates itself."),
                )
                return redirect("conversations:detail", conversation_id=conversation.pk)
        status = 400
    return render(request, "conversations/upload.html", {"form": form}, status=status)


def _store_upload(request: HttpRequest, form: UploadForm):
    data = form.cleaned_data
    names = ingest.split_names(data["names"])
    upload = data.get("transcript_file")
    try:
        if upload is not None:
            prepared = ingest.prepare(
                data=upload.read(),
                filename=upload.name or "",
                source_format=data["source_format"] or None,
                practitioner_name=data["practitioner_name"],
                names=names,
                confirm_unsure=True,
            )
        else:
            prepared = ingest.prepare(
                text=data["pasted"],
                source_format=data["source_format"] or "txt",
                practitioner_name=data["practitioner_name"],
                names=names,
                confirm_unsure=True,
            )
    except ingest.PractitionerUnsure as unsure:
        form.ask_practitioner(unsure.speakers, unsure.detected, file_given=upload is not None)
        return None
    except LimitExceeded as error:  # before any redaction: an oversized file costs little
        form.add_error(
            "transcript_file" if upload is not None else "pasted", limits.limit_message(error)
        )
        return None
    except TranscriptError as error:
        field = "transcript_file" if upload is not None else "pasted"
        reason = str(error).replace("--practitioner", _("your name"))
        form.add_error(field, _("This transcript cannot be read: %(reason)s.") % {"reason": reason})
        return None
    try:
        return actions.create_conversation(
            prepared=prepared,
            title=data["title"],
            team=data.get("team"),
            held_on=data["held_on"],
            client_reference=data["client_reference"],
            consent_method=data["consent_method"],
            consent_obtained_on=data["consent_obtained_on"],
            consent_purposes=data["consent_purposes"],
            names=names,
            acting_user=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _status_payload(conversation) -> dict:
    return {
        "id": conversation.pk,
        "status": conversation.status,
        "label": str(Status(conversation.status).label),
        "finished": conversation.is_finished,
        "attempts": conversation.attempts,
        "turns": conversation.turn_count,
        "failure_reason": conversation.failure_reason,
        "started_at": conversation.started_at.isoformat() if conversation.started_at else None,
    }


@login_required
@private
@require_GET
def detail(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = get_conversation_for_user(request.user, conversation_id)
    membership = get_membership(request.user)
    permissions = {purpose.value: allowed(membership, conversation, purpose) for purpose in Purpose}
    if conversation.status != Status.DONE:
        # A read only: waiting work is picked up by the workers (jobs.start_sweeper, Celery's
        # requeue_stale), never by a page view.
        return render(
            request,
            "conversations/status.html",
            {
                "conversation": conversation,
                "status": _status_payload(conversation),
                "can": permissions,
            },
        )
    turns = selectors.report_turns(conversation)
    summary = selectors.summary_of(conversation)
    page = report_page(conversation, turns, summary)  # the stored analysis, read back once
    actions.record_view(conversation=conversation, acting_user=request.user)
    response = render(
        request,
        "conversations/report.html",
        {
            "conversation": conversation,
            "summary": summary,
            "metrics": summary_lines(page.analysis.summary) if summary else [],
            "quality": page.quality,
            "turns": page.turns,
            "missed": page.missed,
            "ruptures": page.ruptures,  # None: an analysis stored before ruptures
            "with_suggestions": page.with_suggestions,
            "charts": page.charts,
            "can": permissions,
            "comment_form": CommentForm(),
            "consent_method": ConsentMethod(conversation.consent_method).label,
            "consent_purposes": [ConsentPurpose(p).label for p in conversation.consent_purposes],
        },
    )
    return _unless_too_large(request, response, conversation, permissions)


def _unless_too_large(
    request: HttpRequest, response: HttpResponse, conversation, permissions: dict
) -> HttpResponse:
    """The report page, or a short page instead when it passes REPORT_MAX_BYTES: only a
    conversation stored before the transcript limits applied can get there."""
    limit = limits.transcript_limits().max_report_bytes
    if len(response.content) <= limit:
        return response
    return render(
        request,
        "conversations/report_too_large.html",
        {
            "conversation": conversation,
            "can": permissions,
            "size_mb": round(len(response.content) / 1_000_000, 1),
            "limit_mb": round(limit / 1_000_000, 1),
        },
    )


@login_required
@private
@require_GET
def status(request: HttpRequest, conversation_id: int) -> JsonResponse:
    conversation = get_conversation_for_user(request.user, conversation_id)
    return JsonResponse(_status_payload(conversation))


@login_required
@require_POST
def retry(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = get_conversation_for_user(request.user, conversation_id, Purpose.RETRY)
    try:
        actions.retry_analysis(conversation=conversation, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The analysis has started again."))
    return redirect("conversations:detail", conversation_id=conversation.pk)


@login_required
@private
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = get_conversation_for_user(request.user, conversation_id, Purpose.ERASE)
    if request.method == "POST":
        actions.erase_conversation(conversation=conversation, acting_user=request.user)
        messages.success(request, _("The conversation and everything about it is erased."))
        return redirect("conversations:list")
    return render(request, "conversations/erase.html", {"conversation": conversation})


@login_required
@require_POST
def comment(request: HttpRequest, conversation_id: int, turn_index: int) -> HttpResponse:
    form = CommentForm(request.POST)
    parent_id = request.POST.get("parent") or None
    purpose = Purpose.REPLY if parent_id else Purpose.COMMENT
    conversation = get_conversation_for_user(request.user, conversation_id, purpose)
    turn = conversation.turns.filter(index=turn_index).first()
    if turn is None:
        raise Http404
    anchor = reverse("conversations:detail", args=[conversation.pk]) + f"#turn-{turn.index}"
    if not form.is_valid():
        messages.error(request, _("Write something first."))
        return redirect(anchor)
    parent = get_comment(conversation, int(parent_id)) if parent_id else None
    try:
        actions.add_comment(
            conversation=conversation,
            turn=turn,
            body=form.cleaned_data["body"],
            parent=parent,
            acting_user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer is saved.") if parent else _("Comment saved."))
    return redirect(anchor)


@login_required
@require_POST
def review(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = get_conversation_for_user(request.user, conversation_id, Purpose.REVIEW)
    try:
        actions.mark_reviewed(conversation=conversation, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked as reviewed."))
    return redirect("conversations:detail", conversation_id=conversation.pk)


@login_required
@private
@require_GET
def growth(request: HttpRequest) -> HttpResponse:
    get_membership(request.user)
    summaries = selectors.growth_of(request.user)
    return render(
        request,
        "conversations/growth.html",
        {"person": request.user, "own": True, "summaries": summaries,
         "charts": growth_charts(summaries)},
    )  # fmt: skip


@login_required
@private
@require_GET
def member_growth(request: HttpRequest, membership_id: int) -> HttpResponse:
    """A supervisor's view of one practitioner's growth (their team's members only, and only the
    sessions the supervisor may open)."""
    viewer = require_supervisor(request.user)
    member = get_member_for_user(request.user, membership_id)  # 404 or 403 for anyone else's
    summaries = selectors.growth_of(member.user, visible_to=viewer)
    return render(
        request,
        "conversations/growth.html",
        {"person": member.user, "own": False, "summaries": summaries,
         "charts": growth_charts(summaries)},
    )  # fmt: skip


@login_required
@private
@require_GET
def team(request: HttpRequest) -> HttpResponse:
    membership = require_supervisor(request.user)
    teams = list(teams_visible_to(membership).order_by("name"))
    selected = None
    if request.GET.get("team"):
        try:
            team_id = int(request.GET["team"])
        except ValueError:
            raise Http404 from None
        selected = next((t for t in teams if t.pk == team_id), None)
        if selected is None:
            raise Http404
    elif teams:
        selected = teams[0]
    context = {"teams": teams, "selected": selected, "membership": membership}
    if selected is not None:
        trends = selectors.team_trends(selected)
        context.update(
            awaiting=selectors.awaiting_review(membership, selected)[:50],
            trends=trends,
            charts=team_charts(trends, selected.name),
            practitioners=selectors.team_practitioners(selected),
        )
    return render(request, "conversations/team.html", context)


@login_required
@private
@require_http_methods(["GET", "POST"])
def policy(request: HttpRequest) -> HttpResponse:
    membership = require_admin(request.user)
    organisation = membership.organisation
    form = RetentionForm(
        request.POST or None, initial={"retention_days": selectors.retention_days(organisation)}
    )
    if request.method == "POST" and form.is_valid():
        actions.set_retention(
            organisation=organisation,
            retention_days=form.cleaned_data["retention_days"],
            acting_user=request.user,
        )
        messages.success(request, _("Retention period saved."))
        return redirect("conversations:policy")
    return render(
        request,
        "conversations/policy.html",
        {"form": form, "erase_form": EraseClientForm()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def erase_client(request: HttpRequest) -> HttpResponse:
    membership = require_admin(request.user)
    form = EraseClientForm(request.POST)
    if form.is_valid():
        count = actions.erase_client_reference(
            organisation=membership.organisation,
            client_reference=form.cleaned_data["client_reference"],
            acting_user=request.user,
        )
        messages.success(
            request,
            _("Erased %(count)s conversation(s) with that client reference.") % {"count": count},
        )
        return redirect("conversations:policy")
    retention = RetentionForm(
        initial={"retention_days": selectors.retention_days(membership.organisation)}
    )
    return render(
        request,
        "conversations/policy.html",
        {"form": retention, "erase_form": form},
        status=400,
    )
