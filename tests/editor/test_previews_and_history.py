"""What editors read: previews with Dutch labels and readable values side by side, no version for an upload
that changes nothing, a history with the changes of every version in Belgian time, the upload limit."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from rechtenverkenner import db
from rechtenverkenner.models import RightVersion, Upload
from rechtenverkenner.services import history, uploads
from tests.editor.test_accounts import editor, token  # noqa: F401  (fixture)
from tests.editor.test_publish import GENT_BUDGET, publish, signed_in, upload  # noqa: F401  (fixture)

RICH = (
    GENT_BUDGET
    + b"""themes = ["WelzijnGezondheid"]
keywords = ["schulden", "budget"]

[[contact_points]]
title = "Sociaal huis"
phone = "09 000 00 00"
opening_hours = "ma-vr 9-12 uur"
[contact_points.address]
street = "Voorbeeldstraat"
house_number = "1"
box = "2"
postal_code = "9000"
municipality = "Gent"

[[procedures]]
title = "Maak een afspraak"
description = "Bel het sociaal huis."
[[procedures.websites]]
title = "Afspraak maken"
url = "https://example.org/afspraak"

[[costs]]
title = "Gratis"
description = "Budgetbegeleiding kost niets."

[[conditions]]
type = "age"
min = 18
"""
)


def cells(html: str) -> list[str]:
    return re.findall(r"<th scope=\"row\">([^<]*)</th>", html)


def test_the_preview_shows_dutch_labels_and_readable_values_side_by_side(signed_in):  # noqa: F811
    response = upload(signed_in, RICH)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<caption id="wijzigingen">Velden van het nieuwe recht Budgetbegeleiding - OCMW Gent</caption>' in html
    assert '<th scope="col">Nu gepubliceerd</th><th scope="col">Na publicatie</th>' in html
    labels = cells(html)
    assert {
        "Titel",
        "Thema&#39;s",
        "Zoekwoorden",
        "Contactpunten",
        "Procedure: hoe aanvragen",
        "Kosten",
        "Gebied",
    } <= set(labels)
    assert "Vaste voorwaarden (rechtencheck)" in labels and "Laatst nagekeken" in labels
    assert not [label for label in labels if "_" in label], "no snake_case"
    table = html[html.find("<table") : html.find("</table>")]
    assert "{" not in table and "[" not in table and "&#34;" not in table, "no raw JSON"
    assert "<li>Welzijn en Gezondheid</li>" in table and "<li>Gent (44021)</li>" in table
    assert "<li>schulden</li><li>budget</li>" in table, "a list as a list"
    assert "Voorbeeldstraat 1 bus 2<br>9000 Gent<br>Telefoon: 09 000 00 00<br>Open: ma-vr 9-12 uur" in table
    assert "Website: Afspraak maken – https://example.org/afspraak" in table
    assert "Minstens 18 jaar oud." in table and "28 november 2026" in table


def test_a_change_shows_the_old_and_the_new_value_of_each_changed_field_only(signed_in):  # noqa: F811
    publish(signed_in, upload(signed_in, RICH).get_data(as_text=True))
    changed = RICH.replace(b'title = "Gratis"', b'title = "Kosteloos"').replace(b'"budget"]', b'"budget", "schuld"]')
    html = upload(signed_in, changed).get_data(as_text=True)
    assert cells(html) == ["Zoekwoorden", "Kosten"]
    rows = re.findall(r"<tr><th scope=\"row\">Kosten</th><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert "Gratis" in rows[0][0] and "Kosteloos" in rows[0][1]


def test_an_unchanged_upload_makes_no_draft_and_no_version(app, signed_in):  # noqa: F811
    publish(signed_in, upload(signed_in, GENT_BUDGET).get_data(as_text=True))
    response = upload(signed_in, GENT_BUDGET.replace(b'spatial = ["44021"]', b'spatial = [ "44021" ]'))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<h1>Geen wijzigingen: Budgetbegeleiding - OCMW Gent</h1>" in html
    assert "/beheer/publiceer" not in html
    with app.app_context(), db.new_session() as session:
        assert (
            session.execute(select(func.count()).select_from(Upload).where(Upload.status == "draft")).scalar_one() == 0
        )
        versions = session.execute(select(func.count()).select_from(RightVersion)).scalar_one()
    assert versions == 1


def test_the_history_shows_what_changed_in_each_version_in_belgian_time(app, signed_in):  # noqa: F811
    publish(signed_in, upload(signed_in, GENT_BUDGET).get_data(as_text=True))
    publish(signed_in, upload(signed_in, GENT_BUDGET.replace(b"- OCMW Gent", b"in Gent")).get_data(as_text=True))
    html = signed_in.get("/beheer/recht/budgetbegeleiding-gent/geschiedenis").get_data(as_text=True)
    assert '<caption id="versie-2-tabel">Versie 2 tegenover versie 1</caption>' in html
    section = html[html.find('id="versie-2"') : html.find('id="versie-1"')]
    assert cells(section) == ["Titel"]
    assert "Budgetbegeleiding - OCMW Gent" in section and "Budgetbegeleiding in Gent" in section
    with app.app_context(), db.new_session() as session:
        stored = session.execute(select(RightVersion.published_at).where(RightVersion.revision == 2)).scalar_one()
    assert history.shown(stored) in html and "+01:00" in html  # November: winter time, UTC+1


@pytest.mark.parametrize(
    "moment, shown",
    [
        (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "1 juli 2026 om 14:00"),  # summer time
        (datetime(2026, 11, 29, 1, 30), "29 november 2026 om 02:30"),  # stored without a zone: UTC
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29 maart 2026 om 03:00"),  # the hour the clocks go forward
    ],
)
def test_times_are_shown_in_brussels_time(moment, shown):
    assert history.shown(moment) == shown


def test_refused_uploads_count_toward_the_upload_limit(signed_in, monkeypatch):  # noqa: F811
    monkeypatch.setattr(uploads, "MAX_UPLOADS_PER_10_MINUTES", 3)
    for content in (b"not [valid toml", b"PK\x03\x04 no zip", b"\xff\xfe"):
        assert upload(signed_in, content, "x.xlsx" if content.startswith(b"PK") else "x.toml").status_code == 400
    refused = upload(signed_in, GENT_BUDGET)
    assert refused.status_code == 429 and "Te veel uploads" in refused.get_data(as_text=True)


def test_the_coverage_page_links_to_the_filled_workbook_of_each_missing_local_version(signed_in):  # noqa: F811
    html = signed_in.get("/beheer/dekking/44021").get_data(as_text=True)
    missing = html.split("Concepten zonder lokale versie")[1].split("<h2>")[0]
    links = re.findall(r'href="(/beheer/sjabloon/[a-z0-9-]+\.xlsx\?gemeente=44021)"', missing)
    assert "/beheer/sjabloon/budgetbegeleiding.xlsx?gemeente=44021" in links
    assert len(links) == missing.count("<li>")
    response = signed_in.get(links[0])
    assert response.status_code == 200 and response.data[:2] == b"PK"
