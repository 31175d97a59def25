"""``mimis credentials issue|revoke``: issue and revoke signed credentials from the shell."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import MimisError
from mimis.issuing import services
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
        revoke = sub.add_parser("revoke", help="Revoke a credential by its id.")
        revoke.add_argument("id")
        revoke.add_argument("--reason", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "issue":
                self._issue(options)
            else:
                self._revoke(options)
        except MimisError as error:
            raise CommandError(error.message) from error

    def _issue(self, options: dict[str, Any]) -> None:
        version = MicroCredentialVersion.objects.filter(
            microcredential__slug=options["microcredential"], status=VersionStatus.PUBLISHED
        ).first()
        if version is None:
            raise CommandError(
                f"No published micro-credential with the short name {options['microcredential']!r}."
            )
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
