"""Issue 13, attack 6: web addresses in names became live links in the presentation title,
the page captions and the sidebar, although `md()` promises "no links": GitHub-flavoured
Markdown finds bare addresses after escapes are read. Checked where it shows, in Chromium."""

from e2e_helpers import WAIT_MS, wait_for_chart
from playwright.sync_api import Page, expect

from tco.data.presets import default_scenario
from tco.io.links import encode

ADDRESSES = "https://evil.example/login www.evil.example eve@evil.example"
OUTSIDE_LINKS = "a[href*='evil']:not([href^='#'])"  # a heading's own #anchor is no way out


def test_addresses_in_names_are_text_not_links(page: Page, app_url: str):
    scenario = default_scenario().model_copy(
        update={"name": f"Plan {ADDRESSES}", "customer_name": f"ACME {ADDRESSES}"}
    )
    page.goto(f"{app_url}/?s={encode(scenario)}&present=true")
    wait_for_chart(page)
    expect(page.get_by_role("heading").first).to_contain_text("evil", timeout=WAIT_MS)
    assert page.locator(OUTSIDE_LINKS).count() == 0
    page.goto(f"{app_url}/?s={encode(scenario)}")  # the sidebar and captions, not presenting
    wait_for_chart(page)
    expect(page.get_by_text("Scenario: Plan").first).to_be_visible(timeout=WAIT_MS)
    assert page.locator(OUTSIDE_LINKS).count() == 0
