"""The "editor" blueprint: catalogue editors sign in and manage their municipalities' local rights."""

from flask import Blueprint

bp = Blueprint("editor", __name__, template_folder="templates")

from rechtenverkenner.editor import errors, views  # noqa: E402,F401  (registers the routes on bp)

errors.init_blueprint(bp)


@bp.app_template_filter("shown")
def _shown(display: dict):
    from rechtenverkenner.services.display import as_html

    return as_html(display)
