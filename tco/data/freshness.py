"""How old a catalogue figure is, from its ``as_of`` date: figures past a year are marked."""

import calendar
import re
from datetime import date

STALE_MONTHS = 12
"""A figure older than this many months is marked on the Catalogue page [months]."""

_AS_OF = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def as_of_end(as_of: str) -> date | None:
    """The last day an ``as_of`` value (YYYY, YYYY-MM or YYYY-MM-DD) can mean, or None if it
    names no date: a year alone counts as its December, so a figure is only called old once
    it surely is."""
    found = _AS_OF.match(as_of.strip())
    if found is None:
        return None
    year = int(found.group(1))
    month = int(found.group(2) or 12)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(found.group(3) or last)
    return date(year, month, min(max(day, 1), last))


def as_of_mid(as_of: str) -> date:
    """The middle of the period an ``as_of`` value names (a year → 1 July, a month → its
    15th), for placing a figure in time; 1 January 1900 if it names no date."""
    end = as_of_end(as_of)
    if end is None:
        return date(1900, 1, 1)
    found = _AS_OF.match(as_of.strip())
    if found and found.group(3):
        return end
    if found and found.group(2):
        return end.replace(day=15)
    return date(end.year, 7, 1)


def age_months(as_of: str, today: date) -> int | None:
    """Whole months from a figure's date to ``today`` (0 for a current one; None if undated)."""
    end = as_of_end(as_of)
    if end is None:
        return None
    months = (today.year - end.year) * 12 + today.month - end.month - (today.day < end.day)
    return max(0, months)


def is_stale(as_of: str, today: date) -> bool:
    """Older than `STALE_MONTHS` (an undated figure is not called stale; it says so itself)."""
    months = age_months(as_of, today)
    return months is not None and months > STALE_MONTHS
