"""``mimis taxonomy import-jobtech [PATH] [--version V]``, ``import-esco DIR [--language sv]``,
``versions``, ``stats`` and ``bundle-jobtech DIR`` (rebuild the bundled copy from a newer export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mimis.errors import MimisError
from mimis.taxonomy import selectors, services
from mimis.taxonomy.importers import jobtech as jobtech_importer
from mimis.taxonomy.importers.base import ImportReport


class Command(BaseCommand):
    help = "Import taxonomies (JobTech Taxonomy, ESCO) and show what is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        jobtech = sub.add_parser(
            "import-jobtech",
            help="Import the JobTech Taxonomy: the copy bundled with MIMIS, or the export in PATH.",
        )
        jobtech.add_argument(
            "directory",
            metavar="PATH",
            nargs="?",
            help="A folder of the JSON files or a zip archive of them.",
        )
        jobtech.add_argument(
            "--version", help="The taxonomy version to record (default: what the export says)."
        )
        esco = sub.add_parser("import-esco", help="Import the ESCO CSV files of one language in DIR.")
        esco.add_argument("directory", metavar="DIR")
        esco.add_argument("--language", default="sv", help="The language suffix of the files (default: sv).")
        esco.add_argument("--version", help="The ESCO version to record, such as v1.2.0.")
        sub.add_parser("stats", help="Count concepts per source and scheme, and relations per kind.")
        sub.add_parser("versions", help="List the imports: source, version, origin, date.")
        bundle = sub.add_parser(
            "bundle-jobtech", help="Build the bundled JobTech copy from the export in DIR (for developers)."
        )
        bundle.add_argument("directory", metavar="DIR")
        bundle.add_argument(
            "--version", required=True, help="The taxonomy version of the export, such as 30."
        )
        bundle.add_argument("--downloaded", required=True, help="When it was downloaded, such as 2025-12.")
        bundle.add_argument(
            "--output", default=str(jobtech_importer.BUNDLE), help="Default: the package's copy."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "import-jobtech":
                self._report(
                    services.import_jobtech(options["directory"], version=options["version"] or None)
                )
            elif options["action"] == "import-esco":
                self._report(
                    services.import_esco(
                        directory=options["directory"],
                        language=options["language"],
                        version=options["version"] or None,
                    )
                )
            elif options["action"] == "versions":
                self._versions()
            elif options["action"] == "bundle-jobtech":
                target = jobtech_importer.build_bundle(
                    Path(options["directory"]),
                    Path(options["output"]),
                    version=options["version"],
                    downloaded=options["downloaded"],
                )
                self.stdout.write(f"Wrote {target} ({target.stat().st_size / 1e6:.2f} MB)")
            else:
                self._stats()
        except MimisError as error:
            raise CommandError(error.message) from error

    def _report(self, report: ImportReport) -> None:
        self.stdout.write(
            f"Imported {report.source} version {report.version or 'unknown'} in {report.seconds:.1f} s"
            f" from: {', '.join(report.files_read)}"
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

    def _versions(self) -> None:
        for item in selectors.taxonomy_imports():
            self.stdout.write(
                f"{item.source}\t{item.version or 'unknown'}\t{item.origin}\t{item.imported_at:%Y-%m-%d %H:%M}"
            )
