"""What the engine returns: operating points, per-workload and monthly figures, the result."""

from typing import Literal

from pydantic import Field

from tco.models.base import StrictModel
from tco.models.money import NUMERAIRE, Currency

Bound = Literal[
    "memory-bandwidth",
    "compute",
    "memory-capacity",
    "interconnect",
    "ttft",
    "tpot",
    "infeasible",
]

BOUND_LABELS: dict[str, str] = {
    "memory-bandwidth": "memory bandwidth",
    "compute": "compute",
    "memory-capacity": "memory capacity (batch)",
    "interconnect": "interconnect",
    "ttft": "first-token target",
    "tpot": "time-per-token target",
    "infeasible": "cannot run",
}
"""Each ``Bound`` in words, for tables, slides and pages."""


class OperatingPoint(StrictModel):
    """One steady-state operating point of a model served on one accelerator type.

    Rates are per accelerator, averaged over a serving system of ``system_accelerators``
    made of ``replicas`` model copies, each spread over ``tensor_parallel`` accelerators.
    """

    model_id: str
    accelerator_id: str
    precision: str
    input_tokens: int
    output_tokens: int
    system_accelerators: int = Field(ge=1)
    tensor_parallel: int = Field(ge=0, description="Accelerators per model copy [count].")
    replicas: int = Field(ge=0, description="Model copies per system [count].")
    batch_size: int = Field(ge=0, description="Concurrent sequences per model copy [count].")
    output_tokens_per_s_per_accelerator: float = Field(ge=0, description="[tokens/s].")
    input_tokens_per_s_per_accelerator: float = Field(
        ge=0, description="Prompt tokens processed [tokens/s]."
    )
    output_tokens_per_s_per_user: float = Field(
        ge=0, description="Interactivity, 1000/TPOT [tokens/s]."
    )
    ttft_ms: float = Field(ge=0, description="Time to first token [ms].")
    tpot_ms: float = Field(ge=0, description="Time per output token [ms].")
    prefill_time_frac: float = Field(
        ge=0, le=1, description="Share of accelerator time spent on prompt processing [0-1]."
    )
    bound: Bound = Field(description="What limits throughput at this point.")
    power_w_per_accelerator: float = Field(ge=0, description="Mean board power at this point [W].")
    joules_per_output_token: float = Field(
        ge=0, description="Accelerator energy per output token [J]."
    )
    weights_gb_per_accelerator: float = Field(ge=0, description="[GB].")
    kv_cache_gb_per_accelerator: float = Field(ge=0, description="[GB].")
    infeasible_reason: str | None = None

    @property
    def feasible(self) -> bool:
        return self.infeasible_reason is None


class WorkloadResult(StrictModel):
    """How one workload of the mix is served and what it costs."""

    id: str
    name: str
    model_id: str
    precision: str
    share_frac: float
    tokens_per_day: float = Field(ge=0, description="At the start of the horizon [tokens/day].")
    operating_point: OperatingPoint
    accelerators: float = Field(
        ge=0, description="Accelerators this workload occupies at peak, month 1 [count]."
    )
    cost_usd_per_million_tokens: float = Field(ge=0)
    cost_usd_per_million_input_tokens: float = Field(ge=0)
    cost_usd_per_million_output_tokens: float = Field(ge=0)
    cost_share_frac: float = Field(ge=0, le=1, description="Share of the scenario's cost [0-1].")


class MonthResult(StrictModel):
    """One month of the timeline."""

    month: int = Field(ge=1, description="Month number, 1 = the first month [month].")
    tokens: float = Field(ge=0, description="Tokens served this month [tokens].")
    accelerators: int = Field(ge=0, description="Accelerators in service (owned + rented) [count].")
    accelerators_rented: int = Field(ge=0, description="Of which rented [count].")
    utilisation_frac: float = Field(ge=0, le=1, description="Tokens served over capacity [0-1].")
    capex_usd: float = Field(ge=0, description="Cash spent on purchases this month [USD].")
    capital_charge_usd: float = Field(ge=0, description="Depreciation and return on capital [USD].")
    opex_usd: float = Field(ge=0, description="Running costs incl. rent and rental [USD].")
    cost_usd: float = Field(ge=0, description="capital charge + opex [USD].")
    cost_usd_per_million_tokens: float = Field(ge=0)
    cumulative_cash_usd: float = Field(ge=0, description="Cash out since month 1 [USD].")
    rental_cumulative_cash_usd: float | None = Field(
        default=None,
        ge=0,
        description="Cash out had the same fleet been rented on demand [USD]; empty when the "
        "accelerator has no cloud price.",
    )
    energy_kwh: float = Field(ge=0, description="Facility energy [kWh].")
    co2e_kg: float = Field(ge=0, description="Emissions from that energy [kg CO2e].")
    api_usd_per_million_tokens: float | None = Field(
        default=None, description="Serverless API median price of the mix this month."
    )


class BalanceCheck(StrictModel):
    """Internal consistency of a result; every field must be True."""

    components_sum_to_total: bool
    energy_equals_power_times_hours: bool
    tokens_within_capacity: bool

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problems(self) -> list[str]:
        """Each failed check in plain words (empty when the result balances)."""
        words = {
            "components_sum_to_total": "the cost components do not add up to the total",
            "energy_equals_power_times_hours": "the energy does not equal power × hours",
            "tokens_within_capacity": "more tokens are served than the fleet can produce",
        }
        return [text for name, text in words.items() if not getattr(self, name)]

    def message(self) -> str:
        """One sentence for a user when a check failed ('' when it balances)."""
        if self.ok:
            return ""
        return (
            "This result failed its internal balance check ("
            + "; ".join(self.problems)
            + "): treat its figures with care and please report the scenario."
        )


class TornadoBar(StrictModel):
    """Effect of moving one input across its stated range."""

    input: str
    label: str
    low_value: float
    high_value: float
    unit: str
    cost_at_low_usd_per_million_tokens: float
    cost_at_high_usd_per_million_tokens: float
    swing_usd_per_million_tokens: float = Field(ge=0)


class MonteCarloResult(StrictModel):
    """Spread of cost per million tokens from sampling the uncertain inputs."""

    samples: int = Field(ge=1)
    seed: int = Field(default=0, description="Seed of the random generator: rerun to reproduce.")
    months: list[int]
    p10_usd_per_million_tokens: list[float]
    p50_usd_per_million_tokens: list[float]
    p90_usd_per_million_tokens: list[float]
    horizon_p10_usd_per_million_tokens: float
    horizon_p50_usd_per_million_tokens: float
    horizon_p90_usd_per_million_tokens: float
    distributions: dict[str, str] = Field(description="Input → distribution sampled, in words.")


class AttributionStep(StrictModel):
    """One bar of an A → B waterfall: the change when one group of inputs moves from A to B."""

    driver: str = Field(description="Group of inputs swapped, e.g. 'hardware' or 'energy'.")
    label: str = Field(description="What the group contains, for the chart.")
    delta_usd_per_million_tokens: float = Field(description="Change of cost per million tokens.")
    cost_after_usd_per_million_tokens: float = Field(
        ge=0, description="Cost per million tokens once this group is B's."
    )


class Comparison(StrictModel):
    """Scenario A against B: both costs and the steps that lead from one to the other."""

    a_name: str
    b_name: str
    currency: Currency = Field(
        default=NUMERAIRE, description="Currency of both costs: A's (B is shown in A's money)."
    )
    feasible: bool
    infeasible_reason: str | None = None
    a_usd_per_million_tokens: float = Field(ge=0)
    b_usd_per_million_tokens: float = Field(ge=0)
    steps: list[AttributionStep] = Field(
        description="In the fixed driver order; the deltas sum to B − A."
    )


class Result(StrictModel):
    """Everything `run(scenario)` computes. Money in ``currency`` of ``currency_year``."""

    scenario_name: str
    currency: Currency = Field(default=NUMERAIRE, description="Currency of every money figure.")
    currency_year: int = Field(default=2026, description="Year of the money (its price level).")
    feasible: bool
    infeasible_reason: str | None = None
    cost_usd_per_million_tokens: float = Field(
        ge=0, description="Blended over the horizon, reservation-based."
    )
    cost_usd_per_million_input_tokens: float = Field(ge=0)
    cost_usd_per_million_output_tokens: float = Field(ge=0)
    usage_cost_usd_per_million_tokens: float = Field(
        ge=0, description="Cost per million tokens if idle capacity cost nothing (usage-based)."
    )
    accelerator_hour_cost_usd: float = Field(ge=0, description="All-in cost per accelerator-hour.")
    total_cost_usd: float = Field(ge=0, description="Over the horizon.")
    breakdown_usd: dict[str, float] = Field(
        description="Component → cost over the horizon; sums to the total."
    )
    capex_usd: float = Field(ge=0, description="Cash spent on purchases over the horizon.")
    opex_usd_per_year: float = Field(ge=0, description="Mean yearly running cost.")
    accelerators: int = Field(ge=0, description="Fleet in month 1.")
    peak_accelerators: int = Field(ge=0, description="Largest fleet over the horizon.")
    servers: int = Field(ge=0)
    racks: int = Field(ge=0)
    floor_area_m2: float = Field(ge=0)
    it_power_kw: float = Field(
        ge=0, description="Mean IT power drawn at the operating point, month 1 [kW]."
    )
    provisioned_it_kw: float = Field(
        default=0.0,
        ge=0,
        description="Maximum power of the owned servers in month 1: what the facility is "
        "built or leased for [kW].",
    )
    facility_power_kw: float = Field(
        ge=0,
        description="Facility power the month-1 fleet needs at full load, owned or rented: "
        "servers' maximum power × PUE [kW].",
    )
    pue: float = Field(ge=1)
    utilisation_frac: float = Field(ge=0, le=1, description="Mean over the horizon.")
    energy_kwh: float = Field(ge=0, description="Facility energy over the horizon.")
    co2e_kg: float = Field(ge=0)
    water_l: float = Field(ge=0)
    joules_per_token: float = Field(ge=0, description="Facility energy per token served.")
    gco2e_per_million_tokens: float = Field(ge=0)
    tokens_served: float = Field(ge=0, description="Over the horizon.")
    break_even_month: int | None = Field(
        default=None,
        description="First month owning is cumulatively cheaper than renting; empty if never.",
    )
    api_usd_per_million_tokens: float | None = Field(
        default=None,
        description="Median serverless API price of the mix's models, blended, averaged over "
        "the horizon like the cost (token-weighted).",
    )
    api_price_decline_frac_per_year: float | None = Field(
        default=None, description="Yearly fall of that API price, share-weighted [0-1/yr]."
    )
    rental_price: str | None = Field(
        default=None,
        description="Which cloud price the rental figures use: provider, region, instance, terms.",
    )
    workloads: list[WorkloadResult]
    timeline: list[MonthResult]
    balance: BalanceCheck
    warnings: list[str] = Field(default_factory=list)
    tornado: list[TornadoBar] | None = None
    monte_carlo: MonteCarloResult | None = None
