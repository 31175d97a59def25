"""The demo's application dossier: Högskolan Kristianstad prepares to apply for a level for basal hygiene."""

from __future__ import annotations

from mimis.catalog.models import MicroCredential
from mimis.recognition.models import RecognitionDossier

DEMO_DOSSIERS = {
    "basal-hygien-i-vard-och-omsorg": {
        "contact_name": "Karin Lind",
        "contact_role": "Utbildningsledare vård och omsorg",
        "contact_email": "karin.lind@demo.mimis.example",
        "qualification_type": "utbildningsbevis",
        "field_description": (
            "Vård och omsorg om äldre i kommunal hemtjänst och på särskilt boende. Kvalifikationen riktar sig "
            "till vårdbiträden och undersköterskor och till personer som vill börja arbeta i omsorgen."
        ),
        "level_justification": (
            "Deltagaren har faktakunskaper om hur smitta sprids och förebyggs (kunskaper) och tillämpar "
            "basala hygienrutiner och klädregler i det dagliga arbetet (färdigheter). Arbetet sker efter "
            "fastställda rutiner med ett eget ansvar för att de följs, under ledning av arbetsledare "
            "(ansvar och självständighet). Det motsvarar nivå 3."
        ),
        "examiners_qualifications": (
            "Den praktiska bedömningen görs av legitimerade sjuksköterskor med handledarutbildning, på en "
            "annan arbetsplats än deltagarens egen."
        ),
        "quality_plan": "Kursplan och bedömningsmallar fastställs varje år av programrådet.",
        "quality_follow_up": "Efter varje kursomgång jämförs bedömningarna mellan bedömarna.",
        "quality_evaluate": "Deltagare och arbetsgivare svarar på en enkät; resultaten går till programrådet.",
        "quality_document": "Beslut och resultat dokumenteras i högskolans kvalitetssystem.",
        "quality_develop": "Programrådet beslutar om förändringar som sedan granskas i en ny version.",
    }
}


def load_demo_dossiers() -> int:
    created = 0
    for slug, fields in DEMO_DOSSIERS.items():
        microcredential = MicroCredential.objects.filter(slug=slug).first()
        if microcredential is None:
            continue
        _dossier, was_created = RecognitionDossier.objects.get_or_create(
            microcredential=microcredential, defaults=fields
        )
        created += was_created
    return created
