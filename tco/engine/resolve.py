"""Resolving a scenario against the catalogue: the rows its ids name, overrides applied."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tco.data.catalogue import Catalogue
from tco.models import LLM, Accelerator, Cooling, Scenario, Site
from tco.models.errors import TcoError


@dataclass(frozen=True)
class Resolved:
    """The catalogue rows a scenario refers to, with its overrides applied."""

    accelerator: Accelerator
    site: Site
    cooling: Cooling
    models: tuple[LLM, ...]
    price_usd: float | None
    cloud_usd_per_hour: float | None
    electricity_usd_per_kwh: float
    pue: float
    grid_gco2e_per_kwh: float
    construction_usd_per_w: float
    colocation_usd_per_kw_month: float


@contextmanager
def _naming(field: str) -> Iterator[None]:
    """Prefix a lookup's error with the scenario field that holds the unknown id."""
    try:
        yield
    except TcoError as exc:
        raise TcoError(f"{field}: {exc}") from None


def resolve(scenario: Scenario, catalogue: Catalogue) -> Resolved:
    """Look up every id; overrides replace catalogue figures. Raises TcoError naming the field."""
    with _naming("accelerator_id"):
        accelerator = catalogue.get("accelerators", scenario.accelerator_id)
    with _naming("site_id"):
        site = catalogue.get("sites", scenario.site_id)
    with _naming("cooling_id"):
        cooling = catalogue.get("cooling", scenario.cooling_id)
    models = []
    for i, workload in enumerate(scenario.workloads):
        with _naming(f"workloads.{i}.model_id"):
            models.append(catalogue.get("models", workload.model_id))
    o = scenario.overrides
    return Resolved(
        accelerator=accelerator,
        site=site,
        cooling=cooling,
        models=tuple(models),
        price_usd=o.accelerator_price_usd or accelerator.price_usd,
        cloud_usd_per_hour=o.cloud_usd_per_hour or accelerator.cloud_usd_per_hour,
        electricity_usd_per_kwh=o.electricity_usd_per_kwh or site.electricity_usd_per_kwh,
        pue=o.pue or cooling.pue_for(site.climate),
        grid_gco2e_per_kwh=(
            site.grid_gco2e_per_kwh if o.grid_gco2e_per_kwh is None else o.grid_gco2e_per_kwh
        ),
        construction_usd_per_w=o.construction_usd_per_w or site.construction_usd_per_w,
        colocation_usd_per_kw_month=(
            o.colocation_usd_per_kw_month or site.colocation_usd_per_kw_month
        ),
    )
