"""The engine: `run(scenario) -> Result`, the one path the dashboard, CLI and exports share."""

from tco.engine.prepare import Prepared, prepare
from tco.engine.run import run

__all__ = ["Prepared", "prepare", "run"]
