"""CSV and XLSX exports, opened again with csv and openpyxl: sheets, unit headers, numbers."""

import csv
import dataclasses
import io
import math

import pytest
from openpyxl import load_workbook

from tco.export import tables

SHEETS = ["Timeline", "Breakdown", "Workloads", "Inputs", "Sources"]
TEXT_COLUMNS = {
    "Component",
    "Kind (capital charge or operating cost)",
    "Workload",
    "Model",
    "Precision",
    "Limited by",
    "Input",
    "Unit",
    "Value",
    "Changed from the default",
    "Default or catalogue figure it replaces",
    "Catalogue row",
    "Figures it supplies",
    "Source",
    "As of",
}


@pytest.fixture(scope="module")
def book(report):
    return load_workbook(io.BytesIO(tables.xlsx_bytes(report)))


def test_the_workbook_has_one_sheet_per_table(book):
    assert book.sheetnames == SHEETS


def test_every_numeric_header_names_its_unit(book):
    for sheet in book.worksheets:
        headers = [c.value for c in sheet[1]]
        assert headers, sheet.title
        for header in headers:
            assert header in TEXT_COLUMNS or ("[" in header and header.endswith("]")), header


def test_the_timeline_sheet_holds_the_engine_months(book, report):
    rows = list(book["Timeline"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == report.scenario.horizon_months
    for row, month in zip(rows, report.result.timeline, strict=True):
        assert row[0] == month.month
        assert math.isclose(row[9], month.cost_usd_per_million_tokens)
        assert math.isclose(row[10], month.cumulative_cash_usd)


def test_the_breakdown_sums_to_the_total(book, report):
    rows = list(book["Breakdown"].iter_rows(min_row=2, values_only=True))
    assert math.isclose(sum(r[2] for r in rows), report.result.total_cost_usd, rel_tol=1e-9)
    assert math.isclose(sum(r[3] for r in rows), 1.0, rel_tol=1e-9)
    assert {r[1] for r in rows} == {"Capital", "Operating"}


def test_the_workloads_sheet_has_one_row_per_workload(book, report):
    rows = list(book["Workloads"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [w.name for w in report.result.workloads]
    for row, w in zip(rows, report.result.workloads, strict=True):
        assert math.isclose(row[6], w.cost_usd_per_million_tokens)


def test_the_workloads_sheet_says_what_limits_each_workload_in_words(book):
    limited_by = {
        row[0]: row[-1] for row in book["Workloads"].iter_rows(min_row=2, values_only=True)
    }
    assert limited_by["Chat assistant"] == "time-per-token target"
    assert not {"tpot", "ttft", "memory-capacity", "memory-bandwidth"} & set(limited_by.values())


WACC = "Discount rate: weighted average cost of capital"
PUE = "Power usage effectiveness"
LIFE = "Depreciation life of accelerators and servers"


def test_the_inputs_sheet_marks_what_changed_and_the_default(book):
    rows = {r[0]: r for r in book["Inputs"].iter_rows(min_row=2, values_only=True)}
    assert rows[WACC][1:] == (0.1, "%/yr", "yes", 0.08)
    assert rows[PUE][4] == 1.55
    assert rows[LIFE][3] is None
    assert "Scenario name" not in rows  # a label, not an input


def test_the_inputs_sheet_is_in_words_with_number_formats(book):
    """Issue 14, items 7 and 9: no field names or ids, fractions shown as percent, money
    with its symbol, numbers without float noise."""
    sheet = book["Inputs"]
    labels = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert not [label for label in labels if "_" in label or "." in label.split(":")[0]]
    formats = {row[0].value: row[1].number_format for row in sheet.iter_rows(min_row=2)}
    assert formats[WACC] == "0.0%"
    assert formats["Software licences per accelerator per year"] == '"$"#,##0'
    values = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert values["Accelerator of the fleet"] == "NVIDIA H100 SXM"
    assert values["Tokens (input + output) served per day at the start"] == 10_000_000_000


def test_the_sources_sheet_cites_each_catalogue_row(book, report):
    rows = list(book["Sources"].iter_rows(min_row=2, values_only=True))
    accelerator = report.catalogue.accelerators[report.scenario.accelerator_id]
    assert ("Accelerator: NVIDIA H100 SXM", accelerator.source, accelerator.as_of) in {
        (r[0], r[2], r[3]) for r in rows
    }


@pytest.mark.parametrize("name", tables.TABLE_NAMES)
def test_each_csv_has_a_bom_a_unit_header_and_every_row(report, name):
    data = tables.csv_bytes(report, name)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    expected = tables.table(report, name)
    assert rows[0] == [c.header for c in expected.columns]
    assert len(rows) == len(expected.rows) + 1


def test_money_shows_the_results_currency(report):
    """When a result is in euros (issue 15's currencies) the workbook says EUR and €, with no
    change of the export code: headers and number formats come from the result."""
    euros = dataclasses.replace(report, result=report.result.model_copy(update={"currency": "EUR"}))
    sheet = load_workbook(io.BytesIO(tables.xlsx_bytes(euros)))["Timeline"]
    headers = [c.value for c in sheet[1]]
    assert "Cost [EUR]" in headers
    assert "USD" not in " ".join(headers)
    assert sheet.cell(row=2, column=headers.index("Cost [EUR]") + 1).number_format == (
        '"€"#,##0.00'
    )
