"""E-mails rendered in the recipient's language from subject/text/html template triplets."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(view_name: str, *, language: str, **kwargs: Any) -> str:
    with translation.override(language):
        return settings.MIMIS_BASE_URL + reverse(view_name, kwargs=kwargs or None)


def send_templated_email(*, to: str, template: str, context: dict[str, Any], language: str) -> None:
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` in ``language`` and send at once.

    Call this from a background task, not from a request: SMTP can be slow or down.
    """
    with translation.override(language):
        context = {"base_url": settings.MIMIS_BASE_URL, "LANGUAGE_CODE": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
