"""The error pages: handler403, handler404, handler500 (empathic/urls.py) and CSRF_FAILURE_VIEW.

Views rather than bare 403.html/404.html/500.html templates, because Django's template-only
route gives no say in three things that matter here:
- the 500 page is rendered with no request context (no context processors, no user, no
  database: it may be the database that failed), and falls back to plain HTML if even that
  rendering fails, so a broken template or static manifest cannot turn a 500 into nothing;
- each refusal leaves a text-free reason on the request for the one-line log entry
  (core/log_filters.py), since Django logs a 404 without its exception;
- no error page is ever stored by a browser or proxy (the condition behind it changes: a role
  is granted, the server is mended), for signed-in people and anonymous ones alike.
403, 404 and the CSRF page use base.html with the request, like every other page: when that
fails (the database is down), Django serves the 500 page instead.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from empathic.core.log_filters import describe_refusal, note_refusal

logger = logging.getLogger(__name__)

# The last resort, when the 500 template itself cannot be rendered: nothing to fail in it.
PLAIN_500 = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Server error</title>'
    "</head><body><main><h1>Server error</h1><p>Something went wrong on our side. Please try "
    'again in a few minutes.</p><p><a href="/">Go to the home page</a></p></main></body></html>'
)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    note_refusal(request, describe_refusal(exception))
    return _page(request, "core/errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    note_refusal(request, describe_refusal(exception))
    return _page(request, "core/errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        # No request passed: no context processors, so no user, session or database lookups.
        body = loader.render_to_string("core/errors/500.html")
    except Exception:
        logger.exception("The 500 page could not be rendered; sent the plain one")
        body = PLAIN_500
    response = HttpResponseServerError(body)
    add_never_cache_headers(response)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django's reasons are fixed sentences, except that a few quote the Origin or Referer
    # header after " - ": the log keeps only the sentence.
    note_refusal(request, "CSRF failure: " + (reason.split(" - ")[0] or "unknown"))
    context = {"retry_url": _same_site_referer(request)}
    return _page(request, "core/errors/csrf_failure.html", context, status=403)


def _page(
    request: HttpRequest, template: str, context: dict | None = None, *, status: int
) -> HttpResponse:
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def _same_site_referer(request: HttpRequest) -> str | None:
    """The page the form was on, when it is one of ours: where to go back and reload."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None
