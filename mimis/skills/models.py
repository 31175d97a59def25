"""Stored embeddings of the taxonomy's skills for the semantic step of skill suggestion (optional extra).

Embeddings are computed once per taxonomy import (``services.build_concept_embeddings``), never per request.
A set is valid for exactly one state of the skills: its ``fingerprint`` hashes the model, the recipe and every
embedded label, so a new import with changed labels needs a new set, and an unchanged one does not.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmbeddingSet(models.Model):
    """The embeddings of all current skills, made by one model with one recipe from one taxonomy state."""

    model_name = models.CharField(_("model"), max_length=100)
    fingerprint = models.CharField(_("taxonomy fingerprint"), max_length=64)
    dimensions = models.PositiveSmallIntegerField(_("dimensions"))
    concept_count = models.PositiveIntegerField(_("skills"))
    vector_count = models.PositiveIntegerField(_("vectors"))
    seconds = models.FloatField(_("seconds to build"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skill embedding set")
        verbose_name_plural = _("skill embedding sets")
        constraints = [
            models.UniqueConstraint(fields=["model_name", "fingerprint"], name="skills_embeddingset_unique")
        ]

    def __str__(self) -> str:
        return f"{self.model_name} {self.fingerprint[:12]} ({self.concept_count})"


class ConceptEmbedding(models.Model):
    """One embedded name of a skill (its preferred label, or one of its other names).

    ``vector`` is the L2-normalised embedding as little-endian float16 (768 bytes for 384 dimensions): half
    the size of float32, and the cosine scores differ by less than 0.001, far below the calibrated margins.
    """

    embedding_set = models.ForeignKey(EmbeddingSet, on_delete=models.CASCADE, related_name="vectors")
    concept = models.ForeignKey("taxonomy.Concept", on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("embedded text"), max_length=500)
    vector = models.BinaryField()

    class Meta:
        verbose_name = _("skill embedding")
        verbose_name_plural = _("skill embeddings")

    def __str__(self) -> str:
        return f"{self.concept_id}: {self.text}"
