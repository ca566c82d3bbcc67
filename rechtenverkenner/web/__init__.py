"""The "web" blueprint: server-rendered Dutch pages for social workers."""

from flask import Blueprint

bp = Blueprint("web", __name__, template_folder="templates")

from rechtenverkenner.web import leefloon, recent, rights_check_page, views  # noqa: E402,F401  (register the routes on bp)
