"""The product's charts, built from hand-made inputs: right data, units on axes, no NaN."""

import json
import re
from datetime import date

import plotly.graph_objects as go
import pytest

from tco.data.presets import example_scenario
from tco.models import (
    Accelerator,
    MonteCarloResult,
    MonthResult,
    OperatingPoint,
    TornadoBar,
)
from tco.present import figures

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part


def _month(month: int, cost: float, cumulative: float = 0.0) -> MonthResult:
    return MonthResult(
        month=month,
        tokens=3e11,
        accelerators=100,
        accelerators_rented=0,
        utilisation_frac=0.5,
        capex_usd=0.0,
        capital_charge_usd=1e5,
        opex_usd=5e4,
        cost_usd=1.5e5,
        cost_usd_per_million_tokens=cost,
        cumulative_cash_usd=cumulative,
        rental_cumulative_cash_usd=cumulative * 1.5,
        energy_kwh=1e5,
        co2e_kg=3e4,
    )


def _point(interactivity: float, throughput: float, reason: str | None = None) -> OperatingPoint:
    return OperatingPoint(
        model_id="llama-3.3-70b",
        accelerator_id="nvidia-h100-sxm",
        precision="fp8",
        input_tokens=1000,
        output_tokens=400,
        system_accelerators=8,
        tensor_parallel=2,
        replicas=4,
        batch_size=32,
        output_tokens_per_s_per_accelerator=throughput,
        input_tokens_per_s_per_accelerator=throughput * 2.5,
        output_tokens_per_s_per_user=interactivity,
        ttft_ms=300,
        tpot_ms=1000 / interactivity,
        prefill_time_frac=0.2,
        bound="memory-bandwidth",
        power_w_per_accelerator=600,
        joules_per_output_token=0.5,
        weights_gb_per_accelerator=35,
        kv_cache_gb_per_accelerator=20,
        infeasible_reason=reason,
    )


def _bar(label: str, low: float, high: float) -> TornadoBar:
    return TornadoBar(
        input=label.lower(),
        label=label,
        low_value=1,
        high_value=2,
        unit="x",
        cost_at_low_usd_per_million_tokens=low,
        cost_at_high_usd_per_million_tokens=high,
        swing_usd_per_million_tokens=abs(high - low),
    )


MC = MonteCarloResult(
    samples=200,
    months=[1, 2, 3],
    p10_usd_per_million_tokens=[0.8, 0.7, 0.6],
    p50_usd_per_million_tokens=[1.0, 0.9, 0.8],
    p90_usd_per_million_tokens=[1.3, 1.2, 1.1],
    horizon_p10_usd_per_million_tokens=0.7,
    horizon_p50_usd_per_million_tokens=0.9,
    horizon_p90_usd_per_million_tokens=1.2,
    distributions={"electricity": "triangular ±30 %"},
)
H100 = Accelerator.example()
CHEAP = H100.model_copy(
    update={"id": "x-cheap", "vendor": "AMD", "name": "Cheap", "launch_year": 2024,
            "price_usd": 10000, "memory_bandwidth_tb_per_s": 5.0, "fp8_dense_tflops": None}
)  # fmt: skip
NO_PRICE = H100.model_copy(
    update={"id": "x-free", "name": "Unpriced", "price_usd": None, "launch_year": None}
)  # fmt: skip


def every_figure() -> dict[str, go.Figure]:
    months = [_month(m, 1.0 / m, 1e6 * m) for m in range(1, 13)]
    return {
        "cost_over_time": figures.cost_over_time(
            {"A": months}, api=("Serverless API median", [0.9] * len(months))
        ),
        "cost_breakdown": figures.cost_breakdown({"accelerators": 5e6, "energy": 1e6}),
        "cumulative_cost": figures.cumulative_cost(
            {"Own": [1e6 * m for m in range(1, 13)], "Rent": [1.5e6 * m for m in range(1, 13)]},
            months=list(range(1, 13)),
            break_even_month=4,
        ),
        "waterfall": figures.waterfall(
            ("A", 1.0), [("Site", -0.2), ("Cooling", 0.05)], ("B", 0.85)
        ),
        "tornado": figures.tornado(
            [_bar("Electricity", 0.9, 1.1), _bar("Price", 0.7, 1.4)],
            base_usd_per_million_tokens=1.0,
        ),
        "fan_chart": figures.fan_chart(MC),
        "throughput_curves": figures.throughput_curves(
            {"H100": [_point(10, 3000), _point(50, 1000)]}, min_interactivity_tokens_per_s=25
        ),
        "spec_bars": figures.spec_bars([H100, CHEAP], "memory_bandwidth_tb_per_s"),
        "flops_bars": figures.flops_bars([H100, CHEAP]),
        "generations": figures.generations([(H100, 0.5), (CHEAP, 0.3)]),
    }


@pytest.mark.parametrize("name", list(every_figure()))
def test_every_value_axis_has_a_title_with_its_unit(name):
    """Numeric axes name their unit in brackets; category axes (part names) need none."""
    fig = every_figure()[name]
    for axis, values in (("xaxis", fig.data[0].x), ("yaxis", fig.data[0].y)):
        if isinstance(values[0], str):
            continue
        title = fig.layout[axis].title.text or ""
        assert re.search(r"\[[^\]]+\]$", title), f"{name}.{axis}: {title!r} has no [unit]"


@pytest.mark.parametrize("name", list(every_figure()))
def test_every_figure_uses_the_product_template_and_has_no_nan(name):
    fig = every_figure()[name]
    assert fig.layout.template.layout.colorway == figures.PALETTE
    assert fig.layout.title.text
    text = fig.to_json()
    assert "NaN" not in text
    assert "Infinity" not in text


def test_palette_is_okabe_ito():
    assert set(figures.PALETTE) == {
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"
    }  # fmt: skip


def test_cost_over_time_plots_each_month_and_the_api_line():
    months = [_month(m, 2.0 - m / 10) for m in range(1, 7)]
    falling = [1.2 * 0.9**m for m in range(6)]
    fig = figures.cost_over_time(
        {"A": months, "B": months[:3]}, api=("Serverless API median, falling 10 %", falling)
    )
    assert [trace.name for trace in fig.data] == ["A", "B", "Serverless API median, falling 10 %"]
    assert list(fig.data[0].y) == [m.cost_usd_per_million_tokens for m in months]
    assert list(fig.data[2].x) == [1, 2, 3, 4, 5, 6]
    assert list(fig.data[2].y) == falling
    assert fig.data[2].line.dash == "dash"
    assert fig.layout.showlegend is True


@pytest.mark.parametrize("api", [None, ("API", [float("nan")]), ("API", [float("inf")])])
def test_cost_over_time_leaves_out_a_missing_api_price(api):
    fig = figures.cost_over_time({"A": [_month(1, 1.0)]}, api=api)
    assert [trace.name for trace in fig.data] == ["A"]
    assert fig.layout.showlegend is False


def test_breakdown_sorts_components_splits_capital_and_drops_empty_ones():
    fig = figures.cost_breakdown(
        {"energy": 2e6, "accelerators": 5e6, "facility": 1e6, "staff": 0.0, "odd": float("nan")}
    )
    capital, operating = fig.data
    assert list(capital.y) == ["Facility", "Accelerators"]
    assert list(capital.x) == [1.0, 5.0]
    assert list(capital.text) == ["12%", "62%"]
    assert list(operating.y) == ["Energy"]
    assert list(fig.layout.yaxis.categoryarray) == ["Facility", "Energy", "Accelerators"]


def test_cumulative_cost_marks_the_break_even_month():
    fig = figures.cumulative_cost({"A": [1e6, 2e6]}, months=[1, 2], break_even_month=2)
    assert fig.layout.shapes[0].x0 == 2
    assert "month 2" in fig.layout.annotations[0].text
    assert fig.layout.xaxis.range == (1, 2)  # an early mark never stretches the axis to −20
    assert list(fig.data[0].y) == [1.0, 2.0]
    no_mark = figures.cumulative_cost({"A": [1e6, 2e6]}, months=[1, 2], break_even_month=None)
    assert not no_mark.layout.shapes


def test_waterfall_starts_at_a_steps_through_changes_and_totals_at_b():
    fig = figures.waterfall(("H100", 1.0), [("Site", -0.3), ("Cooling", 0.1)], ("B200", 0.8))
    trace = fig.data[0]
    assert list(trace.measure) == ["absolute", "relative", "relative", "total"]
    assert list(trace.x) == ["H100", "Site", "Cooling", "B200"]
    assert list(trace.text) == ["$1.00", "−$0.300", "+$0.100", "$0.800"]  # money, signed
    assert fig.layout.yaxis.rangemode == "tozero"  # bars start at zero (issue 14, item 4)


def test_waterfall_labels_wrap_so_neighbours_do_not_overlap():
    fig = figures.waterfall(("A", 1.0), [("Deployment: cloud rental", 0.3)], ("B", 1.3))
    assert list(fig.data[0].x) == ["A", "Deployment:<br>cloud rental", "B"]


def test_tornado_puts_the_widest_swing_on_top_around_the_base():
    fig = figures.tornado(
        [_bar("Wide", 0.5, 1.8), _bar("Narrow", 0.95, 1.05)], base_usd_per_million_tokens=1.0
    )
    low, high = fig.data
    assert list(low.y) == ["Narrow (1 to 2 x)", "Wide (1 to 2 x)"]
    assert low.base == 1.0
    assert list(low.x) == pytest.approx([-0.05, -0.5])
    assert list(high.x) == pytest.approx([0.05, 0.8])


def test_tornado_shows_hardware_life_in_years_as_the_form_does():
    """Issue 14, item 9: the tornado varies life in months; the form and labels use years."""
    life = _bar("Hardware life", 0.9, 1.2).model_copy(
        update={"low_value": 48, "high_value": 72, "unit": "months"}
    )
    fig = figures.tornado([life], base_usd_per_million_tokens=1.0)
    assert list(fig.data[0].y) == ["Hardware life (4 to 6 years)"]
    assert fig.data[0].customdata[0][0] == "4 years"
    assert "months" not in json.dumps(fig.to_plotly_json()["data"])


def test_fan_chart_fills_between_p10_and_p90_around_the_median():
    fig = figures.fan_chart(MC)
    upper, lower, median = fig.data
    assert list(upper.y) == MC.p90_usd_per_million_tokens
    assert lower.fill == "tonexty"
    assert list(lower.y) == MC.p10_usd_per_million_tokens
    assert list(median.y) == MC.p50_usd_per_million_tokens


def test_throughput_curves_leave_out_infeasible_points():
    points = [_point(10, 3000), _point(50, 1000), _point(200, 0, reason="TPOT target missed")]
    fig = figures.throughput_curves({"H100": points}, min_interactivity_tokens_per_s=20)
    assert list(fig.data[0].x) == [10, 50]
    assert fig.layout.shapes[0].x0 == 20


def test_throughput_curves_tell_parts_apart_without_colour_and_name_the_limit_in_words():
    points = [_point(10, 3000), _point(50, 1000)]
    fig = figures.throughput_curves({"H100": points, "MI300X": points})
    assert fig.data[0].line.dash != fig.data[1].line.dash
    assert fig.data[0].marker.symbol != fig.data[1].marker.symbol
    assert fig.data[0].customdata[0][1] == "memory bandwidth"


def test_spec_bars_price_per_bandwidth_and_missing_values():
    fig = figures.spec_bars([H100, CHEAP, NO_PRICE], "usd_per_tb_per_s")
    bar = fig.data[0]
    assert list(bar.y) == ["AMD Cheap", "NVIDIA H100 SXM"]
    assert list(bar.x) == pytest.approx([10000 / 5.0, 30000 / 3.35])


def test_an_outlier_is_cut_at_the_axis_end_and_says_it_is_off_the_scale():
    """Issue 14, item 4: Cerebras' 21,000 TB/s of on-wafer memory flattened every HBM bar."""
    wafer = H100.model_copy(
        update={"id": "x-wafer", "name": "Wafer", "memory_bandwidth_tb_per_s": 21000.0}
    )
    fig = figures.spec_bars([H100, CHEAP, wafer], "memory_bandwidth_tb_per_s")
    assert fig.layout.xaxis.range == (0, pytest.approx(1.15 * 5.0))
    assert list(fig.data[0].text) == ["", "", "21,000 TB/s, off the scale ▶"]
    even = figures.spec_bars([H100, CHEAP], "memory_bandwidth_tb_per_s")
    assert even.layout.xaxis.range is None
    assert not any(even.data[0].text)


def test_flops_bars_have_one_group_per_precision_and_gaps_for_missing_ones():
    fig = figures.flops_bars([H100, CHEAP])
    assert [t.name for t in fig.data] == list(figures.PRECISIONS.values())
    fp8 = next(t for t in fig.data if t.name == "FP8")
    assert list(fp8.y) == [1979, None]


def test_generations_groups_by_vendor_and_skips_parts_without_a_launch_year():
    fig = figures.generations([(H100, 0.5), (CHEAP, 0.3), (NO_PRICE, 0.4), (H100, float("nan"))])
    assert sorted(t.name for t in fig.data) == ["AMD", "NVIDIA"]
    nvidia = next(t for t in fig.data if t.name == "NVIDIA")
    assert list(nvidia.x) == [2022]
    assert fig.layout.yaxis.type == "log"


def test_footnote_names_the_assumptions_and_presentation_enlarges_it(catalogue):
    text = figures.assumptions_footnote(CHAT, catalogue, date(2026, 11, 29))
    assert "H100" in text
    assert "2026-11-29" in text
    fig = figures.cost_over_time({"A": [_month(1, 1.0)]}, footnote=text)
    note = next(a for a in fig.layout.annotations if a.name == "footnote")
    assert note.text.replace("<br>", " ") == text
    assert all(len(line) <= figures.FOOTNOTE_LINE_CHARS for line in note.text.split("<br>"))
    small = note.font.size
    figures.rewrap_footnote(fig, 40)
    lines = next(a for a in fig.layout.annotations if a.name == "footnote").text.split("<br>")
    assert max(map(len, lines)) <= 40
    assert " ".join(lines) == text
    figures.presentation(fig)
    assert fig.layout.height == figures.LARGE_HEIGHT_PX
    assert next(a for a in fig.layout.annotations if a.name == "footnote").font.size > small
    assert fig.layout.font.size > figures.TEMPLATE.layout.font.size


def test_figures_serialise_to_json():
    for fig in every_figure().values():
        json.loads(fig.to_json())


def test_presentation_mode_leaves_room_for_a_long_legend_above_the_plot():
    """Issue 14, item 4: four scenario names in 18 px type ran over the title."""
    names = [
        "A: Enterprise on-premises, NVIDIA H100 SXM",
        "B: NVIDIA B200 · Colocation · Direct-to-chip liquid",
        "C: Cloud on demand",
        "D: Hybrid (owned base + cloud bursts)",
    ]
    fig = figures.cost_over_time({name: [_month(1, 1.0), _month(2, 0.9)] for name in names})
    normal_top = fig.layout.margin.t
    big = figures.presentation(fig)
    # the title (24 px, about two lines of height) and three legend rows of 18 px type
    assert big.layout.margin.t >= 24 * 2 + 3 * 18 * 1.5
    assert big.layout.margin.t > normal_top
