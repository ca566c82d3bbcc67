"""Web views: start page (municipality), search, a right's page and print views (the leefloon pages: leefloon.py)."""

from flask import current_app, make_response, redirect, render_template, request, url_for

from rechtenverkenner.db import get_session
from rechtenverkenner.errors import BadRequest, TooMany
from rechtenverkenner.services import municipalities, reports, rights
from rechtenverkenner.services.catalogue import FACET_LABELS, FACETS, CatalogueContext
from rechtenverkenner.services.search import FEW_RESULTS, build_search_query, search_rights, spelling, suggestions
from rechtenverkenner.web import bp
from rechtenverkenner.web import leefloon as leefloon_page
from rechtenverkenner.web.leefloon import right_amounts

COOKIE = "gemeente"
COOKIE_AGE = 180 * 24 * 3600
WEB_PAGE_SIZE = 20
HONEYPOT = "website"  # a field of the report form hidden from people (CSS display: none)


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
    municipality = municipalities.resolve_municipality(_ctx(), chosen) if chosen else _remembered_municipality()
    if municipality is None and not print_view and "alle" not in request.args:
        return redirect(url_for("web.start", volgende="zoeken"))
    params["municipality"] = municipality.code if municipality else None
    if print_view:
        params["pageSize"] = current_app.config["MAX_PAGE_SIZE"]
    query = build_search_query(_ctx(), params, source="query")
    result = search_rights(get_session(), _ctx(), query)
    hints = suggestions(get_session(), _ctx(), query) if result.total < FEW_RESULTS and not print_view else None
    # a misspelt word gets its correction also when the typo tolerance already found enough rights
    spelled = (
        None if hints or print_view or not query.q.strip() else spelling(get_session(), _ctx(), query, strict=True)
    )
    template = "web/search_print.html" if print_view else "web/search.html"
    response = make_response(
        render_template(
            template,
            result=result,
            query=query,
            municipality=municipality,
            facet_labels=FACET_LABELS,
            args=request.args,
            hints=hints,
            spelled=spelled,
        )
    )
    if chosen and municipality:
        response.set_cookie(
            COOKIE, municipality.code, max_age=COOKIE_AGE, samesite="Lax", httponly=True, secure=request.is_secure
        )
    return response


@bp.get("/zoeken")
def search():
    return _search(print_view=False)


@bp.get("/zoeken/print")
def search_print():
    return _search(print_view=True)


def _right_page(right_id: str, print_view: bool = False, status: int = 200, **extra):
    day = leefloon_page.today()  # one function, so a test can set the day the pages show
    view = rights.get_right(get_session(), _ctx(), right_id, today=day)
    municipality = _remembered_municipality()
    return render_template(
        "web/right.html",
        today=day,
        right=view,
        municipality=municipality,
        ocmw=rights.ocmw_contact(get_session(), view, municipality.code if municipality else None),
        print_view=print_view,
        leefloon_amounts=right_amounts(view),
        **extra,
    ), status


@bp.get("/recht/<right_id>")
def right(right_id: str):
    return _right_page(right_id)


@bp.post("/recht/<right_id>/melding")
def report(right_id: str):
    if request.form.get(HONEYPOT):  # only a robot fills the field people never see: thanked, nothing stored
        return _right_page(right_id, report_sent=True)
    try:
        reports.report_error(get_session(), right_id, request.form.get("melding", ""))
    except TooMany:
        return render_template(
            "error.html", status=429, message="Er kwamen te veel meldingen binnen. Probeer later opnieuw."
        ), 429
    except BadRequest as exc:
        return _right_page(right_id, status=400, report_error=exc.issues[0].detail_nl)
    return _right_page(right_id, report_sent=True)


@bp.get("/recht/<right_id>/print")
def right_print(right_id: str):
    return _right_page(right_id, print_view=True)
