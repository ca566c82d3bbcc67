"""The /rechtencheck pages: the rights check for social workers, chapter by chapter without JavaScript (POST only,
earlier answers carried in the form), interim results in three groups, and a printable client overview.

The client's answers are never stored or logged: they live in the posted form only.
"""

from __future__ import annotations

from flask import current_app, render_template, request

from rechtenverkenner.db import get_session
from rechtenverkenner.errors import BadRequest, NotFound
from rechtenverkenner.services import rights, rights_check
from rechtenverkenner.services.advice import advice_choices
from rechtenverkenner.web import bp
from rechtenverkenner.web import rights_check_form as rcf
from rechtenverkenner.web.leefloon import today
from rechtenverkenner.web.views import _grouped_municipalities, _remembered_municipality

MAX_PRINTED = 100
INCOME_CHAPTER = next(i for i, (title, _) in enumerate(rcf.CHAPTERS, 1) if title == "Inkomen")


def income_types(ctx) -> list[tuple[str, str]]:
    """Every income type of the request with its Dutch label: the advice's, then the rights check's own
    (catalog/codelists/income-types.toml), "Ander inkomen" last."""
    choices = advice_choices()["incomeType"]
    return [*choices[:-1], *ctx.codelists.income_types.items(), choices[-1]]


def _service() -> rights_check.RightsCheckService:
    """The app's rights check service (built in create_app)."""
    return current_app.extensions["rights_check"]


def _page(
    chapter: int,
    values: dict,
    answer: dict | None = None,
    problems: list | None = None,
    status: int = 200,
    more_income: str = "",
):
    ctx = current_app.extensions["catalogue"]
    facts = ctx.codelists.rights_data.facts
    asked = {q["fact"] for q in answer["questions"]} if answer else set()
    relations = dict(advice_choices()["relation"])
    shown = rcf.questions(chapter, facts, asked, values) if chapter > 1 else []
    visible = {q["key"] for q in shown}
    if chapter == 1:
        visible |= {"referenceDate", "municipality"}
    earners = rcf.income_people(values, asked) if chapter == INCOME_CHAPTER else []
    if earners:
        visible |= {k for k in values if (parsed := rcf.income_key(k)) and parsed[0] in earners}
    if chapter == 2:
        visible |= {
            k for k in values if k.rsplit(".", 1)[-1] in rcf.MEMBER_FIELDS and k.startswith("householdMembers[")
        }
    status_keys = {q["key"] for q in shown if q["type"] == "list"}
    hidden = [
        (k, v)
        for k, items in values.items()
        if k not in visible and not any(k.startswith(s + ".") for s in status_keys)
        for v in items
    ]
    if "referenceDate" not in values and chapter == 1:
        values = {**values, "referenceDate": [today().isoformat()]}
    if "municipality" not in values and chapter == 1:
        remembered = _remembered_municipality()
        if remembered:
            values = {**values, "municipality": [remembered.code]}
    problems = problems or []
    errors: dict[str, list[str]] = {}
    for p in problems:
        errors.setdefault(p.anchor, []).append(p.message)
    members = rcf.member_count(values)
    return render_template(
        "web/rights_check.html",
        chapter=chapter,
        chapters=rcf.CHAPTERS,
        last=rcf.LAST,
        values=values,
        questions=shown,
        hidden=hidden,
        answer=answer,
        groups=rcf.groups(answer) if answer else None,
        problems=problems,
        field_errors=errors,
        field_id=rcf.field_id,
        groups_municipalities=_grouped_municipalities() if chapter == 1 else [],
        relations=relations,
        member_rows=min(rcf.MAX_MEMBERS, members + 2),
        member_label=lambda i: rcf.member_label(i, values, relations),
        statuses=ctx.codelists.statuses.labels,
        earners=[(p, rcf.income_rows(values, p, int(p == more_income))) for p in earners],
        income_types=income_types(ctx),
        income_periods=rcf.INCOME_PERIODS,
        income_bases=rcf.INCOME_BASES,
        no_income=rcf.NO_INCOME,
    ), status


@bp.get("/rechtencheck")
def rights_check_form():
    return _page(1, {})


@bp.post("/rechtencheck")
def rights_check_next():
    # POST: the client's data never ends up in a URL or an access log, and nothing is stored
    ctx = current_app.extensions["catalogue"]
    values = rcf.normalise(request.form)
    try:
        chapter = min(max(int(request.form.get("hoofdstuk", "1")), 1), rcf.LAST)
    except ValueError:
        chapter = 1
    body, problems = rcf.read_form(values, ctx.codelists.rights_data.facts, ctx.codelists.statuses)
    if problems:
        return _page(chapter, values, None, problems, 400)
    try:
        situation = rights_check.parse_rights_check_request(body, ctx)
    except BadRequest as exc:
        return _page(chapter, values, None, rcf.service_problems(exc.issues, values), 400)
    answer = _service().check(get_session(), situation)
    action = request.form.get("actie", "")
    more = action.removeprefix("inkomen:") if action.startswith("inkomen:") else ""  # one more row for a person
    step = 0 if more else -1 if action == "vorige" else 1
    return _page(min(max(chapter + step, 1), rcf.LAST), values, answer, more_income=more)


@bp.post("/rechtencheck/overzicht")
def rights_check_print():
    """The client overview of the ticked rights: where to go, what to bring, contact points. Nothing is stored."""
    ctx = current_app.extensions["catalogue"]
    chosen = []
    for right_id in dict.fromkeys(request.form.getlist("recht")[:MAX_PRINTED]):
        try:
            chosen.append(rights.get_right(get_session(), ctx, right_id))
        except NotFound:
            continue
    status = 200 if chosen else 400
    return render_template("web/rights_check_print.html", rights=chosen, today=today(), print_view=True), status
