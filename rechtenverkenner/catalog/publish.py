"""Turn validated catalogue documents into the published catalogue and its search index."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

from sqlalchemy import delete, insert, select, update

from rechtenverkenner.catalog.codelists import Codelists
from rechtenverkenner.catalog.files import level_of
from rechtenverkenner.catalog.search import Analyzer, fold, index_terms
from rechtenverkenner.models import CatalogState, Right, RightFacet, RightScope, SearchTerm, SearchVocabulary

BATCH = 5_000


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(doc: dict) -> str:
    return json.dumps(doc, default=_json_default, ensure_ascii=False, sort_keys=True)


def catalogue_hash(documents: list[str]) -> str:
    """One hash of every document's JSON, in order."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(document.encode())
    return digest.hexdigest()


def facets_of(doc: dict) -> list[tuple[str, str]]:
    """The facet values of a right: (facet, value) pairs."""
    pairs = [("level", level_of(doc))] + ([("type", doc["product_type"])] if doc["product_type"] else [])
    pairs += [("theme", v) for v in doc["themes"]]
    pairs += [("lifeSituation", v) for v in doc["life_situations"]]
    pairs += [("targetAudience", v) for v in doc["target_audiences"]]
    return sorted(set(pairs))


def rows_for(doc: dict, codelists: Codelists, analyzer: Analyzer, concept_title: str = "", document: str = ""):
    """The rows of every table for one resolved document (concept_title: the title of its concept;
    document: its JSON when already serialised)."""
    labels = [codelists.themes.label(v) for v in doc["themes"]]
    labels += [codelists.life_situations.label(v) for v in doc["life_situations"]]
    document = document or to_json(doc)
    right = {
        "id": doc["id"],
        "kind": doc["kind"],
        "linked_concept": doc["linked_concept"] or None,
        "title": doc["title"],
        "sort_key": fold(doc["title"])[:300],
        "summary": doc["summary"],
        "level": level_of(doc),
        "product_type": doc["product_type"],
        "conditional": bool(doc["conditions"] or doc["requirements"]),
        "municipality": doc["municipality"] or None,
        "source_url": doc["source_url"],
        "last_reviewed": doc["last_reviewed"],
        "end_date": doc.get("end_date"),
        "content_hash": hashlib.sha256(document.encode()).hexdigest(),
        "document": document,
        "revision": 1,
    }
    scopes = [{"scope": s, "right_id": doc["id"]} for s in sorted(set(doc["spatial"]))]
    facets = [{"right_id": doc["id"], "facet": f, "value": v} for f, v in facets_of(doc)]
    terms = [
        {"term": t, "right_id": doc["id"], "weight": w}
        for t, w in index_terms(doc, analyzer, labels, concept_title).items()
    ]
    return right, scopes, facets, terms


def replace_catalogue(
    session,
    docs: list[dict],
    codelists: Codelists,
    analyzer: Analyzer,
    force: bool = False,
    revisions: dict[str, int] | None = None,
) -> bool:
    """Replace the published catalogue by docs in the session's transaction (the caller commits).

    Returns False when the catalogue already holds exactly these documents (idempotent load).
    """
    documents = [to_json(doc) for doc in docs]
    content_hash = catalogue_hash([analyzer.fingerprint(), *documents])  # new synonyms re-index too
    state = session.get(CatalogState, 1)
    if state is not None and state.content_hash == content_hash and not force:
        return False
    lock_catalogue(session)
    connection = session.connection()
    for table in (SearchTerm, SearchVocabulary, RightFacet, RightScope, Right):
        connection.execute(delete(table.__table__))
    rights, scopes, facets, terms = [], [], [], []
    df: dict[str, int] = {}
    titles = {doc["id"]: doc["title"] for doc in docs}
    for doc, document in zip(docs, documents, strict=True):
        right, s, f, t = rows_for(doc, codelists, analyzer, titles.get(doc["linked_concept"], ""), document)
        right["revision"] = (revisions or {}).get(doc["id"], 1)
        rights.append(right)
        scopes += s
        facets += f
        terms += t
        for row in t:
            df[row["term"]] = df.get(row["term"], 0) + 1
    vocabulary = [{"term": term, "df": count} for term, count in sorted(df.items())]
    for table, rows in (
        (Right, rights),
        (RightScope, scopes),
        (RightFacet, facets),
        (SearchTerm, terms),
        (SearchVocabulary, vocabulary),
    ):
        bulk_insert(connection, table.__table__, rows)
    table = CatalogState.__table__
    connection.execute(
        update(table).where(table.c.id == 1).values(content_hash=content_hash, loaded_at=dt.datetime.now(dt.UTC))
    )
    analyze(connection)
    return True


def bulk_insert(connection, table, rows: list[dict]) -> None:
    """Insert many rows in the connection's transaction: COPY on PostgreSQL, executemany elsewhere.

    A catalogue of all of Flanders has millions of index rows; the ORM's bulk path is several times
    slower than the driver's own bulk paths.
    """
    if not rows:
        return
    columns = list(rows[0])
    if connection.dialect.name == "postgresql":
        names = ", ".join(f'"{c}"' for c in columns)
        with (
            connection.connection.driver_connection.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row([row[c] for c in columns])
        return
    if connection.dialect.name == "sqlite":
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        converters = [_sqlite_value for _ in columns]
        connection.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
            [tuple(convert(row[c]) for convert, c in zip(converters, columns, strict=True)) for row in rows],
        )
        return
    for start in range(0, len(rows), BATCH):
        connection.execute(insert(table), rows[start : start + BATCH])


def _sqlite_value(value):
    # the same storage SQLAlchemy uses for these types on SQLite
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def analyze(connection) -> None:
    """Refresh the planner's statistics after a bulk load, so search queries use the right indexes."""
    connection.exec_driver_sql("ANALYZE")


def catalogue_version(session) -> int:
    """The version of the published catalogue (0 when nothing was ever loaded)."""
    version = session.execute(select(CatalogState.version).where(CatalogState.id == 1)).scalar()
    return version or 0


def lock_catalogue(session, bump: bool = True) -> None:
    """Start a change of the published catalogue: take its write lock and (bump) bump its version.

    The first write of every publishing transaction and of every load: on PostgreSQL the row lock on
    catalog_state serialises publications and loads (so they never deadlock on the index rows they share,
    and what they read after it includes the newest commit); on SQLite the UPDATE takes the database's
    write lock. The version is bumped in SQL (never read, then written) so no bump is lost.
    """
    table = CatalogState.__table__
    values = {"version": table.c.version + 1, "content_hash": ""} if bump else {"version": table.c.version}
    changed = session.execute(update(table).where(table.c.id == 1).values(**values)).rowcount
    if not changed and bump:
        session.execute(insert(table).values(id=1, version=1, content_hash=""))
    for held in list(session.identity_map.values()):
        if isinstance(held, CatalogState):
            session.expire(held)  # read before: holds the old version


def _index_rows(session, right_id: str) -> list[str]:
    return list(session.execute(select(SearchTerm.term).where(SearchTerm.right_id == right_id)).scalars().all())


def _adjust_vocabulary(connection, terms: list[str], delta: int) -> None:
    """Add delta to the document frequency of terms (removing terms no right uses any more)."""
    for term in sorted(terms):
        changed = connection.execute(
            update(SearchVocabulary.__table__)
            .where(SearchVocabulary.__table__.c.term == term)
            .values(df=SearchVocabulary.__table__.c.df + delta)
        ).rowcount
        if not changed and delta > 0:
            connection.execute(insert(SearchVocabulary.__table__), [{"term": term, "df": delta}])
    connection.execute(delete(SearchVocabulary.__table__).where(SearchVocabulary.__table__.c.df <= 0))


def publish_one(
    session,
    doc: dict | None,
    right_id: str,
    codelists: Codelists,
    analyzer: Analyzer,
    concept_title: str,
    revision: int,
) -> None:
    """Replace (or remove, when doc is None) one published right and its index rows, in the session's
    transaction. The caller has called lock_catalogue first (which bumps the catalogue version, so every
    worker refreshes its vocabulary)."""
    connection = session.connection()
    old_terms = _index_rows(session, right_id)
    for table in (SearchTerm, RightFacet, RightScope):
        connection.execute(delete(table.__table__).where(table.__table__.c.right_id == right_id))
    connection.execute(delete(Right.__table__).where(Right.__table__.c.id == right_id))
    _adjust_vocabulary(connection, old_terms, -1)
    if doc is not None:
        right, scopes, facets, terms = rows_for(doc, codelists, analyzer, concept_title)
        right["revision"] = revision
        for table, rows in ((Right, [right]), (RightScope, scopes), (RightFacet, facets), (SearchTerm, terms)):
            if rows:
                connection.execute(insert(table.__table__), rows)
        _adjust_vocabulary(connection, [row["term"] for row in terms], +1)
