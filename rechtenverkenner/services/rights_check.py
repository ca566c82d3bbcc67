"""The rights check (issue 9): parse a situation (§A), check every right in scope of the municipality (§B).

The engine is built from the published catalogue once per catalogue version and shared by the worker's threads.
The situation is personal data: it is never stored or logged (the log has the municipality's code and counts).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog import publish
from rechtenverkenner.domain.advice import FollowingRight
from rechtenverkenner.errors import BadRequest, Issue
from rechtenverkenner.models import Right
from rechtenverkenner.rights.engine import RightsEngine
from rechtenverkenner.rights.situation import Situation
from rechtenverkenner.services.advice import following_rights
from rechtenverkenner.services.catalogue import CatalogueContext

log = logging.getLogger(__name__)
MAX_BATCH = 100
_OUTCOMES = {"grant": "yes", "refuse": "no", "review": "unknown"}


def parse_rights_check_request(body: Any, ctx: CatalogueContext) -> Situation:
    """The situation of a request body; raises BadRequest listing every problem with its JSON path."""
    from rechtenverkenner.eligibility.request import _SCHEMA, flatten_errors

    if not isinstance(body, dict):
        raise BadRequest(
            [Issue("body", "$", None, "The body must be a JSON object.", "De inhoud moet een JSON-object zijn.")]
        )
    from marshmallow import ValidationError

    from rechtenverkenner.messages import dutch

    issues: list[Issue] = []
    try:
        data = _SCHEMA.load({"applicant": {}, **body})
    except ValidationError as exc:
        data = None
        issues = [Issue("body", path, None, msg, dutch(msg)) for path, msg in sorted(flatten_errors(exc.messages))]
    code = body.get("municipality")
    geography = ctx.codelists.geography
    if code is None:
        issues.append(
            Issue(
                "body",
                "$.municipality",
                None,
                "Missing data for required field.",
                dutch("Missing data for required field."),
            )
        )
    elif isinstance(code, str) and code in geography.former:
        code = geography.former[code][1]
    if (
        code is not None
        and code not in geography.municipalities
        and not any(i.name == "$.municipality" for i in issues)
    ):
        issues.append(
            Issue(
                "body",
                "$.municipality",
                code,
                "Unknown municipality: give the NIS code of a Flemish or Brussels municipality.",
                "Onbekende gemeente: geef de NIS-code van een Vlaamse of Brusselse gemeente.",
            )
        )
    if issues:
        raise BadRequest(issues)
    data["municipality"] = code
    return Situation(body, data)


class RightsCheckService:
    """The engine of the published catalogue, rebuilt when the catalogue version changes (built in create_app,
    shared by the API, the page and the leefloon advice's followingRights).

    The version is looked up again at most every recheck_seconds: a database query per request would cost more
    than an advice. `session` may be a factory, called only when the database must be asked.
    """

    def __init__(self, ctx: CatalogueContext, matcher: Any, advisor: Any, recheck_seconds: float = 0) -> None:
        self.ctx, self.matcher, self.advisor = ctx, matcher, advisor
        self.recheck_seconds = recheck_seconds
        self._engine: tuple[int, RightsEngine, tuple[FollowingRight, ...]] | None = None
        self._local_following: dict[tuple[int, str], tuple[FollowingRight, ...]] = {}
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def _current(self, session: Session | Callable[[], Session]) -> tuple[int, RightsEngine, tuple]:
        cached = self._engine
        if cached is not None and time.monotonic() - self._checked_at < self.recheck_seconds:
            return cached
        db = session() if callable(session) else session
        version = publish.catalogue_version(db)
        with self._lock:
            if self._engine is None or self._engine[0] != version:
                rows = db.execute(select(Right.id, Right.document)).all()
                docs = {right_id: json.loads(document) for right_id, document in rows}
                engine = RightsEngine(docs, self.ctx.codelists, self.matcher, self.leefloon)
                concepts = {i: d for i, d in docs.items() if d["kind"] == "concept"}
                self._engine = (version, engine, following_rights(concepts))
                self._local_following = {}
            self._checked_at = time.monotonic()
            return self._engine

    def engine(self, session: Session | Callable[[], Session]) -> RightsEngine:
        return self._current(session)[1]

    def following(
        self, session: Session | Callable[[], Session], municipality: object = None
    ) -> tuple[FollowingRight, ...]:
        """The rights a leefloon grant would bring, from the published catalogue (services.advice.following_rights).

        With the NIS code of a known municipality (a former code is read as the new one), only the rights that
        apply there, each as the municipality's local version when it has one (its id and title); without one,
        or with a code that is not a municipality, every right that follows, as concepts.
        """
        version, engine, concepts = self._current(session)
        geography = self.ctx.codelists.geography
        code = municipality if isinstance(municipality, str) else None
        if code in geography.former:
            code = geography.former[code][1]
        if code not in geography.municipalities:
            return concepts
        key = (version, code)
        local = self._local_following.get(key)
        if local is None:
            local = self._local_following[key] = localise(engine, concepts, code)
        return local

    def leefloon(self, situation: Situation) -> tuple[str, str, list[str]]:
        """The leefloon advice on the same situation: grant -> yes, refuse -> no, review -> unknown."""
        from rechtenverkenner.domain.parameters import NotModelledForDate
        from rechtenverkenner.eligibility.request import to_situation

        try:
            advice = self.advisor.advise(to_situation(situation.data))
        except NotModelledForDate as exc:
            return (
                "unknown",
                f"De leefloonregels zijn niet gemodelleerd voor die datum (vanaf {exc.first.isoformat()}).",
                [],
            )
        eligibility = _OUTCOMES.get(advice["outcome"], "unknown")
        # The advice reads absent incomes as none (its own contract); in the rights check an absent fact is
        # unknown (§A): without the incomes of the applicant and a partner the leefloon cannot be a yes.
        unknown = [p for p in situation.persons if p.relation in ("applicant", "partner") and not p.has("incomes")]
        if unknown and eligibility == "yes":
            whose = " en ".join("de aanvrager" if p.relation == "applicant" else "de partner" for p in unknown)
            why = f"Niet gekend welke inkomsten {whose} heeft: het leefloon hangt daarvan af."
            return "unknown", why, [f"{p.path}.incomes" for p in unknown]
        if eligibility == "no":
            failed = [c for c in advice["conditions"] if c.get("status") == "notMet"]
            why = failed[0].get("explanation", "") if failed else "De leefloonadvisering komt tot een weigering."
        elif eligibility == "unknown":
            reasons = advice.get("reviewReasons") or []
            why = reasons[0].get("explanation", "") if reasons else "De leefloonadvisering vraagt een herziening."
        else:
            why = "De leefloonadvisering komt tot een toekenning."
        missing = list(advice.get("missingFacts") or []) if eligibility == "unknown" else []
        missing += [f"{p.path}.incomes" for p in unknown] if eligibility == "unknown" else []
        return eligibility, why, missing

    def check(self, session: Session, situation: Situation) -> dict:
        """The answer of §B for one situation."""
        result = self.engine(session).check(situation)
        counts = {v: sum(r["eligibility"] == v for r in result["rights"]) for v in ("yes", "no", "unknown")}
        log.info("rights check municipality=%s rights=%d %s", situation.municipality, len(result["rights"]), counts)
        return {
            "referenceDate": situation.reference_date.isoformat(),
            "municipality": situation.municipality,
            **result,
        }


def localise(
    engine: RightsEngine, concepts: tuple[FollowingRight, ...], municipality: str
) -> tuple[FollowingRight, ...]:
    """The following rights a municipality sees: a concept outside its region or province is left out, a concept
    its local version replaces is named by that version (same reason), in the order of the titles."""
    seen = set(engine.in_scope(municipality))
    local = {
        d["linked_concept"]: (i, d.get("title") or i)
        for i, d in engine.docs.items()
        if i in seen and d["kind"] == "instance" and d.get("linked_concept")
    }
    result = []
    for right in concepts:
        if right.id in local:
            right_id, title = local[right.id]
            result.append(FollowingRight(right_id, title, right.reason))
        elif right.id in seen:
            result.append(right)
    return tuple(sorted(result, key=lambda r: r.title.lower()))
