"""Every hostile name of the adversarial strategies comes out of the CSV, XLSX and PPTX
exports as inert text (tests/export/test_injection.py covers four classic payloads)."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from pptx import Presentation
from strategies_adversarial import CATALOGUE, HOSTILE_TEXT

from tco.data.presets import example_scenario
from tco.export import tables
from tco.export.pptx_deck import build_deck
from tco.export.report import build_report
from tco.export.sanitise import FORMULA_PREFIXES, cell
from tco.models import Accelerator


def _live_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


@given(st.text())
def test_no_text_becomes_a_formula_cell(text):
    assert not _live_formula(cell(text))


@pytest.fixture(scope="module")
def hostile_report():
    """Each hostile text as a workload name; the scenario, customer and part take some too."""
    part = Accelerator.model_validate(
        CATALOGUE.accelerators["nvidia-h100-sxm"].model_dump()
        | {"id": "hostile-part", "vendor": HOSTILE_TEXT[5], "name": HOSTILE_TEXT[6],
           "source": HOSTILE_TEXT[7], "custom": True}
    )  # fmt: skip
    catalogue = CATALOGUE.with_accelerators([part])
    base = example_scenario("enterprise-on-prem", "nvidia-h100-sxm", ["chat"], catalogue)
    share = 1 / 12
    workloads = [
        base.workloads[0].model_copy(
            update={"id": f"w{i}", "name": text[:80] or "x", "share_frac": share}
        )
        for i, text in enumerate(HOSTILE_TEXT[:12])
    ]
    scenario = base.model_copy(
        update={
            "name": HOSTILE_TEXT[5],
            "customer_name": HOSTILE_TEXT[8],
            "accelerator_id": part.id,
            "workloads": workloads,
        }
    )
    return build_report(scenario, catalogue)


def test_csv_tables_hold_no_formula(hostile_report):
    for name in tables.TABLE_NAMES:
        text = tables.csv_bytes(hostile_report, name).decode("utf-8-sig")
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not [c for c in cells if _live_formula(c)], name


def test_xlsx_cells_are_text_never_formulas(hostile_report):
    book = load_workbook(io.BytesIO(tables.xlsx_bytes(hostile_report)))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)
                assert not _live_formula(c.value), (sheet.title, c.coordinate)


def test_pptx_shows_the_names_literally(hostile_report):
    deck = Presentation(io.BytesIO(build_deck(hostile_report)))
    words = " ".join(
        run.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    )
    assert HOSTILE_TEXT[5] in words  # the scenario's name on the title slide, as written
    assert "Prepared for" in words
