"""Pages for signing in, accounts, organisations, members and tokens. Thin: forms in, services out."""

from __future__ import annotations

import base64
from datetime import datetime, time

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from mimis.accounts import selectors, services
from mimis.accounts.forms import (
    AcceptInvitationForm,
    DecisionForm,
    InviteForm,
    LoginForm,
    MemberRolesForm,
    OrganisationEditForm,
    OrganisationForm,
    PasswordResetRequestForm,
    ProfileForm,
    RegisterForm,
    TokenForm,
    TwoFactorCodeForm,
    add_service_error,
)
from mimis.accounts.models import Invitation, User
from mimis.accounts.permissions import Capability, has_capability, require_platform_admin, requires_two_factor
from mimis.core import navigation
from mimis.errors import MimisError


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- signing in and out ------------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        # A page to return to wins; otherwise the start page opens in the person's own language.
        if self.get_redirect_url():
            return super().get_success_url()
        with translation.override(getattr(self.request.user, "language", None) or "sv"):
            return reverse("core:dashboard")


class LogoutView(auth_views.LogoutView):
    pass


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.register_learner(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
                language=request.LANGUAGE_CODE,
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome! We have sent a link to %(email)s. Open it to verify your address.")
                % {"email": user.email},
            )
            return redirect("core:dashboard")
    return render(request, "accounts/register.html", {"form": form})


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.verify_email(token=token)
    except MimisError as error:
        return render(
            request,
            "accounts/message.html",
            {"title": _("The link did not work"), "text": error.message},
            status=400,
        )
    messages.success(
        request, _("Thank you, your e-mail address %(email)s is verified.") % {"email": user.email}
    )
    return redirect("core:dashboard" if request.user.is_authenticated else "accounts:login")


@login_required
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    services.resend_verification_email(user=request.user)
    messages.info(
        request, _("We have sent a new verification link to %(email)s.") % {"email": request.user.email}
    )
    return redirect("accounts:profile")


def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_password_reset(email=form.cleaned_data["email"])
        return render(
            request,
            "accounts/message.html",
            {
                "title": _("Check your e-mail"),
                "text": _(
                    "If there is an account for that address, a link to choose a new password is on its way. "
                    "The link works for one day."
                ),
            },
        )
    return render(request, "accounts/password_reset.html", {"form": form})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed. Sign in with the new one."))
        return response


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Django's password change form, with our service doing the change (audit record, e-mail notice)."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_password(
                user=request.user,
                current_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            update_session_auth_hash(request, request.user)  # stay signed in on this device
            messages.success(request, _("Your password is changed. We have sent an e-mail to tell you."))
            return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


# --- profile and two-factor --------------------------------------------------------------------------


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    form = ProfileForm(request.POST or None, initial={"name": user.name, "language": user.language})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                user=user, name=form.cleaned_data["name"], language=form.cleaned_data["language"]
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your details are saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": selectors.memberships_of_request(request),
            "two_factor_on": selectors.has_confirmed_two_factor(user=user),
            "two_factor_required": requires_two_factor(user),
            # API tokens are for people who connect systems: shown plainly to staff and to anyone who
            # already has a token, under "Advanced" for everyone else.
            "has_tokens": selectors.personal_tokens_of(user=user).exists(),
        },
    )


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    if selectors.has_confirmed_two_factor(user=user):
        if not request.user.is_verified():
            return redirect("accounts:two_factor_verify")
        return render(
            request,
            "accounts/two_factor_status.html",
            {
                "form": TwoFactorCodeForm(),
                "required": requires_two_factor(user),
            },
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=_("Authenticator app"), confirmed=False
    )
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_totp_device(user=user, device_id=device.pk, code=form.cleaned_data["code"])
        except MimisError as error:
            add_service_error(form, error)
        else:
            device.refresh_from_db()
            otp_login(request, device)
            messages.success(
                request, _("Two-factor sign-in is on. You will be asked for a code when you sign in.")
            )
            return redirect(_safe_next(request, reverse("accounts:profile")))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "required": requires_two_factor(user),
            "next": _safe_next(request, ""),
        },
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Too many wrong codes. Wait a minute and try again."))
        elif device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            otp_login(request, device)
            return redirect(_safe_next(request, reverse("core:dashboard")))
        else:
            form.add_error(
                "code", _("The code was not right. Check the time on your phone and try the newest code.")
            )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request, "")})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    form = TwoFactorCodeForm(request.POST)
    if form.is_valid():
        try:
            services.disable_two_factor(user=request.user, code=form.cleaned_data["code"])
        except MimisError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Two-factor sign-in is off."))
    else:
        messages.error(request, _("Enter the code from your authenticator app."))
    return redirect("accounts:profile")


# --- invitations -------------------------------------------------------------------------------------


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.open_invitation(token)
    except MimisError as error:
        return render(
            request,
            "accounts/message.html",
            {"title": _("The invitation cannot be used"), "text": error.message},
            status=error.http_status,
        )
    user = request.user
    existing = User.objects.filter(email__iexact=invitation.email).exists()
    form = AcceptInvitationForm(request.POST or None) if not user.is_authenticated and not existing else None
    if request.method == "POST":
        try:
            if user.is_authenticated:
                services.accept_invitation(token=token, user=user)
            elif form is not None and form.is_valid():
                user = services.accept_invitation_with_new_account(
                    token=token,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password"],
                    language=request.LANGUAGE_CODE,
                )
                auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                raise _FormInvalid()
        except _FormInvalid:
            pass
        except MimisError as error:
            if form is not None:
                add_service_error(form, error)
            else:
                messages.error(request, error.message)
        else:
            messages.success(
                request, _("Welcome to %(organisation)s!") % {"organisation": invitation.organisation.name}
            )
            return redirect("accounts:organisation_detail", slug=invitation.organisation.slug)
    wrong_user = user.is_authenticated and user.email.lower() != invitation.email.lower()
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": invitation,
            "form": form,
            "existing_account": existing,
            "wrong_user": wrong_user,
        },
    )


class _FormInvalid(Exception):
    pass


# --- organisations -----------------------------------------------------------------------------------


def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/organisation_list.html", {"organisations": selectors.public_organisations()}
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.register_organisation(acting_user=request.user, **form.cleaned_data)
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you! The region will review the application for %(name)s.")
                % {"name": organisation.name},
            )
            return redirect("accounts:organisation_detail", slug=organisation.slug)
    return render(request, "accounts/organisation_form.html", {"form": form, "creating": True})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_visible_to(user=request.user, slug=slug)
    is_member = request.user.is_authenticated and has_capability(
        request.user, Capability.VIEW_ORGANISATION, organisation
    )
    context = {"organisation": organisation, "is_member": is_member}
    if is_member:
        # What each app offers this person here (members, micro-credentials, issuing, API tokens,
        # signing keys), as the menu shows it; technical entries behind "Advanced".
        entry = next(
            m for m in selectors.memberships_of_request(request) if m.organisation.pk == organisation.pk
        )
        links = navigation.organisation_links(request, entry)
        context.update(
            {
                "members": selectors.members_of(organisation=organisation),
                "can_edit": has_capability(request.user, Capability.EDIT_ORGANISATION, organisation),
                "main_links": [link for link in links if link.kind != navigation.ADVANCED],
                "advanced_links": [link for link in links if link.kind == navigation.ADVANCED],
            }
        )
    return render(request, "accounts/organisation_detail.html", context)


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_for(
        user=request.user, slug=slug, capability=Capability.EDIT_ORGANISATION
    )
    initial = {
        f: getattr(organisation, f)
        for f in ("name", "organisation_number", "municipality", "website", "description")
    }
    form = OrganisationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation=organisation, acting_user=request.user, **form.cleaned_data
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The organisation's details are saved."))
            return redirect("accounts:organisation_detail", slug=organisation.slug)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_for(
        user=request.user, slug=slug, capability=Capability.MANAGE_MEMBERS
    )
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(organisation=organisation, acting_user=request.user, **form.cleaned_data)
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:organisation_members", slug=slug)
    return render(
        request,
        "accounts/organisation_members.html",
        {
            "organisation": organisation,
            "members": selectors.members_of(organisation=organisation),
            "invitations": selectors.open_invitations_of(organisation=organisation),
            "form": form,
            "role_form": MemberRolesForm(),
        },
    )


@login_required
@require_POST
def member_roles(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    organisation = selectors.organisation_for(
        user=request.user, slug=slug, capability=Capability.MANAGE_MEMBERS
    )
    member = get_object_or_404(
        User.objects.filter(memberships__organisation=organisation).distinct(), pk=user_id
    )
    form = MemberRolesForm(request.POST)
    if form.is_valid():
        try:
            services.set_member_roles(
                organisation=organisation,
                member=member,
                roles=form.cleaned_data["roles"],
                acting_user=request.user,
            )
        except MimisError as error:
            messages.error(request, error.message)
        else:
            if form.cleaned_data["roles"]:
                messages.success(request, _("The roles of %(name)s are saved.") % {"name": member.name})
            else:
                messages.success(request, _("%(name)s is no longer a member.") % {"name": member.name})
    return redirect("accounts:organisation_members", slug=slug)


@login_required
@require_POST
def invitation_action(request: HttpRequest, slug: str, invitation_id: int, action: str) -> HttpResponse:
    organisation = selectors.organisation_for(
        user=request.user, slug=slug, capability=Capability.MANAGE_MEMBERS
    )
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    try:
        if action == "resend":
            services.resend_invitation(invitation=invitation, acting_user=request.user)
            messages.success(
                request, _("The invitation to %(email)s was sent again.") % {"email": invitation.email}
            )
        else:
            services.revoke_invitation(invitation=invitation, acting_user=request.user)
            messages.success(
                request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
            )
    except MimisError as error:
        messages.error(request, error.message)
    return redirect("accounts:organisation_members", slug=slug)


@login_required
def organisation_applications(request: HttpRequest) -> HttpResponse:
    require_platform_admin(request.user)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        organisation = get_object_or_404(
            selectors.pending_organisations(), pk=request.POST.get("organisation")
        )
        if form.is_valid():
            try:
                services.decide_organisation(
                    organisation=organisation,
                    acting_user=request.user,
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                )
            except MimisError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("%(name)s: decision saved.") % {"name": organisation.name})
        return redirect("accounts:organisation_applications")
    return render(
        request,
        "accounts/organisation_applications.html",
        {
            "applications": selectors.pending_organisations(),
        },
    )


# --- API tokens --------------------------------------------------------------------------------------


def _token_page(request: HttpRequest, *, organisation=None) -> HttpResponse:  # type: ignore[no-untyped-def]
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and "revoke" in request.POST:
        tokens = (
            selectors.organisation_tokens_of(organisation=organisation)
            if organisation
            else selectors.personal_tokens_of(user=request.user)
        )
        token = get_object_or_404(tokens, pk=request.POST["revoke"])
        services.revoke_api_token(token=token, acting_user=request.user)
        messages.success(
            request, _("The token %(name)s is revoked and no longer works.") % {"name": token.name}
        )
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        expires = form.cleaned_data["expires_at"]
        try:
            _token, new_secret = services.create_api_token(
                user=request.user,
                acting_user=request.user,
                organisation=organisation,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=timezone.make_aware(datetime.combine(expires, time.max)) if expires else None,
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            form = TokenForm()
    tokens = (
        selectors.organisation_tokens_of(organisation=organisation)
        if organisation
        else selectors.personal_tokens_of(user=request.user)
    )
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": tokens,
            "new_secret": new_secret,
            "organisation": organisation,
        },
    )


@login_required
def personal_tokens(request: HttpRequest) -> HttpResponse:
    return _token_page(request)


@login_required
def organisation_tokens(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_for(
        user=request.user, slug=slug, capability=Capability.MANAGE_ORGANISATION_TOKENS
    )
    return _token_page(request, organisation=organisation)
