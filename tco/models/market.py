"""Market prices: buying a part, renting it by the hour, and serverless APIs."""

from typing import Literal, Self

from pydantic import Field, model_validator

from tco.models.base import LongText, ShortText, Slug, Sourced
from tco.models.money import NUMERAIRE, Confidence, Currency


class PricedRow(Sourced):
    """Columns every market price row carries: its money, how old it is, how sure."""

    currency: Currency = Field(default=NUMERAIRE, description="ISO 4217 code of the price.")
    currency_year: int = Field(ge=2015, le=2035, description="Year of the price's money.")
    confidence: Confidence = Field(
        description="high: the seller's own list or an official statistic; medium: a faithful "
        "copy or a reputable secondary source; low: one secondary source, an observation or a "
        "derived value."
    )
    notes: LongText = Field(default="", description="Caveats; 'derived: …' for computed values.")


PriceKind = Literal["list", "street", "system-split", "estimate"]


class AcceleratorPrice(PricedRow):
    """What one accelerator costs to buy: a list, street or system price, or an estimate."""

    currency: Literal["USD"] = Field(default="USD", description="Purchase prices are in USD.")
    accelerator_id: Slug = Field(description="Part (accelerators.id).")
    price_kind: PriceKind | None = Field(
        default=None,
        description="list (vendor price), street (observed market price), system-split (the "
        "system a buyer orders divided by its accelerators), estimate (no published price; "
        "notes say how it was derived); empty for a part that is only rented.",
    )
    price_usd: float | None = Field(
        default=None, gt=0, le=1e8, description="Price of one accelerator [USD]."
    )
    system_name: ShortText = Field(default="", description="System the price refers to.")
    system_price_usd: float | None = Field(
        default=None, gt=0, le=1e9, description="Price of that whole system [USD]."
    )
    system_accelerators: int | None = Field(
        default=None, ge=1, le=100_000, description="Accelerators in that system [count]."
    )
    system_includes: LongText = Field(
        default="", description="What the system price covers and what it leaves out."
    )
    includes_host: bool = Field(
        default=False,
        description="The price already covers the host (CPUs, memory, chassis), so no "
        "separate server share is added to it.",
    )
    cloud_only: bool = Field(
        default=False,
        description="Not sold: the part is only rented (cloud_prices), so it has no price.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.cloud_only != (self.price_usd is None):
            raise ValueError("a price row needs price_usd unless the part is cloud_only")
        if (self.price_usd is None) != (self.price_kind is None):
            raise ValueError("price_kind and price_usd go together")
        if self.price_kind == "system-split":
            if not (self.system_price_usd and self.system_accelerators):
                raise ValueError("a system-split needs system_price_usd and system_accelerators")
            split = self.system_price_usd / self.system_accelerators
            if self.price_usd is None or abs(self.price_usd / split - 1) > 0.01:
                raise ValueError("price_usd of a system-split is system_price_usd / accelerators")
        if self.price_kind == "estimate" and "derived:" not in self.notes:
            raise ValueError("an estimate says in notes how it was derived ('derived: …')")
        return self

    @classmethod
    def example(cls) -> "AcceleratorPrice":
        return cls(
            accelerator_id="nvidia-b200",
            price_kind="system-split",
            price_usd=56_250,
            system_name="HGX B200 8-GPU server",
            system_price_usd=450_000,
            system_accelerators=8,
            includes_host=True,
            currency_year=2026,
            confidence="medium",
            source="mercatus-ai.com/blog/b200-server-price",
            as_of="2026-07-16",
        )


Commitment = Literal["on_demand", "reserved_1y", "reserved_3y", "spot"]


class CloudPrice(PricedRow):
    """One provider's hourly price for one instance in one region under one commitment."""

    provider: Slug = Field(description="Cloud provider: aws, azure, gcp, oci, lambda, …")
    region: ShortText = Field(min_length=1, description="The provider's own region code.")
    region_name: ShortText = Field(default="", description="Where the region is, in words.")
    country: ShortText = Field(
        pattern=r"^[A-Z]{2}$", description="ISO 3166 country code of the region."
    )
    instance_type: ShortText = Field(min_length=1, description="Instance, VM size or shape.")
    accelerator_id: Slug = Field(description="Part in the instance (accelerators.id).")
    accelerators_per_instance: int = Field(
        ge=1, le=100_000, description="Accelerators the price covers [count]."
    )
    price_per_hour: float = Field(
        gt=0, le=1e5, description="Whole-instance price per hour [currency/h]."
    )
    commitment: Commitment = Field(
        description="on_demand, reserved_1y / reserved_3y (committed rate per hour) or spot."
    )

    @property
    def per_accelerator_hour(self) -> float:
        """Price of one accelerator-hour [currency/h]."""
        return self.price_per_hour / self.accelerators_per_instance

    @classmethod
    def example(cls) -> "CloudPrice":
        return cls(
            provider="gcp",
            region="europe-west3",
            region_name="Frankfurt",
            country="DE",
            instance_type="a3-highgpu-8g",
            accelerator_id="nvidia-h100-sxm",
            accelerators_per_instance=8,
            price_per_hour=104.4314,
            commitment="on_demand",
            currency_year=2026,
            confidence="high",
            source="Google Cloud price list",
            as_of="2026-07-30",
        )


class AcceleratorHourReference(PricedRow):
    """A published all-in cost or rental price of one accelerator-hour, to check ours by."""

    currency: Literal["USD"] = Field(default="USD", description="References are in USD.")
    accelerator_id: Slug = Field(description="Part (accelerators.id).")
    reference_kind: Literal[
        "owning-hyperscaler-tco",
        "owning-neocloud-tco",
        "rental-3y-contract",
        "rental-1y-index",
        "rental-on-demand-marketplace",
    ] = Field(description="What the figure measures.")
    usd_per_accelerator_hour: float = Field(
        gt=0, le=1e4, description="The published figure [USD per accelerator-hour]."
    )
    usd_low: float | None = Field(default=None, gt=0, le=1e4, description="Low end [USD/h].")
    usd_high: float | None = Field(default=None, gt=0, le=1e4, description="High end [USD/h].")
    publisher: ShortText = Field(min_length=1, description="Who publishes the figure.")

    @classmethod
    def example(cls) -> "AcceleratorHourReference":
        return cls(
            accelerator_id="nvidia-h100-sxm",
            reference_kind="owning-hyperscaler-tco",
            usd_per_accelerator_hour=1.3,
            publisher="SemiAnalysis",
            currency_year=2026,
            confidence="medium",
            source="SemiAnalysis InferenceX dashboard constants",
            as_of="2026-04-02",
        )


class ApiPrice(PricedRow):
    """One provider's list price for a serverless model on a date: the API price history."""

    currency: Literal["USD"] = Field(default="USD", description="API prices are in USD.")
    model_class: Slug = Field(
        description="Class of model the price stands for (open-dense-70b, open-moe-large, "
        "closed-frontier, …): one price decline is fitted per class."
    )
    model_id: Slug | None = Field(
        default=None, description="LLM the price is for (models.id); empty for other models."
    )
    model: ShortText = Field(min_length=1, description="Model name as the provider lists it.")
    provider: ShortText = Field(min_length=1, description="Serving provider.")
    provider_model_id: ShortText = Field(default="", description="Provider's identifier.")
    input_usd_per_million_tokens: float = Field(
        ge=0, le=10_000, description="[USD per 1M input tokens]."
    )
    output_usd_per_million_tokens: float = Field(
        ge=0, le=10_000, description="[USD per 1M output tokens]."
    )

    @classmethod
    def example(cls) -> "ApiPrice":
        return cls(
            model_class="open-dense-70b",
            model_id="llama-3.3-70b",
            model="Llama 3.3 70B",
            provider="example",
            input_usd_per_million_tokens=0.6,
            output_usd_per_million_tokens=0.6,
            currency_year=2025,
            confidence="medium",
            source="github.com/BerriAI/litellm model_prices_and_context_window.json",
            as_of="2025-09-01",
        )
