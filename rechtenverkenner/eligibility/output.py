"""The advice as the API's JSON document: rendered in Dutch (render.py), then dumped (interim dump)."""

from __future__ import annotations

from decimal import Decimal

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.domain.advice import Advice
from rechtenverkenner.domain.parameters import LegalReference
from rechtenverkenner.eligibility.render import render


def _money(amount: Decimal) -> float:
    return float(lf.round_cents(amount))


def _basis(ref: LegalReference) -> dict:
    return {"label": ref.label, "url": ref.url}


def advice_json(advice: Advice) -> dict:
    a = render(advice)
    body = {
        "adviceId": a.advice_id, "referenceDate": a.reference_date.isoformat(),
        "applicationDate": a.application_date.isoformat(), "rulesVersion": a.rules_version, "outcome": a.outcome,
        "conditions": [{"id": c.id, "label": c.label, "status": c.status, "rule": c.rule,
                        "legalBasis": _basis(c.legal_basis), "explanation": c.explanation} for c in a.conditions],
        "resources": [{"person": r.person, "type": r.type, "yearlyAmount": _money(r.yearly_amount),
                       "countedYearly": _money(r.counted_yearly), "exemptedYearly": _money(r.exempted_yearly),
                       "rule": r.rule, "legalBasis": _basis(r.legal_basis), "explanation": r.explanation}
                      for r in a.resources],
        "variants": [{"label": v.label, "assumption": v.assumption,
                      "amounts": {k: _money(x) for k, x in (("countableResourcesYearly", v.amounts.countable_resources_yearly),
                                                            ("leefloonYearly", v.amounts.leefloon_yearly),
                                                            ("leefloonMonthly", v.amounts.leefloon_monthly)) if x is not None}}
                     for v in a.variants],
        "reviewReasons": [{"code": r.code, "explanation": r.explanation} for r in a.review_reasons],
        "missingFacts": list(a.missing_facts), "warnings": list(a.warnings), "art34Regime": a.art34_regime,
        "rulesApplied": list(a.rules_applied),
    }
    if a.category is not None:
        body["category"] = a.category
    if a.amounts is not None:
        m = a.amounts
        body["amounts"] = {"categoryAmountYearly": _money(m.category_amount_yearly),
                           "countableResourcesYearly": _money(m.countable_resources_yearly),
                           "generalExemptionYearly": _money(m.general_exemption_yearly),
                           "leefloonYearly": _money(m.leefloon_yearly), "leefloonMonthly": _money(m.leefloon_monthly)}
        if m.first_month_amount is not None:
            body["amounts"]["firstMonthAmount"] = _money(m.first_month_amount)
    body["explanation"] = list(a.explanation)
    body["motivation"] = a.motivation
    return body
