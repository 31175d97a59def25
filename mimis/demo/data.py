"""The story of the regional pilot, as demo data. Every organisation and person here is marked as demo.

Region Skåne runs the platform; three providers (a university, a study association, a network of
non-profits) design micro-credentials with a care employer and a small business; an independent
quality-assurance body reviews them; three learners stand for the pilot tracks.
"""

from __future__ import annotations

DEMO_PASSWORD = "demo-mimis-2026"
DEMO_EMAIL_DOMAIN = "demo.mimis.example"

ORGANISATIONS = [
    {
        "slug": "region-skane",
        "name": "Region Skåne – Avdelningen för regional utveckling",
        "kind": "region",
        "municipality": "Kristianstad",
        "website": "https://www.skane.se",
        "description": "Plattformsägare. Följer utbud och efterfrågan på kompetens i Skåne och godkänner nya organisationer.",
    },
    {
        "slug": "hkr",
        "name": "Högskolan Kristianstad",
        "kind": "education_provider",
        "municipality": "Kristianstad",
        "website": "https://www.hkr.se",
        "description": "Högskola med utbildningar inom bland annat vård, hälsa och företagande.",
    },
    {
        "slug": "medborgarskolan-syd",
        "name": "Medborgarskolan Syd",
        "kind": "education_provider",
        "municipality": "Malmö",
        "website": "https://www.medborgarskolan.se",
        "description": "Studieförbund (folkbildning) med kurser och studiecirklar i hela Skåne.",
    },
    {
        "slug": "natverket-ideburen-sektor-skane",
        "name": "NÄTVERKET idéburen sektor Skåne",
        "kind": "education_provider",
        "municipality": "Malmö",
        "website": "https://www.natverketskane.se",
        "description": "Nätverk för föreningar och idéburna organisationer; gör ideellt engagemang och lärande synligt.",
    },
    {
        "slug": "kvalitetsradet-skane",
        "name": "Kvalitetsrådet för mikromeriter i Skåne",
        "kind": "qa_body",
        "municipality": "Lund",
        "description": "Oberoende granskning av mikromeriter mot öppna kriterier i linje med EU:s rekommendation.",
    },
    {
        "slug": "vard-och-omsorg-kristianstad",
        "name": "Vård- och omsorgsförvaltningen, Kristianstads kommun",
        "kind": "employer",
        "municipality": "Kristianstad",
        "description": "Kommunal arbetsgivare inom äldreomsorg och hemtjänst.",
    },
    {
        "slug": "osterlens-bageri",
        "name": "Österlens Bageri AB",
        "kind": "employer",
        "municipality": "Simrishamn",
        "description": "Litet familjeföretag med tolv anställda och butik.",
    },
]

PENDING_ORGANISATION = {
    "slug": "folkhogskola-nordost",
    "name": "Folkhögskolan Skåne Nordost",
    "kind": "education_provider",
    "municipality": "Hässleholm",
    "description": "Ansöker om att erbjuda mikromeriter i svenska för vård och omsorg.",
}

# email local part, name, language, [(organisation slug, role), ...], persona description
PEOPLE = [
    (
        "eva.region",
        "Eva Lindqvist",
        "sv",
        [("region-skane", "admin")],
        "Region Skåne: plattformsadministratör (godkänner organisationer, granskningslogg)",
    ),
    (
        "karin.hkr",
        "Karin Holm",
        "sv",
        [("hkr", "admin"), ("hkr", "editor")],
        "Högskolan Kristianstad: administratör och redaktör",
    ),
    ("jonas.hkr", "Jonas Berg", "sv", [("hkr", "issuer")], "Högskolan Kristianstad: utfärdare"),
    (
        "sara.medborgarskolan",
        "Sara Nilsson",
        "sv",
        [
            ("medborgarskolan-syd", "admin"),
            ("medborgarskolan-syd", "editor"),
            ("medborgarskolan-syd", "issuer"),
        ],
        "Medborgarskolan Syd: administratör, redaktör och utfärdare",
    ),
    (
        "ali.natverket",
        "Ali Hassan",
        "sv",
        [("natverket-ideburen-sektor-skane", "admin"), ("natverket-ideburen-sektor-skane", "editor")],
        "NÄTVERKET idéburen sektor Skåne: administratör och redaktör",
    ),
    (
        "maria.kvalitet",
        "Maria Ek",
        "sv",
        [("kvalitetsradet-skane", "reviewer")],
        "Kvalitetsrådet: granskare, med mikromeriter att granska",
    ),
    (
        "per.kvalitet",
        "Per Qvist",
        "en",
        [("kvalitetsradet-skane", "admin")],
        "Kvalitetsrådet: administratör och samordnare av granskningar (English-speaking)",
    ),
    (
        "lena.omsorg",
        "Lena Ström",
        "sv",
        [("vard-och-omsorg-kristianstad", "admin"), ("vard-och-omsorg-kristianstad", "editor")],
        "Kristianstads kommun, vård och omsorg: arbetsgivare",
    ),
    ("omar.bageri", "Omar Saleh", "sv", [("osterlens-bageri", "admin")], "Österlens Bageri: småföretagare"),
    (
        "nils.folkhogskola",
        "Nils Åkesson",
        "sv",
        [("folkhogskola-nordost", "admin")],
        "Folkhögskolan Skåne Nordost: väntar på godkännande",
    ),
    ("fatima", "Fatima Ahmed", "sv", [], "Deltagare: på väg in på arbetsmarknaden"),
    ("johan", "Johan Persson", "sv", [], "Deltagare: vill bli undersköterska (vård och omsorg)"),
    ("linnea", "Linnea Berg", "en", [], "Deltagare: driver ett litet företag (English)"),
]

# (learner e-mail local part, micro-credential slug): credentials already awarded in the demo story.
AWARDS = [
    ("fatima", "basal-hygien-i-vard-och-omsorg"),
    ("fatima", "svenska-for-vard-och-omsorg"),
    ("johan", "basal-hygien-i-vard-och-omsorg"),
    ("johan", "demensvard-grund"),
    ("linnea", "digital-bokforing-smaforetag"),
]
