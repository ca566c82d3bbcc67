"""The editor blueprint's error pages: one handler per problem a service raises, with the Dutch message
of the page that raised it, so the views hold no try/except of their own."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from rechtenverkenner.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    LoginFailed,
    NotFound,
    Refused,
    TooLarge,
    TooMany,
)

# problem -> (status, message of any editor page, {endpoint: the message of that page})
PAGES: dict[type[Exception], tuple[int, str, dict[str, str]]] = {
    NotFound: (
        404,
        "Deze pagina of dit recht bestaat niet.",
        {
            "editor.close_report": "Deze melding bestaat niet of hoort niet bij jouw rechten.",
            "editor.coverage": "Onbekende gemeente.",
            "editor.publish_many": "Deze upload bestaat niet of is al gepubliceerd.",
            "editor.publish": "Deze upload bestaat niet of is al gepubliceerd.",
            "editor.rollback": "Deze versie bestaat niet.",
            "editor.template": "Dit concept bestaat niet.",
            "editor.workbook_template_for": "Dit concept bestaat niet.",
            "editor.remove": "Dit recht bestaat niet.",
        },
    ),
    Forbidden: (
        403,
        "Je mag dit recht niet wijzigen.",
        {
            "editor.coverage": "Je beheert deze gemeente niet.",
            "editor.upload_post": "Je mag dit recht niet wijzigen: het hoort niet bij een gemeente die je beheert.",
            "editor.publish_many": "Je mag deze rechten niet wijzigen.",
            "editor.remove": "Je mag dit recht niet verwijderen.",
        },
    ),
    Conflict: (
        409,
        "Iemand anders heeft dit recht intussen gewijzigd. Bekijk de geschiedenis opnieuw.",
        {
            "editor.publish_many": "Iemand anders heeft een van deze rechten intussen gepubliceerd. Laad het bestand "
            "opnieuw op; er ging niets verloren.",
            "editor.publish": "Iemand anders heeft dit recht intussen gepubliceerd. Laad het bestand opnieuw op om de "
            "wijzigingen ten opzichte van de nieuwste versie te zien; er ging niets verloren.",
        },
    ),
    TooMany: (429, "Te veel uploads op korte tijd. Probeer het over tien minuten opnieuw.", {}),
}


def error_page(status: int, message: str) -> tuple[str, int]:
    return render_template("error.html", status=status, message=message), status


def _page(exc: Exception) -> tuple[str, int]:
    for kind, (status, default, by_endpoint) in PAGES.items():
        if isinstance(exc, kind):
            return error_page(status, by_endpoint.get(request.endpoint or "", default))
    raise exc  # not reached: only the kinds of PAGES are registered


def _bad_request(exc: BadRequest) -> tuple[str, int]:
    """An upload with problems: the upload page again, listing every problem (413 for a file that is too large)."""
    return render_template("editor/upload.html", problems=exc.issues), 413 if isinstance(exc, TooLarge) else 400


def _refused(exc: Refused) -> tuple[str, int]:
    """A publication refused field by field: the upload page listing them, or the error page with them."""
    if request.endpoint == "editor.upload_post":
        return render_template("editor/upload.html", problems=exc.issues), exc.status
    if exc.status == 409:
        message = "Dit kan niet: de catalogus zou er onvolledig door worden."
    else:
        _status, default, by_endpoint = PAGES[Forbidden]
        message = by_endpoint.get(request.endpoint or "", default)
    return render_template("error.html", status=exc.status, message=message, problems=exc.issues), exc.status


def _login_failed(_exc: LoginFailed) -> tuple[str, int]:
    return render_template(
        "editor/login.html",
        error="Onbekend e-mailadres of verkeerd wachtwoord, of het account is "
        "tijdelijk geblokkeerd na te veel mislukte pogingen.",
        email=request.form.get("email", ""),
    ), 401


def init_blueprint(bp: Blueprint) -> None:
    """Register the handlers on the editor blueprint (they answer for its views only)."""
    for kind in PAGES:
        bp.register_error_handler(kind, _page)
    bp.register_error_handler(Refused, _refused)
    bp.register_error_handler(BadRequest, _bad_request)
    bp.register_error_handler(LoginFailed, _login_failed)
