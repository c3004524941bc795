"""Buying a part: which of its catalogued prices a new deployment pays, and what it covers.

data/accelerator_prices.csv holds one or more rows per part: a vendor list price, an
observed street price, the price of the system a buyer orders split per accelerator
(HGX/DGX servers, NVL72 racks, Gaudi kits), or a documented estimate where nothing is
published. A part that is only rented (TPU, Trainium, …) has a row saying so and no price.
"""

from tco.models.market import AcceleratorPrice, PriceKind

PREFERENCE: tuple[PriceKind, ...] = ("list", "street", "system-split", "estimate")
"""Which price a new deployment pays when a part has several: the vendor's list price of a
new part first; then the observed street price (several are used-market figures, flagged in
their notes and warned about); then the price of the system a buyer orders, split per
accelerator (the only price of rack-scale systems); an estimate last."""


def chosen_price(rows: list[AcceleratorPrice]) -> AcceleratorPrice | None:
    """The row a part is costed at by `PREFERENCE`, or None if it has no price (only rented,
    or not in the table)."""
    priced = [r for r in rows if r.price_kind is not None]
    if not priced:
        return None
    return min(priced, key=lambda r: PREFERENCE.index(r.price_kind or "estimate"))


def accelerator_share_usd(row: AcceleratorPrice, host_cost_frac: float) -> float:
    """The part of a catalogued price that is the accelerator itself [USD of the row's year].

    The engine adds the host (CPUs, memory, chassis, NICs) as ``host_cost_frac`` of the
    accelerator's price (docs/methodology.md §6). A system price that already covers the
    host (``includes_host``) is split so that accelerator + host give back exactly the
    system's price: price / (1 + host_cost_frac). Any other price is the accelerator's.
    """
    price = row.price_usd or 0.0
    return price / (1.0 + host_cost_frac) if row.includes_host else price
