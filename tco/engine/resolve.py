"""Resolving a scenario against the catalogue: the rows its ids name, overrides applied,
every money figure in the scenario's currency and price year."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tco.costs.cloud import CloudQuote, cloud_quote
from tco.costs.currency import MoneyBasis, money_basis
from tco.costs.purchase import accelerator_share_usd
from tco.data.catalogue import Catalogue
from tco.models import LLM, Accelerator, Cooling, Scenario, Site
from tco.models.errors import TcoError
from tco.models.market import AcceleratorPrice


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
    """The accelerator's own price (a system price that covers the host is split)."""
    purchase: AcceleratorPrice | None
    """The catalogue's price row behind ``price_usd`` (None for an override or your part)."""
    cloud_usd_per_hour: float | None
    cloud: CloudQuote | None
    """The cloud price table's row behind ``cloud_usd_per_hour`` (None for an override)."""
    cloud_reason: str | None
    """Why the table has no rental price for this deployment, when it has none."""
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

    purchase = catalogue.purchase_price(accelerator.id)
    price = figure(o.accelerator_price_usd, accelerator.price_usd, accelerator.currency_year)
    if purchase is not None and not o.accelerator_price_usd:
        share = accelerator_share_usd(purchase, scenario.capex.host_cost_frac)
        price = money.from_usd(share, purchase.currency_year)
    quote = _cloud_quote(scenario, catalogue, site, money)
    rented = (
        None
        if isinstance(quote, str)
        else money.from_money(
            quote.per_accelerator_hour, quote.row.currency, quote.row.currency_year
        )
    )
    return Resolved(
        accelerator=accelerator,
        site=site,
        cooling=cooling,
        models=tuple(models),
        price_usd=price,
        purchase=None if o.accelerator_price_usd else purchase,
        cloud_usd_per_hour=(
            money.from_usd(o.cloud_usd_per_hour)
            if o.cloud_usd_per_hour
            else rented or figure(None, accelerator.cloud_usd_per_hour, accelerator.currency_year)
        ),
        cloud=None if isinstance(quote, str) or o.cloud_usd_per_hour else quote,
        cloud_reason=quote if isinstance(quote, str) else None,
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


def _cloud_quote(
    scenario: Scenario, catalogue: Catalogue, site: Site, money: MoneyBasis
) -> CloudQuote | str:
    """The rental price the deployment's provider, region and commitment give near the site."""
    d = scenario.deployment
    return cloud_quote(
        catalogue.cloud_prices,
        scenario.accelerator_id,
        site.country,
        d.cloud_commitment,
        provider=d.cloud_provider,
        region=d.cloud_region,
        in_basis=lambda amount, row: money.from_money(amount, row.currency, row.currency_year),
    )
