"""Neutralising user text for spreadsheets, Office XML and file names."""

from hypothesis import given
from hypothesis import strategies as st

from tco.export.sanitise import FORMULA_PREFIXES, cell, filename, text


@given(st.sampled_from(FORMULA_PREFIXES), st.text(max_size=40))
def test_text_a_spreadsheet_would_run_is_quoted(prefix, rest):
    value = cell(prefix + rest)
    assert isinstance(value, str)
    assert value.startswith("'")


@given(st.text(max_size=40))
def test_no_neutralised_cell_starts_with_a_formula_character(value):
    assert not str(cell(value)).startswith(FORMULA_PREFIXES)


def test_numbers_and_empty_cells_pass_unchanged():
    assert cell(-3.5) == -3.5
    assert cell(0) == 0
    assert cell(None) is None
    assert cell(True) is True
    assert cell("plain") == "plain"


def test_control_characters_are_removed_for_office_xml():
    assert text("a\x00b\x1fc\td\ne") == "abc\td\ne"


def test_file_names_are_safe_stems():
    assert filename('=HYPERLINK("x")/../../etc') == "hyperlink-x-etc"
    assert filename("Ünïcödé Bank") == "unicode-bank"
    assert filename("<>") == "scenario"
