"""An editor imports an LPDC file in Chromium, sees the summary, publishes it; axe finds nothing."""

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.lpdc.helpers import as_bytes, instance

playwright_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
AXE_TAGS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "correct horse battery staple"
NEW_ID = "lpdc-11111111-2222-4333-8444-555555555555"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(loaded_sqlite, tmp_path_factory):
    from rechtenverkenner import db
    from rechtenverkenner.services import accounts
    from tests.conftest import make_app

    target = tmp_path_factory.mktemp("lpdc-browser") / "app.db"
    shutil.copy(loaded_sqlite, target)
    app = make_app(f"sqlite:///{target}")
    with app.app_context(), db.new_session() as session:
        accounts.create_user(
            session, app.extensions["catalogue"], "lpdc@gent.be", "LPDC Gent", PASSWORD, "editor", ["44021"]
        )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def no_violations(page, where):
    results = axe_module.Axe().run(page, options=AXE_TAGS)
    assert results.response["violations"] == [], (where, [(v["id"], v["help"]) for v in results.response["violations"]])


def test_an_editor_imports_an_lpdc_file_sees_the_summary_and_publishes(browser, base_url, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/beheer/login")
    page.fill("#email", "lpdc@gent.be")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Aanmelden')")
    page.wait_for_url("**/beheer/")
    ended = instance(uuid="66666666-2222-4333-8444-555555555555", eindeDienstVerlening="2025-06-30T00:00:00Z")
    ended["naam"] = {"nl": "Oude premie"}
    source = tmp_path / "gent.jsonld"
    source.write_bytes(
        as_bytes(
            {
                "@context": [instance()["@context"], "ldes.jsonld"],
                "@type": "EventStream",
                "member": [{k: v for k, v in m.items() if k != "@context"} for m in (instance(), ended)],
            }
        )
    )
    page.goto(base_url + "/beheer/upload")
    page.set_input_files("#bestand", str(source))
    page.click("text=Nakijken")
    page.wait_for_selector("h1:has-text('LPDC-import')")
    assert page.inner_text("h1") == "LPDC-import: 2 nieuw, 0 gewijzigd, 0 verwijderd, 0 overgeslagen"
    main = page.inner_text("main")
    assert "Energiepremie (formeel)" in main and NEW_ID in main and "taalvariant nl-BE-x-formal" in main
    assert "Beëindigd sinds 2025-06-30" in main
    no_violations(page, "summary")
    page.click("button:has-text('Publiceren')")
    page.wait_for_url("**/beheer/")
    page.goto(f"{base_url}/recht/{NEW_ID}")
    assert page.inner_text("h1") == "Energiepremie (formeel)"
    assert "Teststraat" in page.inner_text("main") and "Tot de helft van de factuur." in page.inner_text("main")
    no_violations(page, "right page")
    page.goto(f"{base_url}/recht/lpdc-66666666-2222-4333-8444-555555555555")
    assert "Beëindigd" in page.inner_text("main")
    no_violations(page, "ended right page")
    context.close()


def test_a_refused_import_names_each_service_and_passes_axe(browser, base_url, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/beheer/login")
    page.fill("#email", "lpdc@gent.be")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Aanmelden')")
    page.wait_for_url("**/beheer/")
    brugge = instance(uuid="77777777-2222-4333-8444-555555555555", geografischToepassingsgebieden=["BE25131005"])
    brugge["naam"] = {"nl": "Brugse premie"}
    source = tmp_path / "brugge.ttl"
    from rechtenverkenner.lpdc.parse import parse_graph

    source.write_bytes(parse_graph(as_bytes(brugge)).serialize(format="turtle").encode())
    page.goto(base_url + "/beheer/upload")
    page.set_input_files("#bestand", str(source))
    page.click("text=Nakijken")
    page.wait_for_selector("text=Je mag niet elke dienst in dit bestand importeren")
    assert "Brugse premie" in page.inner_text("main") and "hoort bij Brugge" in page.inner_text("main")
    no_violations(page, "refused")
    context.close()
