"""Spreadsheet number formats and cell values: units shown by the format, no float noise."""

from tco.present.number_formats import millions_format, money_format_for, plain_format, tidy


def test_float_noise_from_a_unit_conversion_is_not_stored():
    """Issue 14, item 9: 999999999.9999999 (1 billion through a 1e-9 widget scale)."""
    assert tidy(999999999.9999999) == 1e9
    assert tidy(0.1 + 0.2) == 0.3
    assert tidy(0.0892) == 0.0892
    assert tidy(2026) == 2026
    assert tidy("text") == "text"


def test_money_formats_carry_the_currency_symbol():
    assert money_format_for(0.36, "USD") == '"$"#,##0.000'
    assert money_format_for(0.36, "EUR", axis=True) == '"€"#,##0.00'
    assert millions_format("EUR", 0) == '"€"#,##0" M"'


def test_whole_numbers_group_thousands_unless_told_not_to():
    assert plain_format(10_000_000_000.0) == "#,##0"
    assert plain_format(1.5) == "#,##0.0###"
    assert plain_format(2026, grouped=False) == "0"
