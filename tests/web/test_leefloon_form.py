"""The leefloon form as an advice request, without Flask: Belgian amounts, rows, and problems at their field."""

from decimal import Decimal

import pytest

from rechtenverkenner.errors import Issue
from rechtenverkenner.web.leefloon_form import FormProblem, Target, page_message, read_form
from rechtenverkenner.web.leefloon_rows import LIMITS, parse_amount, parse_whole, read_rows


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("12,50", "12.50"),
        ("1.234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1234,56", "1234.56"),
        ("800", "800"),
        ("1.500", "1500"),
        ("1.234.567,8", "1234567.8"),
        ("1 234,56", "1234.56"),
        ("1\u00a0234,56", "1234.56"),
        ("€ 12,50", "12.50"),
        ("12,50 €", "12.50"),
        ("0,10", "0.10"),
        ("0.500", "0.500"),
        ("-4", "-4"),
    ],
)
def test_an_amount_typed_the_belgian_way_is_read_as_an_exact_decimal(typed, amount):
    parsed = parse_amount(typed)
    assert isinstance(parsed, Decimal) and parsed == Decimal(amount) and str(parsed) == amount


@pytest.mark.parametrize("typed", ["twaalf", "12,50,3", "1.2.3", "12.50,3", "1,234.56", "", "1e3", "NaN"])
def test_something_that_is_not_an_amount_is_passed_on_as_text(typed):
    assert parse_amount(typed) == typed


def test_whole_numbers_are_integers_and_anything_else_stays_text():
    assert parse_whole(" 30 ") == 30 and parse_whole("30,5") == "30,5" and parse_whole("dertig") == "dertig"


def test_the_request_holds_decimals_never_floats():
    body = read_form(
        {
            "referenceDate": "2025-06-01",
            "income0_type": "employment",
            "income0_amount": "0,10",
            "movableCapital": "1.234,56",
            "ki": "745",
            "member0_relation": "partner",
            "member0_amount": "99,99",
            "member0_type": "pension",
        }
    ).body
    applicant = body["applicant"]
    assert applicant["incomes"][0]["amount"] == Decimal("0.10") and applicant["movableCapital"] == Decimal("1234.56")
    assert applicant["realEstate"][0]["cadastralIncome"] == Decimal("745")
    assert body["householdMembers"][0]["incomes"][0]["amount"] == Decimal("99.99")


def test_the_form_starts_with_three_incomes_four_members_and_one_income_each():
    rows = read_rows({})
    assert (rows.incomes, rows.members, rows.member_incomes) == (3, 4, [1, 1, 1, 1])


def test_adding_rows_keeps_to_the_caps():
    rows = read_rows({})
    for _ in range(40):
        rows.add("inkomen")
        rows.add("huisgenoot")
        rows.add("huisgenoot-1-inkomen")
    assert (rows.incomes, rows.members) == (LIMITS.max_incomes, LIMITS.max_members)
    assert rows.member_incomes[1] == LIMITS.max_member_incomes and rows.member_incomes[0] == 1
    rows.add("huisgenoot-99-inkomen")
    rows.add("iets anders")
    assert len(rows.member_incomes) == LIMITS.max_members


def test_the_hidden_counts_never_hide_a_filled_row_and_never_pass_the_caps():
    rows = read_rows(
        {
            "income_rows": "3",
            "income7_amount": "10",
            "member_rows": "999",
            "member1_income3_amount": "5",
            "member0_income_rows": "x",
        }
    )
    assert rows.incomes == 8 and rows.members == LIMITS.max_members
    assert rows.member_incomes[:2] == [1, 4]


def test_a_member_has_several_incomes_under_the_old_and_the_new_field_names():
    form = {
        "member0_relation": "partner",
        "member0_type": "employment",
        "member0_amount": "1000",
        "member0_income_rows": "2",
        "member0_income1_type": "pension",
        "member0_income1_amount": "500",
        "member0_income1_period": "year",
    }
    member = read_form(form).body["householdMembers"][0]
    assert member["incomes"] == [
        {"type": "employment", "amount": Decimal("1000"), "period": "month"},
        {"type": "pension", "amount": Decimal("500"), "period": "year"},
    ]


def test_extra_applicant_incomes_reach_the_request():
    form = {"income_rows": "5", "income4_type": "pension", "income4_amount": "10"}
    assert read_form(form).body["applicant"]["incomes"] == [
        {"type": "pension", "amount": Decimal("10"), "period": "month", "startedWhileBeneficiary": False}
    ]


def test_a_path_points_at_its_field_with_a_dutch_label_also_for_later_rows():
    request = read_form(
        {
            "income2_type": "pension",
            "income2_amount": "x",
            "member3_relation": "child",
            "member3_income_rows": "2",
            "member3_income1_amount": "5",
        }
    )
    assert request.target("$.applicant.incomes[0].amount") == Target(
        "income2_amount", "Bedrag van inkomen 3 van de aanvrager"
    )
    assert request.target("$.householdMembers[0].incomes[0].type") == Target(
        "member3_income1_type", "Soort van inkomen 2 van huisgenoot 4"
    )
    assert request.target("$.householdMembers[0].incomes[0]") == Target("member3_income1", "Inkomen 2 van huisgenoot 4")
    assert request.target("$.householdMembers[0].somethingNew") == Target("member3", "Huisgenoot 4")
    assert request.target("$.applicant.somethingNew[2].x") == Target("aanvrager", "Aanvrager")
    assert request.target("householdMembers[0].birthDate") == Target("member3_age", "Leeftijd van huisgenoot 4")
    assert request.target("$") == Target(None, "") and request.target("$.somethingElse") == Target(None, "")


def test_a_problem_without_a_field_is_listed_first_in_dutch_without_a_path():
    request = read_form({})
    issues = [
        Issue("body", "$.applicant.age", 300, "Not a valid integer.", "Geen geldig geheel getal."),
        Issue("body", "$", None, "The body must be a JSON object.", "De inhoud moet een JSON-object zijn."),
        Issue("body", "$.referenceDate", None, "Missing data for required field.", "Dit veld is verplicht."),
    ]
    assert request.problems(issues) == [
        FormProblem(None, "", "De inhoud moet een JSON-object zijn."),
        FormProblem("referenceDate", "Peildatum", "Dit veld is verplicht."),
        FormProblem("age", "Leeftijd van de aanvrager", "Geen geldig geheel getal."),
    ]


@pytest.mark.parametrize(
    "english, dutch",
    [
        (
            "Must be greater than or equal to 0 and less than or equal to 100000000.",
            "Moet tussen 0 en 100.000.000 liggen.",
        ),
        ("Must be greater than or equal to 1.", "Moet minstens 1 zijn."),
        ("Must be less than or equal to 31.", "Moet hoogstens 31 zijn."),
        ("Must be one of: month, year.", "Kies een van de mogelijkheden in de lijst."),
        ("Give birthDate or age, not both.", "Geef de geboortedatum of de leeftijd, niet allebei."),
        ("Not a valid number.", "Geen geldig getal."),
    ],
)
def test_the_page_words_messages_without_english_bounds_codes_or_keys(english, dutch):
    assert page_message(english, "Geen geldig getal." if english == "Not a valid number." else "x") == dutch


def test_the_inputs_of_issue_8_reach_the_request():
    body = read_form(
        {
            "leavingHomelessness": "on",
            "installationPremiumReceivedBefore": "nee",
            "parentsLiveElsewhere": "ja",
            "income0_type": "aleIncome",
            "income0_amount": "4,10",
            "income0_hours": "1",
        }
    ).body
    applicant = body["applicant"]
    assert applicant["leavingHomelessness"] is True and applicant["installationPremiumReceivedBefore"] is False
    assert applicant["parentsLiveElsewhere"] is True and applicant["incomes"][0]["hours"] == Decimal("1")
