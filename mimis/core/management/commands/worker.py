"""``mimis worker``: the background worker for production (e-mails, batch issuance).

It is django-tasks-db's database worker under our name; the queue lives in the database, so queued
work survives a crash or restart of the worker. A task that was running when its worker died stays
marked as running in that queue, so the worker also watches for batches that stopped sending
heartbeats and queues them again (see ``mimis.issuing.batches``).
"""

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from mimis.issuing.batches import resume_interrupted_jobs, start_resume_watch


class Command(DatabaseWorkerCommand):
    help = "Run the MIMIS background worker (e-mails, batch jobs). Run one or more in production."

    def handle(self, *args: Any, **options: Any) -> None:
        resume_interrupted_jobs()
        if not options.get("batch"):  # a long-running worker keeps watching; --batch runs once and ends
            start_resume_watch()
        super().handle(*args, **options)
