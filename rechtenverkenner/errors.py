"""The problems a use case can raise, and the one issue type that names what is wrong where.

Plain Python (no Flask): services, catalogue readers and the CLI raise these; `problems.py` turns them
into RFC 9457 problem details for the API and into error pages for HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCHEMA_VIOLATION = "urn:problem-type:belgif:input-validation:schemaViolation"


class _NoValue:
    """The value of an issue whose problem entry has no `value` key at all (advice body issues)."""

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Any = _NoValue()


@dataclass(frozen=True)
class Issue:
    """One problem in the input: where (location and name), the value given, and what, in English and Dutch.

    location is "query", "body", "path", "file", "form" or "cli"; name is the parameter, the JSON path
    ("$.applicant.age"), the key path of a catalogue file ("conditions[0].min") or a workbook cell
    ("blad Rechten, rij 3, kolom titel").
    """

    location: str
    name: str
    value: Any
    detail_en: str
    detail_nl: str

    def as_problem_entry(self, dutch: bool = False) -> dict:
        """The entry of a problem's `issues` list; `detail` follows the reader's language."""
        entry: dict = {"type": SCHEMA_VIOLATION, "in": self.location, "name": self.name}
        if self.value is not NO_VALUE:
            entry["value"] = self.value
        entry["detail"] = self.detail_nl if dutch and self.detail_nl else self.detail_en
        entry["detailNl"] = self.detail_nl
        entry["detailEn"] = self.detail_en
        return entry

    @classmethod
    def from_entry(cls, entry: dict) -> Issue:
        """An Issue from the dict form the request schemas return (in, name, [value], detail, detailNl)."""
        return cls(
            entry["in"],
            entry["name"],
            entry.get("value", NO_VALUE),
            entry["detail"],
            entry.get("detailNl", entry["detail"]),
        )


class NotFound(Exception):
    """The asked resource does not exist."""


class BadRequest(Exception):
    """Input that cannot be used; .issues lists every problem."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(i.detail_en for i in issues))


class TooLarge(BadRequest):
    """An uploaded file larger than the limit (answered with 413)."""


class NotModelled(Exception):
    """The rules are not modelled for the asked date."""


class Unauthorized(Exception):
    """No valid API key."""


class Forbidden(Exception):
    """The user may not change this right."""


class Refused(Forbidden):
    """A publication refused for reasons the user can act on; .issues names each field, in Dutch.

    status is 403 when the right lies outside what the user may publish, 409 when the catalogue's
    state forbids it (a concept that still has local versions).
    """

    def __init__(self, right_id: str, issues: list[Issue], status: int = 403):
        self.right_id = right_id
        self.issues = issues
        self.status = status
        super().__init__(f"{right_id}: " + "; ".join(f"{i.name}: {i.detail_en}" for i in issues))


class Conflict(Exception):
    """Someone published the same right after this preview was made."""


class TooMany(Exception):
    """A rate limit was reached."""


class CatalogError(Exception):
    """A catalogue file or folder does not validate; .issues lists every problem."""

    def __init__(self, source: str, issues: list[Issue]):
        self.source = source
        self.issues = issues
        lines = "\n".join(f"  {i.name}: {i.detail_nl} ({i.detail_en})" for i in issues)
        super().__init__(f"{source}:\n{lines}")


class LoginFailed(Exception):
    """Wrong e-mail or password, or a locked account (the message never says which)."""
