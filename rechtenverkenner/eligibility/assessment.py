"""One assessment of the leefloon: facts → rules (the matcher) → category → resources → amounts, as an Advice.

The assessment works on a situation whose every fact is known or explicitly assumed; the Advisor
(advisor.py) runs it once or several times (unknown ages, the art. 34 reform, the first month) and combines
the results. No Dutch prose is written here: texts come from rules/ and are filled in by render.py.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.domain.advice import (
    Advice,
    Amounts,
    Computation,
    ConditionResult,
    ParameterWarning,
    ReviewReason,
    Variant,
    VariantAmounts,
)
from rechtenverkenner.domain.parameters import NotModelledForDate
from rechtenverkenner.eligibility.files import Scheme
from rechtenverkenner.eligibility.matching import Matcher, deciding
from rechtenverkenner.eligibility.resources import ResourceCalculator

WARN_CONFIDENCE = {"CORROBORATED-CODE", "UNCONFIRMED"}
ZERO = Decimal(0)


def _condition_reasons(conditions: list[ConditionResult]) -> list[ReviewReason]:
    """A review reason for every condition that is unknown or to be reviewed, citing its article."""
    return [
        ReviewReason(
            f"{c.id}{'Unknown' if c.status == 'unknown' else 'Review'}", c.legal_basis, c.template, c.context, c
        )
        for c in conditions
        if c.status in ("unknown", "review")
    ]


class Assessment:
    """One computation of the advice for a situation whose every fact is known or explicitly assumed."""

    def __init__(self, scheme: Scheme, engine: Matcher, situation: lf.Situation, regime: str | None = None) -> None:
        self.scheme, self.engine, self.situation = scheme, engine, situation
        self.regime = regime  # "2002" | "2026" to override the art. 34 regime of the application date
        self.law = scheme.law
        self.variant_specs: list[tuple[str, Decimal, dict]] = []  # (code, extra countable, detail)
        self._values: dict[str, Any] = {}  # parameter values on the reference date, looked up once
        self.warnings: list[ParameterWarning] = []
        self.reasons: list[str] = []
        self.reason_context: dict[str, dict] = {}
        self.missing: list[str] = []
        self.applied: list[str] = []  # ids of the rules that decided, in order

    def p(self, parameter_id: str, date: dt.date | None = None) -> Any:
        """A parameter's value on the reference date (or date); notes values that are not confirmed."""
        if date is None and parameter_id in self._values:
            return self._values[parameter_id]
        history = self.scheme.parameter(parameter_id)
        value = history.at(date or self.situation.reference_date)
        if value.confidence in WARN_CONFIDENCE:
            warning = ParameterWarning(
                parameter_id, history.description, history.unit, value.value, value.start, value.confidence, value.note
            )
            if warning not in self.warnings:
                self.warnings.append(warning)
        if date is None:
            self._values[parameter_id] = value.value
        return value.value

    def review(self, reason: str, **context: object) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
            self.reason_context[reason] = context
            return
        known = self.reason_context[reason]  # the same reason again: name every case once
        for key, value in context.items():
            if isinstance(value, str) and value not in str(known.get(key, "")).split(", "):
                known[key] = f"{known[key]}, {value}" if known.get(key) else value

    def build(self) -> Advice:
        s, a = self.situation, self.situation.applicant
        if s.reference_date < self.scheme.modelled_from:
            raise NotModelledForDate(self.scheme.id, s.reference_date, self.scheme.modelled_from)
        new_regime = s.application_date >= self.p("art34_reform_from") if self.regime is None else self.regime == "2026"
        adult_age = self.p("adult_age")
        children = lf.minor_children(s, adult_age, self.law.child_relations)
        group, minor_reason = lf.age_group(s, adult_age, children)
        status = a.residence_status
        sgroup = lf.status_group(
            a, s.reference_date, self.p("eu_waiting_months"), self.law.status_group(status) if status else None
        )

        decided = deciding(self.scheme, self.engine.matched(self.scheme, lf.category_facts(s, children)))
        category_rule = decided.get(("", "category"))
        category = None if category_rule.status == "unknown" else int(category_rule.status)
        self.applied.append(category_rule.id)
        if review_rule := decided.get(("", "review")):
            self.applied.append(review_rule.id)
            self.review("alternatingCustody")
        if category is None:
            self.review("unknownCategory")
            self.missing.append("applicant.sharesHousehold")
        cat = category or 1
        category_amount = self.p(f"category_amount_yearly_{cat}")
        category1 = self.p("category_amount_yearly_1")
        general_exemption = self.p(f"general_exemption_yearly_{cat}")
        with_allowance = len(children) if a.family_allowance_recipient else 0

        calc = ResourceCalculator(self, adult_age)
        lines = calc.person_lines("applicant", a, applicant=True, children_with_allowance=with_allowance)
        own = sum((line.counted_yearly for line in lines), ZERO)
        if a.property_transfers:
            self.review("propertyTransfer")
        if a.parents_live_elsewhere:
            self.review("maintenanceClaim")
        self.pension_age()
        cohabitant_part, cohabitant_lines, variant_specs = calc.cohabitants(cat, category1, new_regime, children)
        lines += cohabitant_lines
        countable = own + cohabitant_part
        year, exemption = lf.leefloon_yearly(category_amount, countable, general_exemption)
        month = lf.round_cents(year / 12)

        premium = self.installation_premium()
        conditions = self.conditions(group, sgroup, minor_reason, countable, category_amount)
        outcome, reached = self.outcome(conditions)
        amounts = None
        if reached:
            amounts = Amounts(
                lf.round_cents(category_amount),
                lf.round_cents(countable),
                lf.round_cents(exemption),
                lf.round_cents(year),
                month,
                installation_premium=premium,
            )
        computation = Computation(cat, category_rule.explanation, category_amount, countable, exemption, year, month)
        return Advice(
            advice_id=str(uuid.uuid4()),
            reference_date=s.reference_date,
            application_date=s.application_date,
            rules_version=self.scheme.version,
            outcome=outcome,
            conditions=tuple(conditions),
            resources=tuple(lines),
            variants=tuple(
                self.variants(
                    cat, category_amount, countable, general_exemption, [*variant_specs, *self.variant_specs], children
                )
            ),
            review_reasons=(*(self.review_reason(code) for code in self.reasons), *_condition_reasons(conditions)),
            missing_facts=tuple(sorted(set(self.missing))),
            parameter_warnings=tuple(self.warnings),
            art34_regime="2026" if new_regime else "2002",
            rules_applied=tuple([c.rule for c in conditions if c.rule] + self.applied),
            computation=computation,
            reached=reached,
            category=(category if category is not None else cat) if reached else None,
            amounts=amounts,
        )

    def review_reason(self, code: str) -> ReviewReason:
        text = self.scheme.reviews[code]
        return ReviewReason(code, text.legal_basis, text.explanation, self.reason_context.get(code, {}))

    def installation_premium(self) -> Decimal | None:
        """Law art. 14, §3: once in a lifetime, one monthly amount of category 3, for an applicant who leaves
        homelessness; none when an earlier premium is known, a review when that is not known."""
        a = self.situation.applicant
        if not a.leaving_homelessness or a.installation_premium_received:
            return None
        if a.installation_premium_received is None:
            self.review("installationPremiumOnce")
            self.missing.append("applicant.installationPremiumReceivedBefore")
        return lf.round_cents(self.p("category_amount_yearly_3") / self.p("installation_premium_divisor"))

    def pension_age(self) -> None:
        """An applicant at or past the legal pension age of their birth cohort without a pension must claim the
        pension and the IGO first (Law art. 3, 6°): a review reason, never a refusal."""
        a = self.situation.applicant
        history = self.scheme.parameter("pension_age_by_birth_date")
        if a.age is None or a.age < min(v.value for v in history.values):
            return
        dates = lf.birth_date_range(a, self.situation.reference_date)
        if dates is None or any(i.type == "pension" for i in a.incomes):
            return
        ages = {history.value_at(d) for d in dates}
        if a.age >= max(ages):
            self.review("pensionAge", reached="", pension_age=max(ages))
        elif a.age >= min(ages):
            self.review("pensionAge", reached="mogelijk", pension_age=f"{min(ages)} of {max(ages)}")
            self.missing.append("applicant.birthDate")

    def conditions(
        self, group: str, sgroup: str, minor_reason: str, countable: Decimal, category_amount: Decimal
    ) -> list[ConditionResult]:
        """Every condition of the scheme with the status of the first matching rule."""
        a = self.situation.applicant
        facts = {
            "residence": {True: "yes", False: "no", None: "unknown"}[a.actual_residence],
            "age_group": group,
            "status_group": sgroup,
            "willingness": a.willingness or "unknown",
            "student_without_piis": bool(a.full_time_student and not a.piis_signed),
            "unclaimed_benefits": bool(a.unclaimed_benefits),
            "resources": "insufficient" if countable < category_amount else "sufficient",
        }
        for missing, path in (
            (a.actual_residence is None, "applicant.actualResidenceInBelgium"),
            (a.age is None, "applicant.birthDate"),
            (a.residence_status is None, "applicant.residenceStatus"),
            (sgroup == "eu_start_unknown", "applicant.euResidenceStartDate"),
            (a.willingness is None, "applicant.willingnessToWork"),
        ):
            if missing:
                self.missing.append(path)
        matched = self.engine.matched(self.scheme, facts)
        context = {
            "age": a.age,
            "minor_reason": minor_reason,
            "status_label": self.law.status_labels.get(a.residence_status or "", a.residence_status),
            "eu_start": a.eu_residence_start,
            "countable": countable,
            "category_amount": category_amount,
            "exemption_reason": a.willingness,
            "unclaimed": list(a.unclaimed_benefits),
        }
        decided = deciding(self.scheme, matched)
        results = []
        for condition in self.scheme.conditions:
            rule = decided.get((condition.id, ""))
            results.append(
                ConditionResult(
                    condition.id,
                    condition.label,
                    rule.status if rule else "unknown",
                    rule.id if rule else None,
                    condition.legal_basis,
                    rule.explanation if rule else "",
                    context,
                )
            )
        return results

    def outcome(self, conditions: list[ConditionResult]) -> tuple[str, bool]:
        """(outcome, reached): what each condition's notMet does comes from rules.toml (`not_met`)."""
        not_met = {self.scheme.not_met_policy(c.id) for c in conditions if c.status == "notMet"}
        if "refuse" in not_met:
            return "refuse", False
        if self.reasons or any(c.status in ("unknown", "review") for c in conditions):
            return "review", True
        if "refuseWhenSettled" in not_met:
            return "refuse", True
        return ("review" if not_met else "grant"), True

    def variants(
        self,
        cat: int,
        category_amount: Decimal,
        countable: Decimal,
        general_exemption: Decimal,
        specs: list[tuple[str, Decimal, dict]],
        children: list[lf.Member],
    ) -> list[Variant]:
        if not specs and "alternatingCustody" not in self.reasons and "unknownCategory" not in self.reasons:
            return []
        out = [self._variant("standard", category_amount, countable, general_exemption, {})]
        for code, extra, detail in specs:
            out.append(self._variant(code, category_amount, countable + extra, general_exemption, detail))
        if "alternatingCustody" in self.reasons:
            days = lf.days_in_month(self.situation)
            hosted = max(c.hosted_days_in_month or 0 for c in children)
            y3, _ = lf.leefloon_yearly(
                self.p("category_amount_yearly_3"), countable, self.p("general_exemption_yearly_3")
            )
            y2, _ = lf.leefloon_yearly(category_amount, countable, general_exemption)
            month = lf.round_cents(
                (lf.round_cents(y3 / 12) * hosted + lf.round_cents(y2 / 12) * (days - hosted)) / days
            )
            out.append(
                Variant("alternatingCustody", VariantAmounts(leefloon_monthly=month), {"hosted": hosted, "days": days})
            )
        if "unknownCategory" in self.reasons:
            out.append(
                self._variant(
                    "category2", self.p("category_amount_yearly_2"), countable, self.p("general_exemption_yearly_2"), {}
                )
            )
        return out

    @staticmethod
    def _variant(
        code: str, category_amount: Decimal, countable: Decimal, general_exemption: Decimal, detail: dict
    ) -> Variant:
        countable = max(ZERO, countable)
        year, _ = lf.leefloon_yearly(category_amount, countable, general_exemption)
        return Variant(
            code, VariantAmounts(lf.round_cents(countable), lf.round_cents(year), lf.round_cents(year / 12)), detail
        )
