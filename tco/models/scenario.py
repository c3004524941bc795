"""A scenario: everything a user chooses, in one validated, shareable object."""

from typing import Literal, Self

from pydantic import Field, field_validator, model_validator

from tco.models.base import ShortText, Slug, StrictModel
from tco.models.deployment import Deployment
from tco.models.finance import CapexAssumptions, Demand, Finance, Operations, Trends
from tco.models.workload import Workload, check_shares


class Overrides(StrictModel):
    """Figures that replace the catalogue's for this scenario only; empty keeps the catalogue's.

    Money is in US dollars of the scenario's price year, whatever its currency: the result is
    converted once, with the rest (tco/costs/currency.py)."""

    accelerator_price_usd: float | None = Field(
        default=None, gt=0, le=1e8, description="Price of one accelerator [USD]."
    )
    cloud_usd_per_hour: float | None = Field(
        default=None, gt=0, le=10_000, description="On-demand rental per accelerator-hour [USD/h]."
    )
    electricity_usd_per_kwh: float | None = Field(
        default=None, gt=0, le=5, description="Electricity tariff [USD/kWh]."
    )
    pue: float | None = Field(
        default=None, ge=1, le=3, description="Power usage effectiveness [ratio]."
    )
    grid_gco2e_per_kwh: float | None = Field(
        default=None, ge=0, le=2000, description="Grid carbon intensity [gCO2e/kWh]."
    )
    colocation_usd_per_kw_month: float | None = Field(
        default=None, gt=0, le=5000, description="Colocation rate [USD/kW-month]."
    )
    construction_usd_per_w: float | None = Field(
        default=None, gt=0, le=100, description="Facility build cost [USD/W]."
    )

    @classmethod
    def example(cls) -> "Overrides":
        return cls()


class Scenario(StrictModel):
    """A complete TCO question: hardware, workload mix, site, cooling, money and demand."""

    schema_version: Literal[1] = Field(default=1, description="Version of this file format.")
    name: ShortText = Field(
        default="Scenario", min_length=1, max_length=120, description="Scenario name."
    )
    customer_name: ShortText = Field(
        default="", max_length=120, description="Customer shown in titles."
    )
    accelerator_id: Slug = Field(description="Accelerator of the fleet.")
    system_accelerators: int | None = Field(
        default=None,
        ge=1,
        le=100_000,
        description="Accelerators per serving system; empty = the part's usual system.",
    )
    workloads: list[Workload] = Field(min_length=1, max_length=12, description="Workload mix.")
    deployment: Deployment = Field(
        default_factory=Deployment.example, description="Ownership model."
    )
    site_id: Slug = Field(
        default="us-virginia",
        description="Site: its electricity price, grid carbon and building costs.",
    )
    cooling_id: Slug = Field(
        default="air", description="Cooling: its PUE and the most power a rack can shed."
    )
    rack_power_kw: float | None = Field(
        default=None,
        gt=0,
        le=2000,
        description="Planned power per rack [kW]; empty = the cooling's maximum.",
    )
    finance: Finance = Field(default_factory=Finance, description="Financing and depreciation.")
    capex: CapexAssumptions = Field(
        default_factory=CapexAssumptions, description="Costs around the accelerator."
    )
    operations: Operations = Field(default_factory=Operations, description="Running costs.")
    trends: Trends = Field(default_factory=Trends, description="Price and efficiency trends.")
    demand: Demand = Field(default_factory=Demand, description="Tokens, peaks and growth.")
    horizon_months: int = Field(default=60, ge=1, le=180, description="Months modelled [months].")
    overrides: Overrides = Field(
        default_factory=Overrides, description="Figures that replace the catalogue's."
    )

    @field_validator("workloads")
    @classmethod
    def _shares_sum_to_one(cls, workloads: list[Workload]) -> list[Workload]:
        return check_shares(workloads)

    @model_validator(mode="after")
    def _sovereign_needs_owned(self) -> Self:
        if self.deployment.kind == "cloud" and any(w.sovereign for w in self.workloads):
            raise ValueError(
                "a sovereign workload must run on owned hardware; choose an owned, colocation, "
                "edge or hybrid deployment, or clear 'sovereign'"
            )
        return self
