"""Shared helpers of the LPDC tests: the fixture files and an LPDC instance written in the test."""

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "lpdc"
FEED_0 = FIXTURES / "page-0.json"
FEED_2 = FIXTURES / "page-2.json"
IPDC_INSTANCE = FIXTURES / "ipdc-instance.jsonld"
PUBLISHED_JSON = FIXTURES / "instance-published.json"
PUBLISHED_TTL = FIXTURES / "instance-published.ttl"
CONTEXT = "https://example.org/context/ipdc-lpdc-im.jsonld"  # mapped to the bundled copy, never fetched
GENT = "http://data.lblod.info/id/bestuurseenheden/353234a365664e581db5c2f7cc07add2534b47b8e1ab87c821fc6e6365e6bef5"


def instance(uuid="11111111-2222-4333-8444-555555555555", **extra) -> dict:
    """A full LPDC instance of Gent in compacted JSON-LD (every part of the model filled in)."""
    doc = {
        "@context": CONTEXT,
        "@id": f"http://data.lblod.info/id/public-service/{uuid}",
        "@type": "Instantie",
        "naam": {
            "nl-BE-x-informal": "Energiepremie",
            "nl-BE-x-formal": "Energiepremie (formeel)",
            "en": "Energy grant",
        },
        "beschrijving": {
            "nl-BE-x-formal": "<p>Een premie voor <strong>zuinige</strong> toestellen.</p><p>Tweede alinea.</p>",
            "en": "<p>A grant.</p>",
        },
        "verdereBeschrijving": {"nl": "<p>Meer uitleg.</p>"},
        "uitzonderingen": {"nl": "<p>Niet voor bedrijven.</p>"},
        "regelgevingTekst": {"nl": "<p>Testreglement.</p>"},
        "zoektermen": {"nl": ["energie", "premie"], "en": ["energy"]},
        "type": "FinancieelVoordeel",
        "themas": ["MilieuEnergie"],
        "doelgroepen": ["Burger"],
        "bevoegdBestuursniveaus": ["Lokaal"],
        "uitvoerendBestuursniveaus": ["Lokaal"],
        "bevoegdeOverheden": [GENT],
        "uitvoerendeOverheden": [GENT],
        "aangemaaktDoor": GENT,
        "geografischToepassingsgebieden": ["BE23444021"],
        "startDienstVerlening": "2025-01-01T00:00:00Z",
        "creatie": "2025-01-01T10:00:00Z",
        "laatstGewijzigd": "2025-02-03T10:00:00Z",
        "voorwaarden": [
            {
                "@id": f"http://data.lblod.info/id/requirement/{uuid}",
                "@type": "Voorwaarde",
                "naam": {"nl": "Inwoner"},
                "beschrijving": {"nl": "<p>Je woont in Gent.</p>"},
                "order": 0,
                "bewijs": {
                    "@id": f"http://data.lblod.info/id/evidence/{uuid}",
                    "@type": "Bewijs",
                    "naam": {"nl": "Identiteitskaart"},
                    "beschrijving": {"nl": "<p>Je eID.</p>"},
                },
            }
        ],
        "procedures": [
            {
                "@id": f"http://data.lblod.info/id/rule/{uuid}",
                "@type": "Procedure",
                "naam": {"nl": "Aanvragen"},
                "beschrijving": {"nl": "<p>Online of aan het loket.</p>"},
                "order": 0,
                "websites": [
                    {
                        "@id": f"http://data.lblod.info/id/website/p-{uuid}",
                        "@type": "Website",
                        "naam": {"nl": "Formulier"},
                        "url": "https://example.org/formulier",
                        "order": 0,
                    }
                ],
            }
        ],
        "kosten": [
            {
                "@id": f"http://data.lblod.info/id/cost/{uuid}",
                "@type": "Kost",
                "naam": {"nl": "Gratis"},
                "beschrijving": {"nl": "<p>De aanvraag is gratis.</p>"},
                "order": 0,
            }
        ],
        "financieleVoordelen": [
            {
                "@id": f"http://data.lblod.info/id/financial-advantage/{uuid}",
                "@type": "FinancieelVoordeel",
                "naam": {"nl": "Premie"},
                "beschrijving": {"nl": "<p>Tot de helft van de factuur.</p>"},
                "order": 0,
            }
        ],
        "regelgeving": [
            {
                "@id": f"http://data.lblod.info/id/legal-resource/{uuid}",
                "@type": "Regelgeving",
                "naam": {"nl": "Reglement"},
                "url": "https://example.org/reglement",
                "order": 0,
            }
        ],
        "websites": [
            {
                "@id": f"http://data.lblod.info/id/website/{uuid}",
                "@type": "Website",
                "naam": {"nl": "Testwebsite"},
                "beschrijving": {"nl": "<p>Alle info.</p>"},
                "url": "https://example.org/energiepremie",
                "order": 0,
            }
        ],
        "contactgegevens": [
            {
                "@id": f"http://data.lblod.info/id/contact/{uuid}",
                "@type": "Contactgegevens",
                "email": "energie@example.org",
                "telefoonnummer": "000 00 00 00",
                "openingsuren": "ma-vr 9-12 uur",
                "url": "https://example.org/contact",
                "order": 0,
                "adres": {
                    "@id": f"http://data.lblod.info/id/address/{uuid}",
                    "@type": "Adres",
                    "straatnaam": {"nl": "Teststraat"},
                    "huisnummer": "1",
                    "postcode": "9000",
                    "gemeentenaam": {"nl": "Gent"},
                    "land": {"nl": "België"},
                },
            }
        ],
    }
    doc.update(extra)
    return doc


def as_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()
