"""Reading the JSON exports of Arbetsförmedlingen's JobTech Taxonomy (``{"data": {"concepts": [...]}}``).

An export is a folder of these files or a zip archive of them (read in place, nothing is extracted);
MIMIS ships one in ``mimis/taxonomy/data/jobtech.zip`` (see ``BUNDLE`` and ``build_bundle``). Every file
is parsed and checked before anything is written; a file in the wrong shape raises
``TaxonomyImportError`` naming the file and the field (``data.concepts[12].narrower[3].id``) or, for
broken JSON, the line and column.

Besides the ids, labels and codes of the plain export, the JobTech API's "full" format gives
``alternative_labels`` and ``hidden_labels`` (lists of texts) and the ESCO links ``exact_match``,
``close_match``, ``broad_match`` and ``narrow_match`` (lists of concepts with ``id``, ``uri`` /
``esco_uri`` and ``preferred_label``); they are read when present. The version of the taxonomy comes
from a ``manifest.json`` beside the files (``{"version": "30", "downloaded": "2025-12", ...}``) or from
a ``versions.json`` saved from the API (``/v1/taxonomy/main/versions`` or the GraphQL ``versions``
query); otherwise it is unknown.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from django.utils.translation import gettext as _

from mimis.taxonomy.errors import TaxonomyImportError
from mimis.taxonomy.importers.base import ConceptRecord, ImportReport, RelationRecord
from mimis.taxonomy.models import Concept, RelationKind, Scheme, Source

SOURCE = Source.JOBTECH
MAX_ID = Concept._meta.get_field("source_id").max_length or 255
MAX_LABEL = Concept._meta.get_field("preferred_label").max_length or 500
MANIFEST = "manifest.json"
VERSIONS = "versions.json"
BUNDLE = Path(__file__).resolve().parents[1] / "data" / "jobtech.zip"
BUNDLED = "bundled"  # the origin recorded for an import of BUNDLE
# A member of an archive larger than this is refused unread (the largest JobTech file is 2.4 MB).
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MATCH_KINDS = ("exact_match", "close_match", "broad_match", "narrow_match")

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


class Export(Protocol):
    """The files of one export, wherever they are kept."""

    name: str  # what the import record keeps as its origin: a folder's or an archive's name

    def names(self) -> list[str]: ...

    def read(self, name: str) -> bytes: ...


class FolderExport:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.name = directory.name

    def names(self) -> list[str]:
        return sorted(path.name for path in self.directory.glob("*.json") if path.is_file())

    def read(self, name: str) -> bytes:
        return (self.directory / name).read_bytes()


class ZipExport:
    """The JSON files of a zip archive, at its top level or in one folder inside it."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        try:
            if path.stat().st_size > MAX_MEMBER_BYTES:
                raise _archive_error(
                    path.name,
                    _("the archive is larger than %(max)s MB.") % {"max": MAX_MEMBER_BYTES // (1024 * 1024)},
                )
            # Read into memory: nothing is extracted to disk and no file stays open.
            self.archive = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
            members = [info for info in self.archive.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise _archive_error(path.name, _("it is not a readable zip archive.")) from exc
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in members:
            base = PurePosixPath(info.filename).name
            if not base.endswith(".json") or base.startswith("."):
                continue
            if base in self.members:
                raise _archive_error(path.name, _("it holds two files named %(name)s.") % {"name": base})
            self.members[base] = info

    def names(self) -> list[str]:
        return sorted(self.members)

    def read(self, name: str) -> bytes:
        info = self.members[name]
        if info.file_size > MAX_MEMBER_BYTES:
            raise _archive_error(
                self.name,
                _("%(name)s is larger than %(max)s MB unpacked.")
                % {"name": name, "max": MAX_MEMBER_BYTES // (1024 * 1024)},
            )
        try:
            return self.archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            raise _archive_error(
                self.name, _("%(name)s cannot be unpacked (%(reason)s).") % {"name": name, "reason": exc}
            ) from exc


def _archive_error(name: str, problem: str) -> TaxonomyImportError:
    message = _("%(file)s: %(problem)s Nothing was imported.") % {"file": name, "problem": problem}
    return TaxonomyImportError(message, field="archive", file=name)


def open_export(path: Path) -> Export:
    """A folder of JSON files or a zip archive of them; anything else raises ``TaxonomyImportError``."""
    if path.is_dir():
        return FolderExport(path)
    if path.is_file():
        return ZipExport(path)
    raise TaxonomyImportError(
        _("%(directory)s is not a folder or a zip archive.") % {"directory": path}, field="directory"
    )


def checksum(path: Path) -> str:
    """SHA-256 of a file (an archive), so an import of the very same bundle can be recognised."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Version:
    """Which taxonomy version an export holds; ``version`` is ``""`` when the export does not say."""

    version: str = ""
    downloaded: str = ""
    licence: str = ""
    source_url: str = ""


def read_version(export: Export) -> Version:
    """The version the export states in ``manifest.json`` or ``versions.json``; unknown otherwise."""
    names = export.names()
    if MANIFEST in names:
        data = load_json(MANIFEST, export.read(MANIFEST))
        if not isinstance(data, dict):
            raise _invalid(MANIFEST, "(top level)", _("expected a JSON object."))
        values = {}
        for key in ("version", "downloaded", "licence", "source"):
            value = data.get(key, "")
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                raise _invalid(MANIFEST, key, _("this field must be a text."))
            values[key] = value.strip()[:64] if key != "source" else value.strip()[:500]
        return Version(
            version=values["version"],
            downloaded=values["downloaded"],
            licence=values["licence"],
            source_url=values["source"],
        )
    if VERSIONS in names:
        data = load_json(VERSIONS, export.read(VERSIONS))
        if isinstance(data, dict) and isinstance(data.get("data"), dict):
            data = data["data"].get("versions")  # GraphQL: {"data": {"versions": [{"id": 22, ...}]}}
        numbers = []
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict):
                value = item.get("taxonomy/version", item.get("id", item.get("version")))
                if isinstance(value, int) and not isinstance(value, bool):
                    numbers.append(value)
        if not numbers:
            raise _invalid(VERSIONS, "(top level)", _("expected a list of versions with numbers."))
        return Version(version=str(max(numbers)))
    return Version()


@dataclass
class Parsed:
    records: dict[str, ConceptRecord]
    relations: list[RelationRecord]
    covered_schemes: set[str]
    covered_relation_kinds: set[str]
    version: Version = field(default_factory=Version)


def _invalid(file: str, field: str, problem: str) -> TaxonomyImportError:
    message = _("%(file)s: %(field)s: %(problem)s Nothing was imported.") % {
        "file": file,
        "field": field,
        "problem": problem,
    }
    return TaxonomyImportError(message, field=field, file=file)


def load_json(name: str, content: bytes) -> Any:
    """The parsed file; broken or truncated JSON raises an error naming the line and column."""
    try:
        return json.loads(content.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _invalid(
            name, _("byte %(position)s") % {"position": exc.start}, _("the file is not UTF-8 text.")
        ) from exc
    except json.JSONDecodeError as exc:
        where = _("line %(line)s, column %(column)s") % {"line": exc.lineno, "column": exc.colno}
        raise _invalid(
            name,
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


def _labels(file: str, item: dict[str, Any], key: str, path: str) -> list[str] | None:
    """A list of texts (``alternative_labels``, ``hidden_labels``), trimmed, without repeats."""
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise _invalid(file, f"{path}.{key}", _("expected a list of texts."))
    labels: list[str] = []
    for index, label in enumerate(value):
        if not isinstance(label, str):
            raise _invalid(file, f"{path}.{key}[{index}]", _("this field must be a non-empty text."))
        if len(label.strip()) > MAX_LABEL:
            raise _invalid(
                file, f"{path}.{key}[{index}]", _("longer than %(max)s characters.") % {"max": MAX_LABEL}
            )
        if label.strip() and label.strip() not in labels:
            labels.append(label.strip())
    return labels


def _matches(file: str, item: dict[str, Any], path: str) -> list[dict[str, str]] | None:
    """The ESCO links of the full format as ``{"match": "exact", "uri", "id", "label", "type"}``."""
    if not any(key in item for key in MATCH_KINDS):
        return None
    matches: list[dict[str, str]] = []
    for key in MATCH_KINDS:
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise _invalid(file, f"{path}.{key}", _("expected a list of concepts."))
        for index, other in enumerate(value):
            where = f"{path}.{key}[{index}]"
            if not isinstance(other, dict):
                raise _invalid(file, where, _("expected a concept (a JSON object)."))
            found = {
                "match": key.removesuffix("_match"),
                "uri": _text(file, other, "uri", where, required=False)
                or _text(file, other, "esco_uri", where, required=False)
                or "",
                "id": _text(file, other, "id", where, required=False, max_length=MAX_ID) or "",
                "label": _text(file, other, "preferred_label", where, required=False, max_length=MAX_LABEL)
                or "",
                "type": _text(file, other, "type", where, required=False) or "",
            }
            if not found["uri"] and not found["id"]:
                raise _invalid(file, f"{where}.uri", _("this field is missing."))
            matches.append({name: text for name, text in found.items() if text})
    return matches


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
        alternative_labels=_labels(file, item, "alternative_labels", path),
        hidden_labels=_labels(file, item, "hidden_labels", path),
        esco_matches=_matches(file, item, path),
        parent_source_id=parent,
    )


def parse_file(export: Export, spec: FileSpec, parsed: Parsed) -> None:
    """Add the concepts and relations of one file to ``parsed``."""
    data = load_json(spec.name, export.read(spec.name))
    concepts = (
        data.get("data", {}).get("concepts")
        if isinstance(data, dict) and isinstance(data.get("data"), dict)
        else None
    )
    if not isinstance(concepts, list):
        raise _invalid(spec.name, "data.concepts", _("expected a list of concepts."))

    def add(record: ConceptRecord) -> None:
        known = parsed.records.get(record.source_id)
        if known is None:
            parsed.records[record.source_id] = record
        else:
            known.merge(record)

    def walk(items: Any, path_prefix: str, parent: str | None) -> None:
        if not isinstance(items, list):
            raise _invalid(spec.name, path_prefix, _("expected a list of concepts."))
        for index, item in enumerate(items):
            item_path = f"{path_prefix}[{index}]"
            record = _record(spec.name, item, item_path, parent)
            add(record)
            if "narrower" in item:
                walk(item["narrower"], f"{item_path}.narrower", record.source_id)
            if spec.relation_key is not None and spec.relation_key in item:
                related = item[spec.relation_key]
                if not isinstance(related, list):
                    raise _invalid(
                        spec.name, f"{item_path}.{spec.relation_key}", _("expected a list of concepts.")
                    )
                for r_index, other in enumerate(related):
                    other_record = _record(
                        spec.name, other, f"{item_path}.{spec.relation_key}[{r_index}]", None
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


def parse_export(export: Export, report: ImportReport) -> Parsed:
    """Parse every known file of ``export``; report unknown files as skipped."""
    parsed = Parsed(records={}, relations=[], covered_schemes=set(), covered_relation_kinds=set())
    names = set(export.names())
    for spec in FILES:
        if spec.name in names:
            parse_file(export, spec, parsed)
            report.files_read.append(spec.name)
    known = {spec.name for spec in FILES} | {MANIFEST, VERSIONS}
    for name in sorted(names - known):
        report.files_skipped.append((name, NOT_READ.get(name, "not a file this importer reads")))
    if not report.files_read:
        raise TaxonomyImportError(
            _(
                "%(directory)s holds none of the JobTech Taxonomy files this importer reads (such as skills.json)."
            )
            % {"directory": export.name},
            field="directory",
        )
    parsed.version = read_version(export)
    return parsed


def parse_directory(directory: Path, report: ImportReport) -> Parsed:
    """Parse the export in ``directory`` (a folder or a zip archive)."""
    return parse_export(open_export(directory), report)


def build_bundle(directory: Path, target: Path, *, version: str, downloaded: str) -> Path:
    """Write the files of the export in ``directory`` that this importer reads, plus a manifest, to
    the zip archive ``target``. The same export gives the same bytes (fixed dates, sorted order)."""
    manifest = {
        "source": "JobTech Taxonomy, Arbetsförmedlingen (https://jobtechdev.se)",
        "version": version,
        "downloaded": downloaded,
        "licence": "CC0-1.0",
        "files": [spec.name for spec in FILES if (directory / spec.name).is_file()],
    }
    if not manifest["files"]:
        raise TaxonomyImportError(
            _(
                "%(directory)s holds none of the JobTech Taxonomy files this importer reads (such as skills.json)."
            )
            % {"directory": directory},
            field="directory",
        )
    # Check every file before writing: a bundle that cannot be imported is never built.
    export = FolderExport(directory)
    parsed = Parsed(records={}, relations=[], covered_schemes=set(), covered_relation_kinds=set())
    for spec in FILES:
        if spec.name in manifest["files"]:
            parse_file(export, spec, parsed)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        entries = [(MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())]
        entries += [(name, (directory / name).read_bytes()) for name in manifest["files"]]
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content, compresslevel=9)
    return target
