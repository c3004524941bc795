"""Money as people read it, the same on the pages, in charts, the CLI, the deck and workbooks.

One formatter, ``money(amount, currency)``: the amount is already in that currency (a
`Result` carries its ``currency``; see tco/costs/currency.py for the conversion), and the
formatter only writes it with the currency's symbol at a size that fits a tile or a slide.
"""

import math

from tco.models.money import Currency

MISSING = "—"

SYMBOLS: dict[Currency, str] = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CNY": "CN¥",
    "CHF": "CHF ",
    "SEK": "SEK ",
    "SGD": "S$",
    "INR": "₹",
}
"""Symbol written before an amount: the Unicode CLDR symbols of the English locale, which
tell the yen (¥) from the yuan (CN¥) and the US from the Singapore dollar (S$)."""


NAMES: dict[Currency, str] = {
    "USD": "US dollar",
    "EUR": "Euro",
    "GBP": "Pound sterling",
    "JPY": "Japanese yen",
    "CNY": "Chinese yuan",
    "CHF": "Swiss franc",
    "SEK": "Swedish krona",
    "SGD": "Singapore dollar",
    "INR": "Indian rupee",
}


def symbol(currency: Currency) -> str:
    """The prefix an amount in this currency is written with: '$', '€', 'CHF '."""
    return SYMBOLS[currency]


def money(value: float | None, currency: Currency, missing: str = MISSING) -> str:
    """€1.23 B, €4.56 M, €46 k, €456, €4.50, €0.123: short enough for a tile or a slide.

    ``value`` is an amount in ``currency``. ``missing`` stands in for None, NaN and inf,
    which are never shown as numbers.
    """
    if value is None or not math.isfinite(value):
        return missing
    sign, size, prefix = ("-" if value < 0 else ""), abs(value), symbol(currency)
    if size == 0:
        text = "0"
    elif size >= 1e9:
        text = f"{size / 1e9:,.2f} B"
    elif size >= 1e6:
        text = f"{size / 1e6:,.2f} M"
    elif size >= 1e4:
        text = f"{size / 1e3:,.0f} k"
    elif size >= 100:
        text = f"{size:,.0f}"
    elif size >= 1:
        text = f"{size:,.2f}"
    else:
        text = f"{size:,.3f}"
    return f"{sign}{prefix}{text}"


def usd(value: float | None, missing: str = MISSING) -> str:
    """An amount in US dollars: ``money(value, "USD")``, for figures that are always USD."""
    return money(value, "USD", missing)


def excel_format(currency: Currency, decimals: int = 2) -> str:
    """Spreadsheet number format showing the currency's symbol: '"€"#,##0.00'."""
    places = "." + "0" * decimals if decimals > 0 else ""
    return f'"{symbol(currency)}"#,##0{places}'


def unit(currency: Currency, per: str = "") -> str:
    """A unit in words for axis titles and table headers: 'EUR', 'EUR per million tokens'."""
    return f"{currency} per {per}" if per else currency
