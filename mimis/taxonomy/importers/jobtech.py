"""Reading the JSON exports of Arbetsförmedlingen's JobTech Taxonomy (``{"data": {"concepts": [...]}}``).

Every file is parsed and checked before anything is written; a file in the wrong shape raises
``TaxonomyImportError`` naming the file and the field (``data.concepts[12].narrower[3].id``) or, for
broken JSON, the line and column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from mimis.taxonomy.errors import TaxonomyImportError
from mimis.taxonomy.importers.base import ConceptRecord, ImportReport, RelationRecord
from mimis.taxonomy.models import Concept, RelationKind, Scheme, Source

SOURCE = Source.JOBTECH
MAX_ID = Concept._meta.get_field("source_id").max_length or 255
MAX_LABEL = Concept._meta.get_field("preferred_label").max_length or 500

# JobTech concept type -> (scheme, level in the hierarchy).
TYPES: dict[str, tuple[str, int | None]] = {
    "skill": (Scheme.SKILL, None),
    "occupation-name": (Scheme.OCCUPATION_NAME, None),
    "isco-level-4": (Scheme.ISCO_GROUP, 4),
    "language": (Scheme.LANGUAGE, None),
    **{f"ssyk-level-{n}": (Scheme.OCCUPATION_GROUP, n) for n in range(1, 5)},
    **{f"sni-level-{n}": (Scheme.INDUSTRY, n) for n in range(1, 6)},
    **{f"sun-education-field-{n}": (Scheme.EDUCATION_FIELD, n) for n in range(1, 5)},
    **{f"sun-education-level-{n}": (Scheme.EDUCATION_LEVEL, n) for n in range(1, 4)},
}
CODE_FIELDS = (
    "ssyk_code_2012",
    "sni_level_code_2007",
    "sun_education_field_code_2020",
    "sun_education_level_code_2020",
    "isco_code_08",
    "iso_639_1_2002",
    "iso_639_2_1998",
    "iso_639_3_2007",
)


@dataclass(frozen=True)
class FileSpec:
    """A file this importer reads: which schemes it lists completely, which relation it carries."""

    name: str
    covers: frozenset[str] = frozenset()
    relation_key: str | None = None
    relation_kind: str | None = None
    hierarchy: bool = False


FILES = (
    FileSpec("skills.json", frozenset({Scheme.SKILL})),
    FileSpec(
        "the-ssyk-hierarchy-with-occupations.json",
        frozenset({Scheme.OCCUPATION_GROUP, Scheme.OCCUPATION_NAME}),
        hierarchy=True,
    ),
    FileSpec("ssyk-level-1-groups.json"),
    FileSpec("ssyk-level-2-groups.json"),
    FileSpec("ssyk-level-4-groups.json"),
    FileSpec(
        "ssyk-level-4-groups-with-related-skills.json",
        relation_key="related",
        relation_kind=RelationKind.RELATED_SKILL,
    ),
    FileSpec(
        "ssyk-level-4-with-related-isco-level-4-groups.json",
        frozenset({Scheme.ISCO_GROUP}),
        relation_key="related",
        relation_kind=RelationKind.ISCO_MAPPING,
    ),
    FileSpec(
        "substitutability-relations-between-occupations.json",
        relation_key="substitutes",
        relation_kind=RelationKind.SUBSTITUTABLE,
    ),
    FileSpec("sni-hierarchy.json", hierarchy=True, covers=frozenset({Scheme.INDUSTRY})),
    FileSpec("sun-field-hierarchy.json", hierarchy=True, covers=frozenset({Scheme.EDUCATION_FIELD})),
    FileSpec("sun-level-hierarchy.json", hierarchy=True, covers=frozenset({Scheme.EDUCATION_LEVEL})),
    FileSpec("languages.json", frozenset({Scheme.LANGUAGE})),
)
NOT_READ = {
    "sni-level-1.json": "covered by sni-hierarchy.json (these entries have no concept id)",
    "sni-level-2.json": "covered by sni-hierarchy.json (these entries have no concept id)",
}


@dataclass
class Parsed:
    records: dict[str, ConceptRecord]
    relations: list[RelationRecord]
    covered_schemes: set[str]
    covered_relation_kinds: set[str]


def _invalid(file: str, field: str, problem: str) -> TaxonomyImportError:
    message = _("%(file)s: %(field)s: %(problem)s Nothing was imported.") % {
        "file": file,
        "field": field,
        "problem": problem,
    }
    return TaxonomyImportError(message, field=field, file=file)


def load_json(path: Path) -> Any:
    """The parsed file; broken or truncated JSON raises an error naming the line and column."""
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _invalid(
            path.name, _("byte %(position)s") % {"position": exc.start}, _("the file is not UTF-8 text.")
        ) from exc
    except json.JSONDecodeError as exc:
        where = _("line %(line)s, column %(column)s") % {"line": exc.lineno, "column": exc.colno}
        raise _invalid(
            path.name,
            where,
            _("the file is not valid JSON (%(reason)s); it may be truncated.") % {"reason": exc.msg},
        ) from exc


def _text(
    file: str, item: dict[str, Any], key: str, path: str, *, required: bool, max_length: int | None = None
) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise _invalid(file, f"{path}.{key}", _("this field is missing."))
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise _invalid(file, f"{path}.{key}", _("this field must be a non-empty text."))
    if max_length is not None and len(value.strip()) > max_length:
        raise _invalid(file, f"{path}.{key}", _("longer than %(max)s characters.") % {"max": max_length})
    return value.strip()


def _record(file: str, item: Any, path: str, parent: str | None) -> ConceptRecord:
    if not isinstance(item, dict):
        raise _invalid(file, path, _("expected a concept (a JSON object)."))
    source_id = _text(file, item, "id", path, required=True, max_length=MAX_ID)
    label = _text(file, item, "preferred_label", path, required=True, max_length=MAX_LABEL)
    kind = _text(file, item, "type", path, required=True)
    if kind not in TYPES:
        raise _invalid(file, f"{path}.type", _("unknown concept type %(type)r.") % {"type": kind})
    scheme, level = TYPES[kind]
    code = next((item[key] for key in CODE_FIELDS if isinstance(item.get(key), str) and item[key]), None)
    return ConceptRecord(
        source_id=source_id or "",
        scheme=scheme,
        level=level,
        preferred_label=label,
        code=code.strip()[:32] if code else None,
        definition=_text(file, item, "definition", path, required=False),
        parent_source_id=parent,
    )


def parse_file(path: Path, spec: FileSpec, parsed: Parsed) -> None:
    """Add the concepts and relations of one file to ``parsed``."""
    data = load_json(path)
    concepts = (
        data.get("data", {}).get("concepts")
        if isinstance(data, dict) and isinstance(data.get("data"), dict)
        else None
    )
    if not isinstance(concepts, list):
        raise _invalid(path.name, "data.concepts", _("expected a list of concepts."))

    def add(record: ConceptRecord) -> None:
        known = parsed.records.get(record.source_id)
        if known is None:
            parsed.records[record.source_id] = record
        else:
            known.merge(record)

    def walk(items: Any, path_prefix: str, parent: str | None) -> None:
        if not isinstance(items, list):
            raise _invalid(path.name, path_prefix, _("expected a list of concepts."))
        for index, item in enumerate(items):
            item_path = f"{path_prefix}[{index}]"
            record = _record(path.name, item, item_path, parent)
            add(record)
            if "narrower" in item:
                walk(item["narrower"], f"{item_path}.narrower", record.source_id)
            if spec.relation_key is not None and spec.relation_key in item:
                related = item[spec.relation_key]
                if not isinstance(related, list):
                    raise _invalid(
                        path.name, f"{item_path}.{spec.relation_key}", _("expected a list of concepts.")
                    )
                for r_index, other in enumerate(related):
                    other_record = _record(
                        path.name, other, f"{item_path}.{spec.relation_key}[{r_index}]", None
                    )
                    add(other_record)
                    weight = other.get("substitutability_percentage")
                    parsed.relations.append(
                        RelationRecord(
                            from_source_id=record.source_id,
                            to_source_id=other_record.source_id,
                            kind=spec.relation_kind or "",
                            weight=weight if isinstance(weight, int) and 0 <= weight <= 100 else None,
                        )
                    )

    # Top-level concepts of a hierarchy file have no parent; those of a flat list say nothing about it.
    walk(concepts, "data.concepts", "" if spec.hierarchy else None)
    parsed.covered_schemes |= spec.covers
    if spec.relation_kind:
        parsed.covered_relation_kinds.add(spec.relation_kind)


def parse_directory(directory: Path, report: ImportReport) -> Parsed:
    """Parse every known file in ``directory``; report unknown files as skipped."""
    if not directory.is_dir():
        raise TaxonomyImportError(
            _("%(directory)s is not a folder.") % {"directory": directory}, field="directory"
        )
    parsed = Parsed(records={}, relations=[], covered_schemes=set(), covered_relation_kinds=set())
    known = {spec.name for spec in FILES}
    for spec in FILES:
        path = directory / spec.name
        if path.is_file():
            parse_file(path, spec, parsed)
            report.files_read.append(spec.name)
    for path in sorted(directory.glob("*.json")):
        if path.name not in known:
            report.files_skipped.append(
                (path.name, NOT_READ.get(path.name, "not a file this importer reads"))
            )
    if not report.files_read:
        raise TaxonomyImportError(
            _(
                "%(directory)s holds none of the JobTech Taxonomy files this importer reads (such as skills.json)."
            )
            % {"directory": directory},
            field="directory",
        )
    return parsed
