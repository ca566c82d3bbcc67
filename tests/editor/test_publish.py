"""Upload, preview, publish, history and rollback: all-or-nothing, scoped, with optimistic locking."""

import io
import re

import pytest

from tests.editor.test_accounts import PASSWORD, editor, sign_in, token  # noqa: F401  (fixture)

GENT_BUDGET = b"""schema = 1
id = "budgetbegeleiding-gent"
kind = "instance"
linked_concept = "budgetbegeleiding"
municipality = "44021"
title = "Budgetbegeleiding - OCMW Gent"
spatial = ["44021"]
source_url = "https://stad.gent/nl/samenleven-welzijn-gezondheid/ocmw-gent/wat-mag-je-verwachten-als-je-naar-het-ocmw-gaat"
last_reviewed = 2026-11-28
"""


def upload(client, content: bytes, name="recht.toml"):
    return client.post(
        "/beheer/upload",
        data={"csrf_token": token(client, "/beheer/upload"), "bestand": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def publish(client, html: str):
    upload_id = re.search(r"/beheer/publiceer/(\d+)", html).group(1)
    return client.post(f"/beheer/publiceer/{upload_id}", data={"csrf_token": token(client, "/beheer/upload")})


@pytest.fixture
def signed_in(client, editor):  # noqa: F811
    assert sign_in(client).status_code == 302
    return client


def test_a_new_local_right_is_previewed_then_published_and_found(signed_in):
    client = signed_in
    assert (
        client.get("/api/v1/rights?q=budgetbegeleiding&municipality=44021").get_json()["items"][0]["id"]
        == "budgetbegeleiding"
    )
    preview = upload(client, GENT_BUDGET)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Nieuw recht" in html and "budgetbegeleiding-gent" in html
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").status_code == 404, "nothing is published before"
    response = publish(client, html)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/beheer/recht/budgetbegeleiding-gent/geschiedenis"
    )
    found = client.get("/api/v1/rights?q=budgetbegeleiding&municipality=44021").get_json()["items"]
    assert found[0]["id"] == "budgetbegeleiding-gent"
    detail = client.get("/api/v1/rights/budgetbegeleiding-gent").get_json()
    assert detail["description"], "inherited from the concept"
    history = client.get("/beheer/recht/budgetbegeleiding-gent/geschiedenis").get_data(as_text=True)
    assert "Redacteur Gent" in history and "opgeladen" in history


def test_a_change_is_shown_field_by_field_and_can_be_rolled_back(signed_in):
    client = signed_in
    publish(client, upload(client, GENT_BUDGET).get_data(as_text=True))
    changed = GENT_BUDGET.replace(b'title = "Budgetbegeleiding - OCMW Gent"', b'title = "Budgetbegeleiding in Gent"')
    html = upload(client, changed).get_data(as_text=True)
    assert "Wijziging" in html and '<th scope="row">Titel</th>' in html and "Budgetbegeleiding - OCMW Gent" in html
    publish(client, html)
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").get_json()["title"] == "Budgetbegeleiding in Gent"
    page = client.get("/beheer/recht/budgetbegeleiding-gent/geschiedenis").get_data(as_text=True)
    response = client.post(
        "/beheer/recht/budgetbegeleiding-gent/terugzetten",
        data={"csrf_token": token(client, "/beheer/upload"), "revision": "1", "base_revision": "2"},
    )
    assert response.status_code == 302
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").get_json()["title"] == "Budgetbegeleiding - OCMW Gent"
    assert "teruggezet" in client.get("/beheer/recht/budgetbegeleiding-gent/geschiedenis").get_data(as_text=True)
    assert "Versie 1 terugzetten" in page


def test_two_editors_publishing_the_same_right_never_lose_an_edit(signed_in):
    client = signed_in
    publish(client, upload(client, GENT_BUDGET).get_data(as_text=True))
    first = upload(client, GENT_BUDGET.replace(b"- OCMW Gent", b"(eerste)")).get_data(as_text=True)
    second = upload(client, GENT_BUDGET.replace(b"- OCMW Gent", b"(tweede)")).get_data(as_text=True)
    assert publish(client, first).status_code == 302
    conflict = publish(client, second)
    assert conflict.status_code == 409 and "Iemand anders" in conflict.get_data(as_text=True)
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").get_json()["title"].endswith("(eerste)")


def test_an_editor_cannot_change_another_municipality(signed_in):
    brugge = GENT_BUDGET.replace(b"gent", b"brugge").replace(b"44021", b"31005").replace(b"Gent", b"Brugge")
    response = upload(signed_in, brugge)
    assert response.status_code == 403
    federal = upload(
        signed_in,
        GENT_BUDGET.replace(b'id = "budgetbegeleiding-gent"', b'id = "leefloon"').replace(
            b'kind = "instance"\nlinked_concept = "budgetbegeleiding"\nmunicipality = "44021"\n', b'kind = "concept"\n'
        ),
    )
    assert federal.status_code in (400, 403)


@pytest.mark.parametrize(
    "content, path",
    [
        (b"", "id"),
        (b"not [valid toml", "$"),
        (GENT_BUDGET.replace(b"2026-11-28", b'"28/11/2026"'), "last_reviewed"),
        (GENT_BUDGET + b'themes = ["Vakantie"]\n', "themes[0]"),
        (
            GENT_BUDGET.replace(b'linked_concept = "budgetbegeleiding"', b'linked_concept = "bestaat-niet"'),
            "linked_concept",
        ),
        (GENT_BUDGET + b'colour = "blue"\n', "colour"),
        (b"\xff\xfe binary", "$"),
    ],
)
def test_a_bad_file_names_the_problem_and_changes_nothing(signed_in, content, path):
    before = signed_in.get("/api/v1/rights?municipality=44021&pageSize=100").get_json()["total"]
    response = upload(signed_in, content)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and f"<code>{path}</code>" in html
    assert signed_in.get("/api/v1/rights?municipality=44021&pageSize=100").get_json()["total"] == before


def test_a_file_over_1_mb_is_413(signed_in):
    # a hand-made multipart body: the test client would spool a large file to a temporary file
    boundary = "grens"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token(signed_in, "/beheer/upload")}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="groot.toml"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + GENT_BUDGET
        + b"#" * (1024 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = signed_in.post("/beheer/upload", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413 and "groter dan 1 MB" in response.get_data(as_text=True)


def test_a_template_for_a_local_version_is_a_valid_start(signed_in):
    response = signed_in.get("/beheer/sjabloon/budgetbeheer.toml?gemeente=44021")
    assert response.status_code == 200 and 'linked_concept = "budgetbeheer"' in response.get_data(as_text=True)
    assert "attachment" in response.headers["Content-Disposition"]


def test_published_edits_survive_a_reload_of_the_catalogue_files(app, signed_in):
    publish(signed_in, upload(signed_in, GENT_BUDGET).get_data(as_text=True))
    result = app.test_cli_runner().invoke(args=["catalog", "load", "--force"])
    assert result.exit_code == 0
    assert signed_in.get("/api/v1/rights/budgetbegeleiding-gent").get_json()["title"] == "Budgetbegeleiding - OCMW Gent"


def test_an_editor_removes_a_local_right_after_a_preview_and_can_put_it_back(signed_in):
    client = signed_in
    publish(client, upload(client, GENT_BUDGET).get_data(as_text=True))
    html = client.post(
        "/beheer/recht/budgetbegeleiding-gent/verwijderen", data={"csrf_token": token(client, "/beheer/upload")}
    ).get_data(as_text=True)
    assert "Verwijderd: Budgetbegeleiding - OCMW Gent" in html
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").status_code == 200, "nothing removed before publishing"
    from tests.editor.test_lpdc_import import publish_all

    assert publish_all(client, html).status_code == 302
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").status_code == 404
    history = client.get("/beheer/recht/budgetbegeleiding-gent/geschiedenis").get_data(as_text=True)
    assert "verwijderd" in history and "Versie 1 terugzetten" in history
    response = client.post(
        "/beheer/recht/budgetbegeleiding-gent/terugzetten",
        data={"csrf_token": token(client, "/beheer/upload"), "revision": "1", "base_revision": "0"},
    )
    assert response.status_code == 302
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").status_code == 200


def test_the_blank_template_is_a_commented_catalogue_file(signed_in):
    import tomllib

    text = signed_in.get("/beheer/sjabloon.toml").get_data(as_text=True)
    data = tomllib.loads(text)
    assert data["schema"] == 1 and data["kind"] == "concept" and "Verzin nooit een feit" in text


def test_a_concept_changed_in_the_files_flags_its_local_versions(app, signed_in, tmp_path):
    import shutil

    from tests.conftest import CATALOG

    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    path = catalog / "rights" / "budgetbeheer.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('title = "Budgetbeheer"', 'title = "Budgetbeheer door het OCMW"'),
        encoding="utf-8",
    )
    assert app.test_cli_runner().invoke(args=["catalog", "load", "--dir", str(catalog)]).exit_code == 0
    html = signed_in.get("/beheer/").get_data(as_text=True)
    assert "concept werd gewijzigd" in html and "Budgetbeheer – OCMW Gent" in html
