"""`flask lpdc sync URL` against a local HTTP server with the sample instance-snapshot feed pages."""

import functools
import http.server
import json
import threading

import pytest

from tests.lpdc.helpers import FEED_0, FEED_2, SHARED

HOSTNAME_PAGE = "http://hostname/doc/instancesnapshot?pageNumber="
ESSENTIAL = "http://data.lblod.info/id/public-service/c17b67ac-c518-4f98-b73c-53b3c068ad21"
REGISTER = "http://data.lblod.info/id/public-service/645dcaec-7f27-44b7-85ba-b3ffe58c6328"


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, requests, **kwargs):
        self.requests = requests
        super().__init__(*args, **kwargs)

    def do_GET(self):
        self.requests.append(self.path)
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def feed(tmp_path):
    """The sample pages 0 and 2 (links rewritten to this server) and a page 1 between them that archives a
    service of page 0 and links on to page 2."""
    requests: list[str] = []
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(tmp_path), requests=requests)
    )
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    def write(name: str, data) -> None:
        text = data if isinstance(data, str) else json.dumps(data)
        (tmp_path / name).write_text(
            text.replace(HOSTNAME_PAGE, f"{base}page-").replace("?pageNumber=", ""), encoding="utf-8"
        )

    for source in (FEED_0, FEED_2):
        text = source.read_text(encoding="utf-8")
        for n in range(4):
            text = text.replace(f"{HOSTNAME_PAGE}{n}", f"{base}page-{n}.json")
        write(source.name, text)
    page_0 = json.loads(FEED_0.read_text(encoding="utf-8"))
    archived = dict(page_0["member"][2], **{"@id": "http://data.lblod.info/id/public-service-snapshot/archived-1"})
    archived.update(generatedAtTime="2024-02-28T06:32:10.377Z", gearchiveerd="true")
    write(
        "page-1.json",
        {
            "@context": page_0["@context"],
            "@id": f"{base}page-1.json",
            "@type": "EventStream",
            "view": {
                "@id": f"{base}page-1.json",
                "@type": "Node",
                "relation": [
                    {"node": f"{base}page-0.json", "path": "generatedAtTime", "@type": "LessThanOrEqualToRelation"},
                    {"node": f"{base}page-2.json", "path": "generatedAtTime", "@type": "GreaterThanOrEqualToRelation"},
                ],
            },
            "member": [archived],
        },
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, requests, write, tmp_path
    server.shutdown()
    server.server_close()


def sync(app, url):
    result = app.test_cli_runner().invoke(args=["lpdc", "sync", url, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_fixture_pages_are_the_shared_samples():
    if not (SHARED / "lpdc-samples").exists():
        pytest.skip("../shared/reference/lpdc is not beside this clone")
    for page in (FEED_0, FEED_2):
        assert page.read_bytes() == (SHARED / "lpdc-samples" / "instance-snapshots-ldes" / page.name).read_bytes()


def test_sync_follows_the_feed_resumes_where_it_stopped_and_is_idempotent(app, client, feed):
    base, requests, write, folder = feed
    start = f"{base}page-0.json"
    first = sync(app, start)
    assert requests == ["/page-0.json", "/page-1.json", "/page-2.json"]  # page 2's backward link is not followed
    created = {e["title"] for e in first["created"]}
    assert created == {
        "Minimalistische instantie updatet",
        "Essentiële instantie",
        "Toelating voor losse standplaats op een openbare markt",
        "Registerplicht",
    }
    assert [e["lpdcId"] for e in first["removed"]] == [ESSENTIAL]  # archived on page 1
    assert client.get("/api/v1/rights/lpdc-c17b67ac-c518-4f98-b73c-53b3c068ad21").status_code == 404
    register = client.get("/api/v1/rights/lpdc-645dcaec-7f27-44b7-85ba-b3ffe58c6328").get_json()
    assert register["title"] == "Registerplicht" and "<h3>" not in register["description"]

    requests.clear()
    again = sync(app, start)
    assert requests == ["/page-2.json"]  # from where it stopped
    assert again == {"created": [], "updated": [], "removed": [], "skipped": []}

    page_2 = json.loads((folder / "page-2.json").read_text(encoding="utf-8"))
    page_2["view"]["relation"].append(
        {"node": f"{base}page-3.json", "path": "generatedAtTime", "@type": "GreaterThanRelation"}
    )
    write("page-2.json", page_2)
    newer = dict(page_2["member"][1], **{"@id": "http://data.lblod.info/id/public-service-snapshot/newer-1"})
    newer.update(generatedAtTime="2024-04-01T10:00:00Z", naam={"nl-BE-x-informal": "Registerplicht logies"})
    write(
        "page-3.json",
        {"@context": page_2["@context"], "@id": f"{base}page-3.json", "@type": "EventStream", "member": [newer]},
    )
    requests.clear()
    third = sync(app, start)
    assert requests == ["/page-2.json", "/page-3.json"]
    assert [(e["lpdcId"], e["changedFields"]) for e in third["updated"]] == [(REGISTER, ["title"])]
    assert third["created"] == third["removed"] == []
    assert (
        client.get("/api/v1/rights/lpdc-645dcaec-7f27-44b7-85ba-b3ffe58c6328").get_json()["title"]
        == "Registerplicht logies"
    )


def test_an_unreachable_feed_is_a_clear_error_and_changes_nothing(app, feed):
    base = feed[0]
    result = app.test_cli_runner().invoke(args=["lpdc", "sync", f"{base}no-such-page.json"])
    assert result.exit_code == 1 and "HTTP 404" in result.stderr
    bad = app.test_cli_runner().invoke(args=["lpdc", "sync", "file:///etc/passwd"])
    assert bad.exit_code == 1 and "Alleen http- en https-adressen" in bad.stderr


def test_import_takes_a_url_too(app, feed):
    base = feed[0]
    result = app.test_cli_runner().invoke(args=["lpdc", "import", f"{base}page-2.json", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["created"]) == 2
