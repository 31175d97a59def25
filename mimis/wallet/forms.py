from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from mimis.wallet.errors import NotShareable
from mimis.wallet.imports import MAX_IMPORT_BYTES
from mimis.wallet.services import EXPIRY_CHOICES_DAYS


def expiry_choices() -> list[tuple[str, str]]:
    return [("", _("Never (until I withdraw it)"))] + [
        (str(days), ngettext_lazy("%(count)d day", "%(count)d days", days) % {"count": days})
        for days in EXPIRY_CHOICES_DAYS
    ]


class ClaimAccountForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password = forms.CharField(
        label=_("Choose a password"),
        help_text=_("At least 10 characters. A short sentence is easy to remember and hard to guess."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ShareForm(forms.Form):
    expires_in_days = forms.TypedChoiceField(
        label=_("The link stops working after"),
        choices=expiry_choices,
        coerce=int,
        empty_value=None,
        required=False,
    )


class PortfolioForm(ShareForm):
    title = forms.CharField(
        label=_("Title of the portfolio page"),
        max_length=200,
        required=False,
        help_text=_("For example: Care and nursing. Shown at the top of the page."),
    )
    credentials = forms.MultipleChoiceField(
        label=_("Credentials to include"), widget=forms.CheckboxSelectMultiple, choices=[], required=False
    )
    imported = forms.MultipleChoiceField(
        label=_("Imported credentials to include"),
        help_text=_("Shown with their own verification status, checked again whenever the page is opened."),
        widget=forms.CheckboxSelectMultiple,
        choices=[],
        required=False,
    )

    def __init__(self, *args, credentials=(), imported=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["credentials"].choices = [(str(c.pk), c.version.display_title) for c in credentials]
        if imported:
            self.fields["imported"].choices = [
                (str(e.pk), f"{e.title} ({e.get_status_display()})") for e in imported
            ]
        else:
            del self.fields["imported"]

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if not cleaned.get("credentials") and not cleaned.get("imported") and not self.errors:
            self.add_error("credentials", NotShareable.default_message)
        return cleaned


class AddressForm(forms.Form):
    email = forms.EmailField(
        label=_("Another e-mail address of yours"),
        help_text=_("For example an old address, or one a school or employer used for you."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ImportForm(forms.Form):
    upload = forms.FileField(
        label=_("Credential file"),
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Filled in per form, not at import: "%" on a lazy text would fix it in the language of the first import.
        self.fields["upload"].help_text = _(
            "An Open Badges 2.0 or 3.0 credential or another W3C verifiable credential: JSON, a JWT, or a "
            "badge image (PNG or SVG) with the credential inside. At most %(size)d MB."
        ) % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}


class PrivacyForm(forms.Form):
    findable_by_skills = forms.BooleanField(
        label=_("Employers may find me by the skills my credentials verify"),
        # Not offered on the page yet: MIMIS has no search for employers. The stored choice stays off
        # until the matching feature asks learners itself.
        help_text=_(
            "Not in use yet: MIMIS does not let employers search for people. "
            "When it does, we will ask you again before anything is shared."
        ),
        required=False,
    )


class DeleteAccountForm(forms.Form):
    understood = forms.BooleanField(
        label=_("I understand that my account and my data are deleted for good"), required=True
    )
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        required=False,
    )


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("The participant's name"), max_length=200)
    email = forms.EmailField(
        label=_("The participant's e-mail address"),
        help_text=_(
            "Credentials are issued to this address. Help the participant open it: the welcome e-mail lets "
            "them choose a password."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails and pages"), choices=[("sv", _("Swedish")), ("en", _("English"))]
    )
