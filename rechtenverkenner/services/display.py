"""What an editor sees of a catalogue document: Dutch field labels, readable values and a field-by-field diff.

A value is shown as a Display: {"empty": True} when nothing is filled in, {"lines": [...]} for one value
(a text, possibly of several paragraphs) or {"items": [[...], ...]} for a list, each item one or more
lines (an address is a street line and a postal code line). Never raw JSON: a field the labels do not
know is still shown as readable lines of "key: value".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from markupsafe import Markup, escape

from rechtenverkenner.catalog.codelists import Codelists
from rechtenverkenner.catalog.schema import CONDITION_TYPES
from rechtenverkenner.domain.conditions import describe
from rechtenverkenner.domain.dutch import dutch_date as dutch

# every field of a catalogue document, in the order the preview shows them
FIELD_LABELS = {
    "kind": "Soort",
    "linked_concept": "Concept",
    "municipality": "Gemeente",
    "title": "Titel",
    "summary": "Samenvatting",
    "description": "Beschrijving",
    "additional_description": "Aanvullende beschrijving",
    "exceptions": "Uitzonderingen",
    "product_type": "Type",
    "themes": "Thema's",
    "target_audiences": "Doelgroepen",
    "life_situations": "Voor wie (levenssituaties)",
    "competent_authority_level": "Bevoegd bestuursniveau",
    "executing_authority_level": "Uitvoerend bestuursniveau",
    "competent_authorities": "Bevoegde overheden",
    "executing_authorities": "Uitvoerende overheden",
    "spatial": "Gebied",
    "keywords": "Zoekwoorden",
    "related": "Verwante rechten",
    "languages": "Talen",
    "start_date": "Begindatum",
    "end_date": "Einddatum",
    "conditions": "Vaste voorwaarden (rechtencheck)",
    "requirements": "Voorwaarden en mee te brengen documenten",
    "procedures": "Procedure: hoe aanvragen",
    "costs": "Kosten",
    "financial_advantages": "Financiële voordelen",
    "contact_points": "Contactpunten",
    "legal_resources": "Regelgeving",
    "automatic_when": "Automatisch toegekend bij het statuut",
    "amounts": "Bedragen (gedateerde parameters)",
    "engine": "Berekening",
    "source_url": "Bron",
    "last_reviewed": "Laatst nagekeken",
    "ipdc_concept": "IPDC-concept",
    "lpdc_id": "LPDC-id",
    "lpdc_language": "LPDC-taalvariant",
}
HIDDEN = {"schema", "id"}  # the id is the right itself, the schema version is not content
LANGUAGES = {"nl": "Nederlands", "fr": "Frans", "de": "Duits", "en": "Engels"}
KINDS = {"concept": "Concept (voor heel het gebied)", "instance": "Lokale versie van een concept"}
ENGINES = {"leefloon": "Berekend door het leefloonadvies"}
INCOME_BASES = {
    "bruto_belastbaar": "bruto belastbaar inkomen",
    "netto_belastbaar": "netto belastbaar inkomen",
    "netto_maand": "netto maandinkomen",
    "bestaansmiddelen": "bestaansmiddelen",
}
EMPTY = {"empty": True}


def label(field_name: str) -> str:
    """The Dutch label of a field; an unknown field gets its name in words, never in snake_case."""
    return FIELD_LABELS.get(field_name) or field_name.replace("_", " ").strip().capitalize()


def dutch_date(value: object) -> str:
    """'2026-11-28' or a date as '28 november 2026'; anything else as it is."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.date):
        return dutch(value)
    return str(value)


def _blank(value: object) -> bool:
    return value in (None, "", [], {})


def _lines(text: object) -> list[str]:
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def _link(title: str, url: str) -> list[str]:
    return [line for line in (title, url) if line]


def _text_block(block: dict) -> list[str]:
    return [block.get("title", ""), *_lines(block.get("description", ""))]


def _requirement(block: dict) -> list[str]:
    lines = _text_block(block)
    evidence = block.get("evidence") or {}
    if evidence.get("title"):
        lines.append(f"Mee te brengen: {evidence['title']}")
        lines += _lines(evidence.get("description", ""))
    return lines


def _procedure(block: dict) -> list[str]:
    lines = _text_block(block)
    for site in block.get("websites") or []:
        lines.append(f"Website: {site.get('title', '')} – {site.get('url', '')}")
    return lines


def address_lines(address: dict) -> list[str]:
    """An address as it is written on an envelope: street, number and box, then postal code and municipality."""
    street = " ".join(p for p in (address.get("street", ""), address.get("house_number", "")) if p)
    if address.get("box"):
        street += f" bus {address['box']}"
    town = " ".join(p for p in (address.get("postal_code", ""), address.get("municipality", "")) if p)
    return [line for line in (street, town) if line]


def _contact(point: dict) -> list[str]:
    lines = [point["title"]] if point.get("title") else []
    lines += address_lines(point.get("address") or {})
    for key, name in (("phone", "Telefoon"), ("email", "E-mail"), ("url", "Website"), ("booking_url", "Afspraak")):
        if point.get(key):
            lines.append(f"{name}: {point[key]}")
    hours = point.get("opening_hours")
    lines += [f"Open: {line}" for line in ([hours] if isinstance(hours, str) else hours or []) if line]
    if point.get("source_url"):
        read = f", gelezen op {dutch_date(point['read_on'])}" if point.get("read_on") else ""
        lines.append(f"Bron: {point['source_url']}{read}")
    return lines or ["(leeg contactpunt)"]


def _generic(value: object) -> list[str]:
    """Readable lines for a value no renderer knows: 'key: value', nested values indented by their key."""
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if _blank(item):
                continue
            inner = _generic(item)
            out += [f"{label(str(key))}: {inner[0]}", *inner[1:]] if inner else []
        return out
    if isinstance(value, list):
        return [line for item in value for line in _generic(item)]
    if isinstance(value, bool):
        return ["ja" if value else "nee"]
    return _lines(value) or [str(value)]


class Renderer:
    """Shows the values of catalogue documents with the labels of the code lists (and the titles of rights)."""

    def __init__(self, codelists: Codelists, right_title: Callable[[str], str | None] | None = None):
        self.codelists = codelists
        self.right_title = right_title or (lambda _id: None)
        # how each item of a list field is shown: one line (a code's name) or a block of lines
        self.single: dict[str, Callable[[str], str]] = {
            "themes": codelists.themes.label,
            "target_audiences": codelists.target_audiences.label,
            "life_situations": codelists.life_situations.label,
            "competent_authority_level": codelists.competent_levels.label,
            "executing_authority_level": codelists.executing_levels.label,
            "automatic_when": codelists.statuses.label,
            "spatial": self.scope,
            "related": self.right,
            "amounts": self.parameter,
            "languages": lambda v: LANGUAGES.get(v, v),
        }
        self.blocks: dict[str, Callable[[dict], list[str]]] = {
            "requirements": _requirement,
            "procedures": _procedure,
            "costs": _text_block,
            "financial_advantages": _text_block,
            "contact_points": _contact,
            "legal_resources": lambda link: _link(link.get("title", ""), link.get("url", "")),
            "conditions": self._condition_lines,
        }
        self.simple: dict[str, Callable[[str], str]] = {
            "product_type": codelists.product_types.label,
            "municipality": self.scope,
            "linked_concept": self.right,
            "kind": lambda v: KINDS.get(v, v),
            "engine": lambda v: ENGINES.get(v, v),
        }

    def parameter(self, parameter_id: str) -> str:
        found = self.codelists.rights_data.parameters.get(parameter_id)
        return f"{found.title} ({parameter_id})" if found else parameter_id

    def scope(self, code: str) -> str:
        name = self.codelists.geography.scope_label(code)
        return f"{name} ({code})" if name != code else code

    def right(self, right_id: str) -> str:
        title = self.right_title(right_id)
        return f"{title} ({right_id})" if title else right_id

    def condition(self, c: dict) -> str:
        """One readable sentence for a condition of any type of the vocabulary."""
        kind = c.get("type", "")
        statuses = self.codelists.statuses.labels
        parameters = self.codelists.rights_data.parameters
        if kind == "age" and c.get("min") is None and c.get("max") is None:
            name = parameters[c["parameter"]].title if c.get("parameter") in parameters else c.get("parameter", "")
            return f"Leeftijd volgens de regel: {name}."
        if kind == "household_income":
            basis = INCOME_BASES.get(c.get("income_basis") or "", c.get("income_basis") or "inkomen")
            if c.get("parameter"):
                name = parameters[c["parameter"]].title if c["parameter"] in parameters else c["parameter"]
                return f"Het inkomen ({basis}) is niet hoger dan de grens: {name}."
            return describe({**c, "income_basis": basis}, statuses, self.codelists.geography.scope_label)
        if kind in ("age", "residence", "status", "children", "student", "tenant"):
            try:
                return describe(c, statuses, self.codelists.geography.scope_label)
            except (KeyError, TypeError):
                pass
        if kind == "any":
            options = ["; ".join(self.condition(o).rstrip(".") for o in option) for option in c.get("options") or []]
            return "Een van: " + " óf ".join(f"({o})" for o in options) + "."
        if kind == "not":
            return "Niet: " + self.condition(c.get("condition") or {})
        if kind == "right":
            verb = "Krijgt al" if c.get("mode") == "granted" else "Komt in aanmerking voor"
            return f"{verb}: {self.right(c.get('right', ''))}."
        if kind == "fact":
            return self._fact(c)
        if kind == "members":
            relation = {"child": "een kind", "partner": "een partner", "any": "een gezinslid"}.get(
                c.get("relation") or "any", "een gezinslid"
            )
            low, high = c.get("min_age"), c.get("max_age")
            ages = (
                f" van {low} tot {high} jaar"
                if low is not None and high is not None
                else f" van minstens {low} jaar"
                if low is not None
                else f" van hoogstens {high} jaar"
                if high is not None
                else ""
            )
            count = f" (minstens {c['count_min']})" if (c.get("count_min") or 1) > 1 else ""
            return f"Het gezin telt {relation}{ages}{count}{self._where(c.get('where') or {})}."
        if kind == "assessment":
            what = {"medischAttest": "medisch attest"}.get(c.get("key", ""), c.get("key", ""))
            return f"Beoordeling door het OCMW: {what}."
        return CONDITION_TYPES.get(kind, kind).capitalize() + ": " + "; ".join(_generic(c)[1:])

    def _where(self, where: dict) -> str:
        """What a member must also be, e.g. " met Handicap (erkend): ja"."""
        facts = self.codelists.rights_data.facts
        parts = []
        for fact_id, expected in where.items():
            fact = facts.get(f"applicant.{fact_id}") or facts.get(fact_id)
            name = fact.label if fact else fact_id
            op, value = (expected["op"], expected["value"]) if isinstance(expected, dict) else ("eq", expected)
            parts.append(self._fact({"fact": "", "op": op, "value": value}, fact=fact, name=name).rstrip("."))
        return (" met " + " en ".join(parts)) if parts else ""

    def _fact(self, c: dict, fact: object = None, name: str = "") -> str:
        if not name:
            fact = self.codelists.rights_data.facts.get(c.get("fact", ""))
            name = fact.label if fact else c.get("fact", "")
        value = c.get("value")
        if value is None:
            parameters = self.codelists.rights_data.parameters
            shown = parameters[c["parameter"]].title if c.get("parameter") in parameters else str(c.get("parameter"))
        elif isinstance(value, bool):
            shown = "ja" if value else "nee"
        else:
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(fact.value_label(v) if fact else str(v) for v in values)
        phrases = {
            "eq": f"{name}: {shown}.",
            "in": f"{name}: een van {shown}.",
            "ge": f"{name}: minstens {shown}.",
            "le": f"{name}: hoogstens {shown}.",
            "years_since_ge": f"{name}: minstens {shown} jaar geleden.",
            "months_since_le": f"{name}: hoogstens {shown} maanden geleden.",
        }
        return phrases.get(c.get("op", ""), f"{name}: {shown}.")

    def _condition_lines(self, c: dict) -> list[str]:
        lines = [self.condition(c)]
        if c.get("note"):
            lines.append(f"Toelichting: {c['note']}")
        if c.get("source"):
            lines.append(f"Bron: {c['source']}")
        return lines

    def _items(self, key: str, values: list) -> list[list[str]]:
        if key in self.single:
            return [[self.single[key](v)] for v in values]
        if key in self.blocks:
            return [self.blocks[key](v) if isinstance(v, dict) else _generic(v) for v in values]
        return [_generic(v) or [""] for v in values]

    def show(self, key: str, value: object) -> dict:
        """The Display of one field's value."""
        if _blank(value):
            return EMPTY
        if isinstance(value, list):
            return {"items": self._items(key, value)}
        if key in ("start_date", "end_date", "last_reviewed"):
            return {"lines": [dutch_date(value)]}
        if key in self.simple and isinstance(value, str):
            return {"lines": [self.simple[key](value)]}
        return {"lines": _generic(value)}

    def diff(self, old: dict, new: dict) -> list[dict]:
        """Every field whose value differs, in the preview's order: label, the value before and after."""
        known = [k for k in FIELD_LABELS if k in old or k in new]
        others = sorted((set(old) | set(new)) - set(FIELD_LABELS) - HIDDEN)
        changes = []
        for key in known + others:
            before, after = old.get(key), new.get(key)
            if (_blank(before) and _blank(after)) or before == after:
                continue
            changes.append(
                {"field": key, "label": label(key), "before": self.show(key, before), "after": self.show(key, after)}
            )
        return changes


def as_html(display: dict) -> Markup:
    """A Display as HTML (every text escaped): a list as a list, the lines of an item or a text one below
    the other. A template filter, as a macro call per cell is slow for a workbook of hundreds of rights."""
    if display.get("empty"):
        return Markup('<span class="meta">(leeg)</span>')
    if "items" in display:
        items = (Markup("<li>") + Markup("<br>").join(item) + Markup("</li>") for item in display["items"])
        return Markup('<ul class="values">') + Markup("").join(items) + Markup("</ul>")
    return Markup("").join(Markup('<p class="value">') + escape(line) + Markup("</p>") for line in display["lines"])
