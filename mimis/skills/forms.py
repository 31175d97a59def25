"""The text a person pastes to find skills in. The text is checked by ``suggest_skills`` itself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.skills.errors import MAX_TEXT_CHARS


class SkillTextForm(forms.Form):
    # No max_length and no null-character check on the field: the textarea must keep whatever was sent so
    # that nothing is lost, and the error must say what ``suggest_skills`` says (the limit, "binary").
    text = forms.CharField(
        label=_("What have you done?"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, label: str | None = None, help_text: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["text"]
        field.validators = []
        if label:
            field.label = label
        field.help_text = help_text or _("Write in your own words. At most %(max)s characters.") % {
            "max": f"{MAX_TEXT_CHARS:,}".replace(",", " ")
        }
