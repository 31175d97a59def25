"""A published micro-credential version as an Open Badges 3.0 ``Achievement``, with the EU elements.

What issuing signs into every credential (``credentialSubject.achievement``) and what the catalogue page
answers at the achievement's ``id`` for ``Accept: application/ld+json``. Every mandatory element of the
Council Recommendation on micro-credentials (Annex I) that the credential does not carry elsewhere is here,
machine-readably: OB 3.0 properties where they exist (``alignment`` to skills, sectors, occupations and levels,
``creditsAvailable``, ``resultDescription`` for the grading scheme, ``inLanguage``), and MIMIS's documented
extension context (:data:`mimis.vc.jsonld.MIMIS_EU_CONTEXT_PATH`) for the rest: learning outcomes, workload
in hours, type of assessment, form of participation, quality assurance, identity verification, prerequisites,
stackability and further information. The issuer's country and region are the issuer profile's ``address``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mimis.catalog.levels import level_status
from mimis.catalog.models import MicroCredentialVersion, ParticipationForm
from mimis.vc import credentials as vc
from mimis.vc.jsonld import mimis_eu_context_url

EQF_LEVEL_URI = "http://data.europa.eu/snb/eqf/{level}"  # the EU's EQF vocabulary, as in the ELM export


def _concept_alignment(concept: Any, framework: str) -> vc.Alignment:
    return vc.Alignment(
        target_name=concept.display_label,
        target_url=concept.uri,
        target_code=concept.code or concept.source_id,
        target_framework=framework,
        target_type="ext:" + framework.split()[0],
    )


def version_language(version: MicroCredentialVersion) -> str:
    """The micro-credential's own language: the credential is written in it, whatever the page's language."""
    language = version.languages[0] if version.languages else "sv"
    return language if language in dict(settings.LANGUAGES) else "sv"


def level_alignments(version: MicroCredentialVersion, *, detail_url: str) -> list[vc.Alignment]:
    """The SeQF and EQF levels as alignments that say whether MYH decided them (see ``catalog.levels``).

    A decided level names the decision (case number, dates) and links to it; a proposed level says so in
    its name and description, so no reader of the credential takes the provider's proposal for a decision.
    """
    status = level_status(version)
    alignments = []
    decision = status.decision if status.decided else None
    if status.eqf_level:
        if status.eqf_decided:
            name = _("EQF level %(level)d (through the SeQF decision by MYH)") % {"level": status.eqf_level}
        else:
            name = _("Proposed EQF level %(level)d (not decided by MYH)") % {"level": status.eqf_level}
        alignments.append(
            vc.Alignment(
                target_name=name,
                target_url=EQF_LEVEL_URI.format(level=status.eqf_level),
                target_code=str(status.eqf_level),
                target_framework="European Qualifications Framework",
                target_type="ext:EQF",
                target_description=status.text(),
            )
        )
    if status.seqf_level:
        if decision is not None:
            name = _("SeQF level %(level)d, decided by MYH") % {"level": status.seqf_level}
            url = decision.decision_url or f"{detail_url}#seqf-{status.seqf_level}"
        else:
            name = _("Proposed SeQF level %(level)d (not decided by MYH)") % {"level": status.seqf_level}
            url = f"{detail_url}#seqf-{status.seqf_level}"
        alignments.append(
            vc.Alignment(
                target_name=name,
                target_url=url,
                target_code=str(status.seqf_level),
                target_framework="Sveriges referensram för kvalifikationer (SeQF)",
                target_type="ext:SeQF",
                target_description=status.text(),
            )
        )
    return alignments


def achievement_for(version: MicroCredentialVersion) -> vc.Achievement:
    """The version as an OB 3.0 Achievement with the EU standard elements (see the module docstring).

    Assessment, participation and quality assurance are also written out in the criteria narrative for
    people; the extension terms carry them for machines.
    """
    microcredential = version.microcredential
    detail_url = settings.MIMIS_BASE_URL + reverse("catalog:detail", args=[microcredential.slug])
    language = version.languages[0] if version.languages else "sv"
    with translation.override(version_language(version)):
        alignments = []
        for outcome in version.learning_outcomes.all():
            for skill in outcome.skills.all():
                framework = "ESCO" if skill.source == "esco" else "JobTech Taxonomy"
                alignments.append(
                    vc.Alignment(
                        target_name=skill.preferred_label,
                        target_url=skill.uri,
                        target_code=skill.source_id,
                        target_framework=framework,
                        target_type="ext:" + framework.split()[0],
                    )
                )
        alignments.extend(level_alignments(version, detail_url=detail_url))
        alignments.extend(_concept_alignment(sector, "SNI 2007") for sector in version.sectors.all())
        alignments.extend(
            _concept_alignment(occupation, "SSYK 2012") for occupation in version.occupations.all()
        )
        outcomes = [o.text for o in version.learning_outcomes.all()]
        participation = [str(ParticipationForm(code).label) for code in version.participation_form]
        facts = [
            (_("Learning outcomes"), "\n".join(f"- {text}" for text in outcomes)),
            (
                _("Assessment"),
                " ".join(
                    filter(None, [version.get_assessment_type_display(), version.assessment_description])
                ),
            ),
            (_("Form of participation"), ", ".join(participation)),
            (_("Quality assurance"), version.get_quality_assurance_display()),
        ]
        narrative = "\n\n".join(f"{label}:\n{text}" for label, text in facts if text)
        achievement_id = f"{detail_url}#v{version.number}"
        results = ()
        if version.grading_scheme:
            results = (
                vc.ResultDescription(
                    id=f"{achievement_id}-grading",
                    name=version.grading_scheme,
                    result_type="ext:GradingScheme",
                ),
            )
    return vc.Achievement(
        id=achievement_id,
        name=version.title,
        description=version.summary,
        criteria_narrative=narrative,
        achievement_type="MicroCredential",
        image=vc.Image(
            id=settings.MIMIS_BASE_URL + reverse("badge_image", args=[microcredential.slug, version.number]),
            caption=version.title,
        ),
        alignments=tuple(dict.fromkeys(alignments)),
        credits_available=float(version.workload_ects) if version.workload_ects else None,
        in_language=language,
        result_descriptions=results,
        tags=tuple(participation),
        human_code=microcredential.slug,
        version=str(version.number),
        facts=vc.MicroCredentialFacts(
            context=mimis_eu_context_url(settings.MIMIS_BASE_URL),
            learning_outcomes=tuple(outcomes),
            workload_hours=version.workload_hours,
            assessment_type=version.assessment_type,
            assessment_description=version.assessment_description,
            participation_form=tuple(version.participation_form),
            quality_assurance=version.quality_assurance,
            identity_verification=version.identity_verification,
            prerequisites=version.prerequisites,
            stackability=version.stackability,
            further_information=version.further_information,
        ),
    )


def issuer_address(version: MicroCredentialVersion) -> vc.Address:
    """The EU's "country(ies)/region of the issuer", as the catalogue holds it for this version."""
    return vc.Address(
        country_code=version.country or None,
        region=version.region or None,
        locality=version.microcredential.provider.municipality or None,
    )


def achievement_document(version: MicroCredentialVersion) -> dict[str, Any]:
    """The Achievement as a JSON-LD document of its own (what its ``id`` answers to a machine)."""
    achievement = achievement_for(version)
    return {
        "@context": [*vc.OB_CREDENTIAL_CONTEXTS, *achievement.contexts()],
        **achievement.to_json(),
    }
