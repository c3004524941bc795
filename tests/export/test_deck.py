"""The deck, opened again with python-pptx: slides, titles, native charts and their numbers."""

import dataclasses
import io
import math

import pytest
from export_scenarios import TODAY, changed_scenario
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Inches
from pptx_read import charts, slide_titled, texts, title

from tco.data.catalogue import builtin_catalogue
from tco.data.presets import default_scenario
from tco.export.pptx_deck import DEFAULT_SECTIONS, build_deck
from tco.export.report import build_report, counterpart
from tco.models.errors import TcoError
from tco.present.labels import component_kind

EXPECTED_TITLES = [
    "AI inference: total cost of ownership",
    "Key figures",
    "Workload mix",
    "Cost per million tokens over time",
    "Capital and operating costs",
    "Scenario comparison",
    "Break-even",
    "What moves the cost most",
    "Assumptions and sources",
]
CHART_SLIDES = EXPECTED_TITLES[3:8]


def close(a, b) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def test_the_deck_is_16_by_9_with_one_slide_per_section(deck):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    titles = [title(s) for s in deck.slides]
    assert titles[: len(EXPECTED_TITLES) - 1] == EXPECTED_TITLES[:-1]
    assert all(t.startswith("Assumptions and sources") for t in titles[len(EXPECTED_TITLES) - 1 :])
    assert deck.core_properties.title == "Enterprise on-premises, NVIDIA H100 SXM"


def test_the_title_slide_names_scenario_customer_and_date(deck):
    words = texts(deck.slides[0])
    assert "Enterprise on-premises, NVIDIA H100 SXM" in words
    assert "Prepared for Example Customer" in words
    assert "14 March 2026" in words


def test_chart_slides_hold_native_charts_not_pictures(deck):
    for name in CHART_SLIDES:
        slide = slide_titled(deck, name)
        assert len(charts(slide)) == 1, name
        assert not [s for s in slide.shapes if s.shape_type == 13], f"{name} has a picture"
        assert charts(slide)[0].part.chart_workbook.xlsx_part is not None  # data embedded


def test_the_workload_mix_says_what_limits_each_workload_in_words(deck):
    cells = texts(slide_titled(deck, "Workload mix"))
    assert "time-per-token target" in cells
    assert not {"tpot", "ttft", "memory-capacity", "memory-bandwidth"} & set(cells)


def test_cost_over_time_carries_the_engine_numbers(deck, report):
    chart = charts(slide_titled(deck, "Cost per million tokens over time"))[0]
    mine, rented, api = chart.plots[0].series
    assert mine.name == report.scenario.name
    expected = [m.cost_usd_per_million_tokens for m in report.result.timeline]
    assert all(close(a, b) for a, b in zip(mine.values, expected, strict=True))
    rented_expected = [m.cost_usd_per_million_tokens for m in report.comparisons[0].result.timeline]
    assert all(close(a, b) for a, b in zip(rented.values, rented_expected, strict=True))
    # the serverless API line falls month by month as the engine computes it
    api_expected = [m.api_usd_per_million_tokens for m in report.result.timeline]
    assert all(close(a, b) for a, b in zip(api.values, api_expected, strict=True))
    assert api.name.startswith("Serverless API median, falling ")


def test_breakdown_carries_the_engine_numbers_split_capital_and_operating(deck, report):
    chart = charts(slide_titled(deck, "Capital and operating costs"))[0]
    categories = list(chart.plots[0].categories)
    capital, operating = chart.plots[0].series
    shown = {}
    for category, cap, ope in zip(categories, capital.values, operating.values, strict=True):
        assert (cap is None) != (ope is None)
        shown[category] = (cap if cap is not None else ope) * 1e6
    positive = {k: v for k, v in report.result.breakdown_usd.items() if v > 0}
    assert len(shown) == len(positive)
    for key, value in positive.items():
        label = key.replace("_", " ").capitalize()
        assert close(shown[label], value), key
        kind_series = capital if component_kind(key) == "Capital" else operating
        assert kind_series.values[categories.index(label)] is not None
    assert math.isclose(sum(shown.values()), report.result.total_cost_usd, rel_tol=1e-6)


def test_tornado_bars_are_costs_at_each_end_crossing_at_the_base(deck, report):
    chart = charts(slide_titled(deck, "What moves the cost most"))[0]
    low, high = chart.plots[0].series
    bars = sorted(report.tornado, key=lambda b: b.swing_usd_per_million_tokens)
    categories = list(chart.plots[0].categories)
    assert all(c.startswith(b.label + " (") for c, b in zip(categories, bars, strict=True))
    assert all(
        close(a, b.cost_at_low_usd_per_million_tokens)
        for a, b in zip(low.values, bars, strict=True)
    )
    assert all(
        close(a, b.cost_at_high_usd_per_million_tokens)
        for a, b in zip(high.values, bars, strict=True)
    )
    assert close(chart.value_axis.crosses_at, report.result.cost_usd_per_million_tokens)


def test_the_comparison_waterfall_steps_sum_from_a_to_b(deck, report):
    chart = charts(slide_titled(deck, "Scenario comparison"))[0]
    base, totals, more, less = chart.plots[0].series
    attribution = report.comparisons[0].attribution
    assert close(totals.values[0], attribution.a_usd_per_million_tokens)
    assert close(totals.values[-1], attribution.b_usd_per_million_tokens)
    change = sum(v or 0 for v in more.values) - sum(v or 0 for v in less.values)
    assert math.isclose(
        change,
        attribution.b_usd_per_million_tokens - attribution.a_usd_per_million_tokens,
        rel_tol=1e-9,
        abs_tol=5e-4 * attribution.b_usd_per_million_tokens,
    )
    assert base.format.fill.type is not None  # the invisible base has an explicit no-fill
    # bars start at zero (issue 14, item 4): an automatic axis started near $0.36
    assert chart.value_axis.minimum_scale == 0


def test_bar_charts_start_at_zero(deck):
    chart = charts(slide_titled(deck, "Capital and operating costs"))[0]
    assert chart.value_axis.minimum_scale == 0


def _first_payback_month(main, other):
    """Month from which owning's cumulative cash stays at or below the rental's to the end of
    the horizon (the rule of tco/analysis/break_even.py: the slide says "from then on"),
    computed here from the timelines (independently of the deck code); None if owning never
    cost more or is dearer at the end."""
    cash = [
        (m.cumulative_cash_usd, o.cumulative_cash_usd) for m, o in zip(main, other, strict=True)
    ]
    if cash[0][0] <= cash[0][1] or cash[-1][0] > cash[-1][1]:
        return None
    dearer = [i for i, (mine, theirs) in enumerate(cash, start=1) if mine > theirs]
    return dearer[-1] + 1


def test_break_even_plots_cumulative_cash_and_states_the_outcome(deck, report):
    slide = slide_titled(deck, "Break-even")
    chart = charts(slide)[0]
    a, _ = chart.plots[0].series
    expected = [m.cumulative_cash_usd / 1e6 for m in report.result.timeline]
    assert all(close(x, y) for x, y in zip(a.values, expected, strict=True))
    other = report.comparisons[0].result.timeline
    month = _first_payback_month(report.result.timeline, other)
    if month is None:
        assert "No break-even within 60 months" in texts(slide)[1]
    else:
        assert f"Break-even in month {month}" in texts(slide)[1]


def test_break_even_month_is_named_when_renting_costs_more():
    """Renting at USD 8 per accelerator-hour (over twice the catalogue's H100 on-demand
    price) makes owning pay back within the horizon; the slide names the month."""
    main = changed_scenario()
    rented = counterpart(main, builtin_catalogue())
    rented = rented.model_copy(
        update={"overrides": rented.overrides.model_copy(update={"cloud_usd_per_hour": 8.0})}
    )
    expensive = build_report(main, comparisons=[rented], today=TODAY)
    slide = slide_titled(Presentation(io.BytesIO(build_deck(expensive))), "Break-even")
    month = _first_payback_month(
        expensive.result.timeline, expensive.comparisons[0].result.timeline
    )
    assert month is not None
    assert 1 < month <= 60
    assert f"Break-even in month {month}" in texts(slide)[1]


def test_embedded_workbooks_hold_the_same_numbers_and_no_formulas(deck, report):
    chart = charts(slide_titled(deck, "Cost per million tokens over time"))[0]
    book = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    sheet = book.worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    numbers = {round(c.value, 9) for c in cells if isinstance(c.value, float)}
    assert round(report.result.timeline[0].cost_usd_per_million_tokens, 9) in numbers


def test_every_content_slide_has_the_assumptions_footnote_with_the_date(deck):
    total = len(deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        words = "\n".join(texts(slide))
        if number > 1:
            assert "Assumptions: NVIDIA H100 SXM" in words
            assert "2026-03-14" in words
            assert f"{number} / {total}" in words


def test_every_shape_stays_on_the_slide(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0
            assert shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width, title(slide)
            assert shape.top + shape.height <= deck.slide_height, title(slide)


def test_assumptions_list_changed_inputs_and_catalogue_sources(deck, report):
    pages = [s for s in deck.slides if title(s).startswith("Assumptions and sources")]
    words = "\n".join(w for s in pages for w in texts(s))
    # inputs in words and units, never field names (issue 14, item 7)
    assert "Discount rate: weighted average cost of capital" in words
    assert "10 %/yr" in words  # the WACC
    assert "8 %/yr" in words  # its default
    assert "Power usage effectiveness" in words
    assert "1.55" in words  # the catalogue PUE the override replaces (air, temperate)
    assert "finance.wacc_frac" not in words
    assert "overrides." not in words
    accelerator = report.catalogue.accelerators[report.scenario.accelerator_id]
    assert accelerator.source[:60] in words
    assert "Site: Northern Virginia (Ashburn)" in words
    assert "Serverless API prices" in words


def test_a_chosen_subset_of_sections_builds_only_those(report):
    deck = Presentation(io.BytesIO(build_deck(report, ["tornado", "key-figures"])))
    assert [title(s) for s in deck.slides] == ["Key figures", "What moves the cost most"]


@pytest.mark.parametrize("sections", [[], ["title", "appendix"]])
def test_unknown_or_no_sections_are_refused(report, sections):
    with pytest.raises(TcoError, match="section"):
        build_deck(report, sections)


def test_without_comparison_the_comparison_slides_say_so_or_are_left_out():
    report = build_report(default_scenario(), comparisons=[])
    deck = Presentation(io.BytesIO(build_deck(report, DEFAULT_SECTIONS)))
    titles = [title(s) for s in deck.slides]
    assert "Scenario comparison" not in titles
    assert "No comparison scenario that can run." in texts(slide_titled(deck, "Break-even"))


def test_an_infeasible_scenario_is_refused_in_one_line():
    scenario = default_scenario()
    scenario = scenario.model_copy(
        update={"demand": scenario.demand.model_copy(update={"tokens_per_day": 0})}
    )
    with pytest.raises(TcoError, match="cannot be served") as caught:
        build_report(scenario)
    assert "\n" not in str(caught.value)


def test_progress_is_reported_per_section(report):
    seen = []
    build_deck(
        report, ["title", "tornado"], progress=lambda done, label: seen.append((done, label))
    )
    assert seen == [(0.0, "Title"), (0.5, "What moves the cost most (tornado)"), (1.0, "Done")]


def test_deck_money_shows_the_results_currency(report):
    euros = dataclasses.replace(report, result=report.result.model_copy(update={"currency": "EUR"}))
    deck = Presentation(io.BytesIO(build_deck(euros, ["key-figures", "cost-over-time"])))
    words = "\n".join(texts(slide_titled(deck, "Key figures")))
    assert "€" in words
    assert "$" not in words
    chart = charts(slide_titled(deck, "Cost per million tokens over time"))[0]
    assert chart.value_axis.axis_title.text_frame.text == "Cost per million tokens [EUR]"
    assert chart.value_axis.tick_labels.number_format.startswith('"€"')
