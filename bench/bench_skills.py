"""Benchmark: skill suggestions against the labelled set, per method, language and split, in one run.

    python bench/bench_skills.py [--gold bench/data/skills_gold.jsonl] [--data-dir DIR] [--errors]

Prints micro precision, recall and F1 of (text, skill) pairs, the share of suggestions not in the gold set
("wrong"), wrong suggestions per text, the accuracy of the required flag on the skills found, and p50/p95
latency per text, for the baseline and (when the semantic extra is installed) baseline + semantic.

The database is a scratch SQLite file with the full JobTech Taxonomy imported (``--data-dir`` keeps it
between runs). Tune on split "dev" only: ``--errors`` lists misses and wrong suggestions of dev texts,
never of holdout texts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TAXONOMY_CANDIDATES = (ROOT.parent / "shared" / "taxonomy" / "jobtech", Path("/work/shared/taxonomy/jobtech"))


def setup(data_dir: str | None, taxonomy: str | None) -> str:
    directory = data_dir or tempfile.mkdtemp(prefix="mimis-bench-skills-")
    Path(directory).mkdir(parents=True, exist_ok=True)
    os.environ["MIMIS_DATA_DIR"] = directory
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench_skills.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "mimis.settings"
    os.environ["MIMIS_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from mimis.taxonomy.models import Concept

    if not Concept.objects.filter(scheme="skill", source="jobtech").exists():
        from mimis.taxonomy.services import import_jobtech

        source = taxonomy or next((str(p) for p in TAXONOMY_CANDIDATES if p.is_dir()), None)
        if source is None:
            raise SystemExit("No JobTech Taxonomy export found; pass --taxonomy DIR.")
        report = import_jobtech(directory=source)
        print(f"imported the JobTech Taxonomy from {source} in {report.seconds:.1f} s")
    return directory


def load_gold(path: str) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    return rows


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.texts = 0
        self.required_right = self.required_total = 0
        self.latencies: list[float] = []

    def line(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        wrong = self.fp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        per_text = self.fp / self.texts if self.texts else 0.0
        required = self.required_right / self.required_total if self.required_total else 0.0
        lat = sorted(self.latencies)
        p50 = statistics.median(lat) * 1000 if lat else 0.0
        p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))] * 1000 if lat else 0.0
        return (
            f"{name:<28} {self.texts:>4} {precision:>6.3f} {recall:>6.3f} {f1:>6.3f} {wrong:>7.1%} "
            f"{per_text:>6.2f} {required:>7.1%} {p50:>7.1f} {p95:>7.1f}"
        )


def run(rows: list[dict], *, semantic: bool, errors: bool) -> dict[str, Tally]:
    from mimis.skills.selectors import suggest_skills

    tallies: dict[str, Tally] = defaultdict(Tally)
    for row in rows:
        started = time.perf_counter()
        result = suggest_skills(row["text"], semantic=semantic)
        elapsed = time.perf_counter() - started
        for skill in result.skills:
            for span in skill.spans:
                assert row["text"][span.start : span.end] == span.text, (row["id"], span)
        found = {s.source_id: s for s in result.skills}
        gold = {g["skill_id"]: g for g in row["gold"]}
        keys = [
            "all",
            f"{row['split']}",
            f"{row['split']} {row['language']}",
            f"{row['split']} {row['language']} {row.get('kind', 'ad')}",
        ]
        for key in keys:
            tally = tallies[key]
            tally.texts += 1
            tally.latencies.append(elapsed)
            tally.tp += len(found.keys() & gold.keys())
            tally.fp += len(found.keys() - gold.keys())
            tally.fn += len(gold.keys() - found.keys())
            for skill_id in found.keys() & gold.keys():
                tally.required_total += 1
                tally.required_right += found[skill_id].required == bool(gold[skill_id]["required"])
        if errors and row["split"] == "dev":
            wrong = [
                f"{s.label} [{s.method}] {[sp.text for sp in s.spans]}"
                for s in result.skills
                if s.source_id not in gold
            ]
            missed = [
                f"{g['label']} {[row['text'][a:b] for a, b in g['spans']]}"
                for k, g in gold.items()
                if k not in found
            ]
            flags = [
                f"{found[k].label} required={found[k].required}"
                for k in found.keys() & gold.keys()
                if found[k].required != bool(gold[k]["required"])
            ]
            if wrong or missed or flags:
                print(f"--- {row['id']} ({row['language']}, {row.get('kind', 'ad')})")
                for item in wrong:
                    print(f"  WRONG  {item}")
                for item in missed:
                    print(f"  MISSED {item}")
                for item in flags:
                    print(f"  FLAG   {item}")
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default=str(ROOT / "bench" / "data" / "skills_gold.jsonl"))
    parser.add_argument("--data-dir", help="keep the scratch database here between runs")
    parser.add_argument("--taxonomy", help="a JobTech Taxonomy export folder to import")
    parser.add_argument(
        "--errors", action="store_true", help="list misses and wrong suggestions of dev texts"
    )
    args = parser.parse_args()
    if not Path(args.gold).is_file():
        raise SystemExit(f"No labelled set at {args.gold}; pass --gold PATH.")
    setup(args.data_dir, args.taxonomy)
    rows = load_gold(args.gold)
    from mimis.skills.selectors import _semantic_module, suggest_skills

    suggest_skills("Vi söker en undersköterska med erfarenhet av demensvård.")  # build the lexicon once
    suggest_skills("We are looking for a warehouse worker with a forklift licence.")
    method_sets = [("baseline", False)]
    module = _semantic_module()
    if module is not None and getattr(module, "is_installed", lambda: False)() and not module.available():
        # The semantic extra reads skill embeddings stored per taxonomy state; build them for this database.
        from mimis.skills import services

        started = time.perf_counter()
        services.build_concept_embeddings()
        print(f"built the skill embeddings for the semantic extra in {time.perf_counter() - started:.0f} s")
    if module is not None and module.available():
        method_sets.append(("baseline+semantic", True))
    print(f"{len(rows)} texts from {args.gold}")
    for name, semantic in method_sets:
        tallies = run(rows, semantic=semantic, errors=args.errors and name == "baseline")
        print(f"\n== {name}")
        print(
            f"{'split language kind':<28} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'wrong':>7} {'wr/ad':>6} {'req.ok':>7} {'p50 ms':>7} {'p95 ms':>7}"
        )
        for key in sorted(tallies, key=lambda k: (k != "all", k.split()[0] != "dev", len(k.split()), k)):
            print(tallies[key].line(key))
    if len(method_sets) == 1:
        print("\n(semantic extra not installed: baseline only)")


if __name__ == "__main__":
    main()
