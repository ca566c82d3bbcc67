"""Templates editors download: a blank commented TOML file, a TOML file and an XLSX workbook for a local version.

Every value is written by a TOML writer (tomli-w), never pasted into a string, so a title with a quote,
a backslash or a line break still gives a valid file that reads back to the same values. Comments are
written as whole lines of their own, with the control characters of any value in them made spaces.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import tomli_w
from sqlalchemy.orm import Session

from rechtenverkenner.catalog import workbook
from rechtenverkenner.errors import NotFound
from rechtenverkenner.models import Right
from rechtenverkenner.services.catalogue import CatalogueContext

# The blank template, in order: a comment line ("# ..."), a table header ("[[...]]", "" for a blank
# line) or a (key, value) pair. None as a value stands for the day the template is downloaded.
BLANK_TEMPLATE: list[str | tuple[str, object]] = [
    "# Een nieuw lokaal recht. Vul in, laad op via /beheer/upload en kijk het voorbeeld na voor je publiceert.",
    "# Verzin nooit een feit: laat weg wat je niet kan staven. Uitleg bij elk veld: catalog/README.md.",
    ("schema", 1),
    "# id: kleine letters, cijfers en streepjes; uniek in de hele catalogus",
    ("id", "naam-van-het-recht-gemeente"),
    ("kind", "concept"),
    ("title", ""),
    "# summary: één of twee zinnen in eenvoudig Nederlands",
    ("summary", ""),
    ("description", ""),
    "# product_type: AdviesBegeleiding, Bewijs, FinancieelVoordeel, FinancieleVerplichting, InfrastructuurMateriaal, "
    "Toelating, Voorwerp",
    ("product_type", "FinancieelVoordeel"),
    "# themes: BouwenWonen, BurgerOverheid, CultuurSportVrijeTijd, EconomieWerk, MilieuEnergie, "
    "MobiliteitOpenbareWerken, OnderwijsWetenschap, WelzijnGezondheid",
    ("themes", ["WelzijnGezondheid"]),
    ("target_audiences", ["Burger"]),
    "# life_situations: zie catalog/codelists/life-situations.toml (bv. laag-inkomen, huurder, 65-plus)",
    ("life_situations", []),
    ("competent_authority_level", ["Lokaal"]),
    ("executing_authority_level", ["Lokaal"]),
    ("competent_authorities", []),
    "# spatial: de NIS-code van je gemeente",
    ("spatial", [""]),
    ("keywords", []),
    "# source_url: waar elk feit in dit bestand na te kijken is (https)",
    ("source_url", "https://"),
    "# last_reviewed: de dag dat je elk feit tegen de bron nakeek; laat weg als je niet nakeek (nooit gecontroleerd)",
    ("last_reviewed", None),
    "",
    "[[procedures]]",
    ("title", "Hoe aanvragen"),
    ("description", ""),
    "",
    "[[contact_points]]",
    ("title", ""),
    ("url", "https://"),
]


def _comment(text: str) -> str:
    """A comment line; a line break or other control character in a value must not end the comment."""
    return "# " + "".join(ch if ch.isprintable() else " " for ch in text)


def _literal(value: object) -> str:
    """A TOML value as tomli-w writes it."""
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")


def _pair(key: str, value: object) -> str:
    """A `key = value` line; a list of texts stays on one line, as an editor would write it."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"{key} = [{', '.join(_literal(v) for v in value)}]"
    return tomli_w.dumps({key: value}).rstrip("\n")


def _render(items: list[str | tuple[str, object]], today: date) -> str:
    lines = []
    for item in items:
        if isinstance(item, tuple):
            key, value = item
            lines.append(_pair(key, today if value is None else value))
        else:
            lines.append(item)
    return "\n".join(lines) + "\n"


def blank_template(today: date | None = None) -> str:
    """The commented TOML file for a new local right."""
    return _render(BLANK_TEMPLATE, today or datetime.now(UTC).date())


def local_version_id(concept_id: str, name: str) -> str:
    """The suggested id of a municipality's version of a concept."""
    return f"{concept_id}-{name.lower().replace(' ', '-')}"


def instance_toml(concept_id: str, concept_title: str, municipality: str, name: str, today: date) -> str:
    """The commented TOML file for the local version of a concept in a municipality (name: its label)."""
    items: list[str | tuple[str, object]] = [
        _comment(f"Lokale versie van '{concept_title}' voor {name}."),
        "# Vul aan en laad op via /beheer/upload. Wat je leeg laat, neemt de lokale versie over van het concept.",
        "# Laat een feit dat je niet kan staven (adres, bedrag, openingsuren) weg: verzin nooit iets.",
        ("schema", 1),
        ("id", local_version_id(concept_id, name)),
        ("kind", "instance"),
        ("linked_concept", concept_id),
        ("municipality", municipality),
        ("title", f"{concept_title} – {name}"),
        ("spatial", [municipality]),
        "# De pagina waar elk feit in dit bestand na te kijken is (https):",
        ("source_url", "https://"),
        "# De dag dat je elk feit tegen de bron nakeek; laat weg als je niet nakeek (nooit gecontroleerd):",
        ("last_reviewed", today),
        "",
        "# Een contactpunt; laat regels weg die je niet kent.",
        "[[contact_points]]",
        ("title", ""),
        ("url", "https://"),
        ("phone", ""),
        ("email", "naam@example.org"),
        "# Openingsuren: één regel per dag of periode. Voeg source_url (de pagina met deze gegevens) en read_on",
        "# (de dag dat je ze las) toe.",
        ("opening_hours", []),
        "[contact_points.address]",
        ("street", ""),
        ("house_number", ""),
        ("postal_code", ""),
        ("municipality", name),
    ]
    return _render(items, today) + "\n"


def _concept(session: Session, concept_id: str) -> Right:
    concept = session.get(Right, concept_id)
    if concept is None or concept.kind != "concept":
        raise NotFound(concept_id)
    return concept


def instance_template(session: Session, ctx: CatalogueContext, concept_id: str, municipality: str) -> str:
    """A catalogue file for a local version of a concept, with comments, ready to fill in; raises NotFound."""
    concept = _concept(session, concept_id)
    name = ctx.codelists.geography.scope_label(municipality) if municipality else "GEMEENTE"
    return instance_toml(concept_id, concept.title, municipality, name, datetime.now(UTC).date())


def workbook_template(session: Session, ctx: CatalogueContext, concept_id: str | None, municipality: str) -> bytes:
    """The XLSX template, blank or with a local version of a concept; raises NotFound.

    The local version is filled in with what the municipality must check: its id, concept, municipality and
    title, and the concept's procedures (with their websites), documents to bring and costs, to adapt.
    Everything else stays empty, so it is inherited from the concept."""
    prefill = []
    if concept_id:
        concept = _concept(session, concept_id)
        content = json.loads(concept.document)
        name = ctx.codelists.geography.scope_label(municipality) if municipality else ""
        prefill.append(
            {
                "id": local_version_id(concept_id, name),
                "kind": "instance",
                "linked_concept": concept_id,
                "municipality": municipality,
                "title": f"{concept.title} – {name}",
                "spatial": [municipality] if municipality else [],
                **{key: content.get(key) or [] for key in ("procedures", "requirements", "costs")},
            }
        )
    return workbook.template(ctx.codelists, prefill)
