"""An LPDC public service (lpdc.read.Service) as a catalogue document, and the right id it gets.

- The id is derived from the public service's IRI only, so the same service read from JSON-LD, expanded
  JSON-LD or Turtle, from a feed page or as one instance, is always the same right. A service this
  application exported (urn:rechtenverkenner:recht:<id>) keeps its own id.
- Spatial: LAU codes (BE23444021) become NIS codes (44021); a municipality merged in 2025 becomes the new
  one. A local service (competent level Lokaal, or no level at all in an instance a local government
  published to LPDC) gets the NIS codes of its municipalities only, never a province or region code.
- Dutch texts come from nl, nl-BE-x-formal, nl-BE-x-informal (then the generated variants), in that
  order; English, French and German texts are kept under `translations`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from rechtenverkenner.catalog.codelists import Codelists
from rechtenverkenner.lpdc.read import Service
from rechtenverkenner.lpdc.text import dutch, plain_text
from rechtenverkenner.lpdc.vocab import DUTCH, LANGUAGE, LANGUAGE_CODES, NUTS, OTHER_LANGUAGES, code_of, nuts

OWN_IRI = "urn:rechtenverkenner:recht:"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TEXT_FIELDS = ["title", "description", "additional_description", "exceptions", "regulation"]
# fields LPDC does not carry: an update keeps what the right had
KEPT_FIELDS = [
    "summary",
    "life_situations",
    "related",
    "conditions",
    "automatic_when",
    "engine",
    "competent_authorities",
    "executing_authorities",
]


def right_id_for(iri: str) -> str:
    """Our right id for an LPDC public service IRI (stable: the same IRI always gives the same id)."""
    if iri.startswith(OWN_IRI):
        return iri[len(OWN_IRI) :]
    last = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].lower()
    if UUID.match(last):
        return f"lpdc-{last}"
    slug = re.sub(r"[^a-z0-9]+", "-", last).strip("-")[:60]
    digest = hashlib.sha256(iri.encode()).hexdigest()[:10]
    return f"lpdc-{slug}-{digest}" if slug else f"lpdc-{digest}"


def _nis_codes(spatial: list[str], codelists: Codelists, local: bool) -> list[str]:
    """Our scopes for LPDC spatial IRIs: municipalities by NIS code (merged ones as the new municipality),
    and for a service that is not local also the provinces and the regions."""
    geography = codelists.geography
    provinces = {code: name for code, name in nuts()["provinces"].items()}
    by_name = {name: code for code, name in geography.provinces.items()}
    out: list[str] = []
    for iri in spatial:
        code = iri[len(NUTS) :] if iri.startswith(NUTS) else iri.rsplit("/", 1)[-1]
        scope = None
        if re.fullmatch(r"BE\w{3}\d{5}", code):
            scope = code[-5:]
            if scope in geography.former:
                scope = geography.former[scope][1]
        elif not local and code in provinces:
            scope = by_name.get(provinces[code])
        elif not local and code in ("BE2", "BE1", "BE10", "BE100", "BE"):
            scope = {"BE2": "VLG", "BE": "BE"}.get(code, "BHG")
        if scope and scope not in out:
            out.append(scope)
    return out


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first[:400].strip()


def _plain(values: dict[str, str]) -> str:
    return plain_text(dutch(values)[0])


def _block(item: dict) -> dict:
    title = _plain(item["title"])
    return {"title": title, "description": _plain(item["description"])}


def _link(item: dict) -> dict:
    url = item["url"].strip()
    return {"title": _plain(item["title"]) or url, "url": url, "description": _plain(item["description"])}


def _address(address: dict | None) -> dict | None:
    if not address:
        return None
    out = {
        "street": dutch(address["street"])[0].strip(),
        "house_number": address["house_number"].strip(),
        "box": address["box"].strip(),
        "postal_code": address["postal_code"].strip(),
        "municipality": dutch(address["municipality"])[0].strip(),
        "country": dutch(address["country"])[0].strip(),
    }
    return out if any(out.values()) else None


def _contact_point(item: dict) -> dict:
    out = {
        "url": item["url"].strip() or None,
        "email": item["email"].strip() or None,
        "phone": item["phone"].strip(),
        "opening_hours": [line for line in (plain_text(x) for x in item["opening_hours"].splitlines()) if line],
        "address": _address(item["address"]),
    }
    return {k: v for k, v in out.items() if v not in (None, "")}


def _translations(fields: dict) -> dict:
    out: dict[str, dict] = {}
    for language in OTHER_LANGUAGES:
        entry = {name: plain_text(fields[name].get(language, "")) for name in TEXT_FIELDS}
        keywords = [word.strip() for lang, word in fields["keywords"] if lang == language and word.strip()]
        entry = {k: v for k, v in entry.items() if v}
        if keywords:
            entry["keywords"] = keywords
        if entry:
            out[language] = entry
    return out


def _web(iris: list[str]) -> list[str]:
    """The organisation IRIs LPDC knows (http); our own export names organisations without one."""
    return [iri for iri in iris if iri.startswith(("http://", "https://"))]


def _codes(values: list[str], scheme: str) -> list[str]:
    return [c for c in (code_of(v, scheme) for v in values) if c]


def to_document(service: Service, codelists: Codelists, today: dt.date, current: dict | None = None) -> dict:
    """The raw catalogue document (before schema validation) for one non-archived service."""
    f = service.fields
    title, language = dutch(f["title"])
    description = plain_text(dutch(f["description"])[0])
    levels = _codes(f["competent_levels"], "BevoegdBestuursniveau")
    published_by_local_government = service.kind == "instance" and bool(f["created_by"] or f["competent_authorities"])
    if not levels and published_by_local_government:
        levels = ["Lokaal"]  # LPDC is the catalogue local governments publish their own services in
    local = "Lokaal" in levels
    keywords: list[str] = []
    for lang, word in f["keywords"]:
        if lang in DUTCH and word.strip() and word.strip() not in keywords:
            keywords.append(word.strip())
    modified = f["modified"][:10] or None  # LPDC's modification date; without one, never reviewed
    doc = {
        "schema": 1,
        "id": right_id_for(service.iri),
        "kind": "concept",
        "title": plain_text(title),
        "summary": _first_sentence(description),
        "description": description,
        "additional_description": _plain(f["additional_description"]),
        "exceptions": _plain(f["exceptions"]),
        "regulation": _plain(f["regulation"]),
        "product_type": (_codes(f["type"], "Type") or [""])[0],
        "themes": _codes(f["themes"], "Thema"),
        "target_audiences": _codes(f["target_audiences"], "Doelgroep"),
        "competent_authority_level": levels,
        "executing_authority_level": _codes(f["executing_levels"], "UitvoerendBestuursniveau"),
        "spatial": _nis_codes(f["spatial"], codelists, local),
        "keywords": keywords,
        "languages": sorted(
            {LANGUAGE_CODES[v[len(LANGUAGE) :]] for v in f["languages"] if v[len(LANGUAGE) :] in LANGUAGE_CODES}
        )
        or ["nl"],
        "legal_resources": [_link(r) for r in f["legal_resources"] if r["url"].strip()],
        "websites": [_link(w) for w in f["websites"] if w["url"].strip()],
        "start_date": f["start_date"][:10] or None,
        "end_date": f["end_date"][:10] or None,
        "source_url": service.iri if service.iri.startswith(("http://", "https://")) else "",
        "last_reviewed": modified,
        "requirements": [
            {**_block(r), **({"evidence": _block(r["evidence"])} if r["evidence"] else {})} for r in f["requirements"]
        ],
        "procedures": [
            {**_block(p), "websites": [_link(w) for w in p["websites"] if w["url"].strip()]} for p in f["procedures"]
        ],
        "costs": [_block(c) for c in f["costs"]],
        "financial_advantages": [_block(a) for a in f["financial_advantages"]],
        "contact_points": [_contact_point(c) for c in f["contact_points"]],
        "translations": _translations(f),
        "lpdc_id": service.iri if service.iri.startswith(("http://", "https://")) else None,
        "ipdc_concept": (f["concept"] or [None])[0],
        "lpdc_language": language,
        "lpdc_authorities": _web(f["competent_authorities"]),
        "lpdc_executing_authorities": _web(f["executing_authorities"]),
        "lpdc_created_by": (_web(f["created_by"]) or [None])[0],
    }
    if current is not None:
        _keep_own_fields(doc, current)
    return {k: v for k, v in doc.items() if v not in (None, "", [], {})}


def _keep_own_fields(doc: dict, current: dict) -> None:
    """An update keeps what LPDC does not carry, and a right of ours keeps its kind and concept link."""
    for key in KEPT_FIELDS:
        if current.get(key) not in (None, "", []):
            doc[key] = current[key]
    if current.get("source_url") and not doc["source_url"]:
        doc["source_url"] = current["source_url"]
    if current.get("kind") == "instance":
        doc["kind"] = "instance"
        doc["linked_concept"] = current["linked_concept"]
        doc["municipality"] = current["municipality"]
    if not doc["summary"]:
        doc["summary"] = current.get("summary", "")
    for key in ("lpdc_id", "ipdc_concept"):
        if doc.get(key) is None and current.get(key):
            doc[key] = current[key]
