"""The leefloon advice: parse a request, advise, show the parameters, and the choices and labels of the form."""

from __future__ import annotations

import logging
from typing import Any

from rechtenverkenner.domain import leefloon as lf_labels
from rechtenverkenner.errors import BadRequest, Issue, NotModelled

log = logging.getLogger(__name__)


def parse_advice_request(body: Any) -> lf_labels.Situation:
    """The Situation of a request body; raises BadRequest listing every problem with its JSON path."""
    from rechtenverkenner.eligibility.request import load_request

    situation, issues = load_request(body)
    if issues:
        raise BadRequest([Issue.from_entry(i) for i in issues])
    return situation


def leefloon_advice(advisor: Any, situation: Any) -> dict:
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
