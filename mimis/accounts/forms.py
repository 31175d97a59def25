from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from mimis.accounts import scopes as token_scopes
from mimis.accounts import throttling
from mimis.accounts.models import OrganisationKind, Role
from mimis.errors import MimisError, ValidationFailed


def add_service_error(form: forms.Form, error: MimisError) -> None:
    """Show a service's error on the field it names, or on the form as a whole."""
    field = getattr(error, "field", None) if isinstance(error, ValidationFailed) else None
    form.add_error(field if field in form.fields else None, error.message)


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong."),
        "inactive": _("This account is closed."),
        "sprayed": _(
            "There have been too many failed sign-ins from your network or with this password. Wait 15 "
            "minutes and try again, or choose a new password with the link below."
        ),
    }

    def clean(self) -> dict:
        password = self.cleaned_data.get("password") or ""
        if self.request is not None and password and throttling.is_sprayed(self.request, password):
            raise forms.ValidationError(self.error_messages["sprayed"], code="sprayed")
        try:
            return super().clean()
        except forms.ValidationError as error:
            if self.request is not None and password and getattr(error, "code", "") == "invalid_login":
                throttling.record_failure(self.request, self.cleaned_data.get("username") or "", password)
            raise


class RegisterForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        help_text=_("At least 10 characters. A short sentence is easy to remember and hard to guess."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language for e-mails and pages"), choices=[("sv", _("Swedish")), ("en", _("English"))]
    )


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[(k, label) for k, label in OrganisationKind.choices if k != OrganisationKind.REGION],
    )
    slug = forms.SlugField(
        label=_("Short name in web addresses"),
        max_length=80,
        required=False,
        help_text=_(
            "Lower-case letters a–z, digits and hyphens, for example hkr. Leave empty to make one from the name."
        ),
    )
    organisation_number = forms.CharField(label=_("Organisation number"), max_length=20, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class OrganisationEditForm(OrganisationForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        del self.fields["slug"]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


class MemberRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password = forms.CharField(
        label=_("Choose a password"),
        help_text=_("At least 10 characters."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. 'student system'.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        choices=list(token_scopes.SCOPES.items()),
        initial=token_scopes.DEFAULT_SCOPES,
        widget=forms.CheckboxSelectMultiple,
    )
    expires_at = forms.DateField(
        label=_("Expires on (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
