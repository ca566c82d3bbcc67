"""The leefloon advice: parse a request, advise, list the rights a grant would bring, show the parameters,
and the choices and labels of the form."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rechtenverkenner import metrics
from rechtenverkenner.domain import leefloon as lf_labels
from rechtenverkenner.domain.advice import FollowingRight
from rechtenverkenner.errors import BadRequest, Issue, NotModelled

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


def parse_advice_request(body: Any) -> lf_labels.Situation:
    """The Situation of a request body; raises BadRequest listing every problem with its JSON path."""
    from rechtenverkenner.eligibility.request import load_request

    situation, issues = load_request(body)
    if issues:
        raise BadRequest([Issue.from_entry(i) for i in issues])
    return situation


def leefloon_advice(advisor: Any, situation: Any, following: Sequence[FollowingRight] = ()) -> dict:
    """The advice for a validated situation; raises NotModelled before the first modelled date.

    `following`: the rights a grant would bring (RightsCheckService.following); the advice lists them unless it
    refuses. Logs the advice id and outcome only: the situation is personal data and is never stored or logged.
    """
    from rechtenverkenner.domain.parameters import NotModelledForDate

    try:
        advice = advisor.advise(situation, following)
    except NotModelledForDate as exc:
        raise NotModelled(exc) from exc
    log.info("leefloon advice %s outcome=%s rules=%s", advice["adviceId"], advice["outcome"], advice["rulesVersion"])
    metrics.count_advice(advice["outcome"])
    return advice


LEEFLOON = "leefloon"
_AS_OF = {"jan1": "op 1 januari van dit jaar ", "jan1_previous_year": "op 1 januari van het vorige jaar "}


def following_rights(docs: Mapping[str, dict]) -> tuple[FollowingRight, ...]:
    """The concepts that follow from the leefloon status: `automatic_when` names it, or a status condition does
    (at the top or as an alternative, never under `not`), or they follow in turn from such a right (a `right`
    condition, or a status that is that right). Ordered by title; each with one Dutch sentence why."""
    reasons: dict[str, str] = {}
    follows = {LEEFLOON: "een leefloon"}  # status or right id -> how the sentence names it
    changed = True
    while changed:
        changed = False
        for right_id, doc in docs.items():
            if right_id in reasons or right_id == LEEFLOON or doc.get("engine") == LEEFLOON:
                continue
            reason = _reason(doc, follows)
            if reason:
                reasons[right_id] = reason
                follows[right_id] = (doc.get("title") or right_id).lower()
                changed = True
    ordered = sorted(reasons, key=lambda i: (docs[i].get("title") or i).lower())
    return tuple(FollowingRight(i, docs[i].get("title") or i, reasons[i]) for i in ordered)


def _reason(doc: dict, follows: Mapping[str, str]) -> str | None:
    automatic = [s for s in doc.get("automatic_when") or [] if s in follows]
    if automatic:
        return f"Wie {_named(automatic[0], follows)} krijgt, krijgt dit automatisch."
    conditions = doc.get("conditions") or []
    for condition in _positive(conditions):
        named = [s for s in condition.get("any_of") or [] if s in follows] if condition["type"] == "status" else []
        if condition["type"] == "right" and condition.get("right") in follows:
            named = [condition["right"]]
        if not named:
            continue
        when = _AS_OF.get(condition.get("as_of") or "", "")
        months = condition.get("held_months_min")
        held = f"minstens {months} volle maanden " if months else ""
        verb = "kreeg" if when else "krijgt"
        rest = "" if len(conditions) == 1 else ", als ook de andere voorwaarden vervuld zijn"
        return f"Wie {when}{held}{_named(named[0], follows)} {verb}, kan dit krijgen{rest}."
    return None


def _named(status: str, follows: Mapping[str, str]) -> str:
    name = follows[status]
    return name if name.startswith("een ") else f"de {name}" if status != LEEFLOON else name


def _positive(conditions: list[dict]) -> Iterator[dict]:
    """The conditions at the top and in the options of `any` (not those under `not`: there a status excludes)."""
    for condition in conditions:
        yield condition
        for option in condition.get("options") or []:
            yield from _positive(option)


def parameter_overview(scheme: Any) -> dict:
    """Every parameter of a scheme with its full history, sources and confidence labels."""

    def show(value: Any) -> str:
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    return {
        "rulesVersion": scheme.version,
        "modelledFrom": scheme.modelled_from.isoformat(),
        "items": [
            {
                "id": p.id,
                "description": p.description,
                "unit": p.unit,
                "reference": {"label": p.reference.label, "url": p.reference.url},
                "values": [
                    {
                        "from": v.start.isoformat(),
                        "value": show(v.value),
                        "confidence": v.confidence,
                        "source": v.source,
                        "note": v.note,
                    }
                    for v in p.values
                ],
            }
            for p in scheme.parameters.values()
        ],
    }


def advice_choices() -> dict:
    """The choices the advice form offers, with Dutch labels."""
    from rechtenverkenner.eligibility.request import INCOME_TYPES, RELATIONS, RESIDENCE_STATUSES

    return {
        "residenceStatus": [
            (v, label)
            for v, label in zip(
                RESIDENCE_STATUSES,
                [
                    "Belg",
                    "EU-burger",
                    "Ingeschreven in het bevolkingsregister",
                    "Erkend vluchteling",
                    "Subsidiaire bescherming",
                    "Staatloze",
                    "Vreemdelingenregister",
                    "Verzoeker om internationale bescherming",
                    "Zonder wettig verblijf",
                ],
                strict=True,
            )
        ],
        "willingnessToWork": [
            ("demonstrated", "Aangetoond"),
            ("notDemonstrated", "Niet aangetoond"),
            ("exemptHealth", "Vrijgesteld om gezondheidsredenen"),
            ("exemptEquity", "Vrijgesteld om billijkheidsredenen"),
        ],
        "incomeType": [(v, INCOME_LABELS.get(v, v)) for v in INCOME_TYPES],
        "relation": [(v, RELATION_LABELS.get(v, v)) for v in RELATIONS],
    }


INCOME_LABELS = lf_labels.INCOME_LABELS
person_label = lf_labels.person_label
resource_label = lf_labels.resource_label
RELATION_LABELS = {
    "partner": "Partner",
    "child": "Kind",
    "parent": "Ouder",
    "grandparent": "Grootouder",
    "adultChild": "Meerderjarig kind",
    "grandchild": "Kleinkind",
    "sibling": "Broer of zus",
    "parentInLaw": "Schoonouder",
    "childInLaw": "Schoonzoon of -dochter",
    "exSpouse": "Ex-echtgeno(o)t(e)",
    "other": "Andere huisgenoot",
}
