"""Catalogue templates are written by a TOML writer: any title or municipality gives a valid file."""

import datetime as dt
import tomllib

import pytest

from rechtenverkenner.services import templates
from tests.editor.test_accounts import editor, sign_in  # noqa: F401  (fixture)

AWKWARD = 'Huurpremie "sociaal" C:\\pad\\ en\nzo\r verder'


def test_a_title_with_a_quote_a_backslash_and_a_newline_reads_back_to_the_same_values():
    text = templates.instance_toml("huurpremie", AWKWARD, '44021"\\', 'Gent "stad"\n', dt.date(2026, 1, 31))
    data = tomllib.loads(text)
    assert data["title"] == f'{AWKWARD} – Gent "stad"\n'
    assert data["municipality"] == '44021"\\' and data["spatial"] == ['44021"\\']
    assert data["contact_points"][0]["address"]["municipality"] == 'Gent "stad"\n'
    assert data["linked_concept"] == "huurpremie" and data["last_reviewed"] == dt.date(2026, 1, 31)
    first = text.splitlines()[0]
    assert first.startswith("# Lokale versie van 'Huurpremie \"sociaal\" C:\\pad\\ en zo  verder'"), first


def test_the_blank_template_keeps_its_dutch_comments_and_reads_back():
    text = templates.blank_template(dt.date(2026, 1, 31))
    data = tomllib.loads(text)
    assert data["last_reviewed"] == dt.date(2026, 1, 31) and data["themes"] == ["WelzijnGezondheid"]
    assert data["procedures"] == [{"title": "Hoe aanvragen", "description": ""}]
    assert data["contact_points"] == [{"title": "", "url": "https://"}]
    assert "# id: kleine letters, cijfers en streepjes; uniek in de hele catalogus" in text.splitlines()


@pytest.mark.parametrize("municipality", ['44021"', "44021\\", "44021\n[x]"])
def test_a_municipality_typed_in_the_url_cannot_break_the_template(client, editor, municipality):  # noqa: F811
    assert sign_in(client).status_code == 302
    response = client.get("/beheer/sjabloon/budgetbeheer.toml", query_string={"gemeente": municipality})
    data = tomllib.loads(response.get_data(as_text=True))
    assert data["municipality"] == municipality and data["spatial"] == [municipality] and "x" not in data
