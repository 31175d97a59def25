"""The eight levels of the European Qualifications Framework (EQF) and of SeQF, Sweden's framework.

SeQF (Sveriges referensram för kvalifikationer för livslångt lärande) has the same eight levels as the
EQF. The descriptors below are our own concise SUMMARIES of the learning-outcome descriptors in Annex II
of the Council Recommendation of 22 May 2017 on the EQF and in bilaga 1 to förordning (2015:545) om
referensram för kvalifikationer för livslångt lärande. Since SFS 2022:1558 the förordning describes
learning outcomes as *kunskaper, färdigheter, ansvar och självständighet* (knowledge, skills,
responsibility and autonomy), no longer "kompetenser"; the third field is named accordingly. They are
shipped data in both languages, not a legal text: link to the official texts where exact wording matters.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE_NOTE = {
    "sv": "Sammanfattning av nivåbeskrivningarna i EQF (rådets rekommendation 2017/C 189/03, bilaga II) och SeQF "
    "(förordning 2015:545, bilaga 1, i lydelse enligt SFS 2022:1558): kunskaper, färdigheter, ansvar och "
    "självständighet. Inte den officiella lydelsen.",
    "en": "Summary of the level descriptors of the EQF (Council Recommendation 2017/C 189/03, Annex II) and SeQF "
    "(Swedish ordinance 2015:545, annex 1, as amended by SFS 2022:1558): knowledge, skills, responsibility and "
    "autonomy. Not the official wording.",
}


@dataclass(frozen=True)
class Descriptor:
    knowledge: str  # kunskaper
    skills: str  # färdigheter
    responsibility_and_autonomy: str  # ansvar och självständighet

    def as_dict(self) -> dict[str, str]:
        return {
            "knowledge": self.knowledge,
            "skills": self.skills,
            "responsibility_and_autonomy": self.responsibility_and_autonomy,
            # The name before SFS 2022:1558 ("kompetenser"), kept so that existing API clients go on working.
            "competence": self.responsibility_and_autonomy,
        }


@dataclass(frozen=True)
class QualificationLevel:
    """One level, valid for both EQF and SeQF. ``is_summary`` is always True: not the official wording."""

    level: int
    sv: Descriptor
    en: Descriptor
    is_summary: bool = True

    def descriptor(self, language: str) -> Descriptor:
        return self.sv if language.startswith("sv") else self.en


LEVELS: tuple[QualificationLevel, ...] = (
    QualificationLevel(
        1,
        Descriptor(
            "Grundläggande allmänna kunskaper.",
            "Grundläggande färdigheter för att utföra enkla uppgifter.",
            "Arbetar eller studerar under direkt handledning i ett strukturerat sammanhang.",
        ),
        Descriptor(
            "Basic general knowledge.",
            "Basic skills needed to carry out simple tasks.",
            "Works or studies under direct supervision in a structured context.",
        ),
    ),
    QualificationLevel(
        2,
        Descriptor(
            "Grundläggande faktakunskaper inom ett arbets- eller studieområde.",
            "Grundläggande kognitiva och praktiska färdigheter för att använda relevant information, utföra "
            "uppgifter och lösa rutinproblem med enkla regler och verktyg.",
            "Arbetar eller studerar under handledning med viss självständighet.",
        ),
        Descriptor(
            "Basic factual knowledge of a field of work or study.",
            "Basic cognitive and practical skills to use relevant information, carry out tasks and solve "
            "routine problems with simple rules and tools.",
            "Works or studies under supervision with some autonomy.",
        ),
    ),
    QualificationLevel(
        3,
        Descriptor(
            "Kunskaper om fakta, principer, processer och allmänna begrepp inom ett arbets- eller studieområde.",
            "Ett urval kognitiva och praktiska färdigheter för att utföra uppgifter och lösa problem genom att "
            "välja och tillämpa grundläggande metoder, verktyg, material och information.",
            "Tar ansvar för att slutföra uppgifter och anpassar sitt handlande efter omständigheterna när "
            "problem ska lösas.",
        ),
        Descriptor(
            "Knowledge of facts, principles, processes and general concepts in a field of work or study.",
            "A range of cognitive and practical skills to accomplish tasks and solve problems by selecting and "
            "applying basic methods, tools, materials and information.",
            "Takes responsibility for completing tasks and adapts own behaviour to circumstances when solving "
            "problems.",
        ),
    ),
    QualificationLevel(
        4,
        Descriptor(
            "Fakta- och teorikunskaper i breda sammanhang inom ett arbets- eller studieområde.",
            "Ett urval kognitiva och praktiska färdigheter för att hitta lösningar på specifika problem.",
            "Styr sitt eget arbete inom givna ramar i oftast förutsägbara men föränderliga sammanhang; "
            "övervakar andras rutinarbete och tar visst ansvar för att utvärdera och förbättra arbetet.",
        ),
        Descriptor(
            "Factual and theoretical knowledge in broad contexts within a field of work or study.",
            "A range of cognitive and practical skills to generate solutions to specific problems.",
            "Manages own work within guidelines in usually predictable contexts that are subject to change; "
            "supervises the routine work of others with some responsibility for evaluating and improving it.",
        ),
    ),
    QualificationLevel(
        5,
        Descriptor(
            "Omfattande, specialiserade fakta- och teorikunskaper inom ett område och medvetenhet om "
            "kunskapernas gränser.",
            "Ett brett spektrum av kognitiva och praktiska färdigheter för att utveckla kreativa lösningar "
            "på abstrakta problem.",
            "Leder och övervakar arbete i sammanhang med oförutsägbara förändringar; granskar och utvecklar "
            "egna och andras prestationer.",
        ),
        Descriptor(
            "Comprehensive, specialised, factual and theoretical knowledge within a field, and awareness of "
            "the boundaries of that knowledge.",
            "A comprehensive range of cognitive and practical skills to develop creative solutions to "
            "abstract problems.",
            "Manages and supervises in contexts of unpredictable change; reviews and develops the "
            "performance of self and others.",
        ),
    ),
    QualificationLevel(
        6,
        Descriptor(
            "Avancerade kunskaper inom ett område med kritisk förståelse av teorier och principer.",
            "Avancerade färdigheter som visar behärskning och förmåga till nytänkande, för att lösa komplexa "
            "och oförutsägbara problem inom ett specialiserat område.",
            "Leder komplexa tekniska eller yrkesmässiga verksamheter eller projekt och fattar beslut i "
            "oförutsägbara sammanhang; tar ansvar för personers och gruppers yrkesmässiga utveckling.",
        ),
        Descriptor(
            "Advanced knowledge of a field, involving a critical understanding of theories and principles.",
            "Advanced skills, demonstrating mastery and innovation, to solve complex and unpredictable "
            "problems in a specialised field.",
            "Manages complex technical or professional activities or projects and takes decisions in "
            "unpredictable contexts; takes responsibility for the professional development of individuals "
            "and groups.",
        ),
    ),
    QualificationLevel(
        7,
        Descriptor(
            "Högt specialiserade kunskaper, delvis i framkant av området, som grund för självständigt tänkande "
            "eller forskning; kritisk medvetenhet om kunskapsfrågor inom och mellan områden.",
            "Specialiserade färdigheter i problemlösning för forskning eller innovation, för att utveckla ny "
            "kunskap och nya metoder och integrera kunskap från olika områden.",
            "Leder och förändrar komplexa, oförutsägbara sammanhang som kräver nya strategiska angreppssätt; "
            "tar ansvar för att bidra till yrkeskunnande och praxis eller för att granska gruppers strategiska "
            "resultat.",
        ),
        Descriptor(
            "Highly specialised knowledge, partly at the forefront of a field, as the basis for original "
            "thinking or research; critical awareness of knowledge issues in a field and between fields.",
            "Specialised problem-solving skills for research or innovation, to develop new knowledge and "
            "procedures and to integrate knowledge from different fields.",
            "Manages and transforms complex, unpredictable contexts that need new strategic approaches; takes "
            "responsibility for contributing to professional knowledge and practice or for reviewing the "
            "strategic performance of teams.",
        ),
    ),
    QualificationLevel(
        8,
        Descriptor(
            "Kunskaper vid den yttersta forskningsfronten inom ett område och i gränssnittet mellan områden.",
            "De mest avancerade och specialiserade färdigheterna och teknikerna, inklusive syntes och "
            "utvärdering, för att lösa kritiska problem i forskning eller innovation och utvidga eller "
            "omdefiniera befintlig kunskap eller praxis.",
            "Visar betydande auktoritet, innovationsförmåga, självständighet, vetenskaplig och yrkesmässig "
            "integritet och uthålligt engagemang för att utveckla nya idéer eller processer i "
            "forskningsfronten.",
        ),
        Descriptor(
            "Knowledge at the most advanced frontier of a field and at the interface between fields.",
            "The most advanced and specialised skills and techniques, including synthesis and evaluation, to "
            "solve critical problems in research or innovation and to extend or redefine existing knowledge "
            "or practice.",
            "Demonstrates substantial authority, innovation, autonomy, scholarly and professional integrity "
            "and sustained commitment to developing new ideas or processes at the forefront of work or "
            "study, including research.",
        ),
    ),
)


def level(number: int) -> QualificationLevel:
    """The level ``number`` (1–8); ``KeyError`` otherwise."""
    for item in LEVELS:
        if item.level == number:
            return item
    raise KeyError(number)
