"""Editor accounts: create, reset a password, sign in with a lock after repeated failures, who may edit what."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
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


def reset_password(session: Session, email: str, password: str) -> User:
    """Set a new password and unlock the account; raises NotFound or BadRequest."""
    user = session.execute(select(User).where(User.email == email.lower())).scalar_one_or_none()
    if user is None:
        raise NotFound(email)
    if len(password) < 12:
        raise BadRequest([_password_issue()])
    with transaction(session):
        user.password_hash = generate_password_hash(password)
        user.failed_logins = 0
        user.locked_until = None
        session.add(user)
    return user


def login(session: Session, email: str, password: str) -> User:
    """The user for these credentials; counts failures and locks the account after MAX_FAILED_LOGINS."""
    now = datetime.now(UTC)
    user = session.execute(select(User).where(User.email == (email or "").strip().lower())).scalar_one_or_none()
    if user is None or not user.active:
        check_password_hash("scrypt:32768:8:1$x$" + "0" * 128, password or "")  # same time as a real check
        raise LoginFailed()
    locked_until = user.locked_until
    if locked_until is not None and locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=UTC)
    if locked_until and locked_until > now:
        raise LoginFailed()
    correct = check_password_hash(user.password_hash, password or "")
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
