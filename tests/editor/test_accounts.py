"""Editor accounts: CLI creation, sign-in with CSRF, a limit on failed sign-ins, sign-out."""

import re

import pytest

from rechtenverkenner import db
from rechtenverkenner.services import accounts

PASSWORD = "correct horse battery staple"


def token(client, path="/beheer/login") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client, email="redacteur@gent.be", password=PASSWORD):
    return client.post("/beheer/login", data={"email": email, "password": password, "csrf_token": token(client)})


@pytest.fixture
def editor(app):
    result = app.test_cli_runner().invoke(
        args=[
            "user",
            "create",
            "Redacteur@Gent.be",
            "--name",
            "Redacteur Gent",
            "--role",
            "editor",
            "--municipality",
            "44021",
        ],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    return "redacteur@gent.be"


def test_the_cli_refuses_a_short_password_and_an_unknown_municipality(app):
    runner = app.test_cli_runner()
    short = runner.invoke(
        args=["user", "create", "a@b.be", "--name", "A", "--role", "editor", "--municipality", "44021"],
        input="kort\nkort\n",
    )
    assert short.exit_code == 1 and "minstens 12 tekens" in short.output
    unknown = runner.invoke(
        args=["user", "create", "a@b.be", "--name", "A", "--role", "editor", "--municipality", "99999"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert unknown.exit_code == 1 and "Onbekende gemeente" in unknown.output


def test_passwords_are_stored_hashed(app, editor):
    from sqlalchemy import select

    from rechtenverkenner.models import User

    with app.app_context(), db.new_session() as session:
        user = session.execute(select(User)).scalar_one()
    assert PASSWORD not in user.password_hash and user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_an_editor_signs_in_sees_the_municipality_and_signs_out(client, editor):
    response = sign_in(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/beheer/")
    html = client.get("/beheer/").get_data(as_text=True)
    assert "Redacteur Gent" in html and "Gent (44021)" in html and "Leefloon – OCMW Gent" in html
    client.post("/beheer/logout", data={"csrf_token": token(client, "/beheer/")})
    assert client.get("/beheer/").status_code == 302


def test_the_overview_needs_a_sign_in(client):
    response = client.get("/beheer/")
    assert response.status_code == 302 and "/beheer/login" in response.headers["Location"]


def test_a_sign_in_without_csrf_token_is_refused(client, editor):
    response = client.post("/beheer/login", data={"email": editor, "password": PASSWORD})
    assert response.status_code == 400


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, editor):
    for _ in range(accounts.MAX_FAILED_LOGINS):
        assert sign_in(client, password="wrong password!!").status_code == 401
    assert sign_in(client).status_code == 401
    assert sign_in(client, email="nobody@example.org").status_code == 401


def test_a_password_reset_unlocks_the_account(app, client, editor):
    for _ in range(accounts.MAX_FAILED_LOGINS):
        sign_in(client, password="wrong password!!")
    new = "another long passphrase"
    result = app.test_cli_runner().invoke(args=["user", "reset-password", editor], input=f"{new}\n{new}\n")
    assert result.exit_code == 0
    assert sign_in(client, password=new).status_code == 302


def test_the_session_cookie_is_httponly_and_lax(client, editor):
    response = sign_in(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_in_production_the_session_cookie_is_secure(tmp_path):
    from rechtenverkenner import create_app
    from tests.conftest import CATALOG

    app = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}", "CATALOG_DIR": str(CATALOG), "SECRET_KEY": "x" * 32}
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
