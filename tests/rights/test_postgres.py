"""The rights check gives the same answers on SQLite and PostgreSQL for every case of rules/rights/cases."""

import datetime as dt
import json

import pytest

from rechtenverkenner import db
from rechtenverkenner.services import apikeys
from tests.conftest import dispose, make_app
from tests.rights.test_cases import CASES

pytestmark = pytest.mark.postgres


def _answers(app) -> list[dict]:
    """The rights check of every case (and the leefloon advice of each, without its random id) on one app."""
    with app.app_context(), db.new_session() as session:
        key = apikeys.create_api_key(session, "postgres")[1]
    client, out = app.test_client(), []
    headers = {"Authorization": f"Bearer {key}"}
    for _file, case in CASES:
        body = json.dumps(case["request"], default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o))
        check = client.post("/api/v1/rights-check", data=body, content_type="application/json", headers=headers)
        advice = client.post("/api/v1/leefloon/advice", data=body, content_type="application/json", headers=headers)
        assert check.status_code == 200, check.get_json()
        answer = advice.get_json()
        answer.pop("adviceId", None)
        out.append({"check": check.get_json(), "advice": (advice.status_code, answer)})
    return out


def test_every_rights_case_gets_the_same_answer_on_sqlite_and_postgres(postgres_url, tmp_path):
    sqlite_app = make_app(f"sqlite:///{tmp_path / 'rc.db'}")
    pg_app = make_app(postgres_url)
    try:
        on_sqlite, on_pg = _answers(sqlite_app), _answers(pg_app)
        assert len(on_sqlite) == len(CASES) >= 30
        for (file, case), lite, pg in zip(CASES, on_sqlite, on_pg, strict=True):
            assert lite == pg, f"{file}: {case['name']}"
    finally:
        dispose(pg_app)
        dispose(sqlite_app)
