"""API views of the rights check: POST /api/v1/rights-check and its batch (thin: parse, one service call)."""

from __future__ import annotations

from dataclasses import replace

from flask import Response, current_app, jsonify

from rechtenverkenner.api import bp
from rechtenverkenner.api.views import _authorised, _json_body
from rechtenverkenner.db import get_session
from rechtenverkenner.errors import BadRequest, Issue
from rechtenverkenner.problems import batch_problem
from rechtenverkenner.services import rights_check


def _service() -> rights_check.RightsCheckService:
    """The app's rights check service (built in create_app)."""
    return current_app.extensions["rights_check"]


@bp.post("/rights-check")
def rights_check_one() -> Response:
    _authorised()
    situation = rights_check.parse_rights_check_request(_json_body(), current_app.extensions["catalogue"])
    return jsonify(_service().check(get_session(), situation))


@bp.post("/rights-check/batch")
def rights_check_batch() -> Response:
    _authorised()
    body = _json_body()
    limit = rights_check.MAX_BATCH
    if not isinstance(body, list) or len(body) > limit:
        raise BadRequest(
            [
                Issue(
                    "body",
                    "$",
                    None,
                    f"The body must be a JSON array of at most {limit} requests.",
                    f"De inhoud moet een JSON-lijst van hoogstens {limit} aanvragen zijn.",
                )
            ]
        )
    results = []
    for index, item in enumerate(body):
        try:
            situation = rights_check.parse_rights_check_request(item, current_app.extensions["catalogue"])
            results.append(_service().check(get_session(), situation))
        except BadRequest as exc:
            issues = [replace(i, name=i.name.replace("$", f"$[{index}]", 1)) for i in exc.issues]
            results.append(
                batch_problem(400, "The input is not valid; see issues.", "De invoer is ongeldig; zie issues.", issues)
            )
        except Exception:  # one failing item never fails the others; the log has the index, not the data
            current_app.logger.exception("rights check batch item %d failed", index)
            results.append(
                batch_problem(500, "This request could not be computed.", "Deze aanvraag kon niet berekend worden.", [])
            )
    return jsonify({"items": results, "total": len(results)})
