"""The result as tables: CSV (one table a file) and XLSX (one sheet a table), units in headers.

Tables: the monthly timeline, the cost breakdown, per-workload results, every input of the
scenario (with the default it replaces) and the sources of the catalogue figures used.
Every cell passes through `sanitise.cell`, so user text never becomes a formula.
"""

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from tco.export import assumptions
from tco.export.report import Report
from tco.export.sanitise import cell
from tco.models import BOUND_LABELS
from tco.present.figures import PALETTE
from tco.present.inputs import Input, inputs, value_text
from tco.present.labels import component_kind, component_label
from tco.present.money import excel_format
from tco.present.number_formats import COUNT, FRACTION, plain_format, tidy


@dataclass(frozen=True)
class Column:
    """A column: its header with the unit in brackets, and how a spreadsheet shows it."""

    header: str
    number_format: str = "General"
    width: int = 16


@dataclass(frozen=True)
class Formatted:
    """A cell whose number format is its own rather than its column's."""

    value: object
    number_format: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[object, ...]]


def _plain(value: object) -> object:
    """The value a cell stores: floats tidied of noise, a `Formatted` cell's own value."""
    return tidy(value.value if isinstance(value, Formatted) else value)


def _money(report: Report, header: str, decimals: int, width: int = 18) -> Column:
    """A money column in the result's currency: its code in the header, its symbol in the
    number format ("Cost [EUR]", "€#,##0.00")."""
    currency = report.result.currency
    return Column(header.replace("{cur}", currency), excel_format(currency, decimals), width)


def _timeline(report: Report) -> Table:
    columns = (
        Column("Month [month]", COUNT, 10),
        Column("Tokens served [tokens]", COUNT, 20),
        Column("Accelerators in service [count]", COUNT),
        Column("Of which rented [count]", COUNT),
        Column("Utilisation [fraction 0-1]", FRACTION),
        _money(report, "Cash spent on purchases [{cur}]", 2, width=18),
        _money(report, "Capital charge [{cur}]", 2, width=18),
        _money(report, "Operating costs [{cur}]", 2, width=18),
        _money(report, "Cost [{cur}]", 2, width=18),
        _money(report, "Cost per million tokens [{cur}/M tokens]", 4, width=20),
        _money(report, "Cumulative cash out [{cur}]", 2, width=20),
        _money(report, "Cumulative cash out if rented on demand [{cur}]", 2, width=22),
        Column("Facility energy [kWh]", COUNT, 18),
        Column("Emissions [kg CO2e]", COUNT, 18),
    )
    rows = [
        (
            m.month,
            m.tokens,
            m.accelerators,
            m.accelerators_rented,
            m.utilisation_frac,
            m.capex_usd,
            m.capital_charge_usd,
            m.opex_usd,
            m.cost_usd,
            m.cost_usd_per_million_tokens,
            m.cumulative_cash_usd,
            m.rental_cumulative_cash_usd,
            m.energy_kwh,
            m.co2e_kg,
        )
        for m in report.result.timeline
    ]
    return Table("timeline", "Timeline", columns, rows)


def _breakdown(report: Report) -> Table:
    result = report.result
    total = result.total_cost_usd or 1.0
    columns = (
        Column("Component", width=18),
        Column("Kind (capital charge or operating cost)", width=22),
        _money(report, f"Cost over {report.scenario.horizon_months} months [{{cur}}]", 2, width=20),
        Column("Share of total cost [fraction 0-1]", FRACTION),
        _money(report, "Cost per million tokens [{cur}/M tokens]", 4, width=20),
    )
    per_million = result.cost_usd_per_million_tokens / total
    rows = [
        (component_label(k), component_kind(k), v, v / total, v * per_million)
        for k, v in result.breakdown_usd.items()
    ]
    return Table("breakdown", "Breakdown", columns, rows)


def _workloads(report: Report) -> Table:
    columns = (
        Column("Workload", width=26),
        Column("Model", width=18),
        Column("Precision", width=10),
        Column("Share of tokens [fraction 0-1]", FRACTION),
        Column("Tokens per day, month 1 [tokens/day]", COUNT, 20),
        Column("Accelerators at peak, month 1 [count]", "#,##0.0"),
        _money(report, "Cost per million tokens [{cur}/M tokens]", 4, width=20),
        _money(report, "Cost per million input tokens [{cur}/M tokens]", 4, width=20),
        _money(report, "Cost per million output tokens [{cur}/M tokens]", 4, width=20),
        Column("Share of cost [fraction 0-1]", FRACTION),
        Column("Output tokens per second per accelerator [tokens/s]", "#,##0.0", 20),
        Column("Output tokens per second per user [tokens/s]", "#,##0.0", 20),
        Column("Time to first token, mean at the operating point [ms]", COUNT, 16),
        Column("Time-to-first-token target, p99 [ms]", COUNT, 16),
        Column("Time per output token, mean at the operating point [ms]", "#,##0.0", 16),
        Column("Time-per-output-token target, p99 [ms]", COUNT, 16),
        Column("Batch size per model copy [count]", COUNT, 14),
        Column("Tensor parallel [accelerators]", COUNT, 14),
        Column("Limited by", width=18),
    )
    models = report.catalogue.models
    targets = {w.id: w for w in report.scenario.workloads}
    rows = []
    for w in report.result.workloads:
        p = w.operating_point
        model = models[w.model_id].name if w.model_id in models else w.model_id
        rows.append(
            (
                w.name,
                model,
                w.precision,
                w.share_frac,
                w.tokens_per_day,
                w.accelerators,
                w.cost_usd_per_million_tokens,
                w.cost_usd_per_million_input_tokens,
                w.cost_usd_per_million_output_tokens,
                w.cost_share_frac,
                p.output_tokens_per_s_per_accelerator,
                p.output_tokens_per_s_per_user,
                p.ttft_ms,
                targets[w.id].ttft_max_ms,
                p.tpot_ms,
                targets[w.id].tpot_max_ms,
                p.batch_size,
                p.tensor_parallel,
                BOUND_LABELS[p.bound],
            )
        )
    return Table("workloads", "Workloads", columns, rows)


def _inputs(report: Report) -> Table:
    """Every input in words, its value as a number with its unit (fractions as percent)."""
    changed = {
        c.input.path: c.default
        for c in assumptions.changed_inputs(report.scenario, report.catalogue)
    }
    columns = (
        Column("Input", width=60),
        Column("Value", width=18),
        Column("Unit", width=14),
        Column("Changed from the default", width=12),
        Column("Default or catalogue figure it replaces", width=22),
    )
    rows = [
        (
            i.label,
            _input_cell(i, i.value, report),
            i.shown_unit,
            "yes" if i.path in changed else "",
            _input_cell(i, changed[i.path], report) if i.path in changed else None,
        )
        for i in inputs(report.scenario)
    ]
    return Table("inputs", "Inputs", columns, rows)


def _input_cell(item: Input, value: object, report: Report) -> object:
    """A number stays a number, formatted by its unit; ids, words and empties as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = tidy(value)
        if item.is_fraction:
            return Formatted(number, FRACTION)
        if item.unit.startswith("USD"):
            decimals = 2 if number != int(number) else 0
            return Formatted(number, excel_format(report.result.currency, decimals))
        return Formatted(number, plain_format(number, grouped=bool(item.unit)))
    return value_text(item, value, report.catalogue)


def _sources(report: Report) -> Table:
    columns = (
        Column("Catalogue row", width=36),
        Column("Figures it supplies", width=36),
        Column("Source", width=90),
        Column("As of", width=14),
    )
    rows = [
        (s.item, s.supplies, s.source, s.as_of)
        for s in assumptions.sources(report.scenario, report.catalogue)
    ]
    return Table("sources", "Sources", columns, rows)


BUILDERS: dict[str, Callable[[Report], Table]] = {
    "timeline": _timeline,
    "breakdown": _breakdown,
    "workloads": _workloads,
    "inputs": _inputs,
    "sources": _sources,
}
TABLE_NAMES = tuple(BUILDERS)


def table(report: Report, name: str) -> Table:
    """One table of the report by name (see `TABLE_NAMES`)."""
    return BUILDERS[name](report)


def csv_bytes(report: Report, name: str) -> bytes:
    """One table as UTF-8 CSV with a byte-order mark, so Excel reads the units' symbols.

    Every text cell below the header (our own words) is quoted: a spreadsheet set to a
    semicolon locale splits unquoted text at ``;``, so ``Chat;=1+1;`` would put ``=1+1`` in
    a cell of its own, as a formula (attack 9 of issue 13). Numbers stay unquoted."""
    data = table(report, name)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([c.header for c in data.columns])
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerows([cell(_plain(v)) for v in row] for row in data.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(report: Report) -> bytes:
    """Every table as one sheet of a workbook, with a frozen, bold header row."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=PALETTE[0].lstrip("#"))
    for name in TABLE_NAMES:
        data = table(report, name)
        sheet = book.create_sheet(data.title)
        sheet.append([c.header for c in data.columns])
        for row in data.rows:
            sheet.append([cell(_plain(v)) for v in row])
        for index, column in enumerate(data.columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = column.width
            head = sheet.cell(row=1, column=index)
            head.font, head.fill = header_font, header_fill
            head.alignment = Alignment(wrap_text=True, vertical="top")
            for row, (value,) in zip(
                data.rows, sheet.iter_rows(min_row=2, min_col=index, max_col=index), strict=True
            ):
                own = row[index - 1]
                value.number_format = (
                    own.number_format if isinstance(own, Formatted) else column.number_format
                )
        sheet.freeze_panes = "A2"
    book.properties.title = cell(f"inference-tco: {report.scenario.name}")
    book.properties.creator = "inference-tco"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
