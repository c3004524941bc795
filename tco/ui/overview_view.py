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


def tiles(result: Result, scenario: Scenario) -> list[list[Tile]]:
    """Two rows of headline figures with their help text."""
    help_of = {name: info.description or "" for name, info in type(result).model_fields.items()}
    cash = lambda amount: money(amount, result.currency)  # noqa: E731
    return [
        [
            ("Cost per M tokens", cash(result.cost_usd_per_million_tokens),
             "Blended over input and output tokens and over the horizon; idle hours included "
             "(reservation-based)."),
            ("Usage-based, per M tokens", cash(result.usage_cost_usd_per_million_tokens),
             "What a token costs if every hour of the fleet were used: the cost over the "
             "tokens the fleet could serve (the basis of per-hour price lists)."),
            ("Input, per M tokens", cash(result.cost_usd_per_million_input_tokens),
             "Cost per million prompt tokens."),
            ("Output, per M tokens", cash(result.cost_usd_per_million_output_tokens),
             "Cost per million generated tokens."),
            ("Accelerators", number(result.accelerators), help_of["accelerators"]),
            rack_tile(result, scenario),
        ],
        [
            facility_tile(result, scenario),
            ("Capex", cash(result.capex_usd), help_of["capex_usd"]),
            ("Opex per year", cash(result.opex_usd_per_year), help_of["opex_usd_per_year"]),
            ("Energy per token", number(result.joules_per_token, 2, "J"),
             help_of["joules_per_token"]),
            ("CO₂e per M tokens", number(result.gco2e_per_million_tokens, 1, "g"),
             "Grid emissions of the facility's energy per million tokens served [g CO₂e]."),
        ],
    ]  # fmt: skip


def rack_tile(result: Result, scenario: Scenario) -> Tile:
    """Racks of an owned fleet; none of ours when rented."""
    if not scenario.deployment.owns_hardware:
        return ("Racks", "none owned", "Rented capacity runs in the provider's racks.")
    return ("Racks", number(result.racks), "Racks in month 1 at the planned rack power.")


def facility_tile(result: Result, scenario: Scenario) -> Tile:
    """Facility power, marked as the provider's when rented (reported, not billed)."""
    if not scenario.deployment.owns_hardware:
        return ("Facility power (provider's)", power_kw(result.facility_power_kw),
                "What the rented fleet draws at full load in month 1, for information: the "
                "provider's energy is in the rental price.")  # fmt: skip
    help_text = type(result).model_fields["facility_power_kw"].description or ""
    return ("Facility power", power_kw(result.facility_power_kw), help_text)


def cost_over_time(result: Result, scenario: Scenario) -> go.Figure:
    return figures.cost_over_time(
        {scenario.name: result.timeline},
        api=summary.api_line(result),
        footnote=charts.footnote(scenario),
    )


def breakdown(result: Result, scenario: Scenario) -> go.Figure:
    return figures.cost_breakdown(
        result.breakdown_usd,
        title=f"Cost breakdown, {scenario.horizon_months} months",
        footnote=charts.footnote(scenario),
    )
