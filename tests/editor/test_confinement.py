"""An editor's right applies only within their municipalities, at the local level, whatever the route:
TOML, workbook, LPDC, a draft published directly, rollback and removal. Administrators keep full rights.
A concept with local versions is never removed."""

import io
import json
import re
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from rechtenverkenner import db
from rechtenverkenner.models import Upload, User
from tests.editor.test_accounts import PASSWORD, sign_in, token
from tests.editor.test_lpdc_import import publish_all
from tests.editor.test_publish import GENT_BUDGET, publish, upload
from tests.editor.test_workbook import filled

GENT_LEEFLOON = b"""schema = 1
id = "leefloon-gent-extra"
kind = "instance"
linked_concept = "leefloon"
municipality = "44021"
title = "Leefloon"
spatial = ["44021"]
source_url = "https://stad.gent/nl/samenleven-welzijn-gezondheid/ocmw-gent"
last_reviewed = 2026-11-28
"""


def account(app, email, role, *codes):
    args = ["user", "create", email, "--name", email.split("@")[0], "--role", role]
    for code in codes:
        args += ["--municipality", code]
    result = app.test_cli_runner().invoke(args=args, input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output


@pytest.fixture
def gent(app, client):
    account(app, "r@gent.be", "editor", "44021")
    assert sign_in(client, "r@gent.be").status_code == 302
    return client


def refused(response, status, field):
    html = response.get_data(as_text=True)
    assert response.status_code == status, html
    assert f"<code>{field}</code>" in html, html
    return html


def search_ids(client, query, municipality):
    return [r["id"] for r in client.get(f"/api/v1/rights?q={query}&municipality={municipality}").get_json()["items"]]


def test_a_local_version_that_applies_in_all_of_belgium_is_refused(gent):
    # the attack of the review: a Gent "Leefloon" with spatial = ["BE"] ranked in Antwerpen and Brugge
    html = refused(upload(gent, GENT_LEEFLOON.replace(b'spatial = ["44021"]', b'spatial = ["BE"]')), 403, "spatial")
    assert "alleen in haar eigen gemeente" in html
    refused(
        upload(gent, GENT_LEEFLOON.replace(b'spatial = ["44021"]', b'spatial = ["44021", "11002"]')), 403, "spatial"
    )
    assert "leefloon-gent-extra" not in search_ids(gent, "leefloon", "11002")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (b'competent_authority_level = ["Vlaams"]\n', "competent_authority_level"),
        (b'executing_authority_level = ["Federaal"]\n', "executing_authority_level"),
    ],
)
def test_a_local_version_keeps_a_local_level(gent, line, field):
    # budgetbegeleiding is a local concept: its local versions cannot claim a Flemish or federal level
    refused(upload(gent, GENT_BUDGET + line), 403, field)


def test_a_local_version_may_keep_its_concepts_level(gent):
    # the leefloon is federal law executed by the OCMW: a local version may say so
    response = upload(gent, GENT_LEEFLOON + b'competent_authority_level = ["Federaal"]\n')
    assert response.status_code == 200, response.get_data(as_text=True)
    assert publish(gent, response.get_data(as_text=True)).status_code == 302


def test_a_right_of_its_own_outside_the_local_level_is_refused(gent):
    concept = b"""schema = 1
id = "gentse-federale-premie"
kind = "concept"
title = "Premie"
summary = "Een premie."
description = "Een premie."
competent_authority_level = ["Federaal"]
spatial = ["BE"]
source_url = "https://stad.gent"
last_reviewed = 2026-11-28
"""
    html = refused(upload(gent, concept), 403, "spatial")
    assert "<code>competent_authority_level</code>" in html
    local = concept.replace(b'["Federaal"]', b'["Lokaal"]').replace(b'["BE"]', b'["44021"]')
    response = upload(gent, local)
    assert response.status_code == 200 and publish(gent, response.get_data(as_text=True)).status_code == 302


def test_the_workbook_route_is_confined(gent):
    def everywhere(book):
        sheet = book["Rechten"]
        headers = [c.value for c in sheet[1]]
        sheet.cell(row=2, column=headers.index("gebied") + 1, value="BE")

    refused(upload(gent, filled(gent, everywhere), "rechten.xlsx"), 403, "spatial")


def test_the_lpdc_route_is_confined(gent):
    federal = {
        "@type": "Instantie",
        "@id": "https://example.org/id/public-service/federaal-1",
        "naam": {"nl": "Leefloon"},
        "beschrijving": {"nl": "<p>Een leefloon.</p>"},
        "geografischToepassingsgebieden": ["BE23444021"],
        "bevoegdBestuursniveaus": ["Federaal"],
    }
    refused(upload(gent, json.dumps(federal).encode(), "federaal.jsonld"), 403, "competent_authority_level")
    brugge = dict(federal, geografischToepassingsgebieden=["BE25131005"], bevoegdBestuursniveaus=["Lokaal"])
    refused(upload(gent, json.dumps(brugge).encode(), "brugge.jsonld"), 403, "spatial")


def draft(app, email, right_id, document: dict | None, base_revision: int) -> int:
    """A draft stored without a preview: what a route that skipped the checks would leave."""
    from sqlalchemy import select

    with app.app_context(), db.new_session() as session:
        user = session.execute(select(User).where(User.email == email)).scalar_one()
        upload_row = Upload(
            user_id=user.id,
            right_id=right_id,
            document=json.dumps(document, default=str) if document is not None else "null",
            base_revision=base_revision,
            status="draft",
            created_at=datetime.now(UTC),
        )
        with db.transaction(session):
            session.add(upload_row)
        return upload_row.id


def test_the_publishing_service_checks_every_draft_itself(app, gent):
    import tomllib

    doc = tomllib.loads(GENT_LEEFLOON.replace(b'spatial = ["44021"]', b'spatial = ["BE"]').decode())
    upload_id = draft(app, "r@gent.be", "leefloon-gent-extra", doc, 0)
    response = gent.post(f"/beheer/publiceer/{upload_id}", data={"csrf_token": token(gent, "/beheer/upload")})
    refused(response, 403, "spatial")
    assert gent.get("/api/v1/rights/leefloon-gent-extra").status_code == 404
    # a removal of another municipality's right, published together with a draft of one's own
    removal = draft(app, "r@gent.be", "budgetbeheer-antwerpen", None, 1)
    response = gent.post(
        "/beheer/publiceer", data={"upload": [str(removal)], "csrf_token": token(gent, "/beheer/upload")}
    )
    refused(response, 403, "id")
    assert gent.get("/api/v1/rights/budgetbeheer-antwerpen").status_code == 200


def test_removal_is_only_of_own_rights(gent):
    response = gent.post(
        "/beheer/recht/budgetbeheer-antwerpen/verwijderen", data={"csrf_token": token(gent, "/beheer/upload")}
    )
    assert response.status_code == 403 and "Antwerpen" in response.get_data(as_text=True)


def test_a_rollback_never_overwrites_a_right_of_another_municipality_that_reuses_the_id(app, client):
    account(app, "r@gent.be", "editor", "44021")
    account(app, "r@antwerpen.be", "editor", "11002")
    assert sign_in(client, "r@gent.be").status_code == 302
    assert publish(client, upload(client, GENT_BUDGET).get_data(as_text=True)).status_code == 302
    removal = client.post(
        "/beheer/recht/budgetbegeleiding-gent/verwijderen", data={"csrf_token": token(client, "/beheer/upload")}
    )
    assert publish_all(client, removal.get_data(as_text=True)).status_code == 302
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").status_code == 404
    # Antwerpen reuses the free id for a right of its own
    antwerpen_client = client.application.test_client()
    assert sign_in(antwerpen_client, "r@antwerpen.be").status_code == 302
    antwerpen = GENT_BUDGET.replace(b'"44021"', b'"11002"').replace(b"OCMW Gent", b"OCMW Antwerpen")
    assert publish(antwerpen_client, upload(antwerpen_client, antwerpen).get_data(as_text=True)).status_code == 302
    assert client.get("/api/v1/rights/budgetbegeleiding-gent").get_json()["municipality"]["nisCode"] == "11002"
    history = client.get("/beheer/recht/budgetbegeleiding-gent/geschiedenis").get_data(as_text=True)
    revision = re.findall(r'name="base_revision" value="(\d+)"', history)
    response = client.post(
        "/beheer/recht/budgetbegeleiding-gent/terugzetten",
        data={"csrf_token": token(client, "/beheer/upload"), "revision": "1", "base_revision": revision[0]},
    )
    html = refused(response, 403, "id")
    assert "Antwerpen" in html
    right = client.get("/api/v1/rights/budgetbegeleiding-gent").get_json()
    assert right["municipality"]["nisCode"] == "11002" and right["title"].endswith("OCMW Antwerpen")


def test_an_administrator_keeps_full_rights(app, client):
    account(app, "beheer@example.org", "admin")
    assert sign_in(client, "beheer@example.org").status_code == 302
    federal = GENT_LEEFLOON.replace(b'spatial = ["44021"]', b'spatial = ["BE"]')
    response = upload(client, federal)
    assert response.status_code == 200 and publish(client, response.get_data(as_text=True)).status_code == 302
    removal = client.post(
        "/beheer/recht/budgetbeheer-antwerpen/verwijderen", data={"csrf_token": token(client, "/beheer/upload")}
    )
    assert publish_all(client, removal.get_data(as_text=True)).status_code == 302
    assert client.get("/api/v1/rights/budgetbeheer-antwerpen").status_code == 404


def test_a_concept_with_local_versions_is_not_removed(app, client):
    account(app, "beheer@example.org", "admin")
    assert sign_in(client, "beheer@example.org").status_code == 302
    response = client.post(
        "/beheer/recht/budgetbeheer/verwijderen", data={"csrf_token": token(client, "/beheer/upload")}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "budgetbeheer-gent (Gent)" in html and "budgetbeheer-antwerpen" in html
    # nor through a draft that skipped the preview: nothing is removed, every local version keeps its title
    removal = draft(app, "beheer@example.org", "budgetbeheer", None, 1)
    response = client.post(
        "/beheer/publiceer", data={"upload": [str(removal)], "csrf_token": token(client, "/beheer/upload")}
    )
    assert response.status_code == 409
    assert client.get("/api/v1/rights/budgetbeheer").status_code == 200
    with app.app_context(), db.new_session() as session:
        from rechtenverkenner.services import catalogue

        catalogue.load_catalogue(session, app.extensions["catalogue"], force=True)
    assert client.get("/api/v1/rights/budgetbeheer-gent").get_json()["title"]


def test_a_concept_without_local_versions_can_be_removed(app, client):
    account(app, "r@brugge.be", "editor", "31005")
    assert sign_in(client, "r@brugge.be").status_code == 302
    response = client.post(
        "/beheer/recht/brugs-menswaardig-inkomen/verwijderen", data={"csrf_token": token(client, "/beheer/upload")}
    )
    assert response.status_code == 200
    assert publish_all(client, response.get_data(as_text=True)).status_code == 302
    assert client.get("/api/v1/rights/brugs-menswaardig-inkomen").status_code == 404


def test_the_workbook_template_still_publishes(gent):
    book = load_workbook(io.BytesIO(filled(gent)))
    assert book["Rechten"].cell(row=2, column=4).value == "44021"
    response = upload(gent, filled(gent), "rechten.xlsx")
    assert response.status_code == 200 and publish_all(gent, response.get_data(as_text=True)).status_code == 302


def test_a_concept_removed_before_removals_were_refused_is_kept_at_the_next_load(app, client):
    from sqlalchemy import select

    from rechtenverkenner.models import RightVersion
    from rechtenverkenner.services import catalogue

    description = client.get("/api/v1/rights/budgetbeheer-gent").get_json()["description"]
    assert description, "inherited from the concept"
    with app.app_context(), db.new_session() as session:
        user_id = session.execute(select(User.id)).scalar()
        with db.transaction(session):  # what a removal published before this check left behind
            session.add(
                RightVersion(
                    right_id="budgetbeheer",
                    revision=2,
                    document="{}",
                    removed=True,
                    action="remove",
                    user_id=user_id,
                    published_at=datetime.now(UTC),
                )
            )
        catalogue.load_catalogue(session, app.extensions["catalogue"], force=True)
    assert client.get("/api/v1/rights/budgetbeheer-gent").get_json()["description"] == description
    assert client.get("/api/v1/rights/budgetbeheer").status_code == 200
