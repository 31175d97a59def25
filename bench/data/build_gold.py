"""Build skills_gold.jsonl from the hand-written snippets in gold_src.py.

Labels are resolved to JobTech ids through skills.json; spans are computed with
str.find of the evidence phrase (never typed by hand). An evidence phrase may be
written "anchor>>phrase": the phrase is then searched after the first occurrence
of the anchor (used when the same word also occurs earlier, e.g. in "Om oss").

Split rule (fixed before any tuning): within each group of ids sharing the same
prefix (language-sector for ads, language-kind for outcomes and experiences),
every third item (number divisible by 3) is "holdout", the rest "dev". The rule
depends only on the id, so a snippet never changes split when more are added.

Run: python3 bench/data/build_gold.py  (then python3 bench/data/check_gold.py)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gold_src import SNIPPETS  # noqa: E402

TAXONOMY = HERE.parents[1] / ".." / "shared" / "taxonomy" / "jobtech" / "skills.json"
for candidate in (
    HERE.parents[1] / ".." / "shared" / "taxonomy" / "jobtech" / "skills.json",
    Path("/work/shared/taxonomy/jobtech/skills.json"),
):
    if candidate.exists():
        TAXONOMY = candidate
        break


def load_labels() -> dict[str, tuple[str, str]]:
    concepts = json.loads(TAXONOMY.read_text(encoding="utf-8"))["data"]["concepts"]
    by_label: dict[str, tuple[str, str]] = {}
    for c in concepts:
        # Looked up with ordinary spaces; the exact label (one has a no-break
        # space, U+00A0) is what goes into the file.
        key = c["preferred_label"].replace("\xa0", " ")
        by_label.setdefault(key, (c["id"], c["preferred_label"]))
    return by_label


def split_for(snippet_id: str) -> str:
    number = int(snippet_id.rsplit("-", 1)[1])
    return "holdout" if number % 3 == 0 else "dev"


def find_span(text: str, evidence: str, snippet_id: str) -> list[int]:
    start_at = 0
    phrase = evidence
    if ">>" in evidence:
        anchor, phrase = evidence.split(">>", 1)
        pos = text.find(anchor)
        if pos < 0:
            raise SystemExit(f"{snippet_id}: anchor not found: {anchor!r}")
        start_at = pos
    pos = text.find(phrase, start_at)
    if pos < 0:
        raise SystemExit(f"{snippet_id}: evidence not found: {phrase!r}")
    return [pos, pos + len(phrase)]


def build() -> list[dict]:
    labels = load_labels()
    rows = []
    seen = set()
    missing = []
    for s in SNIPPETS:
        sid = s["id"]
        if sid in seen:
            raise SystemExit(f"duplicate id {sid}")
        seen.add(sid)
        text = s["text"].strip("\n")
        gold = []
        for label, required, evidence in s["gold"]:
            if label not in labels:
                missing.append((sid, label))
                continue
            spans = [find_span(text, e, sid) for e in evidence]
            skill_id, exact_label = labels[label]
            gold.append(
                {
                    "skill_id": skill_id,
                    "label": exact_label,
                    "required": required,
                    "spans": spans,
                }
            )
        rows.append(
            {
                "id": sid,
                "language": sid.split("-", 1)[0],
                "sector": s["sector"],
                "kind": s.get("kind", "ad"),
                "split": split_for(sid),
                "text": text,
                "gold": gold,
            }
        )
    if missing:
        for sid, label in missing:
            print(f"{sid}: label not in skills.json: {label!r}", file=sys.stderr)
        raise SystemExit(1)
    return rows


def main() -> None:
    rows = build()
    out = HERE / "skills_gold.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} snippets to {out}")


if __name__ == "__main__":
    main()
