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


def refuse_nul_characters() -> None:
    """A NUL character in a query parameter or form field is never valid text (PostgreSQL cannot even store
    it): a 400 naming the field, before any view runs."""
    for location, values in (("query", request.args), ("form", request.form)):
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

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("X-Request-Id", g.get("request_id") or uuid.uuid4().hex)
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Permissions-Policy", PERMISSIONS)
        headers.setdefault("X-Frame-Options", "DENY")  # for browsers without frame-ancestors
        if secure:
            headers.setdefault("Strict-Transport-Security", HSTS)
        return response
