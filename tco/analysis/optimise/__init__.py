"""Plan and optimise (issue 16): search hardware, cooling, density, site and deployment
together on full cost, within latency targets, power, budgets, floor area and sovereignty."""

from tco.analysis.optimise.search import DEFAULT_TOP, NOT_SEARCHED, optimise

__all__ = ["DEFAULT_TOP", "NOT_SEARCHED", "optimise"]
