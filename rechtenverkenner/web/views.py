"""Web views: start page (municipality), search, a right's page and print views."""

from flask import current_app, make_response, redirect, render_template, request, url_for

from rechtenverkenner.db import get_session
from rechtenverkenner.errors import BadRequest, Issue, NotModelled, TooMany
from rechtenverkenner.services import municipalities, reports, rights
from rechtenverkenner.services.advice import (
    advice_choices,
    leefloon_advice,
    parameter_overview,
    parse_advice_request,
    person_label,
    resource_label,
)
from rechtenverkenner.services.catalogue import FACET_LABELS, FACETS, CatalogueContext
from rechtenverkenner.services.search import build_search_query, search_rights
from rechtenverkenner.web import bp

COOKIE = "gemeente"
COOKIE_AGE = 180 * 24 * 3600
WEB_PAGE_SIZE = 20


def _ctx() -> CatalogueContext:
    return current_app.extensions["catalogue"]


def _remembered_municipality():
    code = request.cookies.get(COOKIE, "")
    try:
        return municipalities.resolve_municipality(_ctx(), code) if code else None
    except BadRequest:
        return None


def _grouped_municipalities() -> list[tuple[str, list[dict]]]:
    """Municipalities by province (Brussels as its own group), for the start page's select."""
    groups: dict[str, list[dict]] = {}
    for item in municipalities.municipalities(_ctx()):
        label = item["province"]["name"] if item["province"] else "Brussels Hoofdstedelijk Gewest"
        groups.setdefault(label, []).append(item)
    return sorted(groups.items())


@bp.get("/")
def start():
    groups = _grouped_municipalities()
    current = _remembered_municipality()
    return render_template("web/start.html", groups=groups, current=current)


def _search_params():
    """Parameters of the search page: the same names as the API, with 'gemeente' for the municipality."""
    params = {"q": request.args.get("q", "")[:200]}
    for facet in FACETS:
        params[facet] = [v for v in request.args.getlist(facet) if v]
    try:
        params["page"] = max(1, min(int(request.args.get("page", "1")), 10_000))
    except ValueError:
        params["page"] = 1
    params["pageSize"] = WEB_PAGE_SIZE
    return params


def _search(print_view: bool):
    params = _search_params()
    chosen = request.args.get("gemeente")
    municipality = None
    if chosen:
        municipality = municipalities.resolve_municipality(_ctx(), chosen)
    else:
        municipality = _remembered_municipality()
    if municipality is None and not print_view and "alle" not in request.args:
        return redirect(url_for("web.start", volgende="zoeken"))
    params["municipality"] = municipality.code if municipality else None
    if print_view:
        params["pageSize"] = current_app.config["MAX_PAGE_SIZE"]
    query = build_search_query(_ctx(), params, source="query")
    result = search_rights(get_session(), _ctx(), query)
    template = "web/search_print.html" if print_view else "web/search.html"
    response = make_response(render_template(
        template, result=result, query=query, municipality=municipality,
        facet_labels=FACET_LABELS, args=request.args,
    ))
    if chosen and municipality:
        response.set_cookie(COOKIE, municipality.code, max_age=COOKIE_AGE, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    return response


@bp.get("/zoeken")
def search():
    return _search(print_view=False)


@bp.get("/zoeken/print")
def search_print():
    return _search(print_view=True)


@bp.get("/recht/<right_id>")
def right(right_id: str):
    view = rights.get_right(get_session(), _ctx(), right_id)
    return render_template("web/right.html", right=view, municipality=_remembered_municipality(), print_view=False)


@bp.post("/recht/<right_id>/melding")
def report(right_id: str):
    try:
        reports.report_error(get_session(), right_id, request.form.get("melding", ""))
    except TooMany:
        return render_template("error.html", status=429, message="Er kwamen te veel meldingen binnen. Probeer later opnieuw."), 429
    except BadRequest as exc:
        view = rights.get_right(get_session(), _ctx(), right_id)
        return render_template("web/right.html", right=view, municipality=_remembered_municipality(), print_view=False,
                               report_error=exc.issues[0].detail_nl), 400
    view = rights.get_right(get_session(), _ctx(), right_id)
    return render_template("web/right.html", right=view, municipality=_remembered_municipality(), print_view=False,
                           report_sent=True)


@bp.get("/recht/<right_id>/print")
def right_print(right_id: str):
    view = rights.get_right(get_session(), _ctx(), right_id)
    return render_template("web/right.html", right=view, municipality=_remembered_municipality(), print_view=True)


@bp.get("/healthz")
def health():
    get_session().connection()
    return {"status": "ok"}


# --- leefloon advice page (no API key, nothing stored) -------------------------------------------

@bp.app_template_filter("euro")
def euro(amount) -> str:
    """An amount in Belgian notation, e.g. € 1.234,56."""
    whole, cents = f"{float(amount):,.2f}".split(".")
    return "€ " + whole.replace(",", ".") + "," + cents


@bp.app_template_filter("who")
def who(person: str) -> str:
    return person_label(person)


@bp.app_template_filter("resource_kind")
def resource_kind(kind: str) -> str:
    return resource_label(kind)

INCOME_ROWS = 3
MEMBER_ROWS = 4
YES_NO = {"ja": True, "nee": False}


def _form_request(form) -> dict:
    """The advice request that the form describes (the same JSON the API takes)."""
    def value(name):
        raw = form.get(name, "").strip()
        return raw or None

    def number(name):
        raw = value(name)
        if raw is None:
            return None
        try:
            return float(raw.replace(",", ".")) if "." in raw or "," in raw else int(raw)
        except ValueError:
            return raw  # the schema reports it with its path

    def flag(name):
        return form.get(name) == "on"

    def tri(name):
        return YES_NO.get(form.get(name, ""))

    applicant = {
        "residenceStatus": value("residenceStatus"), "euResidenceStartDate": value("euResidenceStartDate"),
        "euWorkerOrSelfEmployed": tri("euWorkerOrSelfEmployed"), "actualResidenceInBelgium": tri("actualResidenceInBelgium"),
        "homeless": flag("homeless"), "married": flag("married"), "pregnant": flag("pregnant"),
        "fullTimeStudent": flag("fullTimeStudent"), "piisSigned": flag("piisSigned"),
        "willingnessToWork": value("willingnessToWork"), "sharesHousehold": tri("sharesHousehold"),
        "familyAllowanceRecipient": flag("familyAllowanceRecipient"), "spiDaysUsed": number("spiDaysUsed"),
        "movableCapital": number("movableCapital"),
        "incomes": [], "realEstate": [],
        "unclaimedBenefits": [value("unclaimedBenefit")] if value("unclaimedBenefit") else [],
    }
    if value("birthDate"):
        applicant["birthDate"] = value("birthDate")
    elif value("age"):
        applicant["age"] = number("age")
    for i in range(INCOME_ROWS):
        if value(f"income{i}_amount"):
            applicant["incomes"].append({"type": value(f"income{i}_type"), "amount": number(f"income{i}_amount"),
                                         "period": value(f"income{i}_period") or "month",
                                         "startedWhileBeneficiary": flag(f"income{i}_started")})
    if value("ki"):
        applicant["realEstate"].append({"kind": "built", "cadastralIncome": number("ki"), "ownHome": flag("ki_ownHome")})
    members = []
    for i in range(MEMBER_ROWS):
        if not value(f"member{i}_relation"):
            continue
        member = {"relation": value(f"member{i}_relation"), "alsoApplies": flag(f"member{i}_alsoApplies"), "incomes": []}
        if value(f"member{i}_age"):
            member["age"] = number(f"member{i}_age")
        if value(f"member{i}_hosted"):
            member["hostedDaysInMonth"] = number(f"member{i}_hosted")
        if value(f"member{i}_amount"):
            member["incomes"].append({"type": value(f"member{i}_type"), "amount": number(f"member{i}_amount"),
                                      "period": value(f"member{i}_period") or "month"})
        members.append(member)
    request = {"referenceDate": value("referenceDate"), "applicant": {k: v for k, v in applicant.items() if v is not None},
               "householdMembers": members}
    for name in ("applicationDate", "rightStartDate"):
        if value(name):
            request[name] = value(name)
    return request


def _advice_page(form, advice=None, problems=None, status=200):
    from datetime import date

    choices = advice_choices()
    return render_template("web/leefloon.html", form=form, advice=advice, problems=problems or [], choices=choices,
                           today=date.today().isoformat(), income_rows=INCOME_ROWS, member_rows=MEMBER_ROWS), status


@bp.get("/leefloon")
def leefloon_form():
    return _advice_page({})


@bp.post("/leefloon")
def leefloon_check():
    # POST: the client's data never ends up in a URL or an access log, and nothing is stored
    advisor = current_app.extensions["leefloon"]
    try:
        situation = parse_advice_request(_form_request(request.form))
        advice = leefloon_advice(advisor, situation)
    except BadRequest as exc:
        return _advice_page(request.form, problems=exc.issues, status=400)
    except NotModelled as exc:
        first = exc.args[0].first
        problem = Issue("form", "$.referenceDate", None, f"The leefloon rules are not modelled before {first.isoformat()}.",
                        f"De leefloonregels zijn niet gemodelleerd vóór {first.strftime('%d-%m-%Y')}.")
        return _advice_page(request.form, problems=[problem], status=422)
    return _advice_page(request.form, advice=advice)


@bp.get("/leefloon/parameters")
def leefloon_parameters():
    overview = parameter_overview(current_app.extensions["leefloon"].scheme)
    return render_template("web/leefloon_parameters.html", overview=overview)
