"""The Dutch text of a leefloon advice: explanations, variants, warnings, the ordered steps and the motivation.

A pure rendering of the Advice dataclass (domain/advice.py): it decides nothing and computes nothing but the
formatting of the figures the advisor kept. Templates of conditions and review reasons come from rules/.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.domain.advice import Advice, ConditionResult, ResourceLine, ReviewReason, Variant

STATUS_NL = {"met": "voldaan", "notMet": "niet voldaan", "unknown": "onbekend", "review": "te beoordelen"}
CONFIDENCE_NL = {"CORROBORATED-CODE": "alleen bevestigd door publieke code van derden", "UNCONFIRMED": "niet bevestigd"}
VERDICT_NL = {"grant": "adviseert het leefloon toe te kennen", "refuse": "adviseert het leefloon te weigeren",
              "review": "legt het dossier ter beoordeling voor"}
EXEMPTION_REASON_NL = {"exemptHealth": "gezondheidsredenen"}


def eur(amount: Decimal) -> str:
    """Belgian euro notation, half-up to the cent (e.g. € 1.234,56)."""
    whole, cents = f"{lf.round_cents(amount):,.2f}".split(".")
    return "€ " + whole.replace(",", ".") + "," + cents


def percent(rate: Decimal) -> str:
    """A fraction as a Dutch percentage: 0.06 → '6 %', 0.125 → '12,5 %'."""
    return f"{(rate * 100).normalize():f}".replace(".", ",") + " %"


def number(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def _members(paths: list[str]) -> str:
    names = [lf.person_label(p).lower() for p in paths]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def condition_text(c: ConditionResult) -> str:
    if not c.template:
        return "Geen regel van toepassing."
    x = c.context
    unclaimed = ", ".join(lf.INCOME_LABELS.get(t, t).lower() for t in x.get("unclaimed", []))
    eu_start = x.get("eu_start")
    values = {
        "age": x.get("age"), "minor_reason": x.get("minor_reason", ""), "status_label": x.get("status_label"),
        "eu_start": eu_start.isoformat() if isinstance(eu_start, dt.date) else "",
        "countable": eur(x["countable"]), "category_amount": eur(x["category_amount"]),
        "exemption_reason": EXEMPTION_REASON_NL.get(x.get("exemption_reason"), "billijkheidsredenen"),
        "unclaimed": unclaimed,
    }
    return c.template.format(**values)


def line_text(line: ResourceLine) -> str:
    d = line.detail
    match line.rule:
        case "exemptIncome":
            return f"Vrijgesteld: {d['label']}."
        case "familyAllowanceForApplicantNotCounted":
            return "Gezinsbijslag die de huisgenoot voor de aanvrager ontvangt, niet meegeteld in deze berekening."
        case "spiArtistic":
            return f"Artistieke inkomsten {eur(d['yearly'])} per jaar min de SPI-vrijstelling van {eur(d['exemption'])}."
        case "countedIncome":
            return f"Telt volledig mee: {eur(d['yearly'])} per jaar."
        case "spiExemption":
            if not d["usable"]:
                return f"Inkomen uit werk {eur(d['yearly'])} per jaar telt volledig: de SPI-vrijstelling is opgebruikt."
            reason = "student met GPMI" if d["student"] else "werk begonnen tijdens het leefloon"
            return (f"Inkomen uit werk {eur(d['monthly'])} per maand ({reason}) min de SPI-vrijstelling van "
                    f"{eur(d['spi'])} per maand, × 12.")
        case "capitalTranches":
            return (f"Roerend kapitaal {eur(d['capital'])}: niets tot {eur(d['exempt_upto'])}, {percent(d['rate2'])} "
                    f"tot {eur(d['tranche2_upto'])}, {percent(d['rate3'])} daarboven = {eur(d['income'])} per jaar.")
        case "cadastralIncome":
            return (f"Niet-geïndexeerd kadastraal inkomen {eur(d['cadastral_income'])} × aandeel {number(d['share'])} "
                    f"min vrijstelling {eur(d['exemption'])}, × {number(d['multiplier'])} = {eur(d['income'])} per jaar.")
        case "art34Debtors2026":
            return (f"Onderhoudsplichtigen ({d['debtors']}): samen {eur(d['total'])} min {d['debtors']} × "
                    f"{eur(d['category1'])} = {eur(d['part'])} telt verplicht mee.")
        case "art34Optional":
            return ("Bestaansmiddelen van een meerderjarige ouder of kind: in de standaardberekening niet meegeteld "
                    "(keuze van het OCMW).")
    if line.type == "cohabitantShare":
        return f"{d['rule_text']} Bestaansmiddelen {eur(d['total'])}, telt mee: {eur(d['part'])}."
    return d.get("rule_text") or "De bestaansmiddelen van deze huisgenoot tellen niet mee."


def variant_texts(v: Variant) -> tuple[str, str]:
    d = v.detail
    match v.code:
        case "standard":
            return "Standaardberekening", "De berekening hierboven."
        case "equityDebtors":
            return ("Billijkheid: onderhoudsplichtigen niet meegeteld",
                    "Het OCMW ziet om billijkheidsredenen af van het meetellen van de onderhoudsplichtigen.")
        case "firstDegreeCounted":
            return ("Ouders of meerderjarige kinderen meegeteld",
                    f"Het OCMW telt hun bestaansmiddelen ({eur(d['total'])}) mee voor wat boven {d['persons']} × "
                    f"{eur(d['category1'])} ligt: {eur(d['part'])}.")
        case "alternatingCustody":
            return ("Co-ouderschap: categorie 3 pro rata van de dagen",
                    f"Categorie 3 voor {d['hosted']} van de {d['days']} dagen, de andere dagen de huidige categorie.")
        case "category2":
            return ("Categorie 2 (huishouden niet gemeenschappelijk)",
                    "De aanvrager regelt het huishouden niet gemeenschappelijk.")
        case "memberAge":
            minors = set(d["assumed_minors"])
            parts = [f"{_members([m])} {'minderjarig' if m in minors else 'meerderjarig'}" for m in d["members"]]
            result = (f"dan categorie {d['category']}" if d["reached"]
                      else "dan is niet aan alle voorwaarden voldaan")
            return "Andere leeftijd van de huisgenoot", f"Als {', '.join(parts)} is: {result}."
    return v.code, ""


def review_text(r: ReviewReason) -> str:
    if r.code != "memberAgeUnknown":
        return r.template
    members, minors = r.context["members"], set(r.context["assumed_minors"])
    assumption = ", ".join(f"{_members([m])} {'minderjarig' if m in minors else 'meerderjarig'}" for m in members)
    return r.template.format(members=_members(members), assumption=assumption)


def warning_text(w) -> str:
    value = w.value.isoformat() if isinstance(w.value, dt.date) else w.value
    return (f"Het bedrag {w.parameter_id} ({value}) vanaf {w.start.isoformat()} is {CONFIDENCE_NL[w.confidence]} "
            f"({w.confidence}): {w.note or 'niet officieel bevestigd'}.")


def steps(advice: Advice) -> list[str]:
    c = advice.computation
    out = [f"Peildatum {advice.reference_date.isoformat()}, aanvraagdatum {advice.application_date.isoformat()}; "
           f"regels {advice.rules_version}."]
    for condition in advice.conditions:
        out.append(f"{condition.label}: {STATUS_NL[condition.status]}. {condition.explanation}")
    if advice.reached:
        out.append(c.category_explanation)
        out.append(f"Categoriebedrag {c.category}: {eur(c.category_amount)} per jaar.")
        for line in advice.resources:
            out.append(f"{lf.person_label(line.person)} – {lf.resource_label(line.type)}: {line.explanation}")
        out.append(f"In aanmerking genomen bestaansmiddelen: {eur(c.countable)} per jaar.")
        if c.countable < c.category_amount:
            out.append(f"Algemene vrijstelling: {eur(c.exemption)}. Leefloon = {eur(c.category_amount)} − "
                       f"({eur(c.countable)} − {eur(c.exemption)}) = {eur(c.yearly)} per jaar, {eur(c.monthly)} per maand.")
        else:
            out.append("De bestaansmiddelen zijn niet lager dan het categoriebedrag: geen leefloon.")
    for reason in advice.review_reasons:
        out.append(f"Te beoordelen: {reason.explanation}")
    return out


def motivation(advice: Advice) -> str:
    c = advice.computation
    parts = [f"Op basis van de gegevens op {advice.reference_date.isoformat()} {VERDICT_NL[advice.outcome]}."]
    for condition in advice.conditions:
        if condition.status == "notMet":
            parts.append(f"Niet voldaan: {condition.label.lower()} ({condition.legal_basis.label}). "
                         f"{condition.explanation}")
    if advice.reached:
        parts.append(f"De aanvrager valt in categorie {c.category} (Wet van 26 mei 2002, art. 14, §1). De in aanmerking "
                     f"genomen bestaansmiddelen bedragen {eur(c.countable)} per jaar (Wet art. 16; KB van 11 juli 2002, "
                     f"art. 22-35), wat een leefloon geeft van {eur(c.yearly)} per jaar of {eur(c.monthly)} per maand.")
    for reason in advice.review_reasons:
        parts.append(reason.explanation)
    return " ".join(parts)


def render(advice: Advice) -> Advice:
    """The advice with every Dutch text filled in."""
    conditions = tuple(dataclasses.replace(c, explanation=condition_text(c)) for c in advice.conditions)
    resources = tuple(dataclasses.replace(line, explanation=line_text(line)) for line in advice.resources)
    variants = tuple(dataclasses.replace(v, label=label, assumption=assumption)
                     for v in advice.variants for label, assumption in [variant_texts(v)])
    reasons = tuple(dataclasses.replace(r, explanation=review_text(r)) for r in advice.review_reasons)
    filled = dataclasses.replace(advice, conditions=conditions, resources=resources, variants=variants,
                                 review_reasons=reasons,
                                 warnings=tuple(warning_text(w) for w in advice.parameter_warnings))
    return dataclasses.replace(filled, explanation=tuple(steps(filled)), motivation=motivation(filled))
