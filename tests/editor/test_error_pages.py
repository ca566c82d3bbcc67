"""The editor blueprint's error handlers answer every problem with the page and the Dutch message of the view."""

import io

import pytest

from tests.editor.test_accounts import editor, sign_in, token  # noqa: F401  (fixture)


@pytest.fixture
def gent(client, editor):  # noqa: F811
    assert sign_in(client).status_code == 302
    return client


def post(client, path: str, **data):
    return client.post(path, data={"csrf_token": token(client, "/beheer/upload"), **data})


@pytest.mark.parametrize(
    ("method", "path", "data", "status", "message"),
    [
        ("post", "/beheer/melding/999/sluiten", {}, 404, "Deze melding bestaat niet of hoort niet bij jouw rechten."),
        ("get", "/beheer/dekking/31005", {}, 403, "Je beheert deze gemeente niet."),
        ("post", "/beheer/publiceer/999", {}, 404, "Deze upload bestaat niet of is al gepubliceerd."),
        ("post", "/beheer/publiceer", {"upload": "geen-getal"}, 404, "Deze upload bestaat niet of is al gepubliceerd."),
        ("post", "/beheer/recht/leefloon/terugzetten", {"revision": "x"}, 404, "Deze versie bestaat niet."),
        ("get", "/beheer/sjabloon/bestaat-niet.toml", {}, 404, "Dit concept bestaat niet."),
        ("get", "/beheer/sjabloon/bestaat-niet.xlsx", {}, 404, "Dit concept bestaat niet."),
        ("post", "/beheer/recht/bestaat-niet/verwijderen", {}, 404, "Dit recht bestaat niet."),
        ("post", "/beheer/recht/leefloon/verwijderen", {}, 403, "Je mag dit recht niet verwijderen."),
        (
            "post",
            "/beheer/recht/leefloon/terugzetten",
            {"revision": "1", "base_revision": "0"},
            404,
            "Deze versie bestaat niet.",
        ),
    ],
)
def test_each_view_keeps_its_own_message(gent, method, path, data, status, message):
    response = post(gent, path, **data) if method == "post" else gent.get(path)
    assert response.status_code == status and message in response.get_data(as_text=True)


def test_an_upload_without_a_file_shows_the_upload_page_again(gent):
    response = gent.post(
        "/beheer/upload",
        data={"csrf_token": token(gent, "/beheer/upload"), "bestand": (io.BytesIO(b""), "")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "<code>bestand</code>: Kies een bestand." in html


def test_a_failed_sign_in_shows_the_form_with_the_email(client, editor):  # noqa: F811
    response = sign_in(client, password="verkeerd wachtwoord")
    html = response.get_data(as_text=True)
    assert response.status_code == 401 and "Onbekend e-mailadres of verkeerd wachtwoord" in html
    assert 'value="redacteur@gent.be"' in html
