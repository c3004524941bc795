"""What a scenario assumes: every input, the ones that differ from the defaults, and sources.

"Default" is the scenario the catalogue's presets make with the same choices
(`tco.data.presets.example_scenario` for the scenario's deployment preset, accelerator and
workload presets), so the list names what the user changed after picking presets. An
override is compared with the catalogue figure it replaces. The inputs and their words
come from `tco.present.inputs`.
"""

from dataclasses import dataclass

from tco.data.catalogue import Catalogue
from tco.data.presets import DEFAULT_DEPLOYMENT_ID, example_scenario
from tco.engine.resolve import resolve
from tco.models import Overrides, Scenario
from tco.present.inputs import Input, inputs, same

_OVERRIDDEN = {  # override field → the `Resolved` figure it replaces
    "accelerator_price_usd": "price_usd",
    "cloud_usd_per_hour": "cloud_usd_per_hour",
    "electricity_usd_per_kwh": "electricity_usd_per_kwh",
    "pue": "pue",
    "grid_gco2e_per_kwh": "grid_gco2e_per_kwh",
    "colocation_usd_per_kw_month": "colocation_usd_per_kw_month",
    "construction_usd_per_w": "construction_usd_per_w",
}


@dataclass(frozen=True)
class Changed:
    """An input whose value differs from the default."""

    input: Input
    default: object


@dataclass(frozen=True)
class Source:
    """A catalogue row the scenario uses, what it supplies, and where its figures come from."""

    item: str
    supplies: str
    source: str
    as_of: str


def default_for(scenario: Scenario, catalogue: Catalogue) -> Scenario:
    """The preset scenario with the same deployment preset, accelerator and workload presets."""
    deployment_id = scenario.deployment.id
    if deployment_id not in catalogue.deployments:
        deployment_id = DEFAULT_DEPLOYMENT_ID
    preset_ids = [w.id for w in scenario.workloads if w.id in catalogue.workloads]
    return example_scenario(deployment_id, scenario.accelerator_id, preset_ids or None, catalogue)


def changed_inputs(scenario: Scenario, catalogue: Catalogue) -> list[Changed]:
    """Inputs that differ from `default_for`; overrides against the catalogue figure."""
    default = default_for(scenario, catalogue)
    defaults = {i.path: i.value for i in inputs(default)}
    catalogue_figures = resolve(scenario.model_copy(update={"overrides": Overrides()}), catalogue)
    changed = []
    for item in inputs(scenario):
        if item.path.startswith("overrides."):
            if item.value is None:
                continue
            field = item.path.removeprefix("overrides.")
            changed.append(Changed(item, getattr(catalogue_figures, _OVERRIDDEN[field])))
        elif item.path not in defaults:
            changed.append(Changed(item, None))  # a workload of the user's own
        elif not same(item.value, defaults[item.path]):
            changed.append(Changed(item, defaults[item.path]))
    return changed


def sources(scenario: Scenario, catalogue: Catalogue) -> list[Source]:
    """The catalogue rows behind the scenario's figures, each with its source and date."""
    accelerator = catalogue.get("accelerators", scenario.accelerator_id)
    rows = [
        Source(
            f"Accelerator: {accelerator.label}" + (" (user-added)" if accelerator.custom else ""),
            "memory, bandwidth, peak FLOPS, power",
            accelerator.source,
            accelerator.as_of,
        )
    ]
    resolved = resolve(scenario, catalogue)
    if resolved.purchase is not None:
        bought = resolved.purchase
        rows.append(
            Source(
                f"Purchase price: {accelerator.label}",
                f"{bought.price_kind} price"
                + (f", {bought.system_name}" if bought.system_name else ""),
                bought.source,
                bought.as_of,
            )
        )
    if resolved.cloud is not None:
        rows.append(
            Source(
                "Cloud price", resolved.cloud.words(), resolved.cloud.row.source,
                resolved.cloud.row.as_of,
            )
        )  # fmt: skip
    model_ids = list(dict.fromkeys(w.model_id for w in scenario.workloads))
    for model_id in model_ids:
        model = catalogue.get("models", model_id)
        rows.append(Source(f"Model: {model.name}", "architecture", model.source, model.as_of))
    for workload in scenario.workloads:
        if workload.id in catalogue.workloads:
            preset = catalogue.workloads[workload.id]
            rows.append(
                Source(
                    f"Workload: {preset.name}",
                    "lengths, latency targets, share",
                    preset.source,
                    preset.as_of,
                )
            )
    site = catalogue.get("sites", scenario.site_id)
    rows.append(
        Source(
            f"Site: {site.name}",
            "electricity, grid carbon, construction, colocation",
            site.source,
            site.as_of,
        )
    )
    cooling = catalogue.get("cooling", scenario.cooling_id)
    rows.append(
        Source(
            f"Cooling: {cooling.name}",
            "PUE, rack density, facility premium",
            cooling.source,
            cooling.as_of,
        )
    )
    if scenario.deployment.id in catalogue.deployments:
        deployment = catalogue.deployments[scenario.deployment.id]
        rows.append(
            Source(
                f"Deployment: {deployment.name}",
                "ownership, operations costs",
                deployment.source,
                deployment.as_of,
            )
        )
    prices = [p for p in catalogue.api_prices if p.model_id in model_ids]
    if prices:
        counts = {m: sum(p.model_id == m for p in prices) for m in model_ids}
        rows.append(
            Source(
                "Serverless API prices",
                "median of providers per model: "
                + ", ".join(f"{catalogue.models[m].name} ({n})" for m, n in counts.items() if n),
                "; ".join(dict.fromkeys(p.source for p in prices)),
                ", ".join(sorted({p.as_of for p in prices})),
            )
        )
    return rows
