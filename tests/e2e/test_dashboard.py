"""The real server in Debian's Chromium: what a user does in front of a customer."""

import re

from e2e_helpers import WAIT_MS, metric, wait_for_chart, wait_until_idle
from playwright.sync_api import Browser, Page, expect

from tco.data.presets import default_scenario
from tco.engine import run
from tco.ui.fmt import money

COST = "Cost per M tokens"


def _choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by typing part of its text."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()


def test_the_first_screen_shows_figures_and_a_chart(page: Page, app_url: str):
    page.goto(f"{app_url}/")
    wait_for_chart(page)
    expected = money(run(default_scenario()).cost_usd_per_million_tokens, "USD")
    expect(metric(page, COST)).to_have_text(expected, timeout=WAIT_MS)
    expect(page.get_by_text("per million tokens over").first).to_be_visible()
    expect(page.locator(".js-plotly-plot .main-svg").nth(1)).to_be_visible()


def test_changing_the_accelerator_changes_cost_and_the_link_shares_it(
    page: Page, app_url: str, browser: Browser
):
    page.goto(f"{app_url}/scenario")
    before = money(run(default_scenario()).cost_usd_per_million_tokens, "USD")
    expect(metric(page, COST)).to_have_text(before, timeout=WAIT_MS)
    _choose(page, "Accelerator", "B200")
    expect(metric(page, COST)).not_to_have_text(before, timeout=WAIT_MS)
    changed = metric(page, COST).inner_text()
    expect(page).to_have_url(re.compile(r"[?&]s="))

    page.get_by_role("link", name="Overview").click()
    expect(metric(page, COST)).to_have_text(changed, timeout=WAIT_MS)
    figures = [metric(page, label).inner_text() for label in (COST, "Accelerators", "Capex")]
    shared = page.url
    assert "s=" in shared

    other = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    other.goto(shared)
    wait_for_chart(other)
    for label, value in zip((COST, "Accelerators", "Capex"), figures, strict=True):
        expect(metric(other, label)).to_have_text(value, timeout=WAIT_MS)
    other.context.close()


def _sql(page: Page, query: str) -> None:
    page.get_by_role("tab", name="SQL").click()
    box = page.get_by_label("SQL query")
    box.fill(query)
    page.get_by_role("button", name="Run query").click()


def test_sql_box_answers_a_select_and_refuses_an_escape(page: Page, app_url: str):
    page.goto(f"{app_url}/catalogue")
    expect(page.get_by_role("tab", name="SQL")).to_be_visible(timeout=WAIT_MS)
    _sql(page, "SELECT count(*) AS parts_in_catalogue FROM accelerators")
    expect(page.get_by_text("1 row")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)

    _sql(page, "SELECT * FROM read_csv('/etc/passwd')")
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("Query refused", timeout=WAIT_MS)
    expect(page.get_by_text("root:x:0:0")).to_have_count(0)


def test_a_bad_csv_upload_gives_the_reason(page: Page, app_url: str, tmp_path):
    bad = tmp_path / "mine.csv"
    bad.write_text("id,vendor,name,memory_gb\nmy-part,Acme,X1,-4\n")
    page.goto(f"{app_url}/catalogue")
    page.get_by_role("tab", name="Your accelerators").click()
    page.locator("input[type=file]").set_input_files(str(bad))
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("Not imported", timeout=WAIT_MS)
    expect(error).to_contain_text("missing required column")
    expect(page.get_by_text("You have not added any accelerators yet.")).to_be_visible()


def test_presentation_mode_hides_inputs_and_names_the_customer(page: Page, app_url: str):
    page.goto(f"{app_url}/scenario")
    customer = page.get_by_role("textbox", name="Customer")
    customer.fill("ACME bank")
    customer.press("Enter")
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]s="), timeout=WAIT_MS)
    page.get_by_text("Presentation mode").click()
    expect(page.get_by_role("heading", name="ACME bank: Scenario")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_role("textbox", name="Customer")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"present=true"))
    page.get_by_role("link", name="Overview").click()
    expect(
        page.get_by_role("heading", name="ACME bank: Cost of serving AI inference")
    ).to_be_visible(timeout=WAIT_MS)
    wait_for_chart(page)
