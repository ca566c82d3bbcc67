"""The Dutch text of a leefloon advice: explanations, variants, warnings, the ordered steps and the motivation.

A pure rendering of the Advice dataclass (domain/advice.py): it decides nothing and computes nothing but the
formatting of the figures the advisor kept. Templates of conditions and review reasons come from rules/.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TypeVar

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.domain.advice import (
    Advice,
    ConditionResult,
    ParameterWarning,
    ResourceLine,
    ReviewReason,
    Variant,
)
from rechtenverkenner.domain.dutch import dutch_date, euro

T = TypeVar("T")

STATUS_NL = {"met": "voldaan", "notMet": "niet voldaan", "unknown": "onbekend", "review": "te beoordelen"}
CONFIDENCE_NL = {"CORROBORATED-CODE": "alleen bevestigd door publieke code van derden", "UNCONFIRMED": "niet bevestigd"}
EXEMPTION_REASON_NL = {"exemptHealth": "gezondheidsredenen"}


@functools.lru_cache(maxsize=4096)  # the same few amounts return in every text of an advice
def eur(amount: Decimal) -> str:
    """Belgian euro notation, half-up to the cent (e.g. € 1.234,56)."""
    return euro(amount)


def percent(rate: Decimal) -> str:
    """A fraction as a Dutch percentage: 0.06 → '6 %', 0.125 → '12,5 %'."""
    return f"{(rate * 100).normalize():f}".replace(".", ",") + " %"


def number(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def _members(paths: list[str]) -> str:
    names = [lf.person_label(p).lower() for p in paths]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def condition_text(c: ConditionResult, values: dict | None = None) -> str:
    if not c.template:
        return "Geen regel van toepassing."
    return c.template.format(**(values if values is not None else condition_values(c.context)))


def condition_values(x: dict) -> dict:
    """The Dutch values of the conditions' placeholders (one context serves every condition of an advice)."""
    unclaimed = ", ".join(lf.INCOME_LABELS.get(t, t).lower() for t in x.get("unclaimed", []))
    eu_start = x.get("eu_start")
    return {
        "age": x.get("age"),
        "minor_reason": x.get("minor_reason", ""),
        "status_label": x.get("status_label"),
        "eu_start": eu_start.isoformat() if isinstance(eu_start, dt.date) else "",
        "countable": eur(x["countable"]),
        "category_amount": eur(x["category_amount"]),
        "exemption_reason": EXEMPTION_REASON_NL.get(x.get("exemption_reason"), "billijkheidsredenen"),
        "unclaimed": unclaimed,
    }


def line_text(line: ResourceLine) -> str:
    d = line.detail
    if "via" in d:
        where = (
            "het deel van de huisgenoot" if d["via"] == "cohabitantShare" else "het deel van de onderhoudsplichtigen"
        )
        return (
            f"Bestaansmiddel van de huisgenoot: {eur(d['member_counted'])} per jaar. Wat daarvan meetelt, "
            f"staat bij {where}."
        )
    match line.rule:
        case "exemptIncome":
            return f"Vrijgesteld: {d['label']}."
        case "spiArtistic":
            return (
                f"Artistieke inkomsten {eur(d['yearly'])} per jaar min de SPI-vrijstelling van {eur(d['exemption'])}."
            )
        case "countedIncome":
            return f"Telt volledig mee: {eur(d['yearly'])} per jaar."
        case "aleExemption":
            return (
                f"Inkomen uit PWA/ALE {eur(d['yearly'])} per jaar; vrijgesteld tot {eur(d['hourly'])} per uur voor "
                f"{number(d['hours'])} uur: {eur(d['exempt'])} vrijgesteld."
            )
        case "spiExemption":
            if not d["usable"]:
                return f"Inkomen uit werk {eur(d['yearly'])} per jaar telt volledig: de SPI-vrijstelling is opgebruikt."
            reason = "student met GPMI" if d["student"] else "werk begonnen tijdens het leefloon"
            if d.get("grant_holder"):
                reason = "student met GPMI en studiebeurs: de lagere vrijstelling voor beursstudenten"
            return (
                f"Inkomen uit werk {eur(d['monthly'])} per maand ({reason}) min de SPI-vrijstelling van "
                f"{eur(d['spi'])} per maand, × 12."
            )
        case "capitalTranches":
            return (
                f"Roerend kapitaal {eur(d['capital'])}: niets tot {eur(d['exempt_upto'])}, {percent(d['rate2'])} "
                f"tot {eur(d['tranche2_upto'])}, {percent(d['rate3'])} daarboven = {eur(d['income'])} per jaar."
            )
        case "cadastralIncome":
            what = "bebouwde eigendom" if d["property_kind"] == "built" else "onbebouwde grond"
            shares = " + ".join(f"aandeel {number(x)}" for x in d["shares"])
            count = f"{d['properties']} goederen, " if d["properties"] > 1 else ""
            return (
                f"Niet-geïndexeerd kadastraal inkomen van {what} ({count}{shares}): samen {eur(d['total'])}, "
                f"min vrijstelling {eur(d['exemption'])}, × {number(d['multiplier'])} = {eur(d['income'])} per jaar."
            )
        case "art34Debtors2026":
            return (
                f"Onderhoudsplichtigen ({d['debtors']}): samen {eur(d['total'])} min {d['debtors']} × "
                f"{eur(d['category1'])} = {eur(d['part'])} telt verplicht mee."
            )
        case "art34Optional":
            return (
                "Bestaansmiddelen van een meerderjarige ouder of kind: in de standaardberekening niet meegeteld "
                "(keuze van het OCMW)."
            )
    if line.type == "cohabitantShare":
        return f"{d['rule_text']} Bestaansmiddelen {eur(d['total'])}, telt mee: {eur(d['part'])}."
    return d.get("rule_text") or "De bestaansmiddelen van deze huisgenoot tellen niet mee."


def variant_texts(v: Variant) -> tuple[str, str]:
    d = v.detail
    match v.code:
        case "standard":
            return "Standaardberekening", "De berekening hierboven."
        case "equityDebtors":
            return (
                "Billijkheid: onderhoudsplichtigen niet meegeteld",
                "Het OCMW ziet om billijkheidsredenen af van het meetellen van de onderhoudsplichtigen.",
            )
        case "firstDegreeCounted":
            return (
                "Ouders of meerderjarige kinderen meegeteld",
                f"Het OCMW telt hun bestaansmiddelen ({eur(d['total'])}) mee voor wat boven {d['persons']} × "
                f"{eur(d['category1'])} ligt: {eur(d['part'])}.",
            )
        case "alternatingCustody":
            return (
                "Co-ouderschap: categorie 3 pro rata van de dagen",
                f"Categorie 3 voor {d['hosted']} van de {d['days']} dagen, de andere dagen de huidige categorie.",
            )
        case "familyAllowanceCounted":
            return (
                "Gezinsbijslag voor de aanvrager meegeteld",
                f"De gezinsbijslag die een huisgenoot voor de meerderjarige aanvrager ontvangt ({eur(d['amount'])} "
                "per jaar), telt als bestaansmiddel van de aanvrager (lezing van de POD MI; volgens het Hof van "
                "Cassatie van 19 januari 2015 is het een bestaansmiddel van de ouder).",
            )
        case "spiGeneralForGrantHolder":
            return (
                "Beursstudent met de algemene SPI-vrijstelling (coronamaatregel)",
                f"De tijdelijke coronamaatregel gaf beursstudenten de algemene vrijstelling van {eur(d['spi'])} per "
                f"maand in plaats van {eur(d['reduced'])}.",
            )
        case "art34Regime2026":
            return (
                f"Nieuw art. 34 (vanaf {dutch_date(d['reform'])})",
                "Het nieuwe art. 34 wordt al toegepast: de bestaansmiddelen van meewonende meerderjarige "
                "onderhoudsplichtigen tellen verplicht mee boven het bedrag van categorie 1 per persoon.",
            )
        case "category2":
            return (
                "Categorie 2 (huishouden niet gemeenschappelijk)",
                "De aanvrager regelt het huishouden niet gemeenschappelijk.",
            )
        case "memberAge":
            minors = set(d["assumed_minors"])
            parts = [f"{_members([m])} {'minderjarig' if m in minors else 'meerderjarig'}" for m in d["members"]]
            result = f"dan categorie {d['category']}" if d["reached"] else "dan is niet aan alle voorwaarden voldaan"
            return "Andere leeftijd van de huisgenoot", f"Als {', '.join(parts)} is: {result}."
    return v.code, ""


def review_text(r: ReviewReason) -> str:
    if r.condition is not None:
        c = r.condition
        return f"{c.label}: {STATUS_NL[c.status]}. {condition_text(c)} ({c.legal_basis.label})"
    if r.code != "memberAgeUnknown":
        text = r.template.format(**{k: dutch_date(v) if isinstance(v, dt.date) else v for k, v in r.context.items()})
        return " ".join(text.split())  # an empty placeholder leaves no double space
    members, minors = r.context["members"], set(r.context["assumed_minors"])
    assumption = ", ".join(f"{_members([m])} {'minderjarig' if m in minors else 'meerderjarig'}" for m in members)
    return r.template.format(members=_members(members), assumption=assumption)


def _value(value: object, unit: str) -> str:
    if isinstance(value, dt.date):
        return dutch_date(value)
    if unit.startswith("EUR"):
        return eur(value) + ("/" + unit.split("/")[1] if "/" in unit else "")
    return f"{number(value)} {unit}".strip()


def warning_text(w: ParameterWarning) -> str:
    what = w.description.rstrip(".")
    return (
        f"Let op: {what[0].lower() + what[1:]} ({_value(w.value, w.unit)}, vanaf {dutch_date(w.start)}) is "
        f"{CONFIDENCE_NL[w.confidence]}: {w.note or 'niet officieel bevestigd'}."
    )


def steps(advice: Advice) -> list[str]:
    c = advice.computation
    out = [
        f"Peildatum {advice.reference_date.isoformat()}, aanvraagdatum {advice.application_date.isoformat()}; "
        f"regels {advice.rules_version}."
    ]
    for condition in advice.conditions:
        out.append(f"{condition.label}: {STATUS_NL[condition.status]}. {condition.explanation}")
    if advice.reached:
        out.append(c.category_explanation)
        out.append(f"Categoriebedrag {c.category}: {eur(c.category_amount)} per jaar.")
        for line in advice.resources:
            out.append(f"{lf.person_label(line.person)} – {lf.resource_label(line.type)}: {line.explanation}")
        out.append(f"In aanmerking genomen bestaansmiddelen: {eur(c.countable)} per jaar.")
        if c.countable < c.category_amount:
            out.append(
                f"Algemene vrijstelling: {eur(c.exemption)}. Leefloon = {eur(c.category_amount)} − "
                f"({eur(c.countable)} − {eur(c.exemption)}) = {eur(c.yearly)} per jaar, {eur(c.monthly)} per maand."
            )
        else:
            out.append("De bestaansmiddelen zijn niet lager dan het categoriebedrag: geen leefloon.")
        if advice.amounts is not None and advice.amounts.installation_premium is not None:
            out.append(
                f"Installatiepremie bij het verlaten van de dakloosheid: één maandbedrag van categorie 3, "
                f"{eur(advice.amounts.installation_premium)}, één keer in het leven."
            )
    for reason in advice.review_reasons:
        if reason.condition is None:  # a condition's own step already says it
            out.append(f"Te beoordelen: {reason.explanation}")
    return out


OPENING_NL = {
    "grant": "De sociale dienst adviseert het leefloon toe te kennen vanaf de toestand op {ref}.",
    "refuse": "De sociale dienst adviseert het leefloon te weigeren op basis van de toestand op {ref}.",
    "review": (
        "Het dossier wordt ter beoordeling voorgelegd: op basis van de toestand op {ref} kan de "
        "sociale dienst nog geen toekenning of weigering adviseren."
    ),
}
VERDICT_NL = {
    "met": "is voldaan",
    "notMet": "is niet voldaan",
    "unknown": "kan niet beoordeeld worden",
    "review": "moet beoordeeld worden",
}
MOTIVATION_ORDER = {"notMet": 0, "unknown": 1, "review": 2, "met": 3}


def _motivation_order(condition: ConditionResult) -> int:
    return MOTIVATION_ORDER[condition.status]


def motivation(advice: Advice) -> str:
    """The motivation for the social report: full Dutch sentences, the facts and dates of the case, every
    condition with its article, what is left to assess, and the figures that are not confirmed."""
    c = advice.computation
    ref, app = dutch_date(advice.reference_date), dutch_date(advice.application_date)
    parts = [f"De aanvraag dateert van {app}.", OPENING_NL[advice.outcome].format(ref=ref)]
    for condition in sorted(advice.conditions, key=_motivation_order):
        parts.append(
            f"De voorwaarde '{condition.label}' ({condition.legal_basis.label}) {VERDICT_NL[condition.status]}. "
            f"{condition.explanation}"
        )
    if advice.reached:
        parts.append(
            f"De aanvrager valt in categorie {c.category} (Wet van 26 mei 2002, art. 14, §1): "
            f"{c.category_explanation} De in aanmerking genomen bestaansmiddelen bedragen "
            f"{eur(c.countable)} per jaar (Wet van 26 mei 2002, art. 16; KB van 11 juli 2002, art. 22-35)."
        )
        if c.countable < c.category_amount:
            parts.append(
                f"Dat geeft een leefloon van {eur(c.yearly)} per jaar of {eur(c.monthly)} per maand "
                f"(categoriebedrag {eur(c.category_amount)} min de bestaansmiddelen na de algemene "
                f"vrijstelling van {eur(c.exemption)})."
            )
        else:
            parts.append(
                f"Die bestaansmiddelen zijn niet lager dan het categoriebedrag van {eur(c.category_amount)} "
                "per jaar, zodat er geen leefloon is."
            )
        if advice.amounts is not None and advice.amounts.first_month_amount is not None:
            parts.append(f"Voor de eerste maand bedraagt het leefloon {eur(advice.amounts.first_month_amount)}.")
        if advice.amounts is not None and advice.amounts.installation_premium is not None:
            parts.append(
                f"De aanvrager verlaat de dakloosheid en heeft recht op een installatiepremie van "
                f"{eur(advice.amounts.installation_premium)} (Wet van 26 mei 2002, art. 14, §3)."
            )
    others = [r for r in advice.review_reasons if r.condition is None]
    if others:
        parts.append("Nog te beoordelen: " + " ".join(r.explanation for r in others))
    if advice.variants:
        parts.append(
            "Omdat de wet hier een keuze laat of een gegeven ontbreekt, toont het advies ook deze "
            "berekeningen: " + "; ".join(f"{v.label.lower()}: {_variant_amount(v)}" for v in advice.variants) + "."
        )
    if advice.missing_facts:
        parts.append(f"Ontbrekende gegevens: {', '.join(_fact_label(f) for f in advice.missing_facts)}.")
    parts += list(advice.warnings)
    return " ".join(parts)


def _variant_amount(v: Variant) -> str:
    if v.amounts.leefloon_monthly is None:
        return "geen bedrag"
    return f"{eur(v.amounts.leefloon_monthly)} per maand"


FACT_LABELS_NL = {
    "birthDate": "geboortedatum",
    "actualResidenceInBelgium": "werkelijke verblijfplaats in België",
    "residenceStatus": "verblijfsstatus",
    "euResidenceStartDate": "begin van het verblijf als EU-burger",
    "willingnessToWork": "werkbereidheid",
    "sharesHousehold": "of het huishouden gemeenschappelijk geregeld wordt",
    "spiDaysUsed": "aantal dagen SPI-vrijstelling al gebruikt",
    "installationPremiumReceivedBefore": "of de aanvrager al een installatiepremie ontving",
    "hours": "aantal uren",
}


def _fact_label(path: str) -> str:
    """'householdMembers[0].birthDate' → 'geboortedatum van huisgenoot 1'."""
    parts = path.split(".")
    person, name = parts[0], parts[-1]
    label = FACT_LABELS_NL.get(name, name)
    who = "de aanvrager" if person == "applicant" else lf.person_label(person).lower()
    if len(parts) == 3 and parts[1].startswith("incomes["):
        return f"{label} van inkomen {int(parts[1][8:-1]) + 1} van {who}"
    return f"{label} van {who}"


def _with(obj: T, **changes: object) -> T:
    """A copy of a frozen dataclass with some fields changed (dataclasses.replace re-runs __init__, which
    costs more than the rendering of a field)."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    new.__dict__.update(changes)
    return new


def render(advice: Advice) -> Advice:
    """The advice with every Dutch text filled in."""
    values: dict[int, dict] = {}  # the conditions of one assessment share their context

    def explained(c: ConditionResult) -> ConditionResult:
        if id(c.context) not in values:
            values[id(c.context)] = condition_values(c.context)
        return _with(c, explanation=condition_text(c, values[id(c.context)]))

    conditions = tuple(explained(c) for c in advice.conditions)
    resources = tuple(_with(line, explanation=line_text(line)) for line in advice.resources)
    variants = tuple(
        _with(v, label=label, assumption=assumption)
        for v in advice.variants
        for label, assumption in [variant_texts(v)]
    )
    reasons = tuple(_with(r, explanation=review_text(r)) for r in advice.review_reasons)
    filled = _with(
        advice,
        conditions=conditions,
        resources=resources,
        variants=variants,
        review_reasons=reasons,
        warnings=tuple(warning_text(w) for w in advice.parameter_warnings),
    )
    return _with(filled, explanation=tuple(steps(filled)), motivation=motivation(filled))
