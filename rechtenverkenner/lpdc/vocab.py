"""The RDF vocabulary of the IPDC-LPDC implementation model (ipdc-lpdc-im.jsonld, instantie-shape.ttl)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, XSD

LPDC = Namespace("https://productencatalogus.data.vlaanderen.be/ns/ipdc-lpdc#")
M8G = Namespace("http://data.europa.eu/m8g/")
CPSV = Namespace("http://purl.org/vocab/cpsv#")
SCHEMA = Namespace("http://schema.org/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
PROV = Namespace("http://www.w3.org/ns/prov#")
PAV = Namespace("http://purl.org/pav/")
PS = Namespace("http://vocab.belgif.be/ns/publicservice#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
ADRES = Namespace("https://data.vlaanderen.be/ns/adres#")
TREE = Namespace("https://w3id.org/tree#")
LDES = Namespace("https://w3id.org/ldes#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
NUTS = "http://data.europa.eu/nuts/code/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
CONCEPT = "https://productencatalogus.data.vlaanderen.be/id/concept/"

INSTANCE_TYPES = {LPDC.InstancePublicServiceSnapshot, LPDC.InstancePublicService}
CONCEPT_TYPES = {LPDC.ConceptualPublicServiceSnapshot, LPDC.ConceptualPublicService}

# Dutch variants, most preferred first: plain nl, then the formal and informal variants an editor wrote,
# then the ones LPDC generated from them
DUTCH = ["nl", "nl-be-x-formal", "nl-be-x-informal", "nl-be-x-generated-formal", "nl-be-x-generated-informal"]
DUTCH_LABELS = {tag: tag.replace("nl-be", "nl-BE") for tag in DUTCH}
OTHER_LANGUAGES = ["en", "fr", "de"]
# dct:language values (EU authority table) -> our language codes
LANGUAGE_CODES = {"NLD": "nl", "FRA": "fr", "DEU": "de", "ENG": "en"}

__all__ = ["DCTERMS", "RDF", "RDFS", "SH", "XSD"]


@cache
def nuts() -> dict:
    """NIS code -> LAU code of LPDC's spatial code list, and the province NUTS codes (see nuts.json)."""
    return json.loads((Path(__file__).resolve().parent / "nuts.json").read_text(encoding="utf-8"))


def code_of(iri: str, scheme: str) -> str | None:
    """The code at the end of a code-list IRI of scheme (e.g. Thema), or None for another scheme."""
    prefix = f"{CONCEPT}{scheme}/"
    return iri[len(prefix) :] if iri.startswith(prefix) and "/" not in iri[len(prefix) :] else None
