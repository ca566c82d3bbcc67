"""The pages in headless Chromium: a keyboard-only flow, a phone screen, no JavaScript, and axe-core."""

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

playwright_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.browser
EDITOR_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def base_url(loaded_sqlite, tmp_path_factory):
    from tests.conftest import make_app

    target = tmp_path_factory.mktemp("browser") / "app.db"
    shutil.copy(loaded_sqlite, target)
    app = make_app(f"sqlite:///{target}")
    from rechtenverkenner import db
    from rechtenverkenner.services import accounts

    with app.app_context(), db.new_session() as session:
        accounts.create_user(
            session,
            app.extensions["catalogue"],
            "redacteur@gent.be",
            "Redacteur Gent",
            EDITOR_PASSWORD,
            "editor",
            ["44021"],
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


def new_page(browser, **options):
    context = browser.new_context(**options)
    return context, context.new_page()


def tab_until(page, predicate, limit=400):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"focus never reached: {predicate}")


def test_a_social_worker_finds_a_right_with_the_keyboard_only(browser, base_url):
    context, page = new_page(browser)
    page.goto(base_url + "/")
    tab_until(page, "document.activeElement.id === 'gemeente'")
    page.keyboard.type("Gent")  # typing in a focused select picks the matching option
    assert page.eval_on_selector("#gemeente", "e => e.options[e.selectedIndex].text") == "Gent"
    page.keyboard.press("Tab")
    page.keyboard.type("leefloon")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken?**")
    assert page.inner_text("h1") == "Rechten zoeken in Gent"
    tab_until(page, "document.activeElement.textContent.trim() === 'Leefloon – OCMW Gent'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recht/leefloon-gent")
    assert page.inner_text("h1") == "Leefloon – OCMW Gent"
    assert "09 266 99 11" in page.inner_text("main")
    context.close()


def test_the_skip_link_is_the_first_stop_and_focus_is_visible(browser, base_url):
    context, page = new_page(browser)
    page.goto(base_url + "/zoeken?gemeente=44021")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#inhoud'", timeout=5000)
    context.close()


def test_filters_work_without_javascript(browser, base_url):
    context, page = new_page(browser, java_script_enabled=False)
    page.goto(base_url + "/zoeken?gemeente=44021")
    total_before = page.inner_text("#resultaten-kop")
    page.check("input[name=level][value=flemish]")
    page.click("text=Filters toepassen")
    assert "level=flemish" in page.url
    assert page.inner_text("#resultaten-kop") != total_before
    context.close()


def test_the_pages_fit_a_phone_screen(browser, base_url):
    context, page = new_page(browser, viewport={"width": 360, "height": 740}, is_mobile=True)
    for path in ["/", "/zoeken?gemeente=44021&q=huur", "/recht/vlaamse-huursubsidie", "/recent", "/rechtencheck"]:
        page.goto(base_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/zoeken?gemeente=44021&q=leefloon",
        "/recht/leefloon-brugge",
        "/recht/leefloon/print",
        "/zoeken/print?gemeente=44021&q=huur",
        "/api/v1/docs",
        "/leefloon",
        "/leefloon/parameters",
        "/beheer/login",
        "/recent",
        "/recent?gemeente=44021",
        "/recht/verwarmingstoelage",
    ],
)
def test_axe_finds_no_wcag_a_or_aa_violations(browser, base_url, path):
    context, page = new_page(browser)
    page.goto(base_url + path)
    results = axe_module.Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    violations = results.response["violations"]
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    context.close()


def test_a_social_worker_gets_a_leefloon_advice_by_keyboard_and_axe_finds_nothing(browser, base_url):
    context, page = new_page(browser)
    page.goto(base_url + "/leefloon")
    page.fill("#age", "30")
    page.select_option("#residenceStatus", "belgian")
    page.select_option("#actualResidenceInBelgium", "ja")
    page.select_option("#willingnessToWork", "demonstrated")
    page.focus("#willingnessToWork")
    page.keyboard.press("Enter")  # submits the form from a field, as a keyboard user does
    tab_until(page, "document.activeElement.textContent.trim() === 'Advies berekenen'")
    page.keyboard.press("Enter")
    page.wait_for_selector("#advies-kop")
    assert "toekennen" in page.inner_text("#advies-kop")
    results = axe_module.Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    assert results.response["violations"] == [], [(v["id"], v["help"]) for v in results.response["violations"]]
    context.close()


def test_an_editor_signs_in_by_keyboard_and_the_editor_pages_pass_axe(browser, base_url, tmp_path):
    context, page = new_page(browser)
    page.goto(base_url + "/beheer/login")
    page.focus("#email")
    page.keyboard.type("redacteur@gent.be")
    page.keyboard.press("Tab")
    page.keyboard.type(EDITOR_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/beheer/")
    assert "Redacteur Gent" in page.inner_text("main")
    upload_file = tmp_path / "recht.toml"
    upload_file.write_text(
        'schema = 1\nid = "budgetbegeleiding-gent"\nkind = "instance"\nlinked_concept = "budgetbegeleiding"\n'
        'municipality = "44021"\ntitle = "Budgetbegeleiding in Gent"\nspatial = ["44021"]\n'
        'source_url = "https://stad.gent"\nlast_reviewed = 2026-11-28\n',
        encoding="utf-8",
    )
    for path in ["/beheer/", "/beheer/dekking/44021", "/beheer/upload"]:
        page.goto(base_url + path)
        results = axe_module.Axe().run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        assert results.response["violations"] == [], (
            path,
            [(v["id"], v["help"]) for v in results.response["violations"]],
        )
    page.set_input_files("#bestand", str(upload_file))
    page.click("text=Nakijken")
    page.wait_for_selector("text=Publiceren")
    assert "Nieuw recht" in page.inner_text("h1")
    page.click("text=Publiceren")
    page.wait_for_url("**/geschiedenis")
    assert "opgeladen" in page.inner_text("main")
    context.close()


def sign_in(page, base_url: str) -> None:
    """Sign in as Gent's editor and wait for the editors' overview."""
    page.goto(base_url + "/beheer/login")
    page.fill("#email", "redacteur@gent.be")
    page.fill("#password", EDITOR_PASSWORD)
    page.click("button:has-text('Aanmelden')")
    page.wait_for_url("**/beheer/")


def _axe_violations(page) -> list:
    results = axe_module.Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def test_the_preview_the_unchanged_preview_and_the_history_pass_axe_on_a_desk_and_a_phone(browser, base_url, tmp_path):
    context, page = new_page(browser)
    sign_in(page, base_url)
    base = (
        'schema = 1\nid = "budgetbeheer-gent"\nkind = "instance"\nlinked_concept = "budgetbeheer"\n'
        'municipality = "44021"\nspatial = ["44021"]\nsource_url = "https://stad.gent"\nlast_reviewed = 2026-11-28\n'
        'keywords = ["budget", "schulden"]\n'
        '[[contact_points]]\ntitle = "Sociaal huis"\nphone = "09 000 00 00"\n'
        '[contact_points.address]\nstreet = "Voorbeeldstraat"\nhouse_number = "1"\npostal_code = "9000"\nmunicipality = "Gent"\n'
    )
    upload_file = tmp_path / "recht.toml"
    for title in ("Budgetbeheer in Gent", "Budgetbeheer in Gent (nagekeken)", "Budgetbeheer in Gent (nagekeken)"):
        upload_file.write_text(f'title = "{title}"\n' + base, encoding="utf-8")
        page.goto(base_url + "/beheer/upload")
        page.set_input_files("#bestand", str(upload_file))
        page.click("text=Nakijken")
        page.wait_for_selector("h1")
        assert _axe_violations(page) == [], (title, page.inner_text("h1"))
        if page.locator("button:has-text('Publiceren')").count() == 0:
            break
        assert page.locator("table.diff caption").count() == 1
        page.click("button:has-text('Publiceren')")
        page.wait_for_url("**/geschiedenis")
    assert page.inner_text("h1") == "Geen wijzigingen: Budgetbeheer in Gent (nagekeken)"
    page.goto(base_url + "/beheer/recht/budgetbeheer-gent/geschiedenis")
    assert page.locator("table.diff").count() == 2 and "Versie 3 tegenover versie 2" in page.inner_text("main")
    assert _axe_violations(page) == []
    context.close()
    context, phone = new_page(browser, viewport={"width": 360, "height": 740}, is_mobile=True)
    phone.goto(base_url + "/beheer/login")
    phone.fill("#email", "redacteur@gent.be")
    phone.fill("#password", EDITOR_PASSWORD)
    phone.click("button:has-text('Aanmelden')")
    phone.wait_for_url("**/beheer/")
    phone.goto(base_url + "/beheer/recht/budgetbeheer-gent/geschiedenis")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    region = phone.locator(".table-scroll").nth(1)
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert _axe_violations(phone) == []
    context.close()


def test_a_social_worker_reports_an_error_and_the_editor_closes_it_in_the_browser(browser, base_url):
    context, page = new_page(browser)
    page.goto(base_url + "/recht/leefloon-gent")
    page.fill("#melding", "Het telefoonnummer van het onthaal is gewijzigd.")
    page.click("text=Melding versturen")
    page.wait_for_selector("text=de redactie van dit recht krijgt je melding")
    sign_in(page, base_url)
    assert "Het telefoonnummer van het onthaal is gewijzigd." in page.inner_text("main")
    page.click("text=Melding sluiten")
    page.wait_for_url("**/beheer/")
    assert "Het telefoonnummer van het onthaal is gewijzigd." not in page.inner_text("main")
    context.close()


def test_an_editor_uploads_a_workbook_and_rolls_back_in_the_browser(browser, base_url, tmp_path):
    from openpyxl import load_workbook

    context, page = new_page(browser)
    sign_in(page, base_url)
    with page.expect_download() as download:
        page.goto(base_url + "/beheer/upload")
        page.click("text=leeg werkboek downloaden")
    template = tmp_path / "sjabloon.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    rights = book["Rechten"]
    row = [
        "voedselhulp-gent-test",
        "concept",
        None,
        None,
        "Voedselhulp in Gent (test)",
        "Een korte samenvatting.",
        "Een beschrijving.",
        None,
        None,
        "InfrastructuurMateriaal",
        "WelzijnGezondheid",
        "Burger",
        "laag-inkomen",
        "Lokaal",
        "Lokaal",
        None,
        None,
        "44021",
        None,
        "https://stad.gent",
        "2026-11-28",
    ]
    for column, value in enumerate(row, 1):
        rights.cell(row=2, column=column, value=value)
    path = tmp_path / "rechten.xlsx"
    book.save(path)
    for title in ("Voedselhulp in Gent (test)", "Voedselhulp in Gent (tweede versie)"):
        rights.cell(row=2, column=5, value=title)
        book.save(path)
        page.goto(base_url + "/beheer/upload")
        page.set_input_files("#bestand", str(path))
        page.click("text=Nakijken")
        page.wait_for_selector("text=Werkboek: 1 recht")
        page.click("button:has-text('Publiceren')")
        page.wait_for_url("**/beheer/")
    page.goto(base_url + "/beheer/recht/voedselhulp-gent-test/geschiedenis")
    page.click("text=Versie 1 terugzetten")
    page.wait_for_url("**/geschiedenis")
    assert "teruggezet" in page.inner_text("main")
    page.goto(base_url + "/recht/voedselhulp-gent-test")
    assert page.inner_text("h1") == "Voedselhulp in Gent (test)"
    context.close()


# --- the leefloon page (issue 8) -------------------------------------------------------------------

AXE_TAGS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# Every word in a table cell whose letters sit on more than one line, and every cell whose content overflows it.
SPLIT_WORDS = """() => {
  const found = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s\\-\\u2013\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.bottom)));
        if (lines.size > 1) found.push(word[0]);
      }
    }
    if (cell.scrollWidth > cell.clientWidth + 1) found.push('overflows: ' + cell.textContent.slice(0, 40));
  }
  return found;
}"""
PAGE_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def fill_a_couple(page, amount="300"):
    page.fill("#referenceDate", "2025-06-01")
    page.fill("#age", "30")
    page.select_option("#residenceStatus", "belgian")
    page.select_option("#actualResidenceInBelgium", "ja")
    page.select_option("#willingnessToWork", "demonstrated")
    page.select_option("#sharesHousehold", "ja")
    page.select_option("#income0_type", "employment")
    page.fill("#income0_amount", amount)
    page.select_option("#member0_relation", "partner")
    page.fill("#member0_age", "31")
    page.select_option("#member0_type", "unemploymentBenefit")
    page.fill("#member0_amount", "700")


def test_on_a_phone_the_advice_tables_keep_their_words_whole_and_scroll_by_keyboard(browser, base_url):
    context, page = new_page(browser, viewport={"width": 360, "height": 740}, is_mobile=True)
    page.goto(base_url + "/leefloon")
    fill_a_couple(page)
    page.click(".actions button:has-text('Advies berekenen')")
    page.wait_for_selector("#advies-kop")
    assert page.locator("#bestaansmiddelen-kop").count() == 1
    assert page.evaluate(PAGE_OVERFLOW) <= 0
    assert page.evaluate(SPLIT_WORDS) == []
    regions = page.locator(".table-scroll")
    assert regions.count() == 2
    for n in range(regions.count()):
        region = regions.nth(n)
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")  # the table is wider than the phone
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
    context.close()


def test_on_a_phone_the_leefloon_right_page_shows_its_amounts_without_split_words(browser, base_url):
    context, page = new_page(browser, viewport={"width": 360, "height": 740}, is_mobile=True)
    for path in ["/recht/leefloon", "/recht/leefloon-gent"]:
        page.goto(base_url + path)
        assert page.locator("#bedragen-kop").count() == 1
        assert page.evaluate(PAGE_OVERFLOW) <= 0, path
        assert page.evaluate(SPLIT_WORDS) == [], path
    context.close()


def test_enter_in_an_amount_gives_the_advice_not_a_new_row(browser, base_url):
    context, page = new_page(browser)
    page.goto(base_url + "/leefloon")
    fill_a_couple(page)
    page.focus("#income0_amount")
    page.keyboard.press("Enter")
    page.wait_for_selector("#advies-kop")
    assert page.locator("#income3").count() == 0
    context.close()


def test_a_social_worker_adds_an_income_row_by_keyboard_without_javascript(browser, base_url):
    context, page = new_page(browser, java_script_enabled=False)
    page.goto(base_url + "/leefloon")
    page.fill("#income0_amount", "1.234,56")
    tab_until(page, "document.activeElement.textContent.trim() === 'Nog een inkomen voor de aanvrager'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/leefloon#income3")
    assert page.input_value("#income0_amount") == "1.234,56"
    page.keyboard.press("Tab")  # the fragment moved the keyboard's starting point to the new row
    assert page.evaluate("document.activeElement.id") == "income3_type"
    tab_until(page, "document.activeElement.textContent.trim() === 'Nog een huisgenoot'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/leefloon#member4")
    assert page.locator("#member4_relation").count() == 1 and page.locator("#income3_amount").count() == 1
    context.close()


def test_the_error_summary_names_the_fields_in_dutch_and_leads_to_them(browser, base_url):
    context, page = new_page(browser)
    page.goto(base_url + "/leefloon")
    fill_a_couple(page, amount="twaalf")
    page.click(".actions button:has-text('Advies berekenen')")
    page.wait_for_selector("#fouten-kop")
    link = page.locator("#fouten a")
    assert link.count() == 1 and link.inner_text() == "Bedrag van inkomen 1 van de aanvrager: Geen geldig getal."
    field = page.locator("#income0_amount")
    assert field.get_attribute("aria-invalid") == "true"
    message = page.text_content("#" + field.get_attribute("aria-describedby"))
    assert message == "Fout: Geen geldig getal."
    results = axe_module.Axe().run(page, options=AXE_TAGS)
    assert results.response["violations"] == [], [(v["id"], v["help"]) for v in results.response["violations"]]
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/leefloon#income0_amount")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "income0_period"
    context.close()


def test_the_print_version_of_the_advice_works_without_javascript_and_passes_axe(browser, base_url):
    context, page = new_page(browser, java_script_enabled=False)
    page.goto(base_url + "/leefloon")
    fill_a_couple(page)
    page.click("text=Afdrukversie van het advies")
    page.wait_for_url("**/leefloon/afdrukken")
    assert page.inner_text("h1") == "Leefloonadvies" and page.locator("form").count() == 0
    assert not page.is_visible(".site-header nav")
    page.emulate_media(media="print")
    assert page.evaluate(PAGE_OVERFLOW) <= 0
    page.emulate_media(media="screen")
    context.close()
    context, page = new_page(browser)
    page.goto(base_url + "/leefloon")
    fill_a_couple(page)
    page.click("text=Afdrukversie van het advies")
    page.wait_for_url("**/leefloon/afdrukken")
    results = axe_module.Axe().run(page, options=AXE_TAGS)
    assert results.response["violations"] == [], [(v["id"], v["help"]) for v in results.response["violations"]]
    context.close()
