"""``mimis matching refresh --due|--all|--learner EMAIL``: recompute learners' verified skills;
``mimis matching gap --learner EMAIL (--role-profile ID | --occupation ID | --skills ID,ID)``: a gap analysis
as JSON (the same service and output as POST /api/v1/gap-analysis)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.accounts.models import User
from mimis.errors import MimisError
from mimis.matching.verified import due_learners, refresh_learners


class Command(BaseCommand):
    help = "Competence matching: keep verified skills up to date, run a gap analysis."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help="Recompute learners' verified skills.")
        which = refresh.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--due", action="store_true", help="Learners with an expiry or recheck due (run hourly)."
        )
        which.add_argument("--all", action="store_true", help="Every active learner.")
        which.add_argument("--learner", help="One learner, by e-mail address.")
        gap = sub.add_parser("gap", help="A learner's gap analysis, as JSON.")
        gap.add_argument("--learner", required=True)
        target = gap.add_mutually_exclusive_group(required=True)
        target.add_argument("--role-profile", type=int)
        target.add_argument("--occupation", type=int)
        target.add_argument("--skills", help="Skill ids separated by commas.")

    def _learner(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "refresh":
            if options["due"]:
                learners = due_learners()
            elif options["all"]:
                learners = list(User.objects.filter(is_active=True))
            else:
                learners = [self._learner(options["learner"])]
            self.stdout.write(f"Verified skills recomputed for {refresh_learners(learners)} learners.")
            return
        from mimis.matching.api import gap_out
        from mimis.matching.gap import gap_analysis

        skills = [s for s in (options["skills"] or "").split(",") if s.strip()] if options["skills"] else None
        try:
            result = gap_analysis(
                learner=self._learner(options["learner"]),
                role_profile=options["role_profile"],
                occupation=options["occupation"],
                skills=skills,
            )
        except MimisError as error:
            raise CommandError(f"{error.code}: {error.message}") from error
        self.stdout.write(json.dumps(gap_out(result), default=str, ensure_ascii=False, indent=2))
