"""``mimis learners create``: an account for a participant, with the e-mail address verified."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.errors import MimisError
from mimis.wallet import selectors, services


class Command(BaseCommand):
    help = "Manage learners' accounts from the shell."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create",
            help="Create a learner whose e-mail address counts as verified; credentials already issued to the "
            "address appear in their wallet. A welcome e-mail lets them choose a password.",
        )
        create.add_argument("--email", required=True)
        create.add_argument("--name", required=True)
        create.add_argument("--language", choices=["sv", "en"], default="sv")
        create.add_argument("--no-email", action="store_true", help="Do not send the welcome e-mail.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            learner = services.register_participant(
                email=options["email"],
                name=options["name"],
                language=options["language"],
                acting_user=None,
                send_email=not options["no_email"],
            )
        except MimisError as error:
            raise CommandError(error.message) from error
        held = selectors.credentials_for_learner(learner=learner).count()
        self.stdout.write(
            f"Created learner {learner.email} ({learner.name}), e-mail address verified; "
            f"{held} credential{'s' if held != 1 else ''} in their wallet."
        )
