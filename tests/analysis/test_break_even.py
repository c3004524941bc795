"""One break-even rule for the page, the deck, the tables and the CLI (tco.analysis.break_even)."""

from hypothesis import given
from hypothesis import strategies as st

from tco.analysis.break_even import break_even, payback_month


def test_a_dearer_start_that_pays_off_breaks_even_when_it_drops_below():
    owned = [100.0, 110.0, 120.0, 130.0]
    rented = [30.0, 70.0, 110.0, 150.0]
    result = break_even(owned, rented)
    assert result.first_dearer == "a"
    assert result.month == 4
    assert result.crossing_months == (4,)
    assert payback_month(owned, rented) == payback_month(rented, owned) == 4


def test_a_curve_that_crosses_back_has_no_break_even_claim_before_it():
    """Issue 14's Frankfurt bank: A fell below B in month 52 and rose above it again from
    month 54 (5.40 M against 5.22 M at month 60); "from month 52 on" was false."""
    a = [float(m) for m in range(60)]
    b = [float(m) + (0.5 if 52 <= m + 1 < 54 else -0.5) for m in range(60)]
    result = break_even(a, b)
    assert result.crossing_months == (52, 54)
    assert result.month is None
    assert payback_month(a, b) is None


def test_a_curve_that_settles_below_reports_the_month_it_settles_and_every_crossing():
    a = [10.0, 10.0, 10.0, 10.0, 10.0]
    b = [5.0, 11.0, 9.0, 12.0, 13.0]
    result = break_even(a, b)
    assert result.crossing_months == (2, 3, 4)
    assert result.month == 4


def test_never_dearer_is_month_one_and_not_a_payback():
    result = break_even([1.0, 2.0], [3.0, 4.0])
    assert result.first_dearer == "b"
    assert result.month == 1
    assert result.paid_off_month is None
    assert break_even([], []).month is None


def test_level_within_rounding_is_not_a_crossing():
    result = break_even([1e9, 2e9], [1e9 * (1 + 1e-12), 2e9])
    assert result.first_dearer is None
    assert result.crossing_months == ()


@given(st.lists(st.tuples(st.floats(0, 1e9), st.floats(0, 1e9)), min_size=1, max_size=60))
def test_from_the_break_even_month_on_a_never_costs_more(pairs):
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    result = break_even(a, b)
    if result.month is not None:
        assert all(
            x <= y * (1 + 1e-9) + 1e-9
            for x, y in zip(a[result.month - 1 :], b[result.month - 1 :], strict=True)
        )
        if result.month > 1:
            assert a[result.month - 2] > b[result.month - 2]
    else:
        assert a[-1] > b[-1]
