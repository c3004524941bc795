"""Facilities: cooling technologies and sites."""

from typing import Literal, Self

from pydantic import Field, model_validator

from tco.models.base import LongText, ShortText, Slug, Sourced

Climate = Literal["cold", "temperate", "hot"]


class Cooling(Sourced):
    """A cooling technology: how efficiently and how densely it removes heat."""

    id: Slug
    name: ShortText = Field(min_length=1, description="Cooling technology.")
    pue_min: float = Field(ge=1.0, le=3.0, description="Best annual PUE in a cold climate [ratio].")
    pue_typical: float = Field(ge=1.0, le=3.0, description="Typical annual PUE [ratio].")
    pue_max: float = Field(ge=1.0, le=3.0, description="Annual PUE in a hot climate [ratio].")
    max_rack_kw: float = Field(gt=0, le=2000, description="Most power one rack can shed [kW].")
    facility_capex_premium_frac: float = Field(
        ge=0, le=2, description="Facility build cost above an air-cooled hall, per kW of IT [0-1]."
    )
    rack_fitout_usd: float = Field(
        ge=0, le=5e6, description="Rack, PDUs, containment and cooling distribution per rack [USD]."
    )
    wue_l_per_kwh: float = Field(
        ge=0, le=20, description="Water used on site per kWh of IT energy [L/kWh]."
    )
    currency_year: int = Field(ge=2015, le=2035, description="Year of the money figures.")
    notes: LongText = ""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.pue_min <= self.pue_typical <= self.pue_max:
            raise ValueError("PUE must satisfy pue_min ≤ pue_typical ≤ pue_max")
        return self

    def pue_for(self, climate: Climate) -> float:
        """Annual PUE for a climate [ratio].

        Cold sites economise more hours on free cooling: PUE half-way between the best and the
        typical figure; hot sites half-way between typical and worst. A documented assumption
        (The Green Grid, WP#49 "PUE: a comprehensive examination of the metric", 2012, shows the
        climate dependence; the half-way points are ours).
        """
        if climate == "cold":
            return (self.pue_min + self.pue_typical) / 2
        if climate == "hot":
            return (self.pue_typical + self.pue_max) / 2
        return self.pue_typical

    @classmethod
    def example(cls) -> "Cooling":
        return cls(
            id="direct-to-chip",
            name="Direct-to-chip liquid",
            pue_min=1.1,
            pue_typical=1.15,
            pue_max=1.2,
            max_rack_kw=132,
            facility_capex_premium_frac=0.085,
            rack_fitout_usd=60000,
            wue_l_per_kwh=0.2,
            currency_year=2025,
            source="datacentres.com cooling guide; Turner & Townsend DCCCI 2025",
            as_of="2025",
        )


class Site(Sourced):
    """A location: its electricity, grid carbon, construction and colocation prices."""

    id: Slug
    name: ShortText = Field(min_length=1, description="Site or market.")
    country: ShortText = Field(min_length=2, description="Country (ISO code or name).")
    climate: Climate = Field(description="Climate band; moves PUE between its min and max.")
    electricity_usd_per_kwh: float = Field(
        gt=0, le=5, description="Industrial electricity tariff [USD/kWh]."
    )
    grid_gco2e_per_kwh: float = Field(
        ge=0, le=2000, description="Grid carbon intensity [gCO2e/kWh]."
    )
    construction_usd_per_w: float = Field(
        gt=0, le=100, description="Data-centre build cost per watt of IT capacity [USD/W]."
    )
    colocation_usd_per_kw_month: float = Field(
        gt=0, le=5000, description="Colocation rate per kW of IT per month [USD/kW-month]."
    )
    currency_year: int = Field(ge=2015, le=2035, description="Year of the money figures.")
    notes: LongText = ""

    @classmethod
    def example(cls) -> "Site":
        return cls(
            id="us-texas",
            name="Texas (Dallas)",
            country="US",
            climate="hot",
            electricity_usd_per_kwh=0.0707,
            grid_gco2e_per_kwh=370,
            construction_usd_per_w=10.0,
            colocation_usd_per_kw_month=185,
            currency_year=2025,
            source="EIA Electric Power Monthly Table 5.6.A; CBRE H2 2024",
            as_of="2026-07",
        )
