"""Defaults in one place: the presets in data/ (issue 11).

A field a scenario file leaves out takes the model's default; the dashboard and `tco
example` start from the default preset. These tests keep the two the same, so there is
one default scenario, whichever way it is reached.
"""

from tco.data.catalogue import builtin_catalogue
from tco.data.presets import DEFAULT_DEPLOYMENT_ID, default_scenario
from tco.models import Demand, Deployment, Operations, Scenario, Workload


def test_a_scenario_of_model_defaults_is_the_default_scenario():
    preset = default_scenario()
    bare = Scenario(
        name=preset.name, accelerator_id=preset.accelerator_id, workloads=preset.workloads
    )
    assert bare == preset


def test_operations_and_demand_defaults_are_the_default_deployment_presets():
    row = builtin_catalogue().deployments[DEFAULT_DEPLOYMENT_ID]
    assert Operations() == row.as_operations()
    assert Demand().peak_to_average == row.peak_to_average
    assert Deployment.example() == row.as_deployment()


def test_the_example_workload_is_the_chat_preset():
    chat = builtin_catalogue().workloads["chat"]
    assert Workload.example() == chat.as_workload(share_frac=1.0)
