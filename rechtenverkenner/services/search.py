"""Searching the published catalogue: scoped to a municipality, filtered by facets, ranked by relevance."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog.problems import LIFE_SITUATION_BONUS, MIN_TYPO_LENGTH
from rechtenverkenner.catalog.search import build_clauses, rank, title_key
from rechtenverkenner.errors import BadRequest, Issue
from rechtenverkenner.models import Right, RightFacet, RightScope, SearchTerm
from rechtenverkenner.services.catalogue import FACETS, CatalogueContext, scoped_rights
from rechtenverkenner.services.municipalities import resolve_municipality
from rechtenverkenner.services.rights import summary_of


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
    problems: list[dict] = field(default_factory=list)  # the problems of catalog/problems.toml the query names


def _passes(facets_of_right: dict[str, set[str]], filters: dict[str, list[str]], skip: str | None = None) -> bool:
    for facet, values in filters.items():
        if facet != skip and values and not facets_of_right.get(facet, set()) & set(values):
            return False
    return True


def _only_in_municipalities(session: Session, right_ids: list[str], municipalities) -> set[str]:
    """The rights among right_ids whose every scope is a municipality (not Belgium, a region or a province)."""
    scopes: dict[str, set[str]] = {}
    for right_id, scope in session.execute(
        select(RightScope.right_id, RightScope.scope).where(RightScope.right_id.in_(right_ids))
    ).all():
        scopes.setdefault(right_id, set()).add(scope)
    return {right_id for right_id, found in scopes.items() if found and found <= municipalities}


def _with_problem_rights(
    session: Session,
    bonuses: dict[str, int],
    ranked: list[tuple[str, int, int]],
    scoped: dict[str, str] | None,
    clause_count: int,
    municipalities: Set[str] = frozenset(),
) -> list[tuple[str, int, int]]:
    """The ranking with the rights of the problems a query names (catalog/problems.toml) added or raised:
    they count as matching every clause and get their bonus; a municipality's own version takes its
    concept's bonus."""
    concepts = list(bonuses)
    where = [or_(Right.id.in_(concepts), Right.linked_concept.in_(concepts))]
    if scoped is not None:
        where.append(Right.id.in_(sorted(scoped)))
    else:  # no municipality: a right that only one municipality grants (Brugs menswaardig inkomen) is not raised
        local_only = _only_in_municipalities(session, concepts, municipalities)
        where = [Right.id.in_([c for c in concepts if c not in local_only])]
    best = max((r[1] for r in ranked), default=clause_count)
    merged = {r[0]: [r[1], r[2]] for r in ranked}
    for right_id, linked in session.execute(select(Right.id, Right.linked_concept).where(*where)).all():
        bonus = bonuses.get(right_id) or bonuses.get(linked or "", 0)
        entry = merged.setdefault(right_id, [best, 0])
        entry[0] = max(entry[0], best)
        entry[1] += bonus
    return [(right_id, count, score) for right_id, (count, score) in merged.items()]


MAX_ID_LIST = 500  # above this many ids a query reads the whole (indexed) column instead of a long IN list


def _collapse_local_versions(
    session: Session, ranked: list[tuple[str, int, int]], text_counts: dict[str, int]
) -> list[tuple[str, int, int]]:
    """Without a municipality, the municipalities' own versions of a right that is itself found add nothing but
    repetition (the leefloon of 32 OCMWs): they are left out, unless a version's text matches more of the query
    than its right's text ("leefloon aalst", "OCMW Antwerpen huurwaarborg" find that city's version)."""
    if not ranked:
        return ranked
    count = {r[0]: r[1] for r in ranked}
    versions = [Right.linked_concept.is_not(None), Right.linked_concept != ""]
    if len(count) <= MAX_ID_LIST:  # a text search finds few rights: ask for those only
        versions.append(Right.id.in_(list(count)))
    linked = dict(session.execute(select(Right.id, Right.linked_concept).where(*versions)).all())
    return [
        r
        for r in ranked
        if not (linked.get(r[0]) in count and text_counts.get(r[0], 0) <= text_counts.get(linked[r[0]], 0))
    ]


def search_rights(session: Session, ctx: CatalogueContext, query: SearchQuery) -> SearchResult:  # noqa: C901 -- the search pipeline in one readable pass; the search issue (10) splits it
    """Search the published catalogue: scoped to a municipality, filtered by facets, ranked by relevance.

    Facet counts are disjunctive: the counts of a facet apply every other facet's filter, so a social
    worker can widen a selection (values of one facet are OR-ed, facets are AND-ed).
    """
    text_query = query.q.strip()
    clauses, lookup, exact, problems = [], [], "", []
    text_counts: dict[str, int] = {}  # right -> query clauses its own text matches
    if text_query:
        vocabulary = ctx.vocabulary(session)
        clauses = build_clauses(query.q, ctx.analyzer, vocabulary)
        exact = title_key(ctx.analyzer, query.q)
        lookup = sorted({t for c in clauses for t in c.alternatives} | ({exact} if exact else set()))
    if query.municipality:
        # a municipality sees a few hundred rights: fetch them, then seek their terms and facets by id
        sort_keys = dict(session.execute(scoped_rights(ctx, query.municipality)).all())
        scoped = sorted(sort_keys)
        term_filter = [SearchTerm.right_id.in_(scoped)]
        facet_filter = [RightFacet.right_id.in_(scoped)]
    else:
        sort_keys = None
        term_filter = []
        facet_filter = (
            [RightFacet.right_id.in_(select(SearchTerm.right_id).where(SearchTerm.term.in_(lookup)))]
            if text_query
            else []
        )
    if text_query:
        rows = (
            session.execute(
                select(SearchTerm.right_id, SearchTerm.term, SearchTerm.weight).where(
                    SearchTerm.term.in_(lookup), *term_filter
                )
            ).all()
            if clauses and (sort_keys is None or sort_keys)
            else []
        )
        ranked = rank(clauses, rows, exact)
        text_counts = {r[0]: r[1] for r in ranked}
        problems = ctx.problems.match(ctx.analyzer, query.q, vocabulary)
        if problems:
            bonuses = ctx.problems.bonuses(problems)
            places = ctx.codelists.geography.municipalities.keys()
            ranked = _with_problem_rights(session, bonuses, ranked, sort_keys, len(clauses), places)
        if sort_keys is None and ranked:
            sort_keys = dict(
                session.execute(select(Right.id, Right.sort_key).where(Right.id.in_([r[0] for r in ranked]))).all()
            )
    else:
        if sort_keys is None:
            sort_keys = dict(session.execute(select(Right.id, Right.sort_key)).all())
        ranked = [(right_id, 0, 0) for right_id in sort_keys]
    sort_keys = sort_keys or {}
    if query.municipality is None:
        ranked = _collapse_local_versions(session, ranked, text_counts)
    ended = set(session.execute(select(Right.id).where(Right.end_date < datetime.now(UTC).date())).scalars())
    ranked = [r for r in ranked if r[0] not in ended]  # an ended right ("beëindigd") keeps its page only
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
    if text_query and problems:  # rights of the problem's life situations rank higher
        situations = {s for p in problems for s in p.life_situations}
        final = [
            (r[0], r[1], r[2] + LIFE_SITUATION_BONUS)
            if situations & facets_by_right.get(r[0], {}).get("lifeSituation", set())
            else r
            for r in final
        ]
    final.sort(key=lambda r: (-r[1], -r[2], sort_keys.get(r[0], ""), r[0]))
    total = len(final)
    offset = (query.page - 1) * query.page_size
    page_ids = [r[0] for r in final[offset : offset + query.page_size]]

    rights = (
        {r.id: r for r in session.execute(select(Right).where(Right.id.in_(page_ids))).scalars().all()}
        if page_ids
        else {}
    )
    items = [summary_of(ctx, rights[i]) for i in page_ids if i in rights]
    facets = {}
    for facet in FACETS:
        selected = set(query.filters.get(facet, []))
        values = []
        for value in ctx.facet_values(facet):
            count = counts[facet].get(value, 0)
            if count or value in selected:
                values.append(
                    {
                        "value": value,
                        "label": ctx.facet_label(facet, value),
                        "count": count,
                        "selected": value in selected,
                    }
                )
        facets[facet] = values
    municipality = None
    if query.municipality:
        m = ctx.codelists.geography.municipalities[query.municipality]
        municipality = {"nisCode": m.code, "name": m.name}
    pages = max(1, -(-total // query.page_size))
    named = [{"id": p.id, "label": p.label} for p in problems]
    return SearchResult(
        items=items,
        total=total,
        facets=facets,
        query=query,
        municipality=municipality,
        pages=pages,
        problems=named,
    )


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
                issues.append(
                    Issue(
                        source,
                        facet,
                        value,
                        f"Unknown {facet} '{value}'; known values: {', '.join(sorted(known))}.",
                        f"Onbekende waarde '{value}' voor {facet}; gekende waarden: {', '.join(sorted(known))}.",
                    )
                )
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


FEW_RESULTS = 3  # below this many results the page suggests a way on


def suggestions(session: Session, ctx: CatalogueContext, query: SearchQuery) -> dict:
    """A way on when a search finds few or no rights: a spelling correction from the words of the titles the
    municipality sees, the life situations of the problems the query names (else of every life situation)."""
    spelled = spelling(session, ctx, query) if query.q.strip() else None
    matched = ctx.problems.match(ctx.analyzer, query.q, ctx.vocabulary(session)) if query.q.strip() else []
    values = list(dict.fromkeys(s for p in matched for s in p.life_situations))
    if not values:
        values = list(ctx.codelists.life_situations.labels)
    situations = [{"value": v, "label": ctx.codelists.life_situations.label(v)} for v in values]
    return {"spelling": spelled, "problems": [p.label for p in matched], "lifeSituations": situations}


def spelling(session: Session, ctx: CatalogueContext, query: SearchQuery, strict: bool = False) -> str | None:
    """The query with its misspelt words corrected ("huurwarborg" → "huurwaarborg"), or None.

    A word is corrected to the nearest word of the concepts' titles (not strict: also of the titles the
    municipality sees), of the problem map or of the synonyms (one letter off up to 6 letters, two from 7), when search reads it as that word: it stems alike
    ("leeflon", "verwarmingstoelag"), or search does not index it and its typo tolerance finds the correction
    ("deurwarder"). So a valid word that search does not know is not "corrected" ("dochter" stays, not
    "dokter"); strict, for a search that found enough rights, leaves another ending of the same word alone
    ("dakloze", "schulde").
    """
    from rechtenverkenner.catalog.search import STOPWORDS, levenshtein, words

    typed = words(query.q)
    candidates = {w for w in typed if w not in STOPWORDS and len(w) >= 4 and not w.isdigit()}
    if not candidates:
        return None
    known = ctx.known_words(session)
    if not candidates - known:
        return None
    if query.municipality and not strict:
        titles = [t for _, t in session.execute(scoped_rights(ctx, query.municipality)).all()]
        known = known | {w for title in titles for w in words(title) if len(w) > 3}
    vocabulary = ctx.vocabulary(session)
    corrected, changed = [], False
    for word in typed:
        if word not in candidates or word in known:
            corrected.append(word)
            continue
        limit = 1 if len(word) < 7 else 2
        distance, best = min(((levenshtein(word, k, limit), k) for k in known), default=(limit + 1, word))
        if distance <= limit and _reads_as(ctx, vocabulary, word, best, strict):
            corrected.append(best)
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None


def _reads_as(ctx: CatalogueContext, vocabulary, word: str, correction: str, strict: bool) -> bool:
    """Whether search reads word as correction: the same stem (strict: not only another ending), or an unindexed
    word that the typo tolerance of search or of the problem map reads as the correction."""
    stem, target = ctx.analyzer.stem(word), ctx.analyzer.stem(correction)
    if stem == target:
        return not strict or not (correction.startswith(word) or word.startswith(correction))
    if stem in vocabulary:
        return False
    return target in vocabulary.fuzzy(stem) or (len(word) >= MIN_TYPO_LENGTH and ctx.problems.nearest(stem) == target)
