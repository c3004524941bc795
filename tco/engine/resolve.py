"""Resolving a scenario against the catalogue: the rows its ids name, overrides applied,
every money figure in the scenario's currency and price year."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tco.costs.currency import MoneyBasis, money_basis
from tco.data.catalogue import Catalogue
from tco.models import LLM, Accelerator, Cooling, Scenario, Site
from tco.models.errors import TcoError


@dataclass(frozen=True)
class Resolved:
    """The catalogue rows a scenario refers to, with its overrides applied.

    Money fields are in the scenario's currency of its price year (``money``): the engine
    computes in that basis, so every result, chart and export is in it too. Their names
    keep the ``_usd`` of the inputs they come from.
    """

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
    money: MoneyBasis


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
    try:
        money = money_basis(
            scenario.finance.currency,
            scenario.finance.currency_year,
            catalogue.fx_rates,
            catalogue.price_index,
        )
    except TcoError as exc:
        raise TcoError(f"finance: {exc}") from None

    def figure(entered: float | None, catalogued: float | None, year: int) -> float | None:
        """An override (USD of the price year) or else the catalogue's (USD of its year)."""
        if entered:
            return money.from_usd(entered)
        return None if catalogued is None else money.from_usd(catalogued, year)

    def site_figure(entered: float | None, catalogued: float) -> float:
        return figure(entered, catalogued, site.currency_year) or 0.0

    return Resolved(
        accelerator=accelerator,
        site=site,
        cooling=cooling,
        models=tuple(models),
        price_usd=figure(o.accelerator_price_usd, accelerator.price_usd, accelerator.currency_year),
        cloud_usd_per_hour=figure(
            o.cloud_usd_per_hour, accelerator.cloud_usd_per_hour, accelerator.currency_year
        ),
        electricity_usd_per_kwh=site_figure(
            o.electricity_usd_per_kwh, site.electricity_usd_per_kwh
        ),
        pue=o.pue or cooling.pue_for(site.climate),
        grid_gco2e_per_kwh=(
            site.grid_gco2e_per_kwh if o.grid_gco2e_per_kwh is None else o.grid_gco2e_per_kwh
        ),
        construction_usd_per_w=site_figure(o.construction_usd_per_w, site.construction_usd_per_w),
        colocation_usd_per_kw_month=site_figure(
            o.colocation_usd_per_kw_month, site.colocation_usd_per_kw_month
        ),
        money=money,
    )
