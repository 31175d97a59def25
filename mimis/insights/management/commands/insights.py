from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.errors import MimisError


class Command(BaseCommand):
    help = (
        "Regional insights. 'refresh' (run it nightly) rebuilds the rollups behind every figure, so that "
        "credentials that expired since are counted as ended; --queue hands it to the background worker "
        "instead. 'import-ads FILE' imports job ads in JobTech's JSON format (JobStream, historical ads)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help="Rebuild the rollups now (or --queue them for the worker).")
        refresh.add_argument("--queue", action="store_true", help="Queue the durable task instead.")
        ads = sub.add_parser("import-ads", help="Import a JobTech job-ad JSON file.")
        ads.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "refresh":
            if options["queue"]:
                from mimis.insights.tasks import refresh_rollups

                refresh_rollups.enqueue()
                self.stdout.write("Refresh queued for the worker.")
                return
            from mimis.insights.rollups import refresh_all

            state = refresh_all()
            self.stdout.write(
                f"Rollups rebuilt from {state.credentials} credentials in {state.seconds:.1f} s."
            )
            return
        from mimis.insights.services import import_job_ads, read_job_ad_skills

        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            imported = import_job_ads(file_name=path.name, content=path.read_bytes(), acting_user=None)
        except MimisError as error:
            raise CommandError(error.message) from None
        read = read_job_ad_skills(import_id=imported.pk)
        self.stdout.write(f"Imported {imported.ad_count} job ads from {path.name}; read skills in {read}.")
