"""CSRF protection for every HTML form: a per-session token in a hidden field, checked on each POST.

The JSON API (/api/) is exempt: it authenticates with a bearer key, not a cookie.
"""

import hmac
import secrets

from flask import abort, request, session

FIELD = "csrf_token"


def token() -> str:
    """This session's token (created on first use); templates call it as csrf_token()."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]


def init_app(app) -> None:
    app.jinja_env.globals["csrf_token"] = token

    @app.before_request
    def _check():
        if request.method != "POST" or request.path.startswith("/api/"):
            return
        sent = request.form.get(FIELD, "")
        expected = session.get(FIELD, "")
        if not expected or not hmac.compare_digest(sent, expected):
            abort(
                400,
                description="Het formulier is verlopen of ongeldig (CSRF). Laad de pagina opnieuw en probeer nog eens.",
            )
