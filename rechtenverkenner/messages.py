"""The one table of Dutch validation messages: marshmallow's (and our schemas') English message in Dutch.

Three readers see these messages and some need other words: "query" (a developer calling
/api/v1/rights), "body" (the advice request of the API and the leefloon page) and "file" (an editor
who writes a catalogue file or workbook and needs to know how to fix it). A message missing from the
table is shown as is.
"""

from __future__ import annotations

from collections.abc import Callable

READERS = ("query", "body", "file")

# The same words for every reader.
COMMON = {
    "Missing data for required field.": "Dit veld is verplicht.",
    "Not a valid integer.": "Geen geldig geheel getal.",
    "Invalid input type.": "Ongeldig type.",
}

# Where the readers differ (and messages only one schema can give).
EXACT: dict[str, dict[str, str]] = {
    "query": {
        "Unknown field.": "Onbekende parameter.",
    },
    "body": {
        "Unknown field.": "Onbekend veld.",
        "Not a valid date.": "Geen geldige datum (JJJJ-MM-DD).",
        "Not a valid number.": "Geen geldig getal.",
        "Not a valid boolean.": "Geen geldige waarde: true of false.",
        "Not a valid list.": "Geen geldige lijst.",
        "Field may not be null.": "Dit veld mag niet null zijn.",
        "Give birthDate or age, not both.": "Geef birthDate of age, niet allebei.",
        "The birth date is after the reference date.": "De geboortedatum ligt na de peildatum.",
        "The application date is after the reference date.": "De aanvraagdatum ligt na de peildatum.",
        "Amounts have at most two decimals.": "Bedragen hebben hoogstens twee decimalen.",
        "Longer than maximum length 1000.": "Hoogstens 1000 aanvragen per batch.",
        "A share is more than 0 and at most 1.": "Een aandeel ligt tussen 0 (niet inbegrepen) en 1.",
        "A date lies between 1800-01-01 and 2100-12-31.": "Een datum ligt tussen 1800-01-01 en 2100-12-31.",
        "The start of the right is before the application date.": "Het begin van het recht ligt vóór de aanvraagdatum.",
        "The birth date gives an age over 125 years.": "De geboortedatum geeft een leeftijd van meer dan 125 jaar.",
    },
    "file": {
        "Unknown field.": "Onbekend veld: verwijder het of controleer de schrijfwijze.",
        "Not a valid string.": "Geen geldige tekst.",
        "Not a valid date.": "Geen geldige datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-01-31.",
        "Not a valid URL.": "Geen geldige URL: begin met https://.",
        "Not a valid list.": 'Geen geldige lijst: schrijf ["a", "b"].',
        "Not a valid boolean.": "Geen geldige waarde: schrijf true of false.",
        "Field may not be null.": "Dit veld mag niet leeg zijn.",
        "Shorter than minimum length 1.": "Dit veld mag niet leeg zijn.",
        "Invalid value.": "Ongeldige waarde.",
        "An age condition needs min, max or both.": "Een leeftijdsvoorwaarde heeft min, max of beide nodig.",
        "max is below min.": "max is kleiner dan min.",
    },
}


def _one_of(message: str) -> str:
    return "Kies een van: " + message.removeprefix("Must be one of:").strip()


def _out_of_range(message: str) -> str:
    return "Waarde buiten het toegelaten bereik (" + message + ")."


def _between(message: str) -> str:
    bounds = message.removeprefix("Must be greater than or equal to ").replace(" and less than or equal to ", " en ")
    return "Moet tussen " + bounds.rstrip(".") + " liggen."


def _too_long(message: str) -> str:
    return "Te lang: maximaal " + message.rsplit(" ", 1)[-1].rstrip(".") + " tekens."


def _pattern(_message: str) -> str:
    return "Ongeldige schrijfwijze."


def _equal(message: str) -> str:
    return "Moet gelijk zijn aan " + message.removeprefix("Must be equal to").strip()


def _not_a_parameter(_message: str) -> str:
    return "Deze parameter hoort niet bij dit type voorwaarde."


def _amount(_message: str) -> str:
    return 'Geen geldig bedrag: schrijf het als tekst, bijvoorbeeld "1234.56".'


# Messages that carry a value (a list of choices, a bound, a length): matched on how they start.
PREFIXES: dict[str, list[tuple[str, Callable[[str], str]]]] = {
    "query": [
        ("Must be greater than or equal to", _between),
        ("Longer than maximum length", _too_long),
        ("String does not match expected pattern", _pattern),
    ],
    "body": [
        ("Must be one of:", _one_of),
        ("Must be greater than or equal to", _out_of_range),
        ("Must be less than", _out_of_range),
    ],
    "file": [
        ("Must be one of:", _one_of),
        ("String does not match expected pattern", _pattern),
        ("Must be equal to", _equal),
        ("Longer than maximum length", _too_long),
        ("Must be greater than or equal to", _out_of_range),
        ("Must be less than", _out_of_range),
        ("Not a parameter of", _not_a_parameter),
        ("Not a valid amount", _amount),
    ],
}


def dutch(message: str, reader: str = "body") -> str:
    """The Dutch words for a validation message, for this reader ("query", "body" or "file")."""
    exact = EXACT[reader]
    if message in exact:
        return exact[message]
    if message in COMMON:
        return COMMON[message]
    for prefix, translate in PREFIXES[reader]:
        if message.startswith(prefix):
            return translate(message)
    return message
