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
    return render_template("editor/overview.html", rights=rights,
                           reports=services.open_reports(get_session(), _ctx(), g.user),
                           flags=services.review_flags(get_session(), _ctx(), g.user))


@bp.post("/melding/<int:report_id>/sluiten")
@login_required
def close_report(report_id: int):
    try:
        services.close_report(get_session(), _ctx(), g.user, report_id)
    except services.NotFound:
        return _error_page(404, "Deze melding bestaat niet of hoort niet bij jouw rechten.")
    return redirect(url_for("editor.overview"))


@bp.get("/dekking/<municipality>")
@login_required
def coverage(municipality: str):
    if g.user["role"] != "admin" and municipality not in {m["nisCode"] for m in g.user["municipalities"]}:
        return _error_page(403, "Je beheert deze gemeente niet.")
    if municipality not in _ctx().codelists.geography.municipalities:
        return _error_page(404, "Onbekende gemeente.")
    return render_template("editor/coverage.html", coverage=services.coverage(get_session(), _ctx(), municipality))


def _error_page(status: int, message: str):
    return render_template("error.html", status=status, message=message), status


@bp.get("/upload")
@login_required
def upload_form():
    return render_template("editor/upload.html", problems=[])


@bp.post("/upload")
@login_required
def upload_post():
    try:
        services.check_upload_rate(get_session(), g.user)
    except services.TooMany:
        return _error_page(429, "Te veel uploads op korte tijd. Probeer het over tien minuten opnieuw.")
    file = request.files.get("bestand")
    if file is None or not file.filename:
        return render_template("editor/upload.html", problems=[{"name": "bestand", "detailNl": "Kies een bestand."}]), 400
    try:
        content = file.read(services.MAX_UPLOAD_BYTES + 1)  # the client's file name is never used as a path
    finally:
        file.close()
    is_json = content.lstrip()[:1] in (b"{", b"[")
    is_workbook = content[:2] == b"PK" or file.filename.lower().endswith(".xlsx")
    try:
        if is_workbook:
            previews = services.preview_workbook(get_session(), _ctx(), g.user, content)
        elif is_json:
            previews = services.preview_lpdc(get_session(), _ctx(), g.user, content)
        else:
            preview = services.preview_upload(get_session(), _ctx(), g.user, content)
    except services.BadRequest as exc:
        return render_template("editor/upload.html", problems=exc.issues), 413 if len(content) > services.MAX_UPLOAD_BYTES else 400
    except services.Forbidden:
        return _error_page(403, "Je mag dit recht niet wijzigen: het hoort niet bij een gemeente die je beheert.")
    if is_json or is_workbook:
        return render_template("editor/preview_many.html", previews=previews, source="werkboek" if is_workbook else "LPDC")
    return render_template("editor/preview.html", preview=preview)


@bp.post("/publiceer")
@login_required
def publish_many():
    try:
        ids = [int(i) for i in request.form.getlist("upload")]
        services.publish_uploads(get_session(), _ctx(), g.user, ids)
    except (services.NotFound, ValueError):
        return _error_page(404, "Deze upload bestaat niet of is al gepubliceerd.")
    except services.Forbidden:
        return _error_page(403, "Je mag deze rechten niet wijzigen.")
    except services.Conflict:
        return _error_page(409, "Iemand anders heeft een van deze rechten intussen gepubliceerd. Laad het bestand opnieuw op; er ging niets verloren.")
    return redirect(url_for("editor.overview"))


@bp.post("/publiceer/<int:upload_id>")
@login_required
def publish(upload_id: int):
    try:
        result = services.publish_upload(get_session(), _ctx(), g.user, upload_id)
    except services.NotFound:
        return _error_page(404, "Deze upload bestaat niet of is al gepubliceerd.")
    except services.Forbidden:
        return _error_page(403, "Je mag dit recht niet wijzigen.")
    except services.Conflict:
        return _error_page(409, "Iemand anders heeft dit recht intussen gepubliceerd. Laad het bestand opnieuw op om de "
                                "wijzigingen ten opzichte van de nieuwste versie te zien; er ging niets verloren.")
    return redirect(url_for("editor.history", right_id=result["rightId"]))


@bp.get("/recht/<right_id>/geschiedenis")
@login_required
def history(right_id: str):
    try:
        current = services.get_right(get_session(), _ctx(), right_id)
    except services.NotFound:
        current = None
    versions = services.right_history(get_session(), right_id)
    revision = services.current_revision(get_session(), right_id)
    return render_template("editor/history.html", right_id=right_id, current=current, versions=versions, revision=revision)


@bp.post("/recht/<right_id>/terugzetten")
@login_required
def rollback(right_id: str):
    try:
        services.rollback(get_session(), _ctx(), g.user, right_id, int(request.form.get("revision", "0")),
                          int(request.form.get("base_revision", "-1")))
    except (services.NotFound, ValueError):
        return _error_page(404, "Deze versie bestaat niet.")
    except services.Forbidden:
        return _error_page(403, "Je mag dit recht niet wijzigen.")
    except services.Conflict:
        return _error_page(409, "Iemand anders heeft dit recht intussen gewijzigd. Bekijk de geschiedenis opnieuw.")
    return redirect(url_for("editor.history", right_id=right_id))


@bp.get("/sjabloon.toml")
@login_required
def blank_template():
    return services.blank_template(), 200, {"Content-Type": "application/toml; charset=utf-8",
                                            "Content-Disposition": 'attachment; filename="nieuw-recht.toml"'}


@bp.get("/sjabloon/<concept_id>.toml")
@login_required
def template(concept_id: str):
    code = request.args.get("gemeente") or (g.user["municipalities"][0]["nisCode"] if g.user["municipalities"] else "")
    try:
        text = services.instance_template(get_session(), _ctx(), concept_id, code)
    except services.NotFound:
        return _error_page(404, "Dit concept bestaat niet.")
    return text, 200, {"Content-Type": "application/toml; charset=utf-8",
                       "Content-Disposition": f'attachment; filename="{concept_id}-{code}.toml"'}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/sjabloon.xlsx")
@login_required
def workbook_template():
    data = services.workbook_template(get_session(), _ctx(), None, "")
    return data, 200, {"Content-Type": XLSX, "Content-Disposition": 'attachment; filename="rechten.xlsx"'}


@bp.get("/sjabloon/<concept_id>.xlsx")
@login_required
def workbook_template_for(concept_id: str):
    code = request.args.get("gemeente") or (g.user["municipalities"][0]["nisCode"] if g.user["municipalities"] else "")
    try:
        data = services.workbook_template(get_session(), _ctx(), concept_id, code)
    except services.NotFound:
        return _error_page(404, "Dit concept bestaat niet.")
    return data, 200, {"Content-Type": XLSX, "Content-Disposition": f'attachment; filename="{concept_id}-{code}.xlsx"'}


@bp.post("/recht/<right_id>/verwijderen")
@login_required
def remove(right_id: str):
    try:
        previews = services.preview_removal(get_session(), _ctx(), g.user, right_id)
    except services.NotFound:
        return _error_page(404, "Dit recht bestaat niet.")
    except services.Forbidden:
        return _error_page(403, "Je mag dit recht niet verwijderen.")
    return render_template("editor/preview_many.html", previews=previews, source="verwijderen")
