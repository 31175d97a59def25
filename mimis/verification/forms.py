from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.verification.services import MAX_INPUT_BYTES


class VerifyForm(forms.Form):
    reference = forms.CharField(
        label=_("Credential id or verification address"),
        help_text=_(
            "Printed on the certificate beside the QR code, for example "
            "3f2c9a7e-1b4d-4c8e-9f0a-2d6b8e4c1a57, or the address the QR code opens."
        ),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    upload = forms.FileField(
        label=_(
            "…or upload a file: the PDF certificate, a badge image (PNG or SVG) or the credential (JSON)"
        ),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.json,.jsonld,.jwt,.png,.svg,application/pdf,application/json,image/png,"
                "image/svg+xml"
            }
        ),
    )
    pasted = forms.CharField(
        label=_("…or paste the credential (JSON or JWT)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("upload")
        if upload and upload.size > MAX_INPUT_BYTES:
            self.add_error("upload", _("The file is larger than 10 MB."))
        elif (
            not upload
            and not (data.get("pasted") or "").strip()
            and not (data.get("reference") or "").strip()
            and not self.has_error("reference")
        ):
            raise forms.ValidationError(_("Type a credential id, choose a file or paste a credential."))
        return data

    def submitted(self) -> tuple[str, bytes | str]:
        """(field, what to check): the file, else the id or address, else the pasted text."""
        upload = self.cleaned_data.get("upload")
        if upload:
            return "upload", upload.read()
        if (self.cleaned_data.get("reference") or "").strip():
            return "reference", self.cleaned_data["reference"]
        return "pasted", self.cleaned_data["pasted"]
