"""Hostile names (=HYPERLINK, <script>) through a custom accelerator, a scenario name and a
workload come out inert in CSV, XLSX, PPTX (slides and embedded chart workbooks) and the page."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx_read import texts

from tco.data.catalogue import builtin_catalogue
from tco.data.presets import default_scenario
from tco.export import tables
from tco.export.pptx_deck import build_deck
from tco.export.report import build_report
from tco.export.sanitise import FORMULA_PREFIXES
from tco.models import Accelerator

LINK = '=HYPERLINK("http://attacker.example","Click")'
SCRIPT = "<script>alert(1)</script>"
CMD = "+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def hostile():
    base = builtin_catalogue()
    h100 = base.accelerators["nvidia-h100-sxm"]
    custom = Accelerator.model_validate(
        {
            **h100.model_dump(),
            "id": "evil-1",
            "vendor": LINK,
            "name": SCRIPT,
            "source": AT,
            "custom": True,
        }
    )
    catalogue = base.with_accelerators([custom])
    s = default_scenario()
    workloads = [s.workloads[0].model_copy(update={"name": CMD}), *s.workloads[1:]]
    scenario = s.model_validate(
        {
            **dict(s),
            "name": LINK,
            "customer_name": SCRIPT,
            "accelerator_id": "evil-1",
            "workloads": workloads,
        }
    )
    return build_report(scenario, catalogue)


def _dangerous(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def test_csv_cells_never_start_a_formula(hostile):
    seen = set()
    for name in tables.TABLE_NAMES:
        text = tables.csv_bytes(hostile, name).decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            assert not [c for c in row if _dangerous(c)], name
            seen.update(row)
    assert "'" + CMD in seen  # the workload's name, quoted
    assert "'" + AT in seen  # the custom accelerator's source, quoted


def test_xlsx_cells_are_text_never_formulas(hostile):
    book = load_workbook(io.BytesIO(tables.xlsx_bytes(hostile)))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)
                assert not _dangerous(c.value)
                values.append(c.value)
    assert "'" + CMD in values
    assert any(isinstance(v, str) and SCRIPT in v for v in values)
    assert book.properties.title == "inference-tco: " + LINK  # text, not a cell


def test_pptx_shows_the_names_as_plain_text_and_embeds_no_formula(hostile):
    deck = Presentation(io.BytesIO(build_deck(hostile)))
    words = [w for slide in deck.slides for w in texts(slide)]
    assert LINK in words  # the title slide, as literal text
    assert "Prepared for " + SCRIPT in words
    assert any(CMD in w for w in words)  # the workload table
    assert any(SCRIPT in w for w in words if w.startswith("Accelerator: "))
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            blob = shape.chart.part.chart_workbook.xlsx_part.blob
            for sheet in load_workbook(io.BytesIO(blob)).worksheets:
                for row in sheet.iter_rows():
                    for c in row:
                        assert c.data_type != "f", c.value
                        assert not _dangerous(c.value), c.value


def test_the_export_page_escapes_the_names(app):
    from tco.ui.state import _SCENARIO

    s = default_scenario()
    scenario = s.model_validate({**dict(s), "name": LINK, "customer_name": SCRIPT})
    at = app()
    at.session_state[_SCENARIO] = scenario
    at.switch_page("pages/export.py").run()
    assert not at.exception
    caption = at.caption[0].value
    assert "\\<script\\>" in caption
    assert "<script>" not in caption
    assert "\\(" in caption  # no Markdown link can form
