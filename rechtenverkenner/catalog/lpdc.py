"""Import LPDC/IPDC JSON-LD (an instance snapshot feed page or one instance) as catalogue documents.

The texts in LPDC are HTML: they become plain text here (tags dropped, entities decoded), so nothing
of an import is ever rendered as markup. Every document goes through the catalogue schema after.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from html.parser import HTMLParser

LANGUAGES = ["nl", "nl-BE-x-formal", "nl-BE-x-informal", "nl-BE-x-generated-formal", "nl-BE-x-generated-informal"]
LEVELS = {"Europees", "Federaal", "Vlaams", "Provinciaal", "Lokaal", "Derden"}


class _Text(HTMLParser):
    BLOCKS = {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "ul", "ol", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(markup: str) -> str:
    """HTML → plain text: tags and scripts dropped, paragraphs kept as blank-line breaks."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup or "")
    parser = _Text()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    paragraphs = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _pick(value, language_holder: list[str]) -> str:
    """The Dutch text of a language map, preferring formal Dutch; records the variant used."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return ""
    for language in LANGUAGES:
        if value.get(language):
            if not language_holder:
                language_holder.append(language)
            return value[language]
    return ""


def _nis(code: str) -> str | None:
    """The NIS code at the end of an LPDC spatial code such as BE23444021 (NUTS + LAU)."""
    match = re.search(r"(\d{5})$", str(code))
    return match.group(1) if match else None


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first[:400]


def members(data) -> list[dict]:
    """The instances in a feed page (`member`) or a single instance document. A feed holds snapshots:
    of several snapshots of one public service only the newest (generatedAtTime) counts."""
    if isinstance(data, dict) and isinstance(data.get("member"), list):
        newest: dict[str, dict] = {}
        for m in data["member"]:
            if not isinstance(m, dict):
                continue
            key = m.get("isVersionOf") or m.get("@id") or str(len(newest))
            if key not in newest or str(m.get("generatedAtTime", "")) >= str(newest[key].get("generatedAtTime", "")):
                newest[key] = m
        return list(newest.values())
    if isinstance(data, dict) and data.get("@type"):
        return [data]
    raise ValueError("not an LPDC instance or instance snapshot feed page")


def to_document(item: dict, today: dt.date) -> tuple[dict | None, str]:
    """(the catalogue document, its id) for one instance; the document is None for an archived one."""
    uri = item.get("isVersionOf") or item.get("@id") or ""
    uuid = uri.rstrip("/").rsplit("/", 1)[-1].lower()
    right_id = "lpdc-" + re.sub(r"[^a-z0-9-]", "", uuid)[:100]
    if item.get("isArchived") is True:
        return None, right_id
    language: list[str] = []
    title = plain_text(_pick(item.get("naam"), language))
    description = plain_text(_pick(item.get("beschrijving"), language))
    spatial = [c for c in (_nis(code) for code in item.get("geografischToepassingsgebieden", [])) if c]
    levels = [level for level in item.get("bevoegdBestuursniveaus", []) if level in LEVELS]
    if not levels and (item.get("aangemaaktDoor") or item.get("bevoegdeOverheden")):
        levels = ["Lokaal"]  # made by a local government in LPDC
    changed = str(item.get("laatstGewijzigd") or "")[:10]
    doc = {
        "schema": 1,
        "id": right_id,
        "kind": "concept",
        "title": title,
        "summary": _first_sentence(description),
        "description": description,
        "additional_description": plain_text(_pick(item.get("aanvullendeBeschrijving"), language)),
        "exceptions": plain_text(_pick(item.get("uitzonderingen"), language)),
        "competent_authority_level": levels,
        "executing_authority_level": [level for level in item.get("uitvoerendBestuursniveaus", []) if level in LEVELS],
        "spatial": spatial,
        "keywords": [plain_text(_pick(k, [])) for k in item.get("zoektermen", []) if k]
        if isinstance(item.get("zoektermen"), list)
        else [],
        "source_url": uri if uri.startswith(("http://", "https://")) else "",
        "last_reviewed": changed or today.isoformat(),
        "lpdc_id": uri or None,
        "ipdc_concept": item.get("linkedConcept") or None,
        "lpdc_language": language[0] if language else "",
    }
    if item.get("type"):
        doc["product_type"] = str(item["type"]).rsplit("/", 1)[-1]
    for key, field in (("themas", "themes"), ("doelgroepen", "target_audiences")):
        if item.get(key):
            doc[field] = [str(v).rsplit("/", 1)[-1] for v in item[key]]
    if item.get("startDienstVerlening"):
        doc["start_date"] = str(item["startDienstVerlening"])[:10]
    if item.get("eindeDienstVerlening"):
        doc["end_date"] = str(item["eindeDienstVerlening"])[:10]
    return {k: v for k, v in doc.items() if v not in (None, "", [])}, right_id


def parse(content: bytes) -> list[dict]:
    """The members of an uploaded JSON-LD file; raises ValueError with a Dutch-friendly reason."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"geen geldige JSON: {exc}") from exc
    return members(data)
