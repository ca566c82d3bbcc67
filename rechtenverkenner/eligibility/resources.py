"""The resources of the leefloon advice (Law art. 16; KB art. 22-35): one ResourceLine per resource.

Every figure comes from the scheme's dated parameters through the assessment's `p()`, every list of incomes
and every citation from law.toml; the arithmetic is in the named functions of domain/leefloon.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.domain.advice import ResourceLine

if TYPE_CHECKING:
    from rechtenverkenner.eligibility.advisor import _Assessment

ZERO = Decimal(0)


class ResourceCalculator:
    """The resource lines of one assessment (its parameters, review reasons and applied rules)."""

    def __init__(self, assessment: _Assessment, adult_age: int) -> None:
        self.a = assessment
        self.law = assessment.law
        self.adult_age = adult_age

    def line(self, person: str, kind: str, amounts: tuple[Decimal, Decimal, Decimal], rule: str,
             **detail) -> ResourceLine:
        """A line citing the legal basis law.toml gives for its rule; amounts = (yearly, counted, exempted)."""
        return ResourceLine(person, kind, *amounts, rule, self.law.resource_basis[rule], detail)

    def person_lines(self, who: str, person: lf.Person, *, applicant: bool, children_with_allowance: int = 0,
                     count_fa_for_applicant: bool = True) -> list[ResourceLine]:
        """The lines of one person's own incomes, capital and real estate."""
        p, law = self.a.p, self.law
        situation = self.a.situation
        lines: list[ResourceLine] = []
        student = bool(situation.applicant.full_time_student and situation.applicant.piis_signed)
        spi_total, spi_incomes = ZERO, []
        for income in person.incomes:
            year = lf.yearly(income.amount, income.period)
            if income.type in law.exempt_incomes:
                exempt = law.exempt_incomes[income.type]
                lines.append(ResourceLine(who, income.type, year, ZERO, year, "exemptIncome", exempt.legal_basis,
                                          {"label": exempt.label}))
                continue
            if income.type == "familyAllowanceForApplicant" and not applicant and not count_fa_for_applicant:
                lines.append(self.line(who, income.type, (year, ZERO, year), "familyAllowanceForApplicantNotCounted"))
                continue
            if applicant and income.type in law.spi_work_incomes and (income.started_while_beneficiary or student):
                spi_incomes.append(income)
                spi_total += lf.monthly(income.amount, income.period)
                continue
            if applicant and income.type in law.artistic_incomes:
                exemption = p("spi_artistic_exemption_yearly")
                counted = max(ZERO, year - exemption)
                lines.append(self.line(who, income.type, (year, counted, year - counted), "spiArtistic",
                                       yearly=year, exemption=exemption))
                continue
            lines.append(self.line(who, income.type, (year, year, ZERO), "countedIncome", yearly=year))
        if spi_incomes:
            lines.append(self.spi_line(who, spi_incomes, spi_total, student))
        if person.movable_capital:
            cap = person.movable_capital
            figures = {"exempt_upto": p("capital_exempt_upto"), "tranche2_upto": p("capital_tranche2_upto"),
                       "rate2": p("capital_rate_tranche2"), "rate3": p("capital_rate_tranche3")}
            income = lf.capital_income(cap, *figures.values())
            lines.append(self.line(who, "movableCapital", (cap, income, ZERO), "capitalTranches", capital=cap,
                                   income=income, **figures))
        for item in person.real_estate:
            exemption = p("real_estate_exemption") + p("real_estate_exemption_per_child") * children_with_allowance
            multiplier = Decimal(p("real_estate_multiplier"))
            income = lf.built_property_income(item.cadastral_income, item.share, exemption, multiplier)
            if item.kind != "built" or item.ownership != "full" or item.rented_out or not item.own_home:
                self.a.review("realEstateRules")
            if item.mortgage_interest_yearly:
                self.a.review("mortgageInterest")
            lines.append(self.line(who, "realEstate", (item.cadastral_income, income, ZERO), "cadastralIncome",
                                   cadastral_income=item.cadastral_income, share=item.share, exemption=exemption,
                                   multiplier=multiplier, income=income))
        return lines

    def spi_line(self, who: str, incomes: list[lf.Income], monthly: Decimal, student: bool) -> ResourceLine:
        """Work income under the SPI exemption (KB art. 35), unless the exemption is used up."""
        a, p = self.a.situation.applicant, self.a.p
        spi = p("spi_exemption_monthly")
        usable = True
        if not student:
            if a.spi_days_used is None:
                self.a.review("spiDaysUnknown")
                self.a.missing.append("applicant.spiDaysUsed")
            elif a.spi_days_used >= p("spi_max_days"):
                usable = False
                self.a.review("spiExhausted")
        year = monthly * 12
        counted = lf.spi_countable_yearly(monthly, spi) if usable else year
        kind = "+".join(sorted({i.type for i in incomes}))
        return self.line(who, kind, (year, counted, year - counted), "spiExemption", monthly=monthly, spi=spi,
                         student=student, usable=usable, yearly=year)

    def cohabitants(self, category: int, category1: Decimal, new_regime: bool, children: list[lf.Member]
                    ) -> tuple[Decimal, list[ResourceLine], list[tuple[str, Decimal, dict]]]:
        """Countable part of cohabitants' resources (KB art. 34), their lines and the variants it opens."""
        engine, scheme = self.a.engine, self.a.scheme
        lines: list[ResourceLine] = []
        counted = ZERO
        optional: list[tuple[Decimal, list[ResourceLine]]] = []
        debtors_total, debtors = ZERO, 0
        variants: list[tuple[str, Decimal, dict]] = []
        regime = "2026" if new_regime else "2002"
        for index, member in enumerate(self.a.situation.members):
            if any(member is child for child in children):
                continue
            minor = lf.is_minor(member, self.adult_age)
            if minor is None:
                raise ValueError("a member's unknown age must be assumed explicitly (Advisor.assess)")
            who = f"householdMembers[{index}]"
            member_lines = self.person_lines(who, member, applicant=False, count_fa_for_applicant=new_regime)
            total = sum((line.counted_yearly for line in member_lines), ZERO)
            rule = scheme.first(engine.matched(scheme, lf.member_facts(member, not minor, regime, category)),
                                decides="cohabitant")
            treatment = rule.status if rule else "notCounted"
            if rule:
                self.a.applied.append(rule.id)
            basis = rule.legal_basis if rule and rule.legal_basis else self.law.resource_basis["cohabitant"]
            text = rule.explanation if rule else ""
            if treatment in ("aboveCategory1", "full"):
                part = total if treatment == "full" else lf.above_reserved(total, 1, category1)
                counted += part
                lines += member_lines
                lines.append(ResourceLine(who, "cohabitantShare", total, part, total - part, rule.id, basis,
                                          {"rule_text": text, "total": total, "part": part}))
            elif treatment == "debtor":
                debtors_total += total
                debtors += 1
                lines += member_lines
            elif treatment == "optional":
                optional.append((total, member_lines))
            else:
                lines.append(ResourceLine(who, "cohabitant", total, ZERO, total, rule.id if rule else "art34NotCounted",
                                          basis, {"rule_text": text}))
        if debtors:
            part = lf.above_reserved(debtors_total, debtors, category1)
            counted += part
            self.a.review("equityArt34")
            lines.append(self.line("householdMembers", "maintenanceDebtors", (debtors_total, part, debtors_total - part),
                                   "art34Debtors2026", debtors=debtors, total=debtors_total,
                                   category1=category1, part=part))
            variants.append(("equityDebtors", -part, {"part": part}))
        if optional:
            total = sum((t for t, _ in optional), ZERO)
            part = lf.above_reserved(total, len(optional), category1)
            self.a.review("firstDegreeRelatives")
            basis = self.law.resource_basis["art34Optional"]
            for _, member_lines in optional:
                lines += [ResourceLine(line.person, line.type, line.yearly_amount, ZERO, line.yearly_amount,
                                       "art34Optional", basis, {}) for line in member_lines]
            variants.append(("firstDegreeCounted", part,
                             {"total": total, "persons": len(optional), "category1": category1, "part": part}))
        return counted, lines, variants
