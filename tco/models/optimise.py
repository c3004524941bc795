"""The optimiser's question and answer: what may change, within which limits, toward which goal.

`SearchSpace` lists the choices tried (every combination is one candidate configuration),
`Constraints` the limits a candidate must keep, `Objective` what "best" means. The answer,
`OptimiseResult`, ranks the candidates that keep every limit, says for each accelerator that
has none why (the binding constraint and by how much), and gives the Pareto frontiers and
what makes the winner beat the runner-up.
"""

from typing import Literal, Self

from pydantic import Field, model_validator

from tco.models.base import ShortText, Slug, StrictModel
from tco.models.hardware import Precision
from tco.models.results import Comparison
from tco.models.scenario import Scenario

Objective = Literal["cost", "total_cost", "tokens_per_mw", "co2e"]
OBJECTIVE_LABELS: dict[str, str] = {
    "cost": "lowest cost per million tokens",
    "total_cost": "lowest total cost over the horizon",
    "tokens_per_mw": "most tokens per megawatt",
    "co2e": "lowest CO₂e per million tokens",
}

MAX_CHOICES = 64
"""Most values one dimension of the search may list."""


class SearchSpace(StrictModel):
    """The values tried on each dimension; empty or None keeps the scenario's own choice.

    Every combination of part × precision × system size × cooling × rack density × site ×
    deployment (× owned share for a hybrid) is one candidate. Cloud deployments ignore
    cooling and rack density (the provider's racks), so they are tried once per site.
    """

    accelerator_ids: list[Slug] | None = Field(
        default=None, max_length=MAX_CHOICES, description="Parts tried; None = every part."
    )
    precisions: list[Precision] = Field(
        default_factory=list,
        max_length=8,
        description="Weight precisions tried for every workload; empty = each workload's own.",
    )
    system_sizes: list[int] = Field(
        default_factory=list,
        max_length=8,
        description="Accelerators per serving system tried; empty = the part's usual system.",
    )
    cooling_ids: list[Slug] | None = Field(
        default=None, max_length=MAX_CHOICES, description="Cooling tried; None = every kind."
    )
    rack_power_kw: list[float] = Field(
        default_factory=list,
        max_length=8,
        description="Planned rack powers tried [kW]; empty = each cooling's maximum.",
    )
    site_ids: list[Slug] | None = Field(
        default=None, max_length=MAX_CHOICES, description="Sites tried; None = every site."
    )
    deployment_ids: list[Slug] | None = Field(
        default=None,
        max_length=MAX_CHOICES,
        description="Deployment presets tried; None = every preset.",
    )
    hybrid_owned_fracs: list[float] = Field(
        default_factory=lambda: [0.4, 0.6, 0.8],
        max_length=8,
        description="Owned shares of peak capacity tried for a hybrid deployment [0-1].",
    )

    @model_validator(mode="after")
    def _values_in_range(self) -> Self:
        if any(not 1 <= n <= 1024 for n in self.system_sizes):
            raise ValueError("system sizes must be between 1 and 1,024 accelerators")
        if any(not 0 < kw <= 2000 for kw in self.rack_power_kw):
            raise ValueError("rack powers must be above 0 and at most 2,000 kW")
        if any(not 0 < f < 1 for f in self.hybrid_owned_fracs):
            raise ValueError("a hybrid's owned share must be between 0 and 1 (exclusive)")
        return self

    @classmethod
    def example(cls) -> "SearchSpace":
        return cls(accelerator_ids=["nvidia-h100-sxm", "nvidia-b200"], site_ids=["us-texas"])


class Constraints(StrictModel):
    """Limits every candidate must keep; None = no limit. Latency targets are the workloads'."""

    power_cap_mw: float | None = Field(
        default=None,
        gt=0,
        le=10_000,
        description="Most facility power the owned fleet may draw at its largest [MW].",
    )
    capex_budget_usd: float | None = Field(
        default=None, gt=0, le=1e13, description="Most cash spent on purchases [USD]."
    )
    yearly_budget_usd: float | None = Field(
        default=None, gt=0, le=1e13, description="Most total cost per year, on average [USD/yr]."
    )
    floor_area_m2: float | None = Field(
        default=None,
        gt=0,
        le=1e7,
        description="Most white space the owned racks may take at their largest [m²].",
    )
    sovereign_countries: list[ShortText] = Field(
        default_factory=list,
        max_length=50,
        description="Countries where sovereign workloads may run; empty = any owned site.",
    )

    @classmethod
    def example(cls) -> "Constraints":
        return cls(power_cap_mw=2.0)


class Choice(StrictModel):
    """One candidate configuration: the value chosen on every dimension."""

    accelerator_id: Slug
    precision: Precision | None = Field(default=None, description="None: each workload's own.")
    system_accelerators: int | None = None
    cooling_id: Slug
    rack_power_kw: float | None = None
    site_id: Slug
    deployment_id: Slug
    owned_base_frac: float | None = Field(default=None, description="Hybrid only [0-1].")


class Metrics(StrictModel):
    """What the optimiser compares, for one candidate (money in the scenario's USD)."""

    cost_usd_per_million_tokens: float
    total_cost_usd: float
    capex_usd: float
    yearly_cost_usd: float = Field(description="Total cost per year, on average [USD/yr].")
    facility_mw: float = Field(description="Facility power of the whole fleet, month 1 [MW].")
    site_peak_mw: float = Field(description="Facility power of the owned fleet at its largest.")
    floor_area_m2: float = Field(description="White space of the owned racks at their largest.")
    tokens_per_day_per_mw: float = Field(description="Month 1 tokens per day per facility MW.")
    gco2e_per_million_tokens: float
    accelerators: int = Field(description="Fleet in month 1 [count].")


class Ranked(StrictModel):
    """A candidate that keeps every limit, with its figures as `run()` computes them."""

    rank: int
    label: str = Field(description="The choices in words.")
    choice: Choice
    metrics: Metrics


class Rejection(StrictModel):
    """Why no configuration of one accelerator keeps every limit."""

    accelerator_id: Slug
    label: str
    binding: str = Field(description="The constraint that binds, or 'cannot run'.")
    reason: str = Field(description="One plain sentence: what binds and by how much.")


class ParetoPoint(StrictModel):
    """A candidate no other beats on both axes."""

    label: str
    cost_usd_per_million_tokens: float
    value: float = Field(description="The other axis: facility MW or gCO₂e per million tokens.")


class OptimiseResult(StrictModel):
    """The optimiser's answer (tco.analysis.optimise.optimise)."""

    objective: Objective
    candidates: int = Field(description="Configurations evaluated.")
    runnable: int = Field(description="Configurations the engine can run.")
    within_limits: int = Field(description="Configurations that also keep every limit.")
    ranked: list[Ranked] = Field(description="The best, confirmed with run(), best first.")
    rejections: list[Rejection]
    pareto_power: list[ParetoPoint]
    pareto_co2e: list[ParetoPoint]
    why: Comparison | None = Field(
        default=None, description="Runner-up → winner: what the difference is made of."
    )
    winner: Scenario | None = None
    infeasible_reason: str | None = Field(
        default=None, description="When nothing keeps every limit: what binds and by how much."
    )
    not_searched: list[str] = Field(description="What the search does not vary yet.")
