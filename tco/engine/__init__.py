"""The engine: `run(scenario) -> Result`, the one path the dashboard, CLI and exports share."""

from tco.engine.prepare import Infeasible, Prepared, prepare
from tco.engine.run import run

__all__ = ["Infeasible", "Prepared", "prepare", "run"]
