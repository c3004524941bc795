"""The one strict base every domain model derives from."""

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]{0,63}$"),
    Field(description="Stable identifier: lower case letters, digits, dots and hyphens."),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class StrictModel(BaseModel):
    """Immutable, validated, and refusing unknown fields.

    Field descriptions double as the dashboard's help text and the documentation,
    so each one states what the field means and its unit in brackets.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_default=True,
        allow_inf_nan=False,
        str_strip_whitespace=True,
    )

    @classmethod
    def example(cls) -> Self:  # pragma: no cover - every subclass overrides
        raise NotImplementedError


class Sourced(StrictModel):
    """Mixin fields for catalogue rows: where the figure comes from and when."""

    source: LongText = Field(min_length=3, description="Where the figures come from.")
    as_of: ShortText = Field(
        min_length=4, description="Date or period the figures describe (YYYY or YYYY-MM[-DD])."
    )
