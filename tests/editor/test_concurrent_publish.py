"""Two editors publishing the same right at the same moment, through gunicorn, on SQLite and PostgreSQL:
one publication wins, the other gets the conflict page (409); never a 500, never a silently lost edit."""

import contextlib
import functools
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import make_app
from tests.editor.test_accounts import PASSWORD
from tests.test_serving import run_gunicorn

ROUNDS = 6

GENT = """schema = 1
id = "{right_id}"
kind = "instance"
linked_concept = "leefloon"
municipality = "44021"
title = "{title}"
spatial = ["44021"]
source_url = "https://example.org/gent"
last_reviewed = 2026-01-01
"""


@contextlib.contextmanager
def served(database_url: str, catalog_dir):
    """gunicorn as in production (3 workers × 4 threads) on database_url; yields the base URL."""
    with run_gunicorn(
        RECHTENVERKENNER_DATABASE_URL=database_url,
        RECHTENVERKENNER_SECRET_KEY="concurrency-test",
        RECHTENVERKENNER_SESSION_COOKIE_SECURE="false",
        RECHTENVERKENNER_CATALOG_DIR=str(catalog_dir),
    ) as base:
        yield base


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Editor:
    """One browser: its own cookies, no redirects followed."""

    def __init__(self, base: str, email: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        html = self.get("/beheer/login")[1]
        status, _ = self.post("/beheer/login", {"email": email, "password": PASSWORD, "csrf_token": self.csrf(html)})
        assert status == 302

    @staticmethod
    def csrf(html: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def _send(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:  # a redirect is not followed: its target is part of the answer
            return error.code, f"Location: {error.headers.get('Location', '')}\n{error.read().decode()}"

    def get(self, path: str) -> tuple[int, str]:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(fields).encode()
        return self._send(urllib.request.Request(self.base + path, data=body, method="POST"))

    def preview(self, content: str) -> int:
        """Upload a TOML file; returns the draft's id."""
        token = self.csrf(self.get("/beheer/upload")[1])
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="recht.toml"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n{content}\r\n--{boundary}--\r\n"
        ).encode()
        request = urllib.request.Request(
            self.base + "/beheer/upload",
            data=body,
            method="POST",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        status, html = self._send(request)
        assert status == 200, html
        return int(re.search(r"/beheer/publiceer/(\d+)", html).group(1))

    def publish(self, upload_id: int) -> tuple[int, str]:
        token = self.csrf(self.get("/beheer/upload")[1])
        return self.post(f"/beheer/publiceer/{upload_id}", {"csrf_token": token})


def at_once(*calls):
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def prepare(database_url: str, catalog_dir) -> None:
    """Migrate, load the catalogue and create two Gent editors before gunicorn starts."""
    app = make_app(database_url, catalog_dir)
    for email in ("een@gent.be", "twee@gent.be"):
        args = ["user", "create", email, "--name", email, "--role", "editor", "--municipality", "44021"]
        assert app.test_cli_runner().invoke(args=args, input=f"{PASSWORD}\n{PASSWORD}\n").exit_code == 0
    app.extensions["db_engine"].dispose()


def race(database_url: str, catalog_dir) -> None:
    prepare(database_url, catalog_dir)
    with served(database_url, catalog_dir) as base:
        one, two = Editor(base, "een@gent.be"), Editor(base, "twee@gent.be")
        # a new right, created by both at once, then the same right changed by both at once, several times
        winners = []
        for round_number in range(ROUNDS):
            right_id = "leefloon-gent-nieuw" if round_number == 0 else "leefloon-gent"
            drafts = [
                one.preview(GENT.format(right_id=right_id, title=f"Ronde {round_number} van een")),
                two.preview(GENT.format(right_id=right_id, title=f"Ronde {round_number} van twee")),
            ]
            (status_one, page_one), (status_two, page_two) = at_once(
                functools.partial(one.publish, drafts[0]), functools.partial(two.publish, drafts[1])
            )
            assert sorted([status_one, status_two]) == [302, 409], (status_one, status_two, page_one, page_two)
            conflict = page_two if status_two == 409 else page_one
            assert "Iemand anders heeft dit recht intussen gepubliceerd" in conflict
            winner = "een" if status_one == 302 else "twee"
            winners.append(winner)
            published = urllib.request.urlopen(f"{base}/api/v1/rights/{right_id}", timeout=10).read().decode()
            assert f"Ronde {round_number} van {winner}" in published, "the winner's edit is what is published"
    engine = create_engine(database_url)
    with engine.connect() as conn:
        revisions = conn.execute(
            text("SELECT revision FROM right_version WHERE right_id = 'leefloon-gent' ORDER BY revision")
        ).scalars()
        assert list(revisions) == list(range(2, ROUNDS + 1)), "one version per round, none lost or doubled"
        current = conn.execute(text("SELECT revision FROM \"right\" WHERE id = 'leefloon-gent'")).scalar_one()
        assert current == ROUNDS
    engine.dispose()


def test_concurrent_publishes_on_sqlite(tmp_path, fixture_catalog):
    race(f"sqlite:///{tmp_path / 'race.db'}", fixture_catalog)


@pytest.mark.postgres
def test_concurrent_publishes_on_postgresql(postgres_url, fixture_catalog):
    race(postgres_url, fixture_catalog)


def test_a_catalogue_load_while_an_editor_publishes_never_loses_the_edit(small_app, monkeypatch):
    """A worker that starts (and loads catalog/) while an editor publishes: the load reads the published
    versions under the catalogue's lock, so the publication is either in what it loads or comes after it."""
    from rechtenverkenner import db
    from rechtenverkenner.services import catalogue
    from tests.editor.test_accounts import sign_in
    from tests.editor.test_publish import upload

    runner = small_app.test_cli_runner()
    args = ["user", "create", "een@gent.be", "--name", "Een", "--role", "editor", "--municipality", "44021"]
    assert runner.invoke(args=args, input=f"{PASSWORD}\n{PASSWORD}\n").exit_code == 0
    client = small_app.test_client()
    assert sign_in(client, "een@gent.be").status_code == 302
    html = upload(client, GENT.format(right_id="leefloon-gent", title="Nieuwe titel").encode()).get_data(as_text=True)
    upload_id = re.search(r"/beheer/publiceer/(\d+)", html).group(1)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    read, resume = threading.Event(), threading.Event()
    real = catalogue.published_versions

    def paused(session):
        versions = real(session)
        read.set()
        resume.wait(timeout=30)
        return versions

    monkeypatch.setattr(catalogue, "published_versions", paused)

    def load():
        with small_app.app_context(), db.new_session() as session:
            catalogue.load_catalogue(session, small_app.extensions["catalogue"], force=True)

    answers = []
    loader = threading.Thread(target=load)
    loader.start()
    assert read.wait(timeout=30)
    publisher = threading.Thread(
        target=lambda: answers.append(client.post(f"/beheer/publiceer/{upload_id}", data={"csrf_token": csrf}))
    )
    publisher.start()
    publisher.join(timeout=1)  # the publication waits for the load's lock (or, without it, is done)
    resume.set()
    loader.join(timeout=60)
    publisher.join(timeout=60)
    assert answers and answers[0].status_code == 302, "the load kept the revision the preview was made against"
    title = client.get("/api/v1/rights/leefloon-gent").get_json()["title"]
    assert title == "Nieuwe titel", "a publication that succeeded is never undone by the load"
