"""CSV and XLSX exports, opened again with csv and openpyxl: sheets, unit headers, numbers."""

import csv
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
    "Input (path in the scenario file)",
    "Meaning",
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


def test_the_inputs_sheet_marks_what_changed_and_the_default(book):
    rows = {r[0]: r for r in book["Inputs"].iter_rows(min_row=2, values_only=True)}
    assert rows["finance.wacc_frac"][3] == 0.1
    assert rows["finance.wacc_frac"][4] == "yes"
    assert rows["finance.wacc_frac"][5] == 0.08
    assert rows["overrides.pue"][5] == 1.55
    assert rows["finance.hardware_life_years"][4] is None
    assert "name" not in rows  # a label, not an input


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
