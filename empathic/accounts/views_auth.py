"""Sign-in, sign-out, invitations, password and two-factor pages."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from empathic.accounts import actions, two_factor
from empathic.accounts.access import admin_must_use_two_factor, get_invitation_by_token
from empathic.accounts.forms import (
    AcceptInvitationForm,
    EmailAuthenticationForm,
    ReauthenticationForm,
    TokenForm,
    VerificationForm,
)
from empathic.accounts.models import RecoveryCode, RecoveryCodeDevice

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_invitation_by_token(token)
    if not invitation.is_usable:
        return render(request, "accounts/invitation_unusable.html", status=410)
    if request.user.is_authenticated:
        messages.info(request, _("Sign out first to accept an invitation for another account."))
        return redirect("core:dashboard")
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.accept_invitation(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome to %(org)s.") % {"org": invitation.organisation.name}
            )
            return redirect("core:dashboard")
    return render(
        request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation}
    )


@login_required
def security(request: HttpRequest) -> HttpResponse:
    has_2fa = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return render(
        request,
        "accounts/security.html",
        {
            "has_2fa": has_2fa,
            "recovery_codes_left": RecoveryCode.objects.filter(device__user=request.user).count(),
        },
    )


def _safe_next(request: HttpRequest, fallback: str = "/") -> str:
    target = request.GET.get("next") or request.POST.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _reauth_redirect(request: HttpRequest, next_url: str) -> HttpResponse:
    return redirect(f"{reverse('accounts:reauthenticate')}?{urlencode({'next': next_url})}")


@login_required
@require_http_methods(["GET", "POST"])
def reauthenticate(request: HttpRequest) -> HttpResponse:
    """Ask for the password again before a security change; counts towards sign-in lock-out."""
    form = ReauthenticationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=request.user.email, password=form.cleaned_data["password"]
        )
        if user is not None and user.pk == request.user.pk:
            two_factor.mark_authenticated(request)
            return redirect(_safe_next(request, reverse("accounts:security")))
        if getattr(request, "axes_locked_out", False):
            return render(request, "accounts/locked_out.html", status=429)
        form.add_error("password", _("That password is not right."))
    return render(
        request,
        "accounts/reauthenticate.html",
        {"form": form, "next": _safe_next(request, reverse("accounts:security"))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show a QR code for a new authenticator; its first correct code stores it.

    Reaching this page with a password only is impossible for an account that has a device: the
    middleware sends an unverified session to the code page first, and this view checks again.
    """
    user = request.user
    if user_has_device(user) and not user.is_verified():  # type: ignore[union-attr]
        return redirect(reverse("accounts:two_factor_verify") + f"?next={request.path}")
    if not two_factor.recently_authenticated(request):
        return _reauth_redirect(request, request.path)
    key = two_factor.pending_key(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.pending_code_matches(key, form.cleaned_data["token"].strip()):
            device, codes = actions.enrol_totp_device(user=user, key=key, acting_user=user)
            two_factor.forget_pending_key(request)
            otp_login(request, device)
            request.session[two_factor.FRESH_RECOVERY_CODES] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("accounts:recovery_codes")
        form.add_error("token", _("That code did not match. Check your device's clock."))
    device = two_factor.unsaved_device(user, key)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1b1f24")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": two_factor.base32_secret(key),
            "replacing": user_has_device(user),
            "required": admin_must_use_two_factor(user),
        },
    )


@login_required
@require_http_methods(["GET"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shows freshly made recovery codes once; afterwards only how many are left."""
    codes = request.session.pop(two_factor.FRESH_RECOVERY_CODES, None)
    response = render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "left": RecoveryCode.objects.filter(device__user=request.user).count()},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    if not two_factor.recently_authenticated(request):
        return _reauth_redirect(request, reverse("accounts:security"))
    try:
        codes = actions.regenerate_recovery_codes(user=request.user, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("accounts:security")
    request.session[two_factor.FRESH_RECOVERY_CODES] = codes
    return redirect("accounts:recovery_codes")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code after the password: from the authenticator, or one recovery code."""
    user = request.user
    if not user_has_device(user) or user.is_verified():  # type: ignore[union-attr]
        return redirect(_safe_next(request))
    form = VerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_safe_next(request))
        for recovery in RecoveryCodeDevice.objects.filter(user=user, confirmed=True):
            if recovery.verify_token(token):
                otp_login(request, recovery)
                left = recovery.codes.count()
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(left)d is left. Set up your authenticator "
                        "again or make new codes on your account page.",
                        "You used a recovery code; %(left)d are left. Set up your authenticator "
                        "again or make new codes on your account page.",
                        left,
                    )
                    % {"left": left},
                )
                return redirect(_safe_next(request))
        form.add_error("token", _("That code did not match."))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)}
    )


@login_required
@require_http_methods(["POST"])
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    if not two_factor.recently_authenticated(request):
        return _reauth_redirect(request, reverse("accounts:security"))
    try:
        actions.disable_totp(user=request.user, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("accounts:security")
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:security")
