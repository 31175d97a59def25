"""Reading the official ESCO CSV download (``skills_sv.csv``, ``occupations_sv.csv`` …), any language.

Read: ``skills_<lang>.csv``, ``skillGroups_<lang>.csv``, ``occupations_<lang>.csv``,
``occupationSkillRelations_<lang>.csv`` and ``broaderRelationsSkillPillar_<lang>.csv``; whatever of these
is present. Alternative labels are newline-separated inside one quoted field. In English (``en``) the
labels go to ``preferred_label_en`` and fill the main label only where it is empty, so a Swedish import
and an English one complement each other.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from mimis.taxonomy.errors import TaxonomyImportError
from mimis.taxonomy.importers.base import ConceptRecord, ImportReport, RelationRecord
from mimis.taxonomy.importers.jobtech import MAX_ID, MAX_LABEL, Parsed
from mimis.taxonomy.models import RelationKind, Scheme, Source

SOURCE = Source.ESCO
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$")
CONCEPT_FILES = (
    ("skills", Scheme.SKILL),
    ("skillGroups", Scheme.SKILL_GROUP),
    ("occupations", Scheme.OCCUPATION_NAME),
)
RELATION_TYPES = {"essential": RelationKind.ESSENTIAL_SKILL, "optional": RelationKind.OPTIONAL_SKILL}


def _invalid(file: str, field: str, problem: str) -> TaxonomyImportError:
    message = _("%(file)s: %(field)s: %(problem)s Nothing was imported.") % {
        "file": file,
        "field": field,
        "problem": problem,
    }
    return TaxonomyImportError(message, field=field, file=file)


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each row; a missing column, a short row or broken quoting raises."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _invalid(
            path.name, _("byte %(position)s") % {"position": exc.start}, _("the file is not UTF-8 text.")
        ) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        missing = [column for column in required if column not in header]
        if missing:
            raise _invalid(
                path.name,
                _("line %(line)s") % {"line": 1},
                _("missing column %(columns)s.") % {"columns": ", ".join(missing)},
            )
        start = reader.line_num + 1
        for row in reader:
            if None in row or any(value is None for value in row.values()):
                raise _invalid(
                    path.name,
                    _("line %(line)s") % {"line": start},
                    _("expected %(count)s fields; the file may be truncated.") % {"count": len(header)},
                )
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _invalid(
            path.name,
            _("line %(line)s") % {"line": reader.line_num},
            _("broken CSV (%(reason)s); the file may be truncated.") % {"reason": exc},
        ) from exc


def _labels(value: str) -> list[str]:
    return [label.strip() for label in value.replace("|", "\n").splitlines() if label.strip()]


def _concepts(path: Path, scheme: str, language: str, parsed: Parsed) -> None:
    english = language == "en"
    fill_only = frozenset({"preferred_label", "alternative_labels", "definition"}) if english else frozenset()
    for line, row in read_rows(path, ("conceptUri", "preferredLabel")):
        where = _("line %(line)s") % {"line": line}
        uri, label = row["conceptUri"].strip(), row["preferredLabel"].strip()
        if not uri:
            raise _invalid(path.name, f"{where}, conceptUri", _("this field is empty."))
        if not label:
            raise _invalid(path.name, f"{where}, preferredLabel", _("this field is empty."))
        for column, value, limit in (("conceptUri", uri, MAX_ID), ("preferredLabel", label, MAX_LABEL)):
            if len(value) > limit:
                raise _invalid(
                    path.name, f"{where}, {column}", _("longer than %(max)s characters.") % {"max": limit}
                )
        code = (row.get("code") or "").strip()
        parsed.records[uri] = ConceptRecord(
            source_id=uri,
            scheme=scheme,
            preferred_label=label,
            preferred_label_en=label if english else None,
            alternative_labels=_labels(row.get("altLabels") or ""),
            definition=(row.get("description") or row.get("definition") or "").strip(),
            code=code[:32] or None,
            fill_only=fill_only,
        )
    parsed.covered_schemes.add(scheme)


def parse_directory(directory: Path, language: str, report: ImportReport) -> Parsed:
    """Parse the ESCO files of ``language`` in ``directory``; report the other CSV files as skipped."""
    if not LANGUAGE.match(language):
        raise TaxonomyImportError(
            _("%(language)r is not a language code such as sv or en.") % {"language": language},
            field="language",
        )
    if not directory.is_dir():
        raise TaxonomyImportError(
            _("%(directory)s is not a folder.") % {"directory": directory}, field="directory"
        )
    parsed = Parsed(records={}, relations=[], covered_schemes=set(), covered_relation_kinds=set())
    read: set[str] = set()
    for stem, scheme in CONCEPT_FILES:
        path = directory / f"{stem}_{language}.csv"
        if path.is_file():
            _concepts(path, scheme, language, parsed)
            read.add(path.name)

    path = directory / f"occupationSkillRelations_{language}.csv"
    if path.is_file():
        for line, row in read_rows(path, ("occupationUri", "relationType", "skillUri")):
            kind = RELATION_TYPES.get(row["relationType"].strip())
            if kind is None:
                raise _invalid(
                    path.name,
                    _("line %(line)s") % {"line": line} + ", relationType",
                    _("expected essential or optional, not %(value)r.") % {"value": row["relationType"]},
                )
            parsed.relations.append(
                RelationRecord(row["occupationUri"].strip(), row["skillUri"].strip(), kind)
            )
        parsed.covered_relation_kinds |= set(RELATION_TYPES.values())
        read.add(path.name)

    path = directory / f"broaderRelationsSkillPillar_{language}.csv"
    if path.is_file():
        for _line, row in read_rows(path, ("conceptUri", "broaderUri")):
            uri, broader = row["conceptUri"].strip(), row["broaderUri"].strip()
            parsed.relations.append(RelationRecord(uri, broader, RelationKind.BROADER))
            record = parsed.records.get(uri)
            # ESCO skills may have several broader concepts; the first one becomes the parent.
            if record is not None and record.parent_source_id is None:
                record.parent_source_id = broader
        parsed.covered_relation_kinds.add(RelationKind.BROADER)
        read.add(path.name)

    report.files_read.extend(sorted(read))
    for other in sorted(directory.glob("*.csv")):
        if other.name not in read:
            report.files_skipped.append((other.name, "not a file this importer reads, or another language"))
    if not read:
        raise TaxonomyImportError(
            _(
                "%(directory)s holds none of the ESCO files this importer reads (such as skills_%(language)s.csv)."
            )
            % {"directory": directory, "language": language},
            field="directory",
        )
    return parsed
