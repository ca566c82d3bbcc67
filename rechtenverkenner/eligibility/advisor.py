"""The leefloon advisor: facts → rules (the matcher) → category → resources → amounts, as an Advice dataclass.

No Dutch prose is written here: texts come from rules/ (rule and review templates) and are filled in by
eligibility/render.py. Every legal figure comes from the scheme's dated parameters, every list of statuses or
incomes from law.toml, every citation from references.toml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
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
from rechtenverkenner.eligibility.matching import Matcher
from rechtenverkenner.eligibility.resources import ResourceCalculator

WARN_CONFIDENCE = {"CORROBORATED-CODE", "UNCONFIRMED"}
ZERO = Decimal(0)


class Advisor:
    """Builds advices for one scheme with one rule matcher (one per process)."""

    def __init__(self, scheme: Scheme, engine: Matcher) -> None:
        self.scheme = scheme
        self.engine = engine
        engine.register(scheme)

    def assess(self, situation: lf.Situation) -> Advice:
        """The advice for situation as data; raises NotModelledForDate before the first modelled date.

        A household member whose age is unknown is never guessed: the standard computation states its
        assumption (a `child` or `grandchild` is taken as a minor, anyone else as an adult), the age goes to
        missingFacts, the outcome is review, and a variant shows the computation under the other assumption.
        """
        unknown = situation.unknown_age_members()
        if not unknown:
            return self._assess_known(situation)
        children = self.scheme.law.child_relations
        standard = _assume(situation, unknown, lambda m: m.relation in children)
        other = _assume(situation, unknown, lambda m: m.relation not in children)
        advice = self._assess_known(standard)
        alternative = self._assess_known(other)
        return _with_unknown_ages(self.scheme, situation, unknown, advice, alternative)

    def _assess_known(self, situation: lf.Situation, regime: str | None = None) -> Advice:
        """The advice for a situation whose every household member's age is known or assumed."""
        advice = _Assessment(self.scheme, self.engine, situation, regime).build()
        advice = self._across_reform(situation, advice)
        return self._first_month(situation, advice)

    def _across_reform(self, situation: lf.Situation, advice: Advice) -> Advice:
        """A running file across the art. 34 reform: an application before the reform date and a reference
        date on or after it, with a member who is a maintenance debtor under the new rules. The new art. 34
        applies from the next revision: review, with the new regime's computation as a variant."""
        reform = self.scheme.parameter("art34_reform_from").value_at(situation.reference_date)
        if advice.art34_regime != "2002" or situation.reference_date < reform:
            return advice
        new = _Assessment(self.scheme, self.engine, situation, "2026").build()
        if "cohabitant_debtor_2026" not in new.rules_applied:
            return advice
        review = self.scheme.reviews["art34Transition"]
        c = new.computation
        variant = Variant("art34Regime2026", VariantAmounts(c.countable, c.yearly, c.monthly),
                          {"reform": reform, "category": c.category})
        variants = advice.variants or (_standard_variant(advice),)
        return dataclasses.replace(
            advice, outcome="review" if advice.outcome != "refuse" or not advice.reached else "refuse",
            review_reasons=(*advice.review_reasons, ReviewReason(review.code, review.legal_basis, review.explanation,
                                                                 {"reform": reform})),
            variants=(*variants, variant),
            rules_applied=tuple(dict.fromkeys((*advice.rules_applied, *new.rules_applied))))

    def _first_month(self, situation: lf.Situation, advice: Advice) -> Advice:
        """firstMonthAmount: the leefloon of the month of rightStartDate, computed with the amounts in force
        then, pro rata of the days from rightStartDate to the end of that month."""
        start = situation.right_start_date
        if start is None or advice.amounts is None:
            return advice
        then = _Assessment(self.scheme, self.engine, dataclasses.replace(situation, reference_date=start),
                           advice.art34_regime).build()
        first = lf.pro_rata_first_month(then.computation.monthly, start)
        warnings = tuple(dict.fromkeys((*advice.parameter_warnings, *then.parameter_warnings)))
        return dataclasses.replace(advice, amounts=dataclasses.replace(advice.amounts, first_month_amount=first),
                                   parameter_warnings=warnings)

    def advise(self, situation: lf.Situation) -> dict:
        """The advice as the JSON document of the API (rendered in Dutch, dumped by the advice schema)."""
        from rechtenverkenner.eligibility.output import advice_json

        return advice_json(self.assess(situation))


def _assume(situation: lf.Situation, indexes: list[int], minor: Callable[[lf.Member], bool]) -> lf.Situation:
    members = list(situation.members)
    for index in indexes:
        members[index] = dataclasses.replace(members[index], assumed_minor=bool(minor(members[index])))
    return dataclasses.replace(situation, members=members)


def _with_unknown_ages(scheme: Scheme, situation: lf.Situation, unknown: list[int], advice: Advice,
                       alternative: Advice) -> Advice:
    """The standard advice, made a review with the unknown ages as missing facts and the other assumption
    as a variant (the variant also tells what the unknown age changes)."""
    children = scheme.law.child_relations
    members = [f"householdMembers[{i}]" for i in unknown]
    minors = [f"householdMembers[{i}]" for i in unknown if situation.members[i].relation in children]
    review = scheme.reviews["memberAgeUnknown"]
    reason = ReviewReason(review.code, review.legal_basis, review.explanation,
                          {"members": members, "assumed_minors": minors})
    alt = alternative.computation
    variant = Variant("memberAge", VariantAmounts(alt.countable, alt.yearly, alt.monthly),
                      {"members": members, "assumed_minors": [m for m in members if m not in minors],
                       "category": alt.category, "reached": alternative.reached, "outcome": alternative.outcome})
    variants = advice.variants or (_standard_variant(advice),)
    return dataclasses.replace(
        advice, outcome="review" if advice.outcome != "refuse" or alternative.outcome != "refuse" else "refuse",
        review_reasons=(*advice.review_reasons, reason), variants=(*variants, variant),
        missing_facts=tuple(sorted({*advice.missing_facts, *(f"{m}.birthDate" for m in members)})),
        rules_applied=tuple(dict.fromkeys((*advice.rules_applied, *alternative.rules_applied))))


def _condition_reasons(conditions: list[ConditionResult]) -> list[ReviewReason]:
    """A review reason for every condition that is unknown or to be reviewed, citing its article."""
    return [ReviewReason(f"{c.id}{'Unknown' if c.status == 'unknown' else 'Review'}", c.legal_basis, c.template,
                         c.context, c) for c in conditions if c.status in ("unknown", "review")]


def _standard_variant(advice: Advice) -> Variant:
    c = advice.computation
    return Variant("standard", VariantAmounts(c.countable, c.yearly, c.monthly))


class _Assessment:
    """One computation of the advice for a situation whose every fact is known or explicitly assumed."""

    def __init__(self, scheme: Scheme, engine: Matcher, situation: lf.Situation, regime: str | None = None) -> None:
        self.scheme, self.engine, self.situation = scheme, engine, situation
        self.regime = regime  # "2002" | "2026" to override the art. 34 regime of the application date
        self.law = scheme.law
        self.variant_specs: list[tuple[str, Decimal, dict]] = []  # (code, extra countable, detail)
        self.warnings: list[ParameterWarning] = []
        self.reasons: list[str] = []
        self.reason_context: dict[str, dict] = {}
        self.missing: list[str] = []
        self.applied: list[str] = []  # ids of the rules that decided, in order

    def p(self, parameter_id: str, date: dt.date | None = None) -> Any:
        """A parameter's value on the reference date (or date); notes values that are not confirmed."""
        history = self.scheme.parameter(parameter_id)
        value = history.at(date or self.situation.reference_date)
        if value.confidence in WARN_CONFIDENCE:
            warning = ParameterWarning(parameter_id, history.description, history.unit, value.value, value.start,
                                       value.confidence, value.note)
            if warning not in self.warnings:
                self.warnings.append(warning)
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
        sgroup = lf.status_group(a, s.reference_date, self.p("eu_waiting_months"),
                                 self.law.status_group(status) if status else None)

        category_matched = self.engine.matched(self.scheme, lf.category_facts(s, children))
        category_rule = self.scheme.first(category_matched, decides="category")
        category = None if category_rule.status == "unknown" else int(category_rule.status)
        self.applied.append(category_rule.id)
        if review_rule := self.scheme.first(category_matched, decides="review"):
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
            amounts = Amounts(lf.round_cents(category_amount), lf.round_cents(countable),
                              lf.round_cents(exemption), lf.round_cents(year), month,
                              installation_premium=premium)
        computation = Computation(cat, category_rule.explanation, category_amount, countable, exemption, year, month)
        return Advice(
            advice_id=str(uuid.uuid4()), reference_date=s.reference_date, application_date=s.application_date,
            rules_version=self.scheme.version, outcome=outcome, conditions=tuple(conditions),
            resources=tuple(lines),
            variants=tuple(self.variants(cat, category_amount, countable, general_exemption,
                                         [*variant_specs, *self.variant_specs], children)),
            review_reasons=(*(self.review_reason(code) for code in self.reasons), *_condition_reasons(conditions)),
            missing_facts=tuple(sorted(set(self.missing))), parameter_warnings=tuple(self.warnings),
            art34_regime="2026" if new_regime else "2002",
            rules_applied=tuple([c.rule for c in conditions if c.rule] + self.applied),
            computation=computation, reached=reached,
            category=(category if category is not None else cat) if reached else None, amounts=amounts,
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
        dates = lf.birth_date_range(a, self.situation.reference_date)
        if dates is None or any(i.type == "pension" for i in a.incomes):
            return
        history = self.scheme.parameter("pension_age_by_birth_date")
        ages = {history.value_at(d) for d in dates}
        if a.age >= max(ages):
            self.review("pensionAge", reached="", pension_age=max(ages))
        elif a.age >= min(ages):
            self.review("pensionAge", reached="mogelijk", pension_age=f"{min(ages)} of {max(ages)}")
            self.missing.append("applicant.birthDate")

    def conditions(self, group: str, sgroup: str, minor_reason: str, countable: Decimal,
                   category_amount: Decimal) -> list[ConditionResult]:
        """Every condition of the scheme with the status of the first matching rule."""
        a = self.situation.applicant
        facts = {
            "residence": {True: "yes", False: "no", None: "unknown"}[a.actual_residence],
            "age_group": group, "status_group": sgroup,
            "willingness": a.willingness or "unknown",
            "student_without_piis": bool(a.full_time_student and not a.piis_signed),
            "unclaimed_benefits": bool(a.unclaimed_benefits),
            "resources": "insufficient" if countable < category_amount else "sufficient",
        }
        for missing, path in ((a.actual_residence is None, "applicant.actualResidenceInBelgium"),
                              (a.age is None, "applicant.birthDate"),
                              (a.residence_status is None, "applicant.residenceStatus"),
                              (sgroup == "eu_start_unknown", "applicant.euResidenceStartDate"),
                              (a.willingness is None, "applicant.willingnessToWork")):
            if missing:
                self.missing.append(path)
        matched = self.engine.matched(self.scheme, facts)
        context = {
            "age": a.age, "minor_reason": minor_reason,
            "status_label": self.law.status_labels.get(a.residence_status or "", a.residence_status),
            "eu_start": a.eu_residence_start, "countable": countable, "category_amount": category_amount,
            "exemption_reason": a.willingness, "unclaimed": list(a.unclaimed_benefits),
        }
        results = []
        for condition in self.scheme.conditions:
            rule = self.scheme.first(matched, condition=condition.id)
            results.append(ConditionResult(
                condition.id, condition.label, rule.status if rule else "unknown", rule.id if rule else None,
                condition.legal_basis, rule.explanation if rule else "", context))
        return results

    def outcome(self, conditions: list[ConditionResult]) -> tuple[str, bool]:
        """(outcome, reached): what each condition's notMet does comes from rules.toml (`not_met`)."""
        policy = {c.id: c.not_met for c in self.scheme.conditions}
        refused = any(c.status == "notMet" and policy[c.id] == "refuse" for c in conditions)
        if refused:
            return "refuse", False
        if self.reasons or any(c.status in ("unknown", "review") for c in conditions):
            return "review", True
        if any(c.status == "notMet" and policy[c.id] == "refuseWhenSettled" for c in conditions):
            return "refuse", True
        if any(c.status == "notMet" for c in conditions):
            return "review", True
        return "grant", True

    def variants(self, cat: int, category_amount: Decimal, countable: Decimal, general_exemption: Decimal,
                 specs: list[tuple[str, Decimal, dict]], children: list[lf.Member]) -> list[Variant]:
        if not specs and "alternatingCustody" not in self.reasons and "unknownCategory" not in self.reasons:
            return []
        out = [self._variant("standard", category_amount, countable, general_exemption, {})]
        for code, extra, detail in specs:
            out.append(self._variant(code, category_amount, countable + extra, general_exemption, detail))
        if "alternatingCustody" in self.reasons:
            days = lf.days_in_month(self.situation)
            hosted = max(c.hosted_days_in_month or 0 for c in children)
            y3, _ = lf.leefloon_yearly(self.p("category_amount_yearly_3"), countable,
                                       self.p("general_exemption_yearly_3"))
            y2, _ = lf.leefloon_yearly(category_amount, countable, general_exemption)
            month = lf.round_cents((lf.round_cents(y3 / 12) * hosted + lf.round_cents(y2 / 12) * (days - hosted)) / days)
            out.append(Variant("alternatingCustody", VariantAmounts(leefloon_monthly=month),
                               {"hosted": hosted, "days": days}))
        if "unknownCategory" in self.reasons:
            out.append(self._variant("category2", self.p("category_amount_yearly_2"), countable,
                                     self.p("general_exemption_yearly_2"), {}))
        return out

    @staticmethod
    def _variant(code: str, category_amount: Decimal, countable: Decimal, general_exemption: Decimal,
                 detail: dict) -> Variant:
        countable = max(ZERO, countable)
        year, _ = lf.leefloon_yearly(category_amount, countable, general_exemption)
        return Variant(code, VariantAmounts(lf.round_cents(countable), lf.round_cents(year),
                                            lf.round_cents(year / 12)), detail)
