"""Money and time: financing, capital and operating assumptions, trends, and demand.

Default values are documented assumptions; docs/methodology.md gives the source or the
derivation of each one.
"""

from typing import Literal

from pydantic import Field

from tco.models.base import Fraction, StrictModel
from tco.models.money import FIRST_PRICE_YEAR, LAST_PRICE_YEAR, NUMERAIRE, Currency


class Finance(StrictModel):
    """How the capital is financed and written off."""

    wacc_frac: float = Field(
        default=0.08,
        ge=0,
        le=0.5,
        description="Discount rate: weighted average cost of capital [0-1/yr].",
    )
    hardware_life_years: float = Field(
        default=5, gt=0, le=15, description="Depreciation life of accelerators and servers [years]."
    )
    network_life_years: float = Field(
        default=5, gt=0, le=15, description="Depreciation life of network and storage [years]."
    )
    facility_life_years: float = Field(
        default=15, gt=0, le=40, description="Depreciation life of the facility build [years]."
    )
    residual_value_frac: Fraction = Field(
        default=0.10,
        le=0.9,
        description="Resale value of hardware at end of life, share of cost [0-1].",
    )
    financing: Literal["buy", "lease"] = Field(
        default="buy", description="Buy with capital at the WACC, or lease hardware."
    )
    lease_rate_frac: float = Field(
        default=0.12,
        ge=0,
        le=0.5,
        description="Lease only: implicit interest rate of the lease [0-1/yr].",
    )
    currency: Currency = Field(
        default=NUMERAIRE,
        description="Currency of every result; figures you enter stay in US dollars.",
    )
    currency_year: int = Field(
        default=LAST_PRICE_YEAR,
        ge=FIRST_PRICE_YEAR,
        le=LAST_PRICE_YEAR,
        description="Price year: all money is brought to this year's prices [year].",
    )

    @classmethod
    def example(cls) -> "Finance":
        return cls()


class CapexAssumptions(StrictModel):
    """What a deployed accelerator costs beyond the chip itself."""

    host_cost_frac: float = Field(
        default=0.30,
        ge=0,
        le=5,
        description="Host (CPUs, memory, chassis, NICs) per accelerator, share of its price [0-1].",
    )
    network_cost_frac: float = Field(
        default=0.12, ge=0, le=2, description="Scale-out network as a share of server spend [0-1]."
    )
    storage_cost_frac: float = Field(
        default=0.03, ge=0, le=2, description="Storage as a share of server spend [0-1]."
    )
    installation_cost_frac: float = Field(
        default=0.02,
        ge=0,
        le=1,
        description="Integration and installation as a share of hardware [0-1].",
    )

    @classmethod
    def example(cls) -> "CapexAssumptions":
        return cls()


class Operations(StrictModel):
    """Yearly running costs besides energy. The defaults are the default deployment preset's
    (data/deployments.csv, enterprise-on-prem; tests/test_defaults.py keeps them equal)."""

    maintenance_frac_per_year: float = Field(
        default=0.08,
        ge=0,
        le=1,
        description="Hardware support and spares per year, share of hardware capex [0-1/yr].",
    )
    software_usd_per_accelerator_year: float = Field(
        default=4500.0,
        ge=0,
        le=1e6,
        description="Software licences per accelerator per year [USD/yr].",
    )
    staff_usd_per_accelerator_year: float = Field(
        default=800.0,
        ge=0,
        le=1e6,
        description="Operations staff cost per accelerator per year [USD/yr].",
    )

    @classmethod
    def example(cls) -> "Operations":
        return cls()


class Trends(StrictModel):
    """How prices and efficiency move over the horizon."""

    electricity_escalation_frac_per_year: float = Field(
        default=0.03, ge=-0.5, le=1, description="Yearly change of the electricity tariff [0-1/yr]."
    )
    hardware_price_decline_frac_per_year: float = Field(
        default=0.15,
        ge=-0.5,
        le=0.9,
        description="Yearly fall of the price of new hardware [0-1/yr].",
    )
    cloud_price_decline_frac_per_year: float = Field(
        default=0.15, ge=-0.5, le=0.9, description="Yearly fall of cloud rental prices [0-1/yr]."
    )
    api_price_decline_frac_per_year: float | None = Field(
        default=None,
        ge=-0.5,
        le=0.95,
        description="Yearly fall of serverless API prices [0-1/yr]; empty = fitted to the "
        "price history of each model's class, 0 = held flat.",
    )
    software_efficiency_gain_frac_per_year: float = Field(
        default=0.10,
        ge=0,
        le=2,
        description="Yearly throughput gain from software on the same hardware [0-1/yr].",
    )
    refresh_at_end_of_life: bool = Field(
        default=True, description="Replace hardware when its depreciation life ends."
    )

    @classmethod
    def example(cls) -> "Trends":
        return cls()


class Demand(StrictModel):
    """How many tokens, how peaky, and how fast it grows."""

    tokens_per_day: float = Field(
        default=10e9,
        ge=0,
        le=1e16,
        description="Tokens (input + output) served per day at the start [tokens/day].",
    )
    growth_frac_per_year: float = Field(
        default=0.46,
        ge=-0.9,
        le=10,
        description=(
            "Yearly demand growth [0-1/yr]; the default is a market estimate (~46 %/yr): "
            "replace it with your own."
        ),
    )
    peak_to_average: float = Field(
        default=1.5, ge=1, le=20, description="Peak hour demand over the daily average [ratio]."
    )
    headroom_frac: float = Field(
        default=0.15, ge=0, le=2, description="Spare capacity kept above the peak [0-1]."
    )

    @classmethod
    def example(cls) -> "Demand":
        return cls()
