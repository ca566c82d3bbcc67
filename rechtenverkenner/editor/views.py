"""Editor views: sign in and out, the overview, uploads with their preview, publishing, history, templates.

The problems services raise (NotFound, Forbidden, Conflict, TooMany, BadRequest, LoginFailed) are
answered by the blueprint's handlers in editor/errors.py.
"""

import functools
import re
from collections.abc import Callable

from flask import current_app, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from rechtenverkenner.db import get_session
from rechtenverkenner.editor import bp
from rechtenverkenner.errors import BadRequest, Forbidden, Issue, NotFound
from rechtenverkenner.services import (
    accounts,
    publishing,
    reports,
    rights,
    templates,
    uploads,
    workbook_uploads,
)
from rechtenverkenner.services import history as version_history
from rechtenverkenner.services.catalogue import CatalogueContext
from rechtenverkenner.services.municipalities import is_municipality


def _ctx() -> CatalogueContext:
    return current_app.extensions["catalogue"]


SESSION_KEYS = ("user_id", "session_version", "signed_in_at")


@bp.before_app_request
def _load_user() -> None:
    """The signed-in user, or None; a session that ended (signed out elsewhere, password reset, account
    disabled, older than the absolute lifetime) is forgotten (its CSRF token stays for the login form)."""
    g.user = None
    if "user_id" not in session:
        return
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    g.user = accounts.signed_in_user(get_session(), _ctx(), dict(session), lifetime)
    if g.user is None:
        for key in SESSION_KEYS:
            session.pop(key, None)


def login_required(view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("editor.login", volgende=request.path))
        return view(**kwargs)

    return wrapped


def _numbers(values: list[str]) -> list[int]:
    """Ids from a form; a value that is not a number, or one beyond what the database stores, names nothing
    that exists."""
    try:
        numbers = [int(v) for v in values]
    except ValueError as exc:
        raise NotFound(", ".join(values)) from exc
    if any(not -(2**31) <= n < 2**31 for n in numbers):
        raise NotFound(", ".join(v[:20] for v in values))
    return numbers


def _page_number(name: str) -> int:
    """A page number from the query string; anything that is not a number is the first page."""
    value = request.args.get(name, "1")
    return min(int(value), 100_000) if value.isdigit() else 1


def _attachment(name: str) -> str:
    """A Content-Disposition for a download; the name comes from the URL, so only safe characters stay."""
    return f'attachment; filename="{re.sub(r"[^A-Za-z0-9._-]", "", name)}"'


def _my_first_municipality() -> str:
    return request.args.get("gemeente") or (g.user["municipalities"][0]["nisCode"] if g.user["municipalities"] else "")


@bp.get("/login")
def login():
    return render_template("editor/login.html", error=None, email="")


@bp.post("/login")
def login_post() -> Response:
    user = accounts.login(get_session(), request.form.get("email", ""), request.form.get("password", ""))
    session.clear()  # a new session (and CSRF token) at every sign-in
    session.update(accounts.session_claims(user))
    session.permanent = True
    target = request.args.get("volgende", "")
    return redirect(target if target.startswith("/beheer") else url_for("editor.overview"))


@bp.post("/logout")
def logout() -> Response:
    if g.user is not None:
        accounts.end_sessions(get_session(), g.user["id"])  # every copy of this session ends too
    session.clear()
    return redirect(url_for("editor.login"))


@bp.get("/")
@login_required
def overview():
    codes = [m["nisCode"] for m in g.user["municipalities"]]
    local = rights.local_rights(get_session(), _ctx(), codes)
    return render_template(
        "editor/overview.html",
        rights=local,
        reports=reports.open_reports_page(get_session(), _ctx(), g.user, _page_number("meldingen")),
        flags=reports.review_flags(get_session(), _ctx(), g.user),
    )


@bp.post("/melding/<int:report_id>/sluiten")
@login_required
def close_report(report_id: int) -> Response:
    reports.close_report(get_session(), _ctx(), g.user, report_id)
    return redirect(url_for("editor.overview"))


@bp.get("/dekking/<municipality>")
@login_required
def coverage(municipality: str):
    if not accounts.manages(g.user, municipality):
        raise Forbidden(municipality)
    if not is_municipality(_ctx(), municipality):
        raise NotFound(municipality)
    return render_template("editor/coverage.html", coverage=reports.coverage(get_session(), _ctx(), municipality))


@bp.get("/upload")
@login_required
def upload_form():
    return render_template("editor/upload.html", problems=[])


@bp.post("/upload")
@login_required
def upload_post():
    uploads.check_upload_rate(get_session(), g.user)
    file = request.files.get("bestand")
    if file is None or not file.filename:
        raise BadRequest([Issue("form", "bestand", None, "Choose a file.", "Kies een bestand.")])
    try:
        content = file.read(uploads.MAX_UPLOAD_BYTES + 1)  # the client's file name is never used as a path
    finally:
        file.close()
    is_workbook = content[:2] == b"PK" or file.filename.lower().endswith(".xlsx")
    if is_workbook:
        previews = workbook_uploads.preview_workbook(get_session(), _ctx(), g.user, content)
    elif _is_lpdc(file.filename, content):
        return _lpdc_preview(content)
    else:
        preview = uploads.preview_upload(get_session(), _ctx(), g.user, content)
        return render_template("editor/preview.html", preview=preview)
    return render_template("editor/preview_many.html", previews=previews, source="werkboek")


def _is_lpdc(filename: str, content: bytes) -> bool:
    """JSON-LD (any JSON) or Turtle: by the file name, or by how the content starts."""
    if filename.lower().endswith((".json", ".jsonld", ".ttl", ".nt")) or content.lstrip()[:1] in (b"{", b"["):
        return True
    lines = [line.strip() for line in content[:4096].decode("utf-8", "replace").splitlines()]
    first = next((line for line in lines if line and not line.startswith("#")), "")
    return first.lower().startswith(("@prefix", "@base", "prefix ", "base ", "<", "_:"))


def _lpdc_preview(content: bytes):
    """The summary of an LPDC import (as the CLI prints it), its changes stored as drafts to publish."""
    from datetime import UTC, datetime

    from rechtenverkenner.errors import TooLarge
    from rechtenverkenner.services import lpdc

    if len(content) > uploads.MAX_UPLOAD_BYTES:
        raise TooLarge([Issue("file", "$", None, "The file is larger than 1 MB.", "Het bestand is groter dan 1 MB.")])
    try:
        plan = lpdc.plan_import(get_session(), _ctx(), content, g.user, datetime.now(UTC).date())
    except lpdc.Refused as exc:
        return render_template("editor/upload.html", problems=exc.issues, refused=True), 403
    drafts = lpdc.draft_plan(get_session(), plan, g.user)
    return render_template("editor/lpdc_preview.html", summary=plan.summary(), drafts=drafts)


@bp.post("/publiceer")
@login_required
def publish_many() -> Response:
    ids = _numbers(request.form.getlist("upload"))
    publishing.publish_uploads(get_session(), _ctx(), g.user, ids)
    return redirect(url_for("editor.overview"))


@bp.post("/publiceer/<int:upload_id>")
@login_required
def publish(upload_id: int) -> Response:
    result = publishing.publish_upload(get_session(), _ctx(), g.user, upload_id)
    return redirect(url_for("editor.history", right_id=result["rightId"]))


@bp.get("/recht/<right_id>/geschiedenis")
@login_required
def history(right_id: str):
    try:
        current = rights.get_right(get_session(), _ctx(), right_id)
    except NotFound:
        current = None  # a removed right still has its history
    versions = version_history.right_history(get_session(), _ctx(), right_id)
    revision = rights.current_revision(get_session(), right_id)
    return render_template(
        "editor/history.html", right_id=right_id, current=current, versions=versions, revision=revision
    )


@bp.post("/recht/<right_id>/terugzetten")
@login_required
def rollback(right_id: str) -> Response:
    revision, base_revision = _numbers([request.form.get("revision", "0"), request.form.get("base_revision", "-1")])
    publishing.rollback(get_session(), _ctx(), g.user, right_id, revision, base_revision)
    return redirect(url_for("editor.history", right_id=right_id))


@bp.get("/sjabloon.toml")
@login_required
def blank_template():
    return (
        templates.blank_template(),
        200,
        {
            "Content-Type": "application/toml; charset=utf-8",
            "Content-Disposition": 'attachment; filename="nieuw-recht.toml"',
        },
    )


@bp.get("/sjabloon/<concept_id>.toml")
@login_required
def template(concept_id: str):
    code = _my_first_municipality()
    text = templates.instance_template(get_session(), _ctx(), concept_id, code)
    return (
        text,
        200,
        {
            "Content-Type": "application/toml; charset=utf-8",
            "Content-Disposition": _attachment(f"{concept_id}-{code}.toml"),
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/sjabloon.xlsx")
@login_required
def workbook_template():
    data = templates.workbook_template(get_session(), _ctx(), None, "")
    return data, 200, {"Content-Type": XLSX, "Content-Disposition": 'attachment; filename="rechten.xlsx"'}


@bp.get("/sjabloon/<concept_id>.xlsx")
@login_required
def workbook_template_for(concept_id: str):
    code = _my_first_municipality()
    data = templates.workbook_template(get_session(), _ctx(), concept_id, code)
    return data, 200, {"Content-Type": XLSX, "Content-Disposition": _attachment(f"{concept_id}-{code}.xlsx")}


@bp.post("/recht/<right_id>/verwijderen")
@login_required
def remove(right_id: str):
    previews = uploads.preview_removal(get_session(), _ctx(), g.user, right_id)
    return render_template("editor/preview_many.html", previews=previews, source="verwijderen")
