"""Importing taxonomies. Each import is one transaction with one audit record: all or nothing."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from mimis.audit.models import AuditEntry
from mimis.audit.services import record
from mimis.taxonomy.importers import esco, jobtech
from mimis.taxonomy.importers.base import ImportReport, sync
from mimis.taxonomy.models import Source, TaxonomyImport
from mimis.taxonomy.signals import taxonomy_imported

if TYPE_CHECKING:
    from mimis.accounts.models import User


def _record_import(
    *,
    source: str,
    report: ImportReport,
    origin: str,
    version: str,
    downloaded: str = "",
    checksum: str = "",
    acting_user: User | None,
) -> TaxonomyImport:
    return TaxonomyImport.objects.create(
        source=source,
        version=version.strip()[:64],
        downloaded=downloaded,
        origin=origin[:255],
        checksum=checksum,
        counts=report.as_dict(),
        acting_user=acting_user,
    )


def import_jobtech(
    path: str | Path | None = None,
    *,
    directory: str | Path | None = None,
    version: str | None = None,
    acting_user: User | None = None,
) -> ImportReport:
    """Import a JobTech Taxonomy export; raises ``TaxonomyImportError``.

    ``path`` (or, as before, ``directory``) is a folder of the JSON files or a zip archive of them;
    without one, the copy bundled with MIMIS is imported. The import is recorded with the version
    given here, else the one the export states, else as unknown.
    """
    started = time.perf_counter()
    report = ImportReport(source=Source.JOBTECH)
    chosen = path if path is not None else directory
    bundled = chosen is None
    location = jobtech.BUNDLE if bundled else Path(chosen)
    if bundled:
        parsed = _parse_bundle(report)
        origin = jobtech.BUNDLED
    else:
        export = jobtech.open_export(location)
        parsed = jobtech.parse_export(export, report)
        origin = export.name
    stated = parsed.version
    with transaction.atomic():
        sync(
            source=Source.JOBTECH,
            records=parsed.records,
            relations=parsed.relations,
            covered_schemes=parsed.covered_schemes,
            covered_relation_kinds=parsed.covered_relation_kinds,
            report=report,
        )
        imported = _record_import(
            source=Source.JOBTECH,
            report=report,
            origin=origin,
            version=version if version else stated.version,
            downloaded=stated.downloaded,
            checksum=jobtech.checksum(location) if location.is_file() else "",
            acting_user=acting_user,
        )
        record(
            "taxonomy.imported",
            actor=acting_user,
            data={**report.as_dict(), "version": imported.version, "origin": imported.origin},
        )
        taxonomy_imported.send(sender=Source.JOBTECH, report=report)
    report.seconds = time.perf_counter() - started
    report.version = imported.version
    return report


_parsed_bundle: dict[str, tuple[jobtech.Parsed, list[str], list[tuple[str, str]]]] = {}


def _parse_bundle(report: ImportReport) -> jobtech.Parsed:
    """The bundled export, parsed once per process (the demo and the tests load it often)."""
    key = jobtech.checksum(jobtech.BUNDLE)
    if key not in _parsed_bundle:
        fresh = ImportReport(source=Source.JOBTECH)
        parsed = jobtech.parse_export(jobtech.open_export(jobtech.BUNDLE), fresh)
        _parsed_bundle.clear()
        _parsed_bundle[key] = (parsed, fresh.files_read, fresh.files_skipped)
    parsed, files_read, files_skipped = _parsed_bundle[key]
    report.files_read.extend(files_read)
    report.files_skipped.extend(files_skipped)
    # sync() fills in missing labels of its records; a copy keeps the cached ones as parsed.
    return dataclasses.replace(
        parsed, records={key: dataclasses.replace(r) for key, r in parsed.records.items()}
    )


def ensure_bundled_jobtech(*, acting_user: User | None = None) -> ImportReport | None:
    """Import the bundled JobTech Taxonomy unless it is in place already; ``None`` when skipped.

    Skipped when this very bundle (same checksum) was imported before, or when the latest JobTech
    import came from an export someone chose (likely newer: the bundle must not overwrite it), also
    one audited before imports were recorded.
    """
    latest = TaxonomyImport.objects.filter(source=Source.JOBTECH).first()
    if latest is not None and latest.origin != jobtech.BUNDLED:
        return None
    if (
        latest is None
        and AuditEntry.objects.filter(action="taxonomy.imported", data__source=Source.JOBTECH).exists()
    ):
        return None  # imported before imports were recorded: from an export someone chose
    if TaxonomyImport.objects.filter(
        source=Source.JOBTECH, origin=jobtech.BUNDLED, checksum=jobtech.checksum(jobtech.BUNDLE)
    ).exists():
        return None
    return import_jobtech(acting_user=acting_user)


def import_esco(
    *,
    directory: str | Path,
    language: str = "sv",
    version: str | None = None,
    acting_user: User | None = None,
) -> ImportReport:
    """Import the ESCO CSV files of ``language`` found in ``directory``; raises ``TaxonomyImportError``."""
    started = time.perf_counter()
    report = ImportReport(source=Source.ESCO)
    parsed = esco.parse_directory(Path(directory), language, report)
    with transaction.atomic():
        sync(
            source=Source.ESCO,
            records=parsed.records,
            relations=parsed.relations,
            covered_schemes=parsed.covered_schemes,
            covered_relation_kinds=parsed.covered_relation_kinds,
            report=report,
        )
        imported = _record_import(
            source=Source.ESCO,
            report=report,
            origin=Path(directory).name,
            version=version or "",
            acting_user=acting_user,
        )
        record(
            "taxonomy.imported",
            actor=acting_user,
            data={**report.as_dict(), "language": language, "version": imported.version},
        )
        taxonomy_imported.send(sender=Source.ESCO, report=report)
    report.seconds = time.perf_counter() - started
    report.version = imported.version
    return report
