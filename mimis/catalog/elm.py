"""Export of a micro-credential as a European Learning Model (ELM 3) LearningAchievementSpecification.

The shape follows the European Commission's ELM v3 JSON-LD examples (the micro-credential "Annex I"
sample of the European-Learning-Model repository). Only controlled-vocabulary URIs known from those
examples and the EU Publications Office authority tables are used; where no URI is known (for instance
the form "on site"), the element is left out rather than invented.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import translation

from mimis.catalog.levels import level_status
from mimis.catalog.models import CourseOccasion, MicroCredentialVersion

ELM_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
EQF = "http://data.europa.eu/snb/eqf/{level}"
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language/{code}"
# ISO 639-1 → the EU language authority table's three-letter codes.
LANGUAGE_CODES = {
    "sv": "SWE",
    "en": "ENG",
    "ar": "ARA",
    "fa": "FAS",
    "so": "SOM",
    "ti": "TIR",
    "uk": "UKR",
    "pl": "POL",
    "bs": "BOS",
    "de": "DEU",
    "fr": "FRA",
    "es": "SPA",
    "fi": "FIN",
    "da": "DAN",
}
ECTS = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
NON_FORMAL = "http://data.europa.eu/snb/learning-setting/e207a81fc7"
SHORT_LEARNING_PROGRAMME = "http://data.europa.eu/snb/learning-opportunity/74a4a268e8"
MODES = {
    "online": ("http://data.europa.eu/snb/learning-assessment/920fbb3cbe", "Online"),
    "blended": ("http://data.europa.eu/snb/learning-assessment/e92d221e4d", "Blended"),
}


def _lang_string(sv: str, en: str = "") -> dict[str, str]:
    return {k: v for k, v in (("sv", sv), ("en", en)) if v}


def _concept(uri: str, scheme: str, label: dict[str, str]) -> dict[str, Any]:
    return {
        "id": uri,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
        "prefLabel": label,
    }


def learning_achievement_specification(
    version: MicroCredentialVersion, *, url: str, occasions: Iterable[CourseOccasion] | None = None
) -> dict[str, Any]:
    """The ELM JSON-LD document for one published (or draft) version; ``url`` identifies it.

    ``occasions`` (course occasions) are added as LearningOpportunity items.
    """
    outcomes = []
    for index, outcome in enumerate(version.learning_outcomes.all(), start=1):
        item: dict[str, Any] = {
            "id": f"{url}#outcome-{index}",
            "type": "LearningOutcome",
            "title": _lang_string(outcome.text, outcome.text_en),
        }
        esco, other = [], []
        for skill in outcome.skills.all():
            label = _lang_string(skill.preferred_label, skill.preferred_label_en)
            if skill.source == "esco":
                esco.append(
                    _concept(skill.source_id, "http://data.europa.eu/esco/concept-scheme/skills", label)
                )
            else:
                other.append(
                    _concept(
                        skill.uri,
                        "http://data.jobtechdev.se/taxonomy/concept-scheme/skill",
                        label,
                    )
                )
        if esco:
            item["relatedESCOSkill"] = esco
        if other:
            item["relatedSkill"] = other
        outcomes.append(item)
    document: dict[str, Any] = {
        "@context": ELM_CONTEXT,
        "id": url,
        "type": "LearningAchievementSpecification",
        "title": _lang_string(version.title, version.title_en),
        "description": _lang_string(version.summary, version.summary_en),
        "dcType": _concept(
            SHORT_LEARNING_PROGRAMME,
            "http://data.europa.eu/snb/learning-opportunity/25831c2",
            {"en": "Short learning programme"},
        ),
        "learningSetting": _concept(
            NON_FORMAL, "http://data.europa.eu/snb/learning-setting/25831c2", {"en": "non-formal learning"}
        ),
        "learningOutcome": outcomes,
        "language": [
            _concept(
                LANGUAGE_AUTHORITY.format(code=LANGUAGE_CODES[code]),
                "http://publications.europa.eu/resource/authority/language",
                {"en": code},
            )
            for code in version.languages
            if code in LANGUAGE_CODES
        ],
    }
    # Only a level MYH has decided goes into the ELM level fields, which readers take as official; a
    # provider's proposal is a note that says what it is (see mimis.catalog.levels).
    status = level_status(version)
    if status.eqf_decided:
        document["eqfLevel"] = _concept(
            EQF.format(level=status.eqf_level),
            "http://data.europa.eu/snb/eqf/25831c2",
            {"en": f"Level {status.eqf_level}"},
        )
    if status.decided and status.decision is not None:
        document["nqfLevel"] = {
            "id": f"{url}#seqf",
            "type": "Concept",
            "prefLabel": {"sv": f"SeQF-nivå {status.seqf_level}", "en": f"SeQF level {status.seqf_level}"},
            "definition": {
                "sv": f"Beslut av Myndigheten för yrkeshögskolan, dnr {status.decision.decision_number}, "
                f"{status.decision.decided_on.isoformat()}, gäller till {status.decision.valid_until.isoformat()}.",
                "en": f"Decision by the Swedish National Agency for Higher Vocational Education (MYH), case "
                f"{status.decision.decision_number}, {status.decision.decided_on.isoformat()}, valid until "
                f"{status.decision.valid_until.isoformat()}.",
            },
        }
    level_notes = []
    if status.stated and not status.decided:
        with translation.override("sv"):
            sv = status.text()
        with translation.override("en"):
            en = status.text()
        level_notes.append(
            {"id": f"{url}#proposed-level", "type": "Note", "noteLiteral": {"sv": sv, "en": en}}
        )
    if version.workload_hours:
        document["volumeOfLearning"] = f"PT{version.workload_hours}H"
    if version.workload_ects:
        document["creditPoint"] = {
            "id": f"{url}#credits",
            "type": "CreditPoint",
            "point": str(version.workload_ects),
            "framework": _concept(
                ECTS,
                "http://data.europa.eu/snb/education-credit/25831c2",
                {"en": "European Credit Transfer System"},
            ),
        }
    if version.prerequisites:
        document["entryRequirement"] = {
            "id": f"{url}#entry",
            "type": "Note",
            "noteLiteral": {"sv": version.prerequisites},
        }
    modes = [MODES[form] for form in version.participation_form if form in MODES]
    if modes:
        uri, label = modes[0]
        document["mode"] = _concept(
            uri, "http://data.europa.eu/snb/learning-assessment/25831c2", {"en": label}
        )
    if version.grading_scheme or version.assessment_type:
        document["additionalNote"] = [
            {
                "id": f"{url}#assessment",
                "type": "Note",
                "noteLiteral": {
                    "sv": " – ".join(
                        filter(
                            None,
                            [
                                str(version.get_assessment_type_display()),
                                version.assessment_description,
                                version.grading_scheme,
                            ],
                        )
                    )
                },
            }
        ]
    if level_notes:
        document["additionalNote"] = [*document.get("additionalNote", []), *level_notes]
    opportunities = [learning_opportunity(o, url=url) for o in occasions or []]
    if opportunities:
        # ELM 3 links a LearningOpportunity to its specification (learningAchievementSpecification), not the
        # other way round. We are not sure a specification may carry its opportunities; we list them here,
        # each with the link back, so that one download holds the whole offer. A strict ELM consumer can take
        # the "learningOpportunity" items as separate LearningOpportunity resources.
        document["learningOpportunity"] = opportunities
    return {key: value for key, value in document.items() if value not in ({}, [], "")}


def learning_opportunity(occasion: CourseOccasion, *, url: str) -> dict[str, Any]:
    """A course occasion as an ELM LearningOpportunity: its period, place or online, language, how to apply."""
    temporal: dict[str, Any] = {
        "type": "PeriodOfTime",
        "startDate": f"{occasion.start_date.isoformat()}T00:00:00",
    }
    if occasion.end_date:
        temporal["endDate"] = f"{occasion.end_date.isoformat()}T23:59:59"
    item: dict[str, Any] = {
        "id": f"{url}#occasion-{occasion.pk}",
        "type": "LearningOpportunity",
        "learningAchievementSpecification": {"id": url, "type": "LearningAchievementSpecification"},
        "temporal": temporal,
    }
    if occasion.language in LANGUAGE_CODES:
        item["defaultLanguage"] = _concept(
            LANGUAGE_AUTHORITY.format(code=LANGUAGE_CODES[occasion.language]),
            "http://publications.europa.eu/resource/authority/language",
            {"en": occasion.language},
        )
    if occasion.online:
        uri, label = MODES["online"]
        item["mode"] = _concept(uri, "http://data.europa.eu/snb/learning-assessment/25831c2", {"en": label})
    if occasion.place:
        item["location"] = [
            {
                "id": f"{url}#occasion-{occasion.pk}-location",
                "type": "Location",
                "address": [
                    {
                        "id": f"{url}#occasion-{occasion.pk}-address",
                        "type": "Address",
                        "fullAddress": {"type": "Note", "noteLiteral": {"sv": occasion.place}},
                    }
                ],
            }
        ]
    if occasion.application_deadline:
        item["applicationDeadline"] = [f"{occasion.application_deadline.isoformat()}T23:59:59"]
    if occasion.application_url:
        item["homepage"] = [{"type": "WebResource", "contentURL": occasion.application_url}]
    if occasion.how_to_apply:
        item["additionalNote"] = [
            {
                "id": f"{url}#occasion-{occasion.pk}-apply",
                "type": "Note",
                "noteLiteral": {"sv": occasion.how_to_apply},
            }
        ]
    return item
