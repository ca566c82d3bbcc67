"""Security headers on every response and a guard against NUL characters in parameters: a Content-Security-Policy without inline script, no framing, no MIME
sniffing, a strict referrer policy, no powerful browser features, and HSTS when the cookies are Secure."""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, request
from werkzeug.routing import IntegerConverter

from rechtenverkenner.errors import BadRequest, Issue

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",  # no inline script anywhere: the pages work without JavaScript
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "serial",
        "hid",
        "bluetooth",
    )
)
HSTS = "max-age=31536000; includeSubDomains"


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")  # the bodies werkzeug parses into .form


def refuse_nul_characters() -> None:
    """A NUL character in a query parameter or form field is never valid text (PostgreSQL cannot even store
    it): a 400 naming the field, before any view runs. Only a form body is parsed for it (any other body has
    no form fields; parsing one for nothing cost an API request as much as validating its advice request)."""
    sources = [("query", request.args)]
    if request.mimetype in FORM_TYPES:
        sources.append(("form", request.form))
    for location, values in sources:
        for name, value in values.items(multi=True):
            if "\x00" in name or "\x00" in value:
                raise BadRequest(
                    [
                        Issue(
                            location,
                            name.replace("\x00", ""),
                            None,
                            "A NUL character is not allowed.",
                            "Een NUL-teken is niet toegelaten.",
                        )
                    ]
                )


class DatabaseInteger(IntegerConverter):
    """`<int:...>` in a URL: only numbers a database INTEGER holds; a larger one matches no page (404), where
    it made SQLite raise an OverflowError (500)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id() -> None:
    """An id per request (the caller's X-Request-Id when it is a plain token): in the access log and the answer."""
    given = request.headers.get("X-Request-Id", "")
    g.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def init_app(app: Flask) -> None:
    secure = bool(app.config.get("SESSION_COOKIE_SECURE"))
    app.before_request(request_id)
    app.before_request(refuse_nul_characters)

    fixed = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS),
        ("X-Frame-Options", "DENY"),  # for browsers without frame-ancestors
    ]
    if secure:
        fixed.append(("Strict-Transport-Security", HSTS))
    wanted = [(name.lower(), name, value) for name, value in fixed]

    @app.after_request
    def _headers(response: Response) -> Response:
        """Each header unless the view set it already (one pass over the headers: a setdefault per header
        scans them all and raises and catches a KeyError for each missing one)."""
        headers = response.headers
        present = {name.lower() for name, _ in headers.items()}
        added = [] if "x-request-id" in present else [("X-Request-Id", g.get("request_id") or uuid.uuid4().hex)]
        added += [(name, value) for lower, name, value in wanted if lower not in present]
        headers.extend(added)
        return response
