"""Criteria version 1: the ten EU principles for the design and issuance of micro-credentials (Council
Recommendation of 16 June 2022, Annex II) and the six design factors of the Skåne study.

A criteria version never changes once published, so this data is fixed; region administrators publish
later versions from the application. Loaded by migration 0002, and again on first use if the table is
empty (a flushed test database).
"""

from __future__ import annotations

from typing import Any

EU = "eu_principle"
SKANE = "design_factor"

CRITERIA = [
    (
        "eu-quality",
        EU,
        "Kvalitet",
        "Quality",
        "Mikromeriten omfattas av intern och extern kvalitetssäkring hos den som utfärdar den. "
        "Kvalitetssäkringen täcker både utformningen och genomförandet och leder till förbättringar.",
        "The micro-credential is subject to internal and external quality assurance by the issuer, "
        "covering both its design and its delivery, and leads to improvements.",
    ),
    (
        "eu-transparency",
        EU,
        "Transparens",
        "Transparency",
        "Mikromeriten är mätbar, jämförbar och begriplig: lärandemål, arbetsbelastning, innehåll, nivå och "
        "erbjudande beskrivs tydligt med EU:s standardelement.",
        "The micro-credential is measurable, comparable and understandable: learning outcomes, workload, "
        "content, level and the learning offer are clearly described with the EU standard elements.",
    ),
    (
        "eu-relevance",
        EU,
        "Relevans",
        "Relevance",
        "Mikromeriten är en avgränsad, målinriktad lärandeprestation som svarar mot identifierade behov "
        "och hålls uppdaterad.",
        "The micro-credential is a distinct, targeted learning achievement that meets identified needs "
        "and is kept up to date.",
    ),
    (
        "eu-valid-assessment",
        EU,
        "Giltig bedömning",
        "Valid assessment",
        "Lärandemålen bedöms mot transparenta kriterier med en bedömningsform som passar målen.",
        "The learning outcomes are assessed against transparent standards, with a form of assessment that "
        "suits them.",
    ),
    (
        "eu-learning-pathways",
        EU,
        "Lärvägar",
        "Learning pathways",
        "Mikromeriten stödjer flexibla lärvägar: den kan valideras, erkännas och byggas ihop med andra "
        "mikromeriter och kvalifikationer.",
        "The micro-credential supports flexible learning pathways: it can be validated, recognised and "
        "stacked with other micro-credentials and qualifications.",
    ),
    (
        "eu-recognition",
        EU,
        "Erkännande",
        "Recognition",
        "Det framgår tydligt vad mikromeriten signalerar och hur den kan erkännas för fortsatta studier, "
        "utbildning eller arbete.",
        "It is clear what the micro-credential signals and how it can be recognised for further studies, "
        "training or employment.",
    ),
    (
        "eu-portability",
        EU,
        "Portabilitet",
        "Portability",
        "Mikromeriten ägs av innehavaren, kan lagras och delas enkelt (till exempel i en digital plånbok) "
        "och bygger på öppna standarder.",
        "The micro-credential is owned by its holder, can be stored and shared easily (for example in a "
        "digital wallet) and is built on open standards.",
    ),
    (
        "eu-learner-centred",
        EU,
        "Lärandecentrerad",
        "Learner-centred",
        "Mikromeriten är utformad efter målgruppens behov, och deltagarna är med i kvalitetsarbetet och "
        "kan lämna synpunkter.",
        "The micro-credential is designed for the needs of its target group, and learners take part in "
        "quality assurance and can give feedback.",
    ),
    (
        "eu-authentic",
        EU,
        "Äkthet",
        "Authentic",
        "Mikromeriten innehåller det som behövs för att kontrollera innehavarens identitet, utfärdarens "
        "identitet och när och var den utfärdades.",
        "The micro-credential contains what is needed to check the holder's identity, the issuer's legal "
        "identity and the date and place of issue.",
    ),
    (
        "eu-information-guidance",
        EU,
        "Information och vägledning",
        "Information and guidance",
        "Information om mikromeriten når målgruppen och kan användas i studie- och yrkesvägledning.",
        "Information about the micro-credential reaches its target group and can be used in learning and "
        "career guidance.",
    ),
    (
        "skane-adapted-to-sector",
        SKANE,
        "Anpassad till branschen",
        "Adapted to the sector",
        "Innehåll och nivå motsvarar vad branschen och arbetsgivarna efterfrågar.",
        "Content and level match what the sector and its employers ask for.",
    ),
    (
        "skane-easy-to-navigate",
        SKANE,
        "Lätt att navigera",
        "Easy to navigate",
        "En deltagare eller arbetsgivare förstår snabbt vad mikromeriten ger, vem den är för och hur man "
        "kommer vidare.",
        "A learner or an employer quickly understands what the micro-credential gives, whom it is for and "
        "where to go next.",
    ),
    (
        "skane-co-designed",
        SKANE,
        "Samskapad med de parter som ska använda den",
        "Co-designed with the parties who will use it",
        "Arbetsgivare, fack eller andra som ska använda mikromeriten har varit med och utformat den.",
        "Employers, unions or others who will use the micro-credential took part in designing it.",
    ),
    (
        "skane-complements-formal",
        SKANE,
        "Kompletterar formell utbildning",
        "Complements formal education",
        "Mikromeriten kompletterar och konkurrerar inte med formell utbildning, och visar hur den förhåller "
        "sig till den.",
        "The micro-credential complements rather than competes with formal education, and shows how it "
        "relates to it.",
    ),
    (
        "skane-quality-assured",
        SKANE,
        "Kvalitetssäkrad",
        "Quality-assured",
        "Utfärdaren har rutiner för att genomförande och bedömning håller samma kvalitet varje gång.",
        "The issuer has routines that keep delivery and assessment at the same quality every time.",
    ),
    (
        "skane-national-recognition",
        SKANE,
        "Byggd för nationellt erkännande",
        "Built for national recognition",
        "Mikromeriten är beskriven så att den kan nivåplaceras i SeQF och erkännas nationellt.",
        "The micro-credential is described so that it can be placed on the SeQF and recognised nationally.",
    ),
]


def load_criteria_version_1(criteria_version_model: Any, criterion_model: Any) -> None:
    """Create version 1 unless it exists (the models are passed in so that the migration can use its own)."""
    if criteria_version_model.objects.filter(number=1).exists():
        return
    version = criteria_version_model.objects.create(
        number=1,
        notes="EU:s principer för mikromeriter (rådets rekommendation 2022) och Skånestudiens designfaktorer.",
    )
    criterion_model.objects.bulk_create(
        [
            criterion_model(
                criteria_version=version,
                position=position,
                code=code,
                group=group,
                title=title,
                title_en=title_en,
                guidance=guidance,
                guidance_en=guidance_en,
            )
            for position, (code, group, title, title_en, guidance, guidance_en) in enumerate(CRITERIA)
        ]
    )
