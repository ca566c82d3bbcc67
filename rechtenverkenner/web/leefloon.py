"""The leefloon pages: the advice form (no API key, nothing stored), its print version, the parameters page,
the current amounts on the leefloon right pages, and the template filters these pages use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import current_app, render_template, request

from rechtenverkenner.domain import dutch
from rechtenverkenner.domain.leefloon import round_cents
from rechtenverkenner.domain.parameters import NotModelledForDate
from rechtenverkenner.errors import BadRequest, Issue, NotModelled
from rechtenverkenner.services.advice import (
    advice_choices,
    leefloon_advice,
    parameter_overview,
    parse_advice_request,
    person_label,
    resource_label,
)
from rechtenverkenner.web import bp
from rechtenverkenner.web.leefloon_form import FormProblem, FormRequest, field_errors, read_form
from rechtenverkenner.web.leefloon_rows import LIMITS, read_rows

LEEFLOON_CONCEPT = "leefloon"
CATEGORIES = {1: "samenwonende", 2: "alleenstaande", 3: "persoon met gezin ten laste"}
# Confidence labels of rules/leefloon/parameters.toml in plain Dutch; any other label is not (yet) official.
CONFIDENCE_NL = {"CONFIRMED": "bevestigd in de bron", "DERIVED": "berekend uit bevestigde bedragen"}
NOT_CONFIRMED_NL = "nog niet officieel bevestigd"


def today() -> dt.date:
    """Today's date (a function, so a test can set the day the pages show)."""
    return dt.date.today()


@bp.app_template_filter("euro")
def euro(amount: Decimal | float | int | str) -> str:
    """An amount in Belgian notation (e.g. € 1.234,56), rounded half-up to the cent without going through float."""
    return dutch.euro(Decimal(str(amount)))


@bp.app_template_filter("datum")
def datum(value: dt.date | str) -> str:
    """A date written in Dutch (e.g. 1 juni 2025)."""
    return dutch.dutch_date(dt.date.fromisoformat(value) if isinstance(value, str) else value)


@bp.app_template_filter("who")
def who(person: str) -> str:
    return person_label(person)


@bp.app_template_filter("resource_kind")
def resource_kind(kind: str) -> str:
    return resource_label(kind)


def right_amounts(view: dict) -> dict | None:
    """The monthly leefloon per category today, for the page of the leefloon right or one of its local versions.

    Read from the scheme's dated parameters (rules/leefloon/parameters.toml): yearly ÷ 12, half-up to the cent.
    None for any other right, or when today is not modelled.
    """
    if LEEFLOON_CONCEPT not in (view.get("id"), view.get("linkedConcept")):
        return None
    scheme = current_app.extensions["leefloon"].scheme
    day = today()
    rows = []
    try:
        for category, label in CATEGORIES.items():
            value = scheme.parameter(f"category_amount_yearly_{category}").at(day)
            rows.append(
                {
                    "category": category,
                    "label": label,
                    "monthly": round_cents(Decimal(value.value) / 12),
                    "from": value.start,
                    "source": value.source,
                    "confidence": value.confidence,
                    "confidenceNl": CONFIDENCE_NL.get(value.confidence, NOT_CONFIRMED_NL),
                    "confirmed": value.confidence in CONFIDENCE_NL,
                }
            )
    except NotModelledForDate:
        return None
    return {"date": day, "rows": rows}


def _advice_page(
    form,
    form_request: FormRequest | None = None,
    advice: dict | None = None,
    problems: list[FormProblem] | None = None,
    status: int = 200,
):
    rows = form_request.rows if form_request else read_rows(form)
    problems = problems or []
    missing = form_request.missing_facts(advice["missingFacts"]) if advice and form_request else []
    return render_template(
        "web/leefloon.html",
        form=form,
        advice=advice,
        problems=problems,
        field_errors=field_errors(problems),
        missing=missing,
        choices=advice_choices(),
        today=today().isoformat(),
        rows=rows,
        limits=LIMITS,
        print_view=False,
        following_where=_following_where(),
    ), status


def _following() -> tuple:
    """The rights a grant would bring in the remembered municipality (all of them when none is remembered)."""
    from rechtenverkenner.db import get_session
    from rechtenverkenner.web.views import _remembered_municipality

    remembered = _remembered_municipality()
    return current_app.extensions["rights_check"].following(get_session, remembered.code if remembered else None)


def _following_where() -> str:
    from rechtenverkenner.web.views import _remembered_municipality

    remembered = _remembered_municipality()
    return remembered.name if remembered else ""


def _advise(form_request: FormRequest) -> tuple[dict | None, list[FormProblem], int]:
    """The advice for the form, or its problems (each at its field) and the status to answer with."""
    advisor = current_app.extensions["leefloon"]
    try:
        situation = parse_advice_request(form_request.body)
        return leefloon_advice(advisor, situation, _following()), [], 200
    except BadRequest as exc:
        return None, form_request.problems(exc.issues), 400
    except NotModelled as exc:
        first = exc.args[0].first
        problem = Issue(
            "form",
            "$.referenceDate",
            None,
            f"The leefloon rules are not modelled before {first.isoformat()}.",
            f"De leefloonregels zijn niet gemodelleerd vóór {datum(first)}.",
        )
        return None, form_request.problems([problem]), 422


@bp.get("/leefloon")
def leefloon_form():
    return _advice_page({})


@bp.post("/leefloon")
def leefloon_check():
    # POST: the client's data never ends up in a URL or an access log, and nothing is stored
    rows = read_rows(request.form)
    if request.form.get("rij"):  # "Nog een inkomen" and the like: the same form with one more row, no advice
        rows.add(request.form["rij"])
        return _advice_page(request.form, read_form(request.form, rows))
    form_request = read_form(request.form, rows)
    advice, problems, status = _advise(form_request)
    return _advice_page(request.form, form_request, advice, problems, status)


@bp.post("/leefloon/afdrukken")
def leefloon_print():
    """The advice alone in the print layout; the form with its problems when it has any. Nothing is stored."""
    form_request = read_form(request.form)
    advice, problems, status = _advise(form_request)
    if advice is None:
        return _advice_page(request.form, form_request, None, problems, status)
    return render_template(
        "web/leefloon_print.html",
        advice=advice,
        print_view=True,
        today=today(),
        missing=form_request.missing_facts(advice["missingFacts"]),
        following_where=_following_where(),
    )


@bp.get("/leefloon/parameters")
def leefloon_parameters():
    overview = parameter_overview(current_app.extensions["leefloon"].scheme)
    return render_template("web/leefloon_parameters.html", overview=overview)
