"""Editor views: sign in, sign out, the editor's overview."""

import functools

from flask import current_app, g, redirect, render_template, request, session, url_for

from rechtenverkenner import services
from rechtenverkenner.db import get_session
from rechtenverkenner.editor import bp


def _ctx():
    return current_app.extensions["catalogue"]


@bp.before_app_request
def _load_user():
    user_id = session.get("user_id")
    g.user = services.user_view(get_session(), _ctx(), user_id) if user_id else None


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("editor.login", volgende=request.path))
        return view(**kwargs)
    return wrapped


@bp.get("/login")
def login():
    return render_template("editor/login.html", error=None, email="")


@bp.post("/login")
def login_post():
    email = request.form.get("email", "")
    try:
        user = services.login(get_session(), email, request.form.get("password", ""))
    except services.LoginFailed:
        return render_template("editor/login.html", error="Onbekend e-mailadres of verkeerd wachtwoord, of het account is tijdelijk "
                               "geblokkeerd na te veel mislukte pogingen.", email=email), 401
    session.clear()  # a new session (and CSRF token) at every sign-in
    session["user_id"] = user.id
    session.permanent = True
    target = request.args.get("volgende", "")
    return redirect(target if target.startswith("/beheer") else url_for("editor.overview"))


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("editor.login"))


@bp.get("/")
@login_required
def overview():
    codes = [m["nisCode"] for m in g.user["municipalities"]]
    rights = services.local_rights(get_session(), _ctx(), codes)
    return render_template("editor/overview.html", rights=rights)
