"""``mimis worker``: the background worker for production (e-mails, batch issuance).

It is django-tasks-db's database worker under our name; the queue lives in the database, so queued
work survives a crash or restart of the worker. A task that was running when its worker died stays
marked as running in that queue, so the worker also watches for batches that stopped sending
heartbeats and queues them again: each app registers what to resume in ``mimis.core.worker_hooks``
(issuing: batches and re-issues).
"""

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from mimis.core.worker_hooks import run_worker_start


class Command(DatabaseWorkerCommand):
    help = "Run the MIMIS background worker (e-mails, batch jobs). Run one or more in production."

    def handle(self, *args: Any, **options: Any) -> None:
        # A long-running worker keeps watching; --batch runs once and ends.
        run_worker_start(long_running=not options.get("batch"))
        super().handle(*args, **options)
