"""Error reports reach a right's editors; coverage per municipality; concept changes flag local versions."""

import re

import pytest

from tests.editor.test_accounts import PASSWORD, sign_in, token
from tests.editor.test_publish import GENT_BUDGET, publish, upload


@pytest.fixture
def gent_editor(app, client):
    result = app.test_cli_runner().invoke(
        args=["user", "create", "r@gent.be", "--name", "Redacteur Gent", "--role", "editor", "--municipality", "44021"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0
    assert sign_in(client, "r@gent.be").status_code == 302
    return client


def report(client, right_id, message):
    page = client.get(f"/recht/{right_id}").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(f"/recht/{right_id}/melding", data={"melding": message, "csrf_token": csrf})


def test_a_report_on_a_gent_right_reaches_the_gent_editor_who_closes_it(app, gent_editor):
    anonymous = app.test_client()
    assert "de redactie van dit recht krijgt je melding" in report(
        anonymous, "leefloon-gent", "Het telefoonnummer is veranderd."
    ).get_data(as_text=True)
    report(anonymous, "leefloon-brugge", "Fout in Brugge.")
    html = gent_editor.get("/beheer/").get_data(as_text=True)
    assert "Het telefoonnummer is veranderd." in html and "Fout in Brugge." not in html
    report_id = re.search(r"/beheer/melding/(\d+)/sluiten", html).group(1)
    gent_editor.post(f"/beheer/melding/{report_id}/sluiten", data={"csrf_token": token(gent_editor, "/beheer/")})
    assert "Het telefoonnummer is veranderd." not in gent_editor.get("/beheer/").get_data(as_text=True)


def test_an_empty_report_is_refused(client):
    response = report(client, "leefloon-gent", "   ")
    assert response.status_code == 400 and "tussen 5 en 2.000 tekens" in response.get_data(as_text=True)


def test_coverage_lists_missing_local_versions_and_incomplete_entries(gent_editor):
    html = gent_editor.get("/beheer/dekking/44021").get_data(as_text=True)
    missing = html.split("Concepten zonder lokale versie")[1].split("<h2>")[0]
    assert "Budgetbegeleiding" in missing and "Leefloon<" not in missing
    assert gent_editor.get("/beheer/dekking/31005").status_code == 403


def test_a_changed_local_concept_flags_its_local_versions(app, client):
    runner = app.test_cli_runner()
    assert (
        runner.invoke(
            args=["user", "create", "admin@vlaanderen.be", "--name", "Beheerder", "--role", "admin"],
            input=f"{PASSWORD}\n{PASSWORD}\n",
        ).exit_code
        == 0
    )
    assert sign_in(client, "admin@vlaanderen.be").status_code == 302
    publish(client, upload(client, GENT_BUDGET).get_data(as_text=True))
    concept = client.get("/beheer/sjabloon/budgetbegeleiding.toml?gemeente=44021")  # a template works for admins too
    assert concept.status_code == 200
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "catalog" / "rights" / "budgetbegeleiding.toml").read_bytes()
    changed = text.replace(b'title = "Budgetbegeleiding"', b'title = "Budgetbegeleiding (nieuw)"')
    publish(client, upload(client, changed).get_data(as_text=True))
    html = client.get("/beheer/").get_data(as_text=True)
    assert "concept werd gewijzigd" in html and "Budgetbegeleiding - OCMW Gent" in html
