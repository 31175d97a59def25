"""``mimis verify PATH|-``: exit 0 valid from a known MIMIS issuer, 3 valid but issuer unknown,
1 invalid (tampered, revoked, suspended, expired, bad proof), 2 unreadable input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mimis.verification.services import UnreadableInput, verify


class Command(BaseCommand):
    help = "Verify a credential (JSON, JWT, PNG or SVG file, or - for standard input)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="File to verify, or - to read standard input.")
        parser.add_argument("--json", action="store_true", help="Print the full result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = sys.stdin.buffer.read() if options["path"] == "-" else Path(options["path"]).read_bytes()
        except OSError as exc:
            self.stderr.write(f"Cannot read {options['path']}: {exc.strerror}")
            raise SystemExit(2) from exc
        try:
            report = verify(data)
        except UnreadableInput as exc:
            if options["json"]:
                self.stdout.write(
                    json.dumps({"verified": False, "errors": [{"code": exc.code, "message": exc.message}]})
                )
            else:
                self.stderr.write(exc.message)
            raise SystemExit(2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            for check in report.checks:
                mark = "ok  " if check["ok"] else "FAIL"
                self.stdout.write(f"{mark} {check['name']}: {check['message'] or check['code']}")
            kinds = {"open_badge": "an Open Badge", "endorsement": "an endorsement"}
            self.stdout.write(f"Kind: {kinds.get(report.kind, 'a verifiable credential')}")
            who = report.issuer_name or report.issuer or "?"
            self.stdout.write(
                f"Issuer: {who} ({'known MIMIS issuer' if report.known_issuer else 'not a MIMIS issuer'})"
            )
            self.stdout.write("VERIFIED" if report.verified else "NOT VERIFIED")
        if not report.verified:
            raise SystemExit(1)
        if not report.known_issuer:
            raise SystemExit(3)
