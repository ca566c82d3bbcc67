"""LPDC out: rights as LPDC instance snapshots (JSON-LD with the official context, Dutch keys), in the
shape of the instance-snapshot feed a municipality publishes to LPDC, valid against the model's SHACL
shapes (shacl/instantie-shape.ttl).

- A right imported from LPDC keeps its public-service IRI and its organisations; a right of ours is
  urn:rechtenverkenner:recht:<id> and names its competent authority as an organisation by name (we hold
  no LPDC organisation IRI for it).
- The model allows one procedure and one requirement per instance: several become one, each as a
  paragraph headed by its title.
- Texts are written as HTML paragraphs, as LPDC stores them; English texts go along under "en".
"""

from __future__ import annotations

import datetime as dt

from rechtenverkenner.lpdc.mapping import OWN_IRI
from rechtenverkenner.lpdc.parse import _bundled
from rechtenverkenner.lpdc.text import to_html
from rechtenverkenner.lpdc.vocab import nuts

SNAPSHOT_IRI = "urn:rechtenverkenner:momentopname:"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
LANGUAGES = {"nl": "NLD", "fr": "FRA", "de": "DEU", "en": "ENG"}


class NotInLpdc(ValueError):
    """A scope LPDC's spatial code list does not know (LPDC is the catalogue of Flemish local governments)."""


def _timestamp(value) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{str(value)[:10]}T00:00:00Z"


def _dutch_tag(doc: dict) -> str:
    """The Dutch variant the texts were written in, as the model tags it for an instance."""
    tag = (doc.get("lpdc_language") or "nl").lower()
    return tag if tag in ("nl", "nl-be-x-formal", "nl-be-x-informal") else "nl"


def _texts(doc: dict, key: str, html: bool = True) -> dict | None:
    out = {}
    if doc.get(key):
        out[_dutch_tag(doc)] = to_html(doc[key]) if html else doc[key]
    english = (doc.get("translations") or {}).get("en", {}).get(key)
    if english:
        out["en"] = to_html(english) if html else english
    return out or None


def _lang(text: str, html: bool = True) -> dict:
    return {"nl": to_html(text) if html else text}


def _block(subject: str, kind: str, index: int, item: dict) -> dict:
    return {
        "@id": f"{subject}#{kind.lower()}-{index}",
        "@type": kind,
        "naam": _lang(item["title"], html=False),
        "beschrijving": _lang(item.get("description") or item["title"]),
        "order": index,
    }


def _website(subject: str, kind: str, index: int, link: dict) -> dict:
    out = {"@id": f"{subject}#{kind}-{index}", "@type": "Website", "naam": _lang(link["title"], html=False)}
    if link.get("description"):
        out["beschrijving"] = _lang(link["description"])
    return {**out, "url": link["url"], "order": index}


def _merged(items: list[dict]) -> dict:
    """Several procedures (or requirements) as the one the model allows."""
    if len(items) == 1:
        return items[0]
    text = "\n\n".join(f"{item['title']}\n{item.get('description', '')}".strip() for item in items)
    merged = {"title": items[0]["title"], "description": text}
    evidence = [item["evidence"] for item in items if item.get("evidence")]
    if evidence:
        merged["evidence"] = _merged(evidence)
    merged["websites"] = [w for item in items for w in item.get("websites") or []]
    return merged


def _address(address: dict) -> dict | None:
    required = ("street", "house_number", "postal_code", "municipality")
    if not all(address.get(k) for k in required):
        return None  # the model requires a street, number, postal code and municipality
    out = {
        "@type": "Adres",
        "straatnaam": {"nl": address["street"]},
        "huisnummer": address["house_number"],
        "postcode": address["postal_code"],
        "gemeentenaam": {"nl": address["municipality"]},
        "land": {"nl": address.get("country") or "België"},  # a 4-digit postal code is Belgian
    }
    if address.get("box"):
        out["busnummer"] = address["box"]
    return out


def _contact(subject: str, index: int, c: dict) -> dict:
    out: dict = {"@id": f"{subject}#contactpunt-{index}", "@type": "Contactgegevens"}
    for key, name in (("url", "url"), ("email", "email"), ("phone", "telefoonnummer")):
        if c.get(key):
            out[name] = c[key]
    hours = c.get("opening_hours")
    if hours:  # the model has one string: one line per day or period
        out["openingsuren"] = "\n".join(hours) if isinstance(hours, list) else hours
    address = _address(c.get("address") or {})
    if address:
        out["adres"] = {"@id": f"{subject}#adres-{index}", **address}
    out["order"] = index
    return out


def _organisations(subject: str, doc: dict, municipality_name: str) -> tuple[list, list, object]:
    if doc.get("lpdc_authorities"):
        competent = [{"@id": iri, "@type": "PubliekeOrganisatie"} for iri in doc["lpdc_authorities"]]
    else:
        names = doc.get("competent_authorities") or [f"Lokaal bestuur {municipality_name}"]
        competent = [
            {
                "@id": f"{subject}#organisatie-{i}",
                "@type": "PubliekeOrganisatie",
                SKOS_LABEL: {"@value": n, "@language": "nl"},
            }
            for i, n in enumerate(names)
        ]
    executing = [{"@id": iri, "@type": "PubliekeOrganisatie"} for iri in doc.get("lpdc_executing_authorities") or []]
    created_by = (
        {"@id": doc["lpdc_created_by"], "@type": "PubliekeOrganisatie"} if doc.get("lpdc_created_by") else competent[0]
    )
    return competent, executing, created_by


def lau_codes(spatial: list[str]) -> list[str]:
    """LPDC's spatial codes for the Flemish municipalities among our scopes (LPDC knows no others)."""
    known = nuts()["lau"]
    return [known[scope] for scope in spatial if scope in known]


def check_municipality(code: str) -> None:
    """Raises NotInLpdc for a municipality LPDC's spatial code list does not hold (outside Flanders)."""
    if code not in nuts()["lau"]:
        raise NotInLpdc(code)


def instance_snapshot(doc: dict, revision: int, created, municipality_name: str, generated) -> dict:
    """One resolved right as an LPDC InstantieSnapshot (compacted JSON-LD node). created and generated:
    when the right was first and last published here; its review date (else generated) is the
    modification date the model requires."""
    subject = doc.get("lpdc_id") or f"{OWN_IRI}{doc['id']}"
    competent, executing, created_by = _organisations(subject, doc, municipality_name)
    node: dict = {
        "@id": f"{SNAPSHOT_IRI}{doc['id']}:{revision}",
        "@type": "InstantieSnapshot",
        "isVersionOf": subject,
        "generatedAtTime": _timestamp(generated),
        "creatie": _timestamp(created),
        "laatstGewijzigd": _timestamp(doc["last_reviewed"] or generated),
        "aangemaaktDoor": created_by,
        "naam": _texts(doc, "title", html=False),
        "beschrijving": _texts(doc, "description"),
        "verdereBeschrijving": _texts(doc, "additional_description"),
        "uitzonderingen": _texts(doc, "exceptions"),
        "regelgevingTekst": _texts(doc, "regulation"),
        "bevoegdeOverheden": competent,
        "uitvoerendeOverheden": executing,
        "bevoegdBestuursniveaus": doc["competent_authority_level"],
        "uitvoerendBestuursniveaus": doc["executing_authority_level"],
        "geografischToepassingsgebieden": lau_codes(doc["spatial"]),
        "themas": doc["themes"],
        "doelgroepen": doc["target_audiences"],
        "talen": [LANGUAGES[lang] for lang in doc["languages"] if lang in LANGUAGES],
        "linkedConcept": {"@id": doc["ipdc_concept"], "@type": "Concept"} if doc.get("ipdc_concept") else None,
    }
    keywords = {_dutch_tag(doc): doc["keywords"]} if doc["keywords"] else {}
    english_keywords = (doc.get("translations") or {}).get("en", {}).get("keywords")
    if english_keywords:
        keywords["en"] = english_keywords
    node["zoektermen"] = keywords or None
    if doc["product_type"]:
        node["type"] = doc["product_type"]
    for key, name in (("start_date", "startDienstVerlening"), ("end_date", "eindeDienstVerlening")):
        if doc.get(key):
            node[name] = _timestamp(doc[key])
    if doc["requirements"]:
        merged = _merged(doc["requirements"])
        requirement = _block(subject, "Voorwaarde", 0, merged)
        if merged.get("evidence"):
            requirement["bewijs"] = {**_block(subject, "Bewijs", 0, merged["evidence"])}
            del requirement["bewijs"]["order"]
        node["voorwaarden"] = [requirement]
    if doc["procedures"]:
        merged = _merged(doc["procedures"])
        procedure = _block(subject, "Procedure", 0, merged)
        procedure["websites"] = [_website(subject, "procedurewebsite", i, w) for i, w in enumerate(merged["websites"])]
        node["procedures"] = [procedure]
    node["kosten"] = [_block(subject, "Kost", i, c) for i, c in enumerate(doc["costs"])]
    node["financieleVoordelen"] = [
        _block(subject, "FinancieelVoordeel", i, a) for i, a in enumerate(doc["financial_advantages"])
    ]
    node["regelgeving"] = [
        {**_website(subject, "regelgeving", i, link), "@type": "Regelgeving"}
        for i, link in enumerate(doc["legal_resources"])
    ]
    node["websites"] = [_website(subject, "website", i, w) for i, w in enumerate(doc.get("websites") or [])]
    node["contactgegevens"] = [_contact(subject, i, c) for i, c in enumerate(doc["contact_points"])]
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


def feed_page(page_id: str, members: list[dict]) -> dict:
    """The members as one page of an instance-snapshot feed (LDES EventStream), with the bundled contexts."""
    return {
        "@context": [_bundled("ipdc-lpdc-im.jsonld"), _bundled("ldes.jsonld")],
        "@id": page_id,
        "@type": "EventStream",
        "timestampPath": "generatedAtTime",
        "versionOfPath": "isVersionOf",
        "member": members,
    }
