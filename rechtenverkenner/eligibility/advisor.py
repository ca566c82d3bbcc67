"""The leefloon advisor: the Advice for a situation, from one or more assessments (assessment.py).

It runs an assessment per assumption where a fact is unknown (a member's age) and per regime where the law
changed during a running file (art. 34 on 1 March 2026), computes the first month at that month's amounts,
and combines the results into one Advice with review reasons and variants. No Dutch prose is written here
(render.py does that); every figure and citation comes from rules/.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.domain.advice import (
    Advice,
    FollowingRight,
    ReviewReason,
    Variant,
    VariantAmounts,
)
from rechtenverkenner.eligibility.assessment import Assessment
from rechtenverkenner.eligibility.files import Scheme
from rechtenverkenner.eligibility.matching import Matcher


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
        advice = Assessment(self.scheme, self.engine, situation, regime).build()
        advice = self._across_reform(situation, advice)
        return self._first_month(situation, advice)

    def _across_reform(self, situation: lf.Situation, advice: Advice) -> Advice:
        """A running file across the art. 34 reform: an application before the reform date and a reference
        date on or after it, with a member who is a maintenance debtor under the new rules. The new art. 34
        applies from the next revision: review, with the new regime's computation as a variant."""
        reform = self.scheme.parameter("art34_reform_from").value_at(situation.reference_date)
        if advice.art34_regime != "2002" or situation.reference_date < reform:
            return advice
        new = Assessment(self.scheme, self.engine, situation, "2026").build()
        if "cohabitant_debtor_2026" not in new.rules_applied:
            return advice
        review = self.scheme.reviews["art34Transition"]
        c = new.computation
        variant = Variant(
            "art34Regime2026",
            VariantAmounts(c.countable, c.yearly, c.monthly),
            {"reform": reform, "category": c.category},
        )
        variants = advice.variants or (_standard_variant(advice),)
        return dataclasses.replace(
            advice,
            outcome="review" if advice.outcome != "refuse" or not advice.reached else "refuse",
            review_reasons=(
                *advice.review_reasons,
                ReviewReason(review.code, review.legal_basis, review.explanation, {"reform": reform}),
            ),
            variants=(*variants, variant),
            rules_applied=tuple(dict.fromkeys((*advice.rules_applied, *new.rules_applied))),
        )

    def _first_month(self, situation: lf.Situation, advice: Advice) -> Advice:
        """firstMonthAmount: the leefloon of the month of rightStartDate, computed with the amounts in force
        then, pro rata of the days from rightStartDate to the end of that month."""
        start = situation.right_start_date
        if start is None or advice.amounts is None:
            return advice
        then = Assessment(
            self.scheme, self.engine, dataclasses.replace(situation, reference_date=start), advice.art34_regime
        ).build()
        first = lf.pro_rata_first_month(then.computation.monthly, start)
        warnings = tuple(dict.fromkeys((*advice.parameter_warnings, *then.parameter_warnings)))
        return dataclasses.replace(
            advice, amounts=dataclasses.replace(advice.amounts, first_month_amount=first), parameter_warnings=warnings
        )

    def advise(self, situation: lf.Situation, following: Sequence[FollowingRight] = ()) -> dict:
        """The advice as the JSON document of the API (rendered in Dutch, dumped by the advice schema).

        `following`: the rights a leefloon grant would bring (services/advice.py reads them from the
        catalogue); the advice lists them unless its outcome is refuse."""
        from rechtenverkenner.eligibility.output import advice_json

        advice = self.assess(situation)
        if following and advice.outcome != "refuse":
            advice = dataclasses.replace(advice, following_rights=tuple(following))
        return advice_json(advice)


def _assume(situation: lf.Situation, indexes: list[int], minor: Callable[[lf.Member], bool]) -> lf.Situation:
    members = list(situation.members)
    for index in indexes:
        members[index] = dataclasses.replace(members[index], assumed_minor=bool(minor(members[index])))
    return dataclasses.replace(situation, members=members)


def _with_unknown_ages(
    scheme: Scheme, situation: lf.Situation, unknown: list[int], advice: Advice, alternative: Advice
) -> Advice:
    """The standard advice, made a review with the unknown ages as missing facts and the other assumption
    as a variant (the variant also tells what the unknown age changes)."""
    children = scheme.law.child_relations
    members = [f"householdMembers[{i}]" for i in unknown]
    minors = [f"householdMembers[{i}]" for i in unknown if situation.members[i].relation in children]
    review = scheme.reviews["memberAgeUnknown"]
    reason = ReviewReason(
        review.code, review.legal_basis, review.explanation, {"members": members, "assumed_minors": minors}
    )
    alt = alternative.computation
    variant = Variant(
        "memberAge",
        VariantAmounts(alt.countable, alt.yearly, alt.monthly),
        {
            "members": members,
            "assumed_minors": [m for m in members if m not in minors],
            "category": alt.category,
            "reached": alternative.reached,
            "outcome": alternative.outcome,
        },
    )
    variants = advice.variants or (_standard_variant(advice),)
    return dataclasses.replace(
        advice,
        outcome="review" if advice.outcome != "refuse" or alternative.outcome != "refuse" else "refuse",
        review_reasons=(*advice.review_reasons, reason),
        variants=(*variants, variant),
        missing_facts=tuple(sorted({*advice.missing_facts, *(f"{m}.birthDate" for m in members)})),
        rules_applied=tuple(dict.fromkeys((*advice.rules_applied, *alternative.rules_applied))),
    )


def _standard_variant(advice: Advice) -> Variant:
    c = advice.computation
    return Variant("standard", VariantAmounts(c.countable, c.yearly, c.monthly))
