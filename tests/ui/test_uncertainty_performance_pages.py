"""Uncertainty and Performance pages: charts from the engine, and reasons instead of errors."""

from apptest_pages import chart_spec

from tco.analysis import uncertainty
from tco.data.presets import default_scenario, example_scenario
from tco.io.links import encode
from tco.performance import mlperf
from tco.ui.fmt import money


def test_uncertainty_shows_percentiles_tornado_and_fan(app):
    at = app("uncertainty")
    assert not at.exception
    mc = uncertainty.monte_carlo(default_scenario(), 1000)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["P50 (median)"] == money(mc.horizon_p50_usd_per_million_tokens, "USD")
    tornado = chart_spec(at, "unc.tornado")
    bars = uncertainty.tornado(default_scenario())
    assert tornado["data"][0]["y"][-1].startswith(f"{bars[0].label} (")  # widest swing on top
    fan = chart_spec(at, "unc.fan")
    assert [t["name"] for t in fan["data"]] == ["P90", "P10–P90", "Median (P50)"]
    assert at.status[0].label == "Uncertainty computed"  # the box that showed progress


def test_uncertainty_with_more_samples(app):
    at = app("uncertainty")
    at.segmented_control(key="unc.samples").set_value(5000).run()
    assert not at.exception
    footnote = chart_spec(at, "unc.fan")["layout"]["annotations"][-1]["text"]
    assert "5,000 samples" in footnote.replace("<br>", " ")


def test_uncertainty_of_an_infeasible_scenario_says_why(app):
    at = app("uncertainty", s=encode(example_scenario(accelerator_id="google-tpu7x")))
    assert not at.exception
    assert "not sold, only rented" in at.error[0].value
    assert not at.get("plotly_chart")


def test_performance_draws_curves_for_the_chosen_parts_and_the_validation_table(app):
    at = app("performance")
    assert not at.exception
    curves = chart_spec(at, "perf.curves")
    names = [t["name"] for t in curves["data"]]
    assert names[0] == "NVIDIA H100 SXM"
    assert len(names) == 3
    roofline = chart_spec(at, "perf.roofline")
    assert roofline["layout"]["xaxis"]["type"] == "log"
    validation = at.dataframe[-1].value
    assert len(validation) == len(mlperf.load_cases())
    uses = list(validation["Use"])
    assert uses == sorted(uses, key=lambda use: use != "fitted")  # the calibration set first
    assert uses[0] == "fitted"
    assert validation["Error [%]"].abs().max() < 1000


def test_performance_explains_a_precision_a_part_lacks(app):
    at = app("performance")
    at.selectbox(key="perf.precision.chat").set_value("fp4").run()
    assert not at.exception
    # the default parts: the scenario's H100 (no FP4) and the newest NVIDIA and AMD parts
    assert any("FP4" in w.value and "H100" in w.value for w in at.warning)
    assert [t["name"] for t in chart_spec(at, "perf.curves")["data"]][:2] == [
        "NVIDIA B300 (HGX/DGX, SXM, Blackwell Ultra)",
        "AMD Instinct MI355X",
    ]


def test_performance_with_no_part_chosen_asks_for_one(app):
    at = app("performance")
    at.multiselect(key="perf.parts").set_value([]).run()
    assert not at.exception
    assert "Choose at least one" in at.info[0].value
