"""``mimis demo``: set up the embedded database, load the demo story and serve it, with a worker."""

from __future__ import annotations

import errno
import os
import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.cli import DEMO_BASE_URL_FILE
from mimis.demo.data import DEMO_PASSWORD
from mimis.demo.services import load_demo_data


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError as exc:
        raise CommandError(f"--port must be a number between 1 and 65535, not {value!r}.") from exc
    if not 1 <= port <= 65535:
        raise CommandError(f"--port must be a number between 1 and 65535, not {value!r}.")
    return port


class Command(BaseCommand):
    help = "Create the data folder and database, load the demo data (idempotent) and serve MIMIS on it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", default="8000", help="Port to serve on (default 8000).")
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on (default 127.0.0.1).")
        parser.add_argument("--no-serve", action="store_true", help="Set up and load the data, then exit.")
        # --data-dir is taken by the mimis command before settings load; listed here for --help.
        parser.add_argument("--data-dir", help="Folder for the SQLite database and files (MIMIS_DATA_DIR).")

    def handle(self, *args: Any, **options: Any) -> None:
        port = _port(options["port"])
        host = options["host"]
        base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"  # noqa: S104
        if "MIMIS_BASE_URL" not in os.environ:
            # Links in e-mails and credentials must point at the port the demo really serves on.
            settings.MIMIS_BASE_URL = base
            settings.CSRF_TRUSTED_ORIGINS = [base]
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"MIMIS data folder: {settings.DATA_DIR}")
        self._record_base_url(settings.MIMIS_BASE_URL)
        call_command("migrate", interactive=False, verbosity=0)
        logins, created = load_demo_data()
        self.stdout.write(
            f"Demo data: {created} new objects." if created else "Demo data already in place; nothing added."
        )
        if options["no_serve"]:
            self._print_logins(logins)
            return
        self._check_port_free(host, port)
        self._start_worker()
        # The demo's first e-mails (claim links, invitations) go out now; the log-ins come after them,
        # last, so that they do not scroll away.
        self._wait_for_queued_work()
        self._print_logins(logins)
        self.stdout.write(
            self.style.SUCCESS(f"MIMIS is running on {base}/  (English: {base}/en/)  –  Ctrl+C stops it.")
        )
        from waitress import serve

        from mimis.wsgi import application

        serve(application, host=host, port=port, threads=8, ident="MIMIS")

    def _print_logins(self, logins: list) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo log-ins (password for all: {DEMO_PASSWORD})"))
        width = max(len(login.email) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.email.ljust(width)}  {login.description}")
        self.stdout.write(
            "Demo personas may sign in without two-factor codes while the demo runs (see the banner)."
        )
        self.stdout.write("")

    def _wait_for_queued_work(self, timeout_seconds: float = 30.0) -> None:
        """Until the worker has sent what loading the demo queued (or the timeout passes)."""
        from django_tasks_db.models import DBTaskResult

        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
                return
            time.sleep(0.2)

    def _record_base_url(self, base_url: str) -> None:
        """Other commands on this data folder (``mimis credentials issue`` in a second shell) read it."""
        record = settings.DATA_DIR / DEMO_BASE_URL_FILE
        previous = record.read_text(encoding="utf-8").strip() if record.is_file() else ""
        if previous and previous != base_url:
            self.stdout.write(
                self.style.WARNING(
                    f"This data folder was served at {previous} before; credentials issued then name that "
                    f"address, so they verify only there. Now serving at {base_url}."
                )
            )
        record.write_text(base_url + "\n", encoding="utf-8")

    def _check_port_free(self, host: str, port: int) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # As the server itself does: a port left in TIME_WAIT by a stopped demo is free to use.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise CommandError(
                        f"Port {port} on {host} is already in use. Stop the other program or choose "
                        f"another port, e.g. mimis demo --port {port + 1}."
                    ) from exc
                raise CommandError(f"Cannot serve on {host}:{port}: {exc.strerror}.") from exc

    def _start_worker(self) -> None:
        """The background worker runs in this process so e-mails and batches work with no extra set-up."""
        import logging

        # One INFO line per task would bury the e-mails printed to the console; warnings still show.
        # The same for one line per request: the demo's console is for e-mails and log-ins.
        for name in ("django_tasks", "django_tasks_db", "mimis.request"):
            logging.getLogger(name).setLevel(logging.WARNING)
        from django_tasks_db.management.commands.db_worker import Worker

        worker = Worker(
            queue_names=["*"],
            interval=1,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="demo-in-process",
            excluded_queue_names=[],
        )
        threading.Thread(target=worker.run, name="mimis-worker", daemon=True).start()
        from mimis.issuing.batches import start_resume_watch

        start_resume_watch()
