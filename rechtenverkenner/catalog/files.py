"""Read and validate catalog/ files and code lists; the one schema for files on disk and uploads."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate, validates_schema

SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NIS_PATTERN = re.compile(r"^\d{5}$")
REGION_SCOPES = {"BE": "België", "VLG": "Vlaams Gewest", "BHG": "Brussels Hoofdstedelijk Gewest"}

# Levels of government as shown to social workers, from the competent authority level code.
LEVEL_BY_AUTHORITY = {
    "Europees": "european",
    "Federaal": "federal",
    "Vlaams": "flemish",
    "Provinciaal": "provincial",
    "Lokaal": "local",
}
LEVEL_LABELS = {
    "european": "Europees",
    "federal": "Federaal",
    "flemish": "Vlaams",
    "provincial": "Provinciaal",
    "local": "Lokaal",
}

# Dutch versions of marshmallow's standard messages, so editors read errors in Dutch.
DUTCH = {
    "Missing data for required field.": "Dit veld is verplicht.",
    "Unknown field.": "Onbekend veld: verwijder het of controleer de schrijfwijze.",
    "Not a valid string.": "Geen geldige tekst.",
    "Not a valid date.": "Geen geldige datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-01-31.",
    "Not a valid URL.": "Geen geldige URL: begin met https://.",
    "Not a valid list.": "Geen geldige lijst: schrijf [\"a\", \"b\"].",
    "Not a valid integer.": "Geen geldig geheel getal.",
    "Not a valid boolean.": "Geen geldige waarde: schrijf true of false.",
    "Invalid input type.": "Ongeldig type.",
    "Field may not be null.": "Dit veld mag niet leeg zijn.",
    "Shorter than minimum length 1.": "Dit veld mag niet leeg zijn.",
    "Invalid value.": "Ongeldige waarde.",
}


@dataclass(frozen=True)
class Issue:
    """One problem in a catalogue document: where (key path), and what, in Dutch and English."""

    path: str
    detail: str
    detail_nl: str

    def as_dict(self) -> dict:
        return {"path": self.path, "detail": self.detail, "detailNl": self.detail_nl}


class CatalogError(Exception):
    """A catalogue file or folder does not validate; .issues lists every problem."""

    def __init__(self, source: str, issues: list[Issue]):
        self.source = source
        self.issues = issues
        lines = "\n".join(f"  {i.path}: {i.detail_nl} ({i.detail})" for i in issues)
        super().__init__(f"{source}:\n{lines}")


@dataclass
class CodeList:
    """A code list: ordered ids with Dutch labels."""

    title: str
    source: str
    labels: dict[str, str]

    def __contains__(self, value: str) -> bool:
        return value in self.labels

    def label(self, value: str) -> str:
        return self.labels.get(value, value)


@dataclass
class Municipality:
    code: str
    name: str
    name_fr: str
    province: str
    region: str
    replaces: list[str]

    @property
    def scopes(self) -> list[str]:
        """The spatial scope codes whose rights apply to someone living here."""
        scopes = ["BE", self.region]
        if self.province:
            scopes.append(self.province)
        scopes.append(self.code)
        return scopes


@dataclass
class Geography:
    """Provinces and municipalities of Flanders and Brussels (REFNIS 2025) and merged former codes."""

    provinces: dict[str, str]
    municipalities: dict[str, Municipality]
    former: dict[str, tuple[str, str]]  # old code -> (old name, new code)
    source: str = ""

    def scope_label(self, code: str) -> str:
        if code in REGION_SCOPES:
            return REGION_SCOPES[code]
        if code in self.provinces:
            return self.provinces[code]
        if code in self.municipalities:
            return self.municipalities[code].name
        return code

    def is_scope(self, code: str) -> bool:
        return code in REGION_SCOPES or code in self.provinces or code in self.municipalities


@dataclass
class Codelists:
    """Every code list a catalogue document is checked against."""

    themes: CodeList
    target_audiences: CodeList
    product_types: CodeList
    competent_levels: CodeList
    executing_levels: CodeList
    life_situations: CodeList
    statuses: CodeList
    geography: Geography
    synonyms: list[list[str]] = field(default_factory=list)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(str(path), [Issue("", f"not valid TOML: {exc}", f"geen geldige TOML: {exc}")]) from exc


def _codelist(path: Path) -> CodeList:
    data = _read_toml(path)
    return CodeList(
        title=data.get("title", path.stem),
        source=data.get("source", ""),
        labels={v["id"]: v["label"] for v in data.get("value", [])},
    )


def load_codelists(catalog_dir: str | Path) -> Codelists:
    """Read catalog/codelists/ and catalog/synonyms.toml; raise CatalogError when one is malformed."""
    base = Path(catalog_dir)
    lists = base / "codelists"
    geo = _read_toml(lists / "municipalities.toml")
    geography = Geography(
        provinces={p["code"]: p["name"] for p in geo.get("province", [])},
        municipalities={
            m["code"]: Municipality(
                code=m["code"],
                name=m["name"],
                name_fr=m.get("name_fr", ""),
                province=m.get("province", ""),
                region=m["region"],
                replaces=list(m.get("replaces", [])),
            )
            for m in geo.get("municipality", [])
        },
        former={f["code"]: (f["name"], f["merged_into"]) for f in geo.get("former", [])},
        source=geo.get("source", ""),
    )
    synonyms_path = base / "synonyms.toml"
    synonyms = _read_toml(synonyms_path).get("groups", []) if synonyms_path.exists() else []
    return Codelists(
        themes=_codelist(lists / "themes.toml"),
        target_audiences=_codelist(lists / "target-audiences.toml"),
        product_types=_codelist(lists / "product-types.toml"),
        competent_levels=_codelist(lists / "competent-authority-levels.toml"),
        executing_levels=_codelist(lists / "executing-authority-levels.toml"),
        life_situations=_codelist(lists / "life-situations.toml"),
        statuses=_codelist(lists / "statuses.toml"),
        geography=geography,
        synonyms=synonyms,
    )


# --- the document schema -------------------------------------------------------------------------


class FlexDate(fields.Date):
    """A date written as a TOML date or as an ISO-8601 string (JSON uploads)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, dt.datetime):
            raise self.make_error("invalid")
        if isinstance(value, dt.date):
            return value
        return super()._deserialize(value, attr, data, **kwargs)


class Text(fields.String):
    """Trimmed text."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


class Money(fields.Field):
    """An amount in euro written as a string (e.g. "1234.56"), read as Decimal with at most two decimals."""

    default_error_messages = {"invalid": "Not a valid amount: write it as a string, e.g. \"1234.56\"."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            amount = Decimal(value)
        except InvalidOperation as exc:
            raise self.make_error("invalid") from exc
        if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
            raise self.make_error("invalid")
        return amount


def _url():
    return fields.Url(required=True, schemes={"https", "http"})


class Strict(Schema):
    class Meta:
        unknown = RAISE


class LinkSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    url = _url()


class EvidenceSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    description = Text(load_default="")


class RequirementSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    description = Text(load_default="")
    evidence = fields.Nested(EvidenceSchema, load_default=None)


class ProcedureSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    description = Text(load_default="")
    websites = fields.List(fields.Nested(LinkSchema), load_default=list)


class TextBlockSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    description = Text(load_default="")


class AddressSchema(Strict):
    street = Text(load_default="")
    house_number = Text(load_default="")
    box = Text(load_default="")
    postal_code = Text(load_default="", validate=validate.Regexp(r"^(\d{4})?$"))
    municipality = Text(load_default="")


class ContactPointSchema(Strict):
    title = Text(load_default="")
    url = fields.Url(load_default=None, schemes={"https", "http"})
    email = fields.Email(load_default=None)
    phone = Text(load_default="", validate=validate.Regexp(r"^[+0-9 ./()-]*$"))
    opening_hours = Text(load_default="")
    address = fields.Nested(AddressSchema, load_default=None)


class IncomeLimitSchema(Strict):
    household_size = fields.Integer(required=True, validate=validate.Range(min=1, max=20))
    amount = Money(required=True)


CONDITION_TYPES = {
    "age": "leeftijd",
    "residence": "woonplaats",
    "household_income": "gezinsinkomen",
    "status": "statuut",
    "children": "kinderen ten laste",
    "student": "student",
    "tenant": "huurder",
}


class ConditionSchema(Strict):
    """A standardized, machine-checkable condition; see catalog/README.md for the vocabulary."""

    type = fields.String(required=True, validate=validate.OneOf(sorted(CONDITION_TYPES)))
    note = Text(load_default="")
    source = fields.Url(load_default=None, schemes={"https", "http"})
    # age
    min = fields.Integer(load_default=None, validate=validate.Range(min=0, max=130))
    max = fields.Integer(load_default=None, validate=validate.Range(min=0, max=130))
    # residence
    scopes = fields.List(fields.String(), load_default=None)
    # household_income
    period = fields.String(load_default=None, validate=validate.OneOf(["month", "year"]))
    income_basis = Text(load_default="")
    limits = fields.List(fields.Nested(IncomeLimitSchema), load_default=None)
    per_extra_person = Money(load_default=None)
    # status
    any_of = fields.List(fields.String(), load_default=None)
    # children
    max_age = fields.Integer(load_default=None, validate=validate.Range(min=0, max=30))
    # student / tenant
    value = fields.Boolean(load_default=None)
    tenant_kind = fields.String(load_default=None, validate=validate.OneOf(["any", "private", "social"]))

    @validates_schema
    def _parameters_fit_type(self, data, **_kwargs):
        kind = data.get("type")
        allowed = {
            "age": {"min", "max"},
            "residence": {"scopes"},
            "household_income": {"period", "income_basis", "limits", "per_extra_person"},
            "status": {"any_of"},
            "children": {"max_age"},
            "student": {"value"},
            "tenant": {"tenant_kind"},
        }.get(kind, set())
        common = {"type", "note", "source"}
        errors = {}
        for key, value in data.items():
            if key in common or value in (None, "", []):
                continue
            if key not in allowed:
                errors[key] = [f"Not a parameter of a {kind} condition."]
        required = {
            "age": [],
            "residence": ["scopes"],
            "household_income": ["period", "income_basis", "source"],
            "status": ["any_of"],
            "children": ["max_age"],
            "student": ["value"],
            "tenant": ["tenant_kind"],
        }.get(kind, [])
        for key in required:
            if data.get(key) in (None, "", []):
                errors[key] = ["Missing data for required field."]
        if kind == "age" and data.get("min") is None and data.get("max") is None:
            errors["min"] = ["An age condition needs min, max or both."]
        if kind == "age" and None not in (data.get("min"), data.get("max")) and data["min"] > data["max"]:
            errors["max"] = ["max is below min."]
        if errors:
            raise ValidationError(errors)


class DocumentSchema(Strict):
    """A concept or instance of a right, as written in catalog/rights/<id>.toml or uploaded."""

    schema = fields.Integer(required=True, validate=validate.Equal(SCHEMA_VERSION))
    id = fields.String(required=True, validate=[validate.Regexp(ID_PATTERN), validate.Length(max=120)])
    kind = fields.String(required=True, validate=validate.OneOf(["concept", "instance"]))
    linked_concept = fields.String(load_default="")
    municipality = fields.String(load_default="")
    title = Text(load_default="", validate=validate.Length(max=300))
    summary = Text(load_default="", validate=validate.Length(max=400))
    description = Text(load_default="")
    additional_description = Text(load_default="")
    exceptions = Text(load_default="")
    product_type = fields.String(load_default="")
    themes = fields.List(fields.String(), load_default=list)
    target_audiences = fields.List(fields.String(), load_default=list)
    life_situations = fields.List(fields.String(), load_default=list)
    competent_authority_level = fields.List(fields.String(), load_default=list)
    executing_authority_level = fields.List(fields.String(), load_default=list)
    competent_authorities = fields.List(Text(), load_default=list)
    executing_authorities = fields.List(Text(), load_default=list)
    spatial = fields.List(fields.String(), load_default=list)
    keywords = fields.List(Text(), load_default=list)
    related = fields.List(fields.String(), load_default=list)
    languages = fields.List(fields.String(validate=validate.OneOf(["nl", "fr", "de", "en"])), load_default=lambda: ["nl"])
    legal_resources = fields.List(fields.Nested(LinkSchema), load_default=list)
    start_date = FlexDate(load_default=None)
    end_date = FlexDate(load_default=None)
    source_url = _url()
    last_reviewed = FlexDate(required=True)
    requirements = fields.List(fields.Nested(RequirementSchema), load_default=list)
    procedures = fields.List(fields.Nested(ProcedureSchema), load_default=list)
    costs = fields.List(fields.Nested(TextBlockSchema), load_default=list)
    financial_advantages = fields.List(fields.Nested(TextBlockSchema), load_default=list)
    contact_points = fields.List(fields.Nested(ContactPointSchema), load_default=list)
    conditions = fields.List(fields.Nested(ConditionSchema), load_default=list)
    # provenance of a right imported from LPDC/IPDC
    ipdc_concept = fields.Url(load_default=None, schemes={"https", "http"})
    lpdc_id = fields.Url(load_default=None, schemes={"https", "http"})
    lpdc_language = fields.String(load_default="", validate=validate.Length(max=40))


# Fields an instance inherits from its concept when it does not give them itself (LPDC copies the
# concept's content into a new instance; we keep files short and resolve at load time).
INHERITED = [
    "title", "summary", "description", "additional_description", "exceptions", "product_type",
    "themes", "target_audiences", "life_situations", "competent_authority_level",
    "executing_authority_level", "competent_authorities", "keywords", "legal_resources",
    "requirements", "procedures", "costs", "financial_advantages", "conditions",
]
# What every published right must have. Codes (type, themes, audiences) are facets: a right imported
# from LPDC without them is still published, it just does not show under those facets.
REQUIRED_AFTER_RESOLVE = ["title", "summary", "description", "competent_authority_level", "spatial"]


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
    if nl is None:
        nl = DUTCH.get(en, en)
        if en.startswith("Must be one of:"):
            nl = "Kies een van: " + en.removeprefix("Must be one of:").strip()
        elif en.startswith("String does not match expected pattern"):
            nl = "Ongeldige schrijfwijze."
        elif en.startswith("Must be equal to"):
            nl = "Moet gelijk zijn aan " + en.removeprefix("Must be equal to").strip()
        elif en.startswith("Longer than maximum length"):
            nl = "Te lang: maximaal " + en.rsplit(" ", 1)[-1].rstrip(".") + " tekens."
        elif en.startswith("Must be greater than or equal to") or en.startswith("Must be less than"):
            nl = "Waarde buiten het toegelaten bereik (" + en + ")."
        elif en.startswith("Not a parameter of"):
            nl = "Deze parameter hoort niet bij dit type voorwaarde."
        elif en == "An age condition needs min, max or both.":
            nl = "Een leeftijdsvoorwaarde heeft min, max of beide nodig."
        elif en == "max is below min.":
            nl = "max is kleiner dan min."
        elif en.startswith("Not a valid amount"):
            nl = 'Geen geldig bedrag: schrijf het als tekst, bijvoorbeeld "1234.56".'
    return Issue(path, en, nl)


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
                issues.append(_issue(f"{key}[{index}]", f"Unknown value '{value}' for {codelist.title}; known: {known}.",
                                     f"Onbekende waarde '{value}' voor {codelist.title}; kies uit: {known}."))

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
            issues.append(_issue(f"spatial[{index}]", f"Unknown scope '{scope}': use BE, VLG, BHG or a NIS code.{hint}",
                                 f"Onbekend gebied '{scope}': gebruik BE, VLG, BHG of een NIS-code.{hint}"))
    for index, condition in enumerate(doc["conditions"]):
        if condition["type"] == "status":
            need(condition["any_of"], codelists.statuses, f"conditions[{index}].any_of")
        if condition["type"] == "residence":
            for j, scope in enumerate(condition["scopes"]):
                if not geography.is_scope(scope):
                    issues.append(_issue(f"conditions[{index}].scopes[{j}]", f"Unknown scope '{scope}'.",
                                         f"Onbekend gebied '{scope}'."))
        if condition["type"] == "household_income":
            sizes = [limit["household_size"] for limit in condition["limits"] or []]
            if sizes != sorted(set(sizes)):
                issues.append(_issue(f"conditions[{index}].limits", "Household sizes must be ascending and unique.",
                                     "Gezinsgroottes moeten oplopen en uniek zijn."))
    if doc["kind"] == "instance":
        if not doc["linked_concept"]:
            issues.append(_issue("linked_concept", "An instance names the concept it is a version of.",
                                 "Een lokale versie noemt het concept waarvan ze een versie is."))
        if doc["municipality"] not in geography.municipalities:
            issues.append(_issue("municipality", f"Unknown municipality '{doc['municipality']}': use its NIS code.",
                                 f"Onbekende gemeente '{doc['municipality']}': gebruik de NIS-code."))
    else:
        if doc["linked_concept"] or doc["municipality"]:
            issues.append(_issue("kind", "Only an instance has linked_concept and municipality.",
                                 "Alleen een lokale versie (instance) heeft linked_concept en municipality."))
    if doc["start_date"] and doc["end_date"] and doc["end_date"] < doc["start_date"]:
        issues.append(_issue("end_date", "end_date is before start_date.", "end_date ligt voor start_date."))
    return issues


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
            raw = _read_toml(path)
        except CatalogError as exc:
            problems.extend(Issue(f"{path.name}", i.detail, i.detail_nl) for i in exc.issues)
            continue
        doc, issues = parse_document(raw, codelists)
        if not issues and doc["id"] != path.stem:
            issues = [_issue("id", f"id '{doc['id']}' differs from the file name '{path.stem}'.",
                             f"id '{doc['id']}' verschilt van de bestandsnaam '{path.stem}'.")]
        problems.extend(Issue(f"{path.name}:{i.path}", i.detail, i.detail_nl) for i in issues)
        if not issues:
            raw_docs[doc["id"]] = doc
    problems.extend(check_collection(raw_docs))
    if problems:
        raise CatalogError(str(folder), problems)
    resolved = []
    for doc_id in sorted(raw_docs):
        doc = resolve(raw_docs[doc_id], raw_docs.get(raw_docs[doc_id]["linked_concept"]))
        issues = check_resolved(doc)
        problems.extend(Issue(f"{doc_id}.toml:{i.path}", i.detail, i.detail_nl) for i in issues)
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
            issues.append(Issue(f"{doc_id}.toml:linked_concept", f"No concept '{linked}' in the catalogue.",
                                f"Geen concept '{linked}' in de catalogus."))
        for index, other in enumerate(doc["related"]):
            if other not in docs:
                issues.append(Issue(f"{doc_id}.toml:related[{index}]", f"No right '{other}' in the catalogue.",
                                    f"Geen recht '{other}' in de catalogus."))
    return issues


def read_document_file(path: str | Path, codelists: Codelists) -> tuple[dict, list[Issue]]:
    """Read and validate one file on its own (used by the per-file data tests and the CLI check)."""
    path = Path(path)
    try:
        raw = _read_toml(path)
    except CatalogError as exc:
        return {}, exc.issues
    doc, issues = parse_document(raw, codelists)
    if not issues and doc["id"] != path.stem:
        issues.append(_issue("id", f"id '{doc['id']}' differs from the file name '{path.stem}'.",
                             f"id '{doc['id']}' verschilt van de bestandsnaam '{path.stem}'."))
    return doc, issues
