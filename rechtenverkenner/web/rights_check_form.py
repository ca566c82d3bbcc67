"""The rights check form: chapters of questions from facts.toml, form fields read into the §A situation (by fact id
and type), which questions a chapter shows, and the answer sorted into the three groups of the page.

Field names are the JSON paths of the request (`housing.heating`, `householdMembers[0].education.level`). An empty
field is left out of the situation: unknown, never false. Nothing here stores or logs the client's data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rechtenverkenner.web.leefloon_rows import parse_amount

# (title, facts.toml sections); chapter 1 asks the municipality and the reference date, the last one is the result
CHAPTERS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("Gemeente", (1,)),
    ("Personen", (2, 3)),
    ("Statuten en uitkeringen", (4,)),
    ("Wonen", (5,)),
    ("Inkomen", (6,)),
    ("Zorg en handicap", (7,)),
    ("School", (8,)),
    ("Resultaat", ()),
)
LAST = len(CHAPTERS)
BASIC = {"applicant.birthDate", "applicant.age", "applicant.statuses"}  # asked whatever the answer says
SKIPPED = {"householdMembers", "applicant.incomes", "household.taxAssessments"}  # rows, or the leefloon page
MEMBER_FIELDS = ("relation", "age")
MAX_MEMBERS = 12
TAX_YEAR = "household.taxAssessment.incomeYear"
_MEMBER = re.compile(r"^householdMembers\[(\d+)\]\.")
_INDEX = re.compile(r"\[(\d+)\]")
BOOLEAN = {"ja": True, "nee": False}
# The incomes of a person: rows of the request's `incomes[]` (applicant.incomes[0].amount …) and "geen inkomsten"
INCOME_FIELDS = ("type", "amount", "period", "basis", "since")
INCOME_PERIODS = (("month", "per maand"), ("year", "per jaar"))
INCOME_BASES = (("net", "netto"), ("grossTaxable", "bruto belastbaar"))
NO_INCOME = "geenInkomsten"
MAX_INCOME_ROWS = 8
_INCOME = re.compile(r"^(applicant|householdMembers\[\d+\])\.incomes(?:\[(\d+)\]\.(\w+)|\.(geenInkomsten))$")


@dataclass(frozen=True)
class Problem:
    """A Dutch message tied to a form field (anchor: the field's id)."""

    key: str
    label: str
    message: str

    @property
    def anchor(self) -> str:
        return field_id(self.key)


def field_id(key: str) -> str:
    """A valid HTML id for a field name that is a JSON path."""
    return "v-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-")


def fact_of(key: str) -> str:
    """The facts.toml id of a field: a member's fact is declared as the applicant's."""
    return _MEMBER.sub("applicant.", key)


def person_of(key: str) -> str:
    """'applicant' or 'householdMembers[i]' for a person's field."""
    match = _MEMBER.match(key)
    return f"householdMembers[{match.group(1)}]" if match else "applicant"


def normalise(form: Any) -> dict[str, list[str]]:
    """The form's answers (non-empty), with household member rows renumbered without gaps."""
    values: dict[str, list[str]] = {}
    for key in form:
        if key in ("csrf_token", "hoofdstuk", "actie", "recht"):
            continue
        items = [v.strip() for v in form.getlist(key) if v.strip()]
        if items:
            values[key] = items
    used = sorted({int(m.group(1)) for k in values if (m := _MEMBER.match(k))})[:MAX_MEMBERS]
    renumber = {old: new for new, old in enumerate(used)}
    out: dict[str, list[str]] = {}
    for key, items in values.items():
        match = _MEMBER.match(key)
        if match:
            if int(match.group(1)) not in renumber:
                continue
            key = f"householdMembers[{renumber[int(match.group(1))]}]." + key[match.end() :]
        out[key] = items
    return out


def member_count(values: dict[str, list[str]]) -> int:
    return len({m.group(1) for k in values if (m := _MEMBER.match(k))})


def _put(body: dict, key: str, value: Any) -> None:
    """Set a value at a JSON path such as householdMembers[0].education.level."""
    parts = key.split(".")
    node: Any = body
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        match = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        if match:
            items = node.setdefault(match.group(1), [])
            index = int(match.group(2))
            while len(items) <= index:
                items.append({})
            node = items[index]
        elif last:
            node[part] = value
        else:
            node = node.setdefault(part, {})


def _date(text: str) -> str | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def read_value(kind: str, text: str, values: tuple[str, ...] = ()) -> tuple[Any, str | None]:
    """A form text as the JSON value of a fact type, or a Dutch problem."""
    if kind == "boolean":
        return (BOOLEAN[text], None) if text in BOOLEAN else (None, "Kies ja, nee of onbekend.")
    if kind == "choice":
        return (text, None) if text in values else (None, "Kies een van de mogelijkheden.")
    if kind == "date":
        date = _date(text)
        return (date, None) if date else (None, "Geef een datum als dd/mm/jjjj.")
    if kind == "amount":
        amount = parse_amount(text)
        if isinstance(amount, Decimal) and amount >= 0:
            return amount, None  # a Decimal all the way: never through float
        return None, "Geef een bedrag, bijvoorbeeld 1.234,56."
    if kind == "integer":
        return (int(text), None) if text.isdigit() else (None, "Geef een geheel getal.")
    return None, None


def read_form(values: dict[str, list[str]], facts: dict, statuses: Any) -> tuple[dict, list[Problem]]:
    """The §A situation of the answers, and the problems found before the service sees it."""
    body: dict[str, Any] = {}
    problems: list[Problem] = []
    for key in ("referenceDate", "municipality"):
        if key in values:
            body[key] = values[key][0]
    if "referenceDate" in body:
        body["referenceDate"] = _date(body["referenceDate"]) or body["referenceDate"]
    for index in range(member_count(values)):
        person = f"householdMembers[{index}]"
        if f"{person}.relation" not in values:
            problems.append(Problem(f"{person}.relation", f"Gezinslid {index + 1}", "Kies de relatie tot de klant."))
        _put(body, f"{person}.relation", values.get(f"{person}.relation", ["other"])[0])
    for key, items in values.items():
        if key.endswith(".statuses"):
            person = key.rsplit(".", 1)[0]
            chosen = []
            for status in items:
                if status not in statuses:
                    continue
                entry: dict[str, str] = {"id": status}
                since = values.get(f"{key}.{status}.since", [""])[0]
                if since:
                    date = _date(since)
                    if date is None:
                        problems.append(Problem(f"{key}.{status}.since", "Sinds", "Geef een datum als dd/mm/jjjj."))
                    else:
                        entry["since"] = date
                chosen.append(entry)
            _put(body, f"{person}.statuses", chosen)
            continue
        fact = facts.get(fact_of(key))
        if key == TAX_YEAR or key.endswith(".age") or (fact is not None and fact.type != "list"):
            kind = "integer" if fact is None else fact.type
            value, message = read_value(kind, items[0], tuple(getattr(fact, "values", ()) or ()))
            if message:
                label = fact.label if fact is not None else "Inkomstenjaar"
                problems.append(Problem(key, label, message))
            else:
                _put(body, key, value)
    problems += _read_incomes(values, body)
    assessment = body.get("household", {}).get("taxAssessment")
    if assessment and "incomeYear" not in assessment:
        problems.append(Problem(TAX_YEAR, "Inkomstenjaar", "Geef het inkomstenjaar van het aanslagbiljet."))
    return body, problems


def income_key(key: str) -> tuple[str, int | None, str] | None:
    """(person, row, field) of an income field; row None for "geen inkomsten"."""
    match = _INCOME.match(key)
    if not match:
        return None
    person, row, field, none = match.groups()
    return (person, None, none) if none else (person, int(row), field)


def income_rows(values: dict[str, list[str]], person: str, extra: int = 0) -> int:
    """How many income rows a person's table shows: the rows filled in (a type, an amount or a date; a period alone
    is an empty row's default) and one empty row, at least two, `extra` more when asked, at most MAX_INCOME_ROWS."""
    filled = [
        k[1]
        for key in values
        if (k := income_key(key)) and k[0] == person and k[1] is not None and k[2] in ("type", "amount", "since")
    ]
    return min(MAX_INCOME_ROWS, max(2, max(filled, default=-1) + 2 + extra))


def _read_incomes(values: dict[str, list[str]], body: dict) -> list[Problem]:
    """Each person's incomes[] from the rows: an empty row is left out; "geen inkomsten" gives an empty list (no
    income), no row at all leaves the incomes unknown. Amounts stay Decimal."""
    from rechtenverkenner.eligibility.request import INCOME_TYPES, RIGHTS_INCOME_TYPES

    types = {*INCOME_TYPES, *RIGHTS_INCOME_TYPES}
    rows: dict[str, dict[int, dict[str, str]]] = {}
    none: set[str] = set()
    for key, items in values.items():
        parsed = income_key(key)
        if parsed is None:
            continue
        person, row, field = parsed
        if row is None:
            none.add(person)
        else:
            rows.setdefault(person, {}).setdefault(row, {})[field] = items[0]
    problems: list[Problem] = []
    for person in sorted(set(rows) | none):
        incomes = []
        for row, given in sorted(rows.get(person, {}).items()):
            if not given.get("type") and not given.get("amount"):
                continue  # a period or basis alone is the empty row's default
            key = f"{person}.incomes[{row}]"
            label = f"Inkomen {row + 1}"
            income: dict[str, Any] = {"period": given.get("period") or "month"}
            if given.get("type") in types:
                income["type"] = given["type"]
            else:
                problems.append(Problem(f"{key}.type", label, "Kies het soort inkomen."))
            amount, message = read_value("amount", given.get("amount", ""))
            if message:
                problems.append(Problem(f"{key}.amount", label, message))
            else:
                income["amount"] = amount
            if income["period"] not in dict(INCOME_PERIODS):
                problems.append(Problem(f"{key}.period", label, "Kies per maand of per jaar."))
            if given.get("basis"):
                income["basis"] = given["basis"]
            if given.get("since"):
                since = _date(given["since"])
                if since is None:
                    problems.append(Problem(f"{key}.since", label, "Geef een datum als dd/mm/jjjj."))
                else:
                    income["since"] = since
            incomes.append(income)
        if person in none and incomes:
            problems.append(
                Problem(
                    f"{person}.incomes.{NO_INCOME}",
                    "Geen inkomsten",
                    "Vink 'geen inkomsten' niet aan als je inkomsten invult.",
                )
            )
        if person in none or incomes:
            _put(body, f"{person}.incomes", incomes)
    return problems


def income_people(values: dict[str, list[str]], asked: set[str]) -> list[str]:
    """The persons whose incomes the income chapter asks: the answer still needs them, or they were given."""
    persons = ["applicant"] + [f"householdMembers[{i}]" for i in range(member_count(values))]
    given = {k[0] for k in map(income_key, values) if k}
    return [p for p in persons if f"{p}.incomes" in asked or p in given]


def service_problems(issues: list, values: dict[str, list[str]]) -> list[Problem]:
    """The service's problems (JSON paths) as problems at the form's fields."""
    out = []
    for issue in issues:
        key = issue.name.removeprefix("$").lstrip(".")
        while key and key not in values and "." in key and key not in ("referenceDate", "municipality"):
            key = key.rsplit(".", 1)[0]
        out.append(Problem(key or "municipality", "", issue.detail_nl))
    return out


def member_label(index: int, values: dict[str, list[str]], relations: dict[str, str]) -> str:
    person = f"householdMembers[{index}]"
    relation = relations.get(values.get(f"{person}.relation", [""])[0], "gezinslid")
    age = values.get(f"{person}.age", [""])[0]
    return f"gezinslid {index + 1} ({relation.lower()}{', ' + age + ' jaar' if age else ''})"


def questions(chapter: int, facts: dict, asked: set[str], values: dict[str, list[str]]) -> list[dict]:
    """The questions of a chapter that can still decide a right: asked by the answer, basic, or answered."""
    sections = CHAPTERS[chapter - 1][1]
    persons = ["applicant"] + [f"householdMembers[{i}]" for i in range(member_count(values))]
    out = []
    for fact in sorted(facts.values(), key=lambda f: (f.section, f.order)):
        if fact.section not in sections or fact.id in SKIPPED:
            continue
        keys = (
            [p + fact.id.removeprefix("applicant") for p in persons] if fact.id.startswith("applicant.") else [fact.id]
        )
        for key in keys:
            if key != fact.id and fact.id == "applicant.age":
                continue  # a member's age is in the member's row
            answered = any(k == key or k.startswith(key + ".") for k in values)
            if key in asked or answered or (key == fact.id and fact.id in BASIC):
                if key.startswith("household.taxAssessment.") and not any(q["key"] == TAX_YEAR for q in out):
                    out.append(
                        {
                            "key": TAX_YEAR,
                            "id": field_id(TAX_YEAR),
                            "type": "integer",
                            "person": "",
                            "label": "Inkomstenjaar van het aanslagbiljet",
                            "question": "",
                            "options": [],
                        }
                    )
                options = list(zip(fact.values, fact.labels or fact.values, strict=False)) if fact.values else []
                out.append({"key": key, "id": field_id(key), "type": fact.type, "label": fact.label,
                            "question": fact.question, "options": options, "person": person_of(key)})  # fmt: skip
    return out


def groups(answer: dict) -> dict[str, list[dict]]:
    """The rights in the three groups of the page, each unknown right with the questions to ask (Dutch labels)."""
    labels = {q["fact"]: q["label"] for q in answer["questions"]}
    out: dict[str, list[dict]] = {"yes": [], "unknown": [], "no": []}
    for right in answer["rights"]:
        asks = []
        for path in right["missingFacts"]:
            label = labels.get(path, path)
            match = _MEMBER.match(path)
            text = f"{label} (gezinslid {int(match.group(1)) + 1})" if match else label
            if text not in asks:
                asks.append(text)
        out.setdefault(right["eligibility"], []).append({**right, "asks": asks})
    return out
