"""``mimis skills_embeddings build [--force]`` and ``status``: the stored skill embeddings (semantic extra)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.errors import MimisError
from mimis.skills import semantic, services


class Command(BaseCommand):
    help = "Build or show the stored embeddings of the taxonomy's skills (needs pip install mimis[semantic])."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="Embed the current skills once; a no-op when they are stored.")
        build.add_argument("--force", action="store_true", help="Embed again even if stored already.")
        sub.add_parser("status", help="Say whether the stored embeddings match the current skills.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "build":
                report = services.build_concept_embeddings(force=options["force"])
                if report.built:
                    self.stdout.write(
                        f"Embedded {report.vectors} names of {report.concepts} skills in {report.seconds:.1f} s."
                    )
                else:
                    self.stdout.write(f"Already stored for these {report.concepts} skills; nothing to do.")
            else:
                for key, value in semantic.embedding_status().items():
                    self.stdout.write(f"{key}\t{value}")
        except MimisError as error:
            raise CommandError(error.message) from error
