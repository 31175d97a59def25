"""``mimis credentials issue|revoke``: issue and revoke signed credentials from the shell."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import MimisError
from mimis.issuing import batches, services
from mimis.issuing.models import Credential


class Command(BaseCommand):
    help = "Issue and revoke credentials. 'issue' prints the signed credential (JSON, or a JWT with --format jwt)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="Issue a credential for a published micro-credential.")
        issue.add_argument(
            "--microcredential", required=True, help="The micro-credential's short name (slug)."
        )
        issue.add_argument("--email", required=True)
        issue.add_argument("--name", required=True)
        issue.add_argument("--format", choices=["ldp", "jwt"], default="ldp")
        batch = sub.add_parser(
            "batch",
            help="Issue to every learner of a CSV or XLSX file (header row; e-mail and name columns). "
            "Checks every row first: if any is bad, lists them all and issues nothing (exit 1).",
        )
        batch.add_argument("file", help="The CSV or XLSX file.")
        batch.add_argument(
            "--microcredential", required=True, help="The micro-credential's short name (slug)."
        )
        batch.add_argument("--format", choices=["ldp", "jwt"], default="ldp")
        batch.add_argument(
            "--email-column", help="Header of the e-mail column (found from the headers if left out)."
        )
        batch.add_argument(
            "--name-column", help="Header of the name column (found from the headers if left out)."
        )
        revoke = sub.add_parser("revoke", help="Revoke a credential by its id.")
        revoke.add_argument("id")
        revoke.add_argument("--reason", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "issue":
                self._issue(options)
            elif options["action"] == "batch":
                self._batch(options)
            else:
                self._revoke(options)
        except batches.BatchRowsInvalid as error:
            for row in error.rows:
                self.stderr.write(f"row {row.number} ({row.email or '-'}): {' '.join(row.errors)}")
            raise CommandError(error.message) from error
        except MimisError as error:
            raise CommandError(error.message) from error

    def _published_version(self, slug: str) -> MicroCredentialVersion:
        version = MicroCredentialVersion.objects.filter(
            microcredential__slug=slug, status=VersionStatus.PUBLISHED
        ).first()
        if version is None:
            raise CommandError(f"No published micro-credential with the short name {slug!r}.")
        return version

    def _batch(self, options: dict[str, Any]) -> None:
        version = self._published_version(options["microcredential"])
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        batch = batches.create_batch(
            organisation=version.microcredential.provider,
            version=version,
            credential_format=options["format"],
            filename=path.name,
            content=content,
            acting_user=None,
        )
        mapping = dict(batch.mapping)
        table = batches.batch_table(batch)
        for key, option in (("email", "email_column"), ("name", "name_column")):
            if options[option]:
                if options[option] not in table.headers:
                    raise CommandError(f"The file has no column {options[option]!r}; it has {table.headers}.")
                mapping[key] = table.headers.index(options[option])
        batch = batches.start_batch(batch=batch, mapping=mapping, acting_user=None)
        # Work through it here rather than wait for a worker, so the command ends when the batch does.
        batch = batches.process_batch(batch_id=str(batch.pk))
        self.stdout.write(
            f"Batch {batch.pk}: {batch.get_status_display()}. Issued {batch.issued_count}, "
            f"already held {batch.existing_count}, of {batch.total}."
        )
        if batch.status != "done":
            raise CommandError(batch.error or "The batch did not finish.")

    def _issue(self, options: dict[str, Any]) -> None:
        version = self._published_version(options["microcredential"])
        issued = services.issue_credential(
            version=version,
            email=options["email"],
            name=options["name"],
            acting_user=None,
            credential_format=options["format"],
        )
        if not issued.created:
            self.stderr.write(
                f"Already issued to this address as {issued.credential.id}; printing that credential."
            )
        signed = issued.signed
        self.stdout.write(
            signed if isinstance(signed, str) else json.dumps(signed, ensure_ascii=False, indent=2)
        )

    def _revoke(self, options: dict[str, Any]) -> None:
        try:
            credential_id = uuid.UUID(options["id"].removeprefix("urn:uuid:"))
        except ValueError as exc:
            raise CommandError(f"{options['id']!r} is not a credential id.") from exc
        credential = Credential.objects.filter(pk=credential_id).first()
        if credential is None:
            raise CommandError(f"No credential with the id {options['id']!r}.")
        services.revoke_credential(credential=credential, reason=options["reason"], acting_user=None)
        self.stdout.write(f"Revoked {credential.id}.")
