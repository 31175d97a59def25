from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mimis.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' exits 0 when the hash chain is intact, 1 naming the first bad entry."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check the audit trail's hash chain.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.intact:
            self.stdout.write(f"Audit trail intact: {report.checked} entries checked.")
            return
        self.stderr.write(f"Audit trail broken at entry #{report.first_bad_sequence}: {report.problem}.")
        raise SystemExit(1)
