"""Cloud rental: which provider's price a scenario pays, and the bill it makes.

data/cloud_prices.csv holds hourly instance prices by provider, region and commitment. A
cloud or hybrid deployment names a provider, a region and a commitment, or leaves the
provider and region to the site: the nearest region that rents the part, cheapest first.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

import numpy as np

from tco.models.market import CloudPrice, Commitment


def rental_usd(
    accelerator_hours: np.ndarray,
    usd_per_accelerator_hour: np.ndarray | float,
    price_frac: float,
    decline_factor: np.ndarray | float,
) -> np.ndarray:
    """Rental bill [USD] = accelerator-hours [h] × the quoted price [USD/h] × the share of it
    paid after negotiated discounts [0-1] × price decline since the start [ratio].

    The quote is the provider's price for the commitment (`cloud_quote`). The decline factor
    applies to the whole rented fleet each month, i.e. contracts re-price as the market
    falls (a simplification for reserved terms, whose price is locked for the term).
    """
    return (
        accelerator_hours
        * np.asarray(usd_per_accelerator_hour, dtype=float)
        * price_frac
        * decline_factor
    )


PROVIDER_NAMES: dict[str, str] = {
    "aws": "AWS",
    "azure": "Microsoft Azure",
    "gcp": "Google Cloud",
    "oci": "Oracle Cloud",
    "lambda": "Lambda",
    "nebius": "Nebius",
    "coreweave": "CoreWeave",
    "cirrascale": "Cirrascale",
}
"""Providers as customers name them (ids as in data/cloud_prices.csv)."""

COMMITMENT_NAMES: dict[str, str] = {
    "on_demand": "on demand",
    "reserved_1y": "1-year commitment",
    "reserved_3y": "3-year commitment",
    "spot": "spot",
}

AREAS: dict[str, str] = {
    **dict.fromkeys(("US", "CA", "MX", "BR", "CL"), "the Americas"),
    **dict.fromkeys(
        ("DE", "FR", "NL", "IE", "GB", "SE", "FI", "NO", "DK", "ES", "IT", "PL", "CH", "BE", "AT"),
        "Europe",
    ),
    **dict.fromkeys(("JP", "SG", "IN", "KR", "AU", "ID", "HK", "TW", "MY"), "Asia-Pacific"),
    **dict.fromkeys(("AE", "SA", "IL", "QA", "ZA"), "the Middle East and Africa"),
}
"""Part of the world of each country a site or a cloud region is in."""


def distance_tier(site_country: str, region_country: str) -> int:
    """How far a region is from a site: 0 in the same country, 1 in the same part of the
    world, 2 further (an assumption: latency and data residency follow borders first)."""
    if site_country == region_country:
        return 0
    area = AREAS.get(site_country)
    return 1 if area is not None and area == AREAS.get(region_country) else 2


def commitment_share(prices: Sequence[CloudPrice], commitment: Commitment) -> float | None:
    """Median price of a commitment as a share of on demand [0-1] over every instance the
    table prices both ways (same provider, region and instance type); None if none does."""
    if commitment == "on_demand":
        return 1.0
    on_demand = {
        (p.provider, p.region, p.instance_type): p.price_per_hour
        for p in prices
        if p.commitment == "on_demand"
    }
    shares = [
        p.price_per_hour / on_demand[key]
        for p in prices
        if p.commitment == commitment
        and (key := (p.provider, p.region, p.instance_type)) in on_demand
    ]
    return median(shares) if shares else None


@dataclass(frozen=True)
class CloudQuote:
    """The rental price a scenario pays: the table row, and the share of it paid."""

    row: CloudPrice
    commitment: Commitment
    share_frac: float
    """1 when the row is priced at the commitment; else the commitment's median share of
    on demand (`commitment_share`) applied to this on-demand row [0-1]."""

    @property
    def per_accelerator_hour(self) -> float:
        """Price of one accelerator-hour in the row's currency of its year [currency/h]."""
        return self.row.per_accelerator_hour * self.share_frac

    def words(self) -> str:
        """Which price this is, for a result's notes: provider, region, instance, terms."""
        r = self.row
        place = f"{r.region} ({r.region_name})" if r.region_name else r.region
        terms = COMMITMENT_NAMES[self.commitment]
        if self.share_frac != 1.0:
            terms += f" (on-demand price × {self.share_frac:.2f}, the median {terms} share)"
        return (
            f"{PROVIDER_NAMES.get(r.provider, r.provider)} {place}, {r.instance_type}, {terms}, "
            f"price list of {r.as_of}"
        )


def cloud_quote(
    prices: Sequence[CloudPrice],
    accelerator_id: str,
    site_country: str,
    commitment: Commitment,
    provider: str | None = None,
    region: str | None = None,
    in_basis: Callable[[float, CloudPrice], float] = lambda amount, _: amount,
) -> CloudQuote | str:
    """The rental price for a part: the chosen provider and region (or the nearest region of
    any provider to the site, cheapest first), under the commitment; or why there is none.

    Candidates are ranked by `distance_tier`, then by price per accelerator-hour
    (``in_basis`` brings a row's price to one currency for that). A provider-region without
    a price for the commitment is priced at on demand × `commitment_share`.
    """
    rows = [p for p in prices if p.accelerator_id == accelerator_id]
    if not rows:
        return "no provider in the cloud price table rents it"
    if provider is not None:
        offered = sorted({p.provider for p in rows})
        rows = [p for p in rows if p.provider == provider]
        if not rows:
            return (
                f"{PROVIDER_NAMES.get(provider, provider)} does not rent it in the cloud price "
                f"table; {_listing(offered)}"
            )
    if region is not None:
        regions = sorted({p.region for p in rows})
        rows = [p for p in rows if p.region == region]
        if not rows:
            return f"it is not rented in {region}; regions that rent it: {', '.join(regions)}"
    quotes = [CloudQuote(p, commitment, 1.0) for p in rows if p.commitment == commitment]
    priced = {(q.row.provider, q.row.region) for q in quotes}
    share = commitment_share(prices, commitment)
    if share is not None:
        quotes += [
            CloudQuote(p, commitment, share)
            for p in rows
            if p.commitment == "on_demand" and (p.provider, p.region) not in priced
        ]
    if not quotes:
        return f"no {COMMITMENT_NAMES[commitment]} price for it in the cloud price table"
    return min(
        quotes,
        key=lambda q: (
            distance_tier(site_country, q.row.country),
            in_basis(q.per_accelerator_hour, q.row),
            q.row.provider,
            q.row.region,
        ),
    )


def _listing(providers: list[str]) -> str:
    return "providers that rent it: " + ", ".join(PROVIDER_NAMES.get(p, p) for p in providers)
