"""The whole /rechtencheck questionnaire in headless Chromium on a 360 px phone, by keyboard, with axe-core."""

import pytest

from tests.web.test_browser import AXE_TAGS, axe_module, base_url, browser, new_page, tab_until  # noqa: F401

pytestmark = pytest.mark.browser


def _no_violations_and_fits(page, where: str) -> None:
    results = axe_module.Axe().run(page, options=AXE_TAGS)
    violations = results.response["violations"]
    assert violations == [], (where, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, where


def test_a_social_worker_goes_through_every_chapter_by_keyboard_on_a_phone(browser, base_url):  # noqa: F811
    context, page = new_page(browser, viewport={"width": 360, "height": 740}, is_mobile=True)
    page.goto(base_url + "/rechtencheck")
    assert page.locator("script").count() == 0  # works without JavaScript
    _no_violations_and_fits(page, "gemeente")
    page.select_option("#v-municipality", "44021")
    page.fill("#v-referenceDate", "2025-06-01")
    page.focus("#v-referenceDate")
    page.keyboard.press("Enter")  # Enter in a field goes to the next chapter
    page.wait_for_selector("text=2. Personen")
    page.fill("#v-applicant-age", "67")
    page.select_option("#v-householdMembers-0-relation", "partner")
    page.fill("#v-householdMembers-0-age", "66")
    _no_violations_and_fits(page, "personen")
    tab_until(page, "document.activeElement.textContent.trim() === 'Volgende'")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=3. Statuten en uitkeringen")
    page.check("#v-applicant-statuses-igo")
    _no_violations_and_fits(page, "statuten")
    for chapter in ("4. Wonen", "5. Inkomen", "6. Zorg en handicap", "7. School", "Resultaat"):
        page.click("button.rc-buttons-next, .rc-buttons button[value=volgende]")
        page.wait_for_selector(f"h2:has-text('{chapter}')")
        _no_violations_and_fits(page, chapter)
    assert "Waarschijnlijk recht" in page.inner_text(".rc-results")
    page.check("#kies-verhoogde-tegemoetkoming")
    page.click("text=Cliëntoverzicht maken")
    page.wait_for_selector("text=Overzicht van rechten om na te gaan")
    assert "Verhoogde tegemoetkoming" in page.inner_text("main")
    assert "beslist de dienst" in page.inner_text("main")
    _no_violations_and_fits(page, "overzicht")
    context.close()
