"""The Plan page: what a budget buys, the optimiser with its progress, sizing from a log.

Figures on the page are checked against the engine's own answers for the same inputs, and
"apply as scenario" must make that answer the session's scenario.
"""

from apptest_pages import chart_spec

from tco.analysis.optimise import optimise
from tco.analysis.power_budget import plan_budget
from tco.analysis.traffic.sizing import size_from_trace
from tco.data.presets import default_scenario, example_scenario
from tco.engine import run
from tco.io.links import encode
from tco.io.traces import sample_trace
from tco.models.optimise import Constraints, SearchSpace
from tco.ui.fmt import md, money, number

SCENARIO_KEY = "tco.scenario"


def _tab(at, name):
    """Open a tab of the page (only the open tab runs)."""
    at.session_state["tab"] = name
    return at.run()


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_budget_tab_shows_what_five_mw_buy(app):
    at = app("plan")
    assert not at.exception
    assert "Requests" not in _metrics(at)  # only the open tab runs
    best = plan_budget(default_scenario(), 5.0).rows[0]
    metrics = _metrics(at)
    assert metrics["Accelerators"] == number(best.accelerators)
    assert metrics["Racks"] == number(best.racks)
    assert metrics["Cost per M tokens"] == money(best.cost_usd_per_million_tokens, "USD")
    chart = chart_spec(at, "plan.budget_chart")
    assert "per MW" in chart["layout"]["title"]["text"]


def test_a_smaller_budget_at_another_site_for_one_part(app):
    at = app("plan")
    at.number_input(key="plan.power_mw").set_value(1.0)
    at.selectbox(key="plan.site").set_value("de-frankfurt")
    at.selectbox(key="plan.part").set_value("nvidia-h200-sxm").run()
    assert not at.exception
    (row,) = plan_budget(
        default_scenario(), 1.0, site_id="de-frankfurt", accelerator_ids=["nvidia-h200-sxm"]
    ).rows
    assert _metrics(at)["Accelerators"] == number(row.accelerators)


def test_apply_as_scenario_makes_the_fleet_the_current_scenario(app):
    at = app("plan")
    at.button(key="plan.apply_budget").click().run()
    assert not at.exception
    best = plan_budget(default_scenario(), 5.0).rows[0]
    assert at.session_state[SCENARIO_KEY] == best.scenario
    assert "is now the scenario" in at.success[0].value


def test_a_rented_scenario_has_no_budget_but_can_be_optimised(app):
    at = app("plan", s=encode(example_scenario("cloud-on-demand")))
    assert not at.exception
    assert "hardware you run" in at.error[0].value


def test_the_optimiser_searches_shows_the_winner_and_applies_it(app):
    at = _tab(app("plan"), "Optimise")
    assert "press Search" in at.info[0].value
    at.multiselect(key="plan.parts").set_value(["nvidia-h100-sxm", "nvidia-b200"])
    at.multiselect(key="plan.sites").set_value(["us-texas", "de-frankfurt"])
    at.number_input(key="plan.cap").set_value(0.5)
    at.button(key="FormSubmitter:plan.optimise-Search").click().run()
    assert not at.exception
    expected = optimise(
        default_scenario(),
        SearchSpace(
            accelerator_ids=["nvidia-h100-sxm", "nvidia-b200"],
            site_ids=["us-texas", "de-frankfurt"],
        ),
        Constraints(power_cap_mw=0.5),
    )
    assert at.subheader[-1].value == md(f"Winner: {expected.ranked[0].label}")
    counts = f"{number(expected.runnable)} can serve the mix and {number(expected.within_limits)}"
    assert any(counts in c.value for c in at.caption)
    top = expected.ranked[0].metrics.cost_usd_per_million_tokens
    assert _metrics(at)["Cost per M tokens"] == money(top, "USD")
    ranked = next(d.value for d in at.dataframe if "Configuration" in d.value.columns)
    assert list(ranked["Configuration"]) == [r.label for r in expected.ranked]
    assert chart_spec(at, "plan.pareto_power")["data"]
    at.button(key="plan.apply_winner").click().run()
    assert at.session_state[SCENARIO_KEY] == expected.winner


def test_an_impossible_cap_says_what_binds(app):
    at = _tab(app("plan"), "Optimise")
    at.multiselect(key="plan.parts").set_value(["nvidia-b200"])
    at.multiselect(key="plan.deployments").set_value(["enterprise-on-prem"])
    at.number_input(key="plan.cap").set_value(0.001)
    at.button(key="FormSubmitter:plan.optimise-Search").click().run()
    assert not at.exception
    assert any("power cap binds" in w.value for w in at.warning)


def test_the_log_tab_sizes_the_sample_and_applies_it(app):
    at = _tab(app("plan"), "Traffic log")
    sizing = size_from_trace(default_scenario(), sample_trace())
    metrics = _metrics(at)
    assert metrics["Requests"] == number(6381)
    assert metrics["Accelerators (queueing)"] == number(sizing.accelerators, 1)
    assert "CC BY 4.0" in " ".join(c.value for c in at.caption)
    at.number_input(key="plan.scale").set_value(10.0).run()
    bigger = size_from_trace(default_scenario(), sample_trace(), scale=10.0)
    assert _metrics(at)["Accelerators (queueing)"] == number(bigger.accelerators, 1)
    assert _metrics(at)["Fleet bought"] == number(run(bigger.scenario).accelerators)
    at.button(key="plan.apply_log").click().run()
    assert at.session_state[SCENARIO_KEY] == bigger.scenario
