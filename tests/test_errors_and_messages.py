"""One issue type for every boundary and one table of Dutch validation messages."""

import pytest

from rechtenverkenner.errors import NO_VALUE, SCHEMA_VIOLATION, Issue
from rechtenverkenner.messages import dutch


def test_an_issue_is_the_problem_entry_of_today_in_either_language():
    issue = Issue("query", "page", "0", "Must be greater than or equal to 1.", "Moet minstens 1 zijn.")
    entry = issue.as_problem_entry(dutch=True)
    assert list(entry) == ["type", "in", "name", "value", "detail", "detailNl", "detailEn"]
    assert entry["type"] == SCHEMA_VIOLATION and entry["detail"] == "Moet minstens 1 zijn."
    assert issue.as_problem_entry()["detail"] == "Must be greater than or equal to 1."


def test_an_issue_without_a_value_has_no_value_key():
    issue = Issue.from_entry(
        {"in": "body", "name": "$.applicant", "detail": "Unknown field.", "detailNl": "Onbekend veld."}
    )
    assert issue.value is NO_VALUE and "value" not in issue.as_problem_entry()
    assert (
        Issue.from_entry({"in": "body", "name": "$", "value": None, "detail": "x"}).as_problem_entry()["value"] is None
    )


@pytest.mark.parametrize(
    ("message", "reader", "expected"),
    [
        ("Unknown field.", "query", "Onbekende parameter."),
        ("Unknown field.", "body", "Onbekend veld."),
        ("Unknown field.", "file", "Onbekend veld: verwijder het of controleer de schrijfwijze."),
        ("Missing data for required field.", "body", "Dit veld is verplicht."),
        ("Must be greater than or equal to 1 and less than or equal to 100.", "query", "Moet tussen 1 en 100 liggen."),
        (
            "Must be greater than or equal to 0.",
            "body",
            "Waarde buiten het toegelaten bereik (Must be greater than or equal to 0.).",
        ),
        ("Must be one of: month, year.", "body", "Kies een van: month, year."),
        ("Longer than maximum length 200.", "query", "Te lang: maximaal 200 tekens."),
        ("Longer than maximum length 1000.", "body", "Hoogstens 1000 aanvragen per batch."),
        ("Not a valid string.", "body", "Not a valid string."),
        ("Not a valid string.", "file", "Geen geldige tekst."),
    ],
)
def test_every_reader_gets_its_own_dutch(message, reader, expected):
    assert dutch(message, reader) == expected
