"""The explainable leefloon advice: facts → rules (durable) → category → resources → amounts → text."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.domain.parameters import NotModelledForDate
from rechtenverkenner.eligibility.engine import RuleEngine
from rechtenverkenner.eligibility.files import Scheme

KB = "https://etaamb.openjustice.be/nl/koninklijk-besluit-van-11-juli-2002_n2002022564.html"
WET = "https://www.ejustice.just.fgov.be/cgi_loi/change_lg.pl?language=nl&la=N&cn=2002052635&table_name=wet"
KB2026 = "https://cpasuccle.be/calculer-le-montant-du-ris"
WARN_CONFIDENCE = {"CORROBORATED-CODE", "UNCONFIRMED"}
REVIEW_TEXTS = {
    "alternatingCustody": "Co-ouderschap: het kind verblijft de helft van de maand of minder bij de aanvrager. Categorie 3 pro rata van de dagen is de praktijk volgens de omzendbrief, maar de dagtelling is niet bevestigd.",
    "firstDegreeRelatives": "Meerderjarige ouders of kinderen wonen mee. Voor aanvragen vóór 1 maart 2026 mag het OCMW hun bestaansmiddelen boven het bedrag van categorie 1 geheel of gedeeltelijk meetellen (KB art. 34, §2): een keuze van het OCMW.",
    "equityArt34": "Sinds 1 maart 2026 tellen de bestaansmiddelen van meewonende meerderjarige onderhoudsplichtigen verplicht mee; of het OCMW om billijkheidsredenen kan afwijken, is niet bevestigd. De maatschappelijk werker beoordeelt de billijkheid.",
    "unknownCategory": "Niet gekend of de aanvrager het huishouden gemeenschappelijk regelt: de categorie hangt daarvan af.",
    "mortgageInterest": "Hypothecaire interesten kunnen onder voorwaarden worden afgetrokken van de inkomsten uit de eigen woning; de regel is niet bevestigd. De berekening trekt niets af.",
    "realEstateRules": "Voor deze onroerende goederen (onbebouwd, verhuurd, vruchtgebruik, naakte eigendom of geen eigen woning) zijn de regels niet bevestigd. De berekening past de regel van de eigen bebouwde woning toe.",
    "propertyTransfer": "Afstand van goederen in de jaren voor de aanvraag telt mee als fictief kapitaal volgens regels die niet bevestigd zijn. De berekening telt de afstand niet mee.",
    "spiDaysUnknown": "Het aantal dagen waarvoor de SPI-vrijstelling al gebruikt werd, is niet gekend.",
    "spiExhausted": "De SPI-vrijstelling is al voor de maximale duur gebruikt.",
}


class Advisor:
    """Builds advices for one scheme with one rule engine (one per process, built in create_app)."""

    def __init__(self, scheme: Scheme, engine: RuleEngine):
        self.scheme = scheme
        self.engine = engine
        engine.register(scheme)

    def advise(self, situation: lf.Situation) -> dict:
        """The advice for situation; raises NotModelledForDate before the first modelled date."""
        return _Advice(self.scheme, self.engine, situation).build()


@dataclass
class _Line:
    person: str
    type: str
    yearly: Decimal
    counted: Decimal
    exempted: Decimal
    rule: str
    basis: tuple[str, str]
    explanation: str

    def as_dict(self) -> dict:
        return {"person": self.person, "type": self.type, "yearlyAmount": money(self.yearly),
                "countedYearly": money(self.counted), "exemptedYearly": money(self.exempted), "rule": self.rule,
                "legalBasis": {"label": self.basis[0], "url": self.basis[1]}, "explanation": self.explanation}


def money(amount: Decimal) -> float:
    """Two decimals, half-up, as a JSON number."""
    return float(lf.round_cents(amount))


def eur(amount: Decimal) -> str:
    whole, cents = f"{lf.round_cents(amount):,.2f}".split(".")
    return "€ " + whole.replace(",", ".") + "," + cents


@dataclass
class _Advice:
    scheme: Scheme
    engine: RuleEngine
    situation: lf.Situation
    warnings: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)  # ids of the rules that decided, in order

    def p(self, parameter_id: str, date: dt.date | None = None):
        value = self.scheme.parameter(parameter_id).at(date or self.situation.reference_date)
        if value.confidence in WARN_CONFIDENCE:
            label = {"CORROBORATED-CODE": "alleen bevestigd door publieke code van derden", "UNCONFIRMED": "niet bevestigd"}[value.confidence]
            text = f"Het bedrag {parameter_id} ({value.value}) vanaf {value.start.isoformat()} is {label} ({value.confidence}): {value.note or 'niet officieel bevestigd'}."
            if text not in self.warnings:
                self.warnings.append(text)
        return value.value

    def review(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)

    # --- resources ---------------------------------------------------------------------------

    def person_lines(self, who: str, person: lf.Person, *, applicant: bool, children_with_allowance: int = 0,
                     count_fa_for_applicant: bool = True) -> list[_Line]:
        lines: list[_Line] = []
        a = self.situation.applicant
        spi_total = Decimal(0)
        spi_incomes = []
        for income in person.incomes:
            year = lf.yearly(income.amount, income.period)
            label = income.type
            if income.type in lf.EXEMPT_INCOMES:
                lines.append(_Line(who, label, year, Decimal(0), year, "exemptIncome", ("KB 11 juli 2002, art. 22, §1", KB),
                                   f"Vrijgesteld: {lf.EXEMPT_INCOMES[income.type]}."))
                continue
            if income.type == "familyAllowanceForApplicant" and not applicant and not count_fa_for_applicant:
                lines.append(_Line(who, label, year, Decimal(0), year, "familyAllowanceForApplicantNotCounted",
                                   ("KB 11 juli 2002, art. 34", KB), "Gezinsbijslag die de huisgenoot voor de aanvrager ontvangt, niet meegeteld in deze berekening."))
                continue
            if applicant and income.type in lf.WORK_INCOMES and (income.started_while_beneficiary or (a.full_time_student and a.piis_signed)):
                spi_incomes.append(income)
                spi_total += lf.monthly(income.amount, income.period)
                continue
            if applicant and income.type == "artisticIncome":
                exemption = self.p("spi_artistic_exemption_yearly")
                counted = max(Decimal(0), year - exemption)
                lines.append(_Line(who, label, year, counted, year - counted, "spiArtistic", ("KB 11 juli 2002, art. 35", KB),
                                   f"Artistieke inkomsten {eur(year)} per jaar min de SPI-vrijstelling van {eur(exemption)}."))
                continue
            lines.append(_Line(who, label, year, year, Decimal(0), "countedIncome", ("Wet 26 mei 2002, art. 16", WET),
                               f"Telt volledig mee: {eur(year)} per jaar."))
        if spi_incomes:
            spi = self.p("spi_exemption_monthly")
            student = a.full_time_student and a.piis_signed
            usable = True
            if not student:
                if a.spi_days_used is None:
                    self.review("spiDaysUnknown")
                    self.missing.append("applicant.spiDaysUsed")
                elif a.spi_days_used >= self.p("spi_max_days"):
                    usable = False
                    self.review("spiExhausted")
            year = spi_total * 12
            counted = lf.spi_countable_yearly(spi_total, spi) if usable else year
            reason = "student met GPMI" if student else "werk begonnen tijdens het leefloon"
            lines.append(_Line(who, "+".join(sorted({i.type for i in spi_incomes})), year, counted, year - counted, "spiExemption",
                               ("KB 11 juli 2002, art. 35", KB),
                               f"Inkomen uit werk {eur(spi_total)} per maand ({reason}) min de SPI-vrijstelling van {eur(spi)} per maand, × 12."
                               if usable else f"Inkomen uit werk {eur(year)} per jaar telt volledig: de SPI-vrijstelling is opgebruikt."))
        if person.movable_capital:
            cap = person.movable_capital
            income = lf.capital_income(cap, self.p("capital_exempt_upto"), self.p("capital_tranche2_upto"),
                                       self.p("capital_rate_tranche2"), self.p("capital_rate_tranche3"))
            lines.append(_Line(who, "movableCapital", cap, income, Decimal(0), "capitalTranches", ("KB 11 juli 2002, art. 27", KB),
                               f"Roerend kapitaal {eur(cap)}: niets tot {eur(self.p('capital_exempt_upto'))}, 6 % tot {eur(self.p('capital_tranche2_upto'))}, 10 % daarboven = {eur(income)} per jaar."))
        for item in person.real_estate:
            exemption = self.p("real_estate_exemption") + self.p("real_estate_exemption_per_child") * children_with_allowance
            income = lf.built_property_income(item.cadastral_income, item.share, exemption, Decimal(self.p("real_estate_multiplier")))
            if item.kind != "built" or item.ownership != "full" or item.rented_out or not item.own_home:
                self.review("realEstateRules")
            if item.mortgage_interest_yearly:
                self.review("mortgageInterest")
            lines.append(_Line(who, "realEstate", item.cadastral_income, income, Decimal(0), "cadastralIncome",
                               ("KB 11 juli 2002, art. 25", KB),
                               f"Niet-geïndexeerd kadastraal inkomen {eur(item.cadastral_income)} × aandeel {item.share} min vrijstelling {eur(exemption)}, × {self.p('real_estate_multiplier')} = {eur(income)} per jaar."))
        return lines

    def cohabitants(self, category: int, category1: Decimal, new_regime: bool) -> tuple[Decimal, list[_Line], list[dict]]:
        """Countable part of cohabitants' resources, their lines and the variants it opens."""
        lines: list[_Line] = []
        counted = Decimal(0)
        optional: list[tuple[Decimal, list[_Line]]] = []
        debtors_total, debtors = Decimal(0), 0
        variants_base: list[dict] = []
        minors = self.situation.minor_children()
        regime = "2026" if new_regime else "2002"
        for index, member in enumerate(self.situation.members):
            if member in minors:
                continue
            who = f"householdMembers[{index}]"
            member_lines = self.person_lines(who, member, applicant=False, count_fa_for_applicant=new_regime)
            total = sum((line.counted for line in member_lines), Decimal(0))
            rule = self.scheme.first(self.engine.matched(self.scheme, lf.member_facts(member, regime, category)),
                                     decides="cohabitant")
            treatment = rule.status if rule else "notCounted"
            if rule:
                self.applied.append(rule.id)
            basis = ("KB 11 juli 2002, art. 34", KB)
            if treatment in ("aboveCategory1", "full"):
                part = total if treatment == "full" else lf.above_reserved(total, 1, category1)
                counted += part
                lines += member_lines
                lines.append(_Line(who, "cohabitantShare", total, part, total - part, rule.id, basis,
                                   f"{rule.explanation} Bestaansmiddelen {eur(total)}, telt mee: {eur(part)}."))
            elif treatment == "debtor":
                debtors_total += total
                debtors += 1
                lines += member_lines
            elif treatment == "optional":
                optional.append((total, member_lines))
            else:
                lines.append(_Line(who, "cohabitant", total, Decimal(0), total, rule.id if rule else "art34NotCounted", basis,
                                   rule.explanation if rule else "De bestaansmiddelen van deze huisgenoot tellen niet mee."))
        if debtors:
            part = lf.above_reserved(debtors_total, debtors, category1)
            counted += part
            self.review("equityArt34")
            lines.append(_Line("householdMembers", "maintenanceDebtors", debtors_total, part, debtors_total - part, "art34Debtors2026",
                               ("KB 11 juli 2002, art. 34, zoals gewijzigd door het KB van 7 januari 2026", KB2026),
                               f"Onderhoudsplichtigen ({debtors}): samen {eur(debtors_total)} min {debtors} × {eur(category1)} = {eur(part)} telt verplicht mee."))
            variants_base.append({"label": "Billijkheid: onderhoudsplichtigen niet meegeteld", "extra": -part,
                                  "assumption": "Het OCMW ziet om billijkheidsredenen af van het meetellen van de onderhoudsplichtigen."})
        if optional:
            total = sum((t for t, _ in optional), Decimal(0))
            part = lf.above_reserved(total, len(optional), category1)
            self.review("firstDegreeRelatives")
            for _, member_lines in optional:
                lines += [_Line(l.person, l.type, l.yearly, Decimal(0), l.yearly, "art34Optional", ("KB 11 juli 2002, art. 34, §2", KB),
                                "Bestaansmiddelen van een meerderjarige ouder of kind: in de standaardberekening niet meegeteld (keuze van het OCMW).")
                          for l in member_lines]
            variants_base.append({"label": "Ouders of meerderjarige kinderen meegeteld", "extra": part,
                                  "assumption": f"Het OCMW telt hun bestaansmiddelen ({eur(total)}) mee voor wat boven {len(optional)} × {eur(category1)} ligt: {eur(part)}."})
        return counted, lines, variants_base

    # --- the advice --------------------------------------------------------------------------

    def build(self) -> dict:
        s, a = self.situation, self.situation.applicant
        if s.reference_date < self.scheme.modelled_from:
            raise NotModelledForDate("leefloon", s.reference_date, self.scheme.modelled_from)
        new_regime = s.application_date >= self.p("art34_reform_from")
        group, minor_reason = lf.age_group(s, self.p("adult_age"))
        sgroup = lf.status_group(a, s.reference_date, self.p("eu_waiting_months"))
        category_matched = self.engine.matched(self.scheme, lf.category_facts(s))
        category_rule = self.scheme.first(category_matched, decides="category")
        category = None if category_rule.status == "unknown" else int(category_rule.status)
        category_text = category_rule.explanation
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
        children_with_allowance = len(s.minor_children()) if a.family_allowance_recipient else 0

        lines = self.person_lines("applicant", a, applicant=True, children_with_allowance=children_with_allowance)
        own = sum((line.counted for line in lines), Decimal(0))
        if a.property_transfers:
            self.review("propertyTransfer")
        cohabitant_part, cohabitant_lines, variant_specs = self.cohabitants(cat, category1, new_regime)
        lines += cohabitant_lines
        countable = own + cohabitant_part
        year, exemption = lf.leefloon_yearly(category_amount, countable, general_exemption)
        month = lf.round_cents(year / 12)

        facts = {
            "residence": {True: "yes", False: "no", None: "unknown"}[a.actual_residence],
            "age_group": group, "status_group": sgroup,
            "willingness": a.willingness or "unknown",
            "student_without_piis": bool(a.full_time_student and not a.piis_signed),
            "unclaimed_benefits": bool(a.unclaimed_benefits),
            "resources": "insufficient" if countable < category_amount else "sufficient",
        }
        if a.actual_residence is None:
            self.missing.append("applicant.actualResidenceInBelgium")
        if a.age is None:
            self.missing.append("applicant.birthDate")
        if a.residence_status is None:
            self.missing.append("applicant.residenceStatus")
        if sgroup == "eu_start_unknown":
            self.missing.append("applicant.euResidenceStartDate")
        if a.willingness is None:
            self.missing.append("applicant.willingnessToWork")
        matched = self.engine.matched(self.scheme, facts)
        context = {
            "age": a.age, "minor_reason": minor_reason,
            "status_label": lf.STATUS_LABELS.get(a.residence_status or "", a.residence_status),
            "eu_start": a.eu_residence_start.isoformat() if a.eu_residence_start else "",
            "countable": eur(countable), "category_amount": eur(category_amount),
            "exemption_reason": "gezondheidsredenen" if a.willingness == "exemptHealth" else "billijkheidsredenen",
            "unclaimed": ", ".join(a.unclaimed_benefits),
        }
        conditions = []
        for condition in self.scheme.conditions:
            rule = self.scheme.first(matched, condition=condition.id)
            status = rule.status if rule else "unknown"
            text = rule.explanation.format(**context) if rule else "Geen regel van toepassing."
            conditions.append({"id": condition.id, "label": condition.label, "status": status, "rule": rule.id if rule else None,
                               "legalBasis": {"label": condition.legal_basis.label, "url": condition.legal_basis.url},
                               "explanation": text})
        statuses = {c["id"]: c["status"] for c in conditions}
        hard = ("effectiveResidence", "age", "nationality")
        if any(statuses[c] == "notMet" for c in hard):
            outcome = "refuse"
        elif self.reasons or any(v in ("unknown", "review") for v in statuses.values()):
            outcome = "review"
        elif statuses["insufficientResources"] == "notMet":
            outcome = "refuse"
        else:
            outcome = "grant"

        amounts = {
            "categoryAmountYearly": money(category_amount),
            "countableResourcesYearly": money(countable),
            "generalExemptionYearly": money(exemption),
            "leefloonYearly": money(year),
            "leefloonMonthly": money(month),
        }
        if s.right_start_date:
            amounts["firstMonthAmount"] = money(lf.pro_rata_first_month(month, s.right_start_date))
        variants = self.variants(cat, category_amount, countable, general_exemption, variant_specs)
        reached = not any(statuses[c] == "notMet" for c in hard)  # no category or amount for who is excluded
        advice = {
            "adviceId": str(uuid.uuid4()),
            "referenceDate": s.reference_date.isoformat(),
            "applicationDate": s.application_date.isoformat(),
            "rulesVersion": self.scheme.version,
            "outcome": outcome,
            "conditions": conditions,
            "resources": [line.as_dict() for line in lines],
            "variants": variants,
            "reviewReasons": [{"code": r, "explanation": REVIEW_TEXTS[r]} for r in self.reasons],
            "missingFacts": sorted(set(self.missing)),
            "warnings": self.warnings,
            "art34Regime": "2026" if new_regime else "2002",
            "rulesApplied": [c["rule"] for c in conditions if c["rule"]] + self.applied,
        }
        if reached:
            advice["category"] = category if category is not None else cat
            advice["amounts"] = amounts
        advice["explanation"] = self.steps(advice, category_text, cat, category_amount, countable, exemption, year, month, reached)
        advice["motivation"] = self.motivation(advice, conditions, cat, countable, year, month, reached)
        return advice

    def variants(self, cat, category_amount, countable, general_exemption, specs) -> list[dict]:
        if not specs and "alternatingCustody" not in self.reasons and "unknownCategory" not in self.reasons:
            return []
        out = [self._variant("Standaardberekening", "De berekening hierboven.", category_amount, countable, general_exemption)]
        for spec in specs:
            out.append(self._variant(spec["label"], spec["assumption"], category_amount, countable + spec["extra"], general_exemption))
        if "alternatingCustody" in self.reasons:
            s = self.situation
            days = lf.days_in_month(s)
            hosted = max(c.hosted_days_in_month or 0 for c in s.minor_children())
            cat3 = self.p("category_amount_yearly_3")
            y3, _ = lf.leefloon_yearly(cat3, countable, self.p("general_exemption_yearly_3"))
            y2, _ = lf.leefloon_yearly(category_amount, countable, general_exemption)
            month = lf.round_cents((lf.round_cents(y3 / 12) * hosted + lf.round_cents(y2 / 12) * (days - hosted)) / days)
            out.append({"label": "Co-ouderschap: categorie 3 pro rata van de dagen", "assumption":
                        f"Categorie 3 voor {hosted} van de {days} dagen, de andere dagen de huidige categorie.",
                        "amounts": {"leefloonMonthly": money(month)}})
        if "unknownCategory" in self.reasons:
            cat2 = self.p("category_amount_yearly_2")
            out.append(self._variant("Categorie 2 (huishouden niet gemeenschappelijk)", "De aanvrager regelt het huishouden niet gemeenschappelijk.",
                                     cat2, countable, self.p("general_exemption_yearly_2")))
        return out

    def _variant(self, label, assumption, category_amount, countable, general_exemption) -> dict:
        countable = max(Decimal(0), countable)
        year, _ = lf.leefloon_yearly(category_amount, countable, general_exemption)
        return {"label": label, "assumption": assumption,
                "amounts": {"countableResourcesYearly": money(countable), "leefloonYearly": money(year),
                            "leefloonMonthly": money(lf.round_cents(year / 12))}}

    def steps(self, advice, category_text, cat, category_amount, countable, exemption, year, month, reached) -> list[str]:
        steps = [f"Peildatum {advice['referenceDate']}, aanvraagdatum {advice['applicationDate']}; regels {advice['rulesVersion']}."]
        for c in advice["conditions"]:
            steps.append(f"{c['label']}: {STATUS_NL[c['status']]}. {c['explanation']}")
        if reached:
            steps.append(category_text)
            steps.append(f"Categoriebedrag {cat}: {eur(category_amount)} per jaar.")
            for line in advice["resources"]:
                steps.append(f"{lf.person_label(line['person'])} – {lf.resource_label(line['type'])}: {line['explanation']}")
            steps.append(f"In aanmerking genomen bestaansmiddelen: {eur(countable)} per jaar.")
            if countable < category_amount:
                steps.append(f"Algemene vrijstelling: {eur(exemption)}. Leefloon = {eur(category_amount)} − ({eur(countable)} − {eur(exemption)}) = {eur(year)} per jaar, {eur(month)} per maand.")
            else:
                steps.append("De bestaansmiddelen zijn niet lager dan het categoriebedrag: geen leefloon.")
        for reason in advice["reviewReasons"]:
            steps.append(f"Te beoordelen: {reason['explanation']}")
        return steps

    def motivation(self, advice, conditions, cat, countable, year, month, reached) -> str:
        verdict = {"grant": "adviseert het leefloon toe te kennen", "refuse": "adviseert het leefloon te weigeren",
                   "review": "legt het dossier ter beoordeling voor"}[advice["outcome"]]
        parts = [f"Op basis van de gegevens op {advice['referenceDate']} {verdict}."]
        failed = [c for c in conditions if c["status"] == "notMet"]
        for c in failed:
            parts.append(f"Niet voldaan: {c['label'].lower()} ({c['legalBasis']['label']}). {c['explanation']}")
        if reached and not any(c["id"] in ("effectiveResidence", "age", "nationality") for c in failed):
            parts.append(f"De aanvrager valt in categorie {cat} (Wet van 26 mei 2002, art. 14, §1). De in aanmerking genomen bestaansmiddelen bedragen {eur(countable)} per jaar (Wet art. 16; KB van 11 juli 2002, art. 22-35), wat een leefloon geeft van {eur(year)} per jaar of {eur(month)} per maand.")
        for reason in advice["reviewReasons"]:
            parts.append(reason["explanation"])
        return " ".join(parts)


STATUS_NL = {"met": "voldaan", "notMet": "niet voldaan", "unknown": "onbekend", "review": "te beoordelen"}
