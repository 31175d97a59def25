"""Validate bench/data/skills_gold.jsonl and print a summary.

Checks: one JSON object per line; required fields and allowed values; unique
snippet ids; every skill_id exists in the JobTech skills.json and its label is
that concept's preferred_label; no skill twice in one snippet; spans are
[start, end) pairs inside the text, non-empty and not starting or ending in
whitespace; a warning when a span lies on a line that opens a benefits or
employer section ("Vi erbjuder", "Om oss", "We offer", ...).

Exit status 1 when any error is found.
Run: python3 bench/data/check_gold.py [path/to/skills_gold.jsonl]
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAXONOMY_CANDIDATES = (
    HERE.parents[1] / ".." / "shared" / "taxonomy" / "jobtech" / "skills.json",
    Path("/work/shared/taxonomy/jobtech/skills.json"),
)
LANGUAGES = {"sv", "en"}
KINDS = {"ad", "outcome", "experience"}
SPLITS = {"dev", "holdout"}
SECTORS = {
    "eldercare",
    "homecare",
    "personal-assistance",
    "warehouse",
    "retail",
    "bakery-cafe",
    "cleaning",
    "manufacturing",
    "office",
    "construction",
}
BENEFIT_MARKERS = (
    "vi erbjuder",
    "om oss",
    "hos oss får du",
    "we offer",
    "about us",
    "what we offer",
)
FIELDS = ("id", "language", "sector", "kind", "split", "text", "gold")
GOLD_FIELDS = ("skill_id", "label", "required", "spans")


def load_taxonomy() -> dict[str, str]:
    for path in TAXONOMY_CANDIDATES:
        if path.exists():
            concepts = json.loads(path.read_text(encoding="utf-8"))["data"]["concepts"]
            return {c["id"]: c["preferred_label"] for c in concepts}
    raise SystemExit("skills.json not found")


def line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "skills_gold.jsonl"
    skills = load_taxonomy()
    errors: list[str] = []
    warnings: list[str] = []
    rows = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {n}: empty line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: not JSON: {exc}")
            continue
        if not isinstance(row, dict):
            errors.append(f"line {n}: not an object")
            continue
        missing = [f for f in FIELDS if f not in row]
        if missing:
            errors.append(f"line {n}: missing fields {missing}")
            continue
        sid = row["id"]
        where = f"line {n} ({sid})"
        if sid in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(sid)
        if row["language"] not in LANGUAGES:
            errors.append(f"{where}: language {row['language']!r}")
        if not str(sid).startswith(f"{row['language']}-"):
            errors.append(f"{where}: id does not start with the language")
        if row["sector"] not in SECTORS:
            errors.append(f"{where}: sector {row['sector']!r}")
        if row["kind"] not in KINDS:
            errors.append(f"{where}: kind {row['kind']!r}")
        if row["split"] not in SPLITS:
            errors.append(f"{where}: split {row['split']!r}")
        text = row["text"]
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: empty text")
            continue
        if not isinstance(row["gold"], list):
            errors.append(f"{where}: gold is not a list")
            continue
        ids_here: set[str] = set()
        for g in row["gold"]:
            gmissing = [f for f in GOLD_FIELDS if f not in g]
            if gmissing:
                errors.append(f"{where}: gold entry missing {gmissing}")
                continue
            skill_id = g["skill_id"]
            if skill_id not in skills:
                errors.append(f"{where}: unknown skill_id {skill_id}")
            elif skills[skill_id] != g["label"]:
                errors.append(
                    f"{where}: label {g['label']!r} is not the preferred_label "
                    f"{skills[skill_id]!r} of {skill_id}"
                )
            if skill_id in ids_here:
                errors.append(f"{where}: skill {skill_id} listed twice")
            ids_here.add(skill_id)
            if not isinstance(g["required"], bool):
                errors.append(f"{where}: required must be true/false for {skill_id}")
            spans = g["spans"]
            if not isinstance(spans, list) or not spans:
                errors.append(f"{where}: no spans for {g['label']!r}")
                continue
            for span in spans:
                ok = (
                    isinstance(span, list)
                    and len(span) == 2
                    and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
                )
                if not ok:
                    errors.append(f"{where}: bad span {span!r}")
                    continue
                start, end = span
                if not 0 <= start < end <= len(text):
                    errors.append(f"{where}: span {span} out of range (len {len(text)})")
                    continue
                evidence = text[start:end]
                if evidence != evidence.strip():
                    errors.append(f"{where}: span {span} {evidence!r} has edge whitespace")
                line_text = line_of(text, start).strip().lower()
                if line_text.startswith(BENEFIT_MARKERS):
                    warnings.append(f"{where}: span {evidence!r} for {g['label']!r} is on a benefits line")
        rows.append(row)

    for e in errors:
        print("ERROR", e)
    for w in warnings:
        print("WARN ", w)

    by_lang_split = Counter((r["language"], r["split"]) for r in rows)
    by_kind = Counter((r["language"], r["kind"]) for r in rows)
    gold_by = Counter()
    req_by = Counter()
    for r in rows:
        for g in r["gold"]:
            gold_by[(r["language"], r["split"])] += 1
            req_by["required" if g["required"] else "meritorious"] += 1
    print(
        f"snippets: {len(rows)}   gold skills: {sum(gold_by.values())}   "
        f"distinct skills: {len({g['skill_id'] for r in rows for g in r['gold']})}"
    )
    print(f"required: {req_by['required']}   meritorious: {req_by['meritorious']}")
    print("language split   snippets  gold")
    for key in sorted(by_lang_split):
        print(f"{key[0]:8} {key[1]:8} {by_lang_split[key]:8}  {gold_by[key]:4}")
    print("language kind    snippets")
    for key in sorted(by_kind):
        print(f"{key[0]:8} {key[1]:10} {by_kind[key]:6}")
    sector_split: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        sector_split[(r["language"], r["sector"])][r["split"]] += 1
    print("language sector              dev holdout")
    for key in sorted(sector_split):
        c = sector_split[key]
        print(f"{key[0]:8} {key[1]:20} {c['dev']:3} {c['holdout']:7}")
    ads = [r for r in rows if r["kind"] == "ad"]
    if ads:
        print(
            f"gold skills per ad: {sum(len(r['gold']) for r in ads) / len(ads):.2f} "
            f"(min {min(len(r['gold']) for r in ads)}, max {max(len(r['gold']) for r in ads)})"
        )
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
