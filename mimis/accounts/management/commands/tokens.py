"""``mimis tokens create --user EMAIL [--org SLUG] [--scope S ...]`` prints a new API token once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mimis.accounts import scopes
from mimis.accounts.models import ApiToken, Organisation, User
from mimis.accounts.services import create_api_token, revoke_api_token
from mimis.errors import MimisError


class Command(BaseCommand):
    help = "Create, list and revoke API tokens from the server's shell."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it (once).")
        create.add_argument("--user", required=True, help="E-mail of the user the token acts as.")
        create.add_argument("--org", help="Slug of the organisation the token is limited to.")
        create.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            choices=sorted(scopes.SCOPES),
            help="A scope; repeat for several (default: read).",
        )
        create.add_argument("--name", default="shell", help="A name to recognise the token by.")
        create.add_argument("--expires-days", type=int, help="Days until the token expires.")
        listing = sub.add_parser("list", help="List a user's tokens (never the secrets).")
        listing.add_argument("--user", required=True)
        revoke = sub.add_parser("revoke", help="Revoke a token by its prefix.")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except MimisError as error:
            raise CommandError(error.message) from error

    def _user(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        return user

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["user"])
        organisation = None
        if options["org"]:
            organisation = Organisation.objects.filter(slug=options["org"]).first()
            if organisation is None:
                raise CommandError(f"No organisation with the short name {options['org']!r}.")
        expires_at = None
        if options["expires_days"] is not None:
            if options["expires_days"] < 1:
                raise CommandError("--expires-days must be 1 or more.")
            expires_at = timezone.now() + timedelta(days=options["expires_days"])
        _token, secret = create_api_token(
            user=user,
            name=options["name"],
            scopes=options["scopes"],
            organisation=organisation,
            expires_at=expires_at,
            acting_user=None,
        )
        self.stdout.write(secret)

    def _list(self, options: dict[str, Any]) -> None:
        user = self._user(options["user"])
        for token in ApiToken.objects.filter(user=user).select_related("organisation"):
            state = "active" if token.is_active else ("revoked" if token.revoked_at else "expired")
            org = token.organisation.slug if token.organisation else "-"
            self.stdout.write(f"{token.prefix}\t{token.name}\t{org}\t{','.join(token.scopes)}\t{state}")

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.filter(prefix=options["prefix"]).select_related("user").first()
        if token is None:
            raise CommandError(f"No token starts with {options['prefix']!r}.")
        revoke_api_token(token=token, acting_user=None)
        self.stdout.write(f"Revoked {token.prefix}.")
