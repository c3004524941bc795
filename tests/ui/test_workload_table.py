"""The workload table: edited rows become validated workloads, or one line naming the row."""

import math

import pytest

from tco.data.presets import default_scenario
from tco.models.errors import TcoError
from tco.ui import workload_table as table
from tco.ui.fields import Spec, with_value

MIX = default_scenario().workloads


def test_an_unchanged_table_gives_back_the_same_workloads():
    assert table.workloads_from(table.frame(MIX), MIX) == list(MIX)


def test_a_new_row_gets_an_id_from_its_name_and_shares_come_from_percent():
    frame = table.frame(MIX[:1])
    frame.loc[0, "share_pct"] = 70.0
    frame.loc[1] = ["Legal review", "llama-3.1-70b", "fp8", 6000, 800, None, None, 30.0, True]
    workloads = table.workloads_from(frame, MIX[:1])
    assert [w.id for w in workloads] == [MIX[0].id, "legal-review"]
    assert [w.share_frac for w in workloads] == pytest.approx([0.7, 0.3])
    assert workloads[1].ttft_max_ms is None
    assert workloads[1].sovereign is True


def test_duplicate_names_get_distinct_ids():
    frame = table.frame(MIX[:1])
    frame.loc[1] = frame.loc[0]
    workloads = table.workloads_from(frame, [])
    assert len({w.id for w in workloads}) == 2


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("name", None, "row 1: give it a name"),
        ("share_pct", math.nan, "row 1 .*share"),
        # in words, never the field name (issue 14, item 7)
        ("input_tokens", 0, "row 1 .*Mean prompt length, context included must be at least 1 "),
        ("precision", "fp3", "row 1 .*Weight precision: input should be"),
        ("share_pct", 0.0, "row 1 .*Share of the scenario's tokens .* must be more than 0 %"),
    ],
)
def test_a_bad_row_is_named(column, value, reason):
    frame = table.frame(MIX[:1])
    frame[column] = frame[column].astype(object)
    frame.loc[0, column] = value
    with pytest.raises(TcoError, match=reason) as refused:
        table.workloads_from(frame, MIX[:1])
    assert "_" not in str(refused.value)


def test_an_empty_table_is_refused():
    with pytest.raises(TcoError, match="at least one workload"):
        table.workloads_from(table.frame([]), MIX)


def test_adding_a_preset_scales_the_others_down(catalogue):
    mix = table.add_preset(MIX[:2], catalogue.workloads["code"])
    assert len(mix) == 3
    assert sum(w.share_frac for w in mix) == pytest.approx(1.0, abs=1e-12)
    again = table.add_preset(mix, catalogue.workloads["code"])
    assert again[-1].id == "code-2"


def test_shares_that_do_not_sum_to_100_are_refused_by_the_scenario():
    frame = table.frame(MIX)
    frame.loc[0, "share_pct"] = 90.0
    workloads = table.workloads_from(frame, MIX)
    with pytest.raises(ValueError, match="sum to 100 %"):
        with_value(default_scenario(), "workloads", [w.model_dump() for w in workloads])


def test_field_specs_show_fractions_as_percent_with_the_models_bounds():
    wacc = Spec("finance.wacc_frac", "Discount rate (WACC)", unit="%/yr", scale=100)
    assert wacc.shown(0.08) == 8.0
    assert wacc.stored(12.5) == 0.125
    assert wacc.bounds() == (0.0, 50.0)
    assert "[%/yr]" in wacc.help()
    assert "Allowed: 0 to 50 %/yr." in wacc.help()
    horizon = Spec("horizon_months", "Horizon", "int", unit="months")
    assert horizon.shown(60) == 60
    assert horizon.bounds() == (1.0, 180.0)
    assert Spec("overrides.pue", "PUE").optional
    assert not wacc.optional
