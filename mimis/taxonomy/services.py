"""Importing taxonomies. Each import is one transaction with one audit record: all or nothing."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from mimis.audit.services import record
from mimis.taxonomy.importers import esco, jobtech
from mimis.taxonomy.importers.base import ImportReport, sync
from mimis.taxonomy.models import Source

if TYPE_CHECKING:
    from mimis.accounts.models import User


def import_jobtech(*, directory: str | Path, acting_user: User | None = None) -> ImportReport:
    """Import the JobTech Taxonomy JSON files found in ``directory``; raises ``TaxonomyImportError``."""
    started = time.perf_counter()
    report = ImportReport(source=Source.JOBTECH)
    parsed = jobtech.parse_directory(Path(directory), report)
    with transaction.atomic():
        sync(
            source=Source.JOBTECH,
            records=parsed.records,
            relations=parsed.relations,
            covered_schemes=parsed.covered_schemes,
            covered_relation_kinds=parsed.covered_relation_kinds,
            report=report,
        )
        record("taxonomy.imported", actor=acting_user, data=report.as_dict())
    report.seconds = time.perf_counter() - started
    return report


def import_esco(
    *, directory: str | Path, language: str = "sv", acting_user: User | None = None
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
        record("taxonomy.imported", actor=acting_user, data={**report.as_dict(), "language": language})
    report.seconds = time.perf_counter() - started
    return report
