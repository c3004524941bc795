"""Complete scenarios built from the catalogue's presets; the product's default scenario.

`example_scenario()` joins a deployment preset (ownership, cooling, site, peak-to-average,
operations), an accelerator and workload presets (with their shares of the default mix)
into a valid `Scenario`. It feeds `tco example`, the dashboard's starting point and tests.
"""

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.models import Accelerator, Demand, Precision, Scenario, Workload
from tco.models.errors import TcoError

DEFAULT_DEPLOYMENT_ID = "enterprise-on-prem"
"""An enterprise hall with air cooling and list-price hardware: the common first question."""

DEFAULT_ACCELERATOR_ID = "nvidia-h100-sxm"
"""The most deployed inference part with complete public figures (price, DGX power, cloud
price, MLPerf results)."""

PRECISION_FALLBACK = (Precision.FP8, Precision.BF16, Precision.FP16, Precision.INT8)
"""Formats tried, in order, when a preset's precision is not supported by the part."""


def _precision_for(accelerator: Accelerator, wanted: Precision) -> Precision:
    """The preset's precision when the part runs it, else the first fallback it runs.

    Deployments do the same: FP4 checkpoints (e.g. gpt-oss MXFP4) are served in FP8 or BF16
    on parts without FP4 tensor cores.
    """
    if accelerator.peak_tflops(wanted):
        return wanted
    for precision in PRECISION_FALLBACK:
        if accelerator.peak_tflops(precision):
            return precision
    return wanted


def _mix(
    catalogue: Catalogue, accelerator: Accelerator, workload_ids: list[str] | None
) -> list[Workload]:
    """Workload presets with their default shares, rescaled to sum to one."""
    ids = list(catalogue.workloads) if workload_ids is None else workload_ids
    if not ids:
        raise TcoError("workload_ids: choose at least one workload preset; see `tco workloads`")
    if len(set(ids)) != len(ids):
        raise TcoError("workload_ids: each workload preset may appear once")
    presets = []
    for item in ids:
        try:
            presets.append(catalogue.get("workloads", item))
        except TcoError as exc:
            raise TcoError(f"workload_ids: {exc}") from None
    total = sum(p.share_frac for p in presets)
    mix = []
    for preset in presets:
        workload = preset.as_workload(share_frac=preset.share_frac / total)
        precision = _precision_for(accelerator, workload.precision)
        mix.append(workload.model_copy(update={"precision": precision}))
    # rounding: make the shares sum to exactly one
    drift = 1.0 - sum(w.share_frac for w in mix)
    mix[0] = mix[0].model_copy(update={"share_frac": mix[0].share_frac + drift})
    return mix


def example_scenario(
    deployment_id: str = DEFAULT_DEPLOYMENT_ID,
    accelerator_id: str = DEFAULT_ACCELERATOR_ID,
    workload_ids: list[str] | None = None,
    catalogue: Catalogue | None = None,
) -> Scenario:
    """A complete scenario from a deployment preset, an accelerator and workload presets.

    deployment_id: a row of data/deployments.csv (see `tco deployments`).
    accelerator_id: a row of data/accelerators.csv (see `tco catalogue`).
    workload_ids: rows of data/workloads.csv; default: all of them with their default shares.
    Raises TcoError naming the argument when an id is unknown.
    """
    catalogue = catalogue or builtin_catalogue()
    try:
        preset = catalogue.get("deployments", deployment_id)
    except TcoError as exc:
        raise TcoError(f"deployment: {exc}") from None
    try:
        accelerator = catalogue.get("accelerators", accelerator_id)
    except TcoError as exc:
        raise TcoError(f"accelerator: {exc}") from None
    workloads = _mix(catalogue, accelerator, workload_ids)
    return Scenario(
        name=f"{preset.name}, {accelerator.label}"[:120],
        accelerator_id=accelerator.id,
        workloads=workloads,
        deployment=preset.as_deployment(),
        site_id=preset.default_site_id,
        cooling_id=preset.default_cooling_id,
        demand=Demand(peak_to_average=preset.peak_to_average),
        operations=preset.as_operations(),
    )


def default_scenario(catalogue: Catalogue | None = None) -> Scenario:
    """The product's starting scenario: enterprise on-premises H100s serving the default mix."""
    return example_scenario(catalogue=catalogue)
