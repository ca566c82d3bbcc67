"""The catalogue every worker builds once (code lists, analyzer, vocabulary) and loading catalog/ into the database."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from rechtenverkenner.catalog import files, publish
from rechtenverkenner.catalog.codelists import LEVEL_LABELS, Codelists, load_codelists
from rechtenverkenner.catalog.problems import ProblemMap, load_problems
from rechtenverkenner.catalog.search import Analyzer, Vocabulary, words
from rechtenverkenner.db import transaction
from rechtenverkenner.models import ReviewFlag, Right, RightScope, RightVersion, SearchVocabulary
from rechtenverkenner.services import changes

log = logging.getLogger(__name__)

FACETS = ["theme", "lifeSituation", "targetAudience", "level", "type"]
FACET_LABELS = {
    "theme": "Thema",
    "lifeSituation": "Voor wie",
    "targetAudience": "Doelgroep",
    "level": "Bestuursniveau",
    "type": "Soort",
}


@dataclass
class CatalogueContext:
    """What every worker builds once in create_app: code lists, the analyzer, the vocabulary cache."""

    catalog_dir: str
    codelists: Codelists
    analyzer: Analyzer
    problems: ProblemMap = field(default_factory=ProblemMap)
    _vocabulary: tuple[int, Vocabulary] | None = None
    _known_words: tuple[int, frozenset[str]] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_dir(cls, catalog_dir: str) -> CatalogueContext:
        codelists = load_codelists(catalog_dir)
        analyzer = Analyzer(codelists.synonyms)
        problems = load_problems(catalog_dir, analyzer, set(codelists.life_situations.labels))
        return cls(catalog_dir=catalog_dir, codelists=codelists, analyzer=analyzer, problems=problems)

    def vocabulary(self, session: Session) -> Vocabulary:
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

    def known_words(self, session: Session) -> frozenset[str]:
        """The words a spelling correction may suggest: of the concepts' titles, the problem map and the
        synonyms (longer than 3 letters), rebuilt when the published catalogue changes."""
        version = publish.catalogue_version(session)
        cached = self._known_words
        if cached is not None and cached[0] == version:
            return cached[1]
        titles = session.execute(select(Right.sort_key).where(Right.kind == "concept")).scalars().all()
        known = {w for title in titles for w in words(title)}
        known |= {w for problem in self.problems.problems for w in problem.words}
        known |= {w for group in self.analyzer.synonym_groups for phrase in group for w in words(phrase)}
        self._known_words = (version, frozenset(w for w in known if len(w) > 3))
        return self._known_words[1]

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


def published_versions(session: Session) -> dict[str, RightVersion]:
    """The latest editor publication (upload, rollback or removal) of every right that has one."""
    latest: dict[str, RightVersion] = {}
    for version in session.execute(
        select(RightVersion).order_by(RightVersion.right_id, RightVersion.revision)
    ).scalars():
        latest[version.right_id] = version
    return latest


def load_catalogue(
    session: Session, ctx: CatalogueContext, catalog_dir: str | Path | None = None, force: bool = False
) -> dict:
    """Validate catalog/ and publish it in one transaction; returns counts and whether it changed.

    Rights that editors published (or removed) keep their latest published version: the files are the
    reviewed baseline, editors' publications come on top. Raises files.CatalogError (nothing written)
    when any file is invalid.
    """
    docs = files.read_folder(catalog_dir or ctx.catalog_dir, ctx.codelists)
    with transaction(session):
        # under the catalogue's lock, so a publication committed meanwhile is read, never overwritten
        publish.lock_catalogue(session, bump=False)
        changed, docs = _load(session, ctx, docs, force)
    counts = {
        "concepts": sum(d["kind"] == "concept" for d in docs),
        "instances": sum(d["kind"] == "instance" for d in docs),
    }
    log.info("catalogue load: changed=%s concepts=%s instances=%s", changed, counts["concepts"], counts["instances"])
    return {"changed": changed, **counts}


def _load(session: Session, ctx: CatalogueContext, docs: list[dict], force: bool) -> tuple[bool, list[dict]]:
    versions = published_versions(session)
    if versions:
        by_id = {d["id"]: d for d in docs}
        removed: dict[str, dict | None] = {}
        for right_id, version in versions.items():
            if version.removed:
                removed[right_id] = by_id.pop(right_id, None)
                continue
            raw, _issues = files.parse_document(json.loads(version.document), ctx.codelists)
            if raw:
                by_id[right_id] = raw
        _keep_used_concepts(session, ctx, by_id, removed)
        docs = [files.resolve(by_id[i], by_id.get(by_id[i]["linked_concept"])) for i in sorted(by_id)]
    old_concepts = dict(session.execute(select(Right.id, Right.content_hash).where(Right.kind == "concept")).all())
    # what the load adds, changes or removes, read before the rows are replaced (the list /recent shows)
    changes.record_load(session, changes.snapshot(session), docs, datetime.now(UTC))
    changed = publish.replace_catalogue(
        session,
        docs,
        ctx.codelists,
        ctx.analyzer,
        force=force,
        revisions={i: v.revision for i, v in versions.items()},
    )
    if changed and old_concepts:
        flag_changed_concepts(session, old_concepts)
    return changed, docs


def _keep_used_concepts(
    session: Session, ctx: CatalogueContext, by_id: dict[str, dict], removed: dict[str, dict | None]
) -> None:
    """Keep a removed concept that local versions still use, so they never lose their inherited title and
    content: publishing refuses such a removal (confinement.check), but one made before it did is undone
    here, with the concept's file or its last published version."""
    used = {d["linked_concept"] for d in by_id.values() if d["kind"] == "instance" and d["linked_concept"]}
    for concept_id in sorted(used & removed.keys()):
        doc = removed[concept_id]
        if doc is None:
            last = (
                session.execute(
                    select(RightVersion)
                    .where(RightVersion.right_id == concept_id, RightVersion.removed.is_(False))
                    .order_by(RightVersion.revision.desc())
                )
                .scalars()
                .first()
            )
            doc = files.parse_document(json.loads(last.document), ctx.codelists)[0] if last else None
        if doc:
            by_id[concept_id] = doc
            log.warning("concept %s was removed while local versions use it: kept", concept_id)
        else:
            log.error("concept %s was removed while local versions use it and no version is left", concept_id)


def flag_changed_concepts(session: Session, old_hashes: dict[str, str]) -> None:
    """Flag the local versions of every concept whose content changed ("concept gewijzigd")."""
    now = datetime.now(UTC)
    for concept_id, content_hash in session.execute(
        select(Right.id, Right.content_hash).where(Right.kind == "concept")
    ).all():
        if concept_id in old_hashes and old_hashes[concept_id] != content_hash:
            flag_local_versions(session, concept_id, now)


def flag_local_versions(session: Session, concept_id: str, now: datetime) -> None:
    """Flag every local version of a concept for review, unless it is flagged already."""
    for instance_id in session.execute(select(Right.id).where(Right.linked_concept == concept_id)).scalars().all():
        if session.get(ReviewFlag, instance_id) is None:
            session.add(ReviewFlag(right_id=instance_id, reason="conceptChanged", created_at=now))


def catalogue_is_empty(session: Session) -> bool:
    return publish.catalogue_version(session) == 0


def scoped_rights(ctx: CatalogueContext, municipality: str) -> Select:
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
