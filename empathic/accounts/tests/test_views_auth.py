from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from empathic.accounts import actions, two_factor
from empathic.accounts.models import RecoveryCodeDevice, Role, User
from empathic.audit.models import AuditEvent
from empathic.testing import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def key_code(hex_key: str) -> str:
    return f"{totp(bytes.fromhex(hex_key)):06d}"


def test_sign_in_page_renders_for_anonymous(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'<main id="main"' in response.content


def test_sign_in_and_out_are_audited(client, practitioner):
    response = sign_in(client, "pat@riverside.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert AuditEvent.objects.filter(event_type="auth.signed_in", actor=practitioner).exists()
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(event_type="auth.signed_out", actor=practitioner).exists()
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_wrong_password_shows_error(client, practitioner):
    response = sign_in(client, "pat@riverside.test", "not-the-password")
    assert response.status_code == 200
    assert b"correct email address and password" in response.content


def test_repeated_failures_lock_the_account_for_a_while(client, practitioner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "pat@riverside.test", "wrong-password")
    response = sign_in(client, "pat@riverside.test")  # right password, still locked
    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_signed_in_user_is_redirected_from_sign_in(client_for, practitioner):
    client = client_for(practitioner)
    assert client.get(reverse("accounts:login")).status_code == 302


def test_password_reset_sends_a_working_link(client, practitioner):
    response = client.post(reverse("accounts:password_reset"), {"email": "pat@riverside.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    new_password = "brand-new-password-42"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.check_password(new_password)


def test_password_reset_for_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@x.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_accept_invitation_flow(client, organisation, org_admin, crisis_team):
    invitation = actions.invite_member(
        organisation=organisation,
        email="new@r.test",
        role=Role.PRACTITIONER,
        teams=[crisis_team],
        acting_user=org_admin,
    )
    url = reverse("accounts:accept_invitation", args=[invitation.token])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"full_name": "Nova New", "password1": "short", "password2": "short"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="new@r.test").exists()
    response = client.post(
        url, {"full_name": "Nova New", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@r.test")
    assert user.membership.organisation == organisation
    # The link works once.
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(url).status_code == 410


def test_unknown_invitation_token_is_404(client, db):
    assert client.get(reverse("accounts:accept_invitation", args=["nope"])).status_code == 404


def test_two_factor_setup_verify_and_disable(client, practitioner):
    sign_in(client, "pat@riverside.test")
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 200
    assert b"<svg" in response.content
    assert not TOTPDevice.objects.filter(user=practitioner).exists()  # a GET writes nothing
    key = client.session[two_factor.PENDING_TOTP_KEY]
    response = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})
    assert b"did not match" in response.content or key_code(key) == "000000"
    response = client.post(reverse("accounts:two_factor_setup"), {"token": key_code(key)})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:recovery_codes")
    device = TOTPDevice.objects.get(user=practitioner)
    assert device.confirmed and device.key == key
    assert AuditEvent.objects.filter(event_type="2fa.enabled", actor=practitioner).exists()
    page = client.get(reverse("accounts:recovery_codes")).content.decode()
    assert len(re.findall(r"<code>[a-z2-7]{4}(?:-[a-z2-7]{4}){3}</code>", page)) == 10
    # Shown once only.
    assert "<code>" not in client.get(reverse("accounts:recovery_codes")).content.decode()

    # A new sign-in needs the code before any page.
    client.post(reverse("accounts:logout"))
    sign_in(client, "pat@riverside.test")
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    response = client.post(
        reverse("accounts:two_factor_verify") + "?next=/dashboard/", {"token": "12345x"}
    )
    assert response.status_code == 200
    device.refresh_from_db()
    device.throttle_reset()
    # A TOTP code works once; pretend the setup code belonged to an earlier time step.
    device.last_t = -1
    device.save()
    response = client.post(
        reverse("accounts:two_factor_verify") + "?next=https://evil.example/",
        {"token": current_code(device)},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"  # an off-site next is ignored
    assert client.get(reverse("core:dashboard")).status_code == 200

    response = client.post(reverse("accounts:two_factor_disable"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=practitioner).exists()
    assert not RecoveryCodeDevice.objects.filter(user=practitioner).exists()


def test_two_factor_setup_page_writes_no_record_however_often_it_is_shown(client, practitioner):
    """Showing the QR code is a read: no device, no recovery codes, no audit row. The pending
    secret lives only in the session, and looking again shows the same one."""
    sign_in(client, "pat@riverside.test")
    events = AuditEvent.objects.count()
    first = client.get(reverse("accounts:two_factor_setup"))
    key = client.session[two_factor.PENDING_TOTP_KEY]
    second = client.get(reverse("accounts:two_factor_setup"))
    assert first.status_code == second.status_code == 200
    assert client.session[two_factor.PENDING_TOTP_KEY] == key
    assert f"<code>{two_factor.base32_secret(key)}</code>" in second.content.decode()
    assert not TOTPDevice.objects.filter(user=practitioner).exists()
    assert not RecoveryCodeDevice.objects.filter(user=practitioner).exists()
    assert AuditEvent.objects.count() == events


def test_organisation_can_require_admin_two_factor(client_for, organisation, org_admin):
    actions.update_organisation_settings(
        organisation=organisation,
        name=organisation.name,
        require_admin_2fa=True,
        acting_user=org_admin,
    )
    client = client_for(org_admin)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200


def test_required_two_factor_cannot_be_switched_off(client_for, organisation, org_admin):
    actions.update_organisation_settings(
        organisation=organisation,
        name=organisation.name,
        require_admin_2fa=True,
        acting_user=org_admin,
    )
    TOTPDevice.objects.create(user=org_admin, name="x", confirmed=True)
    client = client_for(org_admin)
    client.post(reverse("accounts:two_factor_disable"))
    assert TOTPDevice.objects.filter(user=org_admin).exists()


def test_password_change(client_for, practitioner):
    client = client_for(practitioner)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-good-pass-7",
            "new_password2": "another-good-pass-7",
        },
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.check_password("another-good-pass-7")
