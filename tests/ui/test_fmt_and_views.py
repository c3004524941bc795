"""Formatting never shows NaN or inf; user text stays inert; catalogue filters and sorts."""

import math

import pytest

from tco.costs.currency import money_basis
from tco.data.catalogue import builtin_catalogue
from tco.models import Accelerator, Precision
from tco.ui import catalogue_view as view
from tco.ui.fmt import MISSING, md, money, number, percent


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.234e9, "$1.23 B"), (4.56e6, "$4.56 M"), (45_600, "$46 k"), (456, "$456"),
     (4.5, "$4.50"), (0.1234, "$0.123"), (None, MISSING), (math.nan, MISSING), (math.inf, MISSING)],
)  # fmt: skip
def test_usd(value, text):
    assert money(value, "USD") == text


def test_number_and_percent_hide_non_finite_values():
    assert number(1234.5, 1, "kW") == "1,234.5 kW"
    assert number(math.nan) == MISSING
    assert percent(0.085, 1) == "8.5 %"
    assert percent(-math.inf) == MISSING


def test_markdown_in_user_text_is_escaped():
    assert md("ACME [click](http://x) **bold** $x$ :red[y]") == (
        r"ACME \[click\]\(http\:" + "\u2060" + r"//x\) \*\*bold\*\* \$x\$ \:red\[y\]"
    )  # the word joiner breaks the bare address GFM would link after reading the escapes


H100 = Accelerator.example()
MI = H100.model_copy(
    update={"id": "amd-x", "vendor": "AMD", "name": "X", "memory_gb": 192, "fp8_dense_tflops": None}
)
NO_PRICE = H100.model_copy(update={"id": "n", "name": "N", "price_usd": None})


def test_filters_combine():
    parts = [H100, MI, NO_PRICE]
    assert view.filter_accelerators(parts, vendors=["AMD"]) == [MI]
    assert view.filter_accelerators(parts, min_memory_gb=100) == [MI]
    assert view.filter_accelerators(parts, precisions=[Precision.FP8]) == [H100, NO_PRICE]
    assert view.filter_accelerators(parts, text=" amd-X ") == [MI]
    assert view.filter_accelerators(parts) == parts


def test_sorting_puts_missing_figures_last():
    order = view.sort_accelerators([NO_PRICE, MI, H100], "Price, lowest first")
    assert order[-1] is NO_PRICE
    by_memory = view.sort_accelerators([H100, MI], "Memory, largest first")
    assert by_memory == [MI, H100]


def test_headers_carry_units_from_the_model():
    assert view.header("memory_bandwidth_tb_per_s") == "Bandwidth [TB/s]"
    assert view.header("vendor") == "Vendor"
    catalogue = builtin_catalogue()
    for currency, rate in (("USD", 1.0), ("EUR", 0.857)):  # 2026 rate, data/fx_rates.csv
        money_in = money_basis(currency, 2026, catalogue.fx_rates, catalogue.price_index)
        frame = view.table([H100], catalogue, money_in)
        assert list(frame.columns) == [*view.COLUMNS, *view.MARKET_COLUMNS]
        # H100 SXM is costed at its list price, USD 30,000 in 2026 (accelerator_prices.csv)
        assert frame.loc[0, "price"] == pytest.approx(30_000 * rate)
        assert frame.loc[0, "basis"] == "list price"
