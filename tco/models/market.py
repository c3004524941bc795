"""Market prices to compare self-hosting against."""

from typing import Literal

from pydantic import Field

from tco.models.base import LongText, ShortText, Slug, Sourced


class ApiPrice(Sourced):
    """One provider's serverless price for one open model."""

    model_id: Slug = Field(description="LLM the price is for.")
    model: ShortText = Field(min_length=1, description="Model name as the provider lists it.")
    provider: ShortText = Field(min_length=1, description="Serving provider.")
    provider_model_id: ShortText = Field(default="", description="Provider's identifier.")
    input_usd_per_million_tokens: float = Field(
        ge=0, le=10_000, description="[USD per 1M input tokens]."
    )
    output_usd_per_million_tokens: float = Field(
        ge=0, le=10_000, description="[USD per 1M output tokens]."
    )
    currency_year: int = Field(ge=2015, le=2035, description="Year of the prices' US dollars.")
    confidence: Literal["high", "medium", "low"] = "medium"
    notes: LongText = ""

    @classmethod
    def example(cls) -> "ApiPrice":
        return cls(
            model_id="llama-3.3-70b",
            model="Llama 3.3 70B",
            provider="example",
            input_usd_per_million_tokens=0.6,
            output_usd_per_million_tokens=0.6,
            currency_year=2025,
            source="github.com/BerriAI/litellm model_prices_and_context_window.json",
            as_of="2025-09-01",
        )
