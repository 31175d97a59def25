"""Calibrate the semantic step's thresholds (mimis/skills/semantic.py) on the dev split of the labelled set.

    MIMIS_DATA_DIR=/tmp/somewhere mimis migrate
    MIMIS_DATA_DIR=/tmp/somewhere mimis taxonomy import-jobtech ../shared/taxonomy/jobtech
    MIMIS_DATA_DIR=/tmp/somewhere mimis skills_embeddings build
    MIMIS_DATA_DIR=/tmp/somewhere python bench/calibrate_semantic.py [--names passage] [--gold FILE]

Prints micro precision, recall and F1 over a grid of the thresholds (minimum score, for "other" segments
and for one-word pieces; lead over the second-best skill; margin and cap) for the semantic method alone
and for its union with the baseline, best F1 first; then the figures of the constants in semantic.py and
the latency of ``rerank_and_extend`` per ad. Only split "dev" is read: a holdout line is skipped before its
text is looked at.

Baseline: the baseline pipeline's own segments and suggestions (``suggest_skills(..., semantic=False)``)
when it is installed; otherwise a stand-in: lines and sentences with a kind from a few headings ("Vi
erbjuder", "Om oss", "Meriterande" …) and exact label matches.
``--names passage`` embeds the skills' names in memory with e5's "passage: " prefix instead of reading the
stored set (which uses "query: "), to compare the two recipes.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mimis.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from mimis.skills import semantic  # noqa: E402
from mimis.skills.suggestions import Segment  # noqa: E402
from mimis.taxonomy.models import Concept, Scheme  # noqa: E402

GOLD = ROOT / "bench" / "data" / "skills_gold.jsonl"

#: Whether the baseline pipeline (segments, lexicon, fuzzy matching) is installed; without it this script
#: compares with exact label matches in its own segments.
BASELINE = importlib.util.find_spec("mimis.skills.segments") is not None
BASE_NAME = "the baseline" if BASELINE else "exact labels"

_HEADINGS = [
    (
        re.compile(r"^\W*(vi erbjuder|vi kan erbjuda|förmåner|det här erbjuder vi|we offer|benefits)", re.I),
        "benefit",
    ),
    (
        re.compile(
            r"^\W*(om oss|om företaget|om arbetsplatsen|om tjänsten|ansökan|så söker du|sök|about us|how to apply|apply)",
            re.I,
        ),
        "about",
    ),
    (
        re.compile(
            r"^\W*(meriterande|det är meriterande|vi ser gärna|nice to have|it is a plus|a plus|merit)", re.I
        ),
        "meritorious",
    ),
    (
        re.compile(
            r"^\W*(vi söker dig som|du har|krav|kvalifikationer|vi söker|requirements|you have|we are looking for|qualifications)",
            re.I,
        ),
        "requirement",
    ),
]
_MERIT_INLINE = re.compile(r"meriterande|är ett plus|is a plus|an advantage|en fördel|is a merit", re.I)
_BENEFIT_WORDS = re.compile(
    r"kollektivavtal|friskvård|tjänstepension|förmån|collective agreement|pension", re.I
)


def segment(text: str) -> list[Segment]:
    """Lines, then sentences; a heading line sets the kind of the lines under it until a blank line."""
    segments: list[Segment] = []
    section = "other"
    for line in re.finditer(r"[^\n]+|\n\s*\n", text):
        chunk = line.group()
        if not chunk.strip():
            section = "other"
            continue
        kind = section
        for pattern, heading_kind in _HEADINGS:
            if pattern.search(chunk):
                kind = section = heading_kind
                break
        if _MERIT_INLINE.search(chunk):
            kind = "meritorious"
        elif kind in {"other", "requirement"} and _BENEFIT_WORDS.search(chunk):
            kind = "benefit"
        for sentence in re.finditer(r"[^.!?]+[.!?]*", chunk):
            if sentence.group().strip():
                start = line.start() + sentence.start()
                segments.append(Segment(start, start + len(sentence.group()), sentence.group(), kind))
    return segments


def load_dev(path: Path) -> list[dict]:
    ads = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        item = json.loads(raw)
        if item.get("split") != "dev":
            continue  # holdout: never looked at while tuning
        ads.append(item)
    return ads


def exact_label_matches(text: str, segments: list[Segment], labels: list[tuple[str, str]]) -> set[str]:
    """Skills whose preferred label (or one of its "/" names) appears as words in a readable segment."""
    readable = " \n ".join(s.text.lower() for s in segments if s.kind in semantic.READ_KINDS)
    found = set()
    for source_id, name in labels:
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", readable):
            found.add(source_id)
    return found


def baseline(text: str, language: str, labels: list[tuple[str, str]]) -> tuple[list[Segment], list]:
    """The segments and the skills the baseline finds: the baseline pipeline's when it is there (its
    ``suggest_skills(..., semantic=False)`` returns its segments), else this script's segments and exact
    label matches (as suggestions without spans)."""
    from mimis.skills import selectors
    from mimis.skills.suggestions import SkillSuggestion

    if BASELINE:
        result = selectors.suggest_skills(text, language=language, semantic=False)
        return list(result.segments), list(result.skills)
    segments = segment(text)
    return segments, [
        SkillSuggestion(0, source_id, "", 1.0, True, "label", [])
        for source_id in exact_label_matches(text, segments, labels)
    ]


def chosen_by(index, blocks: list, params: tuple, *, free_only: bool) -> set[str]:  # type: ignore[no-untyped-def]
    """The skills the semantic step picks in one ad's pieces with the thresholds ``params``."""
    min_score, min_other, min_one, lead, margin, cap = params
    return {
        index.source_ids[column]
        for kind, text, row, free in blocks
        if free or not free_only
        for column, _ in semantic.select(
            row,
            min_score=semantic.floor(
                kind, text, min_score=min_score, min_other=min_other, min_one_word=min_one
            ),
            lead=lead,
            margin=margin,
            cap=cap,
        )
    }


def prf(predicted: list[set[str]], gold: list[set[str]]) -> tuple[float, float, float, float]:
    tp = sum(len(p & g) for p, g in zip(predicted, gold, strict=True))
    fp = sum(len(p - g) for p, g in zip(predicted, gold, strict=True))
    fn = sum(len(g - p) for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, fp / len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--names", choices=["stored", "passage"], default="stored")
    parser.add_argument("--top", type=int, default=15, help="grid rows printed per method")
    args = parser.parse_args()

    ads = load_dev(args.gold)
    index = semantic._index()
    if index is None:
        sys.exit("No stored embeddings for the current skills: run `mimis skills_embeddings build` first.")
    if args.names == "passage":
        _, concepts = semantic.current_skills()
        texts = [text for _, names in concepts for text in names]
        started = time.perf_counter()
        vectors = np.concatenate(
            [semantic._engine().passage(texts[i : i + 256]) for i in range(0, len(texts), 256)]
        )
        print(f"embedded {len(texts)} names with 'passage: ' in {time.perf_counter() - started:.0f} s")
        index.matrix = vectors.astype(np.float16).astype(np.float32)
    print(
        f"dev ads: {len(ads)}, gold skills: {sum(len(a['gold']) for a in ads)}; matrix {index.matrix.shape}, "
        f"{index.nbytes / 1e6:.1f} MB in memory"
    )

    labels = []
    for source_id, label in Concept.objects.filter(scheme=Scheme.SKILL, deprecated=False).values_list(
        "source_id", "preferred_label"
    ):
        labels += [(source_id, name.lower()) for name in semantic.name_texts(label, "", [])]

    gold = [{g["skill_id"] for g in ad["gold"]} for ad in ads]
    exact = []
    per_ad = []  # per ad: one row of scores (per skill) for each piece of its readable segments
    latencies = []
    cpu_times = []
    shipped = []  # what rerank_and_extend() with the shipped constants suggests
    for ad in ads:
        segments, hits = baseline(ad["text"], ad["language"], labels)
        exact.append({hit.source_id for hit in hits})
        covered = [span for hit in hits for span in hit.spans]
        started, cpu = time.perf_counter(), time.process_time()
        suggestions = semantic.rerank_and_extend(segments, hits, language=ad["language"])
        latencies.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
        shipped.append({s.source_id for s in suggestions})
        readable = semantic.pieces(segments)
        scores = semantic.concept_scores(index, semantic.embed_pieces([p.text for p in readable]))
        blocks = [
            (
                segments[p.segment].kind,
                p.text,
                row,
                not any(p.start < c.end and c.start < p.end for c in covered),
            )
            for p, row in zip(readable, scores, strict=True)
        ]
        per_ad.append(blocks)

    ceiling = [
        set().union(*[{index.source_ids[c] for c in np.argsort(-b)[:10]} for _, _, b, _ in blocks] or [set()])
        for blocks in per_ad
    ]
    print(
        f"recall ceiling (gold among a piece's 10 best skills): "
        f"{sum(len(c & g) for c, g in zip(ceiling, gold, strict=True)) / sum(map(len, gold)):.3f}"
    )
    p, r, f, w = prf(exact, gold)
    print(f"{BASE_NAME} alone: P {p:.3f} R {r:.3f} F1 {f:.3f} wrong/ad {w:.2f}")

    rows = []
    grid = itertools.product(
        [0.91, 0.92, 0.93, 0.94],  # min score
        [0.93, 0.94, 0.95, 0.96],  # min score in "other" segments
        [0.95, 0.97],  # min score for one-word pieces
        [0.01, 0.015, 0.02, 0.03, 0.04],  # lead over the piece's second-best skill
        [(0.005, 1)],  # (margin, cap); a wider margin or cap 2 gave the same figures (lead > margin)
    )
    for min_score, min_other, min_one, lead, (margin, cap) in grid:
        if min_other < min_score or min_one < min_score:
            continue

        params = (min_score, min_other, min_one, lead, margin, cap)
        predicted = [chosen_by(index, blocks, params, free_only=False) for blocks in per_ad]
        # In the union the semantic step reads only pieces the baseline found nothing in (as shipped).
        additions = [chosen_by(index, blocks, params, free_only=True) for blocks in per_ad]
        union = [add | ex for add, ex in zip(additions, exact, strict=True)]
        rows.append(
            ((min_score, min_other, min_one, lead, margin, cap), prf(predicted, gold), prf(union, gold))
        )

    for name, key in (("semantic alone", 1), (f"{BASE_NAME} ∪ semantic", 2)):
        print(f"\n{name}: best {args.top} of the grid by F1")
        print("min    other  1-word lead   margin cap  P      R      F1     wrong/ad")
        for params, *figures in sorted(rows, key=lambda row: -row[key][2])[: args.top]:
            p, r, f, w = figures[key - 1]
            print(
                f"{params[0]:.3f}  {params[1]:.3f}  {params[2]:.3f}  {params[3]:.3f}  {params[4]:.3f}  {params[5]}    "
                f"{p:.3f}  {r:.3f}  {f:.3f}  {w:.2f}"
            )

    constants = (
        semantic.MIN_SCORE,
        semantic.MIN_SCORE_OTHER,
        semantic.MIN_SCORE_ONE_WORD,
        semantic.LEAD,
        semantic.MARGIN,
        semantic.CAP,
    )
    chosen = next(row for row in rows if row[0] == constants)
    print(f"\nsemantic.py constants (min, other, one word, lead, margin, cap) = {constants}:")
    print("  semantic alone:  P {:.3f} R {:.3f} F1 {:.3f} wrong/ad {:.2f}".format(*chosen[1]))
    print(f"  {BASE_NAME} ∪ semantic:" + " P {:.3f} R {:.3f} F1 {:.3f} wrong/ad {:.2f}".format(*chosen[2]))
    p, r, f, w = prf(shipped, gold)
    print(
        f"  rerank_and_extend() on {BASE_NAME}, as shipped: P {p:.3f} R {r:.3f} F1 {f:.3f} wrong/ad {w:.2f}"
    )
    pieces_per_ad = sum(len(semantic.pieces(segment(a["text"]))) for a in ads) / len(ads)
    for name, values in (("wall clock", latencies), ("CPU time", cpu_times)):
        values.sort()
        print(
            f"rerank_and_extend() per ad, {name}: p50 {values[len(values) // 2] * 1000:.0f} ms, "
            f"p95 {values[int(len(values) * 0.95) - 1] * 1000:.0f} ms, max {values[-1] * 1000:.0f} ms "
            f"({pieces_per_ad:.1f} pieces per ad)"
        )


if __name__ == "__main__":
    main()
