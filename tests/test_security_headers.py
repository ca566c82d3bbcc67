"""Every response carries the security headers: pages, the API, problems, static files."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/zoeken?alle=1&q=huur",
        "/leefloon",
        "/api/v1/rights?q=leefloon",
        "/api/v1/openapi.json",
        "/static/style.css",
        "/bestaat-niet",
        "/api/v1/bestaat-niet",
        "/beheer/login",
    ],
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    response.close()  # a static file is streamed: close it
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # the test client speaks plain http


def test_hsts_when_the_cookies_are_secure(tmp_path, loaded_sqlite):
    import shutil

    from tests.conftest import make_app

    shutil.copy(loaded_sqlite, tmp_path / "app.db")
    secure = make_app(f"sqlite:///{tmp_path / 'app.db'}", SESSION_COOKIE_SECURE=True)
    response = secure.test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_page_has_inline_script_or_style():
    from pathlib import Path

    templates = Path(__file__).resolve().parents[1] / "rechtenverkenner"
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>" not in text and " on" + "click=" not in text and 'style="' not in text, path


@pytest.mark.parametrize("path", ["/api/v1/rights?q=a%00b", "/zoeken?q=a%00b&alle=1", "/api/v1/municipalities?q=%00"])
def test_a_nul_character_in_a_parameter_is_a_400_not_a_500(client, path):
    response = client.get(path)
    assert response.status_code == 400


def test_deeply_nested_json_is_a_400_not_a_500(client):
    response = client.post(
        "/api/v1/leefloon/advice",
        data="[" * 100_000 + "]" * 100_000,
        content_type="application/json",
        headers={"Authorization": "Bearer x"},
    )
    assert response.status_code in (400, 401)  # refused before or after the key check, never a 500


def test_every_answer_carries_a_request_id_and_keeps_a_plain_one_given(client):
    assert len(client.get("/").headers["X-Request-Id"]) == 32
    assert client.get("/", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == "abc-123"
    assert client.get("/", headers={"X-Request-Id": "bad id\\n"}).headers["X-Request-Id"] != "bad id\\n"


def test_the_access_log_leaves_out_query_strings():
    from pathlib import Path

    conf = (Path(__file__).resolve().parents[1] / "gunicorn.conf.py").read_text(encoding="utf-8")
    assert "%(U)s" in conf and "%(r)s" not in conf and "x-request-id" in conf


def test_a_nul_character_in_a_form_field_is_refused_and_a_json_body_is_not_parsed_as_a_form(app):
    from flask import Response

    from rechtenverkenner.errors import BadRequest
    from rechtenverkenner.security import refuse_nul_characters

    form = app.test_request_context("/beheer/login", method="POST", data={"name\x00": "a"})
    with form, pytest.raises(BadRequest):
        refuse_nul_characters()
    multipart = app.test_request_context("/x", method="POST", data={"a": "b\x00"}, content_type="multipart/form-data")
    with multipart, pytest.raises(BadRequest):
        refuse_nul_characters()
    with app.test_request_context("/api/v1/leefloon/advice", method="POST", json={"a": "b\x00"}):
        refuse_nul_characters()  # no form fields: the JSON is validated by its schema
        response = app.process_response(Response("x", headers={"X-Frame-Options": "SAMEORIGIN"}))
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]  # a header the view set is kept
    names = [name for name, _ in response.headers]
    assert names.index("X-Request-Id") < names.index("Content-Security-Policy") < names.index("Permissions-Policy")
