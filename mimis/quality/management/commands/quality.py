from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mimis.catalog.level_services import send_level_decision_notices
from mimis.quality.services import send_review_by_notices


class Command(BaseCommand):
    help = (
        "Quality-assurance tools. 'lapse' (run it daily) reminds providers before an approval's review-by "
        "date and records approvals that have lapsed; a lapsed micro-credential cannot be issued. It also "
        "reminds providers before an MYH level decision expires and tells them when it has."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("lapse", help="Send review-by reminders and record lapsed approvals.")

    def handle(self, *args: Any, **options: Any) -> None:
        reminded, lapsed = send_review_by_notices()
        self.stdout.write(f"Reminders sent: {reminded}. Approvals lapsed: {lapsed}.")
        level_reminded, level_lapsed = send_level_decision_notices()
        self.stdout.write(
            f"Level decision reminders sent: {level_reminded}. Level decisions expired: {level_lapsed}."
        )
