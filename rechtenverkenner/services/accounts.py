"""Editor accounts: create, reset a password, sign in with a lock after repeated failures, who may edit what."""

from __future__ import annotations

import functools
import logging
import secrets
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from rechtenverkenner.db import transaction
from rechtenverkenner.errors import BadRequest, Issue, LoginFailed, NotFound
from rechtenverkenner.models import User, UserMunicipality
from rechtenverkenner.services import confinement
from rechtenverkenner.services.catalogue import CatalogueContext

log = logging.getLogger(__name__)

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15


def _password_issue() -> Issue:
    return Issue(
        "cli", "password", None, "A password has at least 12 characters.", "Een wachtwoord heeft minstens 12 tekens."
    )


def create_user(
    session: Session, ctx: CatalogueContext, email: str, name: str, password: str, role: str, municipalities: list[str]
) -> User:
    """Create an editor or administrator; raises BadRequest for a bad role, password or municipality."""
    problems = []
    if role not in ("admin", "editor"):
        problems.append(("role", "Role must be admin or editor.", "De rol is admin of editor."))
    if len(password) < 12:
        problems.append(
            ("password", "A password has at least 12 characters.", "Een wachtwoord heeft minstens 12 tekens.")
        )
    if "@" not in email:
        problems.append(("email", "Not a valid e-mail address.", "Geen geldig e-mailadres."))
    for code in municipalities:
        if code not in ctx.codelists.geography.municipalities:
            problems.append(("municipality", f"Unknown municipality {code}.", f"Onbekende gemeente {code}."))
    if role == "editor" and not municipalities:
        problems.append(
            ("municipality", "An editor needs at least one municipality.", "Een redacteur heeft minstens één gemeente.")
        )
    if session.execute(select(User).where(User.email == email.lower())).scalar_one_or_none():
        problems.append(
            ("email", "A user with this e-mail exists.", "Er bestaat al een gebruiker met dit e-mailadres.")
        )
    if problems:
        raise BadRequest([Issue("cli", n, None, en, nl) for n, en, nl in problems])
    user = User(
        email=email.lower(),
        name=name,
        password_hash=generate_password_hash(password),
        role=role,
        created_at=datetime.now(UTC),
    )
    with transaction(session):
        session.add(user)
        session.flush()
        for code in sorted(set(municipalities)):
            session.add(UserMunicipality(user_id=user.id, municipality=code))
    return user


def _account(session: Session, email: str) -> User:
    user = session.execute(select(User).where(User.email == (email or "").strip().lower())).scalar_one_or_none()
    if user is None:
        raise NotFound(email)
    return user


def _end_sessions(session: Session, user: User) -> None:
    """Bump the session version in SQL (never read, then written): every session signed before ends."""
    session.execute(
        update(User.__table__)
        .where(User.__table__.c.id == user.id)
        .values(session_version=User.__table__.c.session_version + 1)
    )
    session.expire(user, ["session_version"])


def reset_password(session: Session, email: str, password: str) -> User:
    """Set a new password, unlock the account and end every session of it; raises NotFound or BadRequest."""
    user = _account(session, email)
    if len(password) < 12:
        raise BadRequest([_password_issue()])
    with transaction(session):
        user.password_hash = generate_password_hash(password)
        user.failed_logins = 0
        user.locked_until = None
        session.add(user)
        session.flush()
        _end_sessions(session, user)
    return user


def set_disabled(session: Session, email: str, disabled: bool) -> User:
    """Disable an account (it cannot sign in and every session of it ends) or enable it again; raises NotFound."""
    user = _account(session, email)
    with transaction(session):
        user.active = not disabled
        session.add(user)
        session.flush()
        if disabled:
            _end_sessions(session, user)
    log.info("user %s %s", user.id, "disabled" if disabled else "enabled")
    return user


def end_sessions(session: Session, user_id: int) -> None:
    """Sign out everywhere: every copy of every session of this user ends."""
    user = session.get(User, user_id)
    if user is not None:
        with transaction(session):
            _end_sessions(session, user)


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password, made like real ones: checking it costs what checking a real one costs."""
    return generate_password_hash(secrets.token_urlsafe(24))


def login(session: Session, email: str, password: str) -> User:
    """The user for these credentials; counts failures and locks the account after MAX_FAILED_LOGINS.

    Every attempt runs exactly one password hash check, against a dummy hash for an unknown or
    disabled account, so an unknown, disabled or locked account answers in the time of a wrong password.
    """
    now = datetime.now(UTC)
    user = session.execute(select(User).where(User.email == (email or "").strip().lower())).scalar_one_or_none()
    known = user is not None and user.active
    correct = check_password_hash(user.password_hash if known else _dummy_hash(), password or "")
    if not known:
        raise LoginFailed()
    locked_until = user.locked_until
    if locked_until is not None and locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=UTC)
    if locked_until and locked_until > now:
        raise LoginFailed()
    with transaction(session):  # a failure is counted, so it is written before LoginFailed is raised
        if correct:
            user.failed_logins = 0
            user.locked_until = None
        else:
            user.failed_logins += 1
            if user.failed_logins >= MAX_FAILED_LOGINS:
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                user.failed_logins = 0
                log.warning("user %s locked after %s failed logins", user.id, MAX_FAILED_LOGINS)
        session.add(user)
    if not correct:
        raise LoginFailed()
    return user


def session_claims(user: User, now: float | None = None) -> dict:
    """What a new session cookie holds: who, the account's session version and when they signed in."""
    return {
        "user_id": user.id,
        "session_version": user.session_version,
        "signed_in_at": int(time.time() if now is None else now),
    }


def signed_in_user(
    session: Session, ctx: CatalogueContext, claims: dict, lifetime_seconds: float, now: float | None = None
) -> dict | None:
    """The user of a session (see user_view), or None when it ended: signed out elsewhere, password reset,
    account disabled, or signed in more than lifetime_seconds ago (an absolute limit, not renewed by use)."""
    user_id, version, signed_in_at = (claims.get(k) for k in ("user_id", "session_version", "signed_in_at"))
    if not isinstance(user_id, int) or not isinstance(version, int) or not isinstance(signed_in_at, int):
        return None
    age = (time.time() if now is None else now) - signed_in_at
    if not 0 <= age < lifetime_seconds:
        return None
    user = session.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user_view(session, ctx, user_id)


def user_view(session: Session, ctx: CatalogueContext, user_id: int) -> dict | None:
    """What the editor pages need to know of the signed-in user, or None."""
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    codes = (
        session.execute(select(UserMunicipality.municipality).where(UserMunicipality.user_id == user.id))
        .scalars()
        .all()
    )
    geography = ctx.codelists.geography
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "municipalities": [{"nisCode": c, "name": geography.scope_label(c)} for c in sorted(codes)],
    }


def manages(user: dict, municipality: str) -> bool:
    """An administrator manages every municipality; an editor the ones assigned to them."""
    return user["role"] == "admin" or municipality in {m["nisCode"] for m in user["municipalities"]}


def may_edit(user: dict, doc: dict) -> bool:
    """Whether a published right belongs to the user (see confinement.owns; what they may publish is
    confinement.check)."""
    return confinement.owns(user, doc)
