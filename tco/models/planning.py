"""The power-budget planner's answer: what a site's power buys, part by part."""

from typing import Literal

from pydantic import Field

from tco.models.base import Slug, StrictModel
from tco.models.scenario import Scenario

PowerBasis = Literal["facility", "it"]

TOKENS_PER_USER_PER_DAY = 20_000.0
"""Tokens one user asks for on a working day [tokens/day]: ten requests of the default chat
workload (1,024 prompt + 1,024 generated tokens, data/workloads.csv), rounded (assumption:
an enterprise assistant used a few times an hour; replace it with your own figure)."""


class BudgetRow(StrictModel):
    """One part's fleet under the budget, or why it has none."""

    accelerator_id: Slug
    label: str
    feasible: bool
    reason: str | None = Field(default=None, description="Why this part has no fleet here.")
    accelerators: int = 0
    servers: int = 0
    racks: int = 0
    floor_area_m2: float = 0.0
    it_mw: float = Field(default=0.0, description="IT power of the fleet at its maximum [MW].")
    facility_mw: float = Field(default=0.0, description="The same with cooling (× PUE) [MW].")
    tokens_per_day: float = Field(
        default=0.0, description="Average tokens per day the fleet serves at the scenario's "
        "peak-to-average and headroom, within every latency target [tokens/day]."
    )  # fmt: skip
    users: float = Field(default=0.0, description="Users served at the stated tokens per user.")
    cost_usd_per_million_tokens: float = 0.0
    tokens_per_day_per_mw: float = Field(
        default=0.0, description="Tokens per day per MW of the budget [tokens/day/MW]."
    )
    scenario: Scenario | None = Field(
        default=None, description="The scenario of this fleet: demand set to what it serves."
    )


class BudgetPlan(StrictModel):
    """What a power budget buys at a site, under a cooling, for each part asked."""

    power_mw: float
    basis: PowerBasis
    site_id: Slug
    cooling_id: Slug
    tokens_per_user_per_day: float
    rows: list[BudgetRow] = Field(description="Parts with a fleet first, most tokens first.")
