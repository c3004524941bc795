"""A scenario to compare with the current one: a few choices changed, or a whole saved one."""

from typing import Self

from pydantic import Field, model_validator

from tco.models.base import Slug, StrictModel
from tco.models.scenario import Scenario

MAX_VARIANTS = 3  # the current scenario plus three: four side by side


class Variant(StrictModel):
    """The current scenario with some choices changed (it follows the current one as it is
    edited), or a saved scenario taken as it is (tco.analysis.variants builds either)."""

    accelerator_id: Slug | None = Field(default=None, description="Another accelerator.")
    deployment_id: Slug | None = Field(default=None, description="Another deployment preset.")
    site_id: Slug | None = Field(default=None, description="Another site.")
    cooling_id: Slug | None = Field(default=None, description="Another cooling.")
    scenario: Scenario | None = Field(default=None, description="A saved scenario, as saved.")

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        changes = (self.accelerator_id, self.deployment_id, self.site_id, self.cooling_id)
        if self.scenario is not None and any(changes):
            raise ValueError("a variant is either a saved scenario or changes, not both")
        if self.scenario is None and not any(changes):
            raise ValueError("a variant changes at least one choice")
        return self
