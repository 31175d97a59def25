"""Demo data for matching: the region's role-profile templates for the pilot sectors, an employer's own
vårdbiträde profile, and a few shortage occupations. Idempotent; called from ``mimis.demo.services``.

Every concept id here is a real JobTech Taxonomy id (present in the full export), so the demo keeps working
when it runs on the full taxonomy instead of the subset in ``mimis.taxonomy.demo_data``. The few concepts
the subset lacks are added fill-only, the way the subset itself is loaded.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from mimis.accounts.models import Organisation, User
from mimis.matching import services
from mimis.matching.models import Requirement, RoleProfile, ShortageOccupation, Visibility
from mimis.matching.services import SkillSpec
from mimis.taxonomy.importers.base import ConceptRecord, ImportReport, RelationRecord, sync
from mimis.taxonomy.models import Concept, RelationKind, Source

R, M = Requirement.REQUIRED, Requirement.MERITORIOUS

# Concepts the demo subset lacks: (JobTech id, scheme, level, code, Swedish label, English label).
EXTRA_CONCEPTS = [
    ("ij8k_EwC_zyB", "occupation_group", 4, "4111", "Ekonomiassistenter m.fl.", "Accounting assistants"),
    ("Fctx_EH9_fcC", "skill", None, "", "Leverantörsreskontra", "Accounts payable"),
    ("S2pg_pcs_tXu", "skill", None, "", "Faktureringsvana", "Invoicing experience"),
    ("8gwE_2o3_XRF", "skill", None, "", "Ekonomiadministration", "Financial administration"),
]
# Real JobTech relations among the demo concepts (related skills of 4111; substitutability of Vårdbiträde).
EXTRA_RELATIONS = [
    ("ij8k_EwC_zyB", "5wab_aFK_gdL", RelationKind.RELATED_SKILL, None),  # MS Excel
    ("ij8k_EwC_zyB", "FYk9_RXp_7c5", RelationKind.RELATED_SKILL, None),  # Redovisning
    ("ij8k_EwC_zyB", "Fctx_EH9_fcC", RelationKind.RELATED_SKILL, None),  # Leverantörsreskontra
    ("ij8k_EwC_zyB", "Fiq4_siu_LXn", RelationKind.RELATED_SKILL, None),  # Bokföringsvana
    ("ij8k_EwC_zyB", "S2pg_pcs_tXu", RelationKind.RELATED_SKILL, None),  # Faktureringsvana
    ("ij8k_EwC_zyB", "8gwE_2o3_XRF", RelationKind.RELATED_SKILL, None),  # Ekonomiadministration
    ("4zLr_jP5_peZ", "eU1q_zvL_9Rf", RelationKind.SUBSTITUTABLE, 75),  # Vårdbiträde → Personlig assistent
    ("4zLr_jP5_peZ", "bSEB_VKd_Ub3", RelationKind.SUBSTITUTABLE, 25),  # → Undersköterska, hemtjänst …
]

# (title, occupation group id, [(skill id, required/meritorious, weight)], description)
TEMPLATES = [
    (
        "Vårdbiträde",
        "tAJS_JNb_hDH",
        [
            ("MR4H_FFT_mTj", R, 5),  # Omvårdnad
            ("zgd6_6Bj_829", R, 4),  # Personlig omvårdnad
            ("Yt2Z_1pY_MNz", R, 4),  # Äldreomsorg
            ("xowU_8Wu_K7C", R, 3),  # Hemtjänst
            ("hqYJ_jyZ_Ks8", R, 3),  # Demensvård
            ("Qecp_WbB_vyj", R, 3),  # Ergonomi
            ("axxm_t1P_6WR", R, 2),  # Social dokumentation
            ("C1qR_L83_nzh", M, None),  # Basala hygienrutiner inom hälso- och sjukvård
            ("myz9_nz9_hTL", M, None),  # Första hjälpen vid olycksfall
        ],
        "Omsorg om äldre i hemtjänst och på särskilt boende: personlig omvårdnad, förflyttningar och dokumentation.",
    ),
    (
        "Undersköterska i hemtjänst",
        "jY19_knH_MJp",
        [
            ("MR4H_FFT_mTj", R, 5),  # Omvårdnad
            ("xowU_8Wu_K7C", R, 4),  # Hemtjänst
            ("NbjJ_WBY_FoA", R, 4),  # Hemsjukvård
            ("F7nJ_k5s_L29", R, 3),  # Dokumentation inom hälso- och sjukvård
            ("hqYJ_jyZ_Ks8", R, 3),  # Demensvård
            ("C1qR_L83_nzh", R, 3),  # Basala hygienrutiner
            ("Yt2Z_1pY_MNz", R, 3),  # Äldreomsorg
            ("cocQ_EPn_YiY", M, None),  # Geriatrisk omvårdnad
            ("515e_Tvy_Zgj", M, None),  # Vårdplanering
        ],
        "Omvårdnad och hemsjukvård hos äldre i deras hem, i team med sjuksköterska och arbetsterapeut.",
    ),
    (
        "Lagerarbetare",
        "kLyY_rwr_aJr",
        [
            ("S1ZP_o8S_Jxf", R, 5),  # Orderplockning
            ("3RBh_oUj_58E", R, 4),  # Lagerhållning
            ("ijHY_aHk_ADE", R, 3),  # Terminal- och lagerarbete
            ("pGts_PKK_c8W", R, 3),  # Truckvana
            ("Zk4h_jP4_e85", M, None),  # A-truckar
            ("HeXq_amc_ABd", M, None),  # B-truckar
        ],
        "Plock, packning och inleverans på lager; truckkort är en fördel.",
    ),
    (
        "Butikssäljare",
        "YKL2_FCB_1yr",
        [
            ("2RpU_Wtb_59E", R, 5),  # Kundbemötande och service
            ("hYpk_RYx_y3V", R, 4),  # Kassavana
            ("4oKa_e7b_oHW", R, 3),  # Försäljning, erfarenhet
            ("aMyW_hB7_TpU", M, None),  # Kundtjänst
            ("tArT_WTu_BrU", M, None),  # E-handel, erfarenhet
        ],
        "Försäljning och service i butik, kassa och varupåfyllning.",
    ),
    (
        "Bagerimedarbetare",
        "5qT8_z9d_8rw",
        [
            ("btqh_hCy_bRi", R, 5),  # Bageriarbete
            ("kj4Q_nLh_u8Q", R, 4),  # Livsmedelshygien
            ("2RpU_Wtb_59E", R, 2),  # Kundbemötande och service
            ("hYpk_RYx_y3V", M, None),  # Kassavana
        ],
        "Bakning i ett litet bageri med butik: degar, ugnar, hygien och ibland kassan.",
    ),
    (
        "Ekonomiassistent i småföretag",
        "ij8k_EwC_zyB",
        [
            ("Fiq4_siu_LXn", R, 5),  # Bokföringsvana
            ("FYk9_RXp_7c5", R, 4),  # Redovisning
            ("S2pg_pcs_tXu", R, 3),  # Faktureringsvana
            ("5wab_aFK_gdL", R, 3),  # MS Excel
            ("Fctx_EH9_fcC", M, None),  # Leverantörsreskontra
            ("Gt5f_wdi_FSJ", M, None),  # Budgetansvar
        ],
        "Löpande bokföring, fakturering och enklare redovisning i ett litet företag.",
    ),
]

# (occupation group id, date of the assessment): demo shortage occupations.
SHORTAGES = [
    ("tAJS_JNb_hDH", date(2026, 10, 1)),
    ("jY19_knH_MJp", date(2026, 10, 1)),
    ("ij8k_EwC_zyB", date(2026, 10, 1)),
]
SHORTAGE_SOURCE = "Exempel för demon (i skarp drift: Arbetsförmedlingens Yrkesbarometer)"

LENA_PROFILE_TITLE = "Vårdbiträde, hemtjänst Kristianstad"

# Two more learners who chose to be findable, so that Lena's search meets the k = 3 threshold (fewer than
# three matching people are never shown individually). (e-mail local part, name, micro-credential slugs.)
FINDABLE_EXTRAS = [
    ("amina", "Amina Hassan", ["demensvard-grund", "basal-hygien-i-vard-och-omsorg"]),
    ("sven", "Sven Olsson", ["demensvard-grund"]),
]
LENA_MESSAGE = (
    "Hej! Vi söker vårdbiträden till hemtjänsten i Kristianstad, dag och kväll. Dina meriter i basal "
    "hygien passar oss. Vill du höra mer?"
)
LENA_CONTACT = "Lena Ström, enhetschef hemtjänst, 044-13 50 00"


def _load_extra_taxonomy() -> int:
    records = {
        sid: ConceptRecord(
            source_id=sid,
            scheme=scheme,
            level=level,
            code=code or None,
            preferred_label=label,
            preferred_label_en=label_en,
            fill_only=frozenset(
                {"level", "code", "preferred_label", "preferred_label_en", "parent", "deprecated"}
            ),
        )
        for sid, scheme, level, code, label, label_en in EXTRA_CONCEPTS
    }
    relations = [RelationRecord(a, b, kind, weight) for a, b, kind, weight in EXTRA_RELATIONS]
    report = ImportReport(source=Source.JOBTECH)
    sync(
        source=Source.JOBTECH,
        records=records,
        relations=relations,
        covered_schemes=set(),
        covered_relation_kinds=set(),
        report=report,
    )
    return report.total("created")


def _concept(source_id: str) -> Concept:
    return Concept.objects.get(source=Source.JOBTECH, source_id=source_id)


def _specs(skills: list[tuple[str, str, int | None]]) -> list[SkillSpec]:
    return [SkillSpec(_concept(sid).pk, requirement, weight) for sid, requirement, weight in skills]


@transaction.atomic
def load_demo_matching(*, email_domain: str) -> int:
    created = _load_extra_taxonomy()
    region = Organisation.objects.get(slug="region-skane")
    for title, occupation, skills, description in TEMPLATES:
        if RoleProfile.objects.filter(
            organisation=region, is_template=True, current_version__title=title
        ).exists():
            continue
        services.create_role_profile(
            organisation=region,
            acting_user=None,
            title=title,
            description=description,
            skills=_specs(skills),
            visibility=Visibility.SHARED,
            is_template=True,
            occupation=_concept(occupation),
            is_demo=True,
        )
        created += 1
    employer = Organisation.objects.get(slug="vard-och-omsorg-kristianstad")
    lena = User.objects.get(email=f"lena.omsorg@{email_domain}")
    if not RoleProfile.objects.filter(
        organisation=employer, current_version__title=LENA_PROFILE_TITLE
    ).exists():
        template = RoleProfile.objects.get(
            organisation=region, is_template=True, current_version__title="Vårdbiträde"
        )
        profile = services.create_from_template(
            organisation=employer,
            acting_user=lena,
            template_id=template.pk,
            title=LENA_PROFILE_TITLE,
            visibility=Visibility.SHARED,
        )
        RoleProfile.objects.filter(pk=profile.pk).update(is_demo=True)
        created += 1
    created += _findable_learners_and_lenas_request(email_domain, employer, lena)
    for occupation, marked_on in SHORTAGES:
        concept = _concept(occupation)
        if ShortageOccupation.objects.filter(occupation=concept).exists():
            continue
        services.mark_shortage_occupation(
            occupation_id=concept.pk,
            marked_on=marked_on,
            source=SHORTAGE_SOURCE,
            acting_user=None,
            is_demo=True,
        )
        created += 1
    return created


def _findable_learners_and_lenas_request(email_domain: str, employer: Organisation, lena: User) -> int:
    """Fatima (and Johan and two extra learners) let employers find them; Lena searched with her
    vårdbiträde profile and sent Fatima one contact request, which waits for Fatima's answer."""
    from mimis.catalog.models import MicroCredentialVersion, VersionStatus
    from mimis.issuing.services import issue_credential
    from mimis.matching.contact import send_contact_request
    from mimis.matching.models import ContactRequest
    from mimis.matching.search import search_candidates
    from mimis.matching.verified import refresh_verified_skills
    from mimis.wallet.selectors import privacy_of
    from mimis.wallet.services import set_findable_by_skills

    created = 0
    findable = [User.objects.get(email=f"{name}@{email_domain}") for name in ("fatima", "johan")]
    for local_part, name, slugs in FINDABLE_EXTRAS:
        user = User.objects.filter(email=f"{local_part}@{email_domain}").first()
        if user is None:
            user = User(
                email=f"{local_part}@{email_domain}",
                name=name,
                language="sv",
                email_verified=True,
                is_demo=True,
            )
            user.set_unusable_password()
            user.save()
            created += 1
        for slug in slugs:
            version = MicroCredentialVersion.objects.get(
                microcredential__slug=slug, status=VersionStatus.PUBLISHED
            )
            created += issue_credential(
                version=version, email=user.email, name=user.name, acting_user=None
            ).created
        findable.append(user)
    for user in findable:
        if not privacy_of(user=user).findable_by_skills:
            set_findable_by_skills(user=user, findable=True)
            created += 1
        refresh_verified_skills(learner=user)  # the queued refresh runs after this transaction
    fatima = findable[0]
    if ContactRequest.objects.filter(organisation=employer, learner=fatima).exists():
        return created
    profile = RoleProfile.objects.get(organisation=employer, current_version__title=LENA_PROFILE_TITLE)
    result = search_candidates(organisation=employer, acting_user=lena, profile_id=profile.pk)
    appearance = result.search.appearances.filter(learner=fatima).first()
    if appearance is None:  # the demo catalogue changed so that Fatima no longer matches
        return created
    sent = send_contact_request(
        organisation=employer,
        acting_user=lena,
        search_id=result.search.pk,
        pseudonym=appearance.pseudonym,
        message=LENA_MESSAGE,
        contact=LENA_CONTACT,
    )
    ContactRequest.objects.filter(pk=sent.request.pk).update(is_demo=True)
    return created + 1
