"""The scenario the export tests share, importable by name (conftest modules are not)."""

from datetime import date

from tco.data.presets import default_scenario

TODAY = date(2026, 3, 14)


def changed_scenario():
    """The default scenario with a customer, a different WACC and a PUE override."""
    s = default_scenario()
    return s.model_copy(
        update={
            "customer_name": "Example Customer",
            "finance": s.finance.model_copy(update={"wacc_frac": 0.1}),
            "overrides": s.overrides.model_copy(update={"pue": 1.25}),
        }
    )
