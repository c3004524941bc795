"""The Catalogue page's market views: purchase prices, and cloud prices filtered and charted.

Every figure is shown in the current scenario's currency at its price year (converted from
the catalogue's US dollars as the engine converts them), and marked when it is more than a
year old.
"""

from collections.abc import Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from tco.costs.cloud import AREAS, COMMITMENT_NAMES, PROVIDER_NAMES
from tco.costs.currency import MoneyBasis, money_basis
from tco.data.catalogue import Catalogue
from tco.data.freshness import STALE_MONTHS, age_months
from tco.models import Accelerator, Scenario
from tco.models.market import CloudPrice, Commitment
from tco.present.figures.market import RentalPoint, rental_prices
from tco.present.money import money, unit
from tco.ui import charts

KIND_WORDS = {
    "list": "list price",
    "street": "street price",
    "system-split": "system price ÷ accelerators",
    "estimate": "estimate",
}
AREA_CHOICES = ("the Americas", "Europe", "Asia-Pacific")


def basis(scenario: Scenario, catalogue: Catalogue) -> MoneyBasis:
    """The scenario's currency and price year, for the catalogue's prices."""
    finance = scenario.finance
    return money_basis(
        finance.currency, finance.currency_year, catalogue.fx_rates, catalogue.price_index
    )


def age(as_of: str, today: date) -> str:
    """'3 months', or a warning mark when older than a year."""
    months = age_months(as_of, today)
    if months is None:
        return "undated"
    text = f"{months} month{'s' if months != 1 else ''}"
    return f"⚠ {text}: over {STALE_MONTHS}" if months > STALE_MONTHS else text


def purchase_frame(
    catalogue: Catalogue, parts: Sequence[Accelerator], money_in: MoneyBasis, today: date
) -> pd.DataFrame:
    """Every purchase price row of the parts shown; the one a new purchase pays first."""
    rows = []
    for part in parts:
        chosen = catalogue.purchase_price(part.id)
        for row in (p for p in catalogue.accelerator_prices if p.accelerator_id == part.id):
            price = row.price_usd
            rows.append(
                {
                    "Accelerator": part.label,
                    "Costed at": "✓" if row is chosen else "",
                    "Basis": "not sold (rented only)"
                    if row.cloud_only
                    else KIND_WORDS[row.price_kind or "estimate"],
                    "Price": money(
                        None if price is None else money_in.from_usd(price, row.currency_year),
                        money_in.currency,
                    ),
                    "System": row.system_name,
                    "Covers": row.system_includes,
                    "Confidence": row.confidence,
                    "As of": row.as_of,
                    "Age": age(row.as_of, today),
                    "Source": row.source,
                    "Notes": row.notes,
                }
            )
    return pd.DataFrame(rows)


def cloud_rows(
    catalogue: Catalogue,
    parts: Sequence[Accelerator],
    *,
    providers: Sequence[str] = (),
    areas: Sequence[str] = (),
    commitment: Commitment = "on_demand",
) -> list[CloudPrice]:
    """Cloud prices of the parts shown, from the chosen providers and parts of the world."""
    ids = {p.id for p in parts}
    return [
        row
        for row in catalogue.cloud_prices
        if row.accelerator_id in ids
        and row.commitment == commitment
        and (not providers or row.provider in providers)
        and (not areas or AREAS.get(row.country) in areas)
    ]


def _per_hour(row: CloudPrice, money_in: MoneyBasis) -> float:
    return money_in.from_money(row.per_accelerator_hour, row.currency, row.currency_year)


def cloud_frame(
    catalogue: Catalogue, rows: Sequence[CloudPrice], money_in: MoneyBasis, today: date
) -> pd.DataFrame:
    """The cloud price rows as a table, cheapest first per part."""
    labels = {a.id: a.label for a in catalogue.accelerators.values()}
    ordered = sorted(rows, key=lambda r: (labels[r.accelerator_id], _per_hour(r, money_in)))
    return pd.DataFrame(
        [
            {
                "Accelerator": labels[r.accelerator_id],
                "Provider": PROVIDER_NAMES.get(r.provider, r.provider),
                "Region": f"{r.region_name or r.region} ({r.country})",
                "Instance": f"{r.instance_type} × {r.accelerators_per_instance}",
                "Per accelerator-hour": money(_per_hour(r, money_in), money_in.currency),
                "Terms": COMMITMENT_NAMES[r.commitment],
                "As of": r.as_of,
                "Age": age(r.as_of, today),
                "Confidence": r.confidence,
                "Source": r.source,
            }
            for r in ordered
        ]
    )


def cloud_chart(
    catalogue: Catalogue, rows: Sequence[CloudPrice], money_in: MoneyBasis, commitment: str
) -> go.Figure:
    """The spread of rental prices per part, one dot per provider and region."""
    labels = {a.id: a.label for a in catalogue.accelerators.values()}
    points = [
        RentalPoint(
            part=labels[r.accelerator_id],
            provider=r.provider,
            provider_name=PROVIDER_NAMES.get(r.provider, r.provider),
            place=f"{r.region_name or r.region} ({r.country}), {r.instance_type}",
            price_per_accelerator_hour=_per_hour(r, money_in),
        )
        for r in sorted(rows, key=lambda r: labels[r.accelerator_id])
    ]
    terms = COMMITMENT_NAMES.get(commitment, commitment)
    return rental_prices(
        points,
        unit=unit(money_in.currency, "accelerator-hour"),
        title=f"What one accelerator-hour costs to rent ({terms}), by provider and region",
        footnote=f"{charts.CATALOGUE_FOOTNOTE} Prices at {money_in.year} prices, converted "
        f"from each price list's currency and year. {date.today().isoformat()}.",
    )


def rent_from(catalogue: Catalogue, part: Accelerator, money_in: MoneyBasis) -> float | None:
    """The lowest on-demand price of one accelerator-hour of a part anywhere [currency/h]."""
    rows = [r for r in catalogue.cloud_prices if r.accelerator_id == part.id]
    on_demand = [r for r in rows if r.commitment == "on_demand"]
    return min((_per_hour(r, money_in) for r in on_demand), default=None)
