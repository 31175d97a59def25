"""E-mails go through the durable database queue: queued work waits in the database until a worker runs."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from mimis.accounts import services
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_queued_email_survives_until_a_worker_sends_it(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    services.register_learner(email="johan@example.se", name="Johan", password=PASSWORD)
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert queued.args_kwargs == {"args": [], "kwargs": {"user_id": queued.args_kwargs["kwargs"]["user_id"]}}
    call_command("worker", "--batch", "--interval", "0")
    assert [m.to for m in mail.outbox] == [["johan@example.se"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
