"""The demo's taxonomy: the full JobTech Taxonomy bundled with MIMIS, plus English names we wrote.

``load_demo_taxonomy`` imports the bundled export (``mimis/taxonomy/data/jobtech.zip``) unless that
bundle, or a JobTech export someone chose, is imported already, so a second run is quick and changes
nothing. JobTech publishes Swedish names only; for the concepts of the pilot tracks (health and social
care, small businesses, people outside the labour market) ``ENGLISH_LABELS`` gives English ones, so
English pages show English names where we have them. They only fill empty fields: an English name that
an import or an editor has set is never overwritten.
"""

from __future__ import annotations

from django.db import transaction

from mimis.taxonomy.importers.base import concept_search_text
from mimis.taxonomy.models import Concept, Source
from mimis.taxonomy.services import ensure_bundled_jobtech

# JobTech id -> English name (the Swedish name as published, for the reader).
ENGLISH_LABELS: dict[str, str] = {
    "Zk4h_jP4_e85": "A-class forklifts",  # A-truckar
    "oJiB_gms_Rm7": "Support for relatives",  # Anhörigstöd
    "Nksx_4oe_fEQ": "Responsibility for the work environment",  # Arbetsmiljöansvar
    "HeXq_amc_ABd": "B-class forklifts",  # B-truckar
    "btqh_hCy_bRi": "Bakery work",  # Bageriarbete
    "C1qR_L83_nzh": "Basic hygiene routines in health care",  # Basala hygienrutiner inom hälso- och sjukvård
    "Fiq4_siu_LXn": "Bookkeeping experience",  # Bokföringsvana
    "Gt5f_wdi_FSJ": "Budget responsibility",  # Budgetansvar
    "hqYJ_jyZ_Ks8": "Dementia care",  # Demensvård
    "Lz84_K5d_CcL": "Digital marketing/Online marketing",  # Digital marknadsföring/Onlinemarknadsföring
    "F7nJ_k5s_L29": "Documentation in health care",  # Dokumentation inom hälso- och sjukvård
    "tArT_WTu_BrU": "E-commerce, experience",  # E-handel, erfarenhet
    "dNA9_T9K_JXF": "Basic cooking skills",  # Enklare matlagningskunskaper
    "Qecp_WbB_vyj": "Ergonomics",  # Ergonomi
    # Ergonomiskt arbetssätt inom hälso- och sjukvård
    "rVUL_AgV_ZTH": "Ergonomic working methods in health care",
    "X3ec_jqv_xRp": "Disability, care experience",  # Funktionsnedsättning, omsorgserfarenhet
    "E13X_ZF3_PAb": "Physical work environment and ergonomics",  # Fysisk arbetsmiljö och ergonomi
    "VfP9_2xd_g2h": "Business administration",  # Företagsekonomi
    "myz9_nz9_hTL": "First aid in accidents",  # Första hjälpen vid olycksfall
    "4oKa_e7b_oHW": "Sales, experience",  # Försäljning, erfarenhet
    "cocQ_EPn_YiY": "Geriatric nursing care",  # Geriatrisk omvårdnad
    "NbjJ_WBY_FoA": "Home health care",  # Hemsjukvård
    "xowU_8Wu_K7C": "Home care services",  # Hemtjänst
    "hYpk_RYx_y3V": "Cash register experience",  # Kassavana
    "2RpU_Wtb_59E": "Treating customers well and service",  # Kundbemötande och service
    "aMyW_hB7_TpU": "Customer service",  # Kundtjänst
    "3RBh_oUj_58E": "Warehousing",  # Lagerhållning
    "kj4Q_nLh_u8Q": "Food hygiene",  # Livsmedelshygien
    "5wab_aFK_gdL": "MS Excel",  # MS Excel
    "PryY_ETL_JEW": "Nutrition",  # Nutrition
    "14eq_XTy_BPB": "Care training/Nursing care training",  # Omsorgsutbildning/Omvårdnadsutbildning
    "MR4H_FFT_mTj": "Nursing care",  # Omvårdnad
    "S1ZP_o8S_Jxf": "Order picking",  # Orderplockning
    "zgd6_6Bj_829": "Personal care",  # Personlig omvårdnad
    "k29D_fT4_Wso": "Publishing on the web and social media",  # Publicering, webben och sociala medier
    "FYk9_RXp_7c5": "Accounting",  # Redovisning
    "axxm_t1P_6WR": "Social documentation",  # Social dokumentation
    "fZdk_vbt_LhP": "Cleaning services",  # Städtjänster
    "ijHY_aHk_ADE": "Terminal and warehouse work",  # Terminal- och lagerarbete
    "pGts_PKK_c8W": "Forklift experience",  # Truckvana
    # Utbildning i Första hjälpen/Hjärt-lungräddning, HLR
    "mwCM_MmB_6Ks": "First aid and cardiopulmonary resuscitation (CPR) training",
    "7wbG_fbz_pon": "Challenging behaviour, care experience",  # Utmanande beteende, omsorgserfarenhet
    "515e_Tvy_Zgj": "Care planning",  # Vårdplanering
    "Yt2Z_1pY_MNz": "Elderly care",  # Äldreomsorg
    "zSLA_vw2_FXN": "Swedish",  # Svenska
    "kLyY_rwr_aJr": "Warehouse and terminal staff",  # Lager- och terminalpersonal
    "u1RN_Fih_rgS": "Service, care and sales occupations",  # Service-, omsorgs- och försäljningsyrken
    "YKL2_FCB_1yr": "Shop sales assistants, specialised shops",  # Butikssäljare, fackhandel
    "2U3x_Aub_tg1": "Personal care workers",  # Omsorgsyrken
    "3EJj_WLs_kgD": "Assistant nurses",  # Undersköterskor
    # Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering
    "jY19_knH_MJp": "Assistant nurses in home care, home health care, residential elderly care and habilitation",
    # Undersköterskor, vård- och specialavdelning och mottagning
    "LP4Z_ABV_gRm": "Assistant nurses in wards, specialist units and outpatient clinics",
    "UCxd_vFm_MKt": "Care assistants",  # Vårdbiträden
    "tAJS_JNb_hDH": "Care assistants",  # Vårdbiträden
    # Skötare, vårdare och personliga assistenter m.fl.
    "AHeU_veN_WG9": "Attendants, carers and personal assistants",
    "sq3e_WVv_Fjd": "Personal assistants",  # Personliga assistenter
    "5qT8_z9d_8rw": "Bakers and pastry-cooks",  # Bagare och konditorer
    "MrcX_RDn_N53": "Forklift truck operators",  # Truckförare
    "Z6TY_xDf_Yup": "Cleaners",  # Städare
    "XugJ_6hw_wVV": "Baker/Pastry-cook",  # Bagare/Konditor
    "eU1q_zvL_9Rf": "Personal assistant",  # Personlig assistent
    "KF64_AvU_S4N": "Cleaner",  # Städare
    "GQSf_fnq_kjF": "Forklift truck operator",  # Truckförare
    # Undersköterska, hemtjänst, äldreboende och habilitering
    "bSEB_VKd_Ub3": "Assistant nurse, home care, residential care and habilitation",
    "4zLr_jP5_peZ": "Care assistant",  # Vårdbiträde
    "HjSc_8zW_cr3": "Manufacture of food products",  # Livsmedelsframställning
    # Tillverkning av bageri- och mjölprodukter
    "54ex_AYA_XK9": "Manufacture of bakery and farinaceous products",
    # Tillverkning av mjukt matbröd och färska bakverk
    "qXDA_PJk_dni": "Manufacture of bread; fresh pastry goods and cakes",
    # Detaljhandel utom med motorfordon och motorcyklar
    "TCmT_aeL_hkh": "Retail trade, except of motor vehicles and motorcycles",
    "KhNL_Quq_Xjk": "Human health activities",  # Hälso- och sjukvård
    "Kvkm_5tn_6g2": "Residential care activities",  # Vård och omsorg med boende
    "sKum_LiG_frY": "Social work activities without accommodation",  # Öppna sociala insatser
    "trPt_iHy_oFP": "Manufacturing",  # Tillverkning
    # Handel; reparation av motorfordon och motorcyklar
    "eVis_tAP_azH": "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    "RnMq_HVh_L67": "Accommodation and food service activities",  # Hotell- och restaurangverksamhet
    # Uthyrning, fastighetsservice, resetjänster och andra stödtjänster
    "3C6S_Zjh_y5g": "Administrative and support service activities",
    "eJVQ_Uye_8UP": "Human health and social work activities",  # Vård och omsorg; sociala tjänster
    # Samhällsvetenskap, juridik, handel, administration
    "Mga4_MQZ_aRW": "Social sciences, law, business and administration",
    "1nfZ_zkU_RyS": "Business, commerce and administration",  # Företagsekonomi, handel och administration
    "bV8r_EjP_wxB": "Health and welfare",  # Hälso- och sjukvård samt social omsorg
    "xPJU_eQm_ehe": "Health",  # Hälso- och sjukvård
    "fQMU_GjY_AkC": "Nursing and caring",  # Omvårdnad
    "Cbrh_8aE_CcP": "Social work and welfare",  # Socialt arbete och omsorg
    "m5ZS_gKU_d4v": "Compulsory education, 9 (10) years",  # Förgymnasial utbildning, 9 (10) år
    "wyLL_K3a_HRC": "Upper secondary education",  # Gymnasial utbildning
    # Eftergymnasial utbildning, kortare än 2 år
    "GD66_5wp_MSh": "Post-secondary education, less than 2 years",
    "KBjB_gpS_ZJL": "Post-secondary education, 2 years or more",  # Eftergymnasial utbildning, minst 2 år
}


def add_english_labels() -> int:
    """Give the pilot concepts that have no English name ours; returns how many were filled."""
    concepts = list(
        Concept.objects.filter(source=Source.JOBTECH, source_id__in=ENGLISH_LABELS, preferred_label_en="")
    )
    for concept in concepts:
        concept.preferred_label_en = ENGLISH_LABELS[concept.source_id]
        concept.search_text = concept_search_text(concept)
    Concept.objects.bulk_update(concepts, ["preferred_label_en", "search_text"], batch_size=500)
    return len(concepts)


def load_demo_taxonomy() -> int:
    """Import the bundled taxonomy if needed and add the English names; returns the concepts created."""
    with transaction.atomic():
        report = ensure_bundled_jobtech()
        add_english_labels()
    return report.total("created") if report is not None else 0
