from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.verification.services import MAX_INPUT_BYTES


class VerifyForm(forms.Form):
    pasted = forms.CharField(
        label=_("Paste the credential (JSON or JWT)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    upload = forms.FileField(
        label=_("…or upload a file (JSON, PNG or SVG badge)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".json,.jsonld,.jwt,.png,.svg,application/json,image/png,image/svg+xml"}
        ),
    )

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("upload")
        if upload and upload.size > MAX_INPUT_BYTES:
            self.add_error("upload", _("The file is larger than 10 MB."))
        elif not upload and not (data.get("pasted") or "").strip():
            raise forms.ValidationError(_("Paste a credential or choose a file."))
        return data
