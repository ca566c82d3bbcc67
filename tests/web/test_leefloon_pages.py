"""The leefloon page for social workers: the same advice as the API, without a key, nothing stored."""

import re


def token(client, path="/leefloon") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post(client, data):
    return client.post("/leefloon", data={**data, "csrf_token": token(client)})

FORM = {"referenceDate": "2025-06-01", "age": "28", "residenceStatus": "belgian", "actualResidenceInBelgium": "ja",
        "willingnessToWork": "demonstrated", "spiDaysUsed": "0", "income0_type": "employment",
        "income0_amount": "800", "income0_period": "month", "income0_started": "on"}


def test_the_form_gives_the_same_advice_as_the_api(client):
    html = post(client, FORM).get_data(as_text=True)
    assert "Advies: toekennen" in html and "€ 844,51" in html
    assert "Motivering voor het sociaal verslag" in html and "Wet van 26 mei 2002" in html


def test_a_household_member_from_the_form_counts(client):
    form = {"referenceDate": "2025-06-01", "age": "33", "residenceStatus": "belgian", "actualResidenceInBelgium": "ja",
            "willingnessToWork": "demonstrated", "sharesHousehold": "ja", "member0_relation": "partner",
            "member0_age": "34", "member0_type": "employment", "member0_amount": "1500", "member0_period": "month"}
    assert "€ 265,18" in post(client, form).get_data(as_text=True)


def test_bad_input_shows_every_problem_and_keeps_the_form(client):
    response = post(client, {"referenceDate": "2025-06-01", "age": "300", "income0_type": "employment",
                                  "income0_amount": "-4"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "$.applicant.age" in html and "$.applicant.incomes[0].amount" in html
    assert 'value="300"' in html


def test_a_date_before_2020_is_not_modelled(client):
    response = post(client, dict(FORM, referenceDate="2019-12-31"))
    assert response.status_code == 422 and "niet gemodelleerd" in response.get_data(as_text=True)


def test_the_parameters_page_lists_every_value_with_its_source(client):
    html = client.get("/leefloon/parameters").get_data(as_text=True)
    assert "category_amount_yearly_3" in html and "CORROBORATED-CODE" in html and "https://www.bdas-wwsb.brussels" in html


def test_a_form_without_its_csrf_token_is_refused(client):
    response = client.post("/leefloon", data=FORM)
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
