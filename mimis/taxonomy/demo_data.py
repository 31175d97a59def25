"""A small hand-picked taxonomy subset so the demo runs without any download.

Real JobTech Taxonomy concepts (ids and Swedish labels as published; English labels are ours) for the
pilot tracks: health and social care, small businesses, and people outside the labour market. They are
stored with source ``jobtech``, so a later full ``mimis taxonomy import-jobtech`` updates them in place
instead of duplicating them. Loading never overwrites what an import has set (fill-only).
"""

from __future__ import annotations

from django.db import transaction

from mimis.taxonomy.importers.base import ConceptRecord, ImportReport, RelationRecord, sync
from mimis.taxonomy.models import RelationKind, Source

# (JobTech id, scheme, level, code, Swedish label, English label, parent's JobTech id or None)
CONCEPTS: list[tuple[str, str, int | None, str, str, str, str | None]] = [
    ("Zk4h_jP4_e85", "skill", None, "", "A-truckar", "A-class forklifts", None),
    ("oJiB_gms_Rm7", "skill", None, "", "Anhörigstöd", "Support for relatives", None),
    ("Nksx_4oe_fEQ", "skill", None, "", "Arbetsmiljöansvar", "Responsibility for the work environment", None),
    ("HeXq_amc_ABd", "skill", None, "", "B-truckar", "B-class forklifts", None),
    ("btqh_hCy_bRi", "skill", None, "", "Bageriarbete", "Bakery work", None),
    (
        "C1qR_L83_nzh",
        "skill",
        None,
        "",
        "Basala hygienrutiner inom hälso- och sjukvård",
        "Basic hygiene routines in health care",
        None,
    ),
    ("Fiq4_siu_LXn", "skill", None, "", "Bokföringsvana", "Bookkeeping experience", None),
    ("Gt5f_wdi_FSJ", "skill", None, "", "Budgetansvar", "Budget responsibility", None),
    ("hqYJ_jyZ_Ks8", "skill", None, "", "Demensvård", "Dementia care", None),
    (
        "Lz84_K5d_CcL",
        "skill",
        None,
        "",
        "Digital marknadsföring/Onlinemarknadsföring",
        "Digital marketing/Online marketing",
        None,
    ),
    (
        "F7nJ_k5s_L29",
        "skill",
        None,
        "",
        "Dokumentation inom hälso- och sjukvård",
        "Documentation in health care",
        None,
    ),
    ("tArT_WTu_BrU", "skill", None, "", "E-handel, erfarenhet", "E-commerce, experience", None),
    ("dNA9_T9K_JXF", "skill", None, "", "Enklare matlagningskunskaper", "Basic cooking skills", None),
    ("Qecp_WbB_vyj", "skill", None, "", "Ergonomi", "Ergonomics", None),
    (
        "rVUL_AgV_ZTH",
        "skill",
        None,
        "",
        "Ergonomiskt arbetssätt inom hälso- och sjukvård",
        "Ergonomic working methods in health care",
        None,
    ),
    (
        "X3ec_jqv_xRp",
        "skill",
        None,
        "",
        "Funktionsnedsättning, omsorgserfarenhet",
        "Disability, care experience",
        None,
    ),
    (
        "E13X_ZF3_PAb",
        "skill",
        None,
        "",
        "Fysisk arbetsmiljö och ergonomi",
        "Physical work environment and ergonomics",
        None,
    ),
    ("VfP9_2xd_g2h", "skill", None, "", "Företagsekonomi", "Business administration", None),
    ("myz9_nz9_hTL", "skill", None, "", "Första hjälpen vid olycksfall", "First aid in accidents", None),
    ("4oKa_e7b_oHW", "skill", None, "", "Försäljning, erfarenhet", "Sales, experience", None),
    ("cocQ_EPn_YiY", "skill", None, "", "Geriatrisk omvårdnad", "Geriatric nursing care", None),
    ("NbjJ_WBY_FoA", "skill", None, "", "Hemsjukvård", "Home health care", None),
    ("xowU_8Wu_K7C", "skill", None, "", "Hemtjänst", "Home care services", None),
    ("hYpk_RYx_y3V", "skill", None, "", "Kassavana", "Cash register experience", None),
    (
        "2RpU_Wtb_59E",
        "skill",
        None,
        "",
        "Kundbemötande och service",
        "Treating customers well and service",
        None,
    ),
    ("aMyW_hB7_TpU", "skill", None, "", "Kundtjänst", "Customer service", None),
    ("3RBh_oUj_58E", "skill", None, "", "Lagerhållning", "Warehousing", None),
    ("kj4Q_nLh_u8Q", "skill", None, "", "Livsmedelshygien", "Food hygiene", None),
    ("5wab_aFK_gdL", "skill", None, "", "MS Excel", "MS Excel", None),
    ("PryY_ETL_JEW", "skill", None, "", "Nutrition", "Nutrition", None),
    (
        "14eq_XTy_BPB",
        "skill",
        None,
        "",
        "Omsorgsutbildning/Omvårdnadsutbildning",
        "Care training/Nursing care training",
        None,
    ),
    ("MR4H_FFT_mTj", "skill", None, "", "Omvårdnad", "Nursing care", None),
    ("S1ZP_o8S_Jxf", "skill", None, "", "Orderplockning", "Order picking", None),
    ("zgd6_6Bj_829", "skill", None, "", "Personlig omvårdnad", "Personal care", None),
    (
        "k29D_fT4_Wso",
        "skill",
        None,
        "",
        "Publicering, webben och sociala medier",
        "Publishing on the web and social media",
        None,
    ),
    ("FYk9_RXp_7c5", "skill", None, "", "Redovisning", "Accounting", None),
    ("axxm_t1P_6WR", "skill", None, "", "Social dokumentation", "Social documentation", None),
    ("fZdk_vbt_LhP", "skill", None, "", "Städtjänster", "Cleaning services", None),
    ("ijHY_aHk_ADE", "skill", None, "", "Terminal- och lagerarbete", "Terminal and warehouse work", None),
    ("pGts_PKK_c8W", "skill", None, "", "Truckvana", "Forklift experience", None),
    (
        "mwCM_MmB_6Ks",
        "skill",
        None,
        "",
        "Utbildning i Första hjälpen/Hjärt-lungräddning, HLR",
        "First aid and cardiopulmonary resuscitation (CPR) training",
        None,
    ),
    (
        "7wbG_fbz_pon",
        "skill",
        None,
        "",
        "Utmanande beteende, omsorgserfarenhet",
        "Challenging behaviour, care experience",
        None,
    ),
    ("515e_Tvy_Zgj", "skill", None, "", "Vårdplanering", "Care planning", None),
    ("Yt2Z_1pY_MNz", "skill", None, "", "Äldreomsorg", "Elderly care", None),
    ("zSLA_vw2_FXN", "language", None, "SV", "Svenska", "Swedish", None),
    (
        "kLyY_rwr_aJr",
        "occupation_group",
        4,
        "4322",
        "Lager- och terminalpersonal",
        "Warehouse and terminal staff",
        None,
    ),
    (
        "u1RN_Fih_rgS",
        "occupation_group",
        1,
        "5",
        "Service-, omsorgs- och försäljningsyrken",
        "Service, care and sales occupations",
        None,
    ),
    (
        "YKL2_FCB_1yr",
        "occupation_group",
        4,
        "5223",
        "Butikssäljare, fackhandel",
        "Shop sales assistants, specialised shops",
        None,
    ),
    ("2U3x_Aub_tg1", "occupation_group", 2, "53", "Omsorgsyrken", "Personal care workers", "u1RN_Fih_rgS"),
    ("3EJj_WLs_kgD", "occupation_group", 3, "532", "Undersköterskor", "Assistant nurses", "2U3x_Aub_tg1"),
    (
        "jY19_knH_MJp",
        "occupation_group",
        4,
        "5321",
        "Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering",
        "Assistant nurses in home care, home health care, residential elderly care and habilitation",
        "3EJj_WLs_kgD",
    ),
    (
        "LP4Z_ABV_gRm",
        "occupation_group",
        4,
        "5323",
        "Undersköterskor, vård- och specialavdelning och mottagning",
        "Assistant nurses in wards, specialist units and outpatient clinics",
        "3EJj_WLs_kgD",
    ),
    ("UCxd_vFm_MKt", "occupation_group", 3, "533", "Vårdbiträden", "Care assistants", "2U3x_Aub_tg1"),
    ("tAJS_JNb_hDH", "occupation_group", 4, "5330", "Vårdbiträden", "Care assistants", "UCxd_vFm_MKt"),
    (
        "AHeU_veN_WG9",
        "occupation_group",
        3,
        "534",
        "Skötare, vårdare och personliga assistenter m.fl.",
        "Attendants, carers and personal assistants",
        "2U3x_Aub_tg1",
    ),
    (
        "sq3e_WVv_Fjd",
        "occupation_group",
        4,
        "5343",
        "Personliga assistenter",
        "Personal assistants",
        "AHeU_veN_WG9",
    ),
    ("5qT8_z9d_8rw", "occupation_group", 4, "7612", "Bagare och konditorer", "Bakers and pastry-cooks", None),
    ("MrcX_RDn_N53", "occupation_group", 4, "8344", "Truckförare", "Forklift truck operators", None),
    ("Z6TY_xDf_Yup", "occupation_group", 4, "9111", "Städare", "Cleaners", None),
    ("XugJ_6hw_wVV", "occupation_name", None, "", "Bagare/Konditor", "Baker/Pastry-cook", "5qT8_z9d_8rw"),
    (
        "eU1q_zvL_9Rf",
        "occupation_name",
        None,
        "",
        "Personlig assistent",
        "Personal assistant",
        "sq3e_WVv_Fjd",
    ),
    ("KF64_AvU_S4N", "occupation_name", None, "", "Städare", "Cleaner", "Z6TY_xDf_Yup"),
    ("GQSf_fnq_kjF", "occupation_name", None, "", "Truckförare", "Forklift truck operator", "MrcX_RDn_N53"),
    (
        "bSEB_VKd_Ub3",
        "occupation_name",
        None,
        "",
        "Undersköterska, hemtjänst, äldreboende och habilitering",
        "Assistant nurse, home care, residential care and habilitation",
        "jY19_knH_MJp",
    ),
    ("4zLr_jP5_peZ", "occupation_name", None, "", "Vårdbiträde", "Care assistant", "tAJS_JNb_hDH"),
    (
        "HjSc_8zW_cr3",
        "industry",
        2,
        "10",
        "Livsmedelsframställning",
        "Manufacture of food products",
        "trPt_iHy_oFP",
    ),
    (
        "54ex_AYA_XK9",
        "industry",
        3,
        "107",
        "Tillverkning av bageri- och mjölprodukter",
        "Manufacture of bakery and farinaceous products",
        "HjSc_8zW_cr3",
    ),
    (
        "qXDA_PJk_dni",
        "industry",
        4,
        "1071",
        "Tillverkning av mjukt matbröd och färska bakverk",
        "Manufacture of bread; fresh pastry goods and cakes",
        "54ex_AYA_XK9",
    ),
    (
        "TCmT_aeL_hkh",
        "industry",
        2,
        "47",
        "Detaljhandel utom med motorfordon och motorcyklar",
        "Retail trade, except of motor vehicles and motorcycles",
        "eVis_tAP_azH",
    ),
    ("KhNL_Quq_Xjk", "industry", 2, "86", "Hälso- och sjukvård", "Human health activities", "eJVQ_Uye_8UP"),
    (
        "Kvkm_5tn_6g2",
        "industry",
        2,
        "87",
        "Vård och omsorg med boende",
        "Residential care activities",
        "eJVQ_Uye_8UP",
    ),
    (
        "sKum_LiG_frY",
        "industry",
        2,
        "88",
        "Öppna sociala insatser",
        "Social work activities without accommodation",
        "eJVQ_Uye_8UP",
    ),
    ("trPt_iHy_oFP", "industry", 1, "C", "Tillverkning", "Manufacturing", None),
    (
        "eVis_tAP_azH",
        "industry",
        1,
        "G",
        "Handel; reparation av motorfordon och motorcyklar",
        "Wholesale and retail trade; repair of motor vehicles and motorcycles",
        None,
    ),
    (
        "RnMq_HVh_L67",
        "industry",
        1,
        "I",
        "Hotell- och restaurangverksamhet",
        "Accommodation and food service activities",
        None,
    ),
    (
        "3C6S_Zjh_y5g",
        "industry",
        1,
        "N",
        "Uthyrning, fastighetsservice, resetjänster och andra stödtjänster",
        "Administrative and support service activities",
        None,
    ),
    (
        "eJVQ_Uye_8UP",
        "industry",
        1,
        "Q",
        "Vård och omsorg; sociala tjänster",
        "Human health and social work activities",
        None,
    ),
    (
        "Mga4_MQZ_aRW",
        "education_field",
        1,
        "3",
        "Samhällsvetenskap, juridik, handel, administration",
        "Social sciences, law, business and administration",
        None,
    ),
    (
        "1nfZ_zkU_RyS",
        "education_field",
        2,
        "34",
        "Företagsekonomi, handel och administration",
        "Business, commerce and administration",
        "Mga4_MQZ_aRW",
    ),
    (
        "bV8r_EjP_wxB",
        "education_field",
        1,
        "7",
        "Hälso- och sjukvård samt social omsorg",
        "Health and welfare",
        None,
    ),
    ("xPJU_eQm_ehe", "education_field", 2, "72", "Hälso- och sjukvård", "Health", "bV8r_EjP_wxB"),
    ("fQMU_GjY_AkC", "education_field", 3, "723", "Omvårdnad", "Nursing and caring", "xPJU_eQm_ehe"),
    (
        "Cbrh_8aE_CcP",
        "education_field",
        2,
        "76",
        "Socialt arbete och omsorg",
        "Social work and welfare",
        "bV8r_EjP_wxB",
    ),
    (
        "m5ZS_gKU_d4v",
        "education_level",
        1,
        "2",
        "Förgymnasial utbildning, 9 (10) år",
        "Compulsory education, 9 (10) years",
        None,
    ),
    ("wyLL_K3a_HRC", "education_level", 1, "3", "Gymnasial utbildning", "Upper secondary education", None),
    (
        "GD66_5wp_MSh",
        "education_level",
        1,
        "4",
        "Eftergymnasial utbildning, kortare än 2 år",
        "Post-secondary education, less than 2 years",
        None,
    ),
    (
        "KBjB_gpS_ZJL",
        "education_level",
        1,
        "5",
        "Eftergymnasial utbildning, minst 2 år",
        "Post-secondary education, 2 years or more",
        None,
    ),
]

# Related skills of SSYK-4 groups, as JobTech publishes them (a subset).
RELATED_SKILLS: list[tuple[str, str]] = [
    ("kLyY_rwr_aJr", "Zk4h_jP4_e85"),  # 4322 → A-truckar
    ("kLyY_rwr_aJr", "HeXq_amc_ABd"),  # 4322 → B-truckar
    ("kLyY_rwr_aJr", "S1ZP_o8S_Jxf"),  # 4322 → Orderplockning
    ("kLyY_rwr_aJr", "ijHY_aHk_ADE"),  # 4322 → Terminal- och lagerarbete
    ("kLyY_rwr_aJr", "pGts_PKK_c8W"),  # 4322 → Truckvana
    ("YKL2_FCB_1yr", "tArT_WTu_BrU"),  # 5223 → E-handel, erfarenhet
    ("YKL2_FCB_1yr", "hYpk_RYx_y3V"),  # 5223 → Kassavana
    ("jY19_knH_MJp", "C1qR_L83_nzh"),  # 5321 → Basala hygienrutiner inom hälso- och sjukvård
    ("jY19_knH_MJp", "hqYJ_jyZ_Ks8"),  # 5321 → Demensvård
    ("jY19_knH_MJp", "F7nJ_k5s_L29"),  # 5321 → Dokumentation inom hälso- och sjukvård
    ("jY19_knH_MJp", "rVUL_AgV_ZTH"),  # 5321 → Ergonomiskt arbetssätt inom hälso- och sjukvård
    ("jY19_knH_MJp", "X3ec_jqv_xRp"),  # 5321 → Funktionsnedsättning, omsorgserfarenhet
    ("jY19_knH_MJp", "cocQ_EPn_YiY"),  # 5321 → Geriatrisk omvårdnad
    ("jY19_knH_MJp", "NbjJ_WBY_FoA"),  # 5321 → Hemsjukvård
    ("jY19_knH_MJp", "xowU_8Wu_K7C"),  # 5321 → Hemtjänst
    ("jY19_knH_MJp", "MR4H_FFT_mTj"),  # 5321 → Omvårdnad
    ("jY19_knH_MJp", "7wbG_fbz_pon"),  # 5321 → Utmanande beteende, omsorgserfarenhet
    ("jY19_knH_MJp", "Yt2Z_1pY_MNz"),  # 5321 → Äldreomsorg
    ("LP4Z_ABV_gRm", "C1qR_L83_nzh"),  # 5323 → Basala hygienrutiner inom hälso- och sjukvård
    ("LP4Z_ABV_gRm", "F7nJ_k5s_L29"),  # 5323 → Dokumentation inom hälso- och sjukvård
    ("LP4Z_ABV_gRm", "rVUL_AgV_ZTH"),  # 5323 → Ergonomiskt arbetssätt inom hälso- och sjukvård
    ("LP4Z_ABV_gRm", "cocQ_EPn_YiY"),  # 5323 → Geriatrisk omvårdnad
    ("LP4Z_ABV_gRm", "MR4H_FFT_mTj"),  # 5323 → Omvårdnad
    ("tAJS_JNb_hDH", "C1qR_L83_nzh"),  # 5330 → Basala hygienrutiner inom hälso- och sjukvård
    ("tAJS_JNb_hDH", "hqYJ_jyZ_Ks8"),  # 5330 → Demensvård
    ("tAJS_JNb_hDH", "rVUL_AgV_ZTH"),  # 5330 → Ergonomiskt arbetssätt inom hälso- och sjukvård
    ("tAJS_JNb_hDH", "X3ec_jqv_xRp"),  # 5330 → Funktionsnedsättning, omsorgserfarenhet
    ("tAJS_JNb_hDH", "cocQ_EPn_YiY"),  # 5330 → Geriatrisk omvårdnad
    ("tAJS_JNb_hDH", "NbjJ_WBY_FoA"),  # 5330 → Hemsjukvård
    ("tAJS_JNb_hDH", "xowU_8Wu_K7C"),  # 5330 → Hemtjänst
    ("tAJS_JNb_hDH", "14eq_XTy_BPB"),  # 5330 → Omsorgsutbildning/Omvårdnadsutbildning
    ("tAJS_JNb_hDH", "MR4H_FFT_mTj"),  # 5330 → Omvårdnad
    ("tAJS_JNb_hDH", "zgd6_6Bj_829"),  # 5330 → Personlig omvårdnad
    ("tAJS_JNb_hDH", "Yt2Z_1pY_MNz"),  # 5330 → Äldreomsorg
    ("sq3e_WVv_Fjd", "hqYJ_jyZ_Ks8"),  # 5343 → Demensvård
    ("sq3e_WVv_Fjd", "X3ec_jqv_xRp"),  # 5343 → Funktionsnedsättning, omsorgserfarenhet
    ("sq3e_WVv_Fjd", "cocQ_EPn_YiY"),  # 5343 → Geriatrisk omvårdnad
    ("sq3e_WVv_Fjd", "zgd6_6Bj_829"),  # 5343 → Personlig omvårdnad
    ("sq3e_WVv_Fjd", "axxm_t1P_6WR"),  # 5343 → Social dokumentation
    ("sq3e_WVv_Fjd", "7wbG_fbz_pon"),  # 5343 → Utmanande beteende, omsorgserfarenhet
    ("sq3e_WVv_Fjd", "Yt2Z_1pY_MNz"),  # 5343 → Äldreomsorg
    ("5qT8_z9d_8rw", "btqh_hCy_bRi"),  # 7612 → Bageriarbete
    ("5qT8_z9d_8rw", "hYpk_RYx_y3V"),  # 7612 → Kassavana
    ("MrcX_RDn_N53", "Zk4h_jP4_e85"),  # 8344 → A-truckar
    ("MrcX_RDn_N53", "HeXq_amc_ABd"),  # 8344 → B-truckar
    ("MrcX_RDn_N53", "ijHY_aHk_ADE"),  # 8344 → Terminal- och lagerarbete
    ("MrcX_RDn_N53", "pGts_PKK_c8W"),  # 8344 → Truckvana
    ("Z6TY_xDf_Yup", "fZdk_vbt_LhP"),  # 9111 → Städtjänster
]

FILL_ONLY = frozenset({"level", "code", "preferred_label", "preferred_label_en", "parent", "deprecated"})


def load_demo_taxonomy() -> int:
    """Create the demo concepts that are missing; returns how many were created. Idempotent."""
    records = {
        source_id: ConceptRecord(
            source_id=source_id,
            scheme=scheme,
            level=level,
            code=code or None,
            preferred_label=label,
            preferred_label_en=label_en,
            parent_source_id=parent,
            fill_only=FILL_ONLY,
        )
        for source_id, scheme, level, code, label, label_en, parent in CONCEPTS
    }
    relations = [RelationRecord(group, skill, RelationKind.RELATED_SKILL) for group, skill in RELATED_SKILLS]
    report = ImportReport(source=Source.JOBTECH)
    with transaction.atomic():
        sync(
            source=Source.JOBTECH,
            records=records,
            relations=relations,
            covered_schemes=set(),
            covered_relation_kinds=set(),
            report=report,
        )
    return report.total("created")
