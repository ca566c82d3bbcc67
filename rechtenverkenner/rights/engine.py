"""The rights check: every right in scope of a municipality, its verdict, why, and the next best questions.

Each condition is evaluated to a tri-state fact in Python (leaves.py); the Matcher (durable-rules behind the
adapter in the app, `TableMatcher` in tests) then combines the top-level facts of a right into its verdict with
two rules per condition count n: `yes` when c0..c(n-1) are all `met`, `no` when any is `notMet`, otherwise
`unknown` (Kleene AND). Nested `any`/`not` are evaluated in plain Python on purpose: Kleene OR over AND-lists
would need the product of every option's failing leaves as durable rules (exponential in the options).

Dependencies (`right` conditions, mode `eligible`) are evaluated depth-first, so in topological order; the
catalogue refuses cycles when it loads and a guard answers `unknown` should one slip in through an upload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rechtenverkenner.catalog.codelists import Codelists
from rechtenverkenner.catalog.files import right_dependencies
from rechtenverkenner.eligibility.files import Rule, Scheme
from rechtenverkenner.eligibility.matching import Matcher
from rechtenverkenner.rights import leaves
from rechtenverkenner.rights.core import MET, NOT_MET, UNKNOWN, Context, Result
from rechtenverkenner.rights.situation import Situation, generic_path

# (eligibility yes|no|unknown, why, missing facts) of the leefloon advice on the same situation
LeefloonVerdict = Callable[[Situation], tuple[str, str, list[str]]]


def verdict_scheme(n: int) -> Scheme:
    """The two rules that combine n condition facts c0..c(n-1) into yes / no (else unknown)."""
    names = [f"c{i}" for i in range(n)]
    rules = (
        Rule("yes", "", "yes", "", tuple((name, MET) for name in names), ()),
        Rule("no", "", "no", "", (), tuple(((name, NOT_MET),) for name in names)),
    )
    return Scheme(f"rights-verdict-{n}", "", dt.date(1900, 1, 1), (), rules, {}, f"rights-verdict-{n}")


@dataclass
class RightAnswer:
    id: str
    eligibility: str
    why: str
    automatic: bool
    conditions: list[dict]
    missing: list[str]
    depends_on: list[str]


class RightsEngine:
    """Checks a situation against the published catalogue (documents by id) with one Matcher."""

    def __init__(
        self,
        docs: Mapping[str, dict],
        codelists: Codelists,
        matcher: Matcher,
        leefloon: LeefloonVerdict | None = None,
    ) -> None:
        self.docs, self.codelists, self.matcher, self.leefloon = docs, codelists, matcher, leefloon
        self._schemes: dict[int, Scheme] = {}

    def _scheme(self, n: int) -> Scheme:
        scheme = self._schemes.get(n)
        if scheme is None:
            scheme = self._schemes[n] = verdict_scheme(n)
            self.matcher.register(scheme)
        return scheme

    def in_scope(self, municipality: str) -> list[str]:
        """Ids of the rights a municipality sees (as the search: spatial scopes; a local version replaces its
        concept), sorted by title."""
        m = self.codelists.geography.municipalities[municipality]
        scopes = set(m.scopes)
        replaced = {
            d["linked_concept"] for d in self.docs.values() if d["kind"] == "instance" and d["municipality"] == m.code
        }
        ids = [i for i, d in self.docs.items() if scopes & set(d["spatial"]) and i not in replaced]
        return sorted(ids, key=lambda i: (self.docs[i].get("title") or i).lower())

    def outside(self, municipality: str) -> list[str]:
        """Concepts of another region or province (never another municipality's local rights): they are in the
        answer as `no`, saying where they apply (reference §C.2)."""
        scopes = set(self.codelists.geography.municipalities[municipality].scopes)
        return sorted(
            (
                i
                for i, d in self.docs.items()
                if d["kind"] == "concept"
                and not scopes & set(d["spatial"])
                and not any(s.isdigit() and len(s) == 5 for s in d["spatial"])
            ),
            key=lambda i: (self.docs[i].get("title") or i).lower(),
        )

    def check(self, situation: Situation) -> dict:
        """The answer of §B (without the envelope the service adds)."""
        run = _Run(self, situation)
        rights = [run.answer(right_id) for right_id in run.scope]
        rights += [run.elsewhere(right_id) for right_id in self.outside(situation.municipality)]
        return {"rights": rights, "questions": self._questions(rights)}

    def _questions(self, rights: list[dict]) -> list[dict]:
        facts = self.codelists.rights_data.facts
        counts: dict[str, int] = {}
        for right in rights:
            for path in right["missingFacts"]:
                counts[path] = counts.get(path, 0) + 1

        def order(path: str) -> tuple:
            fact = facts.get(generic_path(path))
            return (-counts[path], fact.section if fact else 99, fact.order if fact else 0, path)

        return [{"fact": p, "label": _label(facts, p), "decides": counts[p]} for p in sorted(counts, key=order)]


def _label(facts: Mapping, path: str) -> str:
    fact = facts.get(generic_path(path)) or facts.get(generic_path(path).replace("householdMembers.", "applicant."))
    return fact.label if fact else path


class _Run:
    """One check: the verdicts of this situation, memoised so that a dependency is evaluated once."""

    def __init__(self, engine: RightsEngine, situation: Situation) -> None:
        self.engine, self.situation = engine, situation
        self.municipality = engine.codelists.geography.municipalities[situation.municipality]
        self.scope = engine.in_scope(situation.municipality)
        self.local = {
            d["linked_concept"]: i
            for i, d in engine.docs.items()
            if d["kind"] == "instance" and d["municipality"] == self.municipality.code
        }
        self.answers: dict[str, RightAnswer] = {}
        self.busy: set[str] = set()
        lists = engine.codelists
        self.ctx = Context(
            data=lists.rights_data,
            status_labels=lists.statuses.labels,
            scope_label=lists.geography.scope_label,
            municipality_scopes=self.municipality.scopes,
            right_verdict=self._verdict_of,
            extra={"missing_of": {}},
        )

    def _verdict_of(self, right_id: str) -> tuple[str, str, str]:
        target = self.local.get(right_id, right_id)
        doc = self.engine.docs.get(target)
        if doc is None:
            return UNKNOWN, right_id, "dat recht staat niet in de catalogus."
        result = self.evaluate(target)
        self.ctx.extra["missing_of"][right_id] = result.missing
        return result.eligibility, doc.get("title") or target, result.why

    def answer(self, right_id: str) -> dict:
        doc = self.engine.docs[right_id]
        result = self.evaluate(right_id)
        procedures = doc.get("procedures") or []
        how = "Automatisch toegekend; je hoeft niets aan te vragen." if result.automatic else ""
        if not how and procedures:
            how = procedures[0].get("description") or procedures[0].get("title") or ""
        return {
            "id": right_id,
            "concept": doc.get("linked_concept") or right_id,
            "title": doc.get("title") or right_id,
            "eligibility": result.eligibility,
            "why": result.why,
            "automatic": result.automatic,
            "conditions": result.conditions,
            "missingFacts": result.missing,
            "dependsOn": result.depends_on,
            "howToApply": how,
            "url": f"/recht/{right_id}",
        }

    def elsewhere(self, right_id: str) -> dict:
        """A right whose territory does not include the municipality: no, and where it applies."""
        doc = self.engine.docs[right_id]
        where = ", ".join(self.ctx.scope_label(s) for s in doc["spatial"])
        return {
            "id": right_id,
            "concept": right_id,
            "title": doc.get("title") or right_id,
            "eligibility": "no",
            "why": f"Dit recht geldt alleen in {where}; {self.municipality.name} ligt daarbuiten.",
            "automatic": False,
            "conditions": [],
            "missingFacts": [],
            "dependsOn": [],
            "howToApply": "",
            "url": f"/recht/{right_id}",
        }

    def evaluate(self, right_id: str) -> RightAnswer:
        known = self.answers.get(right_id)
        if known is not None:
            return known
        if right_id in self.busy:  # a cycle the catalogue check should have refused
            return RightAnswer(right_id, UNKNOWN, "Dit recht hangt in een kring van zichzelf af.", False, [], [], [])
        self.busy.add(right_id)
        try:
            answer = self._evaluate(right_id, self.engine.docs[right_id])
        finally:
            self.busy.discard(right_id)
        self.answers[right_id] = answer
        return answer

    def _evaluate(self, right_id: str, doc: dict) -> RightAnswer:
        depends = sorted(right_dependencies(doc))
        concept = doc.get("linked_concept") or right_id
        if doc.get("engine") == "leefloon" and self.engine.leefloon is not None:
            eligibility, why, missing = self.engine.leefloon(self.situation)
            return RightAnswer(right_id, eligibility, why, False, [], missing, depends)
        statuses = self.situation.statuses(self.situation.applicant) or []
        held = {s["id"] for s in statuses}
        labels = self.engine.codelists.statuses.labels
        automatic = [s for s in doc.get("automatic_when") or [] if s in held]
        if automatic:
            why = f"Je krijgt dit automatisch omdat je {labels.get(automatic[0], automatic[0])} hebt."
            return RightAnswer(right_id, "yes", why, True, [], [], depends)
        if concept in held and concept in labels:
            return RightAnswer(right_id, "yes", f"Je krijgt dit al ({labels[concept]}).", False, [], [], depends)
        conditions = doc.get("conditions") or []
        if not conditions:
            why = "Voor dit recht zijn (nog) geen machineleesbare voorwaarden: bekijk de voorwaarden bij het recht."
            return RightAnswer(right_id, UNKNOWN, why, False, [], [], depends)
        results = [leaves.evaluate(c, self.situation, self.ctx) for c in conditions]
        scheme = self.engine._scheme(len(results))
        matched = self.engine.matcher.matched(scheme, {f"c{i}": r.status for i, r in enumerate(results)})
        shown = [_condition_json(c, r, doc) for c, r in zip(conditions, results, strict=True)]
        if "no" in matched:
            first = next(r for r in results if r.status == NOT_MET)
            return RightAnswer(right_id, "no", first.text, False, shown, [], depends)
        if "yes" in matched and not fully_modelled(doc):
            why = (
                "Wat de catalogus voor dit recht nagaat, is voldaan, maar de voorwaarden zijn niet volledig "
                "machineleesbaar: de dienst die beslist, gaat de rest na."
            )
            return RightAnswer(right_id, UNKNOWN, why, False, shown, [], depends)
        if "yes" in matched:
            return RightAnswer(right_id, "yes", "Je voldoet aan alle voorwaarden.", False, shown, [], depends)
        open_ = [r for r in results if r.status == UNKNOWN]
        missing = list(dict.fromkeys(m for r in open_ for m in r.missing))
        return RightAnswer(right_id, UNKNOWN, open_[0].text, False, shown, missing, depends)


MODELLED_TYPES = {"any", "not", "right", "fact", "assessment", "members"}


def fully_modelled(doc: dict) -> bool:
    """Whether a right's conditions are its criteria (reference §2, written with the rights-check vocabulary) or
    only hints written for the right's page (the catalogue's older conditions: necessary, never sufficient). Only
    a fully modelled right can be `yes`; a hint that is not met still makes it `no`."""

    def modelled(condition: dict) -> bool:
        return condition.get("type") in MODELLED_TYPES or any(
            condition.get(key) for key in ("parameter", "as_of", "held_months_min", "member", "household")
        )

    return bool(doc.get("engine") or doc.get("automatic_when") or any(modelled(c) for c in doc.get("conditions") or []))


def _condition_json(condition: dict, result: Result, doc: dict) -> dict:
    valid_from = result.valid_from
    return {
        "status": result.status,
        "text": result.text,
        "source": condition.get("source") or doc.get("source_url") or "",
        "confidence": condition.get("confidence") or result.confidence or "official",
        "validFrom": valid_from.isoformat() if isinstance(valid_from, dt.date) else valid_from,
    }
