"""The code lists a catalogue document is checked against: themes, audiences, types, levels, statuses,
the geography of Flanders and Brussels (REFNIS 2025) and the search synonyms, read from catalog/codelists/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rechtenverkenner.errors import CatalogError, Issue

if TYPE_CHECKING:
    from rechtenverkenner.catalog.shapes import RightsData

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
    rights_data: RightsData = field(default_factory=lambda: _empty_rights_data())  # parameters, facts, scopes
    income_types: dict[str, str] = field(default_factory=dict)  # the rights check's extra income types: id -> label


def _empty_rights_data() -> RightsData:
    from rechtenverkenner.catalog.shapes import RightsData

    return RightsData()


def read_toml(path: Path) -> dict:
    """A TOML file as a dict; raises CatalogError naming the file when it is not valid TOML."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(
            str(path), [Issue("file", "", None, f"not valid TOML: {exc}", f"geen geldige TOML: {exc}")]
        ) from exc


def _codelist(path: Path) -> CodeList:
    data = read_toml(path)
    return CodeList(
        title=data.get("title", path.stem),
        source=data.get("source", ""),
        labels={v["id"]: v["label"] for v in data.get("value", [])},
    )


def load_codelists(catalog_dir: str | Path) -> Codelists:
    """Read catalog/codelists/ and catalog/synonyms.toml; raise CatalogError when one is malformed."""
    base = Path(catalog_dir)
    lists = base / "codelists"
    geo = read_toml(lists / "municipalities.toml")
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
    synonyms = read_toml(synonyms_path).get("groups", []) if synonyms_path.exists() else []
    incomes_path = lists / "income-types.toml"
    incomes = read_toml(incomes_path).get("income_type", []) if incomes_path.exists() else []
    from rechtenverkenner.catalog.shapes import load_rights_data  # shapes imports schema, which is heavier

    rights_data, problems = load_rights_data(base, read_toml)
    if problems:
        raise CatalogError(str(base), problems)
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
        rights_data=rights_data,
        income_types={t["id"]: t["label"] for t in incomes},
    )
