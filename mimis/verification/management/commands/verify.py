"""``mimis verify PATH|-``: exit 0 valid from a known MIMIS issuer, 3 valid but issuer unknown,
1 invalid (tampered, revoked, suspended, expired, bad proof), 2 unreadable input.

PATH is a JSON, JWT, PNG, SVG or PDF certificate file, ``-`` for standard input, or a credential id or
verification address of this MIMIS (exit 2 when MIMIS has no credential with that id)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mimis.verification.services import (
    UnknownCredential,
    UnreadableInput,
    reference_id,
    verify,
    verify_reference,
)


class Command(BaseCommand):
    help = (
        "Verify a credential (JSON, JWT, PNG, SVG or PDF certificate file, - for standard input, or a "
        "credential id or verification address)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            help="File to verify, - to read standard input, or a credential id or verification address.",
        )
        parser.add_argument("--json", action="store_true", help="Print the full result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        reference = None
        if path != "-" and not Path(path).exists():
            try:
                reference = reference_id(path)
            except UnreadableInput:
                reference = path  # an address of another site: verify_reference explains
        try:
            data = b"" if reference else sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            self.stderr.write(f"Cannot read {path}: {exc.strerror}")
            raise SystemExit(2) from exc
        try:
            report = verify_reference(path) if reference else verify(data)
        except (UnreadableInput, UnknownCredential) as exc:
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
            subject = report.subject
            if subject is not None:
                what = "Endorsement of" if subject.kind == "endorsement" else "Credential"
                self.stdout.write(f"{what}: {subject.endorsed_title or subject.title or '?'}")
                if subject.holder_name:
                    self.stdout.write(f"Awarded to: {subject.holder_name}")
                if subject.issued_on:
                    self.stdout.write(f"Issued on: {subject.issued_on.date().isoformat()}")
                if subject.state in ("revoked", "suspended"):
                    self.stdout.write(
                        f"{subject.state.capitalize()}: {subject.state_reason or 'no reason given'}"
                    )
            who = report.issuer_name or report.issuer or "?"
            self.stdout.write(
                f"Issuer: {who} ({'known MIMIS issuer' if report.known_issuer else 'not a MIMIS issuer'})"
            )
            self.stdout.write("VERIFIED" if report.verified else "NOT VERIFIED")
        if not report.verified:
            raise SystemExit(1)
        if not report.known_issuer:
            raise SystemExit(3)
