"""Sessions: signing out or resetting the password ends every copy of a session; an absolute 8-hour
lifetime not renewed by use; `flask user disable`; every failed sign-in runs one password hash check."""

import pytest

from rechtenverkenner.services import accounts
from tests.editor.test_accounts import PASSWORD, editor, sign_in, token  # noqa: F401  (fixture)

EIGHT_HOURS = 8 * 3600


def copy_of(client):
    """A second browser holding a copy of the client's session cookie (as a thief would)."""
    other = client.application.test_client()
    cookie = client.get_cookie("session")
    other.set_cookie(cookie.key, cookie.value)
    return other


def signed_in(client) -> bool:
    return client.get("/beheer/").status_code == 200


@pytest.fixture
def gent(client, editor):  # noqa: F811
    assert sign_in(client).status_code == 302
    return client


def test_signing_out_ends_every_copy_of_the_session(gent):
    copy = copy_of(gent)
    assert signed_in(copy)
    gent.post("/beheer/logout", data={"csrf_token": token(gent, "/beheer/")})
    assert not signed_in(gent)
    assert not signed_in(copy), "the copied cookie no longer signs in"
    response = copy.get("/beheer/")
    assert response.status_code == 302 and "/beheer/login" in response.headers["Location"]


def test_a_password_reset_ends_every_session(app, gent):
    copy = copy_of(gent)
    new_password = "een ander lang wachtwoord"
    result = app.test_cli_runner().invoke(
        args=["user", "reset-password", "redacteur@gent.be"], input=f"{new_password}\n{new_password}\n"
    )
    assert result.exit_code == 0, result.output
    assert not signed_in(gent) and not signed_in(copy)
    assert sign_in(gent, password=new_password).status_code == 302 and signed_in(gent)


def test_a_new_sign_in_does_not_end_other_sessions(client, editor):  # noqa: F811
    other = client.application.test_client()
    assert sign_in(client).status_code == 302 and sign_in(other).status_code == 302
    assert signed_in(client) and signed_in(other)


def test_a_session_ends_eight_hours_after_signing_in_however_it_is_used(gent):
    with gent.session_transaction() as cookie:
        signed_in_at = cookie["signed_in_at"]
        cookie["signed_in_at"] = signed_in_at - (EIGHT_HOURS - 60)  # signed in 7 h 59 min ago
    assert signed_in(gent)
    with gent.session_transaction() as cookie:
        assert cookie["signed_in_at"] == signed_in_at - (EIGHT_HOURS - 60), "use does not renew the sign-in"
        cookie["signed_in_at"] = signed_in_at - EIGHT_HOURS - 1
    response = gent.get("/beheer/")
    assert response.status_code == 302 and "/beheer/login" in response.headers["Location"]
    assert sign_in(gent).status_code == 302 and signed_in(gent), "signing in again starts a new day"


def test_a_session_cookie_is_not_renewed_by_use(app):
    assert app.config["SESSION_REFRESH_EACH_REQUEST"] is False
    assert app.permanent_session_lifetime.total_seconds() == EIGHT_HOURS


def test_a_session_from_before_this_version_must_sign_in_again(gent):
    with gent.session_transaction() as cookie:
        del cookie["signed_in_at"]
    assert not signed_in(gent)


def test_a_disabled_user_cannot_sign_in_and_their_sessions_end(app, gent):
    copy = copy_of(gent)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["user", "disable", "Redacteur@Gent.be"])
    assert result.exit_code == 0 and "disabled" in result.output
    assert not signed_in(gent) and not signed_in(copy)
    response = sign_in(gent)
    assert response.status_code == 401 and "Onbekend e-mailadres of verkeerd wachtwoord" in response.get_data(
        as_text=True
    )
    assert runner.invoke(args=["user", "disable", "niemand@gent.be"]).exit_code == 1
    assert runner.invoke(args=["user", "enable", "redacteur@gent.be"]).exit_code == 0
    assert sign_in(gent).status_code == 302 and signed_in(gent)


@pytest.fixture
def hash_checks(monkeypatch):
    """Every password hash check a sign-in runs, as (hash, password)."""
    calls = []
    real = accounts.check_password_hash

    def counting(pwhash, password):
        calls.append(pwhash)
        return real(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    return calls


def test_unknown_disabled_and_locked_accounts_run_the_same_hash_check_as_a_wrong_password(
    app,
    client,
    editor,  # noqa: F811
    hash_checks,
):
    real_hash = accounts._dummy_hash()
    method = real_hash.split("$")[0]
    sign_in(client, password="verkeerd wachtwoord")
    assert len(hash_checks) == 1
    sign_in(client, email="niemand@gent.be")
    assert len(hash_checks) == 2 and hash_checks[-1].split("$")[0] == method, "a dummy hash made like real ones"
    for _ in range(accounts.MAX_FAILED_LOGINS):
        sign_in(client, password="verkeerd wachtwoord")
    before = len(hash_checks)
    response = sign_in(client)  # the right password, but the account is locked
    assert response.status_code == 401 and len(hash_checks) == before + 1
    app.test_cli_runner().invoke(args=["user", "disable", "redacteur@gent.be"])
    sign_in(client)
    assert len(hash_checks) == before + 2 and hash_checks[-1] == real_hash


def test_the_dummy_hash_costs_what_a_real_hash_costs(app, editor):  # noqa: F811
    from sqlalchemy import select

    from rechtenverkenner import db
    from rechtenverkenner.models import User

    with app.app_context(), db.new_session() as session:
        real = session.execute(select(User.password_hash)).scalar_one()
    assert real.split("$")[0] == accounts._dummy_hash().split("$")[0], "same method and cost parameters"
