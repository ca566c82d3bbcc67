"""Use cases combining the layers: load the catalogue, search rights, show one right."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from rechtenverkenner.catalog import files, publish
from rechtenverkenner.domain import leefloon as lf_labels
from rechtenverkenner.catalog.files import LEVEL_LABELS, Codelists
from rechtenverkenner.catalog.search import Analyzer, Vocabulary, build_clauses, rank, title_key
from rechtenverkenner.models import (
    ApiKey, ErrorReport, ReviewFlag, Right, RightFacet, RightScope, RightVersion, SearchTerm, SearchVocabulary, Upload, User,
    UserMunicipality,
)

log = logging.getLogger(__name__)

FACETS = ["theme", "lifeSituation", "targetAudience", "level", "type"]
FACET_LABELS = {
    "theme": "Thema",
    "lifeSituation": "Voor wie",
    "targetAudience": "Doelgroep",
    "level": "Bestuursniveau",
    "type": "Soort",
}


class NotFound(Exception):
    """The asked resource does not exist."""


class BadRequest(Exception):
    """Input that cannot be used; issues are dicts with in/name/value/detail/detailNl."""

    def __init__(self, issues: list[dict]):
        self.issues = issues
        super().__init__("; ".join(i["detail"] for i in issues))


@dataclass
class CatalogueContext:
    """What every worker builds once in create_app: code lists, the analyzer, the vocabulary cache."""

    catalog_dir: str
    codelists: Codelists
    analyzer: Analyzer
    _vocabulary: tuple[int, Vocabulary] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_dir(cls, catalog_dir: str) -> "CatalogueContext":
        codelists = files.load_codelists(catalog_dir)
        return cls(catalog_dir=catalog_dir, codelists=codelists, analyzer=Analyzer(codelists.synonyms))

    def vocabulary(self, session) -> Vocabulary:
        """The vocabulary of the published catalogue, rebuilt when another worker published a change."""
        version = publish.catalogue_version(session)
        cached = self._vocabulary
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._lock:
            cached = self._vocabulary
            if cached is None or cached[0] != version:
                terms = session.execute(select(SearchVocabulary.term)).scalars().all()
                self._vocabulary = (version, Vocabulary(terms))
            return self._vocabulary[1]

    def facet_label(self, facet: str, value: str) -> str:
        lists = self.codelists
        if facet == "theme":
            return lists.themes.label(value)
        if facet == "lifeSituation":
            return lists.life_situations.label(value)
        if facet == "targetAudience":
            return lists.target_audiences.label(value)
        if facet == "type":
            return lists.product_types.label(value)
        if facet == "level":
            return LEVEL_LABELS.get(value, value)
        return value

    def facet_values(self, facet: str) -> list[str]:
        lists = self.codelists
        return {
            "theme": list(lists.themes.labels),
            "lifeSituation": list(lists.life_situations.labels),
            "targetAudience": list(lists.target_audiences.labels),
            "type": list(lists.product_types.labels),
            "level": list(LEVEL_LABELS),
        }[facet]


# --- catalogue loading ---------------------------------------------------------------------------


def published_versions(session) -> dict[str, RightVersion]:
    """The latest editor publication (upload, rollback or removal) of every right that has one."""
    latest: dict[str, RightVersion] = {}
    for version in session.execute(select(RightVersion).order_by(RightVersion.right_id, RightVersion.revision)).scalars():
        latest[version.right_id] = version
    return latest


def load_catalogue(session, ctx: CatalogueContext, catalog_dir: str | Path | None = None, force: bool = False) -> dict:
    """Validate catalog/ and publish it in one transaction; returns counts and whether it changed.

    Rights that editors published (or removed) keep their latest published version: the files are the
    reviewed baseline, editors' publications come on top. Raises files.CatalogError (nothing written)
    when any file is invalid.
    """
    docs = files.read_folder(catalog_dir or ctx.catalog_dir, ctx.codelists)
    versions = published_versions(session)
    if versions:
        by_id = {d["id"]: d for d in docs}
        for right_id, version in versions.items():
            if version.removed:
                by_id.pop(right_id, None)
                continue
            raw, _issues = files.parse_document(json.loads(version.document), ctx.codelists)
            if raw:
                by_id[right_id] = raw
        docs = [files.resolve(by_id[i], by_id.get(by_id[i]["linked_concept"])) for i in sorted(by_id)]
    old_concepts = dict(session.execute(select(Right.id, Right.content_hash).where(Right.kind == "concept")).all())
    try:
        changed = publish.replace_catalogue(session, docs, ctx.codelists, ctx.analyzer, force=force,
                                            revisions={i: v.revision for i, v in versions.items()})
        if changed and old_concepts:
            flag_changed_concepts(session, old_concepts)
        session.commit()
    except Exception:
        session.rollback()
        raise
    counts = {"concepts": sum(d["kind"] == "concept" for d in docs), "instances": sum(d["kind"] == "instance" for d in docs)}
    log.info("catalogue load: changed=%s concepts=%s instances=%s", changed, counts["concepts"], counts["instances"])
    return {"changed": changed, **counts}


def flag_changed_concepts(session, old_hashes: dict[str, str]) -> None:
    """Flag the local versions of every concept whose content changed ("concept gewijzigd")."""
    now = datetime.now(timezone.utc)
    for concept_id, content_hash in session.execute(select(Right.id, Right.content_hash).where(Right.kind == "concept")).all():
        if concept_id in old_hashes and old_hashes[concept_id] != content_hash:
            for instance_id in session.execute(select(Right.id).where(Right.linked_concept == concept_id)).scalars().all():
                if session.get(ReviewFlag, instance_id) is None:
                    session.add(ReviewFlag(right_id=instance_id, reason="conceptChanged", created_at=now))


def catalogue_is_empty(session) -> bool:
    return publish.catalogue_version(session) == 0


# --- municipalities ------------------------------------------------------------------------------


def municipalities(ctx: CatalogueContext, q: str = "") -> list[dict]:
    """Every municipality of Flanders and Brussels, by name, optionally filtered by name or code."""
    geography = ctx.codelists.geography
    needle = q.strip().lower()
    result = []
    for m in sorted(geography.municipalities.values(), key=lambda m: (m.name.lower(), m.code)):
        if needle and needle not in m.name.lower() and needle not in m.name_fr.lower() and needle != m.code:
            continue
        result.append({
            "nisCode": m.code,
            "name": m.name,
            "nameFr": m.name_fr,
            "province": {"nisCode": m.province, "name": geography.provinces[m.province]} if m.province else None,
            "region": m.region,
            "replaces": [{"nisCode": old, "name": geography.former[old][0]} for old in m.replaces if old in geography.former],
        })
    return result


def resolve_municipality(ctx: CatalogueContext, code: str, param: str = "municipality"):
    """The Municipality for a NIS code; a code merged in 2025 is answered with its new municipality.

    Raises BadRequest for an unknown code.
    """
    geography = ctx.codelists.geography
    if code in geography.municipalities:
        return geography.municipalities[code]
    if code in geography.former:
        return geography.municipalities[geography.former[code][1]]
    raise BadRequest([{
        "in": "query", "name": param, "value": code,
        "detail": f"Unknown municipality NIS code '{code}'; see /api/v1/municipalities.",
        "detailNl": f"Onbekende NIS-code van een gemeente '{code}'; zie /api/v1/municipalities.",
    }])


# --- search --------------------------------------------------------------------------------------


@dataclass
class SearchQuery:
    q: str = ""
    municipality: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 20


@dataclass
class SearchResult:
    items: list[dict]
    total: int
    facets: dict[str, list[dict]]
    query: SearchQuery
    municipality: dict | None
    pages: int


def _scoped_rights(ctx: CatalogueContext, municipality: str):
    """SELECT of (id, sort_key) of the rights a municipality sees, driven by the scope index.

    A municipality's own version of a concept replaces the general concept in its results.
    """
    m = ctx.codelists.geography.municipalities[municipality]
    local = aliased(Right)
    replaced = select(local.id).where(local.municipality == m.code, local.linked_concept == Right.id)
    return (
        select(Right.id, Right.sort_key)
        .join(RightScope, RightScope.right_id == Right.id)
        .where(RightScope.scope.in_(m.scopes), ~replaced.exists())
    )


def _passes(facets_of_right: dict[str, set[str]], filters: dict[str, list[str]], skip: str | None = None) -> bool:
    for facet, values in filters.items():
        if facet != skip and values and not facets_of_right.get(facet, set()) & set(values):
            return False
    return True


def search_rights(session, ctx: CatalogueContext, query: SearchQuery) -> SearchResult:
    """Search the published catalogue: scoped to a municipality, filtered by facets, ranked by relevance.

    Facet counts are disjunctive: the counts of a facet apply every other facet's filter, so a social
    worker can widen a selection (values of one facet are OR-ed, facets are AND-ed).
    """
    text_query = query.q.strip()
    clauses, lookup, exact = [], [], ""
    if text_query:
        clauses = build_clauses(query.q, ctx.analyzer, ctx.vocabulary(session))
        exact = title_key(ctx.analyzer, query.q)
        lookup = sorted({t for c in clauses for t in c.alternatives} | ({exact} if exact else set()))
    if query.municipality:
        # a municipality sees a few hundred rights: fetch them, then seek their terms and facets by id
        sort_keys = dict(session.execute(_scoped_rights(ctx, query.municipality)).all())
        scoped = sorted(sort_keys)
        term_filter = [SearchTerm.right_id.in_(scoped)]
        facet_filter = [RightFacet.right_id.in_(scoped)]
    else:
        sort_keys = None
        term_filter = []
        facet_filter = [RightFacet.right_id.in_(select(SearchTerm.right_id).where(SearchTerm.term.in_(lookup)))] if text_query else []
    if text_query:
        rows = session.execute(
            select(SearchTerm.right_id, SearchTerm.term, SearchTerm.weight)
            .where(SearchTerm.term.in_(lookup), *term_filter)
        ).all() if clauses and (sort_keys is None or sort_keys) else []
        ranked = rank(clauses, rows, exact)
        if sort_keys is None and ranked:
            sort_keys = dict(session.execute(select(Right.id, Right.sort_key).where(
                Right.id.in_(select(SearchTerm.right_id).where(SearchTerm.term.in_(lookup))))).all())
    else:
        if sort_keys is None:
            sort_keys = dict(session.execute(select(Right.id, Right.sort_key)).all())
        ranked = [(right_id, 0, 0) for right_id in sort_keys]
    sort_keys = sort_keys or {}
    matched = {r[0] for r in ranked}
    facets_by_right: dict[str, dict[str, set[str]]] = {}
    if matched:
        for right_id, facet, value in session.execute(
            select(RightFacet.right_id, RightFacet.facet, RightFacet.value).where(*facet_filter)
        ).all():
            if right_id in matched:
                facets_by_right.setdefault(right_id, {}).setdefault(facet, set()).add(value)

    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for right_id in matched:
        own = facets_by_right.get(right_id, {})
        for facet in FACETS:
            if _passes(own, query.filters, skip=facet):
                for value in own.get(facet, ()):
                    counts[facet][value] = counts[facet].get(value, 0) + 1
    final = [r for r in ranked if _passes(facets_by_right.get(r[0], {}), query.filters)]
    final.sort(key=lambda r: (-r[1], -r[2], sort_keys.get(r[0], ""), r[0]))
    total = len(final)
    offset = (query.page - 1) * query.page_size
    page_ids = [r[0] for r in final[offset:offset + query.page_size]]

    rights = {r.id: r for r in session.execute(select(Right).where(Right.id.in_(page_ids))).scalars().all()} if page_ids else {}
    items = [summary_of(ctx, rights[i]) for i in page_ids if i in rights]
    facets = {}
    for facet in FACETS:
        selected = set(query.filters.get(facet, []))
        values = []
        for value in ctx.facet_values(facet):
            count = counts[facet].get(value, 0)
            if count or value in selected:
                values.append({"value": value, "label": ctx.facet_label(facet, value), "count": count,
                               "selected": value in selected})
        facets[facet] = values
    municipality = None
    if query.municipality:
        m = ctx.codelists.geography.municipalities[query.municipality]
        municipality = {"nisCode": m.code, "name": m.name}
    pages = max(1, -(-total // query.page_size))
    return SearchResult(items=items, total=total, facets=facets, query=query, municipality=municipality, pages=pages)


def summary_of(ctx: CatalogueContext, right: Right) -> dict:
    """The list view of a right (API item and result row)."""
    doc = json.loads(right.document)
    geography = ctx.codelists.geography
    return {
        "id": right.id,
        "kind": right.kind,
        "title": right.title,
        "summary": right.summary,
        "level": right.level,
        "levelLabel": LEVEL_LABELS.get(right.level, right.level),
        "conditional": right.conditional,
        "type": right.product_type,
        "typeLabel": ctx.codelists.product_types.label(right.product_type),
        "themes": doc["themes"],
        "lifeSituations": doc["life_situations"],
        "lifeSituationLabels": [ctx.codelists.life_situations.label(v) for v in doc["life_situations"]],
        "municipality": {"nisCode": right.municipality, "name": geography.scope_label(right.municipality)} if right.municipality else None,
        "spatial": [{"code": s, "label": geography.scope_label(s)} for s in doc["spatial"]],
        "linkedConcept": right.linked_concept,
        "lastReviewed": right.last_reviewed.isoformat(),
    }


def get_right(session, ctx: CatalogueContext, right_id: str) -> dict:
    """The full view of one right with labels resolved; raises NotFound."""
    right = session.get(Right, right_id)
    if right is None:
        raise NotFound(right_id)
    doc = json.loads(right.document)
    lists = ctx.codelists
    geography = lists.geography
    related_ids = list(doc["related"])
    if right.linked_concept:
        related_ids = [right.linked_concept, *[r for r in related_ids if r != right.linked_concept]]
    related = []
    if related_ids:
        found = {r.id: r for r in session.execute(select(Right).where(Right.id.in_(related_ids))).scalars().all()}
        related = [{"id": i, "title": found[i].title, "level": found[i].level} for i in related_ids if i in found]
    local_versions = [
        {"id": r.id, "title": r.title, "municipality": geography.scope_label(r.municipality or "")}
        for r in session.execute(select(Right).where(Right.linked_concept == right.id).order_by(Right.sort_key)).scalars().all()
    ]
    view = summary_of(ctx, right)
    view.update({
        "description": doc["description"],
        "additionalDescription": doc["additional_description"],
        "exceptions": doc["exceptions"],
        "themeLabels": [lists.themes.label(v) for v in doc["themes"]],
        "targetAudiences": doc["target_audiences"],
        "targetAudienceLabels": [lists.target_audiences.label(v) for v in doc["target_audiences"]],
        "competentAuthorityLevels": doc["competent_authority_level"],
        "executingAuthorityLevels": doc["executing_authority_level"],
        "competentAuthorities": doc["competent_authorities"],
        "executingAuthorities": doc["executing_authorities"],
        "keywords": doc["keywords"],
        "languages": doc["languages"],
        "startDate": doc["start_date"],
        "endDate": doc["end_date"],
        "sourceUrl": doc["source_url"],
        "legalResources": doc["legal_resources"],
        "requirements": [
            {"title": r["title"], "description": r["description"],
             "evidence": r["evidence"]}
            for r in doc["requirements"]
        ],
        "procedures": [
            {"title": p["title"], "description": p["description"], "websites": p["websites"]} for p in doc["procedures"]
        ],
        "costs": doc["costs"],
        "financialAdvantages": doc["financial_advantages"],
        "contactPoints": [_contact_point(c) for c in doc["contact_points"]],
        "conditions": [condition_view(ctx, c) for c in doc["conditions"]],
        "related": related,
        "localVersions": local_versions,
        "ipdcConcept": doc.get("ipdc_concept"),
        "lpdcId": doc.get("lpdc_id"),
    })
    return view


def _contact_point(c: dict) -> dict:
    address = c.get("address")
    return {
        "title": c.get("title", ""),
        "url": c.get("url"),
        "email": c.get("email"),
        "phone": c.get("phone", ""),
        "openingHours": c.get("opening_hours", ""),
        "address": {
            "street": address.get("street", ""),
            "houseNumber": address.get("house_number", ""),
            "box": address.get("box", ""),
            "postalCode": address.get("postal_code", ""),
            "municipality": address.get("municipality", ""),
        } if address else None,
    }


def condition_view(ctx: CatalogueContext, c: dict) -> dict:
    """A standardized condition with its parameters in camelCase and a plain-Dutch sentence."""
    from rechtenverkenner.domain.conditions import describe

    params = {k: v for k, v in c.items() if k not in ("type", "note", "source") and v not in (None, "", [])}
    camel = {}
    for key, value in params.items():
        parts = key.split("_")
        camel[parts[0] + "".join(p.title() for p in parts[1:])] = value
    if "limits" in camel:
        camel["limits"] = [{"householdSize": lim["household_size"], "amount": str(lim["amount"])} for lim in camel["limits"]]
    if "perExtraPerson" in camel:
        camel["perExtraPerson"] = str(camel["perExtraPerson"])
    return {
        "type": c["type"],
        "parameters": camel,
        "text": describe(c, ctx.codelists.statuses.labels, ctx.codelists.geography.scope_label),
        "note": c.get("note", ""),
        "source": c.get("source"),
    }


def build_search_query(ctx: CatalogueContext, params: dict, source: str = "query") -> SearchQuery:
    """A SearchQuery from parsed parameters; raises BadRequest naming every unknown code."""
    issues = []
    municipality = None
    if params.get("municipality"):
        try:
            municipality = resolve_municipality(ctx, params["municipality"]).code
        except BadRequest as exc:
            issues += exc.issues
    filters = {}
    for facet in FACETS:
        values = params.get(facet) or []
        known = set(ctx.facet_values(facet))
        for value in values:
            if value not in known:
                issues.append({
                    "in": source, "name": facet, "value": value,
                    "detail": f"Unknown {facet} '{value}'; known values: {', '.join(sorted(known))}.",
                    "detailNl": f"Onbekende waarde '{value}' voor {facet}; gekende waarden: {', '.join(sorted(known))}.",
                })
        if values:
            filters[facet] = sorted(set(values))
    if issues:
        raise BadRequest(issues)
    return SearchQuery(
        q=params.get("q") or "",
        municipality=municipality,
        filters=filters,
        page=params.get("page", 1),
        page_size=params.get("pageSize", 20),
    )


# --- leefloon advice and API keys ------------------------------------------------------------------


class NotModelled(Exception):
    """The rules are not modelled for the asked date."""


class Unauthorized(Exception):
    """No valid API key."""


def create_api_key(session, name: str) -> tuple[ApiKey, str]:
    """Create a key; returns the row and the key itself, which is never stored (only its hash)."""
    key = "rvk_" + secrets.token_urlsafe(32)
    row = ApiKey(name=name, prefix=key[:12], key_hash=hashlib.sha256(key.encode()).hexdigest(),
                 created_at=datetime.now(timezone.utc))
    session.add(row)
    session.commit()
    return row, key


def list_api_keys(session) -> list[ApiKey]:
    return list(session.execute(select(ApiKey).order_by(ApiKey.id)).scalars().all())


def revoke_api_key(session, key_id: int) -> ApiKey:
    """Revoke a key by id; raises NotFound."""
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(str(key_id))
    if row.revoked_at is None:
        row.revoked_at = datetime.now(timezone.utc)
        session.add(row)
        session.commit()
    return row


class ApiKeyCache:
    """Recently checked key hashes per worker, so a burst of advices does not query the database each
    time. A revoked key stops working within KEY_CACHE_SECONDS."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._valid: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def get(self, digest: str) -> int | None:
        entry = self._valid.get(digest)
        if entry and entry[0] > time.monotonic():
            return entry[1]
        return None

    def put(self, digest: str, key_id: int) -> None:
        with self._lock:
            if len(self._valid) > 10_000:
                self._valid.clear()
            self._valid[digest] = (time.monotonic() + self.seconds, key_id)


def check_api_key(session, authorization: str | None, cache: ApiKeyCache | None = None) -> int:
    """The id of the active key in an `Authorization: Bearer <key>` header; raises Unauthorized."""
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorized("missing")
    digest = hashlib.sha256(authorization.removeprefix("Bearer ").strip().encode()).hexdigest()
    if cache is not None and (key_id := cache.get(digest)) is not None:
        return key_id
    row = session.execute(select(ApiKey).where(ApiKey.key_hash == digest)).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        raise Unauthorized("invalid")
    if cache is not None:
        cache.put(digest, row.id)
    return row.id


def parse_advice_request(body):
    """The Situation of a request body; raises BadRequest listing every problem with its JSON path."""
    from rechtenverkenner.eligibility.request import load_request

    situation, issues = load_request(body)
    if issues:
        raise BadRequest(issues)
    return situation


def leefloon_advice(advisor, situation) -> dict:
    """The advice for a validated situation; raises NotModelled before the first modelled date.

    Logs the advice id and outcome only: the situation is personal data and is never stored or logged.
    """
    from rechtenverkenner.domain.parameters import NotModelledForDate

    try:
        advice = advisor.advise(situation)
    except NotModelledForDate as exc:
        raise NotModelled(exc) from exc
    log.info("leefloon advice %s outcome=%s rules=%s", advice["adviceId"], advice["outcome"], advice["rulesVersion"])
    return advice


def parameter_overview(scheme) -> dict:
    """Every parameter of a scheme with its full history, sources and confidence labels."""
    def show(value):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    return {
        "rulesVersion": scheme.version,
        "modelledFrom": scheme.modelled_from.isoformat(),
        "items": [
            {"id": p.id, "description": p.description, "unit": p.unit,
             "reference": {"label": p.reference.label, "url": p.reference.url},
             "values": [{"from": v.start.isoformat(), "value": show(v.value), "confidence": v.confidence,
                         "source": v.source, "note": v.note} for v in p.values]}
            for p in scheme.parameters.values()
        ],
    }


def advice_choices() -> dict:
    """The choices the advice form offers, with Dutch labels."""
    from rechtenverkenner.eligibility.request import INCOME_TYPES, RELATIONS, RESIDENCE_STATUSES

    return {
        "residenceStatus": [(v, label) for v, label in zip(RESIDENCE_STATUSES, [
            "Belg", "EU-burger", "Ingeschreven in het bevolkingsregister", "Erkend vluchteling",
            "Subsidiaire bescherming", "Staatloze", "Vreemdelingenregister", "Verzoeker om internationale bescherming",
            "Zonder wettig verblijf"])],
        "willingnessToWork": [("demonstrated", "Aangetoond"), ("notDemonstrated", "Niet aangetoond"),
                              ("exemptHealth", "Vrijgesteld om gezondheidsredenen"), ("exemptEquity", "Vrijgesteld om billijkheidsredenen")],
        "incomeType": [(v, INCOME_LABELS.get(v, v)) for v in INCOME_TYPES],
        "relation": [(v, RELATION_LABELS.get(v, v)) for v in RELATIONS],
    }


INCOME_LABELS = lf_labels.INCOME_LABELS
person_label = lf_labels.person_label
resource_label = lf_labels.resource_label
RELATION_LABELS = {
    "partner": "Partner", "child": "Kind", "parent": "Ouder", "grandparent": "Grootouder", "adultChild": "Meerderjarig kind",
    "grandchild": "Kleinkind", "sibling": "Broer of zus", "parentInLaw": "Schoonouder", "childInLaw": "Schoonzoon of -dochter",
    "exSpouse": "Ex-echtgeno(o)t(e)", "other": "Andere huisgenoot",
}


# --- editor accounts -------------------------------------------------------------------------------

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15


class LoginFailed(Exception):
    """Wrong e-mail or password, or a locked account (the message never says which)."""


def create_user(session, ctx: CatalogueContext, email: str, name: str, password: str, role: str,
                municipalities: list[str]) -> User:
    """Create an editor or administrator; raises BadRequest for a bad role, password or municipality."""
    from werkzeug.security import generate_password_hash

    problems = []
    if role not in ("admin", "editor"):
        problems.append(("role", "Role must be admin or editor.", "De rol is admin of editor."))
    if len(password) < 12:
        problems.append(("password", "A password has at least 12 characters.", "Een wachtwoord heeft minstens 12 tekens."))
    if "@" not in email:
        problems.append(("email", "Not a valid e-mail address.", "Geen geldig e-mailadres."))
    for code in municipalities:
        if code not in ctx.codelists.geography.municipalities:
            problems.append(("municipality", f"Unknown municipality {code}.", f"Onbekende gemeente {code}."))
    if role == "editor" and not municipalities:
        problems.append(("municipality", "An editor needs at least one municipality.", "Een redacteur heeft minstens één gemeente."))
    if session.execute(select(User).where(User.email == email.lower())).scalar_one_or_none():
        problems.append(("email", "A user with this e-mail exists.", "Er bestaat al een gebruiker met dit e-mailadres."))
    if problems:
        raise BadRequest([{"in": "cli", "name": n, "value": None, "detail": en, "detailNl": nl} for n, en, nl in problems])
    user = User(email=email.lower(), name=name, password_hash=generate_password_hash(password), role=role,
                created_at=datetime.now(timezone.utc))
    session.add(user)
    session.flush()
    for code in sorted(set(municipalities)):
        session.add(UserMunicipality(user_id=user.id, municipality=code))
    session.commit()
    return user


def reset_password(session, email: str, password: str) -> User:
    """Set a new password and unlock the account; raises NotFound or BadRequest."""
    from werkzeug.security import generate_password_hash

    user = session.execute(select(User).where(User.email == email.lower())).scalar_one_or_none()
    if user is None:
        raise NotFound(email)
    if len(password) < 12:
        raise BadRequest([{"in": "cli", "name": "password", "value": None, "detail": "A password has at least 12 characters.",
                           "detailNl": "Een wachtwoord heeft minstens 12 tekens."}])
    user.password_hash = generate_password_hash(password)
    user.failed_logins = 0
    user.locked_until = None
    session.add(user)
    session.commit()
    return user


def login(session, email: str, password: str) -> User:
    """The user for these credentials; counts failures and locks the account after MAX_FAILED_LOGINS."""
    from werkzeug.security import check_password_hash

    now = datetime.now(timezone.utc)
    user = session.execute(select(User).where(User.email == (email or "").strip().lower())).scalar_one_or_none()
    if user is None or not user.active:
        check_password_hash("scrypt:32768:8:1$x$" + "0" * 128, password or "")  # same time as a real check
        raise LoginFailed()
    locked_until = user.locked_until.replace(tzinfo=timezone.utc) if user.locked_until and user.locked_until.tzinfo is None else user.locked_until
    if locked_until and locked_until > now:
        raise LoginFailed()
    if not check_password_hash(user.password_hash, password or ""):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
            log.warning("user %s locked after %s failed logins", user.id, MAX_FAILED_LOGINS)
        session.add(user)
        session.commit()
        raise LoginFailed()
    user.failed_logins = 0
    user.locked_until = None
    session.add(user)
    session.commit()
    return user


def user_view(session, ctx: CatalogueContext, user_id: int) -> dict | None:
    """What the editor pages need to know of the signed-in user, or None."""
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    codes = session.execute(select(UserMunicipality.municipality).where(UserMunicipality.user_id == user.id)).scalars().all()
    geography = ctx.codelists.geography
    return {"id": user.id, "email": user.email, "name": user.name, "role": user.role,
            "municipalities": [{"nisCode": c, "name": geography.scope_label(c)} for c in sorted(codes)]}


def local_rights(session, ctx: CatalogueContext, municipalities: list[str]) -> list[dict]:
    """The published local rights of these municipalities, by title."""
    if not municipalities:
        return []
    rows = session.execute(
        select(Right).join(RightScope, RightScope.right_id == Right.id)
        .where(RightScope.scope.in_(municipalities)).order_by(Right.sort_key)
    ).scalars().all()
    return [summary_of(ctx, r) for r in {r.id: r for r in rows}.values()]


# --- uploads, preview, publish, history ------------------------------------------------------------

MAX_UPLOAD_BYTES = 1024 * 1024
DIFF_FIELDS = ["title", "summary", "description", "additional_description", "exceptions", "product_type", "themes",
               "target_audiences", "life_situations", "competent_authority_level", "executing_authority_level",
               "competent_authorities", "executing_authorities", "spatial", "keywords", "related", "languages",
               "legal_resources", "start_date", "end_date", "source_url", "last_reviewed", "requirements",
               "procedures", "costs", "financial_advantages", "contact_points", "conditions", "linked_concept",
               "municipality"]


class Conflict(Exception):
    """Someone published the same right after this preview was made."""


class Forbidden(Exception):
    """The user may not change this right."""


def may_edit(user: dict, doc: dict) -> bool:
    """An administrator edits everything; an editor the local rights of their municipalities only."""
    if user["role"] == "admin":
        return True
    mine = {m["nisCode"] for m in user["municipalities"]}
    if doc["kind"] == "instance":
        return doc["municipality"] in mine
    return doc["competent_authority_level"] == ["Lokaal"] and bool(doc["spatial"]) and set(doc["spatial"]) <= mine


def _issue(path: str, en: str, nl: str) -> dict:
    return {"in": "file", "name": path, "value": None, "detail": en, "detailNl": nl}


def preview_upload(session, ctx: CatalogueContext, user: dict, content: bytes) -> dict:
    """Validate an uploaded catalogue file and store it as a draft; returns the preview.

    Raises BadRequest listing every problem (with its key path, in Dutch) and Forbidden.
    """
    import tomllib

    if len(content) > MAX_UPLOAD_BYTES:
        raise BadRequest([_issue("$", "The file is larger than 1 MB.", "Het bestand is groter dan 1 MB.")])
    try:
        raw = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BadRequest([_issue("$", f"Not a valid catalogue file (TOML): {exc}", f"Geen geldig catalogusbestand (TOML): {exc}")]) from exc
    doc, issues = files.parse_document(raw, ctx.codelists)
    if issues:
        raise BadRequest([_issue(i.path, i.detail, i.detail_nl) for i in issues])
    problems = []
    concept = None
    if doc["linked_concept"]:
        row = session.get(Right, doc["linked_concept"])
        if row is None or row.kind != "concept":
            problems.append(_issue("linked_concept", f"No concept '{doc['linked_concept']}'.", f"Geen concept '{doc['linked_concept']}' in de catalogus."))
        else:
            concept = json.loads(row.document)
    for index, other in enumerate(doc["related"]):
        if session.get(Right, other) is None:
            problems.append(_issue(f"related[{index}]", f"No right '{other}'.", f"Geen recht '{other}' in de catalogus."))
    resolved = files.resolve(doc, concept)
    problems += [_issue(i.path, i.detail, i.detail_nl) for i in files.check_resolved(resolved)]
    if problems:
        raise BadRequest(problems)
    current = session.get(Right, doc["id"])
    if not may_edit(user, doc) or (current is not None and not may_edit(user, json.loads(current.document))):
        raise Forbidden(doc["id"])
    upload = Upload(user_id=user["id"], right_id=doc["id"], document=publish.to_json(doc),
                    base_revision=current.revision if current else 0, status="draft", created_at=datetime.now(timezone.utc))
    session.add(upload)
    session.commit()
    return {"uploadId": upload.id, "rightId": doc["id"], "title": resolved["title"],
            "change": "changed" if current else "new", "changes": _diff(json.loads(current.document) if current else {},
                                                                         json.loads(publish.to_json(resolved)))}


def _diff(old: dict, new: dict) -> list[dict]:
    changes = []
    for field_name in DIFF_FIELDS:
        before, after = old.get(field_name), new.get(field_name)
        if before in (None, "", []) and after in (None, "", []):
            continue
        if before != after:
            changes.append({"field": field_name, "before": _show(before), "after": _show(after)})
    return changes


def _show(value) -> str:
    if value in (None, "", []):
        return "(leeg)"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def _apply(session, ctx: CatalogueContext, right_id: str, raw_doc: dict | None, base_revision: int, user_id: int, action: str) -> int:
    current = session.get(Right, right_id)
    current_revision = current.revision if current else 0
    latest = session.execute(select(RightVersion.revision).where(RightVersion.right_id == right_id)
                             .order_by(RightVersion.revision.desc())).scalars().first() or 0
    if current_revision != base_revision:
        raise Conflict(right_id)
    revision = max(current_revision, latest) + 1
    resolved, title = None, ""
    if raw_doc is not None:
        concept = None
        if raw_doc["linked_concept"]:
            concept_row = session.get(Right, raw_doc["linked_concept"])
            concept = json.loads(concept_row.document) if concept_row else None
            title = concept_row.title if concept_row else ""
        resolved = files.resolve(raw_doc, concept)
    publish.publish_one(session, resolved, right_id, ctx.codelists, ctx.analyzer, title, revision)
    flag = session.get(ReviewFlag, right_id)
    if flag is not None:
        session.delete(flag)  # the local version was looked at again
    if raw_doc is not None and raw_doc["kind"] == "concept" and current is not None:
        now = datetime.now(timezone.utc)
        for instance_id in session.execute(select(Right.id).where(Right.linked_concept == right_id)).scalars().all():
            if session.get(ReviewFlag, instance_id) is None:
                session.add(ReviewFlag(right_id=instance_id, reason="conceptChanged", created_at=now))
    session.add(RightVersion(right_id=right_id, revision=revision, document=publish.to_json(raw_doc) if raw_doc else "{}",
                             removed=raw_doc is None, action=action, user_id=user_id, published_at=datetime.now(timezone.utc)))
    return revision


def publish_upload(session, ctx: CatalogueContext, user: dict, upload_id: int) -> dict:
    """Publish a draft in one transaction; raises NotFound, Forbidden or Conflict (nothing written)."""
    upload = session.get(Upload, upload_id)
    if upload is None or upload.status != "draft" or (upload.user_id != user["id"] and user["role"] != "admin"):
        raise NotFound(str(upload_id))
    raw, _ = files.parse_document(json.loads(upload.document), ctx.codelists)
    if not may_edit(user, raw):
        raise Forbidden(upload.right_id)
    try:
        revision = _apply(session, ctx, upload.right_id, raw, upload.base_revision, user["id"], "upload")
        upload.status = "published"
        session.add(upload)
        session.commit()
    except Exception:
        session.rollback()
        raise
    log.info("right %s published by user %s as revision %s", upload.right_id, user["id"], revision)
    return {"rightId": upload.right_id, "revision": revision}


def right_history(session, right_id: str) -> list[dict]:
    """Every published version of a right, newest first, with who and when."""
    rows = session.execute(select(RightVersion, User).join(User, User.id == RightVersion.user_id, isouter=True)
                           .where(RightVersion.right_id == right_id).order_by(RightVersion.revision.desc())).all()
    return [{"revision": v.revision, "action": v.action, "removed": v.removed, "by": u.name if u else "",
             "at": v.published_at.isoformat(timespec="minutes"), "title": json.loads(v.document).get("title", "")}
            for v, u in rows]


def rollback(session, ctx: CatalogueContext, user: dict, right_id: str, revision: int, base_revision: int) -> int:
    """Publish an earlier version again as a new revision; raises NotFound, Forbidden or Conflict."""
    version = session.execute(select(RightVersion).where(RightVersion.right_id == right_id, RightVersion.revision == revision)).scalar_one_or_none()
    if version is None or version.removed:
        raise NotFound(f"{right_id}@{revision}")
    raw, _ = files.parse_document(json.loads(version.document), ctx.codelists)
    if not may_edit(user, raw):
        raise Forbidden(right_id)
    try:
        new = _apply(session, ctx, right_id, raw, base_revision, user["id"], "rollback")
        session.commit()
    except Exception:
        session.rollback()
        raise
    return new


def current_revision(session, right_id: str) -> int:
    row = session.get(Right, right_id)
    return row.revision if row else 0


BLANK_TEMPLATE = """# Een nieuw lokaal recht. Vul in, laad op via /beheer/upload en kijk het voorbeeld na voor je publiceert.
# Verzin nooit een feit: laat weg wat je niet kan staven. Uitleg bij elk veld: catalog/README.md.
schema = 1
# id: kleine letters, cijfers en streepjes; uniek in de hele catalogus
id = "naam-van-het-recht-gemeente"
kind = "concept"
title = ""
# summary: één of twee zinnen in eenvoudig Nederlands
summary = ""
description = \"\"\"
\"\"\"
# product_type: AdviesBegeleiding, Bewijs, FinancieelVoordeel, FinancieleVerplichting, InfrastructuurMateriaal, Toelating, Voorwerp
product_type = "FinancieelVoordeel"
# themes: BouwenWonen, BurgerOverheid, CultuurSportVrijeTijd, EconomieWerk, MilieuEnergie, MobiliteitOpenbareWerken, OnderwijsWetenschap, WelzijnGezondheid
themes = ["WelzijnGezondheid"]
target_audiences = ["Burger"]
# life_situations: zie catalog/codelists/life-situations.toml (bv. laag-inkomen, huurder, 65-plus)
life_situations = []
competent_authority_level = ["Lokaal"]
executing_authority_level = ["Lokaal"]
competent_authorities = []
# spatial: de NIS-code van je gemeente
spatial = [""]
keywords = []
# source_url: waar elk feit in dit bestand na te kijken is (https)
source_url = "https://"
last_reviewed = {today}

[[procedures]]
title = "Hoe aanvragen"
description = ""

[[contact_points]]
title = ""
url = "https://"
"""


def blank_template() -> str:
    return BLANK_TEMPLATE.replace("{today}", datetime.now(timezone.utc).date().isoformat())


def instance_template(session, ctx: CatalogueContext, concept_id: str, municipality: str) -> str:
    """A catalogue file for a local version of a concept, with comments, ready to fill in."""
    concept = session.get(Right, concept_id)
    if concept is None or concept.kind != "concept":
        raise NotFound(concept_id)
    geography = ctx.codelists.geography
    name = geography.scope_label(municipality) if municipality else "GEMEENTE"
    lines = [
        f"# Lokale versie van '{concept.title}' voor {name}.",
        "# Vul aan en laad op via /beheer/upload. Wat je leeg laat, neemt de lokale versie over van het concept.",
        "# Laat een feit dat je niet kan staven (adres, bedrag, openingsuren) weg: verzin nooit iets.",
        "schema = 1",
        f'id = "{concept_id}-{name.lower().replace(" ", "-")}"',
        'kind = "instance"',
        f'linked_concept = "{concept_id}"',
        f'municipality = "{municipality}"',
        f'title = "{concept.title} – {name}"',
        f'spatial = ["{municipality}"]',
        "# De pagina waar elk feit in dit bestand na te kijken is (https):",
        'source_url = "https://"',
        f"last_reviewed = {datetime.now(timezone.utc).date().isoformat()}",
        "",
        "# Een contactpunt; laat regels weg die je niet kent.",
        "[[contact_points]]",
        'title = ""',
        'url = "https://"',
        'phone = ""',
        'email = "naam@example.org"',
        'opening_hours = ""',
        "[contact_points.address]",
        'street = ""',
        'house_number = ""',
        'postal_code = ""',
        f'municipality = "{name}"',
        "",
    ]
    return "\n".join(lines)


# --- error reports, review flags, coverage ---------------------------------------------------------

REVIEW_AFTER_DAYS = 365
MAX_UPLOADS_PER_10_MINUTES = 30


class TooMany(Exception):
    """A rate limit was reached."""


def report_error(session, right_id: str, message: str) -> ErrorReport:
    """Store a report for the right's editors; raises NotFound or BadRequest. Only the message is kept."""
    if session.get(Right, right_id) is None:
        raise NotFound(right_id)
    message = (message or "").strip()
    if not 5 <= len(message) <= 2000:
        raise BadRequest([{"in": "form", "name": "melding", "value": None, "detail": "Write 5 to 2,000 characters.",
                           "detailNl": "Schrijf tussen 5 en 2.000 tekens."}])
    recent = session.execute(select(func.count()).select_from(ErrorReport).where(
        ErrorReport.right_id == right_id, ErrorReport.created_at > datetime.now(timezone.utc) - timedelta(minutes=10))).scalar_one()
    if recent >= 20:
        raise TooMany(right_id)
    report = ErrorReport(right_id=right_id, message=message, created_at=datetime.now(timezone.utc))
    session.add(report)
    session.commit()
    return report


def _editable_ids(session, ctx: CatalogueContext, user: dict) -> set[str] | None:
    """Ids of the rights a user edits (None: all, for an administrator)."""
    if user["role"] == "admin":
        return None
    return {r["id"] for r in local_rights(session, ctx, [m["nisCode"] for m in user["municipalities"]])
            if may_edit(user, json.loads(session.get(Right, r["id"]).document))}


def open_reports(session, ctx: CatalogueContext, user: dict) -> list[dict]:
    ids = _editable_ids(session, ctx, user)
    query = select(ErrorReport, Right.title).join(Right, Right.id == ErrorReport.right_id).where(ErrorReport.status == "open")
    rows = session.execute(query.order_by(ErrorReport.created_at.desc())).all()
    return [{"id": r.id, "rightId": r.right_id, "title": title, "message": r.message,
             "at": r.created_at.isoformat(timespec="minutes")} for r, title in rows if ids is None or r.right_id in ids]


def close_report(session, ctx: CatalogueContext, user: dict, report_id: int) -> None:
    report = session.get(ErrorReport, report_id)
    ids = _editable_ids(session, ctx, user)
    if report is None or (ids is not None and report.right_id not in ids):
        raise NotFound(str(report_id))
    report.status = "closed"
    report.closed_by = user["id"]
    report.closed_at = datetime.now(timezone.utc)
    session.add(report)
    session.commit()


def review_flags(session, ctx: CatalogueContext, user: dict) -> list[dict]:
    ids = _editable_ids(session, ctx, user)
    rows = session.execute(select(ReviewFlag, Right.title).join(Right, Right.id == ReviewFlag.right_id)).all()
    return [{"rightId": f.right_id, "title": title, "reason": f.reason} for f, title in rows if ids is None or f.right_id in ids]


def coverage(session, ctx: CatalogueContext, municipality: str, today=None) -> dict:
    """For one municipality: concepts executed locally without a local version, entries past their
    review date, and entries without a contact point or a procedure."""
    today = today or datetime.now(timezone.utc).date()
    m = ctx.codelists.geography.municipalities[municipality]
    visible = dict(session.execute(_scoped_rights(ctx, municipality)).all())
    rights = {r.id: r for r in session.execute(select(Right).where(Right.id.in_(sorted(visible)))).scalars()}
    local_of = {r.linked_concept for r in session.execute(select(Right).where(Right.municipality == municipality)).scalars()}
    missing, stale, incomplete = [], [], []
    for right in sorted(rights.values(), key=lambda r: r.sort_key):
        doc = json.loads(right.document)
        if right.kind == "concept" and "Lokaal" in doc["executing_authority_level"] and right.id not in local_of:
            missing.append({"id": right.id, "title": right.title})
        if (today - right.last_reviewed).days > REVIEW_AFTER_DAYS:
            stale.append({"id": right.id, "title": right.title, "lastReviewed": right.last_reviewed.isoformat()})
        if right.municipality == municipality and (not doc["contact_points"] or not doc["procedures"]):
            incomplete.append({"id": right.id, "title": right.title, "contact": bool(doc["contact_points"]),
                               "procedure": bool(doc["procedures"])})
    return {"municipality": {"nisCode": m.code, "name": m.name}, "missingLocalVersions": missing,
            "pastReviewDate": stale, "incomplete": incomplete}


def check_upload_rate(session, user: dict) -> None:
    recent = session.execute(select(func.count()).select_from(Upload).where(
        Upload.user_id == user["id"], Upload.created_at > datetime.now(timezone.utc) - timedelta(minutes=10))).scalar_one()
    if recent >= MAX_UPLOADS_PER_10_MINUTES:
        raise TooMany(str(user["id"]))


def preview_lpdc(session, ctx: CatalogueContext, user: dict, content: bytes) -> list[dict]:
    """Validate an LPDC/IPDC JSON-LD file (a feed page or one instance) and store every right as a
    draft; all or nothing: any problem in any member stores nothing. Returns one preview per right."""
    from rechtenverkenner.catalog import lpdc

    if len(content) > MAX_UPLOAD_BYTES:
        raise BadRequest([_issue("$", "The file is larger than 1 MB.", "Het bestand is groter dan 1 MB.")])
    try:
        items = lpdc.parse(content)
    except ValueError as exc:
        raise BadRequest([_issue("$", f"Not an LPDC/IPDC JSON-LD file: {exc}", f"Geen LPDC/IPDC JSON-LD-bestand: {exc}")]) from exc
    today = datetime.now(timezone.utc).date()
    problems, drafts = [], []
    for index, item in enumerate(items):
        raw, right_id = lpdc.to_document(item, today)
        where = f"member[{index}]"
        current = session.get(Right, right_id)
        if raw is None:
            if current is not None:
                if not may_edit(user, json.loads(current.document)):
                    raise Forbidden(right_id)
                drafts.append((right_id, None, current))
            continue
        doc, issues = files.parse_document(raw, ctx.codelists)
        if not issues:
            issues = files.check_resolved(doc)
        if issues:
            problems += [_issue(f"{where}.{i.path}", i.detail, i.detail_nl) for i in issues]
            continue
        if not may_edit(user, doc) or (current is not None and not may_edit(user, json.loads(current.document))):
            raise Forbidden(right_id)
        drafts.append((right_id, doc, current))
    if problems:
        raise BadRequest(problems)
    previews = []
    for right_id, doc, current in drafts:
        upload = Upload(user_id=user["id"], right_id=right_id, document=publish.to_json(doc) if doc else "null",
                        base_revision=current.revision if current else 0, status="draft", created_at=datetime.now(timezone.utc))
        session.add(upload)
        session.flush()
        previews.append({"uploadId": upload.id, "rightId": right_id, "title": doc["title"] if doc else current.title,
                         "change": "removed" if doc is None else ("changed" if current else "new"),
                         "changes": [] if doc is None else _diff(json.loads(current.document) if current else {},
                                                                 json.loads(publish.to_json(doc))),
                         "language": doc.get("lpdc_language", "") if doc else "",
                         "municipality": ", ".join(ctx.codelists.geography.scope_label(c) for c in doc["spatial"]) if doc else ""})
    session.commit()
    return previews


def publish_uploads(session, ctx: CatalogueContext, user: dict, upload_ids: list[int]) -> list[str]:
    """Publish several drafts in one transaction (all or none); raises NotFound, Forbidden or Conflict."""
    published = []
    try:
        for upload_id in upload_ids:
            upload = session.get(Upload, upload_id)
            if upload is None or upload.status != "draft" or (upload.user_id != user["id"] and user["role"] != "admin"):
                raise NotFound(str(upload_id))
            stored = json.loads(upload.document)
            raw = files.parse_document(stored, ctx.codelists)[0] if stored else None
            if raw is not None and not may_edit(user, raw):
                raise Forbidden(upload.right_id)
            _apply(session, ctx, upload.right_id, raw, upload.base_revision, user["id"], "upload" if raw else "remove")
            upload.status = "published"
            session.add(upload)
            published.append(upload.right_id)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return published


def preview_workbook(session, ctx: CatalogueContext, user: dict, content: bytes) -> list[dict]:
    """Validate an uploaded XLSX workbook and store its rights as drafts; all or nothing. Every problem
    names the sheet, row and column and says in Dutch how to fix it."""
    from rechtenverkenner.catalog import workbook

    if len(content) > MAX_UPLOAD_BYTES:
        raise BadRequest([_issue("$", "The file is larger than 1 MB.", "Het bestand is groter dan 1 MB.")])
    try:
        raws, places = workbook.read(content)
    except workbook.WorkbookError as exc:
        raise BadRequest([_issue(place, en, nl) for place, nl, en in exc.problems]) from exc
    if not raws:
        raise BadRequest([_issue("blad Rechten", "The workbook holds no right.", "Het werkboek bevat geen enkel recht.")])
    headers = {key: header for header, key, _kind in workbook.RIGHT_COLUMNS}
    problems, drafts, seen = [], [], set()
    for raw in raws:
        place = places.get(str(raw.get("id")), "blad Rechten")
        if raw.get("id") in seen:
            problems.append(_issue(f"{place}, kolom id", "Duplicate id.", f"De id '{raw.get('id')}' komt twee keer voor."))
            continue
        seen.add(raw.get("id"))
        doc, issues = files.parse_document(raw, ctx.codelists)
        concept = None
        if not issues and doc["linked_concept"]:
            row = session.get(Right, doc["linked_concept"])
            if row is None or row.kind != "concept":
                issues = [files.Issue("linked_concept", "Unknown concept.", f"Geen concept '{doc['linked_concept']}' in de catalogus.")]
            else:
                concept = json.loads(row.document)
        if not issues:
            issues = files.check_resolved(files.resolve(doc, concept))
        for issue in issues:
            top = issue.path.split("[")[0].split(".")[0]
            where = f"{place}, kolom {headers[top]}" if top in headers else f"{place} ({issue.path})"
            problems.append(_issue(where, issue.detail, issue.detail_nl))
        if issues:
            continue
        current = session.get(Right, doc["id"])
        if not may_edit(user, doc) or (current is not None and not may_edit(user, json.loads(current.document))):
            raise Forbidden(doc["id"])
        drafts.append((doc, current, files.resolve(doc, concept)))
    if problems:
        raise BadRequest(problems)
    previews = []
    for doc, current, resolved in drafts:
        upload = Upload(user_id=user["id"], right_id=doc["id"], document=publish.to_json(doc),
                        base_revision=current.revision if current else 0, status="draft", created_at=datetime.now(timezone.utc))
        session.add(upload)
        session.flush()
        previews.append({"uploadId": upload.id, "rightId": doc["id"], "title": resolved["title"],
                         "change": "changed" if current else "new", "language": "",
                         "changes": _diff(json.loads(current.document) if current else {}, json.loads(publish.to_json(resolved))),
                         "municipality": ", ".join(ctx.codelists.geography.scope_label(c) for c in resolved["spatial"])})
    session.commit()
    return previews


def workbook_template(session, ctx: CatalogueContext, concept_id: str | None, municipality: str) -> bytes:
    """The XLSX template, blank or with one row for a local version of a concept."""
    from rechtenverkenner.catalog import workbook

    prefill = []
    if concept_id:
        concept = session.get(Right, concept_id)
        if concept is None or concept.kind != "concept":
            raise NotFound(concept_id)
        name = ctx.codelists.geography.scope_label(municipality) if municipality else ""
        prefill.append({"id": f"{concept_id}-{name.lower().replace(' ', '-')}", "kind": "instance", "linked_concept": concept_id,
                        "municipality": municipality, "title": f"{concept.title} – {name}", "spatial": [municipality]})
    return workbook.template(ctx.codelists, prefill)


def preview_removal(session, ctx: CatalogueContext, user: dict, right_id: str) -> list[dict]:
    """A draft that removes a published right (shown as a preview first); raises NotFound or Forbidden."""
    current = session.get(Right, right_id)
    if current is None:
        raise NotFound(right_id)
    if not may_edit(user, json.loads(current.document)):
        raise Forbidden(right_id)
    upload = Upload(user_id=user["id"], right_id=right_id, document="null", base_revision=current.revision,
                    status="draft", created_at=datetime.now(timezone.utc))
    session.add(upload)
    session.commit()
    return [{"uploadId": upload.id, "rightId": right_id, "title": current.title, "change": "removed", "changes": [],
             "language": "", "municipality": ""}]
