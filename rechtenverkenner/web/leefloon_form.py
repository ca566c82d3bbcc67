"""The leefloon form as an advice request: amounts typed the Belgian way, the rows a social worker adds without
JavaScript, and every problem of the request (or fact the advice misses) led back to its form field in Dutch.

Plain Python on a form mapping (a dict or Werkzeug's MultiDict): no Flask, so the mapping is tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rechtenverkenner.web.leefloon_rows import (
    YES_NO,
    Rows,
    member_income_prefix,
    parse_amount,
    parse_whole,
    read_rows,
)


@dataclass(frozen=True)
class Target:
    """Where a JSON path of the request points in the form: the id to link to (a field or a row's fieldset;
    None when there is none) and the Dutch words for it."""

    anchor: str | None
    label: str


@dataclass(frozen=True)
class FormProblem:
    """A problem as the page lists it: the field's id (or None), its Dutch label (or "") and the Dutch message."""

    anchor: str | None
    label: str
    message: str


# Request key (under $ or $.applicant) -> (form field, Dutch label); in the form's order.
DATE_FIELDS = {
    "referenceDate": ("referenceDate", "Peildatum"),
    "applicationDate": ("applicationDate", "Aanvraagdatum"),
    "rightStartDate": ("rightStartDate", "Begin van het recht"),
}
APPLICANT_FIELDS = {
    "birthDate": ("birthDate", "Geboortedatum van de aanvrager"),
    "age": ("age", "Leeftijd van de aanvrager"),
    "residenceStatus": ("residenceStatus", "Verblijfsstatus"),
    "euResidenceStartDate": ("euResidenceStartDate", "EU-burger: verblijf in België sinds"),
    "euWorkerOrSelfEmployed": ("euWorkerOrSelfEmployed", "EU-burger: werknemer of zelfstandige"),
    "actualResidenceInBelgium": ("actualResidenceInBelgium", "Verblijft werkelijk in België"),
    "willingnessToWork": ("willingnessToWork", "Werkbereidheid"),
    "sharesHousehold": ("sharesHousehold", "Regelt het huishouden hoofdzakelijk gemeenschappelijk"),
    "homeless": ("homeless", "Dakloos"),
    "married": ("married", "Gehuwd"),
    "pregnant": ("pregnant", "Zwanger"),
    "fullTimeStudent": ("fullTimeStudent", "Voltijds student"),
    "piisSigned": ("piisSigned", "GPMI ondertekend"),
    "familyAllowanceRecipient": ("familyAllowanceRecipient", "Ontvangt de gezinsbijslag voor de kinderen"),
    "spiDaysUsed": ("spiDaysUsed", "Dagen SPI-vrijstelling al gebruikt"),
    "movableCapital": ("movableCapital", "Spaargeld en ander roerend kapitaal"),
    "realEstate": ("ki", "Kadastraal inkomen van een woning"),
    "realEstate[0]": ("ki", "Kadastraal inkomen van een woning"),
    "realEstate[0].cadastralIncome": ("ki", "Kadastraal inkomen van een woning"),
    "realEstate[0].ownHome": ("ki_ownHome", "Kadastraal inkomen: eigen woning"),
    "unclaimedBenefits": ("unclaimedBenefit", "Uitkering die niet aangevraagd werd"),
    "unclaimedBenefits[0]": ("unclaimedBenefit", "Uitkering die niet aangevraagd werd"),
    "leavingHomelessness": ("leavingHomelessness", "Verlaat de dakloosheid en betrekt een woning"),
    "installationPremiumReceivedBefore": (
        "installationPremiumReceivedBefore",
        "Kreeg vroeger al een installatiepremie",
    ),
    "parentsLiveElsewhere": ("parentsLiveElsewhere", "De ouders wonen elders"),
    "installatiepremieReceivedBefore": (
        "installationPremiumReceivedBefore",
        "Kreeg vroeger al een installatiepremie",
    ),
}
INCOME_PARTS = {
    "type": ("type", "Soort"),
    "amount": ("amount", "Bedrag"),
    "period": ("period", "Periode"),
    "hours": ("hours", "Uren"),
    "startedWhileBeneficiary": ("started", "Werk begonnen tijdens het leefloon"),
}
MEMBER_FIELDS = {
    "relation": ("relation", "Relatie"),
    "age": ("age", "Leeftijd"),
    "birthDate": ("age", "Leeftijd"),
    "alsoApplies": ("alsoApplies", "Vraagt zelf ook leefloon aan"),
    "hostedDaysInMonth": ("hosted", "Dagen per maand bij de aanvrager"),
}


@dataclass
class FormRequest:
    """The advice request a form describes (the JSON the API takes) and where each of its paths is in the form."""

    body: dict
    rows: Rows
    targets: dict[str, Target] = field(default_factory=dict)

    def target(self, path: str) -> Target:
        """The form place of a JSON path ($.applicant.incomes[0].amount), or of its nearest known parent."""
        path = path if path.startswith("$") else "$." + path
        while path not in self.targets:
            parent = re.sub(r"(\.[^.\[]+|\[[^]]*\])$", "", path)
            if parent == path:
                return Target(None, "")
            path = parent
        return self.targets[path]

    def problems(self, issues: Iterable[Any]) -> list[FormProblem]:
        """The issues of a BadRequest as the page lists them, in the form's order (form-wide ones first)."""
        order = {t.anchor: n for n, t in enumerate(self.targets.values()) if t.anchor}
        found = [
            FormProblem(t.anchor, t.label, page_message(issue.detail_en, issue.detail_nl))
            for issue in issues
            for t in [self.target(issue.name)]
        ]
        return sorted(found, key=lambda p: -1 if p.anchor is None else order.get(p.anchor, len(order)))

    def missing_facts(self, facts: Iterable[str]) -> list[Target]:
        """The advice's missing facts (applicant.birthDate, householdMembers[0].birthDate) as form places."""
        seen: dict[str, Target] = {}
        for fact in facts:
            target = self.target(fact)
            seen.setdefault(target.label or fact, target if target.label else Target(None, "Een gegeven"))
        return list(seen.values())


_AT_LEAST = re.compile(r"Must be greater than or equal to (-?[\d.]+)(?: and less than or equal to (-?[\d.]+))?\.")
_AT_MOST = re.compile(r"Must be less than or equal to (-?[\d.]+)\.")
# Messages whose Dutch words for the API name request keys or codes; the page says it with the form's words.
PAGE_MESSAGES = {
    "Give birthDate or age, not both.": "Geef de geboortedatum of de leeftijd, niet allebei.",
    "Field may not be null.": "Dit veld is verplicht.",
    "Not a valid boolean.": "Kies ja of nee.",
}


def _number_nl(text: str) -> str:
    """A bound as the page writes it: 100000000 as 100.000.000 (e.g.), a decimal point as a comma."""
    whole, _, decimals = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + decimals if decimals else "")


def page_message(english: str, dutch: str) -> str:
    """The Dutch message for the form: the API's Dutch words, except where they hold English bounds, choice
    codes or request keys."""
    if english in PAGE_MESSAGES:
        return PAGE_MESSAGES[english]
    if match := _AT_LEAST.fullmatch(english):
        low, high = match.groups()
        if high is None:
            return f"Moet minstens {_number_nl(low)} zijn."
        return f"Moet tussen {_number_nl(low)} en {_number_nl(high)} liggen."
    if match := _AT_MOST.fullmatch(english):
        return f"Moet hoogstens {_number_nl(match.group(1))} zijn."
    if english.startswith("Must be one of:"):
        return "Kies een van de mogelijkheden in de lijst."
    return dutch


def field_errors(problems: Iterable[FormProblem]) -> dict[str, list[str]]:
    """The messages per field or row id, for the inline messages and aria-invalid."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        if problem.anchor:
            errors.setdefault(problem.anchor, []).append(problem.message)
    return errors


class _Reader:
    def __init__(self, form: Mapping[str, str]):
        self.form = form

    def value(self, name: str) -> str | None:
        raw = (self.form.get(name) or "").strip()
        return raw or None

    def amount(self, name: str) -> Decimal | str | None:
        raw = self.value(name)
        return None if raw is None else parse_amount(raw)

    def whole(self, name: str) -> int | str | None:
        raw = self.value(name)
        return None if raw is None else parse_whole(raw)

    def flag(self, name: str) -> bool:
        return self.form.get(name) == "on"

    def tri(self, name: str) -> bool | None:
        return YES_NO.get(self.form.get(name) or "")


def _income(r: _Reader, prefix: str, started: bool) -> dict | None:
    """One income row, or None when neither its kind nor its amount is filled in (missing keys: the schema says
    the field is required, with its path)."""
    if not (r.value(prefix + "type") or r.value(prefix + "amount")):
        return None
    income = {
        "type": r.value(prefix + "type"),
        "amount": r.amount(prefix + "amount"),
        "period": r.value(prefix + "period") or "month",
        "hours": r.amount(prefix + "hours"),
    }
    if started:
        income["startedWhileBeneficiary"] = r.flag(prefix + "started")
    return {k: v for k, v in income.items() if v is not None}


def _targets_of_income(targets: dict, path: str, row_id: str, prefix: str, row: str, parts: Iterable[str]) -> None:
    targets[path] = Target(row_id, row)
    for key in parts:
        name, word = INCOME_PARTS[key]
        targets[f"{path}.{key}"] = Target(prefix + name, f"{word} van {row[0].lower()}{row[1:]}")


def read_form(form: Mapping[str, str], rows: Rows | None = None) -> FormRequest:
    """The advice request the form describes, with the place in the form of every path it can hold."""
    r = _Reader(form)
    rows = rows or read_rows(form)
    targets: dict[str, Target] = {"$": Target(None, "")}
    body: dict = {}
    for key, (name, label) in DATE_FIELDS.items():
        targets[f"$.{key}"] = Target(name, label)
        if r.value(name):
            body[key] = r.value(name)
    targets["$.applicant"] = Target("aanvrager", "Aanvrager")
    for key, (name, label) in APPLICANT_FIELDS.items():
        targets[f"$.applicant.{key}"] = Target(name, label)
    applicant: dict = {
        "residenceStatus": r.value("residenceStatus"),
        "euResidenceStartDate": r.value("euResidenceStartDate"),
        "euWorkerOrSelfEmployed": r.tri("euWorkerOrSelfEmployed"),
        "actualResidenceInBelgium": r.tri("actualResidenceInBelgium"),
        "homeless": r.flag("homeless"),
        "married": r.flag("married"),
        "pregnant": r.flag("pregnant"),
        "fullTimeStudent": r.flag("fullTimeStudent"),
        "piisSigned": r.flag("piisSigned"),
        "willingnessToWork": r.value("willingnessToWork"),
        "sharesHousehold": r.tri("sharesHousehold"),
        "familyAllowanceRecipient": r.flag("familyAllowanceRecipient"),
        "spiDaysUsed": r.whole("spiDaysUsed"),
        "leavingHomelessness": r.flag("leavingHomelessness"),
        "installationPremiumReceivedBefore": r.tri("installationPremiumReceivedBefore"),
        "parentsLiveElsewhere": r.tri("parentsLiveElsewhere"),
        "movableCapital": r.amount("movableCapital"),
        "incomes": [],
        "realEstate": [],
        "unclaimedBenefits": [r.value("unclaimedBenefit")] if r.value("unclaimedBenefit") else [],
    }
    if r.value("birthDate"):
        applicant["birthDate"] = r.value("birthDate")
    elif r.value("age"):
        applicant["age"] = r.whole("age")
    if r.value("ki"):
        applicant["realEstate"].append(
            {"kind": "built", "cadastralIncome": r.amount("ki"), "ownHome": r.flag("ki_ownHome")}
        )
    for i in range(rows.incomes):
        income = _income(r, f"income{i}_", started=True)
        if income is not None:
            _targets_of_income(
                targets,
                f"$.applicant.incomes[{len(applicant['incomes'])}]",
                f"income{i}",
                f"income{i}_",
                f"Inkomen {i + 1} van de aanvrager",
                INCOME_PARTS,
            )
            applicant["incomes"].append(income)
    members = []
    for i in range(rows.members):
        prefix = f"member{i}_"
        path = f"$.householdMembers[{len(members)}]"
        member_incomes, income_targets = [], {}
        for j in range(rows.member_incomes[i]):
            income = _income(r, member_income_prefix(i, j), started=False)
            if income is not None:
                _targets_of_income(
                    income_targets,
                    f"{path}.incomes[{len(member_incomes)}]",
                    f"member{i}_income{j}",
                    member_income_prefix(i, j),
                    f"Inkomen {j + 1} van huisgenoot {i + 1}",
                    ("type", "amount", "period", "hours"),
                )
                member_incomes.append(income)
        if not (
            member_incomes
            or any(r.value(prefix + name) for name in ("relation", "age", "hosted"))
            or r.flag(prefix + "alsoApplies")
        ):
            continue
        targets[path] = Target(f"member{i}", f"Huisgenoot {i + 1}")
        for key, (name, word) in MEMBER_FIELDS.items():
            targets[f"{path}.{key}"] = Target(prefix + name, f"{word} van huisgenoot {i + 1}")
        targets.update(income_targets)
        member = {
            "relation": r.value(prefix + "relation"),
            "alsoApplies": r.flag(prefix + "alsoApplies"),
            "age": r.whole(prefix + "age"),
            "hostedDaysInMonth": r.whole(prefix + "hosted"),
            "incomes": member_incomes,
        }
        members.append({k: v for k, v in member.items() if v is not None})
    body["applicant"] = {k: v for k, v in applicant.items() if v is not None}
    body["householdMembers"] = members
    return FormRequest(body, rows, targets)
