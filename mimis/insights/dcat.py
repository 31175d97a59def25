"""DCAT-AP-SE metadata for the open datasets, as one JSON-LD catalogue that dataportal.se can harvest.

DCAT-AP-SE (the Swedish profile of DCAT-AP) asks of a catalogue: title, description, publisher and its
datasets; of each dataset: title, description, publisher and a contact point; of each distribution: an
access URL, and recommends format and licence. Vocabularies are the EU Publications Office's authority
tables (data themes, file types, frequencies, languages).
"""

from __future__ import annotations

from typing import Any

EU = "http://publications.europa.eu/resource/authority/"
LICENCE_URI = "https://creativecommons.org/licenses/by/4.0/"

DATASETS = [
    (
        "catalogue",
        "/api/v1/insights/catalogue",
        ("Mikromeriter i katalogen", "Micro-credentials in the catalogue"),
        (
            "Publicerade mikromeriter i Skåne per bransch (SNI), SeQF-nivå och målgrupp.",
            "Published micro-credentials in Skåne by industry (SNI), SeQF level and target group.",
        ),
    ),
    (
        "issuance",
        "/api/v1/insights/issuance",
        ("Utfärdade mikromeriter per bransch och månad", "Micro-credentials issued by industry and month"),
        (
            "Antal utfärdade mikromeriter per bransch (SNI) och månad. Celler som beskriver färre än fem "
            "personer visas inte.",
            "Micro-credentials issued per industry (SNI) and month. Cells describing fewer than five people "
            "are suppressed.",
        ),
    ),
    (
        "supply",
        "/api/v1/insights/supply",
        ("Verifierade färdigheter i Skåne", "Verified skills in Skåne"),
        (
            "Antal personer med en giltig mikromerit som styrker varje färdighet (JobTech Taxonomy).",
            "People holding a valid micro-credential that proves each skill (JobTech Taxonomy).",
        ),
    ),
]


def _text(sv: str, en: str) -> list[dict[str, str]]:
    return [{"@language": "sv", "@value": sv}, {"@language": "en", "@value": en}]


def catalogue_document(*, base: str, operator: dict[str, Any]) -> dict[str, Any]:
    publisher = {
        "@type": "foaf:Agent",
        "foaf:name": operator.get("name") or "Region Skåne",
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": operator.get("name") or "Region Skåne",
        **({"vcard:hasEmail": {"@id": f"mailto:{operator['email']}"}} if operator.get("email") else {}),
    }
    datasets = []
    for key, path, titles, descriptions in DATASETS:
        datasets.append(
            {
                "@id": f"{base}{path}#dataset",
                "@type": "dcat:Dataset",
                "dcterms:identifier": f"mimis-insights-{key}",
                "dcterms:title": _text(*titles),
                "dcterms:description": _text(*descriptions),
                "dcterms:publisher": publisher,
                "dcat:contactPoint": contact,
                "dcat:theme": [{"@id": f"{EU}data-theme/EDUC"}, {"@id": f"{EU}data-theme/ECON"}],
                "dcat:keyword": [
                    {"@language": "sv", "@value": "mikromeriter"},
                    {"@language": "sv", "@value": "kompetensförsörjning"},
                    {"@language": "en", "@value": "micro-credentials"},
                ],
                # Skåne län as NUTS 3 region SE224.
                "dcterms:spatial": {"@id": "http://data.europa.eu/nuts/code/SE224"},
                "dcterms:accrualPeriodicity": {"@id": f"{EU}frequency/DAILY"},
                "dcterms:language": {"@id": f"{EU}language/SWE"},
                "dcterms:accessRights": {"@id": f"{EU}access-right/PUBLIC"},
                "dcat:distribution": [
                    {
                        "@id": f"{base}{path}#json",
                        "@type": "dcat:Distribution",
                        "dcterms:title": _text("JSON via API", "JSON through the API"),
                        "dcat:accessURL": {"@id": f"{base}{path}"},
                        "dcat:downloadURL": {"@id": f"{base}{path}"},
                        "dcterms:format": {"@id": f"{EU}file-type/JSON"},
                        "dcat:mediaType": {
                            "@id": "https://www.iana.org/assignments/media-types/application/json"
                        },
                        "dcterms:license": {"@id": LICENCE_URI},
                    }
                ],
            }
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@id": f"{base}/api/v1/insights/dcat.jsonld",
        "@type": "dcat:Catalog",
        "dcterms:title": _text(
            "MIMIS – öppna data om mikromeriter i Skåne", "MIMIS – open data on micro-credentials in Skåne"
        ),
        "dcterms:description": _text(
            "Sammanställda, röjandeskyddade siffror om mikromeriter i Skåne: utbud, utfärdande och verifierade färdigheter.",
            "Aggregated, disclosure-controlled figures on micro-credentials in Skåne: offer, issuance and verified skills.",
        ),
        "dcterms:publisher": publisher,
        "dcterms:license": {"@id": LICENCE_URI},
        "dcterms:language": {"@id": f"{EU}language/SWE"},
        "foaf:homepage": {"@id": f"{base}/insights/"},
        "dcat:dataset": datasets,
    }
