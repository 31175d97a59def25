"""The application to MYH for a SeQF level decision, section by section, made from what MIMIS knows.

MYHFS 2021:4, 3 § lists what an application must hold: the applicant, a copy of the qualification, its
name, field, learning outcomes, the proposed level with a justification, the qualification's standing in
its field, how outcomes are assessed and validated, the examiners' qualifications and the owner's
systematic quality work. Each ``Section`` says where its text came from (``sources``) and what is still
missing, so a provider sees what to write before pasting the text into MYH's web form.

MYH's form counts characters per field and saves nothing before it is sent. MIMIS checks each section
against ``limit`` characters: our defaults are set in ``MIMIS_RECOGNITION_LIMITS`` (settings) and must be
changed there if MYH's form shows other limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mimis.catalog.levels import level_status
from mimis.catalog.models import MicroCredentialVersion, OutcomeDomain
from mimis.quality import selectors as quality_selectors
from mimis.recognition.models import RecognitionDossier
from mimis.taxonomy.levels import LEVELS

DEFAULT_LIMITS = {
    "applicant": 2000,
    "qualification": 500,
    "specimen": 1000,
    "field": 2000,
    "outcomes": 5000,
    "level": 5000,
    "standing": 5000,
    "assessment": 5000,
    "examiners": 3000,
    "quality": 5000,
    "appendix": None,  # sent as an attached document, not typed into the form
}


@dataclass
class Section:
    key: str
    title: str
    text: str
    limit: int | None
    sources: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def length(self) -> int:
        return len(self.text)

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.length > self.limit

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "text": self.text,
            "length": self.length,
            "limit": self.limit,
            "over_limit": self.over_limit,
            "sources": list(self.sources),
            "missing": list(self.missing),
        }


@dataclass
class Dossier:
    version: MicroCredentialVersion
    sections: list[Section]
    attachments: list[dict[str, str]]

    @property
    def complete(self) -> bool:
        return not any(s.missing or s.over_limit for s in self.sections)

    def as_dict(self) -> dict[str, object]:
        return {
            "microcredential": self.version.microcredential_id,
            "version": self.version.number,
            "complete": self.complete,
            "sections": [s.as_dict() for s in self.sections],
            "attachments": self.attachments,
        }


def _limit(key: str) -> int | None:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "MIMIS_RECOGNITION_LIMITS", {})}
    return limits.get(key)


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _url(name: str, *args: object) -> str:
    return settings.MIMIS_BASE_URL + reverse(name, args=args)


def dossier_of(microcredential_id: int) -> RecognitionDossier:
    """The provider's written parts (an empty, unsaved one until something is written)."""
    return RecognitionDossier.objects.filter(
        microcredential_id=microcredential_id
    ).first() or RecognitionDossier(microcredential_id=microcredential_id)


def build_dossier(version: MicroCredentialVersion) -> Dossier:
    """Every section of the application for ``version`` (the published one), in the active language."""
    microcredential = version.microcredential
    written = dossier_of(microcredential.pk)
    sections = [
        _applicant(version, written),
        _qualification(version, written),
        _specimen(version),
        _field(version, written),
        _outcomes(version),
        _level(version, written),
        _standing(version),
        _assessment(version, written),
        _examiners(written),
        _quality(written),
        _appendix(version),
    ]
    slug = microcredential.slug
    attachments = [
        {"name": _("Specimen of the certificate (PDF)"), "url": _url("recognition:specimen", slug)},
        {"name": _("The badge image (PNG)"), "url": _url("badge_image", slug, version.number)},
        {"name": _("This application as a PDF"), "url": _url("recognition:dossier_pdf", slug)},
    ]
    return Dossier(version=version, sections=sections, attachments=attachments)


def _applicant(version: MicroCredentialVersion, written: RecognitionDossier) -> Section:
    provider = version.microcredential.provider
    codesigners = list(version.microcredential.accepted_co_designers)
    missing = []
    if not provider.organisation_number:
        missing.append(_("The organisation number (on the organisation's profile)."))
    if not (written.contact_name and written.contact_email):
        missing.append(_("A contact person with an e-mail address."))
    text = _lines(
        _("Organisation: %(name)s") % {"name": provider.name},
        _("Organisation number: %(number)s") % {"number": provider.organisation_number}
        if provider.organisation_number
        else "",
        _("Municipality: %(municipality)s") % {"municipality": provider.municipality}
        if provider.municipality
        else "",
        _("Website: %(website)s") % {"website": provider.website} if provider.website else "",
        _("Contact person: %(name)s, %(role)s, %(email)s, %(phone)s")
        % {
            "name": written.contact_name,
            "role": written.contact_role or "–",
            "email": written.contact_email,
            "phone": written.contact_phone or "–",
        }
        if written.contact_name
        else "",
        _("The organisation sets the qualification's content. It was designed together with: %(names)s.")
        % {"names": ", ".join(o.name for o in codesigners)}
        if codesigners
        else _("The organisation sets the qualification's content."),
    )
    return Section(
        "applicant",
        _("Applicant"),
        text,
        _limit("applicant"),
        sources=[_("The organisation's profile"), _("Contact person in this application"), _("Co-designers")],
        missing=missing,
    )


def _qualification(version: MicroCredentialVersion, written: RecognitionDossier) -> Section:
    kind = written.get_qualification_type_display() if written.qualification_type else ""
    text = _lines(
        _("Name: %(title)s") % {"title": version.title},
        _("Name in English: %(title)s") % {"title": version.title_en} if version.title_en else "",
        _(
            "Type: %(kind)s, issued as a micro-credential (EU Council Recommendation of 16 June 2022) in the form of a signed digital credential (Open Badges 3.0) and a PDF certificate."
        )
        % {"kind": kind}
        if kind
        else "",
        _("Workload: %(hours)s hours.") % {"hours": version.workload_hours} if version.workload_hours else "",
    )
    return Section(
        "qualification",
        _("The qualification's name and type"),
        text,
        _limit("qualification"),
        sources=[_("The micro-credential, version %(n)s") % {"n": version.number}],
        missing=[] if kind else [_("The type of qualification.")],
    )


def _specimen(version: MicroCredentialVersion) -> Section:
    slug = version.microcredential.slug
    text = _lines(
        _("A specimen of the certificate and the badge image are attached to this application."),
        _("Every credential is signed by the organisation and can be checked by anyone at %(url)s.")
        % {"url": settings.MIMIS_BASE_URL + reverse("verification:verify")},
        _("Specimen: %(url)s") % {"url": _url("recognition:specimen", slug)},
    )
    return Section(
        "specimen",
        _("A copy of the qualification"),
        text,
        _limit("specimen"),
        sources=[_("Generated from the published version")],
    )


def _field(version: MicroCredentialVersion, written: RecognitionDossier) -> Section:
    sectors = ", ".join(f"{c.code} {c.preferred_label}".strip() for c in version.sectors.all())
    occupations = ", ".join(f"{c.code} {c.preferred_label}".strip() for c in version.occupations.all())
    text = _lines(
        written.field_description,
        _("Industries (SNI 2007): %(list)s") % {"list": sectors} if sectors else "",
        _("Occupations (SSYK 2012): %(list)s") % {"list": occupations} if occupations else "",
    )
    missing = [] if written.field_description else [_("A description of the qualification's field.")]
    return Section(
        "field",
        _("The qualification's field"),
        text,
        _limit("field"),
        sources=[_("Written in this application"), _("Sectors and occupations of the micro-credential")],
        missing=missing,
    )


def _outcomes(version: MicroCredentialVersion) -> Section:
    outcomes = list(version.learning_outcomes.all())
    parts = []
    for domain in OutcomeDomain:
        texts = [o.text for o in outcomes if o.domain == domain]
        if texts:
            parts.append(f"{domain.label}:\n" + "\n".join(f"- {t}" for t in texts))
    unsorted = [o.text for o in outcomes if not o.domain]
    if unsorted:
        parts.append(_("Not sorted yet:") + "\n" + "\n".join(f"- {t}" for t in unsorted))
    missing = []
    if unsorted:
        missing.append(
            _(
                "Sort every learning outcome as knowledge, skills or responsibility and autonomy (%(n)s not sorted)."
            )
            % {"n": len(unsorted)}
        )
    return Section(
        "outcomes",
        _("Learning outcomes: knowledge, skills, responsibility and autonomy"),
        "\n\n".join(parts),
        _limit("outcomes"),
        sources=[_("Learning outcomes of version %(n)s") % {"n": version.number}],
        missing=missing,
    )


def _level(version: MicroCredentialVersion, written: RecognitionDossier) -> Section:
    status = level_status(version)
    missing = []
    if version.seqf_level is None:
        missing.append(_("A proposed SeQF level on the micro-credential."))
    if not written.level_justification:
        missing.append(
            _("Why the qualification corresponds to this level, written against the level descriptors.")
        )
    text = _lines(
        _("Proposed level: SeQF %(level)s.") % {"level": version.seqf_level} if version.seqf_level else "",
        _("Decided before: %(text)s") % {"text": status.text()} if status.decided else "",
        written.level_justification,
    )
    return Section(
        "level",
        _("Proposed level and justification"),
        text,
        _limit("level"),
        sources=[_("The micro-credential's level"), _("Written in this application")],
        missing=missing,
    )


def level_descriptor(level: int | None, language: str) -> object | None:
    """The level's descriptor (knowledge, skills, responsibility and autonomy), shown beside the justification."""
    for item in LEVELS:
        if item.level == level:
            return item.descriptor(language)
    return None


def _standing(version: MicroCredentialVersion) -> Section:
    endorsements = list(quality_selectors.endorsements_of(microcredential_id=version.microcredential_id))
    lines = [
        _("Endorsed by %(organisation)s (%(kind)s) on %(date)s: “%(comment)s” Signed endorsement: %(url)s")
        % {
            "organisation": e.organisation.name,
            "kind": e.organisation.get_kind_display(),
            "date": date_format(e.created_at, "j F Y"),
            "comment": e.comment,
            "url": _url("quality:endorsement", version.microcredential.slug, e.pk),
        }
        for e in endorsements
    ]
    return Section(
        "standing",
        _("The qualification's standing in its field"),
        "\n".join(lines),
        _limit("standing"),
        sources=[_("Signed endorsements by employers and unions")],
        missing=[] if lines else [_("Endorsements by employers or unions in the field.")],
    )


def _assessment(version: MicroCredentialVersion, written: RecognitionDossier) -> Section:
    text = _lines(
        _("Assessment: %(type)s. %(description)s")
        % {"type": version.get_assessment_type_display(), "description": version.assessment_description}
        if version.assessment_type
        else "",
        _("Identity check: %(value)s.") % {"value": version.get_identity_verification_display()}
        if version.identity_verification
        else "",
        _("Grading: %(value)s.") % {"value": version.grading_scheme} if version.grading_scheme else "",
        _("Validation of prior learning: %(text)s") % {"text": written.validation_description}
        if written.validation_description
        else "",
    )
    missing = [] if version.assessment_type else [_("How learning outcomes are assessed.")]
    return Section(
        "assessment",
        _("How learning outcomes are assessed and validated"),
        text,
        _limit("assessment"),
        sources=[_("Assessment of the micro-credential"), _("Written in this application")],
        missing=missing,
    )


def _examiners(written: RecognitionDossier) -> Section:
    return Section(
        "examiners",
        _("The examiners' qualifications"),
        written.examiners_qualifications,
        _limit("examiners"),
        sources=[_("Written in this application")],
        missing=[] if written.examiners_qualifications else [_("The examiners' qualifications.")],
    )


QUALITY_PARTS = (
    "quality_plan",
    "quality_follow_up",
    "quality_evaluate",
    "quality_document",
    "quality_develop",
)


def _quality(written: RecognitionDossier) -> Section:
    labels = {
        "quality_plan": _("Plan"),
        "quality_follow_up": _("Follow up"),
        "quality_evaluate": _("Evaluate"),
        "quality_document": _("Document"),
        "quality_develop": _("Develop"),
    }
    parts = [f"{labels[name]}: {getattr(written, name)}" for name in QUALITY_PARTS if getattr(written, name)]
    to_write = {
        "quality_plan": _("How you plan the quality work."),
        "quality_follow_up": _("How you follow up the quality work."),
        "quality_evaluate": _("How you evaluate the quality work."),
        "quality_document": _("How you document the quality work."),
        "quality_develop": _("How you develop the qualification from what you learn."),
    }
    missing = [to_write[name] for name in QUALITY_PARTS if not getattr(written, name)]
    return Section(
        "quality",
        _("Systematic quality work"),
        "\n".join(parts),
        _limit("quality"),
        sources=[_("Written in this application"), _("The independent QA record (appendix)")],
        missing=missing,
    )


def _appendix(version: MicroCredentialVersion) -> Section:
    record = quality_selectors.qa_record(version)
    lines = []
    if record is not None:
        lines.append(
            _(
                "Independent quality assurance: approved by %(body)s on %(date)s against criteria version %(criteria)s; review by %(review_by)s."
            )
            % {
                "body": record.qa_body.name,
                "date": date_format(record.decided_at, "j F Y"),
                "criteria": record.criteria_version,
                "review_by": date_format(record.review_by, "j F Y") if record.review_by else "–",
            }
        )
    for decision in quality_selectors.decisions_of(version).order_by("decided_at"):
        lines.append(
            _("%(date)s – %(body)s: %(outcome)s. %(rationale)s")
            % {
                "date": date_format(decision.decided_at, "j F Y"),
                "body": decision.qa_body.name,
                "outcome": decision.get_outcome_display(),
                "rationale": decision.rationale,
            }
        )
    return Section(
        "appendix",
        _("Appendix: independent QA record and decision log"),
        "\n".join(lines),
        _limit("appendix"),
        sources=[_("Quality assurance in MIMIS")],
        missing=[] if record else [_("An approval by an independent QA body.")],
    )
