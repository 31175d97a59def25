"""Validation's answers to other apps' signals: evidence files go with their evidence, and a person's
cases and consents go with their account."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from mimis.validation.models import Consent, Evidence, ValidationCase


def delete_evidence_file(sender: type, instance: Evidence, **kwargs: Any) -> None:
    if instance.file:
        # After the commit: a rolled-back deletion must not lose the file.
        transaction.on_commit(partial(instance.file.storage.delete, instance.file.name))


def erase_person(sender: type, user: Any, **kwargs: Any) -> None:
    ValidationCase.objects.filter(person=user).delete()  # their evidence and files with them
    Consent.objects.filter(person=user).delete()
    Consent.objects.filter(counsellor=user).delete()
