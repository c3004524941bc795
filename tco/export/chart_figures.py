"""The report's charts as Plotly figures, by name, for PNG and SVG export.

They are the dashboard's own builders from `tco.present.figures` (one template, one palette), fed
from the same `Report` as the deck, each with the assumptions footnote.
"""

from collections.abc import Callable

import plotly.graph_objects as go

from tco.export.report import Report, monte_carlo_of
from tco.models.errors import TcoError
from tco.present import figures, summary


def _cost_over_time(report: Report) -> go.Figure:
    series = {report.scenario.name: report.result.timeline}
    series.update(
        {c.scenario.name: c.result.timeline for c in report.comparisons if c.result.feasible}
    )
    return figures.cost_over_time(
        series,
        api=summary.api_line(report.result),
        footnote=report.footnote,
    )


def _breakdown(report: Report) -> go.Figure:
    return figures.cost_breakdown(report.result.breakdown_usd, footnote=report.footnote)


def _comparison(report: Report) -> go.Figure:
    if not report.comparisons or not report.comparisons[0].attribution.feasible:
        raise TcoError("the comparison chart needs a comparison scenario that can run")
    a = report.comparisons[0].attribution
    return figures.waterfall(
        ("A: " + a.a_name[:40], a.a_usd_per_million_tokens),
        [(s.driver.capitalize(), s.delta_usd_per_million_tokens) for s in a.steps],
        ("B: " + a.b_name[:40], a.b_usd_per_million_tokens),
        footnote=report.footnote,
    )


def _break_even(report: Report) -> go.Figure:
    series = {report.scenario.name: [m.cumulative_cash_usd for m in report.result.timeline]}
    for c in report.comparisons:
        if c.result.feasible:
            series[c.scenario.name] = [m.cumulative_cash_usd for m in c.result.timeline]
    first = report.comparisons[0].break_even if report.comparisons else None
    return figures.cumulative_cost(
        series,
        months=[m.month for m in report.result.timeline],
        break_even_month=first.paid_off_month if first else None,
        footnote=report.footnote,
    )


def _tornado(report: Report) -> go.Figure:
    return figures.tornado(
        report.tornado,
        base_usd_per_million_tokens=report.result.cost_usd_per_million_tokens,
        footnote=report.footnote,
    )


def _uncertainty(report: Report) -> go.Figure:
    return figures.fan_chart(monte_carlo_of(report), footnote=report.footnote)


CHARTS: dict[str, Callable[[Report], go.Figure]] = {
    "cost-over-time": _cost_over_time,
    "breakdown": _breakdown,
    "comparison": _comparison,
    "break-even": _break_even,
    "tornado": _tornado,
    "uncertainty": _uncertainty,
}
CHART_NAMES = tuple(CHARTS)


def chart(report: Report, name: str) -> go.Figure:
    """The named chart of the report; TcoError naming the valid names otherwise."""
    if name not in CHARTS:
        raise TcoError(f"unknown chart {name!r}; choose one of {', '.join(CHART_NAMES)}")
    return CHARTS[name](report)
