"""Read an uploaded catalogue file (TOML) as untrusted input: every way it can be malformed is a BadRequest with a
Dutch explanation, never an exception the app does not expect (issue #12: malformed TOML gave 500)."""

from __future__ import annotations

import tomllib
from typing import Any

from rechtenverkenner.errors import BadRequest, Issue

# the catalogue's own files nest at most 10 levels (conditions in conditions); deeper is not a catalogue file,
# and would exhaust the recursion of the TOML parser or of the validation
MAX_NESTING = 40


def nesting(value: Any) -> int:
    """How deeply tables and arrays nest in value (counted without recursion)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _refuse(en: str, nl: str) -> BadRequest:
    return BadRequest([Issue("file", "$", None, en, nl)])


def read_catalogue_toml(content: bytes) -> dict:
    """The table of an uploaded TOML file; raises BadRequest for text that is not UTF-8, not TOML, or nested
    deeper than MAX_NESTING."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(
            "Not a valid catalogue file: the text is not UTF-8.",
            "Geen geldig catalogusbestand: de tekst is geen UTF-8. Bewaar het bestand als UTF-8.",
        ) from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _refuse(
            f"Not a valid catalogue file (TOML): {exc}", f"Geen geldig catalogusbestand (TOML): {exc}"
        ) from exc
    except RecursionError as exc:
        raise _refuse(
            f"Not a valid catalogue file: tables or arrays nest more than {MAX_NESTING} levels deep.",
            f"Geen geldig catalogusbestand: tabellen of lijsten zijn meer dan {MAX_NESTING} niveaus diep genest.",
        ) from exc
    if nesting(raw) > MAX_NESTING:
        raise _refuse(
            f"Not a valid catalogue file: tables or arrays nest more than {MAX_NESTING} levels deep.",
            f"Geen geldig catalogusbestand: tabellen of lijsten zijn meer dan {MAX_NESTING} niveaus diep genest.",
        )
    return raw
