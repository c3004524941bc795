"""Fuzzing `run()`: extreme but legal scenarios give a finite balanced result or one line.

CI runs a few hundred examples per property (``TCO_FUZZ_EXAMPLES`` raises it);
``python -m bench fuzz`` runs 10,000+ through every entry point and prints the counts.
"""

import pytest
from fuzz_contract import FUZZ, check_run
from hypothesis import given
from strategies_adversarial import CATALOGUE, extreme_scenarios, own_accelerator_cases

from tco.data.presets import example_scenario


@FUZZ
@given(extreme_scenarios())
def test_extreme_scenarios_give_a_finite_balanced_result_or_one_line(scenario):
    assert check_run(scenario) in {"feasible", "infeasible", "refused"}


@FUZZ
@given(own_accelerator_cases())
def test_users_own_extreme_accelerators_never_break_the_engine(case):
    _, scenario, catalogue = case
    assert check_run(scenario, catalogue) in {"feasible", "infeasible", "refused"}


@pytest.mark.parametrize("cooling_id", sorted(CATALOGUE.cooling))
@pytest.mark.parametrize("deployment_id", sorted(CATALOGUE.deployments))
def test_every_cooling_and_deployment_combination(deployment_id, cooling_id):
    outcomes = set()
    for accelerator_id in ("nvidia-h100-sxm", "nvidia-gb200", "nvidia-l4", "groq-lpu"):
        scenario = example_scenario(deployment_id, accelerator_id).model_copy(
            update={"cooling_id": cooling_id}
        )
        outcomes.add(check_run(scenario))
    assert outcomes <= {"feasible", "infeasible"}
