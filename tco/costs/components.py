"""The cost components of every breakdown, in order, and which of them are capital.

They sum to the total cost (docs/methodology.md §8): the hardware classes of tco.costs.capex
and the facility are capital (depreciation and return on capital); the rest is operating.
"""

from tco.costs.capex import HARDWARE_CLASSES

COMPONENTS = (
    *HARDWARE_CLASSES,
    "facility",
    "colocation",
    "energy",
    "maintenance",
    "software",
    "staff",
    "cloud_rental",
)
"""Cost components, in the order of the breakdown; they sum to the total."""

CAPITAL_COMPONENTS = (*HARDWARE_CLASSES, "facility")
"""Components paid as capital charges (depreciation and return); the others are operating.
In breakdown order, so that sums over them add in the same order in every process (a set's
order changes with PYTHONHASHSEED, and with it the last bits of the capital charge)."""
