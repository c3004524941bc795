"""The Uncertainty page's parts: the sample-size choice, the runs, the tiles and charts."""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from tco.analysis.uncertainty import DEFAULT_SAMPLES
from tco.models import MonteCarloResult, Result, Scenario, TornadoBar
from tco.models.errors import TcoError
from tco.present import figures
from tco.ui import cached, charts
from tco.ui.fmt import money

SAMPLE_SIZES = [DEFAULT_SAMPLES, 5_000, 20_000]
"""Monte Carlo sizes offered; the first is the default everywhere."""


@dataclass(frozen=True)
class Spread:
    """The tornado bars and the Monte Carlo percentiles of one scenario."""

    bars: list[TornadoBar]
    monte_carlo: MonteCarloResult


def spread(scenario: Scenario, samples: int, say: Callable[[str], object]) -> Spread | str:
    """Run the tornado and the Monte Carlo, telling ``say`` each step; or why they cannot."""
    try:
        say("Tornado: each input at the low and high end of its range.")
        bars = cached.tornado(scenario)
        say(f"Monte Carlo: {samples:,} draws of every input at once.")
        return Spread(bars, cached.monte_carlo(scenario, samples))
    except TcoError as exc:
        return str(exc)


def tiles(mc: MonteCarloResult, result: Result) -> list[tuple[str, str, str]]:
    return [
        ("P10 per M tokens", money(mc.horizon_p10_usd_per_million_tokens, result.currency),
         "One in ten samples costs less than this over the horizon."),
        ("P50 (median)", money(mc.horizon_p50_usd_per_million_tokens, result.currency),
         "Half the samples cost less than this."),
        ("P90", money(mc.horizon_p90_usd_per_million_tokens, result.currency),
         "Nine in ten samples cost less than this."),
        ("This scenario", money(result.cost_usd_per_million_tokens, result.currency),
         "The deterministic figure the other pages show."),
    ]  # fmt: skip


def fan(mc: MonteCarloResult, scenario: Scenario) -> go.Figure:
    note = charts.footnote(scenario) + f" {mc.samples:,} samples, seed {mc.seed}."
    return figures.fan_chart(mc, footnote=note)


def tornado(bars: list[TornadoBar], result: Result, scenario: Scenario) -> go.Figure:
    return figures.tornado(
        bars,
        base_usd_per_million_tokens=result.cost_usd_per_million_tokens,
        footnote=charts.footnote(scenario),
    )


def distributions(mc: MonteCarloResult) -> pd.DataFrame:
    return pd.DataFrame(list(mc.distributions.items()), columns=["Input", "Distribution"])
