"""The candidates of a search: every combination of the `SearchSpace`'s values.

Candidates come in groups that share everything but the site (`Group`): the engine's
timeline is vectorised over samples, and a site changes only sample values (tariff, PUE,
construction and colocation prices) and the grid's carbon, so one simulation per group
serves all its sites (tco.analysis.optimise.screen). A choice the part or the cooling
cannot take at all (a precision without tensor-core support, a rack denser than the cooling
removes) is not a configuration and is left out; everything else is evaluated.
"""

from dataclasses import dataclass
from itertools import product

from tco.data.catalogue import Catalogue
from tco.data.presets import runnable_mix
from tco.models import Accelerator, DeploymentPreset, Precision, Scenario
from tco.models.errors import TcoError
from tco.models.optimise import Choice, SearchSpace

CLOUD_KINDS = ("cloud",)
"""Deployments on the provider's racks: cooling and rack density are not ours to choose."""


@dataclass(frozen=True)
class Group:
    """Candidates that differ only in their site."""

    accelerator_id: str
    precision: Precision | None
    system_accelerators: int | None
    cooling_id: str
    rack_power_kw: float | None
    deployment_id: str
    owned_base_frac: float | None

    def choice(self, site_id: str) -> Choice:
        return Choice(
            accelerator_id=self.accelerator_id,
            precision=self.precision,
            system_accelerators=self.system_accelerators,
            cooling_id=self.cooling_id,
            rack_power_kw=self.rack_power_kw,
            site_id=site_id,
            deployment_id=self.deployment_id,
            owned_base_frac=self.owned_base_frac,
        )


def _ids(chosen: list[str] | None, table: dict, what: str) -> list[str]:
    ids = list(table) if chosen is None else list(dict.fromkeys(chosen))
    unknown = [i for i in ids if i not in table]
    if unknown:
        raise TcoError(f"{what}: unknown {', '.join(unknown)}; see `tco catalogue`")
    if not ids:
        raise TcoError(f"{what}: choose at least one")
    return ids


def sites(space: SearchSpace, catalogue: Catalogue) -> list[str]:
    """The sites searched, in catalogue order."""
    return _ids(space.site_ids, catalogue.sites, "site_ids")


def groups(space: SearchSpace, scenario: Scenario, catalogue: Catalogue) -> list[Group]:
    """Every group of the search, part by part (a part's groups are contiguous).

    Raises TcoError naming the dimension when an id is unknown or a dimension is empty.
    """
    parts = _ids(space.accelerator_ids, catalogue.accelerators, "accelerator_ids")
    coolings = _ids(space.cooling_ids, catalogue.cooling, "cooling_ids")
    deployments = _ids(space.deployment_ids, catalogue.deployments, "deployment_ids")
    sizes: list[int | None] = list(dict.fromkeys(space.system_sizes)) or [None]
    found: list[Group] = []
    for part_id in parts:
        part = catalogue.accelerators[part_id]
        for precision, size, deployment_id in product(_precisions(space, part), sizes,
                                                      deployments):  # fmt: skip
            preset = catalogue.deployments[deployment_id]
            facilities = _facilities(space, scenario, catalogue, coolings, preset.kind)
            for (cooling_id, rack_kw), share in product(facilities, _shares(space, preset)):
                found.append(
                    Group(part_id, precision, size, cooling_id, rack_kw, deployment_id, share)
                )
    return found


def _precisions(space: SearchSpace, part: Accelerator) -> list[Precision | None]:
    """The precisions searched that the part runs; None (each workload's own) if none asked."""
    if not space.precisions:
        return [None]
    return [p for p in dict.fromkeys(space.precisions) if part.peak_tflops(p)]


def _shares(space: SearchSpace, preset: DeploymentPreset) -> list[float | None]:
    """Owned shares tried: a hybrid's from the search (else its preset's), None otherwise."""
    if preset.kind != "hybrid":
        return [None]
    return list(dict.fromkeys(space.hybrid_owned_fracs)) or [preset.owned_base_frac]


def _facilities(
    space: SearchSpace, scenario: Scenario, catalogue: Catalogue, coolings: list[str], kind: str
) -> list[tuple[str, float | None]]:
    """(cooling, planned rack power) pairs for a deployment; one for the provider's racks."""
    if kind in CLOUD_KINDS:
        return [(scenario.cooling_id, None)]
    pairs: list[tuple[str, float | None]] = []
    for cooling_id in coolings:
        limit = catalogue.cooling[cooling_id].max_rack_kw
        densities: list[float | None] = [
            kw for kw in dict.fromkeys(space.rack_power_kw) if kw <= limit
        ]
        pairs.extend((cooling_id, kw) for kw in (densities or [None]))
    return pairs


def scenario_for(base: Scenario, choice: Choice, catalogue: Catalogue) -> Scenario:
    """The base scenario with a candidate's choices made (demand, money and mix kept).

    The deployment preset brings its ownership terms and operations, not its typical
    peak-to-average: the traffic is the scenario's, whoever owns the hardware. Built with
    `model_copy` for speed; `validated` re-checks a scenario before it is shown or saved.
    """
    part = catalogue.accelerators[choice.accelerator_id]
    preset = catalogue.deployments[choice.deployment_id]
    deployment = preset.as_deployment()
    if choice.owned_base_frac is not None:
        deployment = deployment.model_copy(update={"owned_base_frac": choice.owned_base_frac})
    if choice.precision is None:
        workloads = runnable_mix(base.workloads, part)
    else:
        workloads = [w.model_copy(update={"precision": choice.precision}) for w in base.workloads]
    return base.model_copy(
        update={
            "name": label(choice, catalogue)[:120],
            "accelerator_id": part.id,
            "system_accelerators": choice.system_accelerators,
            "workloads": workloads,
            "deployment": deployment,
            "operations": preset.as_operations(),
            "site_id": choice.site_id,
            "cooling_id": choice.cooling_id,
            "rack_power_kw": choice.rack_power_kw,
        }
    )


def validated(scenario: Scenario) -> Scenario:
    """The same scenario through every validator (raises ValidationError when invalid)."""
    return Scenario.model_validate(scenario.model_dump())


def label(choice: Choice, catalogue: Catalogue) -> str:
    """The choices in words: "NVIDIA B200 · FP8 · 8 per system · Direct-to-chip · …"."""
    part = catalogue.accelerators[choice.accelerator_id]
    preset = catalogue.deployments[choice.deployment_id]
    words = [part.label]
    if choice.precision is not None:
        words.append(choice.precision.value.upper())
    if choice.system_accelerators is not None:
        words.append(f"{choice.system_accelerators} per system")
    if preset.kind not in CLOUD_KINDS:
        words.append(catalogue.cooling[choice.cooling_id].name.split(" (")[0])
        if choice.rack_power_kw is not None:
            words.append(f"{choice.rack_power_kw:g} kW racks")
    words.append(catalogue.sites[choice.site_id].name.split(" (")[0])
    deployment = preset.name.split(" (")[0]
    if choice.owned_base_frac is not None:
        deployment += f" {choice.owned_base_frac:.0%} owned"
    words.append(deployment)
    return " · ".join(words)
