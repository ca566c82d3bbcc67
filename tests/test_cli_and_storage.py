"""Loading the catalogue: CLI, idempotence, all-or-nothing, migrations and the PostgreSQL path."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select
from sqlmodel import Session, SQLModel

from rechtenverkenner import db, models
from rechtenverkenner.models import CatalogState, Right
from tests.conftest import dispose, make_app


def count_rights(app) -> int:
    with Session(app.extensions["db_engine"]) as session:
        return session.execute(select(func.count()).select_from(Right)).scalar_one()


def state(app) -> CatalogState:
    with Session(app.extensions["db_engine"]) as session:
        return session.get(CatalogState, 1)


def test_the_service_loads_the_bundled_catalogue_on_first_start(small_app):
    assert count_rights(small_app) == 4
    assert state(small_app).version == 1


def test_catalog_check_reports_valid_files(small_app):
    result = small_app.test_cli_runner().invoke(args=["catalog", "check"])
    assert result.exit_code == 0 and "4 documents valid" in result.output


def test_catalog_load_is_idempotent(small_app):
    runner = small_app.test_cli_runner()
    result = runner.invoke(args=["catalog", "load"])
    assert result.exit_code == 0 and "unchanged" in result.output
    assert state(small_app).version == 1


def test_a_changed_file_is_loaded_and_bumps_the_version(small_app, fixture_catalog):
    path = fixture_catalog / "rights" / "huurpremie.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Vlaamse huurpremie", "Huurpremie"), encoding="utf-8")
    result = small_app.test_cli_runner().invoke(args=["catalog", "load"])
    assert result.exit_code == 0 and "loaded" in result.output
    assert state(small_app).version == 2
    hits = small_app.test_client().get("/api/v1/rights?q=huurpremie").get_json()["items"]
    assert hits[0]["title"] == "Huurpremie"


def test_new_synonyms_re_index_on_the_next_load(tmp_path, small_app, fixture_catalog):
    assert small_app.test_client().get("/api/v1/rights?q=wachtrijpremie").get_json()["items"] == []
    path = fixture_catalog / "synonyms.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("groups = [", 'groups = [\n  ["huurpremie", "wachtrijpremie"],'),
        encoding="utf-8",
    )
    restarted = make_app(f"sqlite:///{tmp_path / 'small.db'}", fixture_catalog)  # the same database
    hits = restarted.test_client().get("/api/v1/rights?q=wachtrijpremie").get_json()["items"]
    assert [h["title"] for h in hits] == ["Vlaamse huurpremie"]
    assert state(restarted).version == 2


def test_a_load_with_one_bad_file_changes_nothing(small_app, fixture_catalog):
    (fixture_catalog / "rights" / "kapot.toml").write_text(
        'schema = 1\nid = "kapot"\nkind = "concept"\n', encoding="utf-8"
    )
    path = fixture_catalog / "rights" / "leefloon.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('title = "Leefloon"', 'title = "Gewijzigd"'), encoding="utf-8"
    )
    result = small_app.test_cli_runner().invoke(args=["catalog", "load"])
    assert result.exit_code == 1
    assert "kapot.toml" in result.output and "Nothing was changed" in result.output
    assert small_app.test_client().get("/api/v1/rights/leefloon").get_json()["title"] == "Leefloon"
    assert state(small_app).version == 1


def test_a_database_error_during_load_rolls_everything_back(small_app, fixture_catalog, monkeypatch):
    from rechtenverkenner.catalog import publish

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    path = fixture_catalog / "rights" / "leefloon.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('title = "Leefloon"', 'title = "Gewijzigd"'), encoding="utf-8"
    )
    monkeypatch.setattr(publish, "analyze", broken)  # fails after every row was inserted
    result = small_app.test_cli_runner().invoke(args=["catalog", "load"])
    assert result.exit_code != 0
    assert count_rights(small_app) == 4
    assert small_app.test_client().get("/api/v1/rights/leefloon").get_json()["title"] == "Leefloon"


def test_the_migrations_match_the_models(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
    assert models.Right.__tablename__ in inspect(engine).get_table_names()


def test_upgrading_again_keeps_the_data(small_app):
    engine = small_app.extensions["db_engine"]
    db.upgrade(engine)
    assert count_rights(small_app) == 4
    result = small_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0
    assert count_rights(small_app) == 4


def test_a_second_app_on_the_same_database_does_not_load_again(tmp_path, fixture_catalog):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first = make_app(url, fixture_catalog)
    second = make_app(url, fixture_catalog)
    assert state(second).version == 1 and count_rights(first) == 4


def test_scope_keeps_flemish_rights_out_of_brussels_and_local_rights_at_home(small_app):
    client = small_app.test_client()
    brussels = {i["id"] for i in client.get("/api/v1/rights?municipality=21004").get_json()["items"]}
    assert brussels == {"leefloon"}
    gent = {i["id"] for i in client.get("/api/v1/rights?municipality=44021").get_json()["items"]}
    assert gent == {"leefloon-gent", "huurpremie"}
    brugge = {i["id"] for i in client.get("/api/v1/rights?municipality=31005").get_json()["items"]}
    assert brugge == {"leefloon", "huurpremie", "brugs-extra"}


def test_a_title_match_ranks_above_a_passing_mention(small_app):
    items = small_app.test_client().get("/api/v1/rights?q=leefloon&municipality=31005").get_json()["items"]
    assert [i["id"] for i in items] == ["leefloon", "brugs-extra"]


@pytest.mark.postgres
def test_the_postgres_path_migrates_loads_and_searches(postgres_url, fixture_catalog):
    app = make_app(postgres_url, fixture_catalog)
    try:
        assert count_rights(app) == 4
        again = make_app(postgres_url, fixture_catalog)
        assert state(again).version == 1
        dispose(again)
        client = app.test_client()
        items = client.get("/api/v1/rights?q=leeflon&municipality=31005").get_json()["items"]
        assert [i["id"] for i in items] == ["leefloon", "brugs-extra"]
        assert client.get("/api/v1/rights/leefloon-gent").get_json()["contactPoints"][0]["phone"] == "09 000 00 00"
        with app.extensions["db_engine"].connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    finally:
        dispose(app)


@pytest.mark.postgres
def test_the_full_catalogue_gives_the_same_listing_on_postgres_and_sqlite(postgres_url, app):
    pg_app = make_app(postgres_url)
    try:
        for params in [
            "municipality=44021&pageSize=100",
            "municipality=21004&pageSize=100&level=federal",
            "pageSize=100&lifeSituation=schulden",
            "q=premie&pageSize=100",
        ]:
            on_pg = pg_app.test_client().get(f"/api/v1/rights?{params}").get_json()
            on_sqlite = app.test_client().get(f"/api/v1/rights?{params}").get_json()
            assert [i["id"] for i in on_pg["items"]] == [i["id"] for i in on_sqlite["items"]], params
            assert on_pg["facets"] == on_sqlite["facets"], params
            assert on_pg["total"] == on_sqlite["total"]
    finally:
        dispose(pg_app)
