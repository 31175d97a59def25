"""``mimis vcapi conformance SLUG [--allow|--deny]``: whether an organisation may sign any VC (VC API).

Without --allow/--deny it prints the setting. Exit 0 done, 2 unknown organisation or not allowed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mimis.accounts.models import Organisation
from mimis.errors import MimisError
from mimis.vcapi import services
from mimis.vcapi.selectors import may_sign_any_credential


class Command(BaseCommand):
    help = "VC API settings. conformance: let an organisation sign any well-formed VC (conformance testing)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        conformance = sub.add_parser("conformance", help="Show or change whether SLUG may sign any VC.")
        conformance.add_argument("slug", help="The organisation's short name.")
        group = conformance.add_mutually_exclusive_group()
        group.add_argument("--allow", action="store_true", help="Allow it (audited).")
        group.add_argument("--deny", action="store_true", help="Stop it (audited).")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["slug"]).first()
        if organisation is None:
            self.stderr.write(f"No organisation {options['slug']!r}.")
            raise SystemExit(2)
        if options["allow"] or options["deny"]:
            try:
                services.set_any_credential_signing(
                    organisation=organisation, allowed=bool(options["allow"]), acting_user=None
                )
            except MimisError as exc:
                self.stderr.write(str(exc.message))
                raise SystemExit(2) from exc
        allowed = may_sign_any_credential(organisation)
        self.stdout.write(
            f"{organisation.slug}: {'may' if allowed else 'may not'} sign any VC through the VC API"
        )
