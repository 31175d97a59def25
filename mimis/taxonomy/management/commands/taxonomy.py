"""``mimis taxonomy import-jobtech DIR``, ``import-esco DIR [--language sv]`` and ``stats``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.errors import MimisError
from mimis.taxonomy import selectors, services
from mimis.taxonomy.importers.base import ImportReport


class Command(BaseCommand):
    help = "Import taxonomies (JobTech Taxonomy, ESCO) and show what is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        jobtech = sub.add_parser("import-jobtech", help="Import the JobTech Taxonomy JSON files in DIR.")
        jobtech.add_argument("directory", metavar="DIR")
        esco = sub.add_parser("import-esco", help="Import the ESCO CSV files of one language in DIR.")
        esco.add_argument("directory", metavar="DIR")
        esco.add_argument("--language", default="sv", help="The language suffix of the files (default: sv).")
        sub.add_parser("stats", help="Count concepts per source and scheme, and relations per kind.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "import-jobtech":
                self._report(services.import_jobtech(directory=options["directory"]))
            elif options["action"] == "import-esco":
                self._report(
                    services.import_esco(directory=options["directory"], language=options["language"])
                )
            else:
                self._stats()
        except MimisError as error:
            raise CommandError(error.message) from error

    def _report(self, report: ImportReport) -> None:
        self.stdout.write(
            f"Imported {report.source} in {report.seconds:.1f} s from: {', '.join(report.files_read)}"
        )
        for scheme, counts in sorted(report.concepts.items()):
            self.stdout.write(
                f"  {scheme}: " + ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
            )
        for kind, counts in sorted(report.relations.items()):
            self.stdout.write(
                f"  relations {kind}: " + ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
            )
        for name, reason in report.files_skipped:
            self.stdout.write(f"  skipped {name}: {reason}")

    def _stats(self) -> None:
        for row in selectors.taxonomy_stats():
            self.stdout.write(
                f"{row['source']}\t{row['scheme']}\t{row['total']}\t(deprecated {row['deprecated']})"
            )
        for row in selectors.relation_stats():
            self.stdout.write(f"relations\t{row['kind']}\t{row['total']}")
