"""Read the public services (instances and snapshots) and the feed links out of an LPDC RDF graph.

The result is plain Python: one `Service` per public service (of several snapshots of one service in a
feed page only the newest counts), with every field of the model kept: texts per language, contact
points with their address, procedures with their websites, requirements with their evidence, costs,
financial advantages, legal resources, websites, keywords and code-list values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef

from rechtenverkenner.lpdc.vocab import (
    ADRES,
    CONCEPT_TYPES,
    CPSV,
    DCAT,
    DCTERMS,
    HYDRA,
    INSTANCE_TYPES,
    LPDC,
    M8G,
    PAV,
    PROV,
    PS,
    RDF,
    RDFS,
    SCHEMA,
    SH,
    TREE,
)

Texts = dict[str, str]  # language tag (lower case) -> text


@dataclass
class Service:
    node: str  # the IRI of the snapshot or instance in the file
    iri: str  # the public service (isVersionOf of a snapshot, else the instance itself); "" for a blank node
    kind: str  # "instance" or "concept"
    generated: str = ""  # generatedAtTime (ISO) of a snapshot
    fields: dict = field(default_factory=dict)


@dataclass
class Page:
    services: list[Service]
    next_pages: list[str]  # tree:relation nodes towards newer members, hydra:next
    skipped: list[tuple[Service, str]]  # older snapshots, with the Dutch reason


def texts(graph: Graph, node, prop) -> Texts:
    """The language-tagged texts of a property; a plain string counts as "nl"."""
    out: Texts = {}
    for value in graph.objects(node, prop):
        if isinstance(value, Literal):
            out.setdefault((value.language or "nl").lower(), str(value))
    return out


def text(graph: Graph, node, prop) -> str:
    value = graph.value(node, prop, any=True)
    return str(value) if isinstance(value, Literal) else ""


def iris(graph: Graph, node, prop) -> list[str]:
    return sorted(str(v) for v in graph.objects(node, prop) if isinstance(v, URIRef))


def _datetime(graph: Graph, node, prop) -> str:
    value = graph.value(node, prop, any=True)
    if value is None:
        return ""
    python = value.toPython() if isinstance(value, Literal) else None
    if isinstance(python, dt.datetime):
        return python.isoformat()
    if isinstance(python, dt.date):
        return python.isoformat()
    raise ValueError(f"'{value}' is geen datum")


def _boolean(graph: Graph, node, prop) -> bool:
    value = graph.value(node, prop, any=True)
    if value is None:
        return False
    return str(value).strip().lower() in ("true", "1")


def _order(graph: Graph, node) -> int:
    value = graph.value(node, SH.order, any=True)
    try:
        return int(str(value)) if value is not None else 0
    except ValueError:
        return 0


def _parts(graph: Graph, node, prop, read) -> list[dict]:
    nodes = [n for n in graph.objects(node, prop) if isinstance(n, (URIRef, BNode))]
    items = [(_order(graph, n), str(n), read(graph, n)) for n in nodes]
    return [item for _, _, item in sorted(items, key=lambda t: (t[0], t[1]))]


def _block(graph: Graph, node) -> dict:
    return {"title": texts(graph, node, DCTERMS.title), "description": texts(graph, node, DCTERMS.description)}


def _website(graph: Graph, node) -> dict:
    return {**_block(graph, node), "url": text(graph, node, SCHEMA.url)}


def _requirement(graph: Graph, node) -> dict:
    evidence = graph.value(node, M8G.hasSupportingEvidence, any=True)
    return {**_block(graph, node), "evidence": _block(graph, evidence) if evidence is not None else None}


def _procedure(graph: Graph, node) -> dict:
    return {**_block(graph, node), "websites": _parts(graph, node, LPDC.hasWebsite, _website)}


def _address(graph: Graph, node) -> dict:
    return {
        "street": texts(graph, node, ADRES.Straatnaam),
        "house_number": text(graph, node, ADRES["Adresvoorstelling.huisnummer"]),
        "box": text(graph, node, ADRES["Adresvoorstelling.busnummer"]),
        "postal_code": text(graph, node, ADRES.postcode),
        "municipality": texts(graph, node, ADRES.gemeentenaam),
        "country": texts(graph, node, ADRES.land),
    }


def _contact_point(graph: Graph, node) -> dict:
    address = graph.value(node, LPDC.address, any=True)
    return {
        "url": text(graph, node, SCHEMA.url),
        "email": text(graph, node, SCHEMA.email),
        "phone": text(graph, node, SCHEMA.telephone),
        "opening_hours": text(graph, node, SCHEMA.openingHours),
        "address": _address(graph, address) if address is not None else None,
    }


def read_service(graph: Graph, node) -> dict:
    """Every field of one instance (or concept) node."""
    g = graph
    return {
        "title": texts(g, node, DCTERMS.title),
        "description": texts(g, node, DCTERMS.description),
        "additional_description": texts(g, node, LPDC.additionalDescription),
        "exceptions": texts(g, node, LPDC.exception),
        "regulation": texts(g, node, LPDC.regulation),
        "keywords": sorted(
            ((v.language or "nl").lower(), str(v)) for v in g.objects(node, DCAT.keyword) if isinstance(v, Literal)
        ),
        "type": iris(g, node, DCTERMS.type),
        "themes": iris(g, node, M8G.thematicArea),
        "target_audiences": iris(g, node, LPDC.targetAudience),
        "competent_levels": iris(g, node, LPDC.competentAuthorityLevel),
        "executing_levels": iris(g, node, LPDC.executingAuthorityLevel),
        "competent_authorities": iris(g, node, M8G.hasCompetentAuthority),
        "executing_authorities": iris(g, node, LPDC.hasExecutingAuthority),
        "created_by": iris(g, node, PAV.createdBy),
        "spatial": iris(g, node, DCTERMS.spatial),
        "languages": iris(g, node, DCTERMS.language),
        "start_date": _datetime(g, node, SCHEMA.startDate),
        "end_date": _datetime(g, node, SCHEMA.endDate),
        "modified": _datetime(g, node, SCHEMA.dateModified),
        "created": _datetime(g, node, SCHEMA.dateCreated),
        "archived": _boolean(g, node, LPDC.isArchived),
        "concept": iris(g, node, DCTERMS.source),
        "product_number": text(g, node, SCHEMA.productID),
        "requirements": _parts(g, node, PS.hasRequirement, _requirement),
        "procedures": _parts(g, node, CPSV.follows, _procedure),
        "costs": _parts(g, node, M8G.hasCost, _block),
        "financial_advantages": _parts(g, node, CPSV.produces, _block),
        "legal_resources": _parts(g, node, M8G.hasLegalResource, _website),
        "websites": _parts(g, node, RDFS.seeAlso, _website),
        "contact_points": _parts(g, node, M8G.hasContactPoint, _contact_point),
    }


def _next_pages(graph: Graph) -> list[str]:
    """The pages with newer members: tree:relation nodes that are not LessThan(OrEqualTo) relations, and
    hydra:next."""
    backwards = {TREE.LessThanRelation, TREE.LessThanOrEqualToRelation}
    pages = set()
    for relation in graph.objects(None, TREE.relation):
        if set(graph.objects(relation, RDF.type)) & backwards:
            continue
        pages.update(str(n) for n in graph.objects(relation, TREE.node) if isinstance(n, URIRef))
    pages.update(str(n) for n in graph.objects(None, HYDRA.next) if isinstance(n, URIRef))
    return sorted(pages)


def read_page(graph: Graph) -> Page:
    """The public services of a feed page or instance document; raises ValueError (Dutch) on a bad value."""
    found: dict[str, Service] = {}
    skipped: list[tuple[Service, str]] = []
    nodes = {(n, "instance") for t in INSTANCE_TYPES for n in graph.subjects(RDF.type, t)}
    nodes |= {(n, "concept") for t in CONCEPT_TYPES for n in graph.subjects(RDF.type, t)}
    for node, kind in sorted(nodes, key=lambda pair: str(pair[0])):
        version_of = graph.value(node, DCTERMS.isVersionOf, any=True)
        iri = str(version_of) if isinstance(version_of, URIRef) else (str(node) if isinstance(node, URIRef) else "")
        service = Service(str(node), iri, kind, _datetime(graph, node, PROV.generatedAtTime))
        service.fields = {"title": texts(graph, node, DCTERMS.title)}
        key = iri or str(node)
        older = found.get(key)
        if older is not None:
            newer, dropped = (service, older) if service.generated >= older.generated else (older, service)
            skipped.append((dropped, "oudere momentopname van dezelfde dienst in dit bestand"))
            if newer is older:
                continue
        service.fields = read_service(graph, node)
        found[key] = service
    return Page(list(found.values()), _next_pages(graph), skipped)
