"""The resources of the leefloon advice (Law art. 16; KB art. 22-35): one ResourceLine per resource.

Every figure comes from the scheme's dated parameters through the assessment's `p()`, every list of incomes
and every citation from law.toml; the arithmetic is in the named functions of domain/leefloon.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.domain.advice import ResourceLine
from rechtenverkenner.eligibility.matching import deciding

if TYPE_CHECKING:
    from rechtenverkenner.eligibility.assessment import Assessment

ZERO = Decimal(0)


class ResourceCalculator:
    """The resource lines of one assessment (its parameters, review reasons and applied rules)."""

    def __init__(self, assessment: Assessment, adult_age: int) -> None:
        self.a = assessment
        self.law = assessment.law
        self.adult_age = adult_age

    def line(
        self, person: str, kind: str, amounts: tuple[Decimal, Decimal, Decimal], rule: str, **detail
    ) -> ResourceLine:
        """A line citing the legal basis law.toml gives for its rule; amounts = (yearly, counted, exempted)."""
        return ResourceLine(person, kind, *amounts, rule, self.law.resource_basis[rule], detail)

    def person_lines(
        self, who: str, person: lf.Person, *, applicant: bool, children_with_allowance: int = 0
    ) -> list[ResourceLine]:
        """The lines of one person's own incomes, capital and real estate."""
        p, law = self.a.p, self.law
        situation = self.a.situation
        lines: list[ResourceLine] = []
        student = bool(situation.applicant.full_time_student and situation.applicant.piis_signed)
        spi_total, spi_incomes = ZERO, []
        for index, income in enumerate(person.incomes):
            year = lf.yearly(income.amount, income.period)
            if income.type in law.exempt_incomes:
                exempt = law.exempt_incomes[income.type]
                if not exempt.confirmed:
                    self.a.review("exemptionUnconfirmed", incomes=exempt.label)
                lines.append(
                    ResourceLine(
                        who, income.type, year, ZERO, year, "exemptIncome", exempt.legal_basis, {"label": exempt.label}
                    )
                )
                continue
            if income.type in law.ale_incomes:
                lines.append(self.ale_line(who, index, income, year))
                continue
            if applicant and income.type in law.spi_work_incomes and (income.started_while_beneficiary or student):
                spi_incomes.append(income)
                spi_total += lf.monthly(income.amount, income.period)
                continue
            if applicant and income.type in law.artistic_incomes:
                exemption = p("spi_artistic_exemption_yearly")
                counted = max(ZERO, year - exemption)
                lines.append(
                    self.line(
                        who,
                        income.type,
                        (year, counted, year - counted),
                        "spiArtistic",
                        yearly=year,
                        exemption=exemption,
                    )
                )
                continue
            lines.append(self.line(who, income.type, (year, year, ZERO), "countedIncome", yearly=year))
        if spi_incomes:
            lines.append(self.spi_line(who, spi_incomes, spi_total, student))
        if person.movable_capital:
            cap = person.movable_capital
            figures = {
                "exempt_upto": p("capital_exempt_upto"),
                "tranche2_upto": p("capital_tranche2_upto"),
                "rate2": p("capital_rate_tranche2"),
                "rate3": p("capital_rate_tranche3"),
            }
            income = lf.capital_income(cap, *figures.values())
            lines.append(
                self.line(
                    who, "movableCapital", (cap, income, ZERO), "capitalTranches", capital=cap, income=income, **figures
                )
            )
        lines += self.real_estate_lines(who, person, children_with_allowance)
        return lines

    def ale_line(self, who: str, index: int, income: lf.Income, year: Decimal) -> ResourceLine:
        """ALE/PWA income: exempt up to the dated amount per hour worked (KB art. 22, §1, d)."""
        if income.hours is None:
            self.a.review("aleHoursUnknown")
            self.a.missing.append(f"{who}.incomes[{index}].hours")
            return self.line(who, income.type, (year, year, ZERO), "countedIncome", yearly=year)
        hours = lf.yearly(income.hours, income.period)
        hourly = self.a.p("ale_exemption_hourly")
        exempt = min(year, hours * hourly)
        return self.line(
            who,
            income.type,
            (year, year - exempt, exempt),
            "aleExemption",
            yearly=year,
            hours=hours,
            hourly=hourly,
            exempt=exempt,
        )

    def real_estate_lines(self, who: str, person: lf.Person, children_with_allowance: int) -> list[ResourceLine]:
        """Built and unbuilt property (KB art. 25): per kind, the exemption comes once off the global
        cadastral income (KI × share of every property of that kind), then × the multiplier."""
        if not person.real_estate:
            return []
        p = self.a.p
        lines = []
        multiplier = Decimal(p("real_estate_multiplier"))
        built = [i for i in person.real_estate if i.kind == "built"]
        unbuilt = [i for i in person.real_estate if i.kind == "unbuilt"]
        for item in person.real_estate:
            if (
                item.ownership != "full"
                or item.rented_out
                or item.share < 1
                or (item.kind == "built" and not item.own_home)
            ):
                self.a.review("realEstateRules")
            if item.mortgage_interest_yearly:
                self.a.review("mortgageInterest")
        if len(built) > 1:
            self.a.review("realEstateRules")
        for kind, items in (("built", built), ("unbuilt", unbuilt)):
            if not items:
                continue
            if kind == "built":
                exemption = p("real_estate_exemption") + p("real_estate_exemption_per_child") * children_with_allowance
            else:
                exemption = p("real_estate_exemption_unbuilt")
            total = sum((i.cadastral_income * i.share for i in items), ZERO)
            income = lf.real_estate_income(total, exemption, multiplier)
            lines.append(
                self.line(
                    who,
                    "realEstate",
                    (total, income, ZERO),
                    "cadastralIncome",
                    property_kind=kind,
                    properties=len(items),
                    shares=[i.share for i in items],
                    total=total,
                    exemption=exemption,
                    multiplier=multiplier,
                    income=income,
                )
            )
        return lines

    def spi_line(self, who: str, incomes: list[lf.Income], monthly: Decimal, student: bool) -> ResourceLine:
        """Work income under the SPI exemption (KB art. 35), unless the exemption is used up."""
        a, p = self.a.situation.applicant, self.a.p
        spi = general = p("spi_exemption_monthly")
        grant_holder = student and any(i.type in self.law.study_grants for i in a.incomes)
        covid = False
        if grant_holder and p("spi_grant_holder_reduced"):
            # KB art. 35, §2: a student with a study grant had a lower SPI exemption until 31-12-2021; a
            # temporary COVID-19 measure gave the general amount until 30-09-2021, from a start not sourced
            spi = p("spi_exemption_grant_holder_monthly")
            covid = p("spi_grant_holder_covid_review")
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
        if covid and usable:
            self.a.review("spiGrantHolderCovid")
            difference = lf.spi_countable_yearly(monthly, general) - counted
            self.a.variant_specs.append(("spiGeneralForGrantHolder", difference, {"spi": general, "reduced": spi}))
        kind = "+".join(sorted({i.type for i in incomes}))
        return self.line(
            who,
            kind,
            (year, counted, year - counted),
            "spiExemption",
            monthly=monthly,
            spi=spi,
            student=student,
            usable=usable,
            yearly=year,
            grant_holder=grant_holder and spi != general,
        )

    def cohabitants(
        self, category: int, category1: Decimal, new_regime: bool, children: list[lf.Member]
    ) -> tuple[Decimal, list[ResourceLine], list[tuple[str, Decimal, dict]]]:
        """Countable part of cohabitants' resources (KB art. 34), their lines and the variants it opens."""
        engine, scheme = self.a.engine, self.a.scheme
        lines: list[ResourceLine] = []
        counted = ZERO
        optional: list[tuple[Decimal, list[ResourceLine]]] = []
        debtors_total, debtors = ZERO, 0
        variants: list[tuple[str, Decimal, dict]] = []
        regime = "2026" if new_regime else "2002"
        fa_for_applicant = ZERO  # family allowance a member receives for the applicant, not counted (2002)
        for index, member in enumerate(self.a.situation.members):
            if any(member is child for child in children):
                continue
            minor = lf.is_minor(member, self.adult_age)
            if minor is None:
                raise ValueError("a member's unknown age must be assumed explicitly (Advisor.assess)")
            who = f"householdMembers[{index}]"
            # a family allowance a cohabiting parent receives for the adult applicant is that parent's
            # resource (Cass. 19 januari 2015): it is part of the member's total below
            member_lines = self.person_lines(who, member, applicant=False)
            total = sum((line.counted_yearly for line in member_lines), ZERO)
            matched = engine.matched(scheme, lf.member_facts(member, not minor, regime, category))
            rule = deciding(scheme, matched).get(("", "cohabitant"))
            treatment = rule.status if rule else "notCounted"
            if rule:
                self.a.applied.append(rule.id)
            if (
                category == 3
                and member.relation == "partner"
                and any(
                    i.type in self.law.exempt_incomes and i.type.startswith("familyAllowance") for i in member.incomes
                )
            ):
                self.a.review("partnerFamilyAllowance")
            if category == 3 and member.relation != "partner" and not minor:
                self.a.review("threeGenerations")
            basis = rule.legal_basis if rule and rule.legal_basis else self.law.resource_basis["cohabitant"]
            text = rule.explanation if rule else ""
            if treatment in ("aboveCategory1", "full"):
                part = total if treatment == "full" else lf.above_reserved(total, 1, category1)
                counted += part
                lines += _via(member_lines, "cohabitantShare")
                lines.append(
                    ResourceLine(
                        who,
                        "cohabitantShare",
                        total,
                        part,
                        total - part,
                        rule.id,
                        basis,
                        {"rule_text": text, "total": total, "part": part},
                    )
                )
            elif treatment == "debtor":
                debtors_total += total
                debtors += 1
                lines += _via(member_lines, "maintenanceDebtors")
            elif treatment == "optional":
                optional.append((total, member_lines))
            else:
                lines.append(
                    ResourceLine(
                        who,
                        "cohabitant",
                        total,
                        ZERO,
                        total,
                        rule.id if rule else "art34NotCounted",
                        basis,
                        {"rule_text": text},
                    )
                )
            if treatment in ("optional", "notCounted") and not new_regime:
                fa_for_applicant += sum(
                    (lf.yearly(i.amount, i.period) for i in member.incomes if i.type == "familyAllowanceForApplicant"),
                    ZERO,
                )
        if fa_for_applicant:
            self.a.review("familyAllowanceForApplicant")
            variants.append(("familyAllowanceCounted", fa_for_applicant, {"amount": fa_for_applicant}))
        if debtors:
            part = lf.above_reserved(debtors_total, debtors, category1)
            counted += part
            self.a.review("equityArt34")
            lines.append(
                self.line(
                    "householdMembers",
                    "maintenanceDebtors",
                    (debtors_total, part, debtors_total - part),
                    "art34Debtors2026",
                    debtors=debtors,
                    total=debtors_total,
                    category1=category1,
                    part=part,
                )
            )
            variants.append(("equityDebtors", -part, {"part": part}))
        if optional:
            total = sum((t for t, _ in optional), ZERO)
            part = lf.above_reserved(total, len(optional), category1)
            self.a.review("firstDegreeRelatives")
            basis = self.law.resource_basis["art34Optional"]
            for _, member_lines in optional:
                lines += [
                    ResourceLine(
                        line.person, line.type, line.yearly_amount, ZERO, line.yearly_amount, "art34Optional", basis, {}
                    )
                    for line in member_lines
                ]
            variants.append(
                (
                    "firstDegreeCounted",
                    part,
                    {"total": total, "persons": len(optional), "category1": category1, "part": part},
                )
            )
        return counted, lines, variants


def _via(lines: list[ResourceLine], via: str) -> list[ResourceLine]:
    """A cohabitant's own lines when only a share of their resources counts: the share line (via) holds
    what counts, so these lines count nothing themselves and keep their own figure in the detail."""
    return [
        ResourceLine(
            line.person,
            line.type,
            line.yearly_amount,
            ZERO,
            ZERO,
            line.rule,
            line.legal_basis,
            {**line.detail, "via": via, "member_counted": line.counted_yearly},
        )
        for line in lines
    ]
