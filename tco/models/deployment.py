"""Deployment models: who owns the hardware and the building, and how it is paid for."""

from typing import Literal, Self

from pydantic import Field, model_validator

from tco.models.base import Fraction, LongText, ShortText, Slug, StrictModel
from tco.models.finance import Operations
from tco.models.market import Commitment

DeploymentKind = Literal["owned", "colocation", "cloud", "edge", "hybrid"]


class Deployment(StrictModel):
    """Where and under what ownership the fleet runs.

    - ``owned``: hardware and facility bought (on-premises or hyperscale).
    - ``colocation``: hardware bought; power, cooling and space leased per kW-month.
    - ``cloud``: accelerators rented per hour; nothing bought.
    - ``edge``: small owned sites; no facility build, edge enclosures, low utilisation.
    - ``hybrid``: a base load owned, bursts above it rented; sovereign workloads stay owned.
    """

    id: Slug = Field(description="Preset this deployment started from.")
    name: ShortText = Field(min_length=1, description="Display name.")
    kind: DeploymentKind = Field(description="Ownership model.")
    cloud_provider: Slug | None = Field(
        default=None,
        description="Provider rented from (see `tco cloud-prices`); empty = whichever rents "
        "the part cheapest nearest the site.",
    )
    cloud_region: ShortText | None = Field(
        default=None,
        max_length=64,
        description="The provider's region code; empty = the region nearest the site (same "
        "country, else same part of the world).",
    )
    cloud_commitment: Commitment = Field(
        default="on_demand",
        description="Cloud pricing: on demand, committed for 1 or 3 years, or spot.",
    )
    cloud_price_frac: float = Field(
        default=1.0,
        gt=0,
        le=2,
        description="Share of the provider's listed price paid after negotiated discounts [0-1].",
    )
    hardware_discount_frac: Fraction = Field(
        default=0.0, le=0.8, description="Volume discount on the street price of hardware [0-1]."
    )
    owned_base_frac: Fraction = Field(
        default=1.0,
        description="Hybrid only: share of peak capacity owned; demand above it is rented [0-1].",
    )
    edge_site_usd_per_kw: float = Field(
        default=0.0,
        ge=0,
        le=1e5,
        description="Edge only: enclosure, UPS and cooling per kW [USD/kW].",
    )
    notes: LongText = ""

    @model_validator(mode="after")
    def _hybrid_base(self) -> Self:
        if self.kind == "hybrid" and not 0 < self.owned_base_frac < 1:
            raise ValueError(
                "a hybrid deployment owns part of the capacity: owned_base_frac in (0, 1)"
            )
        return self

    @property
    def owns_hardware(self) -> bool:
        return self.kind != "cloud"

    @property
    def builds_facility(self) -> bool:
        return self.kind in ("owned", "hybrid")

    @classmethod
    def example(cls) -> "Deployment":
        return cls(id="enterprise-on-prem", name="Enterprise on-premises", kind="owned")


class DeploymentPreset(Deployment):
    """A deployment from the catalogue, with its sources and suggested defaults."""

    source: LongText = Field(min_length=3, description="Where the figures come from.")
    as_of: ShortText = Field(min_length=4, description="Date the figures describe.")
    currency_year: int = Field(ge=2015, le=2035, description="Year of the money figures.")
    default_cooling_id: Slug = Field(description="Cooling this deployment usually has.")
    default_site_id: Slug = Field(description="Site this deployment usually uses.")
    peak_to_average: float = Field(
        ge=1, le=20, description="Typical peak-to-average demand ratio for this deployment [ratio]."
    )
    maintenance_frac_per_year: float = Field(
        ge=0, le=1, description="Hardware support per year, share of hardware capex [0-1/yr]."
    )
    software_usd_per_accelerator_year: float = Field(
        ge=0, le=1e6, description="Software licences per accelerator per year [USD/yr]."
    )
    staff_usd_per_accelerator_year: float = Field(
        ge=0, le=1e6, description="Operations staff per accelerator per year [USD/yr]."
    )

    def as_operations(self) -> Operations:
        return Operations(
            maintenance_frac_per_year=self.maintenance_frac_per_year,
            software_usd_per_accelerator_year=self.software_usd_per_accelerator_year,
            staff_usd_per_accelerator_year=self.staff_usd_per_accelerator_year,
        )

    def as_deployment(self) -> Deployment:
        """The scenario's deployment: the preset's terms, without its prose (which stays in
        the catalogue rather than in every scenario file and link)."""
        return Deployment(**self.model_dump(include=set(Deployment.model_fields) - {"notes"}))

    @classmethod
    def example(cls) -> "DeploymentPreset":
        return cls(
            **Deployment.example().model_dump(),
            source="see data/README.md",
            as_of="2026",
            currency_year=2026,
            default_cooling_id="air",
            default_site_id="us-virginia",
            peak_to_average=1.5,
            maintenance_frac_per_year=0.08,
            software_usd_per_accelerator_year=4500,
            staff_usd_per_accelerator_year=800,
        )
