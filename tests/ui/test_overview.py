"""Overview page: the default scenario's answer, a shared link's answer, a bad link's reason."""

from apptest_pages import chart_spec

from tco.data.presets import default_scenario, example_scenario
from tco.engine import run
from tco.io.links import encode
from tco.ui.fmt import md, money


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_with_no_input_it_shows_the_default_scenario(app):
    at = app()
    assert not at.exception
    assert not at.error
    expected = run(default_scenario())
    metrics = _metrics(at)
    assert metrics["Cost per M tokens"] == money(expected.cost_usd_per_million_tokens, "USD")
    assert metrics["Accelerators"] == f"{expected.accelerators:,}"
    for label in ("Input, per M tokens", "Output, per M tokens", "Racks", "Facility power", "Capex",
                  "Opex per year", "Energy per token", "CO₂e per M tokens"):  # fmt: skip
        assert metrics[label] not in ("", "—", "nan")
    summary = at.markdown[0].value
    assert "per million tokens" in summary
    assert summary.count(". ") >= 1


def test_charts_show_the_timeline_and_the_breakdown(app):
    at = app()
    over_time = chart_spec(at, "overview.cost_over_time")
    assert over_time["layout"]["yaxis"]["title"]["text"] == "Cost per million tokens [USD]"
    assert any("Assumptions:" in a["text"] for a in over_time["layout"]["annotations"])
    breakdown = chart_spec(at, "overview.breakdown")
    names = {trace["name"] for trace in breakdown["data"]}
    assert names == {"Capital", "Operating"}


def test_a_shared_link_shows_that_scenario(app):
    b200 = example_scenario(accelerator_id="nvidia-b200")
    at = app(s=encode(b200))
    assert not at.exception
    assert not at.warning
    cost = _metrics(at)["Cost per M tokens"]
    assert cost == money(run(b200).cost_usd_per_million_tokens, "USD")
    assert cost != money(run(default_scenario()).cost_usd_per_million_tokens, "USD")


def test_a_damaged_link_says_why_and_shows_the_default(app):
    at = app(s="this-is-not-a-scenario")
    assert not at.exception
    assert "damaged" in at.warning[0].value
    assert "default scenario" in at.warning[0].value
    expected = money(run(default_scenario()).cost_usd_per_million_tokens, "USD")
    assert _metrics(at)["Cost per M tokens"] == expected


def test_a_link_to_an_unknown_accelerator_names_it(app):
    unknown = default_scenario().model_copy(update={"accelerator_id": "someone-elses-chip"})
    at = app(s=encode(unknown))
    assert not at.exception
    assert md("someone-elses-chip") in at.warning[0].value  # shown as text, so escaped


def test_an_infeasible_scenario_gives_the_reason_instead_of_figures(app):
    no_price = example_scenario(accelerator_id="google-tpu7x")
    at = app(s=encode(no_price))
    assert not at.exception
    assert "not sold, only rented" in at.error[0].value
    assert not at.metric
    assert not at.get("plotly_chart")
