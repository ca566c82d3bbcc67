"""Recent changes of the catalogue (/recent) and their Atom 1.0 feed (/recent.atom), optionally for one municipality."""

from __future__ import annotations

import datetime as dt

from flask import Response, current_app, render_template, request, url_for

from rechtenverkenner.db import get_session
from rechtenverkenner.services import changes, municipalities
from rechtenverkenner.web import bp
from rechtenverkenner.web import leefloon as leefloon_page
from rechtenverkenner.web.views import _ctx, _grouped_municipalities

ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _changes():
    """The chosen municipality (from the URL only) and the recent changes in its scope."""
    code = request.args.get("gemeente", "").strip()
    municipality = municipalities.resolve_municipality(_ctx(), code, "gemeente") if code else None
    scheme = current_app.extensions.get("leefloon")
    items = changes.recent_changes(
        get_session(),
        _ctx().codelists.rights_data.parameters,
        scheme.scheme.parameters if scheme is not None else {},
        leefloon_page.today(),
        list(municipality.scopes) if municipality else None,
    )
    return municipality, items


def _link(change: changes.Change, external: bool = False) -> str | None:
    if change.right_id and change.kind != "removed":
        return url_for("web.right", right_id=change.right_id, _external=external)
    if change.link == "leefloon":
        return url_for("web.leefloon_parameters", _external=external)
    if change.link:  # a new amount: the page of the right that shows it
        return url_for("web.right", right_id=change.link, _external=external)
    return None


@bp.get("/recent")
def recent():
    municipality, items = _changes()
    feed_args = {"gemeente": municipality.code} if municipality else {}
    return render_template(
        "web/recent.html",
        items=items,
        municipality=municipality,
        groups=_grouped_municipalities(),
        link=_link,
        feed_url=url_for("web.recent_feed", **feed_args),
        window=changes.WINDOW_DAYS,
        ahead=changes.AHEAD_DAYS,
        label=_ctx().codelists.geography.scope_label,
    )


@bp.get("/recent.atom")
def recent_feed():
    municipality, items = _changes()
    args = {"gemeente": municipality.code} if municipality else {}
    updated = max((c.when for c in items), default=dt.datetime.combine(leefloon_page.today(), dt.time(), tzinfo=dt.UTC))
    body = render_template(
        "web/recent_atom.xml",
        items=items,
        municipality=municipality,
        updated=updated,
        link=_link,
        self_url=url_for("web.recent_feed", _external=True, **args),
        page_url=url_for("web.recent", _external=True, **args),
        feed_id=url_for("web.recent_feed", _external=True, **args),
        label=_ctx().codelists.geography.scope_label,
    )
    return Response(body, mimetype="application/atom+xml", headers={"Content-Type": ATOM_TYPE})
