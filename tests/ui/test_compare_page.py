"""Compare page: variants of the current scenario side by side, in the URL, with the steps."""

from apptest_pages import chart_spec

from tco.analysis.compare import compare
from tco.analysis.variants import QUICK, build
from tco.data.presets import default_scenario
from tco.engine import run
from tco.io.links import decode_variants, encode_variants
from tco.models.variant import Variant
from tco.ui.fmt import money

B200 = "cmp.quick.NVIDIA B200 instead"


def test_with_nothing_to_compare_it_says_what_to_do(app):
    at = app("compare")
    assert not at.exception
    assert "Add a scenario" in at.info[0].value


def test_a_quick_variant_is_compared_side_by_side_and_kept_in_the_url(app, catalogue):
    at = app("compare")
    at.button(key=B200).click().run()
    assert not at.exception
    table = at.dataframe[0].value
    b200 = build(QUICK["NVIDIA B200 instead"], default_scenario(), catalogue)
    assert list(table["Cost per million tokens"]) == [
        money(run(default_scenario()).cost_usd_per_million_tokens, "USD"),
        money(run(b200).cost_usd_per_million_tokens, "USD"),
    ]
    assert decode_variants(at.query_params["c"]) == [QUICK["NVIDIA B200 instead"]]
    over_time = chart_spec(at, "compare.cost_over_time")
    assert len(over_time["data"]) == 2


def test_the_waterfall_steps_add_up_to_the_difference(app, catalogue):
    at = app("compare")
    at.button(key="cmp.quick.Frankfurt instead").click().run()
    trace = chart_spec(at, "compare.waterfall")["data"][0]
    expected = compare(default_scenario(), build(QUICK["Frankfurt instead"],
        default_scenario(), catalogue))  # fmt: skip
    assert trace["x"][0] == "A"
    assert trace["x"][-1] == "B"
    assert trace["text"][0] == f"${expected.a_usd_per_million_tokens:,.3f}"
    assert trace["text"][-1] == f"${expected.b_usd_per_million_tokens:,.3f}"


def test_four_scenarios_at_most_and_remove_one(app):
    at = app("compare")
    for label in list(QUICK)[:3]:
        at.button(key=f"cmp.quick.{label}").click().run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 4  # A and three variants
    assert all(at.button(key=f"cmp.quick.{label}").disabled for label in QUICK)
    at.button(key="cmp.remove.0").click().run()
    assert len(at.dataframe[0].value) == 3


def test_a_variant_that_cannot_be_served_is_explained(app):
    link = encode_variants([Variant(accelerator_id="google-tpu7x")])
    at = app("compare", c=link)
    assert not at.exception
    assert "not sold, only rented" in at.warning[0].value
    assert "Add a scenario" in at.info[0].value


def test_a_damaged_comparison_link_is_explained(app):
    at = app(c="garbage!")  # the router shows link problems (AppTest runs it on / only)
    assert not at.exception
    assert "comparison in the link is damaged" in at.warning[0].value
    assert "c" not in at.query_params


def test_a_variant_swaps_precisions_the_new_part_lacks(catalogue):
    a100 = build(Variant(accelerator_id="nvidia-a100-sxm-80gb"), default_scenario(), catalogue)
    assert {w.precision.value for w in a100.workloads} <= {"bf16", "fp16", "int8"}
    result = run(a100)  # feasible or not is the engine's call, but never for lack of FP8
    assert result.feasible or "support" not in (result.infeasible_reason or "")
