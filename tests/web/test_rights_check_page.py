"""The /rechtencheck page over plain HTTP: the form mapped to the §A situation, chapters, the three groups, print."""

import re
from decimal import Decimal

from werkzeug.datastructures import MultiDict

from rechtenverkenner.web import rights_check_form as rcf


def token(client) -> str:
    html = client.get("/rechtencheck").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post(client, data, path="/rechtencheck"):
    return client.post(path, data={**data, "csrf_token": token(client)})


def facts(app):
    return app.extensions["catalogue"].codelists.rights_data.facts


def statuses(app):
    return app.extensions["catalogue"].codelists.statuses


def test_the_form_is_mapped_to_the_situation_by_fact_id_and_type(app):
    form = MultiDict(
        {
            "referenceDate": "01/06/2025",
            "municipality": "44021",
            "applicant.age": "67",
            "applicant.healthInsured": "ja",
            "household.zorgkas.affiliated": "nee",
            "applicant.actualResidenceInBelgium": "",
            "housing.heating": "heatingOilBulk",
            "housing.rentMonthly": "1.234,56",
            "household.taxAssessment.incomeYear": "2023",
            "household.taxAssessment.grossTaxable": "20.000",
            "householdMembers[3].relation": "child",
            "householdMembers[3].age": "5",
            "householdMembers[3].education.level": "lager",
            "applicant.statuses.igo.since": "2024-01-01",
        }
    )
    form.setlist("applicant.statuses", ["igo", "leefloon"])
    body, problems = rcf.read_form(rcf.normalise(form), facts(app), statuses(app))
    assert problems == []
    assert body["referenceDate"] == "2025-06-01" and body["municipality"] == "44021"
    assert body["applicant"]["age"] == 67 and body["applicant"]["healthInsured"] is True
    assert body["household"]["zorgkas"] == {"affiliated": False}
    assert "actualResidenceInBelgium" not in body["applicant"]  # unanswered stays unknown, never false
    assert body["housing"] == {"heating": "heatingOilBulk", "rentMonthly": Decimal("1234.56")}  # never a float
    assert body["household"]["taxAssessment"] == {"incomeYear": 2023, "grossTaxable": Decimal("20000")}
    assert body["householdMembers"] == [{"relation": "child", "age": 5, "education": {"level": "lager"}}]
    assert body["applicant"]["statuses"] == [{"id": "igo", "since": "2024-01-01"}, {"id": "leefloon"}]


def test_wrong_answers_get_a_dutch_message_at_their_field(app):
    form = MultiDict({"applicant.age": "oud", "housing.rentMonthly": "veel", "householdMembers[0].age": "4"})
    _, problems = rcf.read_form(rcf.normalise(form), facts(app), statuses(app))
    by_key = {p.key: p.message for p in problems}
    assert by_key["applicant.age"] == "Geef een geheel getal."
    assert by_key["housing.rentMonthly"].startswith("Geef een bedrag")
    assert by_key["householdMembers[0].relation"] == "Kies de relatie tot de klant."


def test_the_first_chapter_asks_the_municipality_and_the_date(client):
    html = client.get("/rechtencheck").get_data(as_text=True)
    assert 'name="municipality"' in html and 'name="referenceDate"' in html
    assert 'aria-current="step"' in html and "Tussenresultaat" not in html


def test_the_next_chapter_shows_interim_results_in_three_groups(client):
    response = post(
        client, {"hoofdstuk": "1", "actie": "volgende", "municipality": "44021", "referenceDate": "2025-06-01"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2. Personen" in html and "Tussenresultaat" in html
    for title in ("Waarschijnlijk recht", "Nog na te gaan", "Waarschijnlijk geen recht"):
        assert title in html
    assert 'name="applicant.birthDate"' in html and 'name="householdMembers[0].relation"' in html
    assert 'type="hidden" name="municipality" value="44021"' in html  # earlier answers carried in the form
    assert 'href="/recht/vgc-welzijn-brussel"' in html  # a right of Brussels: no, with why
    assert "Waarom niet:" in html


def test_a_status_decides_rights_automatically_and_questions_are_asked_in_dutch(client):
    data = {
        "hoofdstuk": "3",
        "actie": "volgende",
        "municipality": "44021",
        "referenceDate": "2025-06-01",
        "applicant.statuses": "igo",
    }
    html = post(client, data).get_data(as_text=True)
    assert "4. Wonen" in html
    results = html.split("Waarschijnlijk recht", 1)[1]
    yes, rest = results.split("Nog na te gaan", 1)
    assert "Automatisch toegekend" in yes and 'href="/recht/verhoogde-tegemoetkoming"' in yes
    assert "Te vragen:" in rest and "Woonsituatie" in rest
    assert 'name="housing.tenure"' in html  # a housing question that can still decide a right


def test_a_question_that_decides_nothing_is_not_shown(client):
    data = {"hoofdstuk": "3", "actie": "volgende", "municipality": "44021", "referenceDate": "2025-06-01",
            "housing.tenure": "owner"}  # fmt: skip
    html = post(client, data).get_data(as_text=True)
    assert 'name="housing.tenure"' in html  # answered: still shown to change it
    assert 'name="housing.rentMonthly"' not in html  # an owner pays no rent that could decide a right


def test_a_wrong_answer_keeps_the_chapter_with_the_error_at_the_field(client):
    data = {"hoofdstuk": "2", "actie": "volgende", "municipality": "44021", "referenceDate": "2025-06-01",
            "applicant.age": "zestig"}  # fmt: skip
    response = post(client, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "2. Personen" in html and 'href="#v-applicant-age"' in html and 'aria-invalid="true"' in html


def test_an_unknown_municipality_is_an_error_at_its_field(client):
    response = post(client, {"hoofdstuk": "1", "actie": "volgende", "municipality": "99999"})
    assert response.status_code == 400
    assert 'href="#v-municipality"' in response.get_data(as_text=True)


def test_back_goes_to_the_previous_chapter(client):
    data = {"hoofdstuk": "3", "actie": "vorige", "municipality": "44021", "referenceDate": "2025-06-01"}
    assert "2. Personen" in post(client, data).get_data(as_text=True)


def test_the_client_overview_lists_the_ticked_rights_with_a_disclaimer(client):
    response = post(
        client, {"recht": ["maximumfactuur", "onbestaand"], "applicant.age": "40"}, "/rechtencheck/overzicht"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Maximumfactuur" in html and "Hoe aanvragen?" in html and "Wat meebrengen?" in html
    assert "beslist de dienst die het recht toekent" in html and "Opgemaakt op" in html
    assert "40" not in html.split("<main", 1)[1].split("Opgemaakt", 1)[0]


def test_an_empty_overview_says_to_tick_rights(client):
    response = post(client, {}, "/rechtencheck/overzicht")
    assert response.status_code == 400 and "vinkte geen rechten aan" in response.get_data(as_text=True)


def test_the_client_data_is_never_in_a_url(client):
    html = client.get("/rechtencheck").get_data(as_text=True)
    assert all(m == "post" for m in re.findall(r'<form method="(\w+)"', html))


def test_income_rows_become_each_persons_incomes_and_geen_inkomsten_is_an_empty_list(app):
    form = MultiDict(
        {
            "applicant.incomes[0].type": "unemploymentBenefit",
            "applicant.incomes[0].amount": "1.234,56",
            "applicant.incomes[0].period": "month",
            "applicant.incomes[0].basis": "net",
            "applicant.incomes[0].since": "01/02/2025",
            "applicant.incomes[1].period": "month",  # the empty row's default: left out
            "householdMembers[0].relation": "partner",
            "householdMembers[0].incomes.geenInkomsten": "ja",
            "householdMembers[0].incomes[0].period": "year",
            "householdMembers[1].relation": "child",
        }
    )
    body, problems = rcf.read_form(rcf.normalise(form), facts(app), statuses(app))
    assert problems == []
    assert body["applicant"]["incomes"] == [
        {"type": "unemploymentBenefit", "amount": Decimal("1234.56"), "period": "month", "basis": "net",
         "since": "2025-02-01"}
    ]  # fmt: skip
    assert body["householdMembers"][0]["incomes"] == []  # "geen inkomsten": no income, said so
    assert "incomes" not in body["householdMembers"][1]  # nothing said: unknown, never zero


def test_a_wrong_income_row_gets_a_dutch_message_at_its_field(app):
    form = MultiDict(
        {
            "applicant.incomes[0].amount": "veel",
            "applicant.incomes[0].period": "month",
            "applicant.incomes[1].type": "pension",
            "applicant.incomes[1].amount": "800",
            "applicant.incomes.geenInkomsten": "ja",
        }
    )
    _, problems = rcf.read_form(rcf.normalise(form), facts(app), statuses(app))
    assert {(p.key, p.message) for p in problems} == {
        ("applicant.incomes[0].type", "Kies het soort inkomen."),
        ("applicant.incomes[0].amount", "Geef een bedrag, bijvoorbeeld 1.234,56."),
        ("applicant.incomes.geenInkomsten", "Vink 'geen inkomsten' niet aan als je inkomsten invult."),
    }


LEEFLOON_CLIENT = {
    "municipality": "44021",
    "referenceDate": "2025-06-01",
    "applicant.age": "30",
    "applicant.residenceStatus": "belgian",
    "applicant.actualResidenceInBelgium": "ja",
    "applicant.willingnessToWork": "demonstrated",
}


def test_the_income_chapter_asks_the_incomes_the_leefloon_needs_and_they_decide_it(client):
    html = post(client, {**LEEFLOON_CLIENT, "hoofdstuk": "4", "actie": "volgende"}).get_data(as_text=True)
    assert "5. Inkomen" in html and "Inkomsten en uitkeringen van de cliënt" in html
    assert 'name="applicant.incomes[1].amount"' in html and 'name="applicant.incomes[2].amount"' not in html
    unknown = html.split("Nog na te gaan", 1)[1].split("Waarschijnlijk geen recht", 1)[0]
    assert 'href="/recht/leefloon-gent"' in unknown  # no incomes given: the leefloon stays to be checked
    data = {**LEEFLOON_CLIENT, "hoofdstuk": "5", "actie": "volgende", "applicant.incomes.geenInkomsten": "ja"}
    html = post(client, data).get_data(as_text=True)
    yes = html.split("Waarschijnlijk recht", 1)[1].split("Nog na te gaan", 1)[0]
    assert 'href="/recht/leefloon-gent"' in yes
    data = {**data, "applicant.incomes.geenInkomsten": "", "applicant.incomes[0].type": "employment",
            "applicant.incomes[0].amount": "2.500", "applicant.incomes[0].period": "month"}  # fmt: skip
    html = post(client, data).get_data(as_text=True)
    no = html.split("Waarschijnlijk geen recht", 1)[1]
    assert 'href="/recht/leefloon-gent"' in no


def test_another_income_row_keeps_the_chapter(client):
    data = {**LEEFLOON_CLIENT, "hoofdstuk": "5", "actie": "inkomen:applicant",
            "applicant.incomes[0].type": "pension", "applicant.incomes[0].amount": "900"}  # fmt: skip
    html = post(client, data).get_data(as_text=True)
    assert "5. Inkomen" in html
    assert 'name="applicant.incomes[2].amount"' in html and 'name="applicant.incomes[3].amount"' not in html
    assert html.count('name="applicant.incomes[0].amount"') == 1  # shown once, not also as a hidden field
