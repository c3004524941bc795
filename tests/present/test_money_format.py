"""One money formatter: the currency's symbol, sizes that fit a tile, never NaN."""

import math

import pytest

from tco.models.money import CURRENCIES
from tco.present.money import MISSING, excel_format, money, symbol, unit


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [(1.234e9, "EUR", "€1.23 B"), (4.56e6, "GBP", "£4.56 M"), (45_600, "JPY", "¥46 k"),
     (456, "CNY", "CN¥456"), (4.5, "CHF", "CHF 4.50"), (0.1234, "INR", "₹0.123"),
     (0.0, "EUR", "€0"), (-1234.5, "EUR", "-€1,234"), (-0.5, "USD", "-$0.500")],
)  # fmt: skip
def test_money_writes_the_currency_symbol_at_a_readable_size(value, currency, text):
    assert money(value, currency) == text


@pytest.mark.parametrize("value", [None, math.nan, math.inf, -math.inf])
def test_money_never_shows_a_non_finite_value(value):
    assert money(value, "EUR") == MISSING
    assert money(value, "EUR", missing="n/a") == "n/a"


def test_every_currency_has_its_own_symbol():
    symbols = [symbol(c) for c in CURRENCIES]
    assert len(set(symbols)) == len(CURRENCIES)
    assert symbol("JPY") != symbol("CNY")  # yen and yuan are both "¥" in their own locales


def test_spreadsheet_format_and_unit_words():
    assert excel_format("EUR") == '"€"#,##0.00'
    assert excel_format("JPY", 0) == '"¥"#,##0'
    assert unit("EUR", "million tokens") == "EUR per million tokens"
    assert unit("GBP") == "GBP"
