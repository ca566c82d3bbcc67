"""Read and validate catalog/ files: parse a document against the schema and the code lists, resolve an
instance against its concept, and check a whole folder; every problem is an Issue with its key path."""

from __future__ import annotations

from pathlib import Path

from marshmallow import ValidationError

from rechtenverkenner.catalog.codelists import LEVEL_BY_AUTHORITY, CodeList, Codelists, read_toml
from rechtenverkenner.catalog.graph import find_cycle
from rechtenverkenner.catalog.schema import DocumentSchema
from rechtenverkenner.errors import CatalogError, Issue
from rechtenverkenner.messages import dutch

# Fields an instance inherits from its concept when it does not give them itself (LPDC copies the
# concept's content into a new instance; we keep files short and resolve at load time).
INHERITED = [
    "title",
    "summary",
    "description",
    "additional_description",
    "exceptions",
    "product_type",
    "themes",
    "target_audiences",
    "life_situations",
    "competent_authority_level",
    "executing_authority_level",
    "competent_authorities",
    "keywords",
    "legal_resources",
    "requirements",
    "procedures",
    "costs",
    "financial_advantages",
    "conditions",
    "automatic_when",
    "engine",
    "amounts",
]
# What every published right must have. Codes (type, themes, audiences) are facets: a right imported
# from LPDC without them is still published, it just does not show under those facets.
REQUIRED_AFTER_RESOLVE = ["title", "summary", "description", "competent_authority_level", "spatial"]


WHERE_OPS = {"eq", "ge", "le", "in"}  # comparisons a members condition may make on a member's fact


def _flatten(messages, prefix="") -> list[tuple[str, str]]:
    out = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(key, int):
                path = f"{prefix}[{key}]"
            elif key == "_schema":
                path = prefix
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten(value, path))
    elif isinstance(messages, list):
        for item in messages:
            out.extend(_flatten(item, prefix) if isinstance(item, (dict, list)) else [(prefix, str(item))])
    else:
        out.append((prefix, str(messages)))
    return out


def _issue(path: str, en: str, nl: str | None = None) -> Issue:
    """An issue at a key path of a catalogue document; without nl, en is a validation message put in Dutch."""
    return Issue("file", path, None, en, dutch(en, "file") if nl is None else nl)


def _at(prefix: str, issue: Issue) -> Issue:
    """The issue with its place prefixed (a file name, a file name and a colon)."""
    return Issue(issue.location, f"{prefix}{issue.name}", issue.value, issue.detail_en, issue.detail_nl)


_SCHEMA: list[DocumentSchema] = []


def _document_schema() -> DocumentSchema:
    # building a schema with its nested fields is costly; one instance serves every load
    if not _SCHEMA:
        _SCHEMA.append(DocumentSchema())
    return _SCHEMA[0]


def parse_document(raw: dict, codelists: Codelists) -> tuple[dict, list[Issue]]:
    """Validate one raw document (as read from TOML or JSON).

    Returns the loaded document and every issue found; the document is only usable without issues.
    """
    try:
        doc = _document_schema().load(raw)
    except ValidationError as exc:
        return {}, [_issue(path, msg) for path, msg in _flatten(exc.messages)]
    return doc, check_codes(doc, codelists)


def check_codes(doc: dict, codelists: Codelists) -> list[Issue]:
    """Check every code-list value, scope and the kind-specific fields of a loaded document."""
    issues: list[Issue] = []

    def need(values, codelist: CodeList, key):
        for index, value in enumerate(values):
            if value not in codelist:
                known = ", ".join(list(codelist.labels)[:12])
                issues.append(
                    _issue(
                        f"{key}[{index}]",
                        f"Unknown value '{value}' for {codelist.title}; known: {known}.",
                        f"Onbekende waarde '{value}' voor {codelist.title}; kies uit: {known}.",
                    )
                )

    if doc["product_type"] and doc["product_type"] not in codelists.product_types:
        need([doc["product_type"]], codelists.product_types, "product_type")
    need(doc["themes"], codelists.themes, "themes")
    need(doc["target_audiences"], codelists.target_audiences, "target_audiences")
    need(doc["life_situations"], codelists.life_situations, "life_situations")
    need(doc["competent_authority_level"], codelists.competent_levels, "competent_authority_level")
    need(doc["executing_authority_level"], codelists.executing_levels, "executing_authority_level")
    geography = codelists.geography
    for index, scope in enumerate(doc["spatial"]):
        if not geography.is_scope(scope):
            hint = ""
            if scope in geography.former:
                old_name, new = geography.former[scope]
                hint = f" {old_name} ({scope}) is since 2025 part of {geography.scope_label(new)} ({new})."
            issues.append(
                _issue(
                    f"spatial[{index}]",
                    f"Unknown scope '{scope}': use BE, VLG, BHG or a NIS code.{hint}",
                    f"Onbekend gebied '{scope}': gebruik BE, VLG, BHG of een NIS-code.{hint}",
                )
            )
    for index, condition in enumerate(doc["conditions"]):
        issues.extend(check_condition(condition, f"conditions[{index}]", codelists))
    issues.extend(check_amounts(doc, codelists))
    need(doc["automatic_when"], codelists.statuses, "automatic_when")
    if doc["kind"] == "instance":
        if not doc["linked_concept"]:
            issues.append(
                _issue(
                    "linked_concept",
                    "An instance names the concept it is a version of.",
                    "Een lokale versie noemt het concept waarvan ze een versie is.",
                )
            )
        if doc["municipality"] not in geography.municipalities:
            issues.append(
                _issue(
                    "municipality",
                    f"Unknown municipality '{doc['municipality']}': use its NIS code.",
                    f"Onbekende gemeente '{doc['municipality']}': gebruik de NIS-code.",
                )
            )
    else:
        if doc["linked_concept"] or doc["municipality"]:
            issues.append(
                _issue(
                    "kind",
                    "Only an instance has linked_concept and municipality.",
                    "Alleen een lokale versie (instance) heeft linked_concept en municipality.",
                )
            )
    if doc["start_date"] and doc["end_date"] and doc["end_date"] < doc["start_date"]:
        issues.append(_issue("end_date", "end_date is before start_date.", "end_date ligt voor start_date."))
    return issues


def check_amounts(doc: dict, codelists: Codelists) -> list[Issue]:
    """The right's own amounts name parameters of catalog/parameters."""
    return [
        _issue(f"amounts[{index}]", f"Unknown parameter '{name}'.", f"Onbekende parameter '{name}'.")
        for index, name in enumerate(doc.get("amounts") or [])
        if name not in codelists.rights_data.parameters
    ]


def walk_conditions(conditions: list[dict], prefix: str = "conditions"):
    """Every condition with its key path, nested `any` options and `not` conditions included."""
    for index, condition in enumerate(conditions):
        path = f"{prefix}[{index}]"
        yield path, condition
        for o, option in enumerate(condition.get("options") or []):
            yield from walk_conditions(option, f"{path}.options[{o}]")
        if condition.get("condition"):
            yield from walk_conditions([condition["condition"]], f"{path}.condition")


def check_condition(condition: dict, path: str, codelists: Codelists) -> list[Issue]:
    """The references of one condition (and those nested in it): statuses, scopes, parameters, facts,
    household scopes; a right's id is checked against the whole catalogue by check_collection."""
    issues: list[Issue] = []
    data = codelists.rights_data
    for where, c in walk_conditions([condition], "@"):
        at = path + where[len("@[0]") :]
        for j, status in enumerate(c.get("any_of") or []):
            if status not in codelists.statuses:
                issues.append(
                    _issue(f"{at}.any_of[{j}]", f"Unknown status '{status}'.", f"Onbekend statuut '{status}'.")
                )
        for j, scope in enumerate(c.get("scopes") or []):
            if not codelists.geography.is_scope(scope):
                issues.append(_issue(f"{at}.scopes[{j}]", f"Unknown scope '{scope}'.", f"Onbekend gebied '{scope}'."))
        if c.get("parameter") and c["parameter"] not in data.parameters:
            name = c["parameter"]
            issues.append(_issue(f"{at}.parameter", f"Unknown parameter '{name}'.", f"Onbekende parameter '{name}'."))
        if c.get("household") and c["household"] not in data.households:
            name = c["household"]
            issues.append(
                _issue(f"{at}.household", f"Unknown household scope '{name}'.", f"Onbekend huishouden '{name}'.")
            )
        if c.get("fact") and c["fact"] not in data.facts:
            name = c["fact"]
            issues.append(_issue(f"{at}.fact", f"Unknown fact '{name}'.", f"Onbekend gegeven '{name}'."))
        for fact, expected in (c.get("where") or {}).items():
            # a member's fact is declared as the applicant's (facts.toml holds request paths); a person's own
            # birth date and age are always known fields
            declared = {fact, f"applicant.{fact}", f"householdMembers.{fact}"} & set(data.facts)
            if not declared and fact not in ("birthDate", "age"):
                issues.append(_issue(f"{at}.where.{fact}", f"Unknown fact '{fact}'.", f"Onbekend gegeven '{fact}'."))
            if isinstance(expected, dict) and (set(expected) != {"op", "value"} or expected["op"] not in WHERE_OPS):
                issues.append(
                    _issue(
                        f"{at}.where.{fact}",
                        f"A comparison is {{op, value}} with op one of {sorted(WHERE_OPS)}.",
                        f"Een vergelijking is {{op, value}} met op een van {sorted(WHERE_OPS)}.",
                    )
                )
        if c["type"] == "household_income":
            sizes = [limit["household_size"] for limit in c.get("limits") or []]
            if sizes != sorted(set(sizes)):
                issues.append(
                    _issue(
                        f"{at}.limits",
                        "Household sizes must be ascending and unique.",
                        "Gezinsgroottes moeten oplopen en uniek zijn.",
                    )
                )
    return issues


def right_dependencies(doc: dict) -> set[str]:
    """The ids of the rights a document's conditions name (type `right`)."""
    return {c["right"] for _, c in walk_conditions(doc.get("conditions") or []) if c["type"] == "right"}


def resolve(doc: dict, concept: dict | None) -> dict:
    """Return an instance with its concept's content filled in where it gives none; a concept as is."""
    if doc["kind"] != "instance" or concept is None:
        return dict(doc)
    resolved = dict(doc)
    for key in INHERITED:
        if resolved.get(key) in (None, "", []):
            resolved[key] = concept.get(key)
    return resolved


def check_resolved(doc: dict) -> list[Issue]:
    """Fields every published right must have once an instance has inherited from its concept."""
    return [
        _issue(key, "Missing data for required field.", "Dit veld is verplicht (ook niet geërfd van het concept).")
        for key in REQUIRED_AFTER_RESOLVE
        if doc.get(key) in (None, "", [])
    ]


def level_of(doc: dict) -> str:
    """The level of government shown to social workers: the most local competent level."""
    order = ["local", "provincial", "flemish", "federal", "european"]
    levels = {LEVEL_BY_AUTHORITY[code] for code in doc["competent_authority_level"] if code in LEVEL_BY_AUTHORITY}
    for level in order:
        if level in levels:
            return level
    return "federal"


def read_folder(catalog_dir: str | Path, codelists: Codelists) -> list[dict]:
    """Read and validate every catalog/rights/*.toml; return resolved documents sorted by id.

    Raises CatalogError listing every problem of every file; nothing is returned half-valid.
    """
    folder = Path(catalog_dir) / "rights"
    raw_docs: dict[str, dict] = {}
    problems: list[Issue] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            raw = read_toml(path)
        except CatalogError as exc:
            problems.extend(_at(path.name, i) for i in exc.issues)
            continue
        doc, issues = parse_document(raw, codelists)
        if not issues and doc["id"] != path.stem:
            issues = [
                _issue(
                    "id",
                    f"id '{doc['id']}' differs from the file name '{path.stem}'.",
                    f"id '{doc['id']}' verschilt van de bestandsnaam '{path.stem}'.",
                )
            ]
        problems.extend(_at(f"{path.name}:", i) for i in issues)
        if not issues:
            raw_docs[doc["id"]] = doc
    problems.extend(check_collection(raw_docs))
    if problems:
        raise CatalogError(str(folder), problems)
    resolved = []
    for doc_id in sorted(raw_docs):
        doc = resolve(raw_docs[doc_id], raw_docs.get(raw_docs[doc_id]["linked_concept"]))
        issues = check_resolved(doc)
        problems.extend(_at(f"{doc_id}.toml:", i) for i in issues)
        resolved.append(doc)
    if problems:
        raise CatalogError(str(folder), problems)
    return resolved


def check_collection(docs: dict[str, dict]) -> list[Issue]:
    """Cross-document checks: linked concepts exist and are concepts, related ids exist."""
    issues = []
    for doc_id, doc in docs.items():
        linked = doc["linked_concept"]
        if linked and (linked not in docs or docs[linked]["kind"] != "concept"):
            issues.append(
                _issue(
                    f"{doc_id}.toml:linked_concept",
                    f"No concept '{linked}' in the catalogue.",
                    f"Geen concept '{linked}' in de catalogus.",
                )
            )
        for index, other in enumerate(doc["related"]):
            if other not in docs:
                issues.append(
                    _issue(
                        f"{doc_id}.toml:related[{index}]",
                        f"No right '{other}' in the catalogue.",
                        f"Geen recht '{other}' in de catalogus.",
                    )
                )
        for path, condition in walk_conditions(doc["conditions"]):
            if condition["type"] == "right" and condition["right"] not in docs:
                issues.append(
                    _issue(
                        f"{doc_id}.toml:{path}.right",
                        f"No right '{condition['right']}' in the catalogue.",
                        f"Geen recht '{condition['right']}' in de catalogus.",
                    )
                )
    graph = {}
    for doc_id, doc in docs.items():
        concept = docs.get(doc["linked_concept"]) if doc["linked_concept"] else None
        graph[doc_id] = right_dependencies(resolve(doc, concept))
    cycle = find_cycle(graph)
    if cycle:
        chain = " -> ".join(cycle)
        issues.append(
            _issue(
                f"{cycle[0]}.toml:conditions",
                f"Rights depend on each other in a cycle: {chain}.",
                f"Rechten hangen in een kring van elkaar af: {chain}.",
            )
        )
    return issues


def read_document_file(path: str | Path, codelists: Codelists) -> tuple[dict, list[Issue]]:
    """Read and validate one file on its own (used by the per-file data tests and the CLI check)."""
    path = Path(path)
    try:
        raw = read_toml(path)
    except CatalogError as exc:
        return {}, exc.issues
    doc, issues = parse_document(raw, codelists)
    if not issues and doc["id"] != path.stem:
        issues.append(
            _issue(
                "id",
                f"id '{doc['id']}' differs from the file name '{path.stem}'.",
                f"id '{doc['id']}' verschilt van de bestandsnaam '{path.stem}'.",
            )
        )
    return doc, issues
