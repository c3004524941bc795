"""Chart slides: each a native PowerPoint chart of the engine's numbers (one picture slide).

Values in the charts are the engine's own: cost per million tokens per month, breakdown
components and cumulative cash (in millions of the result's currency), tornado costs at
each end of an input's range, and the A→B attribution steps of `tco.analysis.compare`.
"""

import io

from pptx.slide import Slide
from pptx.util import Emu, Pt

from tco.export import chart_figures, images
from tco.export.pptx_charts import (
    Series,
    bar_chart,
    cross_at,
    label_point,
    line_chart,
    rgb,
)
from tco.export.pptx_text import (
    BODY,
    BODY_TOP,
    CONTENT_W,
    MARGIN,
    NewSlide,
    footnote,
    heading,
    text_box,
)
from tco.export.report import Compared, Report, monte_carlo_of
from tco.models.money import Currency
from tco.present import summary
from tco.present.figures import GREY, PALETTE, presentation
from tco.present.labels import component_kind, component_label, input_range
from tco.present.number_formats import millions_format, money_format_for

PICTURE_PX = (1100, 446)  # CSS pixels of the picture slide's chart, drawn at scale 2


def _month_ticks(months: int) -> int:
    """Months between x-axis ticks: quarters up to two years, then years."""
    return 3 if months <= 24 else 12


def cost_over_time(new_slide: NewSlide, report: Report) -> None:
    slide = new_slide()
    r = report.result
    months = [m.month for m in r.timeline]
    series = [
        Series(
            report.scenario.name, [m.cost_usd_per_million_tokens for m in r.timeline], PALETTE[0]
        )
    ]
    for index, c in enumerate(report.comparisons, start=1):
        if c.result.feasible:
            values = [m.cost_usd_per_million_tokens for m in c.result.timeline]
            series.append(Series(c.scenario.name, values, PALETTE[index]))
    api = summary.api_line(r)
    if api is not None:
        series.append(Series(api[0], api[1], GREY, dashed=True))
    first, last = (
        r.timeline[0].cost_usd_per_million_tokens,
        r.timeline[-1].cost_usd_per_million_tokens,
    )
    heading(
        slide,
        "Cost per million tokens over time",
        f"From {report.money(first)} in month 1 to {report.money(last)} in month {months[-1]}; "
        f"{report.money(r.cost_usd_per_million_tokens)} blended over the horizon.",
    )
    largest = max(v for s in series for v in s.values if v is not None)
    line_chart(
        slide,
        BODY,
        x_values=months,
        series=series,
        value_title=f"Cost per million tokens [{report.currency}]",
        x_title="Month [month]",
        number_format=money_format_for(largest, report.currency, axis=True),
        x_major_unit=_month_ticks(len(months)),
    )
    footnote(
        slide,
        [
            "Each month's cost (capital charge + operating costs) ÷ tokens served that month; "
            "the fleet is sized for the peak, so idle hours are included. Demand growth fills "
            "the fleet; refreshes and price trends move the line.",
            report.footnote,
        ],
    )


def breakdown(new_slide: NewSlide, report: Report) -> None:
    slide = new_slide()
    r = report.result
    items = sorted(((k, v) for k, v in r.breakdown_usd.items() if v > 0), key=lambda kv: kv[1])
    total = r.total_cost_usd or 1.0
    capital = sum(v for k, v in items if component_kind(k) == "Capital")
    top_key, top_value = items[-1]
    heading(
        slide,
        "Capital and operating costs",
        f"Capital charges are {capital / total:.0%} of the {report.money(total)} total; "
        f"{component_label(top_key).lower()} is the largest item ({top_value / total:.0%}).",
    )
    series = [
        Series(kind, [v / 1e6 if component_kind(k) == kind else None for k, v in items], colour)
        for kind, colour in (("Capital", PALETTE[0]), ("Operating", PALETTE[1]))
    ]
    bar_chart(
        slide,
        BODY,
        categories=[component_label(k) for k, _ in items],
        series=series,
        value_title=(
            f"Cost over {report.scenario.horizon_months} months [{report.currency} million]"
        ),
        number_format=millions_format(report.currency, 0),
        label_format=millions_format(report.currency),
        overlap=100,
        gap_width=40,
    )
    footnote(
        slide,
        [
            "Capital: depreciation and return on capital (WACC) of hardware, network, storage, "
            "installation and facility. Operating: energy, maintenance, software, staff, "
            "colocation rent and cloud rental. Components sum to the total.",
            report.footnote,
        ],
    )


def _waterfall(slide: Slide, compared: Compared, currency: Currency) -> None:
    a = compared.attribution
    scale = max(a.a_usd_per_million_tokens, a.b_usd_per_million_tokens, 1e-12)
    steps = [s for s in a.steps if abs(s.delta_usd_per_million_tokens) > 5e-4 * scale]
    categories = ["A", *(s.driver.capitalize() for s in steps), "B"]
    base: list[float | None] = [None]
    totals: list[float | None] = [a.a_usd_per_million_tokens]
    more: list[float | None] = [None]
    less: list[float | None] = [None]
    level = a.a_usd_per_million_tokens
    for step in steps:
        after = level + step.delta_usd_per_million_tokens
        base.append(min(level, after))
        totals.append(None)
        more.append(
            step.delta_usd_per_million_tokens if step.delta_usd_per_million_tokens > 0 else None
        )
        less.append(
            -step.delta_usd_per_million_tokens if step.delta_usd_per_million_tokens < 0 else None
        )
        level = after
    base.append(None)
    totals.append(a.b_usd_per_million_tokens)
    more.append(None)
    less.append(None)
    series = [
        Series("Base (invisible)", base, "#FFFFFF"),
        Series("Scenario", totals, PALETTE[0]),
        Series("Costs more", more, PALETTE[3]),
        Series("Costs less", less, PALETTE[2]),
    ]
    chart = bar_chart(
        slide,
        BODY,
        categories=categories,
        series=series,
        horizontal=False,
        value_title=f"Cost per million tokens [{currency}]",
        number_format=money_format_for(scale, currency, axis=True),
        label_format=money_format_for(scale, currency),
        stacked=True,
        gap_width=50,
        legend=False,
    )
    hidden, total_bars, adding, saving = chart.plots[0].series
    hidden.format.fill.background()
    hidden.data_labels.show_value = False
    for shown, sign in ((total_bars, ""), (adding, "+"), (saving, "−")):
        labels = shown.data_labels
        labels.show_value = True
        labels.number_format = (f'"{sign}"' if sign else "") + money_format_for(scale, currency)
        labels.number_format_is_linked = False
        labels.font.size = Pt(12)
        labels.font.color.rgb = rgb("#FFFFFF")


def comparison(new_slide: NewSlide, report: Report) -> None:
    for compared in report.comparisons:
        slide = new_slide()
        a = compared.attribution
        if not a.feasible:
            heading(slide, "Scenario comparison", f"B: {compared.scenario.name}")
            text_box(slide, BODY, f"The comparison cannot be drawn: {a.infeasible_reason}", size=16)
            footnote(slide, [report.footnote])
            continue
        change = (
            a.b_usd_per_million_tokens / a.a_usd_per_million_tokens - 1
            if a.a_usd_per_million_tokens
            else 0.0
        )
        heading(
            slide,
            "Scenario comparison",
            f"B costs {report.money(a.b_usd_per_million_tokens)} per million tokens against "
            f"{report.money(a.a_usd_per_million_tokens)} for A ({change:+.0%}).",
        )
        _waterfall(slide, compared, report.currency)
        footnote(
            slide,
            [
                f"A: {a.a_name}. B: {a.b_name}. Each bar swaps one group of inputs from A's to B's "
                "value, in a fixed order; red adds cost, green saves; groups that change nothing "
                "are left out.",
                report.footnote,
            ],
        )


def _break_even_text(report: Report) -> str:
    if not report.comparisons or report.comparisons[0].break_even is None:
        return "No comparison scenario that can run."
    result = report.comparisons[0].break_even
    horizon = report.scenario.horizon_months
    earlier = [m for m in result.crossing_months if m != result.month]
    also = (
        f" Their totals also cross in month{'s' if len(earlier) > 1 else ''} "
        + ", ".join(str(m) for m in earlier)
        + "."
        if earlier
        else ""
    )
    if result.month is None:
        return (
            f"No break-even within {horizon} months: A has cost more in total than B at the "
            f"end of the horizon.{also}"
        )
    if result.month == 1:
        return f"A costs less in total than B in every month of the horizon.{also}"
    month = result.month
    return (
        f"Break-even in month {month} ({month / 12:.1f} years): from then on to month "
        f"{horizon}, A has cost less in total than B.{also}"
    )


def break_even(new_slide: NewSlide, report: Report) -> None:
    slide = new_slide()
    r = report.result
    months = [m.month for m in r.timeline]
    series = [
        Series(
            f"A: {report.scenario.name}",
            [m.cumulative_cash_usd / 1e6 for m in r.timeline],
            PALETTE[0],
        )
    ]
    for index, c in enumerate(report.comparisons, start=1):
        if c.result.feasible:
            name = ("B: " if index == 1 else f"C{index}: ") + c.scenario.name
            series.append(
                Series(
                    name,
                    [m.cumulative_cash_usd / 1e6 for m in c.result.timeline],
                    PALETTE[index],
                    dashed=True,
                )
            )
    heading(slide, "Break-even", _break_even_text(report))
    chart = line_chart(
        slide,
        BODY,
        x_values=months,
        series=series,
        value_title=f"Cumulative cash out [{report.currency} million]",
        x_title="Month [month]",
        number_format=millions_format(report.currency, 0),
        x_major_unit=_month_ticks(len(months)),
    )
    first = report.comparisons[0].break_even if report.comparisons else None
    month = first.paid_off_month if first else None
    if month is not None:
        late = month > 0.6 * len(months)
        label_point(chart, 0, month - 1, f"Break-even: month {month}", left=late)
    footnote(
        slide,
        [
            "Cumulative cash out: purchases when they are made plus operating costs and rental, "
            "undiscounted. B: the same workload mix under the opposite ownership unless chosen "
            "otherwise.",
            report.footnote,
        ],
    )


def tornado(new_slide: NewSlide, report: Report) -> None:
    slide = new_slide()
    base = report.result.cost_usd_per_million_tokens
    bars = sorted(report.tornado, key=lambda b: b.swing_usd_per_million_tokens)
    top = bars[-1]
    low, high = sorted(
        (top.cost_at_low_usd_per_million_tokens, top.cost_at_high_usd_per_million_tokens)
    )
    heading(
        slide,
        "What moves the cost most",
        f"{top.label} moves it most: {report.money(low)} to {report.money(high)} per million "
        f"tokens around {report.money(base)}.",
    )
    categories = [f"{b.label} ({input_range(b.low_value, b.high_value, b.unit)})" for b in bars]
    lows = [b.cost_at_low_usd_per_million_tokens for b in bars]
    highs = [b.cost_at_high_usd_per_million_tokens for b in bars]
    series = [
        Series("Input at its low end", lows, PALETTE[0]),
        Series("Input at its high end", highs, PALETTE[1]),
    ]
    largest = max(lows + highs)
    chart = bar_chart(
        slide,
        BODY,
        categories=categories,
        series=series,
        overlap=100,
        gap_width=40,
        value_title=(
            f"Cost per million tokens [{report.currency}]; bars start at the base, "
            f"{report.money(base)}"
        ),
        number_format=money_format_for(largest, report.currency, axis=True),
        label_format=money_format_for(largest, report.currency),
    )
    cross_at(chart, base)
    smallest = min(lows + highs)
    pad = 0.25 * (largest - smallest)
    chart.value_axis.minimum_scale = max(0.0, smallest - pad)
    chart.value_axis.maximum_scale = largest + pad
    footnote(
        slide,
        [
            "Each input moved to the low and the high end of its stated range, the others at the "
            "scenario's values (ranges: docs/methodology.md §10).",
            report.footnote,
        ],
    )


def uncertainty(new_slide: NewSlide, report: Report, renderer: images.Renderer) -> None:
    """The Monte Carlo band as a high-resolution picture (no native chart draws a band)."""
    mc = monte_carlo_of(report)
    fig = presentation(chart_figures.chart(report, "uncertainty"))
    fig.update_layout(title_text="", margin={"t": 40, "b": 60})
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "footnote"]
    width, height = PICTURE_PX
    png = images.figure_image(fig, "png", width=width, height=height, scale=2, renderer=renderer)
    slide = new_slide()
    heading(
        slide,
        "Uncertainty range",
        f"P10 to P90 over the horizon: {report.money(mc.horizon_p10_usd_per_million_tokens)} to "
        f"{report.money(mc.horizon_p90_usd_per_million_tokens)} per million tokens "
        f"(median {report.money(mc.horizon_p50_usd_per_million_tokens)}).",
    )
    box_h = int(CONTENT_W * height / width)
    slide.shapes.add_picture(
        io.BytesIO(png), MARGIN, BODY_TOP, width=Emu(CONTENT_W), height=Emu(box_h)
    )
    footnote(
        slide,
        [
            f"{mc.samples:,} draws of every uncertain input at once (seed {mc.seed}); "
            "distributions in docs/methodology.md §10. A picture: a band between two lines is "
            "no native chart type.",
            report.footnote,
        ],
    )
