"""Build the scenarios compared with the current one from their `Variant` descriptions.

A variant is either "the current scenario with a few choices changed" (accelerator,
deployment preset, site, cooling), which follows the current scenario as it is edited, or a
saved scenario taken as it is (tco.models.variant).
"""

from tco.data.catalogue import Catalogue
from tco.data.presets import runnable_mix
from tco.models import Scenario
from tco.models.variant import Variant

QUICK: dict[str, Variant] = {
    "NVIDIA B200 instead": Variant(accelerator_id="nvidia-b200"),
    "Direct-to-chip liquid cooling": Variant(cooling_id="direct-to-chip"),
    "Cloud on demand instead of owning": Variant(deployment_id="cloud-on-demand"),
    "Frankfurt instead": Variant(site_id="de-frankfurt"),
}
"""One-click variants for the usual questions (H100 vs B200, air vs liquid, …)."""


def label(variant: Variant, catalogue: Catalogue) -> str:
    """Short name for legends: what differs from the current scenario."""
    if variant.scenario is not None:
        return variant.scenario.name
    parts = []
    if variant.accelerator_id:
        part = catalogue.accelerators.get(variant.accelerator_id)
        parts.append(part.label if part else variant.accelerator_id)
    for item_id, table in ((variant.deployment_id, "deployments"), (variant.site_id, "sites"),
                           (variant.cooling_id, "cooling")):  # fmt: skip
        if item_id:
            row = getattr(catalogue, table).get(item_id)
            parts.append(row.name.split(" (")[0] if row else item_id)
    return " · ".join(parts)


def build(variant: Variant, current: Scenario, catalogue: Catalogue) -> Scenario:
    """The scenario a variant stands for; TcoError/ValidationError if it cannot be built."""
    if variant.scenario is not None:
        return variant.scenario
    data = current.model_dump()
    if variant.deployment_id:
        preset = catalogue.get("deployments", variant.deployment_id)
        data["deployment"] = preset.as_deployment().model_dump()
        data["operations"] = preset.as_operations().model_dump()
        data["demand"]["peak_to_average"] = preset.peak_to_average
    if variant.accelerator_id:
        accelerator = catalogue.get("accelerators", variant.accelerator_id)
        data["accelerator_id"] = accelerator.id
        data["workloads"] = [
            w.model_dump()
            for w in runnable_mix(Scenario.model_validate(data).workloads, accelerator)
        ]
    if variant.site_id:
        data["site_id"] = catalogue.get("sites", variant.site_id).id
    if variant.cooling_id:
        data["cooling_id"] = catalogue.get("cooling", variant.cooling_id).id
    data["name"] = label(variant, catalogue)[:120]
    return Scenario.model_validate(data)
