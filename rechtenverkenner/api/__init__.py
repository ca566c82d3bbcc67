"""The "api" blueprint: JSON under /api/v1 in the Belgif REST style."""

from flask import Blueprint

bp = Blueprint("api", __name__, template_folder="templates")

from rechtenverkenner.api import rights_check_views, views  # noqa: E402,F401  (registers the routes on bp)
