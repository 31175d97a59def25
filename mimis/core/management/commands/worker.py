"""``mimis worker``: the background worker for production (e-mails, batch issuance).

It is django-tasks-db's database worker under our name; the queue lives in the database, so queued
work survives a crash or restart of the worker.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Run the MIMIS background worker (e-mails, batch jobs). Run one or more in production."
