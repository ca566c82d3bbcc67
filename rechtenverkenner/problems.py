"""RFC 9457 problem details in the Belgif style, for the API and for HTML pages."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from rechtenverkenner.errors import BadRequest, Issue, NotFound, NotModelled, Unauthorized

BELGIF = "https://www.gcloud.belgium.be/rest/problems/"
PROBLEM_TYPES = {
    400: ("badRequest", "Bad Request", "Ongeldige aanvraag"),
    401: ("noAccessToken", "No Access Token", "Geen toegangssleutel"),
    403: ("missingScope", "Forbidden", "Geen toegang"),
    404: ("resourceNotFound", "Resource Not Found", "Niet gevonden"),
    405: ("methodNotAllowed", "Method Not Allowed", "Methode niet toegelaten"),
    406: ("notAcceptable", "Not Acceptable", "Niet aanvaardbaar"),
    413: ("payloadTooLarge", "Payload Too Large", "Te grote aanvraag"),
    415: ("unsupportedMediaType", "Unsupported Media Type", "Mediatype niet ondersteund"),
    422: ("unprocessableContent", "Unprocessable Content", "Niet verwerkbaar"),
    429: ("tooManyRequests", "Too Many Requests", "Te veel aanvragen"),
    500: ("internalServerError", "Internal Server Error", "Interne fout"),
    503: ("serviceUnavailable", "Service Unavailable", "Dienst niet beschikbaar"),
}


def prefers_dutch() -> bool:
    best = request.accept_languages.best_match(["en", "nl"], default="en")
    return best == "nl"


def problem(status: int, detail: str, detail_nl: str, issues: list[Issue] | None = None, **extra) -> Response:
    """A problem+json response; detail follows Accept-Language (nl or en), both are always present."""
    slug, title_en, title_nl = PROBLEM_TYPES.get(status, ("internalServerError", "Error", "Fout"))
    dutch = prefers_dutch()
    body = {
        "type": f"urn:problem-type:belgif:{slug}",
        "href": f"{BELGIF}{slug}.html",
        "title": title_nl if dutch else title_en,
        "status": status,
        "detail": detail_nl if dutch else detail,
        "detailNl": detail_nl,
        "detailEn": detail,
        "instance": request.path,
    }
    if issues:
        body["issues"] = [issue.as_problem_entry(dutch) for issue in issues]
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def batch_problem(status: int, detail: str, detail_nl: str, issues: list[Issue]) -> dict:
    """A problem as one entry of a batch answer (the other entries are still computed)."""
    return problem(status, detail, detail_nl, issues).get_json()


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.errorhandler(BadRequest)
    def _bad_request(exc: BadRequest):
        if _wants_json():
            return problem(400, "The input is not valid; see issues.", "De invoer is ongeldig; zie issues.", exc.issues)
        return render_template("error.html", status=400, message="; ".join(i.detail_nl for i in exc.issues)), 400

    @app.errorhandler(NotModelled)
    def _not_modelled(exc: NotModelled):
        cause = exc.args[0]
        first = getattr(cause, "first", None)
        detail = f"The leefloon rules are not modelled before {first.isoformat()}." if first else str(cause)
        detail_nl = (
            f"De leefloonregels zijn niet gemodelleerd vóór {first.strftime('%d-%m-%Y')}." if first else str(cause)
        )
        return problem(
            422,
            detail,
            detail_nl,
            [Issue("body", "$.referenceDate", str(getattr(cause, "date", "")), detail, detail_nl)],
        )

    @app.errorhandler(Unauthorized)
    def _unauthorized(exc: Unauthorized):
        response = problem(
            401,
            "A valid API key is required: Authorization: Bearer <key>.",
            "Een geldige API-sleutel is nodig: Authorization: Bearer <sleutel>.",
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="rechtenverkenner"'
        return response

    @app.errorhandler(NotFound)
    def _not_found(exc: NotFound):
        if _wants_json():
            return problem(404, f"No resource '{exc}'.", f"'{exc}' bestaat niet.")
        return render_template("error.html", status=404, message="Deze pagina of dit recht bestaat niet."), 404

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        if _wants_json():
            nl = {
                404: "Deze URL bestaat niet.",
                405: "Deze methode is hier niet toegelaten.",
                413: "De aanvraag is te groot.",
            }.get(status, exc.description or "")
            return problem(status, exc.description or exc.name, nl)
        return render_template("error.html", status=status, message=exc.description), status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        if _wants_json():
            return problem(500, "An unexpected error occurred.", "Er liep iets onverwacht mis.")
        return render_template("error.html", status=500, message="Er liep iets onverwacht mis."), 500
