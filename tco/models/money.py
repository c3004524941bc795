"""Currencies: the codes a scenario can report in.

The engine computes in one numeraire, US dollars of the scenario's price year
(``finance.currency_year``); a result is then converted to the scenario's currency with the
dated exchange rates of ``data/fx_rates.csv`` (tco/costs/currency.py, docs/methodology.md §2).
"""

from typing import Literal, get_args

Currency = Literal["USD", "EUR", "GBP", "JPY", "CNY", "CHF", "SEK", "SGD", "INR"]
"""ISO 4217 codes of the currencies a result can be shown in."""

CURRENCIES: tuple[Currency, ...] = get_args(Currency)
NUMERAIRE: Currency = "USD"
"""The currency the engine computes in."""
