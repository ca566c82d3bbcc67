"""Rate limits shared by every worker and every instance: failed sign-ins per IP address, requests per API key on
the advice and rights-check APIs, and error reports per IP address.

The counters live in the storage of RATELIMIT_STORAGE_URI (the `limits` library, Flask-Limiter's storage layer):
Redis (`redis://127.0.0.1:6379`, the default) is shared by all gunicorn workers and all instances. When no
storage is configured, or Redis does not answer when the app starts, the counters are kept in memory per
process (each worker counts on its own) and the log says so once. When Redis stops answering later, a request
is let through rather than refused (the log says so) — the limits protect against abuse, they are not access
control.

A refused request gets 429 with Retry-After (seconds until a slot frees up): the API a problem+json, the pages a
Dutch error page. IP addresses are the client's (X-Forwarded-For from PROXY_COUNT trusted proxies, see
config.py); the counters hold a keyed hash of an IP address and a hash of an API key, never either itself, and
expire with their window.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import time
from dataclasses import dataclass

from flask import Flask, Response, current_app, render_template, request
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)

API_ENDPOINTS = {
    "api.leefloon_advice",
    "api.leefloon_advice_batch",
    "api.rights_check_one",
    "api.rights_check_batch",
}
BATCH_ENDPOINTS = {"api.leefloon_advice_batch", "api.rights_check_batch"}
SIGN_IN_ENDPOINT = "editor.login_post"
REPORT_ENDPOINT = "web.report"
MESSAGES = {
    "sign-in": "Te veel mislukte aanmeldingen vanaf dit adres. Probeer het over {minutes} opnieuw.",
    "report": "Er kwamen te veel meldingen binnen vanaf dit adres. Probeer het over {minutes} opnieuw.",
}


class RateLimited(Exception):
    """A limit is reached: retry_after seconds until the next request is accepted; kind names the limit."""

    def __init__(self, kind: str, retry_after: int):
        self.kind = kind
        self.retry_after = retry_after
        super().__init__(kind)


@dataclass
class Limits:
    """The app's limiter: the configured limits on one storage."""

    limiter: MovingWindowRateLimiter
    backend: str
    sign_in: RateLimitItem
    api_key: RateLimitItem
    report: RateLimitItem

    @classmethod
    def from_config(cls, config) -> Limits:
        uri = config.get("RATELIMIT_STORAGE_URI") or "memory://"
        prefix = config.get("RATELIMIT_KEY_PREFIX") or "rechtenverkenner"
        if uri.startswith("memory"):
            storage, backend = MemoryStorage(), "memory (per process)"
        else:
            storage = storage_from_string(uri, key_prefix=prefix, socket_timeout=1, socket_connect_timeout=1)
            backend = uri.split("://", 1)[0]
            if not storage.check():
                log.warning("rate limits: %s storage does not answer; counting in memory per process", backend)
                storage, backend = MemoryStorage(), "memory (per process; shared storage unreachable)"
        return cls(
            MovingWindowRateLimiter(storage),
            backend,
            parse(config["SIGN_IN_LIMIT"]),
            parse(config["API_KEY_LIMIT"]),
            parse(config["REPORT_LIMIT"]),
        )

    def _retry_after(self, item: RateLimitItem, key: str) -> int:
        reset, _remaining = self.limiter.get_window_stats(item, key)
        return max(1, math.ceil(reset - time.time()))

    def allows(self, item: RateLimitItem, key: str) -> bool:
        """Whether one more request fits (nothing counted); True when the storage fails."""
        try:
            return self.limiter.test(item, key)
        except Exception as exc:
            log.warning("rate limits: storage error %s; request let through", type(exc).__name__)
            return True

    def count(self, item: RateLimitItem, key: str) -> bool:
        """Count one request; False when it is over the limit. True when the storage fails."""
        try:
            return self.limiter.hit(item, key)
        except Exception as exc:
            log.warning("rate limits: storage error %s; request let through", type(exc).__name__)
            return True

    def refuse(self, kind: str, item: RateLimitItem, key: str) -> RateLimited:
        try:
            retry_after = self._retry_after(item, key)
        except Exception:
            retry_after = int(item.get_expiry())
        return RateLimited(kind, retry_after)


def _client_address() -> str:
    """The client's IP address as a keyed hash: the counters never hold the address itself."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, (request.remote_addr or "unknown").encode(), hashlib.sha256).hexdigest()[:32]


def _api_key_digest() -> str:
    authorization = request.headers.get("Authorization", "")
    return hashlib.sha256(authorization.removeprefix("Bearer ").strip().encode()).hexdigest()[:32]


def _before() -> None:
    limits: Limits = current_app.extensions["limits"]
    endpoint = request.endpoint
    if endpoint in API_ENDPOINTS and request.headers.get("Authorization", "").startswith("Bearer "):
        key = "api:" + _api_key_digest()
        if not limits.count(limits.api_key, key):
            raise limits.refuse("api", limits.api_key, key)
    elif endpoint == SIGN_IN_ENDPOINT and request.method == "POST":
        key = "sign-in:" + _client_address()
        if not limits.allows(limits.sign_in, key):
            raise limits.refuse("sign-in", limits.sign_in, key)
    elif endpoint == REPORT_ENDPOINT and request.method == "POST":
        key = "report:" + _client_address()
        if not limits.count(limits.report, key):
            raise limits.refuse("report", limits.report, key)


def _after(response: Response) -> Response:
    """A failed sign-in (401) counts toward the IP address's limit; a successful one does not. A batch answer
    larger than MAX_BATCH_RESPONSE_BYTES is replaced by a 413 problem (nothing is half-sent)."""
    if request.endpoint == SIGN_IN_ENDPOINT and request.method == "POST" and response.status_code == 401:
        limits: Limits = current_app.extensions["limits"]
        limits.count(limits.sign_in, "sign-in:" + _client_address())
    elif request.endpoint in BATCH_ENDPOINTS and response.status_code == 200:
        cap = int(current_app.config["MAX_BATCH_RESPONSE_BYTES"])
        if (response.content_length or 0) > cap:
            from rechtenverkenner.problems import problem

            return problem(
                413,
                f"The answer would be larger than {cap} bytes; send fewer requests per batch.",
                f"Het antwoord zou groter zijn dan {cap} bytes; stuur minder aanvragen per batch.",
            )
    return response


def _minutes(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"


def _refused(exc: RateLimited):
    from rechtenverkenner.problems import problem

    if request.path.startswith("/api/"):
        response = problem(
            429,
            f"Too many requests for this API key; retry after {exc.retry_after} seconds.",
            f"Te veel aanvragen met deze API-sleutel; probeer opnieuw na {exc.retry_after} seconden.",
        )
    else:
        message = MESSAGES[exc.kind].format(minutes=_minutes(exc.retry_after))
        response = current_app.make_response((render_template("error.html", status=429, message=message), 429))
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


def init_app(app: Flask) -> None:
    app.extensions["limits"] = limits = Limits.from_config(app.config)
    app.logger.info("rate limits counted in %s", limits.backend)
    app.before_request(_before)
    app.after_request(_after)
    app.register_error_handler(RateLimited, _refused)
