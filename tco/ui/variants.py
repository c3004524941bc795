"""Scenarios to compare with the current one, kept in the URL beside it.

A variant is either "the current scenario with a few choices changed" (accelerator,
deployment preset, site, cooling), which follows the current scenario as it is edited,
or a saved scenario taken as it is. The list travels in the ``c`` query parameter as
compressed, validated JSON, like the scenario itself.
"""

import base64
import binascii
import zlib
from typing import Self

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from tco.data.catalogue import Catalogue
from tco.data.presets import PRECISION_FALLBACK
from tco.models import Accelerator, Scenario, Workload
from tco.models.base import Slug, StrictModel
from tco.models.errors import TcoError, one_line

MAX_VARIANTS = 3  # the current scenario plus three: four side by side
_MAX_JSON_BYTES = 256_000


class Variant(StrictModel):
    """One scenario to compare: the current one with changes, or a whole saved one."""

    accelerator_id: Slug | None = None
    deployment_id: Slug | None = None
    site_id: Slug | None = None
    cooling_id: Slug | None = None
    scenario: Scenario | None = Field(default=None, description="A saved scenario, as saved.")

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        changes = (self.accelerator_id, self.deployment_id, self.site_id, self.cooling_id)
        if self.scenario is not None and any(changes):
            raise ValueError("a variant is either a saved scenario or changes, not both")
        if self.scenario is None and not any(changes):
            raise ValueError("a variant changes at least one choice")
        return self

    def label(self, catalogue: Catalogue) -> str:
        """Short name for legends: what differs from the current scenario."""
        if self.scenario is not None:
            return self.scenario.name
        parts = []
        if self.accelerator_id:
            part = catalogue.accelerators.get(self.accelerator_id)
            parts.append(part.label if part else self.accelerator_id)
        for item_id, table in ((self.deployment_id, "deployments"), (self.site_id, "sites"),
                               (self.cooling_id, "cooling")):  # fmt: skip
            if item_id:
                row = getattr(catalogue, table).get(item_id)
                parts.append(row.name.split(" (")[0] if row else item_id)
        return " · ".join(parts)

    def build(self, current: Scenario, catalogue: Catalogue) -> Scenario:
        """The scenario this variant stands for; TcoError/ValidationError if it cannot be."""
        if self.scenario is not None:
            return self.scenario
        data = current.model_dump()
        if self.deployment_id:
            preset = catalogue.get("deployments", self.deployment_id)
            data["deployment"] = preset.as_deployment().model_dump()
            data["operations"] = preset.as_operations().model_dump()
            data["demand"]["peak_to_average"] = preset.peak_to_average
        if self.accelerator_id:
            accelerator = catalogue.get("accelerators", self.accelerator_id)
            data["accelerator_id"] = accelerator.id
            data["workloads"] = [
                w.model_dump() for w in runnable_mix(Scenario.model_validate(data), accelerator)
            ]
        if self.site_id:
            data["site_id"] = catalogue.get("sites", self.site_id).id
        if self.cooling_id:
            data["cooling_id"] = catalogue.get("cooling", self.cooling_id).id
        data["name"] = self.label(catalogue)[:120]
        return Scenario.model_validate(data)


def runnable_mix(scenario: Scenario, accelerator: Accelerator) -> list[Workload]:
    """The scenario's workloads with each precision the part lacks replaced by the first it
    has, in `tco.data.presets.PRECISION_FALLBACK` order (FP8, BF16, FP16, INT8), as deployments do.
    """
    mix = []
    for workload in scenario.workloads:
        if not accelerator.peak_tflops(workload.precision):
            runs = [p for p in PRECISION_FALLBACK if accelerator.peak_tflops(p)]
            if runs:
                workload = workload.model_copy(update={"precision": runs[0]})
        mix.append(workload)
    return mix


_LIST = TypeAdapter(list[Variant])


def encode(variants: list[Variant]) -> str:
    raw = _LIST.dump_json(variants, exclude_defaults=True)
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")


def decode(text: str) -> list[Variant]:
    """The variants in a link, or TcoError with one line."""
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, _MAX_JSON_BYTES)
    except (binascii.Error, ValueError, zlib.error):
        raise TcoError("the comparison in the link is damaged") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise TcoError("the comparison in the link is damaged or too large")
    try:
        variants = _LIST.validate_json(raw)
    except ValidationError as exc:
        raise TcoError(f"the comparison in the link is not valid: {one_line(exc)}") from None
    if len(variants) > MAX_VARIANTS:
        raise TcoError(f"a comparison holds at most {MAX_VARIANTS + 1} scenarios")
    return variants


QUICK: dict[str, Variant] = {
    "NVIDIA B200 instead": Variant(accelerator_id="nvidia-b200"),
    "Direct-to-chip liquid cooling": Variant(cooling_id="direct-to-chip"),
    "Cloud on demand instead of owning": Variant(deployment_id="cloud-on-demand"),
    "Frankfurt instead": Variant(site_id="de-frankfurt"),
}
"""One-click variants for the usual questions (H100 vs B200, air vs liquid, …)."""


def crossover_month(a_cash: list[float], b_cash: list[float]) -> int | None:
    """First month (1-based) the cumulative cash of the dearer-at-start one is at or below
    the other's: when spending more up front has paid for itself; None if it never does.

    Not in tco.analysis.compare yet (it attributes cost per token, not cash over time); move it
    there if the exports need it too.
    """
    if not a_cash or len(a_cash) != len(b_cash):
        return None
    first_a_dearer = a_cash[0] > b_cash[0]
    for month, (a, b) in enumerate(zip(a_cash, b_cash, strict=True), start=1):
        if (a <= b) if first_a_dearer else (b <= a):
            return month
    return None
