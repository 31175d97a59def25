"""Concepts of the taxonomies (skills, occupations, industries, education) and the relations between them.

One table serves every source (JobTech Taxonomy, ESCO, the demo subset). Concepts are never deleted:
a concept that disappears from a source is marked ``deprecated``, so links from learning outcomes
(foreign keys with ``on_delete=PROTECT``) stay valid.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mimis.core.i18n import in_active_language


class Scheme(models.TextChoices):
    SKILL = "skill", pgettext_lazy("taxonomy scheme", "Skill")
    SKILL_GROUP = "skill_group", _("Skill group")
    OCCUPATION_GROUP = "occupation_group", _("Occupation group (SSYK)")
    OCCUPATION_NAME = "occupation_name", _("Occupation")
    ISCO_GROUP = "isco_group", _("Occupation group (ISCO-08)")
    INDUSTRY = "industry", _("Industry (SNI)")
    EDUCATION_FIELD = "education_field", _("Field of education (SUN)")
    EDUCATION_LEVEL = "education_level", _("Level of education (SUN)")
    LANGUAGE = "language", pgettext_lazy("taxonomy scheme", "Language")


class Source(models.TextChoices):
    JOBTECH = "jobtech", _("JobTech Taxonomy (Arbetsförmedlingen)")
    ESCO = "esco", _("ESCO (European Commission)")
    MIMIS_DEMO = "mimis-demo", _("MIMIS demo data")


class RelationKind(models.TextChoices):
    RELATED_SKILL = "related_skill", _("Related skill")
    BROADER = "broader", _("Broader concept")
    ESSENTIAL_SKILL = "essential_skill", _("Essential skill")
    OPTIONAL_SKILL = "optional_skill", _("Optional skill")
    ISCO_MAPPING = "isco_mapping", _("ISCO-08 equivalent")
    SUBSTITUTABLE = "substitutable", _("Can substitute")


class Concept(models.Model):
    """A concept of one scheme, identified by its source's own identifier (JobTech id or ESCO URI)."""

    scheme = models.CharField(_("scheme"), max_length=32, choices=Scheme.choices)
    level = models.PositiveSmallIntegerField(_("level in the hierarchy"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_id = models.CharField(_("identifier at the source"), max_length=255)
    code = models.CharField(_("code"), max_length=32, blank=True, db_index=True)
    preferred_label = models.CharField(_("name"), max_length=500)
    preferred_label_en = models.CharField(_("name in English"), max_length=500, blank=True)
    alternative_labels = models.JSONField(_("other names"), default=list, blank=True)
    # Spellings a search finds but pages do not show (JobTech's hidden labels: misspellings, variants).
    hidden_labels = models.JSONField(_("hidden search names"), default=list, blank=True)
    # Links to ESCO as the source gives them: [{"match": "exact"|"close"|"broad"|"narrow", "uri": ESCO
    # URI, "id", "label", "type"}]. Kept as data, not relations: the ESCO concept need not be imported;
    # when it is, its Concept.source_id is the same URI.
    esco_matches = models.JSONField(_("ESCO matches"), default=list, blank=True)
    definition = models.TextField(_("definition"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    deprecated = models.BooleanField(_("deprecated"), default=False)
    # Lower-cased labels plus their stems (see mimis.taxonomy.text); what search_concepts matches on.
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        ordering = ["scheme", "preferred_label"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="taxonomy_concept_source_id_unique")
        ]
        indexes = [models.Index(fields=["scheme", "deprecated"], name="taxonomy_concept_scheme_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.preferred_label}".strip()

    @property
    def display_label(self) -> str:
        """The name in the active language: the English name on English pages where the source has one."""
        return in_active_language(self.preferred_label, self.preferred_label_en)

    @property
    def uri(self) -> str:
        """A global identifier: ESCO concepts are URIs already; JobTech ids live under JobTech's namespace."""
        if self.source == Source.ESCO:
            return self.source_id
        if self.source == Source.JOBTECH:
            return f"http://data.jobtechdev.se/taxonomy/concept/{self.source_id}"
        return f"urn:mimis:concept:{self.source_id}"


class ConceptRelation(models.Model):
    """A directed link: an occupation group's related skill, a broader concept, an ISCO equivalent …"""

    from_concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="relations_from")
    to_concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="relations_to")
    kind = models.CharField(_("kind"), max_length=32, choices=RelationKind.choices)
    # The source's strength of the link where it gives one (JobTech substitutability percentage).
    weight = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("concept relation")
        verbose_name_plural = _("concept relations")
        constraints = [
            models.UniqueConstraint(
                fields=["from_concept", "to_concept", "kind"], name="taxonomy_relation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_concept_id} -{self.kind}-> {self.to_concept_id}"


class TaxonomyImport(models.Model):
    """One import of a taxonomy: which version, from where, when, by whom, and what it changed."""

    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    # The version the export states (JobTech: "30"); "" when the export does not say (unknown).
    version = models.CharField(_("version"), max_length=64, blank=True)
    downloaded = models.CharField(_("downloaded"), max_length=64, blank=True)
    # "bundled" for the copy that ships with MIMIS; otherwise the name of the folder or archive.
    origin = models.CharField(_("origin"), max_length=255)
    checksum = models.CharField(max_length=64, blank=True)
    counts = models.JSONField(_("counts"), default=dict)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("taxonomy import")
        verbose_name_plural = _("taxonomy imports")
        ordering = ["-imported_at", "-id"]
        indexes = [models.Index(fields=["source", "-imported_at"], name="taxonomy_import_source_idx")]

    def __str__(self) -> str:
        return f"{self.source} {self.version or '?'} ({self.origin})"
