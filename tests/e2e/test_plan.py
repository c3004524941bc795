"""The Plan page in Chromium: a power budget → what it buys → that fleet as the scenario."""

import re

from e2e_helpers import WAIT_MS, metric, wait_for_chart
from playwright.sync_api import Page, expect

from tco.analysis.power_budget import plan_budget
from tco.data.presets import default_scenario
from tco.engine import run
from tco.ui.fmt import money, number


def test_a_budget_gives_a_fleet_that_becomes_the_scenario(page: Page, app_url: str):
    page.goto(f"{app_url}/")  # a fresh server lists its pages once the router has run
    wait_for_chart(page)
    page.get_by_role("link", name="Plan").click()
    wait_for_chart(page)
    five = plan_budget(default_scenario(), 5.0).rows[0]
    expect(metric(page, "Accelerators")).to_have_text(number(five.accelerators), timeout=WAIT_MS)

    budget = page.get_by_label("Power budget [MW]")
    budget.fill("2")
    budget.press("Enter")
    two = plan_budget(default_scenario(), 2.0).rows[0]
    expect(metric(page, "Accelerators")).to_have_text(number(two.accelerators), timeout=WAIT_MS)
    expect(metric(page, "Racks")).to_have_text(number(two.racks), timeout=WAIT_MS)

    page.get_by_role("button", name="Apply as scenario").click()
    expect(page.get_by_text("is now the scenario")).to_be_visible(timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"[?&]s="), timeout=WAIT_MS)
    page.get_by_role("link", name="See it on the Overview").click()
    cost = money(run(two.scenario).cost_usd_per_million_tokens, "USD")
    expect(metric(page, "Cost per M tokens")).to_have_text(cost, timeout=WAIT_MS)
    expect(metric(page, "Accelerators")).to_have_text(number(two.accelerators), timeout=WAIT_MS)
    expect(page.get_by_text(two.scenario.name).first).to_be_visible()
