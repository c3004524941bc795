"""The Overview page's parts: the summary sentences, the headline tiles and the two charts."""

import plotly.graph_objects as go

from tco.models import Result, Scenario
from tco.present import figures, summary
from tco.ui import charts
from tco.ui.data import catalogue
from tco.ui.fmt import md, money, number, power_kw

Tile = tuple[str, str, str]  # label, value, help


def sentences(result: Result, scenario: Scenario) -> str:
    """What it costs and what drives the cost, as Markdown-safe text."""
    accelerator = catalogue().get("accelerators", scenario.accelerator_id)
    return md(summary.summary(result, scenario, accelerator.label))


def tiles(result: Result) -> list[list[Tile]]:
    """Two rows of headline figures with their help text."""
    help_of = {name: info.description or "" for name, info in type(result).model_fields.items()}
    cash = lambda amount: money(amount, result.currency)  # noqa: E731
    return [
        [
            ("Cost per M tokens", cash(result.cost_usd_per_million_tokens),
             "Blended over input and output tokens and over the horizon; idle hours included."),
            ("Input, per M tokens", cash(result.cost_usd_per_million_input_tokens),
             "Cost per million prompt tokens."),
            ("Output, per M tokens", cash(result.cost_usd_per_million_output_tokens),
             "Cost per million generated tokens."),
            ("Accelerators", number(result.accelerators), help_of["accelerators"]),
            ("Racks", number(result.racks), "Racks in month 1 at the planned rack power."),
        ],
        [
            ("Facility power", power_kw(result.facility_power_kw), help_of["facility_power_kw"]),
            ("Capex", cash(result.capex_usd), help_of["capex_usd"]),
            ("Opex per year", cash(result.opex_usd_per_year), help_of["opex_usd_per_year"]),
            ("Energy per token", number(result.joules_per_token, 2, "J"),
             help_of["joules_per_token"]),
            ("CO₂e per M tokens", number(result.gco2e_per_million_tokens, 1, "g"),
             "Grid emissions of the facility's energy per million tokens served [g CO₂e]."),
        ],
    ]  # fmt: skip


def cost_over_time(result: Result, scenario: Scenario) -> go.Figure:
    return figures.cost_over_time(
        {scenario.name: result.timeline},
        api_usd_per_million_tokens=result.api_usd_per_million_tokens,
        footnote=charts.footnote(scenario),
    )


def breakdown(result: Result, scenario: Scenario) -> go.Figure:
    return figures.cost_breakdown(
        result.breakdown_usd,
        title=f"Cost breakdown, {scenario.horizon_months} months",
        footnote=charts.footnote(scenario),
    )
