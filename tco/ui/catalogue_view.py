"""The Catalogue page's parts: filters, sort orders, the table (column labels taken from the
model) and the spec charts."""

import re
from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from tco.costs.currency import MoneyBasis
from tco.data.catalogue import Catalogue
from tco.models import Accelerator, Precision
from tco.models.money import Currency
from tco.present import figures
from tco.present.money import symbol, usd
from tco.ui import charts, data, market_view, state

PRECISIONS = list(Precision)
SPEC_METRICS = {metric: label for metric, (label, _) in figures.SPEC_METRICS.items()}
DEFAULT_SPEC = "memory_bandwidth_tb_per_s"


def spec_charts(shown: Sequence[Accelerator], metric: str) -> tuple[go.Figure, go.Figure]:
    """The chosen spec across the parts shown, and their dense peaks per precision."""
    note = charts.footnote()
    return (
        figures.spec_bars(shown, metric, footnote=note),
        figures.flops_bars(shown, footnote=note),
    )


# Column → short header; the unit and the help text come from the model's field description.
COLUMNS: dict[str, str] = {
    "vendor": "Vendor",
    "name": "Accelerator",
    "launch_year": "Launched",
    "memory_gb": "Memory",
    "memory_bandwidth_tb_per_s": "Bandwidth",
    "bf16_dense_tflops": "BF16",
    "fp8_dense_tflops": "FP8",
    "fp4_dense_tflops": "FP4",
    "int8_dense_tops": "INT8",
    "tdp_w": "Power",
    "system_accelerators": "Per system",
    "confidence": "Confidence",
    "custom": "Yours",
    "source": "Source",
    "id": "Id",
}
SORTS: dict[str, tuple[str, bool]] = {
    "Memory bandwidth, highest first": ("memory_bandwidth_tb_per_s", True),
    "Memory, largest first": ("memory_gb", True),
    "FP8 peak, highest first": ("fp8_dense_tflops", True),
    "Launch year, newest first": ("launch_year", True),
    "Price, lowest first": ("price_usd", False),
    "Vendor and name": ("label", False),
}


def _unit(field: str) -> str:
    found = re.search(r"\[([^\]]+)\]", Accelerator.model_fields[field].description or "")
    return found.group(1) if found else ""


def header(field: str) -> str:
    unit = _unit(field)
    return f"{COLUMNS[field]} [{unit}]" if unit else COLUMNS[field]


def filter_accelerators(
    accelerators: Iterable[Accelerator],
    *,
    vendors: Sequence[str] = (),
    min_memory_gb: float = 0.0,
    precisions: Sequence[Precision] = (),
    text: str = "",
) -> list[Accelerator]:
    """Parts from the chosen vendors with enough memory, every chosen precision and the text."""
    needle = text.strip().lower()
    return [
        a
        for a in accelerators
        if (not vendors or a.vendor in vendors)
        and a.memory_gb >= min_memory_gb
        and all(a.peak_tflops(p) for p in precisions)
        and (not needle or needle in f"{a.id} {a.label} {a.memory_type}".lower())
    ]


def sort_accelerators(accelerators: Iterable[Accelerator], order: str) -> list[Accelerator]:
    """Parts in the named order; parts lacking the figure go last."""
    field, descending = SORTS[order]
    have = [a for a in accelerators if getattr(a, field) is not None]
    lack = [a for a in accelerators if getattr(a, field) is None]
    return sorted(have, key=lambda a: getattr(a, field), reverse=descending) + lack


def summary_line(a: Accelerator) -> str:
    """The figures that matter most for inference, in one line."""
    peaks = ", ".join(
        f"{p.value.upper()} {a.peak_tflops(p):,.0f}"
        for p in (Precision.BF16, Precision.FP8, Precision.FP4)
        if a.peak_tflops(p)
    )
    parts = [
        f"{a.memory_gb:g} GB {a.memory_type}".strip(),
        f"{a.memory_bandwidth_tb_per_s:g} TB/s",
        f"{peaks} TFLOPS" if peaks else "",
        f"{a.tdp_w:,.0f} W" if a.tdp_w else "",
        f"{usd(a.price_usd)} to buy" if a.price_usd else "not sold or no purchase price",
        f"{a.system_accelerators} per system",
    ]
    return " · ".join(p for p in parts if p) + f". Source: {a.source} ({a.as_of})."


MARKET_COLUMNS: dict[str, tuple[str, str]] = {
    "price": ("Price", "Purchase price of one accelerator (the row a new purchase pays; see "
              "the Prices tab) [{currency}]."),
    "basis": ("Price basis", "List, street or system price, or an estimate."),
    "rent_from": ("Rent from", "Lowest on-demand price of one accelerator-hour among the "
                  "providers in the cloud price table [{currency}/h]."),
}  # fmt: skip
"""Market figures the table shows beside the datasheet, in the scenario's currency."""


def table(
    accelerators: Sequence[Accelerator], catalogue: Catalogue, money_in: MoneyBasis
) -> pd.DataFrame:
    """The parts with their datasheet columns and their market figures."""
    rows = []
    for a in accelerators:
        row = a.model_dump(mode="json", include=set(COLUMNS))
        bought = catalogue.purchase_price(a.id)
        price = (
            money_in.from_usd(bought.price_usd, bought.currency_year)
            if bought and bought.price_usd
            else (money_in.from_usd(a.price_usd, a.currency_year) if a.price_usd else None)
        )
        row["price"] = price
        row["basis"] = (
            market_view.KIND_WORDS[bought.price_kind or "estimate"]
            if bought
            else ("rented only" if catalogue.rented_only(a.id) else "")
        )
        row["rent_from"] = market_view.rent_from(catalogue, a, money_in)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*COLUMNS, *MARKET_COLUMNS])


def column_config(currency: Currency) -> dict[str, ColumnConfig]:
    """Headers with units, help from the model, and number formats for st.dataframe."""
    config: dict[str, ColumnConfig] = {}
    for field in COLUMNS:
        help_text = Accelerator.model_fields[field].description
        if field == "launch_year":
            config[field] = st.column_config.NumberColumn(
                header(field), help=help_text, format="%d"
            )
        elif field == "custom":
            config[field] = st.column_config.CheckboxColumn(header(field), help=help_text)
        else:
            config[field] = st.column_config.Column(header(field), help=help_text)
    sign = symbol(currency).replace("%", "%%")
    for field, (title, help_text) in MARKET_COLUMNS.items():
        described = help_text.format(currency=currency)
        if field == "basis":
            config[field] = st.column_config.TextColumn(title, help=described)
            continue
        per = "/h" if field == "rent_from" else ""
        config[field] = st.column_config.NumberColumn(
            f"{title} [{currency}{per}]",
            help=described,
            format=f"{sign}%,.2f" if per else f"{sign}%,.0f",
        )
    return config


def parts_table(parts: Sequence[Accelerator]) -> tuple[pd.DataFrame, dict[str, ColumnConfig]]:
    """The table of parts and its column settings, in the current scenario's money."""
    cat = data.catalogue()
    money_in = market_view.basis(state.current(), cat)
    return table(parts, cat, money_in), column_config(money_in.currency)
