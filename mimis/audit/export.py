"""The audit log as CSV, with each entry's hashes so the chain can be checked outside MIMIS too."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from mimis.audit.models import AuditEntry

COLUMNS = [
    "sequence",
    "at",
    "actor_id",
    "actor",
    "organisation",
    "action",
    "object_type",
    "object_id",
    "data",
    "previous_hash",
    "entry_hash",
]
# Spreadsheets run cells that start with these as formulas; a leading apostrophe keeps them text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    def write(self, value: str) -> str:
        return value


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """One CSV line at a time (for a streaming response), header first, oldest entry first."""
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for entry in entries:
        yield writer.writerow(
            [
                entry.sequence,
                entry.at.isoformat(),
                entry.actor_id or "",
                _safe(entry.actor_label),
                entry.organisation.slug if entry.organisation_id and entry.organisation else "",
                _safe(entry.action),
                entry.object_type,
                entry.object_id,
                _safe(json.dumps(entry.data, ensure_ascii=False, sort_keys=True)),
                entry.previous_hash,
                entry.entry_hash,
            ]
        )
