"""Two-factor, tried as an attacker who knows only the password would."""

from __future__ import annotations

import re
import time

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from empathic.accounts import actions, two_factor
from empathic.accounts.models import RecoveryCode, RecoveryCodeDevice
from empathic.audit.models import AuditEvent
from empathic.testing import PASSWORD

pytestmark = pytest.mark.django_db

_CONVERTER_VALUES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "0" * 32}


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    return actions.enrol_totp_device(user=user, key="ab" * 20, acting_user=user)


def every_path() -> list[str]:
    """Every URL of the site, with a placeholder for each parameter."""
    paths: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern):
                concrete = re.sub(
                    r"<(?:(\w+):)?\w+>",
                    lambda m: _CONVERTER_VALUES.get(m.group(1) or "str", "x"),
                    text,
                )
                paths.append("/" + concrete.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(paths))


def age_authentication(client, seconds: int) -> None:
    session = client.session
    session[two_factor.AUTHENTICATED_AT] = int(time.time()) - seconds
    session.save()


@pytest.fixture
def password_only(client, practitioner):
    """A session that has the password of a practitioner with two-factor on, not the code."""
    device, _codes = enrolled(practitioner)
    sign_in(client, practitioner.email)
    assert "_auth_user_id" in client.session
    return client, device


def test_password_only_session_reaches_nothing_but_the_code_page(password_only):
    client, device = password_only
    allowed = {reverse("accounts:two_factor_verify"), reverse("accounts:logout")}
    verify = reverse("accounts:two_factor_verify")
    checked = 0
    for path in every_path():
        if path in allowed or path.startswith("/static/"):
            continue
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, (path, response.status_code)
            assert response["Location"].startswith(verify), path
            checked += 1
    assert checked > 80  # the walk found the site, not an empty list
    assert list(TOTPDevice.objects.filter(user=device.user)) == [device]
    assert RecoveryCode.objects.filter(device__user=device.user).count() == 10
    assert not client.session.get("otp_device_id")


def test_setup_page_cannot_enrol_over_an_existing_device(password_only):
    client, device = password_only
    setup = reverse("accounts:two_factor_setup")
    assert client.get(setup)["Location"].startswith(reverse("accounts:two_factor_verify"))
    # Even a code for a key the attacker chose is refused: there is no pending key to match.
    session = client.session
    session[two_factor.PENDING_TOTP_KEY] = "cd" * 20
    session.save()
    response = client.post(setup, {"token": f"{totp(bytes.fromhex('cd' * 20)):06d}"})
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert list(TOTPDevice.objects.filter(user=device.user)) == [device]
    assert TOTPDevice.objects.get(pk=device.pk).key == "ab" * 20
    assert not AuditEvent.objects.filter(event_type="2fa.device_replaced").exists()


def test_admin_required_to_enrol_with_a_device_must_verify_first(client, organisation, org_admin):
    actions.update_organisation_settings(
        organisation=organisation, name=organisation.name, require_admin_2fa=True,
        acting_user=org_admin,
    )  # fmt: skip
    device, _codes = enrolled(org_admin)
    sign_in(client, org_admin.email)
    for name in ("accounts:two_factor_setup", "accounts:security", "core:dashboard"):
        response = client.get(reverse(name))
        assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    response = client.post(reverse("accounts:two_factor_disable"))
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert list(TOTPDevice.objects.filter(user=org_admin)) == [device]


def test_required_first_enrolment_is_reachable_and_nothing_else(client, organisation, org_admin):
    actions.update_organisation_settings(
        organisation=organisation, name=organisation.name, require_admin_2fa=True,
        acting_user=org_admin,
    )  # fmt: skip
    sign_in(client, org_admin.email)
    setup = reverse("accounts:two_factor_setup")
    assert client.get(reverse("core:dashboard"))["Location"] == setup
    assert client.get(reverse("accounts:security"))["Location"] == setup
    page = client.get(setup)
    assert page.status_code == 200 and b"requires two-factor sign-in for admins" in page.content
    key = client.session[two_factor.PENDING_TOTP_KEY]
    response = client.post(setup, {"token": f"{totp(bytes.fromhex(key)):06d}"})
    assert response["Location"] == reverse("accounts:recovery_codes")
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert TOTPDevice.objects.get(user=org_admin).confirmed


def test_security_changes_need_a_recent_password(client, practitioner):
    sign_in(client, practitioner.email)
    setup = reverse("accounts:two_factor_setup")
    age_authentication(client, 3600)
    response = client.get(setup)
    assert response["Location"].startswith(reverse("accounts:reauthenticate"))
    assert two_factor.PENDING_TOTP_KEY not in client.session

    reauth = reverse("accounts:reauthenticate") + f"?next={setup}"
    response = client.post(reauth, {"password": "wrong-password"})
    assert response.status_code == 200
    assert b"not right" in response.content
    response = client.post(reauth, {"password": PASSWORD})
    assert response["Location"] == setup
    assert client.get(setup).status_code == 200


def test_replacing_a_device_needs_verification_and_a_recent_password(client, practitioner):
    device, _codes = enrolled(practitioner)
    sign_in(client, practitioner.email)
    device.last_t = -1
    device.save()
    client.post(reverse("accounts:two_factor_verify"), {"token": code_for(device)})
    setup = reverse("accounts:two_factor_setup")
    age_authentication(client, 3600)
    assert client.get(setup)["Location"].startswith(reverse("accounts:reauthenticate"))
    client.post(reverse("accounts:reauthenticate"), {"password": PASSWORD})
    response = client.get(setup)
    assert b"replaces your current one" in response.content
    key = client.session[two_factor.PENDING_TOTP_KEY]
    client.post(setup, {"token": f"{totp(bytes.fromhex(key)):06d}"})
    assert [d.key for d in TOTPDevice.objects.filter(user=practitioner)] == [key]
    assert AuditEvent.objects.filter(event_type="2fa.device_replaced").count() == 1


def test_disable_and_new_codes_need_a_recent_password(client, practitioner):
    device, _codes = enrolled(practitioner)
    sign_in(client, practitioner.email)
    device.last_t = -1
    device.save()
    client.post(reverse("accounts:two_factor_verify"), {"token": code_for(device)})
    age_authentication(client, 3600)
    for name in ("accounts:two_factor_disable", "accounts:recovery_codes_regenerate"):
        response = client.post(reverse(name))
        assert response["Location"].startswith(reverse("accounts:reauthenticate"))
    assert TOTPDevice.objects.filter(user=practitioner).exists()
    assert not AuditEvent.objects.filter(event_type="2fa.recovery_codes_replaced").exists()


def test_reauthentication_failures_count_towards_lock_out(client_for, practitioner, settings):
    client = client_for(practitioner)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:reauthenticate"), {"password": "wrong-password"})
    response = client.post(reverse("accounts:reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 429


def test_recovery_code_signs_in_once_and_is_stored_hashed(client, practitioner):
    _device, codes = enrolled(practitioner)
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(stored) == 10 and not stored & {c.replace("-", "") for c in codes}
    sign_in(client, practitioner.email)
    response = client.post(reverse("accounts:two_factor_verify"), {"token": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert RecoveryCode.objects.filter(device__user=practitioner).count() == 9

    client.post(reverse("accounts:logout"))
    sign_in(client, practitioner.email)
    response = client.post(reverse("accounts:two_factor_verify"), {"token": codes[0]})
    assert response.status_code == 200  # used up
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_recovery_codes_are_throttled(client, practitioner):
    _device, codes = enrolled(practitioner)
    sign_in(client, practitioner.email)
    client.post(reverse("accounts:two_factor_verify"), {"token": "aaaa-bbbb-cccc-dddd"})
    # After a failure the device refuses even a right code until its back-off has passed.
    response = client.post(reverse("accounts:two_factor_verify"), {"token": codes[1]})
    assert response.status_code == 200
    assert RecoveryCodeDevice.objects.get(user=practitioner).throttling_failure_count == 1


def test_sign_in_email_is_case_insensitive(client, practitioner):
    response = sign_in(client, "  Pat@Riverside.TEST ")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(practitioner.pk)


def test_case_variants_share_one_lock_out_counter(client, practitioner, settings):
    variants = ["pat@riverside.test", "PAT@riverside.test", "Pat@Riverside.Test"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, variants[attempt % len(variants)], "wrong-password")
    assert sign_in(client, "pat@riverside.test").status_code == 429
