"""When one option's cumulative cash overtakes another's: every crossing within the horizon.

Owning usually costs more at the start (the purchases) and less later (no rent), so its
cumulative cash crosses renting's once. It can cross back: a hardware refresh, a new
purchase for growing demand or a cloud price decline can make it dearer again. A slide that
says "from month 52 on, A has cost less" must therefore stay true to the horizon's end, so
the one rule here is: A's break-even month is the first month from which A's cumulative
cash **stays** at or below B's until the end of the horizon (month 1 when it never exceeds
it); every month in which the option that has spent more changes is reported beside it.

Cumulative cash [USD] is compared month by month; totals within a relative 1e-9 of each
other count as level.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

_REL = 1e-9


@dataclass(frozen=True)
class BreakEven:
    """Crossings of two cumulative cash curves, A's and B's, over the same months.

    first_dearer: which option had spent more by the end of month 1 ("a" or "b"), or None
        when they start level.
    crossing_months: months (1-based) in which the option that has spent more changes.
    month: first month from which A has spent no more than B in every month to the
        horizon's end; None when A has spent more at the end.
    """

    first_dearer: Literal["a", "b"] | None
    crossing_months: tuple[int, ...]
    month: int | None

    @property
    def paid_off_month(self) -> int | None:
        """The break-even month when A had spent more before it (a month to mark on a chart);
        None when A never spent more (month 1) or stays dearer."""
        return self.month if self.month is not None and self.month > 1 else None


def _leader(a: float, b: float) -> int:
    """+1 when A has spent more, -1 when B has, 0 when level within rounding."""
    tolerance = _REL * max(abs(a), abs(b), 1.0)
    return 1 if a > b + tolerance else -1 if b > a + tolerance else 0


def break_even(a_cumulative_usd: Sequence[float], b_cumulative_usd: Sequence[float]) -> BreakEven:
    """Every crossing of A's and B's cumulative cash, and the month from which A stays cheaper.

    a_cumulative_usd, b_cumulative_usd: cumulative cash out at the end of each month [USD],
    one value per month, the same months for both (extra months of the longer are ignored).
    """
    leaders = [_leader(a, b) for a, b in zip(a_cumulative_usd, b_cumulative_usd, strict=False)]
    crossings = []
    previous = 0
    for month, leader in enumerate(leaders, start=1):
        if leader and previous and leader != previous:
            crossings.append(month)
        previous = leader or previous
    stays_cheaper: int | None = None
    for index in range(len(leaders), 0, -1):  # back from the end while A has spent no more
        if leaders[index - 1] == 1:
            break
        stays_cheaper = index
    first: Literal["a", "b"] | None = None
    if leaders and leaders[0]:
        first = "a" if leaders[0] == 1 else "b"
    return BreakEven(first, tuple(crossings), stays_cheaper)


def payback_month(
    a_cumulative_usd: Sequence[float], b_cumulative_usd: Sequence[float]
) -> int | None:
    """Month from which the option that had spent more in month 1 stays no dearer than the
    other to the horizon's end: when spending more up front has paid for itself; None if it
    never does or they start level."""
    result = break_even(a_cumulative_usd, b_cumulative_usd)
    if result.first_dearer == "b":
        return break_even(b_cumulative_usd, a_cumulative_usd).month
    return result.month if result.first_dearer == "a" else None
