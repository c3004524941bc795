"""`run(scenario) -> Result`: the one path the dashboard, the CLI and the exports share.

prepare (tco.engine.prepare) → the monthly timeline (tco.engine.timeline) → the `Result`
(tco.engine.assemble); an infeasible scenario gives a result that says why.
"""

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.engine.assemble import build_result, infeasible_result
from tco.engine.prepare import Infeasible, prepare
from tco.engine.timeline import simulate
from tco.models import Result, Scenario


def run(scenario: Scenario, catalogue: Catalogue | None = None) -> Result:
    """Cost of serving the scenario's workload mix over its horizon."""
    catalogue = catalogue or builtin_catalogue()
    prepared = prepare(scenario, catalogue)
    if isinstance(prepared, Infeasible):
        return infeasible_result(scenario, prepared.reason)
    timeline = simulate(prepared.plan, prepared.samples, per_workload=True)
    return build_result(prepared, timeline, catalogue)
