"""The 403, 404, 500 and CSRF failure pages (core/views_errors.py), in English and Spanish, and
the one line a refused request leaves in the server log (core/log_filters.py)."""

from __future__ import annotations

import logging
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from empathic.accounts.access import get_team_for_user, require_admin
from empathic.core.views_errors import server_error
from empathic.testing import PASSWORD

DASHBOARD_LINK = f'href="{reverse("core:dashboard")}"'
SIGN_IN_LINK = f'href="{reverse("accounts:login")}"'
SIGN_OUT_FORM = f'action="{reverse("accounts:logout")}"'
ERROR_URLS = "empathic.core.tests.urls_errors"


def _html(response) -> str:
    return response.content.decode()


def _assert_a_page_of_the_site(response, status: int, language: str = "en") -> str:
    """Status, the site's frame (lang, landmarks, one h1, the stylesheet) and never stored."""
    assert response.status_code == status
    html = _html(response)
    assert f'<html lang="{language}">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert html.count("<h1>") == 1
    assert "empathic/empathic.css" in html
    assert "no-store" in response["Cache-Control"]
    return html


def _refusal_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("django.")]


def _server_line(record: logging.LogRecord) -> str:
    """The line as the server's console handler writes it (settings.LOGGING)."""
    return logging.Formatter(django_settings.LOGGING["formatters"]["plain"]["format"]).format(
        record
    )


# --- 404 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_404_for_a_signed_in_member_leads_to_the_dashboard(client_for, practitioner):
    response = client_for(practitioner).get("/no-such-page/")
    html = _assert_a_page_of_the_site(response, 404)
    assert "We cannot find this page" in html
    assert DASHBOARD_LINK in html and SIGN_OUT_FORM in html
    assert "Content-Security-Policy" in response and "X-Frame-Options" in response


@pytest.mark.django_db
def test_404_for_anonymous_leads_to_sign_in(client):
    html = _assert_a_page_of_the_site(client.get("/no-such-page/"), 404)
    assert SIGN_IN_LINK in html
    assert SIGN_OUT_FORM not in html


@pytest.mark.django_db
def test_404_from_an_access_function_gets_the_page(client_for, outsider, crisis_team):
    url = reverse("org:team_detail", args=[crisis_team.pk])
    html = _assert_a_page_of_the_site(client_for(outsider).get(url), 404)
    assert "We cannot find this page" in html
    assert "Crisis Line" not in html  # nothing of the other organisation's team


@pytest.mark.django_db
def test_404_in_spanish(client_for, practitioner):
    client = client_for(practitioner)
    client.cookies["django_language"] = "es"
    html = _assert_a_page_of_the_site(client.get("/no-such-page/"), 404, "es")
    assert "No encontramos esta página" in html
    assert "Ir a su panel" in html and DASHBOARD_LINK in html
    assert "We cannot find this page" not in html


# --- 403 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_403_explains_and_offers_the_dashboard_and_another_user(client_for, practitioner):
    response = client_for(practitioner).get(reverse("audit:trail"))
    html = _assert_a_page_of_the_site(response, 403)
    assert "You cannot open this page" in html
    assert "ask an administrator of your organisation" in html
    assert DASHBOARD_LINK in html and SIGN_OUT_FORM in html
    assert "Only organisation admins" not in html  # the exception's message stays inside


@pytest.mark.django_db
def test_403_for_an_account_without_membership_offers_signing_out(client_for, db):
    from empathic.accounts.models import User

    user = User.objects.create_user("loose@x.test", PASSWORD, full_name="Loose")
    html = _assert_a_page_of_the_site(client_for(user).get(reverse("core:dashboard")), 403)
    assert DASHBOARD_LINK not in html  # it would only refuse again
    assert SIGN_OUT_FORM in html


@pytest.mark.django_db
def test_403_in_spanish(client_for, practitioner):
    client = client_for(practitioner)
    client.cookies["django_language"] = "es"
    html = _assert_a_page_of_the_site(client.get(reverse("audit:trail")), 403, "es")
    assert "No puede abrir esta página" in html
    assert "pídalo a un administrador de su organización" in html
    assert "Cerrar sesión para entrar con otro usuario" in html and DASHBOARD_LINK in html


# --- CSRF --------------------------------------------------------------------------------


def _expired_sign_in(client: Client, **extra):
    return client.post(
        reverse("accounts:login"), {"username": "x@x.test", "password": "x"}, **extra
    )


@pytest.mark.django_db
def test_csrf_failure_says_the_form_expired_and_offers_reloading():
    client = Client(enforce_csrf_checks=True)
    referer = "http://testserver" + reverse("accounts:login")
    response = _expired_sign_in(client, HTTP_REFERER=referer)
    html = _assert_a_page_of_the_site(response, 403)
    assert "This form has expired" in html
    assert f'href="{referer}"' in html and "Reload the form" in html
    assert SIGN_IN_LINK in html
    assert response.cookies.get("csrftoken"), "a fresh token, so the reloaded form works"


@pytest.mark.django_db
def test_csrf_failure_never_links_to_another_site():
    client = Client(enforce_csrf_checks=True)
    html = _html(_expired_sign_in(client, HTTP_REFERER="https://evil.example/form/"))
    assert "evil.example" not in html and "Reload the form" not in html
    assert SIGN_IN_LINK in html


@pytest.mark.django_db
def test_csrf_failure_in_spanish():
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "es"
    html = _assert_a_page_of_the_site(_expired_sign_in(client), 403, "es")
    assert "Este formulario ha caducado" in html
    assert "Ir a la página de inicio de sesión" in html


# --- 500 ---------------------------------------------------------------------------------


def test_500_renders_without_the_database_or_a_request_user(rf):
    request = rf.get("/")  # no user, no session; and no database access allowed in this test
    response = server_error(request)
    html = _assert_a_page_of_the_site(response, 500)
    assert "Something went wrong on our side" in html
    assert f'href="{reverse("core:home")}"' in html


def test_500_in_spanish(rf):
    with translation.override("es"):
        html = _assert_a_page_of_the_site(server_error(rf.get("/")), 500, "es")
    assert "Algo ha fallado por nuestra parte" in html
    assert "Ir a la página de inicio" in html


def test_500_through_the_stack_while_the_database_is_down(settings):
    settings.ROOT_URLCONF = ERROR_URLS
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/database-down/")  # no database in this test at all
    html = _assert_a_page_of_the_site(response, 500)
    assert "Something went wrong on our side" in html


def test_500_falls_back_to_plain_html_when_its_template_fails(rf, monkeypatch, caplog):
    from django.template import loader

    def fail(*args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(loader, "render_to_string", fail)
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "<h1>Server error</h1>" in _html(response) and 'href="/"' in _html(response)
    assert "The 500 page could not be rendered" in caplog.text


# --- the server log ----------------------------------------------------------------------

LINE = re.compile(
    r"^(?P<phrase>[A-Za-z ]+) \((?P<status>\d{3})\): (?P<method>[A-Z]+) (?P<path>\S+) "
    r"user=(?P<user>\d+|anonymous) reason=(?P<reason>.+)$"
)


@pytest.mark.django_db
def test_a_permission_denied_is_one_line_without_a_traceback(client_for, practitioner, caplog):
    caplog.set_level(logging.INFO)
    client_for(practitioner).get(reverse("audit:trail"))
    [record] = _refusal_records(caplog)
    assert record.name == "django.request" and record.levelno == logging.WARNING
    assert record.exc_info is None
    message = record.getMessage()
    fields = LINE.match(message)
    assert fields, message
    assert fields["status"] == "403" and fields["method"] == "GET"
    assert fields["path"] == reverse("audit:trail")
    assert fields["user"] == str(practitioner.pk)
    origin = f"{require_admin.__module__}.{require_admin.__qualname__}"
    assert re.fullmatch(rf"PermissionDenied at {re.escape(origin)}:\d+", fields["reason"])
    assert _server_line(record).startswith("WARNING django.request: Forbidden (403): GET ")
    assert "Traceback" not in caplog.text and "\n" not in _server_line(record)
    assert practitioner.email not in caplog.text
    assert "Only organisation admins" not in caplog.text  # no exception text in the log


@pytest.mark.django_db
def test_a_404_from_an_access_function_is_one_line(client_for, outsider, crisis_team, caplog):
    caplog.set_level(logging.INFO)
    url = reverse("org:team_detail", args=[crisis_team.pk])
    client_for(outsider).get(url)
    [record] = _refusal_records(caplog)
    fields = LINE.match(record.getMessage())
    assert fields, record.getMessage()
    assert (fields["status"], fields["path"], fields["user"]) == ("404", url, str(outsider.pk))
    origin = f"{get_team_for_user.__module__}.{get_team_for_user.__qualname__}"
    assert re.fullmatch(rf"Http404 at {re.escape(origin)}:\d+", fields["reason"])
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_an_unknown_address_is_one_line_even_with_a_newline_in_it(client, caplog):
    caplog.set_level(logging.INFO)
    client.get("/no-such%0Apage/")
    [record] = _refusal_records(caplog)
    message = record.getMessage()
    assert "\n" not in message
    fields = LINE.match(message)
    assert fields, message
    assert fields["path"] == "/no-such\\npage/" and fields["user"] == "anonymous"
    assert fields["reason"] == "Resolver404 (no URL pattern matches)"


@pytest.mark.django_db
def test_a_csrf_refusal_is_one_line_without_the_referer(caplog):
    caplog.set_level(logging.INFO)
    client = Client(enforce_csrf_checks=True)
    client.post(
        reverse("accounts:login"),
        {"username": "pat@riverside.test"},
        HTTP_ORIGIN="https://evil.example",
        secure=True,
    )
    [record] = _refusal_records(caplog)
    assert record.name == "django.security.csrf"
    fields = LINE.match(record.getMessage())
    assert fields, record.getMessage()
    assert fields["status"] == "403" and fields["method"] == "POST"
    assert fields["reason"] == "CSRF failure: Origin checking failed"
    assert "evil.example" not in caplog.text and "pat@riverside.test" not in caplog.text


def test_a_real_500_still_logs_its_traceback(settings, caplog):
    settings.ROOT_URLCONF = ERROR_URLS
    caplog.set_level(logging.INFO)
    response = Client(raise_request_exception=False).get("/test-errors/broken/")
    assert response.status_code == 500
    [record] = _refusal_records(caplog)
    assert record.name == "django.request" and record.levelno == logging.ERROR
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert "Traceback" in caplog.text and "RuntimeError: a bug" in caplog.text
