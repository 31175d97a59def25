"""Hand-written, invented snippets with gold skills (see README.md).

Each gold entry: (preferred_label in skills.json, required, [evidence phrases]).
An evidence phrase "anchor>>phrase" is searched after the anchor.
"""

R = True  # required
M = False  # meriterande / meritorious / önskvärt

SNIPPETS: list[dict] = []


def add(sid: str, sector: str, text: str, gold: list, kind: str = "ad") -> None:
    SNIPPETS.append({"id": sid, "sector": sector, "kind": kind, "text": text, "gold": gold})


# ---------------------------------------------------------------- eldercare (sv)
add(
    "sv-eldercare-01",
    "eldercare",
    """
Undersköterska till Solgårdens äldreboende, Hässleholm

Solgården är ett äldreboende i centrala Hässleholm med 48 lägenheter på fyra avdelningar, varav två är inriktade mot demensvård.

Vi söker dig som har:
- undersköterskeutbildning och bevis om skyddad yrkestitel
- erfarenhet av arbete inom äldreomsorgen
- god kunskap om basala hygienrutiner
- vana att dokumentera i social journal (vi använder Lifecare)
- goda kunskaper i svenska i tal och skrift

Meriterande: erfarenhet av demensvård samt utbildning i HLR.

Vi erbjuder:
- kollektivavtal och tjänstepension
- friskvårdsbidrag på 3 000 kr per år
- introduktion med handledare och utbildning i förflyttningsteknik

Om oss: Hässleholms kommun har cirka 5 000 medarbetare och vi jobbar för en trygg vardag för alla.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["undersköterskeutbildning"]),
        ("Bevis om skyddad yrkestitel som undersköterska", R, ["bevis om skyddad yrkestitel"]),
        ("Äldreomsorg", R, ["arbete inom äldreomsorgen"]),
        ("Basala hygienrutiner inom hälso- och sjukvård", R, ["basala hygienrutiner"]),
        ("Social dokumentation", R, ["dokumentera i social journal"]),
        ("Demensvård", M, ["Meriterande>>erfarenhet av demensvård"]),
        ("Utbildning i Första hjälpen/Hjärt-lungräddning, HLR", M, ["utbildning i HLR"]),
    ],
)

add(
    "sv-eldercare-02",
    "eldercare",
    """
Vårdbiträde, timvikarie – Lindgårdens vård- och omsorgsboende

Trivs du med att göra skillnad i vardagen för äldre? Vi behöver fler timvikarier till våra avdelningar, främst kvällar och helger.

Dina arbetsuppgifter består av personlig omvårdnad, hjälp vid måltider, aktivering och att stötta de boende i deras ADL.

Vi söker dig som:
- har erfarenhet av omvårdnadsarbete, gärna från särskilt boende
- är van att använda lyftar och andra hjälpmedel på ett säkert sätt
- kan dokumentera och läsa genomförandeplaner
- kan kommunicera väl på svenska

Det är ett plus om du har gått vård- och omsorgsprogrammet.

Vi erbjuder schemalagd introduktion, kollektivavtal via Kommunal och personalrabatt på vårt café.
""",
    [
        ("Personlig omvårdnad", R, ["personlig omvårdnad"]),
        ("ADL-träning", R, ["stötta de boende i deras ADL"]),
        ("Allmän omvårdnadserfarenhet", R, ["erfarenhet av omvårdnadsarbete"]),
        ("Sjukhem/Särskilt boende", M, ["gärna från särskilt boende"]),
        ("Arbetstekniska hjälpmedel inom vård och omsorg", R, ["använda lyftar och andra hjälpmedel"]),
        ("Social dokumentation", R, ["kan dokumentera och läsa genomförandeplaner"]),
        ("Omsorgsutbildning/Omvårdnadsutbildning", M, ["vård- och omsorgsprogrammet"]),
    ],
)

add(
    "sv-eldercare-03",
    "eldercare",
    """
Undersköterska natt till demensboende i Eslöv

Ängsbacken har 32 platser för personer med demenssjukdom. Nattpersonalen arbetar självständigt och i nära samarbete med sjuksköterska i beredskap.

Krav:
- Undersköterskeexamen
- Minst två års erfarenhet av att arbeta med personer med demenssjukdom
- Kunskap om bemötande vid utmanande beteende (BPSD)
- Delegering för läkemedel inom 3 månader efter anställning
- Du ska kunna upptäcka tidiga tecken på försämring, vi använder NEWS

Meriterande:
- Silviasysterutbildning eller annan vidareutbildning i demensvård
- Erfarenhet av palliativ vård i livets slutskede

Vi erbjuder ett arbete med fasta nätter, 10 % nattillägg enligt kollektivavtal och friskvårdstimme.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["Undersköterskeexamen"]),
        ("Demensvård", R, ["arbeta med personer med demenssjukdom"]),
        ("Utmanande beteende, omsorgserfarenhet", R, ["bemötande vid utmanande beteende"]),
        ("NEWS-bedömningar (National Early Warning Score)", R, ["vi använder NEWS"]),
    ],
)

add(
    "sv-eldercare-04",
    "eldercare",
    """
Vi söker undersköterskor till korttidsboendet Rosengården

Rosengården tar emot personer som behöver vård efter sjukhusvistelse innan de kan flytta hem igen. Här möter du många olika diagnoser och arbetar nära arbetsterapeut och fysioterapeut med rehabilitering.

Du som söker har
* genomgått undersköterskeutbildning
* god vana av dokumentation i journalsystem och kan följa vårdplaner
* kunskap om fallprevention och ergonomiskt arbetssätt
* förmåga att arbeta med rehabiliterande förhållningssätt

Det är meriterande om du har erfarenhet av geriatrisk vård eller av att arbeta på sjukhus.

Hos oss får du: kollektivavtal, friskvårdsbidrag, cykelförmån och möjlighet att gå utbildningen till specialistundersköterska.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["undersköterskeutbildning"]),
        ("Dokumentation inom hälso- och sjukvård", R, ["dokumentation i journalsystem"]),
        ("Omvårdnadsplanering", R, ["kan följa vårdplaner"]),
        ("Fallprevention", R, ["fallprevention"]),
        ("Ergonomiskt arbetssätt inom hälso- och sjukvård", R, ["ergonomiskt arbetssätt"]),
        ("Rehabilitering", R, ["rehabiliterande förhållningssätt"]),
        ("Geriatrisk omvårdnad", M, ["geriatrisk vård"]),
    ],
)

add(
    "sv-eldercare-05",
    "eldercare",
    """
Sommarvikarier till äldreomsorgen i Höörs kommun

Vi söker dig som vill jobba hos oss i sommar på något av våra tre vård- och omsorgsboenden. Du behöver inte ha arbetat inom vården tidigare, vi ger dig en introduktion på tre dagar med basala hygienrutiner, förflyttning och bemötande.

Vi ser gärna att du
- har läst någon vårdkurs eller arbetat som vårdbiträde förut
- är trygg i att hjälpa någon med dusch, påklädning och toalettbesök
- är noggran och följer tystnadsplikten

Det är ett krav att du har fyllt 18 år.

Om oss: I Höör bor ca 17 000 invånare. Vi erbjuder dig tjänstepension, kollektivavtal och en kostnadsfri friskvårdsaktivitet i veckan.
""",
    [
        ("Omsorgsutbildning/Omvårdnadsutbildning", M, ["har läst någon vårdkurs"]),
        ("Allmän omvårdnadserfarenhet", M, ["arbetat som vårdbiträde förut"]),
        ("Personlig omvårdnad", R, ["hjälpa någon med dusch, påklädning och toalettbesök"]),
        ("Sekretess och tystnadsplikt inom hälso- och sjukvård", R, ["följer tystnadsplikten"]),
    ],
)

add(
    "sv-eldercare-06",
    "eldercare",
    """
Undersköterska med inriktning demens – Tallbackens vård- och omsorgsboende, Kristianstad

Tallbacken är ett boende med 60 lägenheter. Vi arbetar personcentrerat och har en nära dialog med anhöriga.

Vi söker dig som är utbildad undersköterska med erfarenhet från demensvården. Du har god dokumentationsvana enligt SOSFS 2014:5 och kan arbeta med genomförandeplaner tillsammans med den boende. Du är van vid att använda arbetstekniska hjälpmedel såsom taklyft och glidlakan.

Har du utbildning i taktil massage eller erfarenhet av att vara kontaktperson är det meriterande.

Vi erbjuder: arbete på heltid, kollektivavtal, friskvårdsbidrag 2 500 kr/år och cykelpool.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["utbildad undersköterska"]),
        ("Demensvård", R, ["erfarenhet från demensvården"]),
        ("Social dokumentation", R, ["dokumentationsvana enligt SOSFS 2014:5"]),
        ("Arbetstekniska hjälpmedel inom vård och omsorg", R, ["arbetstekniska hjälpmedel"]),
        ("Taktil stimulering", M, ["taktil massage"]),
    ],
)

add(
    "sv-eldercare-07",
    "eldercare",
    """
Vårdbiträde till Strandhemmet – 75 %

Strandhemmet är ett privat äldreboende i Ystad med 24 boende. Vi är ett litet, sammansvetsat gäng där alla hjälps åt.

Det här gör du: ger omvårdnad och service till de boende, hjälper till med måltider, tvätt och städning i lägenheterna och dokumenterar i vårt verksamhetssystem.

Krav: erfarenhet av äldreomsorg, gärna med personer med demens. Du ska kunna hantera lyft och förflyttningar på ett ergonomiskt sätt.
Meriterande: undersköterskeutbildning, HLR-utbildning.

Vi erbjuder kollektivavtal, friskvårdsbidrag och gratis lunch under arbetspasset.
""",
    [
        ("Omvårdnad", R, ["ger omvårdnad"]),
        ("Tvätt- och städningsansvar", R, ["tvätt och städning i lägenheterna"]),
        ("Social dokumentation", R, ["dokumenterar i vårt verksamhetssystem"]),
        ("Äldreomsorg", R, ["erfarenhet av äldreomsorg"]),
        ("Demensvård", M, ["gärna med personer med demens"]),
        (
            "Ergonomiskt arbetssätt inom hälso- och sjukvård",
            R,
            ["lyft och förflyttningar på ett ergonomiskt sätt"],
        ),
        ("Undersköterskeutbildning/Undersköterska, utbildad", M, ["Meriterande>>undersköterskeutbildning"]),
        ("Utbildning i Första hjälpen/Hjärt-lungräddning, HLR", M, ["HLR-utbildning"]),
    ],
)

# ---------------------------------------------------------------- home care (sv)
add(
    "sv-homecare-01",
    "homecare",
    """
Undersköterska till hemtjänsten i Lund Öster

Hemtjänsten Lund Öster ger stöd till cirka 180 kunder i deras egna hem. Du arbetar i ett team med undersköterskor, vårdbiträden och sjuksköterska.

Vi söker dig som:
- är utbildad undersköterska
- har erfarenhet av arbete i hemtjänst eller hemsjukvård
- kan utföra delegerade hälso- och sjukvårdsinsatser
- kan dokumentera i Treserva
- kan cykla, vi använder elcyklar i tjänsten

B-körkort är ett krav.

Meriterande är erfarenhet av demensvård och språkkunskaper i arabiska eller bosniska.

Vi erbjuder: kollektivavtal, friskvårdsbidrag, arbetskläder och ett schema med varannan helg ledig.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["utbildad undersköterska"]),
        ("Hemtjänst", R, ["arbete i hemtjänst"]),
        ("Hemsjukvård", R, ["hemsjukvård"]),
        ("Social dokumentation", R, ["dokumentera i Treserva"]),
        ("Cykelvana", R, ["kan cykla"]),
        ("Demensvård", M, ["erfarenhet av demensvård"]),
    ],
)

add(
    "sv-homecare-02",
    "homecare",
    """
Timvikarier i hemtjänsten – Trelleborgs kommun

Vill du arbeta extra när det passar dig? Vi söker timvikarier till hemtjänsten i Trelleborg och på Söderslätt.

Arbetet innebär att hjälpa äldre med personlig hygien, inköp, städning och att laga enklare måltider. Du åker mellan kunderna med bil eller cykel.

Krav:
- körkort B (manuell växellåda)
- erfarenhet av omvårdnadsarbete
- du förstår och gör dig förstådd på svenska

Meriterande:
- vård- och omsorgsutbildning
- kunskap om förflyttningsteknik

Vi erbjuder introduktion, kollektivavtal och arbetskläder.
""",
    [
        ("Personlig omvårdnad", R, ["hjälpa äldre med personlig hygien"]),
        ("Enklare matlagningskunskaper", R, ["laga enklare måltider"]),
        ("Allmän omvårdnadserfarenhet", R, ["erfarenhet av omvårdnadsarbete"]),
        ("Omsorgsutbildning/Omvårdnadsutbildning", M, ["vård- och omsorgsutbildning"]),
        ("Ergonomiskt arbetssätt inom hälso- och sjukvård", M, ["förflyttningsteknik"]),
    ],
)

add(
    "sv-homecare-03",
    "homecare",
    """
Hemtjänstpersonal till Omsorgsgruppen Malmö AB

Vi är ett privat hemtjänstföretag med kunder i Limhamn och Hyllie. Vi tror på små team och kontinuitet för kunden.

Vi söker dig som har jobbat inom hemtjänst minst ett år, har undersköterskeutbldning (eller läser till) och är van att dokumentera social dokumentation i mobilen. Du ska kunna ta ansvar för att följa basala hygien- och klädregler.

Det är ett plus om du har erfarenhet av att arbeta med personer med psykisk ohälsa eller funktionsnedsättning.

Vi erbjuder kollektivavtal (Vårdföretagarna), friskvårdsbidrag, mobiltelefon i tjänsten och betald utbildning.
""",
    [
        ("Hemtjänst", R, ["jobbat inom hemtjänst"]),
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["undersköterskeutbldning"]),
        ("Social dokumentation", R, ["dokumentera social dokumentation"]),
        ("Basala hygienrutiner inom hälso- och sjukvård", R, ["basala hygien- och klädregler"]),
        ("Psykisk funktionsnedsättning, omsorgserfarenhet", M, ["personer med psykisk ohälsa"]),
        ("Funktionsnedsättning, omsorgserfarenhet", M, ["psykisk ohälsa eller>>funktionsnedsättning"]),
    ],
)

add(
    "sv-homecare-04",
    "homecare",
    """
Undersköterska till hemsjukvård och hemtjänst natt – Helsingborg

Nattpatrullen i Helsingborg utför både hemtjänstinsatser och delegerade hälso- och sjukvårdsinsatser hos ca 120 kunder. Du kör mellan kunderna med tjänstebil.

Du har:
* undersköterskeexamen och skyddad yrkestitel
* erfarenhet från hemsjukvården
* god kunskap om basala hygienrutiner och läkemedelshantering
* B-körkort och van att köra i stadstrafik

Meriterande: HLR-utbildning, erfarenhet av palliativ vård, kunskap om att bedöma patientens tillstånd med NEWS.

Vi erbjuder OB- och nattillägg enligt avtal, friskvård och kompetensutveckling.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["undersköterskeexamen"]),
        ("Bevis om skyddad yrkestitel som undersköterska", R, ["skyddad yrkestitel"]),
        ("Hemsjukvård", R, ["erfarenhet från hemsjukvården"]),
        ("Basala hygienrutiner inom hälso- och sjukvård", R, ["basala hygienrutiner"]),
        ("Utbildning i Första hjälpen/Hjärt-lungräddning, HLR", M, ["HLR-utbildning"]),
        ("NEWS-bedömningar (National Early Warning Score)", M, ["bedöma patientens tillstånd med NEWS"]),
    ],
)

add(
    "sv-homecare-05",
    "homecare",
    """
Vårdbiträde i hemtjänsten, Osby

Som vårdbiträde hos oss hjälper du kunderna med städning, tvätt, inköp och personlig omvårdnad utifrån deras beviljade insatser. Du arbetar självständigt men har alltid stöd av kollegor och gruppledare.

Krav:
Erfarenhet av vård och omsorg av äldre.
Körkort (B) - du kommer köra bil i tjänsten.
God datorvana, vi planerar och dokumenterar i appen Phoniro och Lifecare.

Meriterande är om du har utbildning inom vård och omsorg.

Osby kommun erbjuder kollektivavtal, friskvårdsbidrag och flexibel arbetstid.
""",
    [
        ("Tvätt- och städningsansvar", R, ["städning, tvätt"]),
        ("Personlig omvårdnad", R, ["personlig omvårdnad"]),
        ("Äldreomsorg", R, ["vård och omsorg av äldre"]),
        ("Social dokumentation", R, ["dokumenterar i appen Phoniro och Lifecare"]),
        ("Omsorgsutbildning/Omvårdnadsutbildning", M, ["utbildning inom vård och omsorg"]),
    ],
)

add(
    "sv-homecare-06",
    "homecare",
    """
Undersköterska till hemtjänsten i Simrishamn – tillsvidare

Hemtjänsten Österlen söker en undersköterska som vill vara med och utveckla hemtjänsten på landsbygden.

Vi söker dig som har gymnasial undersköterskeutbildning och har arbetat i hemtjänst. Du har erfarenhet av att stödja personer med demenssjukdom i ordinärt boende och kan läsa och följa en genomförandeplan. Du har vana av förflyttningar med hjälp av hjälpmedel, t.ex. mobil lyft och vridplatta. Du kan arbeta med digitala verktyg som nyckelfri hemtjänst och mobil dokumentation.

Körkort B krävs.

Meriterande: utbildning i ADL och rehabiliterande arbetssätt.

Vi erbjuder kollektivavtal, friskvårdsbidrag och lönetillägg för undersköterskor med specialistutbildning.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["undersköterskeutbildning"]),
        ("Hemtjänst", R, ["har arbetat i hemtjänst"]),
        ("Demensvård", R, ["stödja personer med demenssjukdom"]),
        ("Social dokumentation", R, ["mobil dokumentation"]),
        ("Arbetstekniska hjälpmedel inom vård och omsorg", R, ["förflyttningar med hjälp av hjälpmedel"]),
        ("ADL-träning", M, ["utbildning i ADL"]),
        ("Rehabilitering", M, ["rehabiliterande arbetssätt"]),
    ],
)

add(
    "sv-homecare-07",
    "homecare",
    """
Extrapersonal till hemtjänsten i Landskrona

Vi behöver förstärkning i vår hemtjänst under semesterperioden. Arbetet innebär att ge service och omvårdnad till äldre som bor hemma, som att handla, städa, hjälpa till med dusch och att ge kunderna social samvaro.

Vi söker dig som
- har erfarenhet av äldreomsorg
- gärna har gått vård- och omsorgsprogrammet
- kan cykla och har körkort
- har ett gott bemötande och förstår vikten av sekretess

Om oss: Landskrona stad är en arbetsplats med 3 700 medarbetare. Vi erbjuder dig kollektivavtal och betald introduktion.
""",
    [
        ("Omvårdnad", R, ["ge service och omvårdnad"]),
        ("Äldreomsorg", R, ["erfarenhet av äldreomsorg"]),
        ("Omsorgsutbildning/Omvårdnadsutbildning", M, ["vård- och omsorgsprogrammet"]),
        ("Cykelvana", R, ["kan cykla"]),
        ("Sekretess och tystnadsplikt inom hälso- och sjukvård", R, ["vikten av sekretess"]),
    ],
)

# ---------------------------------------------------------- personal assistance (sv)
add(
    "sv-personal-assistance-01",
    "personal-assistance",
    """
Personlig assistent till kvinna i Malmö – 75 %

Vi söker en personlig assistent till en glad kvinna i 30-årsåldern med CP-skada. Hon använder rullstol och kommunicerar med hjälp av en talapparat och tecken.

Du som söker:
- har erfarenhet av att arbeta med personer med fysisk funktionsnedsättning
- är van vid personlig omvårdnad och förflyttningar med lyft
- kan eller vill lära dig AKK och tecken som stöd (TSS)
- har god fysik, arbetet innebär en del tunga lyft

Meriterande: körkort och erfarenhet av personlig assistans enligt LSS.

Vi erbjuder kollektivavtal (Vårdföretagarna–Kommunal), friskvårdsbidrag och betald introduktion tillsammans med kunden.
""",
    [
        ("Fysisk funktionsnedsättning, omsorgserfarenhet", R, ["personer med fysisk funktionsnedsättning"]),
        ("Personlig omvårdnad", R, ["personlig omvårdnad"]),
        ("Arbetstekniska hjälpmedel inom vård och omsorg", R, ["förflyttningar med lyft"]),
        ("Alternativ och kompletterande kommunikation/AKK", R, ["AKK"]),
        ("Tecken som stöd/TSS", R, ["tecken som stöd (TSS)"]),
        ("God fysik (tunga lyft)", R, ["god fysik"]),
    ],
)

add(
    "sv-personal-assistance-02",
    "personal-assistance",
    """
Assistent till pojke med autism i Lund

En 12-årig pojke med autism och intellektuell funktionsnedsättning söker nya assistenter, främst eftermiddagar och varannan helg. Han älskar bussar, bad och att vara ute i skogen.

Vi söker dig som
* har erfarenhet av att arbeta med barn med NPF, gärna autism
* är lugn, tydlig och kan arbeta efter strukturerade scheman och bildstöd
* har kunskap om lågaffektivt bemötande vid utmanande beteende

Det är önskvärt att du har utbildning inom barn och fritid eller som elevassistent.

Icke-rökare. Du behöver kunna simma.

Vi erbjuder: kollektivavtal, friskvård och kontinuerlig handledning av vår beteendevetare.
""",
    [
        ("Neuropsykologisk funktionsnedsättning/NPF, erfarenhet", R, ["barn med NPF"]),
        (
            "Intellektuell funktionsnedsättning/IF, omsorgserfarenhet",
            R,
            ["intellektuell funktionsnedsättning"],
        ),
        ("Alternativ och kompletterande kommunikation/AKK", R, ["bildstöd"]),
        ("Utmanande beteende, omsorgserfarenhet", R, ["lågaffektivt bemötande vid utmanande beteende"]),
    ],
)

add(
    "sv-personal-assistance-03",
    "personal-assistance",
    """
Personliga assistenter till man med ALS – Ängelholm

Till en man i 60-årsåldern med ALS söker vi två assistenter för dag- och nattpass. Han har andningsstöd (BiPAP) och sondmatning.

Krav:
- erfarenhet som personlig assistent eller undersköterska
- vana vid personlig hygien och förflyttning med taklyft
- du kan ta emot delegering för sondmatning och andningsvård
- HLR

Meriterande: erfarenhet av att kommunicera via ögonstyrd dator eller bokstavstavla.

Vi är ett assistansbolag med kollektivavtal och erbjuder friskvårdsbidrag, tjänstepension och betalda utbildningar.
""",
    [
        ("Allmän omvårdnadserfarenhet", R, ["erfarenhet som personlig assistent eller undersköterska"]),
        ("Personlig omvårdnad", R, ["vana vid personlig hygien"]),
        ("Arbetstekniska hjälpmedel inom vård och omsorg", R, ["förflyttning med taklyft"]),
        ("Hjärt- och lungräddning", R, ["HLR"]),
        ("Alternativ och kompletterande kommunikation/AKK", M, ["ögonstyrd dator eller bokstavstavla"]),
    ],
)

add(
    "sv-personal-assistance-04",
    "personal-assistance",
    """
Sommarjobb som personlig assistent – Kristianstad

Vi har flera kunder som behöver sommarvikarier, både barn och vuxna med olika funktionsnedsättningar.

Du behöver inte ha erfarenhet, men du ska vara trygg, ansvarsfull och vilja lära dig. Du får introduktion av kunden och arbetsledaren.

Det är meriterande om du:
- har gått vård- och omsorgsprogrammet eller barn- och fritidsprogrammet
- har erfarenhet av omsorg om personer med funktionsnedsättning
- kan teckenspråk

Om oss: Assistanskompaniet har funnits i Skåne sedan 2004. Vi erbjuder kollektivavtal, försäkringar och friskvårdsbidrag.
""",
    [
        ("Omsorgsutbildning/Omvårdnadsutbildning", M, ["vård- och omsorgsprogrammet"]),
        ("Funktionsnedsättning, omsorgserfarenhet", M, ["omsorg om personer med funktionsnedsättning"]),
        ("Teckenkommunikation", M, ["kan teckenspråk"]),
    ],
)

add(
    "sv-personal-assistance-05",
    "personal-assistance",
    """
Personlig assistent till ung kvinna med förvärvad hjärnskada, Helsingborg

Vår kund är 24 år och har efter en olycka en förvärvad hjärnskada med afasi och halvsidesförlamning. Hon studerar på folkhögskola och behöver stöd i skolan, hemma och på fritiden.

Vi söker dig som har erfarenhet av att arbeta med personer med afasi och som kan anpassa kommunikationen. Du har kunskap om rehabilitering och kan stötta kunden med hennes träningsprogram från fysioterapeuten. Du behöver hjälpa till med personlig omvårdnad och matlagning.

B-körkort krävs eftersom kunden har egen bil.

Vi erbjuder kollektivavtal och friskvårdsbidrag, och du får gå vår grundutbildning i personlig assistans.
""",
    [
        ("Afasi, omsorgserfarenhet", R, ["arbeta med personer med afasi"]),
        ("Rehabilitering", R, ["kunskap om rehabilitering"]),
        ("Personlig omvårdnad", R, ["personlig omvårdnad"]),
        ("Enklare matlagningskunskaper", R, ["matlagning"]),
    ],
)

add(
    "sv-personal-assistance-06",
    "personal-assistance",
    """
Assistent till man i 40-årsåldern med intellektuell funktionsnedsättning, Hörby

Kunden bor i egen lägenhet och går på daglig verksamhet på dagtid. Han tycker om fotboll, musik och matlagning.

Vi söker dig som har erfarenhet av LSS-verksamhet, gärna från gruppbostad eller daglig verksamhet. Du kan arbeta med social dokumentation och bemöta utmanande beteende med lågaffektivt förhållningssätt.

Meriterande: kunskap i TSS, utbildning som stödpedagog.

Vi erbjuder dig ett tryggt arbete med kollektivavtal, friskvårdsbidrag och möjlighet till handledning.
""",
    [
        (
            "Intellektuell funktionsnedsättning/IF, omsorgserfarenhet",
            R,
            ["intellektuell funktionsnedsättning"],
        ),
        ("Gruppbostad", M, ["gärna från gruppbostad"]),
        ("Daglig verksamhet", M, ["gruppbostad eller>>daglig verksamhet"]),
        ("Social dokumentation", R, ["social dokumentation"]),
        ("Utmanande beteende, omsorgserfarenhet", R, ["bemöta utmanande beteende"]),
        ("Tecken som stöd/TSS", M, ["kunskap i TSS"]),
    ],
)

# ---------------------------------------------------------------- warehouse (sv)
add(
    "sv-warehouse-01",
    "warehouse",
    """
Lagermedarbetare till e-handelslager i Helsingborg – skift

Vi söker lagermedarbetare till vår kund, ett växande e-handelsföretag inom heminredning med lager på Berga.

Dina arbetsuppgifter:
- plock och pack av kundorder med handscanner
- inleverans och kontroll av gods
- inventering

Krav:
- truckkort A och B
- erfarenhet av lagerarbete
- möjlighet att arbeta tvåskift

Meriterande: vana av WMS, t.ex. Astro eller Ongoing.

Om oss: Bemanningsbolaget är auktoriserat av Kompetensföretagen. Vi erbjuder kollektivavtal, tjänstepension och friskvårdsbidrag efter tre månader.
""",
    [
        ("Orderplockning", R, ["plock och pack av kundorder"]),
        ("Varumottagning", R, ["inleverans och kontroll av gods"]),
        ("Lagerinventering", R, ["inventering"]),
        ("A-truckar", R, ["truckkort A"]),
        ("B-truckar", R, ["truckkort A och B"]),
        ("Terminal- och lagerarbete", R, ["erfarenhet av lagerarbete"]),
        ("Lagerhanteringsprogram", M, ["vana av WMS"]),
    ],
)

add(
    "sv-warehouse-02",
    "warehouse",
    """
Truckförare till kyl- och fryslager, Malmö hamn

Till vårt lager för livsmedel söker vi en erfaren truckförare. Du lastar och lossar bilar, flyttar pallar mellan kyl (+4) och frys (-25) och ser till att godset är rätt märkt.

Vi söker dig som:
- har truckkort enligt TLP 10 och är van vid att köra motviktstruck och skjutstativtruck
- har arbetat med kyl- och frysvaror
- kan lastsäkra
- är noggrann och kan läsa följesedlar på svenska och engelska

ADR-utbildning är meriterande.

Vi erbjuder kollektivavtal, värmekläder, fri parkering och friskvårdsbidrag.
""",
    [
        ("Utbildningsbevis enligt TLP 10 för truckförare", R, ["truckkort enligt TLP 10"]),
        ("Truckvana", R, ["van vid att köra motviktstruck och skjutstativtruck"]),
        ("Lastning", R, ["lastar"]),
        ("Lossning", R, ["lossar bilar"]),
        ("Kyl- och frysvaruhantering", R, ["arbetat med kyl- och frysvaror"]),
        ("Lastsäkring", R, ["kan lastsäkra"]),
        ("Varumärkning", R, ["godset är rätt märkt"]),
        ("ADR-intyg", M, ["ADR-utbildning"]),
    ],
)

add(
    "sv-warehouse-03",
    "warehouse",
    """
Lagerarbetare, dagtid – grossist inom byggmaterial i Landskrona

Vi är en familjeägd grossist med 25 anställda. Vi söker nu en lagerarbetare som tar emot leveranser, plockar order till våra kunder och håller ordning i lagret.

Du bör ha:
- erfarenhet av plocktruck/ledstaplare, gärna med utbildning enligt TLP 10
- vana av streckkodsläsare och lagersystem, vi använder Monitor
- god fysik, det blir många lyft

Det är meriterande om du har arbetat med inventering och kan hjälpa till i butiken vid behov.

Vi erbjuder: kollektivavtal, personalrabatt, friskvårdsbidrag och fika varje fredag.
""",
    [
        ("Varumottagning", R, ["tar emot leveranser"]),
        ("Orderplockning", R, ["plockar order"]),
        ("Truckvana", R, ["erfarenhet av plocktruck/ledstaplare"]),
        ("Utbildningsbevis enligt TLP 10 för truckförare", M, ["gärna med utbildning enligt TLP 10"]),
        ("Lagerhanteringsprogram", R, ["lagersystem"]),
        ("Monitor, affärssystem", R, ["vi använder Monitor"]),
        ("God fysik (tunga lyft)", R, ["god fysik"]),
        ("Lagerinventering", M, ["arbetat med inventering"]),
    ],
)

add(
    "sv-warehouse-04",
    "warehouse",
    """
Terminalarbetare till godsterminal i Arlöv – natt

På terminalen sorterar vi styckegods och pallar som ska ut till butiker och företag i hela södra Sverige.

Du kommer att lossa och lasta trailrar, sortera gods till rätt port och skanna in kollin.

Krav:
- Truckkort (A+B)
- Vana av arbete på terminal eller lager
- Kunna arbeta natt, mån–fre 22–06

Meriterande:
- Erfarenhet av lastsäkring
- C-körkort

Vi erbjuder nattillägg enligt kollektivavtal (Transport), friskvårdsbidrag och bra gemenskap.
""",
    [
        ("Lossning", R, ["lossa"]),
        ("Lastning", R, ["lasta trailrar"]),
        ("A-truckar", R, ["Truckkort (A+B)"]),
        ("B-truckar", R, ["Truckkort (A+B)"]),
        ("Terminal- och lagerarbete", R, ["arbete på terminal eller lager"]),
        ("Lastsäkring", M, ["Erfarenhet av lastsäkring"]),
    ],
)

add(
    "sv-warehouse-05",
    "warehouse",
    """
Lagerassistent med administrativa uppgifter – Ystad

Vi är ett grossistföretag inom trädgårdsprodukter. Som lagerassistent plockar och packar du order, bokar frakt och registrerar inleveranser i affärssystemet.

Vi söker dig som har några års erfarenhet av lagerarbete och är van att arbeta i affärssystem (vi har Visma Business). Du har truckvana och gärna utbildningsbevis. Du har god datorvana och behärskar Excel.

Meriterande är erfarenhet av transportbokning och lagerstyrning.

Vi erbjuder flexibla arbetstider, kollektivavtal och friskvårdsbidrag.
""",
    [
        ("Orderplockning", R, ["plockar och packar du order"]),
        ("Varumottagning", R, ["registrerar inleveranser"]),
        ("Terminal- och lagerarbete", R, ["erfarenhet av lagerarbete"]),
        ("Affärssystem, erfarenhet", R, ["van att arbeta i affärssystem"]),
        ("Truckvana", R, ["truckvana"]),
        ("MS Excel", R, ["Excel"]),
        ("Transportplanering", M, ["transportbokning"]),
        ("Lagerstyrning", M, ["lagerstyrning"]),
    ],
)

add(
    "sv-warehouse-06",
    "warehouse",
    """
Lagerarbetare till centrallager för dagligvaror – Helsingborg

Vi söker lagerarbetare till vårt centrallager där vi plockar varor till över 200 butiker. Du arbetar med röstplock i headset och kör låglyftare hela dagen.

Vi ser att du har
- erfarenhet av plockarbete i lager, gärna med röststyrt plock
- giltigt truckkort, minst A-behörighet (låglyftare/ledstaplare)
- vana att hantera kyl- och frysvaror
- god fysik och kan arbeta i ett högt tempo

Du bör kunna ta instruktioner på svenska. Meriterande är om du har kört motviktstruck (B).

Om oss: Vi är en del av en nordisk koncern. Vi erbjuder kollektivavtal, friskvårdsbidrag, betald lunch och möjlighet till fast anställning efter sex månader.
""",
    [
        ("Orderplockning", R, ["erfarenhet av plockarbete i lager"]),
        ("A-truckar", R, ["minst A-behörighet"]),
        ("Kyl- och frysvaruhantering", R, ["hantera kyl- och frysvaror"]),
        ("God fysik (tunga lyft)", R, ["god fysik"]),
        ("B-truckar", M, ["kört motviktstruck (B)"]),
        ("Terminal- och lagerarbete", R, ["plockarbete i lager"]),
    ],
)

add(
    "sv-warehouse-07",
    "warehouse",
    """
Lager- och logistikmedarbetare, Eslöv

Vi tillverkar och säljer reservdelar till lantbruksmaskiner. Nu söker vi en medarbetare till vårt lager som tar emot inkommande gods, stämmer av mot följesedel, lagerför artiklar och packar order för utleverans.

Krav:
- Erfarenhet av lagerarbete och godsmottagning
- Truckkort
- Van att arbeta i ett affärssystem, gärna Jeeves

Meriterande:
- Erfarenhet av att boka transporter och skriva exportdokument
- Kunskap om lastsäkring

Vi erbjuder kollektivavtal, gratis kaffe och frukt, och friskvårdsbidrag på 2 000 kr.
""",
    [
        ("Varumottagning", R, ["tar emot inkommande gods"]),
        ("Terminal- och lagerarbete", R, ["Erfarenhet av lagerarbete"]),
        ("Truckvana", R, ["Truckkort"]),
        ("Affärssystem, erfarenhet", R, ["Van att arbeta i ett affärssystem"]),
        ("Jeeves, affärssystem", M, ["gärna Jeeves"]),
        ("Transportplanering", M, ["boka transporter"]),
        ("Exportdokument/Importdokument", M, ["skriva exportdokument"]),
        ("Lastsäkring", M, ["Kunskap om lastsäkring"]),
    ],
)

# ---------------------------------------------------------------- retail (sv)
add(
    "sv-retail-01",
    "retail",
    """
Butiksmedarbetare till ICA Kvantum i Höganäs – 30 timmar/vecka

Vi söker en glad och serviceinriktad butiksmedarbetare till vår avdelning för frukt och grönt. Du arbetar med varupåfyllning, beställningar och att hålla avdelningen inbjudande. Du hjälper även till i kassan.

Vi söker dig som har:
- erfarenhet av arbete i dagligvaruhandeln
- kunskap om frukt och grönt
- van att arbeta i kassa
- ett gott kundbemötande

Meriterande är om du har erfarenhet av beställningar i butikens datasystem.

Vi erbjuder kollektivavtal (Handels), personalrabatt och friskvårdsbidrag.
""",
    [
        ("Butiksvana, dagligvaror", R, ["erfarenhet av arbete i dagligvaruhandeln"]),
        ("Frukt och grönt, produktkunskap", R, ["kunskap om frukt och grönt"]),
        ("Kassavana", R, ["van att arbeta i kassa"]),
        ("Kundbemötande och service", R, ["ett gott kundbemötande"]),
        ("Datoriserad beställningshantering", M, ["beställningar i butikens datasystem"]),
    ],
)

add(
    "sv-retail-02",
    "retail",
    """
Säljare till sportbutik i Malmö – Emporia

Älskar du löpning, friluftsliv eller träning? Vi söker en säljare som kan ge våra kunder riktigt bra råd.

Du kommer att:
- hjälpa kunder att hitta rätt utrustning
- arbeta med kassa och reklamationer
- packa upp leveranser och prismärka varor
- hålla butiken snygg och arbeta med skyltning

Vi söker dig som har erfarenhet av försäljning i butik, gärna inom sport. Du har god produktkunskap om sportutrustning och är van att sälja till- och merförsäljning.

Meriterande: erfarenhet av vår kassasystem Extenda, eller av e-handel och click & collect.

Vi erbjuder personalrabatt på 30 %, kollektivavtal och träningsbidrag.
""",
    [
        ("Kassavana", R, ["arbeta med kassa"]),
        ("Reklamationer, handläggningsvana", R, ["reklamationer"]),
        ("Varumärkning", R, ["prismärka varor"]),
        ("Visual merchandising", R, ["arbeta med skyltning"]),
        ("Butiksvana, fackhandel", R, ["erfarenhet av försäljning i butik"]),
        ("Idrottsutrustning, produktkunskap", R, ["produktkunskap om sportutrustning"]),
        ("Merförsäljning", R, ["merförsäljning"]),
        ("E-handel, erfarenhet", M, ["e-handel och click & collect"]),
    ],
)

add(
    "sv-retail-03",
    "retail",
    """
Kassapersonal till Hemköp i Trelleborg

Vi söker extrapersonal till kassan, främst kvällar och helger.

Du ska:
- ha erfarenhet av kassaarbete och kunna hantera kort, kontanter och Swish
- vara serviceinriktad och ha ett trevligt bemötande
- kunna sälja spel och hantera vår postutlämning

Det är ett plus om du har jobbat i butik förut eller med ATG-terminal.

Hemköp Trelleborg erbjuder kollektivavtal, personalrabatt och trevliga arbetskamrater.
""",
    [
        ("Kassavana", R, ["erfarenhet av kassaarbete"]),
        ("Betalsystem/Betalningssystem", R, ["hantera kort, kontanter och Swish"]),
        ("Kundbemötande och service", R, ["serviceinriktad och ha ett trevligt bemötande"]),
        ("Spelförsäljning", R, ["kunna sälja spel"]),
        ("Postservice", R, ["hantera vår postutlämning"]),
        ("Butiksvana, dagligvaror", M, ["jobbat i butik förut"]),
        ("Spel, ATG terminal, lottredovisning", M, ["ATG-terminal"]),
    ],
)

add(
    "sv-retail-04",
    "retail",
    """
Butikssäljare till klädbutik i Lund – deltid

Vi är en fristående modebutik med dam- och herrkläder i centrala Lund. Vi letar efter en ny kollega som brinner för mode och service.

Om dig: Du har minst ett års erfarenhet av butiksförsäljning inom fackhandeln, gärna mode. Du är van att arbeta i kassa och med varuexponering och har ett öga för hur en butik ska se ut. Du har lätt för att skapa relationer och är duktig på merförsäljning.

Meriterande: erfarenhet av att driva butikens instagram.

Vi erbjuder: kollektivavtal, klädrabatt och ett litet team där din röst hörs.
""",
    [
        ("Butiksvana, fackhandel", R, ["butiksförsäljning inom fackhandeln"]),
        ("Kassavana", R, ["arbeta i kassa"]),
        ("Visual merchandising", R, ["varuexponering"]),
        ("Merförsäljning", R, ["merförsäljning"]),
        ("Publicering, webben och sociala medier", M, ["driva butikens instagram"]),
    ],
)

add(
    "sv-retail-05",
    "retail",
    """
Butiksmedarbetare färskvaror – Coop Forum Kristianstad

Vi söker en medarbetare till vår manuella delikatessdisk. Du skär och väger ost och chark, gör enklare smörgåsar och sallader och hjälper kunderna med råd.

Du har:
- erfarenhet av färskvaruhantering i butik
- kunskap om livsmedelshygien och egenkontroll
- kunskap om charkuterier och ost

Meriterande: gesällbrev som charkuterist, kunskap om allergier och specialkost.

Vi erbjuder kollektivavtal, personalrabatt, friskvårdsbidrag och utbildning i HACCP.
""",
    [
        ("Smörgåsar", R, ["enklare smörgåsar"]),
        ("Salladsberedning", R, ["sallader"]),
        ("Färskvaror, produktkunskap", R, ["färskvaruhantering i butik"]),
        ("Livsmedelshygien", R, ["livsmedelshygien"]),
        ("Egenkontroll, erfarenhet", R, ["egenkontroll"]),
        ("Charkuterier, produktkunskap", R, ["kunskap om charkuterier"]),
        ("Gesällbrev, charkuterist", M, ["gesällbrev som charkuterist"]),
        ("Födoämnesallergi, kunskap om", M, ["kunskap om allergier"]),
    ],
)

add(
    "sv-retail-06",
    "retail",
    """
Butiksbiträde till järnhandel i Sjöbo

Vi är en järn- och färghandel med lång historia och trogna kunder från hela Österlen. Nu behöver vi en till i butiken!

Arbetsuppgifter: kundservice och rådgivning, kassa, varumottagning och påfyllning, brytning av färg.

Vi söker dig som:
- har erfarenhet av butiksarbete, gärna inom järn, bygg eller färg
- har god kunskap om verktyg och byggmaterial
- kan hantera kassa och kortterminal
- har truckvana (ej krav)

Vi erbjuder: en trygg arbetsplats med kollektivavtal och friskvårdsbidrag.
""",
    [
        ("Kundbemötande och service", R, ["kundservice och rådgivning"]),
        ("Kassavana", R, ["kan hantera kassa"]),
        ("Varumottagning", R, ["varumottagning"]),
        ("Butiksvana, fackhandel", R, ["erfarenhet av butiksarbete"]),
        ("Byggnadsvaror", R, ["kunskap om verktyg och byggmaterial"]),
        ("Betalsystem/Betalningssystem", R, ["kortterminal"]),
        ("Truckvana", M, ["har truckvana (ej krav)"]),
    ],
)

add(
    "sv-retail-07",
    "retail",
    """
Säljare till elektronikbutik i Malmö – Mobilia

Som säljare hos oss hjälper du kunderna att hitta rätt mobil, dator eller tv och säljer tillbehör, försäkringar och abonnemang.

Krav:
- erfarenhet av försäljning och kundservice
- intresse och kunskap om hemelektronik och mobiltelefoner
- du tycker om att nå mål och jobba med merförsäljning

Meriterande: erfarenhet av abonnemangsförsäljning, kunskap om datorer och kringutrustning.

Vi erbjuder provision utöver grundlön, kollektivavtal, personalpriser och utbildning genom vår egen akademi.
""",
    [
        ("Försäljning, erfarenhet", R, ["erfarenhet av försäljning"]),
        ("Kundbemötande och service", R, ["kundservice"]),
        ("Mobiltelefoner", R, ["mobiltelefoner"]),
        ("Merförsäljning", R, ["merförsäljning"]),
        ("Datorer och kringutrustning", M, ["kunskap om datorer och kringutrustning"]),
    ],
)

# ---------------------------------------------------------------- bakery / café (sv)
add(
    "sv-bakery-cafe-01",
    "bakery-cafe",
    """
Bagare till hantverksbageri i Malmö – tidiga morgnar

Vi är ett surdegsbageri på Möllan som bakar allt från grunden. Vi söker en bagare som vill jobba med riktigt bröd.

Du kommer att baka matbröd, surdegsbröd och frallor, sköta degblandare och ugnar, och vara med och ta fram nya recept.

Vi söker dig som:
- har minst två års erfarenhet som bagare
- har utbildning som bagare, t.ex. från gymnasiets bageri- och konditorilinje
- kan arbeta med vetedeg och wienerdeg
- följer rutinerna för livsmedelshygien

Gesällbrev är meriterande.

Vi erbjuder kollektivavtal, fritt bröd och en arbetsplats där hantverket står i centrum. Arbetstid 04–12.
""",
    [
        ("Bageriarbete", R, ["erfarenhet som bagare"]),
        ("Matbröd", R, ["baka matbröd"]),
        ("Yrkesutbildning, bagare och konditor", R, ["utbildning som bagare"]),
        ("Vetedegar, beredningsvana/Wienerdegar, beredningsvana", R, ["arbeta med vetedeg och wienerdeg"]),
        ("Livsmedelshygien", R, ["livsmedelshygien"]),
        ("Gesällbrev, bagare och konditor", M, ["Gesällbrev"]),
    ],
)

add(
    "sv-bakery-cafe-02",
    "bakery-cafe",
    """
Kafébiträde till konditori i Ystad – sommar

Konditori Solrosen är ett familjekonditori vid Stortorget. Till sommaren söker vi två kafébiträden.

Arbetsuppgifter:
- servering och försäljning av bakverk och tårtor
- bryggning av kaffe och enklare espressodrycker
- göra smörgåsar och sallader
- kassa och disk

Vi söker dig som har arbetat på kafé eller i restaurang och har god känsla för service. Du har kunskap om hygienregler för livsmedel och om allergener.

Meriterande: baristakurs.

Vi erbjuder kollektivavtal (HRF), personalfika och trevliga kollegor.
""",
    [
        ("Bordsservering", R, ["servering"]),
        ("Konditorivaror", R, ["försäljning av bakverk och tårtor"]),
        ("Kaffetillverkning", R, ["bryggning av kaffe och enklare espressodrycker"]),
        ("Smörgåsar", R, ["göra smörgåsar"]),
        ("Salladsberedning", R, ["sallader"]),
        ("Kassavana", R, ["kassa"]),
        ("Kafé", R, ["arbetat på kafé"]),
        ("Kundbemötande och service", R, ["god känsla för service"]),
        ("Hälsokrav vid livsmedelshantering", R, ["hygienregler för livsmedel"]),
        ("Födoämnesallergi, kunskap om", R, ["allergener"]),
        ("Baristautbildning", M, ["baristakurs"]),
    ],
)

add(
    "sv-bakery-cafe-03",
    "bakery-cafe",
    """
Konditor sökes till Bageriet i Ängelholm

Vi bakar för vårt eget kafé och för beställning till företag och bröllop. Nu söker vi en konditor på heltid.

Du kommer att tillverka tårtor, bakelser och småkakor, dekorera beställningstårtor och ha koll på råvaror och beställningar.

Krav:
- utbildad konditor eller motsvarande erfarenhet
- erfarenhet av att arbeta med marsipan, choklad och grädde
- kunskap om HACCP och egenkontroll

Meriterande: erfarenhet av glutenfritt och veganskt bak, gesällbrev.

Vi erbjuder ett kreativt arbete, kollektivavtal och fria luncher.
""",
    [
        ("Tårtor/Bakelser", R, ["tillverka tårtor, bakelser och småkakor"]),
        ("Yrkesutbildning, bagare och konditor", R, ["utbildad konditor"]),
        ("Konfekt, tillverkningsvana", R, ["arbeta med marsipan, choklad"]),
        ("HACCP", R, ["HACCP"]),
        ("Egenkontroll, erfarenhet", R, ["egenkontroll"]),
        ("Födoämnesallergi, kunskap om", M, ["glutenfritt och veganskt bak"]),
        ("Gesällbrev, bagare och konditor", M, ["gesällbrev"]),
    ],
)

add(
    "sv-bakery-cafe-04",
    "bakery-cafe",
    """
Barista till kafé på Lunds centralstation

Vi öppnar klockan 06 och serverar pendlarna kaffe, frukost och lunchmackor. Vi söker en erfaren barista som älskar tempo.

Vi söker dig som
- har jobbat som barista och kan göra espresso, latte och cappuccino med jämn kvalitet
- kan sköta och rengöra espressomaskinen
- är van vid kassa och snabb service
- kan göra mackor och bake-off

Meriterande: baristautbildning och erfarenhet av att öppna och stänga kaféet själv.

Vi erbjuder dig: kollektivavtal, fri kaffe och mat under passet, friskvårdsbidrag.
""",
    [
        ("Kaffetillverkning", R, ["kan göra espresso, latte och cappuccino"]),
        ("Kassavana", R, ["van vid kassa"]),
        ("Kundbemötande och service", R, ["snabb service"]),
        ("Smörgåsar", R, ["kan göra mackor"]),
        ("Bake-off bakning", R, ["bake-off"]),
        ("Baristautbildning", M, ["baristautbildning"]),
        ("Kafé", R, ["jobbat som barista"]),
    ],
)

add(
    "sv-bakery-cafe-05",
    "bakery-cafe",
    """
Produktionsmedarbetare till industribageri i Kristianstad

Vi bakar bröd till dagligvaruhandeln i hela Sydsverige. Nu söker vi medarbetare till vår produktion, skiftarbete.

Som produktionsmedarbetare övervakar du bakningslinjen, ställer om maskiner mellan produkter, kontrollerar vikt och kvalitet, och dokumenterar enligt våra rutiner.

Du har:
- erfarenhet av livsmedelsproduktion eller annan industriproduktion
- tekniskt intresse och erfarenhet av att sköta maskiner
- kunskap om livsmedelshygien

Meriterande: erfarenhet från industribageri, truckkort, kunskap om Lean.

Vi erbjuder skifttillägg, kollektivavtal, arbetskläder och friskvårdsbidrag.
""",
    [
        ("Maskinskötsel, industribageri", R, ["övervakar du bakningslinjen"]),
        ("Kvalitetskontroll, industriell tillverkning", R, ["kontrollerar vikt och kvalitet"]),
        ("Dokumentation, industriell tillverkning", R, ["dokumenterar enligt våra rutiner"]),
        ("Livsmedelstillverkning", R, ["erfarenhet av livsmedelsproduktion"]),
        ("Maskinskötsel", R, ["erfarenhet av att sköta maskiner"]),
        ("Livsmedelshygien", R, ["livsmedelshygien"]),
        ("Truckvana", M, ["truckkort"]),
        ("Ständiga förbättringar/Lean", M, ["kunskap om Lean"]),
    ],
)

add(
    "sv-bakery-cafe-06",
    "bakery-cafe",
    """
Café-medarbetare, 50 % – Slottsträdgårdens café, Malmö

Vårt café har ekologisk profil och serverar lunch, fika och glass. Du kommer att arbeta i både kök och servering.

Du ska kunna:
- baka bullar, kakor och enklare matbröd
- laga soppor och sallader efter våra recept
- servera, ta betalt och hålla rent i caféet och diska

Vi ser gärna att du har erfarenhet från café eller restaurangkök och har gått en kurs i livsmedelshygien.

Om oss: Slottsträdgården drivs som ett socialt företag. Vi erbjuder kollektivavtal och friskvård.
""",
    [
        ("Enklare bakningskunskaper", R, ["baka bullar, kakor och enklare matbröd"]),
        ("Salladsberedning", R, ["sallader"]),
        ("Enklare matlagningskunskaper", R, ["laga soppor"]),
        ("Bordsservering", R, ["Du ska kunna>>servera"]),
        ("Kassavana", R, ["ta betalt"]),
        ("Städning och diskning, restaurangkök", R, ["hålla rent i caféet och diska"]),
        ("Kafé", M, ["erfarenhet från café"]),
        ("Restaurangkök", M, ["restaurangkök"]),
        ("Utbildning i livsmedelshygien", M, ["kurs i livsmedelshygien"]),
    ],
)

# ---------------------------------------------------------------- cleaning (sv)
add(
    "sv-cleaning-01",
    "cleaning",
    """
Lokalvårdare till städföretag i Malmö – kontor och trapphus

Vi städar kontor, butiker och trapphus åt företag och bostadsrättsföreningar i Malmö och Burlöv.

Dina arbetsuppgifter är daglig kontorsstädning, trappstädning och golvvård med skurmaskin.

Vi söker dig som:
- har erfarenhet av professionell städning
- vet hur man använder städkemikalier och doseringssystem på rätt sätt
- kan arbeta självständigt och efter städschema

Meriterande: yrkesbevis som lokalvårdare (SRY), B-körkort.

Vi erbjuder kollektivavtal (Fastighets), arbetskläder och friskvårdsbidrag.
""",
    [
        ("Kontorsstädning", R, ["kontorsstädning"]),
        ("Trappstädning", R, ["trappstädning"]),
        ("Golvvård", R, ["golvvård med skurmaskin"]),
        ("Städtjänster", R, ["erfarenhet av professionell städning"]),
        ("Städmaterial", R, ["städkemikalier och doseringssystem"]),
        ("Yrkesbevis, SRY", M, ["yrkesbevis som lokalvårdare (SRY)"]),
    ],
)

add(
    "sv-cleaning-02",
    "cleaning",
    """
Hemstädare till Glansbolaget i Lund

Vi är ett RUT-företag som städar hos privatpersoner. Våra kunder är ofta äldre och uppskattar att få samma städare varje gång.

Vi söker dig som har erfarenhet av hemstädning och är noggrann, pålitlig och serviceinriktad. Du ska kunna utföra veckostädning, storstädning och ibland flyttstädning och fönsterputs.

Du tar dig själv mellan kunderna, gärna med bil eller cykel.

Vi erbjuder fast månadslön, kollektivavtal, friskvårdsbidrag och städutbildning.
""",
    [
        ("Privathemsstädning", R, ["erfarenhet av hemstädning"]),
        ("Kundbemötande och service", R, ["serviceinriktad"]),
        ("Storstädning", R, ["storstädning"]),
        ("Flyttstädning", R, ["flyttstädning"]),
        ("Fönsterputsning", R, ["fönsterputs"]),
    ],
)

add(
    "sv-cleaning-03",
    "cleaning",
    """
Städare till sjukhusstäd, Skånes universitetssjukhus Lund

Vi söker lokalvårdare till vårdavdelningar och operation. Arbetet innebär daglig städning av patientrum, slutstädning efter utskrivning och smittstädning.

Krav:
- erfarenhet av städning inom vården
- kunskap om basala hygienrutiner och hygienstädning
- du kan följa städmetoder enligt INSTA 800

Meriterande: SRY-yrkesbevis, erfarenhet av städning i operationsmiljö.

Region Skåne erbjuder kollektivavtal, friskvårdsbidrag, förmånscykel och möjlighet till vidareutbildning.
""",
    [
        ("Sjukhusstädning", R, ["erfarenhet av städning inom vården"]),
        ("Basala hygienrutiner inom hälso- och sjukvård", R, ["basala hygienrutiner"]),
        ("Hygienstädning", R, ["hygienstädning"]),
        ("Utbildning, INSTA 800 (SS627801)", R, ["INSTA 800"]),
        ("Yrkesbevis, SRY", M, ["SRY-yrkesbevis"]),
    ],
)

add(
    "sv-cleaning-04",
    "cleaning",
    """
Hotellstädare, Hotell Kungsparken Malmö – extra

Vi söker flera hotellstädare till våra 180 rum. Du städar gästrum enligt vår standard, bäddar, fyller på hygienartiklar och rapporterar fel till receptionen.

Du som söker har:
- erfarenhet av hotellstädning eller annan städning
- högt tempo och känsla för detaljer
- förmåga att förstå instruktioner på svenska eller engelska

Vi erbjuder flexibla arbetstider, kollektivavtal och rabatter inom hotellkedjan.
""",
    [
        ("Hotellstädning", R, ["erfarenhet av hotellstädning"]),
        ("Städtjänster", R, ["annan städning"]),
    ],
)

add(
    "sv-cleaning-05",
    "cleaning",
    """
Byggstädare till byggprojekt i Helsingborg

Vi söker byggstädare till nyproduktion av bostäder. Du städar trapphus, lägenheter och bodar under byggtiden och gör slutstädning före besiktning.

Krav:
- erfarenhet av byggstädning eller grovstädning
- vana att köra våt- och torrdammsugare och skurmaskin
- B-körkort
- ID06-kort (vi hjälper dig att ordna det)

Meriterande: fönsterputsning på hög höjd, utbildning i ställningar och skylift.

Vi erbjuder kollektivavtal, arbetskläder och skyddsutrustning.
""",
    [
        ("Byggstädning", R, ["erfarenhet av byggstädning"]),
        ("Våt- och torrsugning", R, ["köra våt- och torrdammsugare"]),
        ("Golvvård", R, ["skurmaskin"]),
        ("Fönsterputsning", M, ["fönsterputsning på hög höjd"]),
        ("Förarbevis för skylift", M, ["skylift"]),
    ],
)

add(
    "sv-cleaning-06",
    "cleaning",
    """
Lokalvårdare till förskolor och skolor i Svedala kommun

Svedala kommuns lokalvård ansvarar för städningen i kommunens 20 förskolor och skolor. Vi söker en lokalvårdare på 80 %.

Du ska ha:
- erfarenhet av lokalvård, gärna i skola eller förskola
- kunskap om städmaskiner, golvvård och kemikalier
- förmåga att planera ditt arbete

Meriterande: Yrkesbevis SRY, utbildning i INSTA 800 och städbesiktning.

Vi erbjuder dig introduktion, arbetskläder, kollektivavtal och friskvårdstimme.
""",
    [
        ("Städtjänster", R, ["erfarenhet av lokalvård"]),
        ("Städning av förskola/Städning av skola", M, ["gärna i skola eller förskola"]),
        ("Golvvård", R, ["golvvård"]),
        ("Städmaterial", R, ["städmaskiner"]),
        ("Yrkesbevis, SRY", M, ["Yrkesbevis SRY"]),
        ("Utbildning, INSTA 800 (SS627801)", M, ["INSTA 800"]),
        ("Städbesiktning", M, ["städbesiktning"]),
    ],
)

# ---------------------------------------------------------------- manufacturing (sv)
add(
    "sv-manufacturing-01",
    "manufacturing",
    """
CNC-operatör till verkstad i Hässleholm – tvåskift

Vi är en legotillverkare med 45 anställda som bearbetar detaljer i stål och aluminium åt kunder inom fordons- och energiindustrin.

Som CNC-operatör ställer du i ordning och kör våra fleroperationsmaskiner och svarvar, gör verktygsbyten och kontrollmäter detaljer.

Vi söker dig som har:
- erfarenhet av CNC-svarvning eller fräsning
- vana att läsa ritningar
- kunskap om mätteknik och mätdon som skjutmått och mikrometer
- erfarenhet av styrsystem, gärna Fanuc eller Heidenhain

Meriterande: erfarenhet av att programmera i maskin, truckkort.

Vi erbjuder kollektivavtal (Teknikavtalet IF Metall), skifttillägg och friskvårdsbidrag.
""",
    [
        ("Svarvning, CNC", R, ["CNC-svarvning"]),
        ("Fräsning, CNC", R, ["fräsning"]),
        ("Verktygsbyte, CNC", R, ["gör verktygsbyten"]),
        ("Ritningsläsning", R, ["läsa ritningar"]),
        ("Mätteknik", R, ["kunskap om mätteknik"]),
        ("CNC-styrsystem", R, ["erfarenhet av styrsystem"]),
        ("CNC-programmering", M, ["programmera i maskin"]),
        ("Truckvana", M, ["truckkort"]),
    ],
)

add(
    "sv-manufacturing-02",
    "manufacturing",
    """
Montörer till produktion av ventilationsaggregat i Ljungby/Markaryd

Vi söker montörer till vår monteringslina. Du monterar mekaniska komponenter, drar kablage och gör funktionskontroll innan aggregaten levereras.

Vi söker dig som har:
- erfarenhet av montering i industriell produktion
- kan läsa monteringsinstruktioner och enklare ritningar
- har arbetat med handverktyg och mutterdragare
- är noggrann med kvalitet och följer vår egenkontroll

Meriterande: el-kunskaper, erfarenhet av Lean och ständiga förbättringar, truckkort.

Vi erbjuder: kollektivavtal, friskvårdsbidrag, fri frukt och gemensamma aktiviteter.
""",
    [
        ("Montering av mekaniska komponenter", R, ["monterar mekaniska komponenter"]),
        ("Kablagemontering", R, ["drar kablage"]),
        ("Kvalitetskontroll, industriell tillverkning", R, ["gör funktionskontroll"]),
        ("Montering inom industriell tillverkning", R, ["erfarenhet av montering i industriell produktion"]),
        ("Ritningsläsning", R, ["enklare ritningar"]),
        ("Maskinkunskap, handmaskiner", R, ["handverktyg och mutterdragare"]),
        ("Ständiga förbättringar/Lean", M, ["Lean och ständiga förbättringar"]),
        ("Truckvana", M, ["truckkort"]),
    ],
)

add(
    "sv-manufacturing-03",
    "manufacturing",
    """
Svetsare till tillverkning av lantbruksmaskiner, Trelleborg

Vi söker två svetsare till vår produktion av tippvagnar och släp.

Krav:
- MIG/MAG-svetsning i stål, gärna med certifikat enligt SS-EN ISO 9606-1
- ritningsläsning
- erfarenhet av plåtbearbetning och kantpress

Meriterande: TIG-svetsning, robotsvetsning, traverskort.

Om oss: Familjeföretag sedan 1962 med 80 medarbetare. Vi erbjuder kollektivavtal, arbetskläder och skyddsutrustning, och friskvårdsbidrag.
""",
    [
        ("MAG/MIG-svetsning", R, ["MIG/MAG-svetsning"]),
        ("Ritningsläsning", R, ["ritningsläsning"]),
        ("TIG-svetsning", M, ["TIG-svetsning"]),
        ("Robotsvetsning", M, ["robotsvetsning"]),
        ("Traverskort", M, ["traverskort"]),
    ],
)

add(
    "sv-manufacturing-04",
    "manufacturing",
    """
Maskinoperatör till förpackningslinje – livsmedelsindustri i Bjuv

Vi tillverkar frysta grönsaker och söker maskinoperatörer till våra packlinjer.

Du kommer att:
- köra och ställa om förpackningsmaskiner
- övervaka processen och åtgärda enklare stopp
- kontrollera vikter och göra kvalitetsprover
- dokumentera i vårt produktionssystem

Vi söker dig som har erfarenhet som maskin- eller processoperatör, gärna inom livsmedelsindustrin. Du har kunskap om livsmedelshygien och följer HACCP-rutinerna. Du har ett tekniskt intresse och kan felsöka.

Meriterande: Industriteknik BAS, truckkort (B), erfarenhet av PLC.

Vi erbjuder skiftarbete med bra tillägg, kollektivavtal (Livs) och personalrabatt.
""",
    [
        (
            "Maskinskötsel, förpacknings- och påfyllningsmaskiner",
            R,
            ["köra och ställa om förpackningsmaskiner"],
        ),
        ("Processövervakning", R, ["övervaka processen"]),
        ("Kvalitetskontroll, industriell tillverkning", R, ["kontrollera vikter och göra kvalitetsprover"]),
        ("Dokumentation, industriell tillverkning", R, ["dokumentera i vårt produktionssystem"]),
        ("Maskinskötsel, livsmedelsindustri", M, ["gärna inom livsmedelsindustrin"]),
        ("Livsmedelshygien", R, ["livsmedelshygien"]),
        ("HACCP", R, ["HACCP-rutinerna"]),
        ("Kompetensbevis, Industriteknik BAS", M, ["Industriteknik BAS"]),
        ("B-truckar", M, ["truckkort (B)"]),
        ("Programmerbart styrsystem/PLC", M, ["PLC"]),
    ],
)

add(
    "sv-manufacturing-05",
    "manufacturing",
    """
Produktionsmedarbetare till plastfabrik i Perstorp

Vi tillverkar plastdetaljer genom formsprutning till bil- och möbelindustrin. Vi söker produktionsmedarbetare till tre- och femskift.

Arbetet innebär att sköta formsprutor, avsyna och packa detaljer, byta material och rapportera avvikelser.

Vi söker dig som har erfarenhet av arbete i produktion, gärna från plastindustri. Du är noggrann och har lätt för att lära dig nya maskiner. Kan du köra truck är det ett plus.

Vi erbjuder: skifttillägg, kollektivavtal och bra introduktion med fadder.
""",
    [
        ("Formsprutning", R, ["sköta formsprutor"]),
        ("Maskinskötsel, gummi- och plastindustri", M, ["gärna från plastindustri"]),
        ("Avsyning", R, ["avsyna"]),
        ("Packning", R, ["packa detaljer"]),
        ("Truckvana", M, ["köra truck"]),
    ],
)

add(
    "sv-manufacturing-06",
    "manufacturing",
    """
Elektronikmontör – kretskort, Lund

Vi utvecklar och tillverkar mätutrustning för vattenrening. Till vår produktion söker vi en elektronikmontör.

Du kommer att montera och löda komponenter på kretskort, både hålmonterat och ytmonterat, göra kablage och testa färdiga enheter.

Krav:
- erfarenhet av lödning och elektronikmontering
- du arbetar enligt IPC-A-610 eller motsvarande standard
- du kan läsa elschema och monteringsritningar

Meriterande: lödcertifikat enligt IPC J-STD-001, erfarenhet av ESD-skyddat arbete.

Vi erbjuder flextid, kollektivavtal och friskvårdsbidrag 5 000 kr.
""",
    [
        ("Kretskortsmontering", R, ["löda komponenter på kretskort"]),
        ("Ytmontering", R, ["ytmonterat"]),
        ("Kablagemontering", R, ["göra kablage"]),
        ("Elektronikmontering", R, ["elektronikmontering"]),
        ("Certifikat, IPC-specialist på IPC-A-610", R, ["IPC-A-610"]),
        ("Elschemaläsning", R, ["läsa elschema"]),
        ("Ritningsläsning", R, ["monteringsritningar"]),
        ("Lödcertifikat", M, ["lödcertifikat"]),
    ],
)

add(
    "sv-manufacturing-07",
    "manufacturing",
    """
Industrimålare/lackerare till verkstad i Åstorp

Vi söker en lackerare till vår pulverlackeringslinje. Du hänger upp detaljer, förbehandlar, lackerar och kontrollerar ytan.

Vi söker dig som:
* har erfarenhet av pulverlackering eller våtlackering i industrin
* kan mäta skikttjocklek och bedöma kvalitet
* har truckvana och gärna traverskort
* använder skyddsutrustning och följer säkerhetsrutiner

Meriterande är utbildning i härdplaster.

Vi erbjuder kollektivavtal, friskvårdsbidrag och arbetskläder.
""",
    [
        ("Pulverlackering", R, ["erfarenhet av>>pulverlackering"]),
        ("Våtlackering", R, ["våtlackering"]),
        ("Kvalitetskontroll, industriell tillverkning", R, ["bedöma kvalitet"]),
        ("Truckvana", R, ["truckvana"]),
        ("Traverskort", M, ["gärna traverskort"]),
        ("Personlig skyddsutrustning", R, ["använder skyddsutrustning"]),
        ("Epoxy-utbildning/Härdplastutbildning", M, ["utbildning i härdplaster"]),
    ],
)

# ---------------------------------------------------------------- office (sv)
add(
    "sv-office-01",
    "office",
    """
Ekonomiassistent till byggföretag i Höör – 80–100 %

Vi är ett växande byggföretag med 30 anställda. Vi söker nu en ekonomiassistent som vill sköta den löpande ekonomin tillsammans med vår redovisningskonsult.

Arbetsuppgifter:
- leverantörsreskontra och attest av fakturor
- kundfakturering, även ROT-avdrag
- bokföring och enklare avstämningar
- hjälpa till med lönerna

Vi söker dig som har:
- erfarenhet av löpande bokföring
- god datorvana och kunskap i Excel
- vana av Fortnox

Meriterande: erfarenhet av löneadministration och byggbranschen.

Vi erbjuder kollektivavtal, friskvårdsbidrag och möjlighet att arbeta hemifrån en dag i veckan.
""",
    [
        ("Leverantörsreskontra", R, ["leverantörsreskontra"]),
        ("Faktureringsvana", R, ["kundfakturering"]),
        ("Avstämningar", R, ["enklare avstämningar"]),
        ("Bokföringsvana", R, ["erfarenhet av löpande bokföring"]),
        ("MS Excel", R, ["kunskap i Excel"]),
        ("Fortnox, affärssystem", R, ["vana av Fortnox"]),
        ("Löneadministration", M, ["erfarenhet av löneadministration"]),
    ],
)

add(
    "sv-office-02",
    "office",
    """
Kundtjänstmedarbetare till e-handel i Malmö

Vi säljer cykeldelar och tillbehör online i hela Norden. Du blir en del av vårt kundtjänstteam på sex personer.

Du svarar på frågor via telefon, mejl och chatt, hanterar returer och reklamationer, och hjälper kunder med beställningar.

Vi söker dig som:
- har erfarenhet av kundtjänst eller kundservice
- skriver bra och tydligt på svenska och engelska
- är van vid ärendehanteringssystem, t.ex. Zendesk eller Freshdesk
- har god datorvana

Meriterande: danska eller norska, intresse för cykling.

Vi erbjuder kollektivavtal, personalrabatt och friskvårdsbidrag.
""",
    [
        ("Kundtjänst", R, ["erfarenhet av kundtjänst"]),
        ("Reklamationer, handläggningsvana", R, ["hanterar returer och reklamationer"]),
        ("Ordermottagning", R, ["hjälper kunder med beställningar"]),
        ("Kundbemötande och service", R, ["kundservice"]),
        ("Ärendehanteringssystem inom kundtjänst", R, ["ärendehanteringssystem"]),
    ],
)

add(
    "sv-office-03",
    "office",
    """
Kontorsassistent/receptionist till redovisningsbyrå i Kristianstad

Du blir byråns ansikte utåt: tar emot besökare, svarar i telefon och växel, bokar möten och hanterar inkommande post. Du hjälper också konsulterna med skanning, arkivering och enklare administration.

Krav:
- erfarenhet av receptions- eller kontorsarbete
- mycket god kunskap i Office-paketet (Word, Excel, Outlook)
- ett professionellt och vänligt bemötande

Meriterande: erfarenhet från redovisningsbyrå, vana att hantera kassa och registrera in- och utbetalningar.

Om oss: Vi är 14 medarbetare och har funnits i staden sedan 1988. Vi erbjuder kollektivavtal, friskvårdsbidrag och tjänstepension.
""",
    [
        ("Receptionsvana", R, ["erfarenhet av receptions- eller kontorsarbete"]),
        ("Telefonväxelvana", R, ["svarar i telefon och växel"]),
        ("Besöksbokning", R, ["bokar möten"]),
        ("Postservice", R, ["hanterar inkommande post"]),
        ("Arkiv- och informationshantering, erfarenhet", R, ["arkivering"]),
        ("MS Office", R, ["Office-paketet"]),
        ("MS Word", R, ["Word"]),
        ("MS Excel", R, ["Excel"]),
        ("Kundbemötande och service", R, ["vänligt bemötande"]),
        ("In- och utbetalningar", M, ["registrera in- och utbetalningar"]),
    ],
)

add(
    "sv-office-04",
    "office",
    """
Redovisningsassistent – deltid, Malmö

Vi är en mindre redovisningsbyrå med kunder inom handel och restaurang. Vi söker en redovisningsassistent på 50 %.

Du kommer att kontera och bokföra verifikationer, stämma av konton, sköta kundreskontra och förbereda momsredovisning.

Du har:
- en eftergymnasial utbildning inom ekonomi, t.ex. YH-utbildning till redovisningsekonom
- minst ett års erfarenhet av bokföring
- erfarenhet av Visma eller Fortnox

Meriterande: kunskap om bokslut och årsredovisning för mindre aktiebolag.

Vi erbjuder flexibla arbetstider och kollektivavtal.
""",
    [
        ("Konteringsvana", R, ["kontera"]),
        ("Bokföringsvana", R, ["erfarenhet av bokföring"]),
        ("Avstämningar", R, ["stämma av konton"]),
        ("Kundreskontra", R, ["kundreskontra"]),
        ("Momsredovisning", R, ["momsredovisning"]),
        ("Visma SPCS, redovisningssystem", R, ["Visma"]),
        ("Fortnox, affärssystem", R, ["Fortnox"]),
        ("Bokslut", M, ["kunskap om bokslut"]),
    ],
)

add(
    "sv-office-05",
    "office",
    """
Orderadministratör till grossist inom VVS, Helsingborg

Vi söker en orderadministratör som tar emot och registrerar order från våra kunder, bekräftar leveranstider och hanterar reklamationer.

Vi söker dig som
- har erfarenhet av orderhantering och kundkontakt
- är van att arbeta i affärssystem (vi har Monitor)
- har goda kunskaper i Excel
- kan fakturera och följa upp obetalda fakturor

Meriterande: erfarenhet från VVS- eller byggbranschen, kunskap om export och tulldokument.

Vi erbjuder kollektivavtal, friskvårdsbidrag och gemensam lunch en gång i månaden.
""",
    [
        ("Ordermottagning", R, ["tar emot och registrerar order"]),
        ("Reklamationer, handläggningsvana", R, ["hanterar reklamationer"]),
        ("Affärssystem, erfarenhet", R, ["van att arbeta i affärssystem"]),
        ("Monitor, affärssystem", R, ["vi har Monitor"]),
        ("MS Excel", R, ["kunskaper i Excel"]),
        ("Faktureringsvana", R, ["kan fakturera"]),
        ("Inkasso- och kravhanteringsvana", R, ["följa upp obetalda fakturor"]),
        ("Exportdokument/Importdokument", M, ["export och tulldokument"]),
    ],
)

add(
    "sv-office-06",
    "office",
    """
Kundservicemedarbetare till energibolag, Ängelholm

Hos oss hjälper du privatkunder med frågor om elavtal, fakturor och flyttar. Du arbetar främst i telefon men också via chatt och mejl.

Vi söker dig som har arbetat med kundservice i telefon, gärna på kontaktcenter. Du är van att arbeta i CRM-system och kan växla mellan flera system samtidigt. Du behärskar svenska mycket väl i tal och skrift.

Det är meriterande om du har erfarenhet av telefonförsäljning eller av fakturafrågor.

Vi erbjuder: betald utbildning i fyra veckor, kollektivavtal, friskvårdsbidrag och hybridarbete efter introduktionen.
""",
    [
        ("Kundtjänst", R, ["arbetat med kundservice i telefon"]),
        ("Kontaktcenterplattformar, erfarenhet", M, ["gärna på kontaktcenter"]),
        ("Customer Relationship Management/CRM", R, ["CRM-system"]),
        ("Försäljningsvana, telefonförsäljning", M, ["erfarenhet av telefonförsäljning"]),
        ("Faktureringsvana", M, ["fakturafrågor"]),
    ],
)

# ---------------------------------------------------------------- construction (sv)
add(
    "sv-construction-01",
    "construction",
    """
Snickare till byggföretag i Lund – nyproduktion och ROT

Vi är ett lokalt byggföretag med 20 snickare. Vi bygger flerbostadshus och gör om- och tillbyggnader åt privatpersoner.

Vi söker dig som har:
- yrkesbevis som träarbetare eller motsvarande erfarenhet
- erfarenhet av stomresning, regling och gipsning av innerväggar
- vana att läsa ritningar
- B-körkort

Meriterande: utbildning i fallskydd, heta arbeten och ställningsbyggnad. Erfarenhet av köks- och fönstermontering.

Vi erbjuder kollektivavtal (Byggavtalet), friskvårdsbidrag, firmabil och bra verktyg.
""",
    [
        ("Yrkesbevis, träarbetare", R, ["yrkesbevis som träarbetare"]),
        ("Stombyggnad", R, ["stomresning"]),
        ("Beklädnad, innervägg", R, ["regling och gipsning av innerväggar"]),
        ("Ritningsläsning", R, ["läsa ritningar"]),
        ("Utbildningsbevis, fallskydd", M, ["fallskydd"]),
        ("Certifikat, heta arbeten", M, ["heta arbeten"]),
        ("Utbildningsbevis, ställningsbyggnad 2 - 9 meter", M, ["ställningsbyggnad"]),
        ("Köksmontering", M, ["köks- och fönstermontering"]),
        ("Fönstermontage/Fönstermontering", M, ["köks- och>>fönstermontering"]),
    ],
)

add(
    "sv-construction-02",
    "construction",
    """
Betongarbetare till anläggningsprojekt i Malmö

Vi söker betongarbetare till ett brobygge och till grundläggning av bostäder i Hyllie.

Arbetsuppgifter: formsättning, armering, gjutning och efterbehandling av betong.

Krav:
- yrkesbevis som betongarbetare eller minst tre års erfarenhet
- kan läsa armeringsritningar
- utbildning i fallskydd och säkra lyft
- ID06

Meriterande: erfarenhet av systemform, lagbasuppdrag, förarbevis för skylift.

Vi erbjuder ackord enligt Byggavtalet, arbetskläder, friskvårdsbidrag och gemensam personalresa vartannat år.
""",
    [
        ("Formsättning", R, ["formsättning"]),
        ("Armering", R, ["armering"]),
        ("Betonggjutning", R, ["gjutning"]),
        ("Yrkesbevis, betongarbetare", R, ["yrkesbevis som betongarbetare"]),
        ("Ritningsläsning, armering", R, ["läsa armeringsritningar"]),
        ("Utbildningsbevis, fallskydd", R, ["utbildning i fallskydd"]),
        ("Utbildningsbevis, säkra lyft", R, ["säkra lyft"]),
        ("Systemformmontering", M, ["erfarenhet av systemform"]),
        ("Lagbaserfarenhet", M, ["lagbasuppdrag"]),
        ("Förarbevis för skylift", M, ["förarbevis för skylift"]),
    ],
)

add(
    "sv-construction-03",
    "construction",
    """
Byggarbetare/grovarbetare till mindre byggfirma, Ystad

Vi är fem anställda och jobbar mest med renoveringar av villor och fritidshus på Österlen. Vi söker en händig person som kan hjälpa till med det mesta.

Du kommer att riva, bära, sortera byggavfall, isolera och hjälpa snickarna.

Vi vill att du:
- har jobbat på bygge förut
- kan använda vanliga elverktyg som cirkelsåg, borrmaskin och skruvdragare
- är stark och tål tunga lyft
- har körkort och kan köra bil med släp

Erfarenhet av plattsättning eller takarbete är meriterande.

Vi erbjuder kollektivavtal, friskvårdsbidrag och en trevlig arbetsplats där alla hjälps åt.
""",
    [
        ("Rivning av byggobjekt/Demontering av byggobjekt", R, ["riva"]),
        ("Sortering av byggavfall", R, ["sortera byggavfall"]),
        ("Isolering", R, ["isolera"]),
        ("Maskinkunskap, handmaskiner", R, ["kan använda vanliga elverktyg"]),
        ("God fysik (tunga lyft)", R, ["tål tunga lyft"]),
        ("Plattsättning", M, ["plattsättning"]),
        ("Takläggning", M, ["takarbete"]),
    ],
)

add(
    "sv-construction-04",
    "construction",
    """
Plattsättare till badrumsrenoveringar – Helsingborg

Vi är ett plattsättningsföretag som främst renoverar badrum åt privatpersoner och bostadsrättsföreningar.

Vi söker en plattsättare med yrkesbevis och behörighet enligt GVK. Du ska kunna sätta kakel och klinker, bygga tätskikt enligt branschreglerna och göra golvavjämning.

Meriterande: erfarenhet av att själv planera jobb och ha kundkontakt, B-körkort.

Vi erbjuder kollektivavtal, servicebil, bra material och friskvårdsbidrag.
""",
    [
        ("Yrkesbevis, plattsättare", R, ["plattsättare med yrkesbevis"]),
        ("Våtrumsbehörighet/GVK", R, ["behörighet enligt GVK"]),
        ("Kakel och klinker, plattsättningsvana", R, ["sätta kakel och klinker"]),
        ("Golvavjämning", R, ["golvavjämning"]),
    ],
)

add(
    "sv-construction-05",
    "construction",
    """
Arbetsledare till husbyggnadsprojekt, Kristianstad

Du leder och fördelar arbetet för våra yrkesarbetare och underentreprenörer på plats, och ansvarar för arbetsmiljö, kvalitet och tidplan.

Du har:
- erfarenhet som arbetsledare eller lagbas inom husbyggnad
- god kunskap om arbetsmiljöregler inom bygg och gärna BAS-U-utbildning
- vana att läsa ritningar och beskrivningar
- god datorvana och kan arbeta i Office

Meriterande: byggteknisk utbildning från gymnasiet eller YH, kunskap om egenkontroller.

Om oss: Vi är ett byggföretag med 120 anställda i nordöstra Skåne. Vi erbjuder tjänstebil, friskvårdsbidrag och bonus.
""",
    [
        ("Lagbaserfarenhet", R, ["erfarenhet som arbetsledare eller lagbas"]),
        ("Arbetsmiljöförskrifter vid byggnads- och anläggningsarbete", R, ["arbetsmiljöregler inom bygg"]),
        ("Bas-U/Byggarbetsmiljösamordnaren för utförandet av arbetet", M, ["BAS-U-utbildning"]),
        ("Ritningsläsning", R, ["läsa ritningar"]),
        ("MS Office", R, ["arbeta i Office"]),
        ("Egenkontroll, erfarenhet", M, ["kunskap om egenkontroller"]),
    ],
)

add(
    "sv-construction-06",
    "construction",
    """
Ställningsbyggare till ställningsföretag i Landskrona

Vi bygger ställningar för fasadrenovering, nyproduktion och industri i hela Skåne. Nu söker vi fler ställningsbyggare.

Krav:
- utbildningsbevis för ställningsbyggnad 2–9 meter
- fallskyddsutbildning
- du är van att arbeta på hög höjd och i alla väder
- god fysik

Meriterande: utbildning för ställning över 9 meter, erfarenhet av väderskydd, truckkort för teleskoptruck.

Vi erbjuder: kollektivavtal, arbetskläder, friskvårdsbidrag och möjlighet att utbilda dig till arbetsledare.
""",
    [
        (
            "Utbildningsbevis, ställningsbyggnad 2 - 9 meter",
            R,
            ["utbildningsbevis för ställningsbyggnad 2–9 meter"],
        ),
        ("Utbildningsbevis, fallskydd", R, ["fallskyddsutbildning"]),
        ("Höghöjdsarbete", R, ["arbeta på hög höjd"]),
        ("God fysik (tunga lyft)", R, ["god fysik"]),
        ("Kompetensbevis, ställningsbyggnad över 9 meter", M, ["ställning över 9 meter"]),
        ("Yrkesbevis, teleskoptruck", M, ["truckkort för teleskoptruck"]),
    ],
)

# ---------------------------------------------------------------- English ads
# English ads are numbered 01-18 across sectors (two per sector, one for office
# and construction), so that the every-third-is-holdout rule stratifies by
# language and spreads the holdout over six sectors.
add(
    "en-eldercare-01",
    "eldercare",
    """
Assistant nurse for a nursing home in Malmö (English-speaking unit)

Our nursing home has a unit for older residents whose first language is English or Finnish. We are looking for an assistant nurse to join the team.

Requirements:
- Swedish assistant nurse qualification (undersköterska) or equivalent from another EU country
- experience of elderly care, preferably dementia care
- good knowledge of basic hygiene routines
- you document care according to Swedish social services rules

It is a plus if you have CPR training.

We offer a collective agreement, wellness allowance and Swedish lessons during working hours.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["assistant nurse qualification"]),
        ("Äldreomsorg", R, ["experience of elderly care"]),
        ("Demensvård", M, ["preferably dementia care"]),
        ("Basala hygienrutiner inom hälso- och sjukvård", R, ["basic hygiene routines"]),
        ("Social dokumentation", R, ["document care according to Swedish social services rules"]),
        ("Utbildning i Första hjälpen/Hjärt-lungräddning, HLR", M, ["CPR training"]),
    ],
)

add(
    "en-eldercare-02",
    "eldercare",
    """
Care assistant – residential care home, Helsingborg

You will help residents with personal care, meals and daily activities, and support them to stay as independent as possible.

We are looking for someone who:
* has worked in care before, for example in a care home or in home care
* is confident using hoists and other moving and handling aids
* respects confidentiality
* can communicate with residents and colleagues in Swedish or English

Desirable: a care qualification (vård- och omsorgsprogrammet) and knowledge of fall prevention.

We offer permanent employment, a collective agreement and a free gym card.
""",
    [
        ("Personlig omvårdnad", R, ["personal care"]),
        ("ADL-träning", R, ["support them to stay as independent as possible"]),
        ("Allmän omvårdnadserfarenhet", R, ["has worked in care before"]),
        (
            "Arbetstekniska hjälpmedel inom vård och omsorg",
            R,
            ["using hoists and other moving and handling aids"],
        ),
        ("Sekretess och tystnadsplikt inom hälso- och sjukvård", R, ["respects confidentiality"]),
        ("Omsorgsutbildning/Omvårdnadsutbildning", M, ["a care qualification"]),
        ("Fallprevention", M, ["fall prevention"]),
    ],
)

add(
    "en-homecare-03",
    "homecare",
    """
Home care worker – Lund municipality

Our home care teams visit older people in their homes and help with personal hygiene, cleaning, shopping and meals.

You have:
- experience of working in home care
- a driving licence (B) and you are comfortable cycling between visits
- basic knowledge of hygiene routines in health care
- the ability to write short notes in our documentation system

Experience of people living with dementia is an advantage.

We offer a collective agreement, work clothes and an e-bike.
""",
    [
        ("Personlig omvårdnad", R, ["help with personal hygiene"]),
        ("Hemtjänst", R, ["experience of working in home care"]),
        ("Cykelvana", R, ["comfortable cycling"]),
        (
            "Basala hygienrutiner inom hälso- och sjukvård",
            R,
            ["knowledge of hygiene routines in health care"],
        ),
        ("Social dokumentation", R, ["write short notes in our documentation system"]),
        ("Demensvård", M, ["Experience of people living with dementia"]),
    ],
)

add(
    "en-homecare-04",
    "homecare",
    """
Assistant nurse, home health care – evening shifts

You will carry out home care visits and delegated health care tasks such as medication and simple wound care for patients living at home.

Essential:
- qualified assistant nurse with the protected title
- experience from home health care or a hospital ward
- you can recognise signs of deterioration (we use NEWS)

Nice to have: first aid and CPR certificate, experience of palliative care.

Benefits: evening supplement under the collective agreement, pension and wellness allowance.
""",
    [
        ("Undersköterskeutbildning/Undersköterska, utbildad", R, ["qualified assistant nurse"]),
        ("Bevis om skyddad yrkestitel som undersköterska", R, ["with the protected title"]),
        ("Hemsjukvård", R, ["experience from home health care"]),
        (
            "NEWS-bedömningar (National Early Warning Score)",
            R,
            ["recognise signs of deterioration (we use NEWS)"],
        ),
        ("Utbildning i Första hjälpen/Hjärt-lungräddning, HLR", M, ["first aid and CPR certificate"]),
    ],
)

add(
    "en-personal-assistance-05",
    "personal-assistance",
    """
Personal assistant for a young man in Malmö

Our client is 19, uses a wheelchair and communicates with signs and a communication app. He loves football and music.

You should:
- have experience of supporting people with physical disabilities
- be comfortable with personal care and transfers using a ceiling hoist
- know or want to learn sign-supported communication (TSS) and AAC
- be in good physical shape

An advantage: a driving licence and experience of autism.

We offer a collective agreement, paid training and a wellness allowance.
""",
    [
        (
            "Fysisk funktionsnedsättning, omsorgserfarenhet",
            R,
            ["supporting people with physical disabilities"],
        ),
        ("Personlig omvårdnad", R, ["personal care"]),
        ("Arbetstekniska hjälpmedel inom vård och omsorg", R, ["transfers using a ceiling hoist"]),
        ("Tecken som stöd/TSS", R, ["sign-supported communication (TSS)"]),
        ("Alternativ och kompletterande kommunikation/AKK", R, ["AAC"]),
        ("God fysik (tunga lyft)", R, ["good physical shape"]),
        ("Neuropsykologisk funktionsnedsättning/NPF, erfarenhet", M, ["experience of autism"]),
    ],
)

add(
    "en-personal-assistance-06",
    "personal-assistance",
    """
Personal assistants wanted – daytime and nights, Kristianstad

We provide personal assistance under LSS for children and adults. We are looking for assistants for several clients.

What we look for:
- experience of care work with people with intellectual disabilities
- calm approach to challenging behaviour
- you can keep a simple daily log of the support given

It is a plus if you have studied health and social care or have worked in a group home.

About us: We are a family-owned company with 200 assistants. We offer a collective agreement, insurance and team activities.
""",
    [
        (
            "Intellektuell funktionsnedsättning/IF, omsorgserfarenhet",
            R,
            ["people with intellectual disabilities"],
        ),
        ("Utmanande beteende, omsorgserfarenhet", R, ["challenging behaviour"]),
        ("Social dokumentation", R, ["keep a simple daily log of the support given"]),
        ("Omsorgsutbildning/Omvårdnadsutbildning", M, ["studied health and social care"]),
        ("Gruppbostad", M, ["worked in a group home"]),
    ],
)

add(
    "en-warehouse-07",
    "warehouse",
    """
Warehouse operative – e-commerce, Helsingborg

Join our warehouse team handling orders for customers across the Nordics.

Tasks: picking and packing orders with a hand scanner, receiving goods, stock counts.

Requirements:
- forklift licence for A and B trucks
- previous warehouse experience
- able to work two shifts

Desirable: experience with a warehouse management system (WMS).

We offer a collective agreement, pension and a wellness allowance after three months.
""",
    [
        ("Orderplockning", R, ["picking and packing orders"]),
        ("Varumottagning", R, ["receiving goods"]),
        ("Lagerinventering", R, ["stock counts"]),
        ("A-truckar", R, ["A and B trucks"]),
        ("B-truckar", R, ["A and>>B trucks"]),
        ("Terminal- och lagerarbete", R, ["previous warehouse experience"]),
        ("Lagerhanteringsprogram", M, ["warehouse management system (WMS)"]),
    ],
)

add(
    "en-warehouse-08",
    "warehouse",
    """
Forklift driver – cold store, Malmö port

We handle chilled and frozen food for retail chains. You will load and unload lorries and move pallets between cold rooms.

You have:
- a Swedish truck licence (TLP 10) and experience driving counterbalance trucks
- experience with chilled and frozen goods
- knowledge of load securing

ADR training is an advantage.

We provide thermal clothing, a collective agreement and free parking.
""",
    [
        ("Lastning", R, ["load"]),
        ("Lossning", R, ["unload lorries"]),
        ("Utbildningsbevis enligt TLP 10 för truckförare", R, ["truck licence (TLP 10)"]),
        ("Truckvana", R, ["experience driving counterbalance trucks"]),
        ("Kyl- och frysvaruhantering", R, ["experience with chilled and frozen goods"]),
        ("Lastsäkring", R, ["knowledge of load securing"]),
        ("ADR-intyg", M, ["ADR training"]),
    ],
)

add(
    "en-retail-09",
    "retail",
    """
Sales assistant – outdoor store, Lund

We sell hiking, climbing and camping gear and we care about good advice.

You will serve customers, work at the till, handle returns and keep the shop floor tidy and attractive.

We are looking for someone with:
- experience of retail sales, ideally in a specialist shop
- good knowledge of outdoor equipment
- a talent for add-on sales

Bonus if you have worked with online orders and click & collect.

We offer staff discount, a collective agreement and two paid outdoor courses a year.
""",
    [
        ("Kundbemötande och service", R, ["serve customers"]),
        ("Kassavana", R, ["work at the till"]),
        ("Reklamationer, handläggningsvana", R, ["handle returns"]),
        ("Visual merchandising", R, ["keep the shop floor tidy and attractive"]),
        ("Butiksvana, fackhandel", R, ["experience of retail sales, ideally in a specialist shop"]),
        ("Idrottsutrustning, produktkunskap", R, ["knowledge of outdoor equipment"]),
        ("Merförsäljning", R, ["add-on sales"]),
        ("E-handel, erfarenhet", M, ["online orders and click & collect"]),
    ],
)

add(
    "en-retail-10",
    "retail",
    """
Supermarket assistant – fresh food counter, Kristianstad

You will work at our deli counter: slicing cheese and cold cuts, preparing sandwiches and salads, and advising customers.

Must have:
- experience handling fresh food in a shop
- knowledge of food hygiene and own-check routines

Nice to have: knowledge of food allergies.

We offer a collective agreement, staff discount and HACCP training.
""",
    [
        ("Smörgåsar", R, ["preparing sandwiches"]),
        ("Salladsberedning", R, ["salads"]),
        ("Färskvaror, produktkunskap", R, ["experience handling fresh food in a shop"]),
        ("Livsmedelshygien", R, ["knowledge of food hygiene"]),
        ("Egenkontroll, erfarenhet", R, ["own-check routines"]),
        ("Födoämnesallergi, kunskap om", M, ["knowledge of food allergies"]),
    ],
)

add(
    "en-bakery-cafe-11",
    "bakery-cafe",
    """
Barista – café at Malmö Central Station

We open at 6 am and serve commuters coffee, breakfast and sandwiches.

You should:
- have worked as a barista and make consistent espresso drinks
- be fast at the till and friendly with customers
- be able to prepare sandwiches and bake off bread in the morning

Barista training is a plus.

We offer a collective agreement, free coffee and food during shifts.
""",
    [
        ("Kaffetillverkning", R, ["make consistent espresso drinks"]),
        ("Kafé", R, ["worked as a barista"]),
        ("Kassavana", R, ["fast at the till"]),
        ("Kundbemötande och service", R, ["friendly with customers"]),
        ("Smörgåsar", R, ["prepare sandwiches"]),
        ("Bake-off bakning", R, ["bake off bread"]),
        ("Baristautbildning", M, ["Barista training"]),
    ],
)

add(
    "en-bakery-cafe-12",
    "bakery-cafe",
    """
Baker – sourdough bakery, Malmö

We bake everything from scratch and are looking for a baker for early mornings (4 am–12 noon).

Requirements:
- at least two years' experience as a baker
- formal baker training
- experience with sweet and laminated doughs
- you follow food hygiene routines

A journeyman's certificate (gesällbrev) is desirable.

We offer a collective agreement and free bread.
""",
    [
        ("Bageriarbete", R, ["experience as a baker"]),
        ("Yrkesutbildning, bagare och konditor", R, ["formal baker training"]),
        ("Vetedegar, beredningsvana/Wienerdegar, beredningsvana", R, ["sweet and laminated doughs"]),
        ("Livsmedelshygien", R, ["food hygiene routines"]),
        ("Gesällbrev, bagare och konditor", M, ["journeyman's certificate (gesällbrev)"]),
    ],
)

add(
    "en-cleaning-13",
    "cleaning",
    """
Office cleaner – early mornings, Malmö

We clean offices and stairwells for companies and housing associations.

Your tasks: daily office cleaning, stairwell cleaning and floor care with a scrubber dryer.

We are looking for someone who:
- has experience of professional cleaning
- knows how to dose and use cleaning chemicals safely
- can work independently

Desirable: SRY vocational certificate for cleaners.

We offer a collective agreement, work clothes and a wellness allowance.
""",
    [
        ("Kontorsstädning", R, ["daily office cleaning"]),
        ("Trappstädning", R, ["stairwell cleaning"]),
        ("Golvvård", R, ["floor care with a scrubber dryer"]),
        ("Städtjänster", R, ["experience of professional cleaning"]),
        ("Städmaterial", R, ["dose and use cleaning chemicals safely"]),
        ("Yrkesbevis, SRY", M, ["SRY vocational certificate"]),
    ],
)

add(
    "en-cleaning-14",
    "cleaning",
    """
Hospital cleaner – Skåne University Hospital, Malmö

You will clean patient rooms and wards, do terminal cleaning after discharge and infection cleaning.

Requirements:
- experience of cleaning in health care
- knowledge of basic hygiene routines
- you can work according to INSTA 800

An advantage: SRY certificate.

We offer a collective agreement, bike benefit and further training.
""",
    [
        ("Sjukhusstädning", R, ["experience of cleaning in health care"]),
        ("Hygienstädning", R, ["infection cleaning"]),
        ("Basala hygienrutiner inom hälso- och sjukvård", R, ["basic hygiene routines"]),
        ("Utbildning, INSTA 800 (SS627801)", R, ["INSTA 800"]),
        ("Yrkesbevis, SRY", M, ["SRY certificate"]),
    ],
)

add(
    "en-manufacturing-15",
    "manufacturing",
    """
CNC machine operator – Hässleholm

We machine parts in steel and aluminium for the automotive and energy industries.

You will set up and run machining centres and lathes, change tools and measure parts.

You have:
- experience of CNC turning or milling
- can read technical drawings
- know how to use callipers and micrometers
- experience of Fanuc or Heidenhain controls

A plus: programming at the machine.

We offer a collective agreement, shift allowance and a wellness allowance.
""",
    [
        ("Svarvning, CNC", R, ["CNC turning"]),
        ("Fräsning, CNC", R, ["milling"]),
        ("Verktygsbyte, CNC", R, ["change tools"]),
        ("Ritningsläsning", R, ["read technical drawings"]),
        ("Mätteknik", R, ["use callipers and micrometers"]),
        ("CNC-styrsystem", R, ["Fanuc or Heidenhain controls"]),
        ("CNC-programmering", M, ["programming at the machine"]),
    ],
)

add(
    "en-manufacturing-16",
    "manufacturing",
    """
Packaging line operator – food factory, Bjuv

You will run and change over packaging machines, monitor the line, check weights and take quality samples, and log production data.

We want you to have experience as a machine or process operator, knowledge of food hygiene and HACCP, and an interest in technology.

Desirable: forklift licence, PLC knowledge, experience of lean production.

We offer shift allowances and a collective agreement.
""",
    [
        (
            "Maskinskötsel, förpacknings- och påfyllningsmaskiner",
            R,
            ["run and change over packaging machines"],
        ),
        ("Processövervakning", R, ["monitor the line"]),
        ("Kvalitetskontroll, industriell tillverkning", R, ["check weights and take quality samples"]),
        ("Dokumentation, industriell tillverkning", R, ["log production data"]),
        ("Livsmedelshygien", R, ["food hygiene"]),
        ("HACCP", R, ["HACCP"]),
        ("Truckvana", M, ["forklift licence"]),
        ("Programmerbart styrsystem/PLC", M, ["PLC knowledge"]),
        ("Ständiga förbättringar/Lean", M, ["lean production"]),
    ],
)

add(
    "en-office-17",
    "office",
    """
Accounts assistant – construction company, Höör (Swedish required)

You will handle accounts payable, customer invoicing, bookkeeping and reconciliations, and help with payroll.

Requirements:
- experience of day-to-day bookkeeping
- good Excel skills
- experience of Fortnox

Desirable: payroll experience.

We offer a collective agreement and one day a week working from home.
""",
    [
        ("Leverantörsreskontra", R, ["accounts payable"]),
        ("Faktureringsvana", R, ["customer invoicing"]),
        ("Bokföringsvana", R, ["experience of day-to-day bookkeeping"]),
        ("Avstämningar", R, ["reconciliations"]),
        ("MS Excel", R, ["Excel skills"]),
        ("Fortnox, affärssystem", R, ["experience of Fortnox"]),
        ("Löneadministration", M, ["payroll experience"]),
    ],
)

add(
    "en-construction-18",
    "construction",
    """
Carpenter – residential construction and renovation, Lund

We build apartment blocks and renovate houses for private customers.

We are looking for a carpenter with:
- a Swedish carpentry trade certificate or equivalent experience
- experience of framing and plasterboarding interior walls
- ability to read construction drawings

Desirable: fall protection, hot work and scaffolding certificates.

We offer a company van, good tools and the construction collective agreement.
""",
    [
        ("Yrkesbevis, träarbetare", R, ["carpentry trade certificate"]),
        ("Beklädnad, innervägg", R, ["plasterboarding interior walls"]),
        ("Stombyggnad", R, ["framing"]),
        ("Ritningsläsning", R, ["read construction drawings"]),
        ("Utbildningsbevis, fallskydd", M, ["fall protection"]),
        ("Certifikat, heta arbeten", M, ["hot work"]),
        ("Utbildningsbevis, ställningsbyggnad 2 - 9 meter", M, ["scaffolding certificates"]),
    ],
)

# ---------------------------------------------------------------- learning outcomes (sv)
# Numbered 01-08 across sectors; every third is holdout.
add(
    "sv-outcome-01",
    "eldercare",
    """
Vård och omsorg vid demenssjukdom, 100 poäng (Komvux Lund)

Kursen riktar sig till dig som arbetar eller vill arbeta inom äldreomsorgen.

Efter kursen kan deltagaren
- beskriva de vanligaste demenssjukdomarna och hur de påverkar vardagen
- ge omvårdnad och stöd till personer med demenssjukdom utifrån ett personcentrerat förhållningssätt
- bemöta oro och utmanande beteende
- använda alternativa kommunikationssätt som bilder och tecken
- dokumentera iakttagelser och insatser enligt gällande regler
""",
    [
        ("Demensvård", R, ["stöd till personer med demenssjukdom"]),
        ("Omvårdnad", R, ["ge omvårdnad"]),
        ("Utmanande beteende, omsorgserfarenhet", R, ["bemöta oro och utmanande beteende"]),
        (
            "Alternativ och kompletterande kommunikation/AKK",
            R,
            ["alternativa kommunikationssätt som bilder och tecken"],
        ),
        ("Social dokumentation", R, ["dokumentera iakttagelser och insatser"]),
    ],
    kind="outcome",
)

add(
    "sv-outcome-02",
    "homecare",
    """
Uppdragsutbildning: Basal hygien och dokumentation i hemtjänsten (2 dagar)

Efter utbildningen kan deltagaren tillämpa basala hygienrutiner och klädregler vid besök hos kunder, förklara varför de behövs och förebygga smittspridning.

Deltagaren kan också skriva social dokumentation som är saklig och respektfull, och förstår vad sekretess och tystnadsplikt innebär i hemtjänsten.
""",
    [
        (
            "Basala hygienrutiner inom hälso- och sjukvård",
            R,
            ["tillämpa basala hygienrutiner och klädregler"],
        ),
        ("Social dokumentation", R, ["skriva social dokumentation"]),
        (
            "Sekretess och tystnadsplikt inom hälso- och sjukvård",
            R,
            ["vad sekretess och tystnadsplikt innebär"],
        ),
    ],
    kind="outcome",
)

add(
    "sv-outcome-03",
    "personal-assistance",
    """
Kurs: Kommunikation och bemötande för personliga assistenter (40 timmar)

Efter kursen kan deltagaren:
1. använda tecken som stöd i vardagliga situationer
2. stödja kommunikation med bildstöd och samtalsmatta
3. förklara vad en neuropsykiatrisk funktionsnedsättning kan innebära och anpassa sitt bemötande
4. använda ett lågaffektivt bemötande när en situation blir svår
5. utföra personlig omvårdnad med respekt för den enskildes integritet
""",
    [
        ("Tecken som stöd/TSS", R, ["använda tecken som stöd"]),
        (
            "Alternativ och kompletterande kommunikation/AKK",
            R,
            ["stödja kommunikation med bildstöd och samtalsmatta"],
        ),
        (
            "Neuropsykologisk funktionsnedsättning/NPF, erfarenhet",
            R,
            ["neuropsykiatrisk funktionsnedsättning"],
        ),
        ("Utmanande beteende, omsorgserfarenhet", R, ["lågaffektivt bemötande"]),
        ("Personlig omvårdnad", R, ["utföra personlig omvårdnad"]),
    ],
    kind="outcome",
)

add(
    "sv-outcome-04",
    "warehouse",
    """
Truckutbildning A och B enligt TLP 10, 3 dagar

Efter utbildningen kan deltagaren köra låglyftande plocktruck och motviktstruck på ett säkert sätt, utföra daglig tillsyn av trucken, lasta och lossa lastbil och säkra last enligt gällande regler.

Deltagaren får ett utbildningsbevis enligt TLP 10 efter godkänt teoriprov och praktiskt prov.
""",
    [
        ("A-truckar", R, ["köra låglyftande plocktruck"]),
        ("B-truckar", R, ["motviktstruck"]),
        ("Lastning", R, ["lasta"]),
        ("Lossning", R, ["lossa lastbil"]),
        ("Lastsäkring", R, ["säkra last"]),
        ("Utbildningsbevis enligt TLP 10 för truckförare", R, ["utbildningsbevis enligt TLP 10"]),
    ],
    kind="outcome",
)

add(
    "sv-outcome-05",
    "bakery-cafe",
    """
Livsmedelshygien för kafé och butik, 1 dag

Efter kursen kan deltagaren
- förklara hur matförgiftning uppstår och hur den förebyggs
- hantera, förvara och märka livsmedel på ett säkert sätt
- följa och dokumentera egenkontrollprogrammet, inklusive HACCP
- informera kunder om allergener och hantera specialkost utan kontaminering
""",
    [
        (
            "Livsmedelshygien",
            R,
            [
                "hur matförgiftning uppstår och hur den förebyggs",
                "hantera, förvara och märka livsmedel på ett säkert sätt",
            ],
        ),
        ("Livsmedelslagring", R, ["förvara"]),
        ("Egenkontroll, erfarenhet", R, ["dokumentera egenkontrollprogrammet"]),
        ("HACCP", R, ["HACCP"]),
        ("Födoämnesallergi, kunskap om", R, ["informera kunder om allergener"]),
    ],
    kind="outcome",
)

add(
    "sv-outcome-06",
    "cleaning",
    """
Lokalvård, grundkurs (Yrkesvux, 200 poäng)

Efter kursen kan deltagaren planera och utföra daglig städning i kontor, skolor och vårdlokaler, välja rätt metod, redskap och kemikalier, och använda städmaskiner på ett säkert sätt. Deltagaren kan utföra grundläggande golvvård och bedöma städkvalitet med INSTA 800.

Kursen förbereder för yrkesbevis enligt SRY.
""",
    [
        ("Kontorsstädning", R, ["daglig städning i kontor"]),
        ("Städning av förskola/Städning av skola", R, ["skolor"]),
        ("Sjukhusstädning", R, ["vårdlokaler"]),
        ("Städmaterial", R, ["välja rätt metod, redskap och kemikalier"]),
        ("Golvvård", R, ["grundläggande golvvård"]),
        ("Städbesiktning", R, ["bedöma städkvalitet"]),
        ("Utbildning, INSTA 800 (SS627801)", R, ["INSTA 800"]),
    ],
    kind="outcome",
)

add(
    "sv-outcome-07",
    "manufacturing",
    """
Industriteknisk grundkurs – montering och kvalitet (YH-modul, 5 veckor)

Efter kursen kan den studerande
- läsa och tolka enklare tekniska ritningar och monteringsinstruktioner
- montera mekaniska komponenter med handverktyg och momentnyckel
- mäta med skjutmått och mikrometer och dokumentera mätresultat
- arbeta enligt principerna för Lean och 5S
- använda skyddsutrustning och följa säkerhetsföreskrifter
""",
    [
        ("Ritningsläsning", R, ["läsa och tolka enklare tekniska ritningar"]),
        ("Montering av mekaniska komponenter", R, ["montera mekaniska komponenter"]),
        ("Maskinkunskap, handmaskiner", R, ["handverktyg och momentnyckel"]),
        ("Mätteknik", R, ["mäta med skjutmått och mikrometer"]),
        ("Dokumentation, industriell tillverkning", R, ["dokumentera mätresultat"]),
        ("Ständiga förbättringar/Lean", R, ["principerna för Lean och 5S"]),
        ("Personlig skyddsutrustning", R, ["använda skyddsutrustning"]),
    ],
    kind="outcome",
)

add(
    "sv-outcome-08",
    "office",
    """
Bokföring för småföretag, kvällskurs (Folkuniversitetet)

Efter kursen kan deltagaren bokföra löpande affärshändelser i ett redovisningsprogram, t.ex. Fortnox eller Visma, kontera leverantörs- och kundfakturor, göra enkla avstämningar av bank och skattekonto samt ta fram underlag för momsdeklaration.
""",
    [
        ("Bokföringsvana", R, ["bokföra löpande affärshändelser"]),
        ("Fortnox, affärssystem", R, ["Fortnox"]),
        ("Visma SPCS, redovisningssystem", R, ["Visma"]),
        ("Konteringsvana", R, ["kontera leverantörs- och kundfakturor"]),
        ("Avstämningar", R, ["enkla avstämningar"]),
        ("Momsredovisning", R, ["underlag för momsdeklaration"]),
    ],
    kind="outcome",
)

# ---------------------------------------------------------------- own experience (sv)
# Simple Swedish, as a learner would write it. Numbered 01-06; every third is holdout.
add(
    "sv-experience-01",
    "homecare",
    """
Jag har jobbat i hemtjänst i tre år i Malmö. Jag hjälper gamla människor med dusch, att klä på sig och med mat. Jag städar och tvättar också hos dem. Jag skriver i appen vad jag har gjort varje dag. Jag har gått en kurs i demens och jag tycker om att jobba med dementa. Jag cyklar mellan kunderna.
""",
    [
        ("Hemtjänst", R, ["jobbat i hemtjänst"]),
        ("Personlig omvårdnad", R, ["hjälper gamla människor med dusch, att klä på sig och med mat"]),
        ("Tvätt- och städningsansvar", R, ["städar och tvättar"]),
        ("Social dokumentation", R, ["skriver i appen vad jag har gjort"]),
        ("Demensvård", R, ["jobba med dementa"]),
        ("Cykelvana", R, ["cyklar mellan kunderna"]),
    ],
    kind="experience",
)

add(
    "sv-experience-02",
    "warehouse",
    """
Jag har arbetat på lager i två år, först på Postnord och sedan på ett e-handelslager. Jag plockar order med scanner och packar paket. Jag har truckkort A och B och kör truck varje dag. Ibland tar jag emot leveranser och räknar varor när vi har inventering.
""",
    [
        ("Terminal- och lagerarbete", R, ["arbetat på lager"]),
        ("Orderplockning", R, ["plockar order med scanner"]),
        ("A-truckar", R, ["truckkort A"]),
        ("B-truckar", R, ["truckkort A och B"]),
        ("Truckvana", R, ["kör truck varje dag"]),
        ("Varumottagning", R, ["tar jag emot leveranser"]),
        ("Lagerinventering", R, ["räknar varor när vi har inventering"]),
    ],
    kind="experience",
)

add(
    "sv-experience-03",
    "bakery-cafe",
    """
I mitt hemland jobbade jag som bagare i fem år. Vi bakade bröd och kakor varje natt. I Sverige har jag jobbat på ett café i Lund. Där gör jag kaffe, smörgåsar och sallader och jag står i kassan. Jag vet hur man ska tänka med hygien och allergier.
""",
    [
        ("Bageriarbete", R, ["jobbade jag som bagare"]),
        ("Matbröd", R, ["bakade bröd"]),
        ("Kafé", R, ["jobbat på ett café"]),
        ("Kaffetillverkning", R, ["gör jag kaffe"]),
        ("Smörgåsar", R, ["smörgåsar"]),
        ("Salladsberedning", R, ["sallader"]),
        ("Kassavana", R, ["står i kassan"]),
        ("Livsmedelshygien", R, ["tänka med hygien"]),
        ("Födoämnesallergi, kunskap om", R, ["allergier"]),
    ],
    kind="experience",
)

add(
    "sv-experience-04",
    "cleaning",
    """
Jag jobbar som städare sedan 2019. Jag städar kontor och trappor på morgonen och ibland hotellrum på helgen. Jag kan använda skurmaskin och jag vet vilka medel man ska använda. Förra året gjorde jag också flyttstädning och putsade fönster för ett företag.
""",
    [
        ("Kontorsstädning", R, ["städar kontor"]),
        ("Trappstädning", R, ["trappor"]),
        ("Hotellstädning", R, ["hotellrum"]),
        ("Golvvård", R, ["använda skurmaskin"]),
        ("Städmaterial", R, ["vet vilka medel man ska använda"]),
        ("Flyttstädning", R, ["flyttstädning"]),
        ("Fönsterputsning", R, ["putsade fönster"]),
    ],
    kind="experience",
)

add(
    "sv-experience-05",
    "personal-assistance",
    """
Jag är personlig assistent till en tjej med autism sedan fyra år. Hon pratar inte så mycket så vi använder bilder och tecken. Ibland blir hon arg och då måste jag vara lugn. Jag hjälper henne med hygien och mat och skriver i en pärm vad som har hänt under dagen.
""",
    [
        ("Neuropsykologisk funktionsnedsättning/NPF, erfarenhet", R, ["tjej med autism"]),
        ("Alternativ och kompletterande kommunikation/AKK", R, ["använder bilder och tecken"]),
        ("Utmanande beteende, omsorgserfarenhet", R, ["Ibland blir hon arg och då måste jag vara lugn"]),
        ("Personlig omvårdnad", R, ["hjälper henne med hygien och mat"]),
        ("Social dokumentation", R, ["skriver i en pärm vad som har hänt"]),
    ],
    kind="experience",
)

add(
    "sv-experience-06",
    "manufacturing",
    """
Jag har jobbat på fabrik i Perstorp i sex år. Jag kör maskiner som gör plastdetaljer och jag kollar att detaljerna är bra innan vi packar dem. Jag kan läsa ritningar lite grann. Jag har truckkort och jag har gått en kurs om Lean på jobbet.
""",
    [
        ("Maskinskötsel, gummi- och plastindustri", R, ["kör maskiner som gör plastdetaljer"]),
        ("Avsyning", R, ["kollar att detaljerna är bra"]),
        ("Packning", R, ["packar dem"]),
        ("Ritningsläsning", R, ["läsa ritningar"]),
        ("Truckvana", R, ["truckkort"]),
        ("Ständiga förbättringar/Lean", R, ["kurs om Lean"]),
    ],
    kind="experience",
)
