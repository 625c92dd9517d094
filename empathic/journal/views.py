"""Journal pages: the owner's own entries; a supervisor reads only what was shared by name."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from empathic.accounts.access import get_membership
from empathic.journal import actions, exports, selectors
from empathic.journal.access import get_entry_for_reader, get_own_entry, supervisors_for
from empathic.journal.forms import EntryForm, SearchForm, ShareForm
from empathic.journal.models import GIBBS_FIELDS
from empathic.journal.prompts import PROMPTS

private = never_cache


@login_required
@private
def home(request: HttpRequest) -> HttpResponse:
    membership = get_membership(request.user)
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "journal/home.html",
        {
            "form": form,
            "q": q,
            "entries": selectors.entries_of(request.user, q),
            "shared_count": selectors.shared_with(request.user).count()
            if membership.is_supervisor
            else 0,
            "membership": membership,
        },
    )


def _entry_form_page(request: HttpRequest, entry=None) -> HttpResponse:
    initial = None
    if entry is not None:
        initial = {name: getattr(entry, name) for name in actions.FIELDS}
        initial["practice_session"] = entry.practice_session_id
        initial["conversation"] = entry.conversation_id
    elif request.GET.get("session", "").isdigit():
        initial = {"practice_session": int(request.GET["session"])}
    form = EntryForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if entry is None:
                entry = actions.create_entry(acting_user=request.user, **data)
            else:
                actions.update_entry(entry=entry, acting_user=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Entry saved. It is private to you."))
            return redirect("journal:entry", entry_id=entry.pk)
    return render(
        request,
        "journal/entry_form.html",
        {"form": form, "entry": entry},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@private
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    get_membership(request.user)
    return _entry_form_page(request)


@login_required
@private
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    return _entry_form_page(request, get_own_entry(request.user, entry_id))


@login_required
@private
def entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    item = get_entry_for_reader(request.user, entry_id)
    is_owner = item.owner_id == request.user.pk
    if not is_owner:
        actions.record_shared_read(entry=item, acting_user=request.user)
    labels = {name: item._meta.get_field(name).verbose_name for name in GIBBS_FIELDS}
    return render(
        request,
        "journal/entry.html",
        {
            "entry": item,
            "is_owner": is_owner,
            "sections": [
                {"name": labels[name], "prompt": PROMPTS[name], "text": getattr(item, name)}
                for name in GIBBS_FIELDS
            ],
            "reads": selectors.reads_of(item)[:20] if is_owner else None,
        },
    )


@login_required
@require_POST
def delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    item = get_own_entry(request.user, entry_id)
    actions.delete_entry(entry=item, acting_user=request.user)
    messages.success(request, _("Entry deleted."))
    return redirect("journal:home")


@login_required
@private
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, entry_id: int) -> HttpResponse:
    item = get_own_entry(request.user, entry_id)
    membership = get_membership(request.user)
    form = ShareForm(
        supervisors_for(membership),
        request.POST or None,
        initial={"supervisor": item.shared_with_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.share_entry(
                entry=item, supervisor=form.cleaned_data["supervisor"], acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Shared with %(name)s. Only this entry is shared.")
                % {"name": item.shared_with.full_name},
            )
            return redirect("journal:entry", entry_id=item.pk)
    return render(request, "journal/share.html", {"form": form, "entry": item})


@login_required
@require_POST
def unshare(request: HttpRequest, entry_id: int) -> HttpResponse:
    item = get_own_entry(request.user, entry_id)
    actions.unshare_entry(entry=item, acting_user=request.user)
    messages.success(request, _("This entry is private again."))
    return redirect("journal:entry", entry_id=item.pk)


@login_required
@private
def shared(request: HttpRequest) -> HttpResponse:
    get_membership(request.user)
    return render(request, "journal/shared.html", {"entries": selectors.shared_with(request.user)})


EXPORTS = {
    "json": ("application/json; charset=utf-8", exports.as_json),
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "md": ("text/markdown; charset=utf-8", exports.as_markdown),
}


@login_required
@private
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    get_membership(request.user)
    if fmt not in EXPORTS:
        raise Http404
    content_type, render_entries = EXPORTS[fmt]
    entries = selectors.entries_of(request.user).order_by("created_at", "pk")
    response = HttpResponse(render_entries(entries), content_type=content_type)
    name = f"journal-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
