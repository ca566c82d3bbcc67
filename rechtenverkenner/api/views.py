"""API views: parse the request, call one service, serialise the answer."""

from dataclasses import replace
from urllib.parse import urlencode

from flask import current_app, jsonify, render_template, request, url_for

from rechtenverkenner.api import bp
from rechtenverkenner.api.openapi import openapi_document
from rechtenverkenner.api.schemas import load_rights_query
from rechtenverkenner.db import get_session
from rechtenverkenner.errors import BadRequest, Issue, NotFound, NotModelled
from rechtenverkenner.problems import batch_problem
from rechtenverkenner.services import advice, apikeys, municipalities, rights, search
from rechtenverkenner.services.catalogue import CatalogueContext


def _ctx() -> CatalogueContext:
    return current_app.extensions["catalogue"]


def _page_link(page: int) -> str:
    args = [(k, v) for k in request.args for v in request.args.getlist(k) if k != "page"]
    args.append(("page", str(page)))
    return f"{request.base_url}?{urlencode(args)}"


@bp.get("/rights")
def list_rights():
    params, issues = load_rights_query(request.args, current_app.config["MAX_PAGE_SIZE"])
    if issues:
        raise BadRequest([Issue.from_entry(i) for i in issues])
    if "pageSize" not in request.args:
        params["pageSize"] = current_app.config["PAGE_SIZE"]
    query = search.build_search_query(_ctx(), params)
    result = search.search_rights(get_session(), _ctx(), query)
    items = [{**item, "href": url_for("api.get_right", right_id=item["id"], _external=True)} for item in result.items]
    body = {
        "self": request.url,
        "items": items,
        "total": result.total,
        "page": query.page,
        "pageSize": query.page_size,
        "first": _page_link(1),
        "last": _page_link(result.pages),
        "facets": result.facets,
        "municipality": result.municipality,
        "problems": result.problems,
    }
    if query.page > 1:
        body["prev"] = _page_link(min(query.page - 1, result.pages))
    if query.page < result.pages:
        body["next"] = _page_link(query.page + 1)
    if query.q.strip() and result.total < search.FEW_RESULTS:
        body["suggestions"] = _suggestions(query)
    return jsonify(body)


def _suggestions(query) -> dict:
    """The web page's way on (services.search.suggestions) with links to follow."""
    found = search.suggestions(get_session(), _ctx(), query)
    place = {"municipality": query.municipality} if query.municipality else {}
    spelling = found["spelling"]
    return {
        "spelling": spelling,
        "spellingHref": url_for("api.list_rights", q=spelling, **place, _external=True) if spelling else None,
        "problems": found["problems"],
        "lifeSituations": [
            {**s, "href": url_for("api.list_rights", lifeSituation=s["value"], **place, _external=True)}
            for s in found["lifeSituations"]
        ],
    }


@bp.get("/rights/<right_id>")
def get_right(right_id: str):
    right = rights.get_right(get_session(), _ctx(), right_id)
    right["self"] = request.url
    return jsonify(right)


@bp.get("/municipalities")
def list_municipalities():
    unknown = sorted(set(request.args) - {"q"})
    if unknown:
        raise BadRequest(
            [
                Issue("query", name, request.args.get(name), "Unknown parameter.", "Onbekende parameter.")
                for name in unknown
            ]
        )
    items = municipalities.municipalities(_ctx(), request.args.get("q", "")[:100])
    return jsonify({"self": request.url, "items": items, "total": len(items)})


@bp.get("/municipalities/<nis_code>")
def get_municipality(nis_code: str):
    if not municipalities.is_municipality(_ctx(), nis_code):
        raise NotFound(nis_code)
    return jsonify(municipalities.municipalities(_ctx(), nis_code)[0])


@bp.get("/municipalities/<nis_code>/lpdc")
def municipality_lpdc(nis_code: str):
    """The municipality's local rights as an LPDC instance-snapshot feed page (JSON-LD)."""
    from rechtenverkenner.services import lpdc

    document = lpdc.export_municipality(get_session(), _ctx(), nis_code, request.url_root)
    response = jsonify(document)
    response.mimetype = "application/ld+json"
    return response


@bp.get("/status")
def status():
    """A trivial JSON endpoint: liveness and the versions in use (no database access)."""
    return jsonify({"status": "ok", "rulesVersion": _advisor().scheme.version})


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(current_app.config["MAX_PAGE_SIZE"]))


@bp.get("/")
@bp.get("/docs")
def docs():
    return render_template("api/docs.html", spec=openapi_document(current_app.config["MAX_PAGE_SIZE"]))


# --- leefloon advice -------------------------------------------------------------------------------

MAX_BATCH = 1000


def _advisor():
    return current_app.extensions["leefloon"]


def _authorised() -> None:
    cache = current_app.extensions.get("api_key_cache") or current_app.extensions.setdefault(
        "api_key_cache", apikeys.ApiKeyCache(current_app.config["KEY_CACHE_SECONDS"])
    )
    apikeys.check_api_key(get_session, request.headers.get("Authorization"), cache)  # a session only on a miss


def _json_body():
    body = request.get_json(silent=True)
    if body is None:
        raise BadRequest(
            [
                Issue(
                    "body",
                    "$",
                    None,
                    "The body must be JSON (Content-Type: application/json).",
                    "De inhoud moet JSON zijn (Content-Type: application/json).",
                )
            ]
        )
    return body


def _with_version(body, status=200):
    response = jsonify(body)
    response.status_code = status
    response.headers["X-Rules-Version"] = _advisor().scheme.version
    return response


def _following(body: object = None) -> tuple:
    """The rights a leefloon grant would bring, from the published catalogue (kept per catalogue version), for the
    request's municipality when it names one."""
    municipality = body.get("municipality") if isinstance(body, dict) else None
    return current_app.extensions["rights_check"].following(get_session, municipality)


@bp.post("/leefloon/advice")
def leefloon_advice():
    _authorised()
    body = _json_body()
    situation = advice.parse_advice_request(body)
    return _with_version(advice.leefloon_advice(_advisor(), situation, _following(body)))


@bp.post("/leefloon/advice/batch")
def leefloon_advice_batch():
    _authorised()
    body = _json_body()
    if not isinstance(body, list) or len(body) > MAX_BATCH:
        raise BadRequest(
            [
                Issue(
                    "body",
                    "$",
                    None,
                    f"The body must be a JSON array of at most {MAX_BATCH} requests.",
                    f"De inhoud moet een JSON-lijst van hoogstens {MAX_BATCH} aanvragen zijn.",
                )
            ]
        )
    results = []
    for index, item in enumerate(body):
        try:
            situation = advice.parse_advice_request(item)
        except BadRequest as exc:
            results.append(
                batch_problem(
                    400,
                    "The input is not valid; see issues.",
                    "De invoer is ongeldig; zie issues.",
                    [replace(i, name=i.name.replace("$", f"$[{index}]", 1)) for i in exc.issues],
                )
            )
            continue
        try:
            results.append(advice.leefloon_advice(_advisor(), situation, _following(item)))
        except NotModelled as exc:
            cause = exc.args[0]
            results.append(
                batch_problem(
                    422, str(cause), f"De leefloonregels zijn niet gemodelleerd vóór {cause.first.isoformat()}.", []
                )
            )
        except Exception:  # one failing item never fails the others; the log has the index, not the data
            current_app.logger.exception("leefloon batch item %d failed", index)
            results.append(
                batch_problem(500, "This request could not be computed.", "Deze aanvraag kon niet berekend worden.", [])
            )
    return _with_version({"items": results, "total": len(results)})


@bp.get("/leefloon/parameters")
def leefloon_parameters():
    return jsonify(advice.parameter_overview(_advisor().scheme))
