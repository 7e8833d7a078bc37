"""Sign-in, sign-up, password reset and change, sessions, the account page (HTTP only)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.accounts import selectors, services
from microfuture.accounts.forms import (
    CloseAccountForm,
    NewPasswordChangeForm,
    NewPasswordForm,
    ResetRequestForm,
    SignUpForm,
    ThrottledAuthenticationForm,
)
from microfuture.accounts.privacy import PRIVACY_NOTICE_VERSION


def _next_of(request: HttpRequest) -> str:
    """The page to come back to after signing in or up, if it is one of ours."""
    value = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if ok and value.startswith("/") else ""


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class ResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        response = super().form_valid(form)
        # Whoever knew the old password is signed out of every session.
        services.sessions_end_all(user=form.user)
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = NewPasswordChangeForm
    success_url = reverse_lazy("accounts:me")

    def form_valid(self, form: Any) -> HttpResponse:
        old_key = self.request.session.session_key or ""
        response = super().form_valid(form)  # saves, and keeps this session under a new key
        ended = services.sessions_after_password_change(
            user=form.user, old_key=old_key, new_key=self.request.session.session_key or "",
        )
        message = _("Your password is changed.")
        if ended:
            message += " " + _("Your other sessions are signed out.")
        messages.success(self.request, message)
        return response


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponseBase:
    if request.user.is_authenticated:
        return redirect(_next_of(request) or reverse("accounts:me"))
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.sign_up_request(
            email=data["email"], full_name=data["full_name"], password=data["password1"],
            privacy_notice_version=PRIVACY_NOTICE_VERSION, next_url=_next_of(request),
            site_url=request.build_absolute_uri("/").rstrip("/"),
        )
        # The same answer whether or not the address already has an account.
        return redirect("accounts:sign_up_sent")
    return render(request, "accounts/sign_up.html", {"form": form, "next": _next_of(request)})


def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/sign_up_sent.html")


@require_http_methods(["GET", "POST"])
def sign_up_confirm(request: HttpRequest, token: str) -> HttpResponseBase:
    # A GET only shows a button: mail scanners that open links must not create accounts.
    if request.method == "POST":
        try:
            confirmed = services.sign_up_confirm(token=token)
        except services.SignUpError as exc:
            return render(request, "accounts/sign_up_confirm.html", {"error": exc.message})
        messages.success(request, _("Your address is confirmed. Sign in with it."))
        target = reverse("accounts:login")
        if confirmed.next_url:
            target += "?" + urlencode({"next": confirmed.next_url})
        return redirect(target)
    pending = services.sign_up_pending(token)
    return render(request, "accounts/sign_up_confirm.html", {
        "pending": pending,
        "error": None if pending else services.LINK_NO_LONGER_VALID,
    })


@login_required
def me(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/me.html", {
        "roles": selectors.roles_of(request.user),
        "consents": selectors.consents_of(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request: HttpRequest) -> HttpResponse:
    current = request.session.session_key
    if request.method == "POST":
        user: Any = request.user
        if "end" in request.POST:
            ended = services.sessions_end(
                user=user, session_keys=[request.POST["end"]] if request.POST["end"] != current
                else [],
            )
        else:
            ended = services.sessions_end_others(user=user, keep=current or "")
        if ended:
            messages.success(request, _("Signed out of the chosen sessions."))
        return redirect("accounts:sessions")
    return render(request, "accounts/sessions.html", {
        "sessions": selectors.sessions_of(request.user, current),
    })


@login_required
@require_http_methods(["GET", "POST"])
def close_account(request: HttpRequest) -> HttpResponseBase:
    form = CloseAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        try:
            services.account_close(user=user)
        except services.AccountError as exc:
            form.add_error(None, exc.message)
        else:
            logout(request)
            messages.success(request, _("Your account is closed."))
            return redirect("web:home")
    return render(request, "accounts/close.html", {"form": form})
