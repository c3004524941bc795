"""Inputs the fuzzers found that once escaped as exceptions; each now gives one line."""

import pytest
from fuzz_contract import check_load, check_run
from strategies_adversarial import CATALOGUE

from tco.data.presets import example_scenario
from tco.engine import run
from tco.io.scenario_files import ScenarioFileError, dump_scenario, load_scenario
from tco.models import Accelerator, Demand, Scenario, Workload


def _own_part(**figures) -> Accelerator:
    base = Accelerator.example().model_dump() | {"id": "custom-odd", "custom": True}
    return Accelerator.model_validate(base | figures)


def _on(part: Accelerator, deployment: str = "enterprise-on-prem", **changes) -> tuple:
    catalogue = CATALOGUE.with_accelerators([part])
    scenario = example_scenario(deployment, "nvidia-h100-sxm", ["chat"], catalogue)
    return scenario.model_copy(update={"accelerator_id": part.id, **changes}), catalogue


def test_a_part_with_no_usable_memory_is_refused_in_one_line():
    """ZeroDivisionError in performance/reasons.py when the memory left after the reserve
    was exactly 0."""
    scenario, catalogue = _on(_own_part(memory_gb=5e-324))
    result = run(scenario, catalogue)
    assert not result.feasible
    assert "memory" in result.infeasible_reason


@pytest.mark.parametrize("deployment", ["enterprise-on-prem", "cloud-on-demand"])
def test_a_part_drawing_next_to_no_power_is_refused_in_one_line(deployment):
    """ZeroDivisionError/OverflowError in costs/power.py: servers per rack = rack kW / ~0."""
    scenario, catalogue = _on(_own_part(system_power_kw=5e-324), deployment)
    result = run(scenario, catalogue)
    assert not result.feasible
    assert "too little to be real" in result.infeasible_reason


def test_a_fleet_beyond_64_bit_counts_is_refused_in_one_line():
    """ValidationError in assemble.py: a fleet of ~1e20 accelerators cast to int64 wrapped
    to a negative count. The part manages a few tokens an hour (slower ones are refused by
    the throughput model before any fleet is sized)."""
    slow = _own_part(memory_bandwidth_tb_per_s=1e-4, bf16_dense_tflops=1e-3,
                     fp8_dense_tflops=1e-3, int8_dense_tops=1e-3)  # fmt: skip
    unhurried = Workload.example().model_copy(update={"ttft_max_ms": None, "tpot_max_ms": None})
    scenario, catalogue = _on(
        slow, "cloud-on-demand", demand=Demand(tokens_per_day=1e16), workloads=[unhurried]
    )
    assert check_run(scenario, catalogue) == "infeasible"
    assert "more than 1,000,000,000,000 accelerators" in run(scenario, catalogue).infeasible_reason


@pytest.mark.parametrize(
    "document",
    ['{"horizon_months": ' + "1" * 5000 + "}", "horizon_months: " + "9" * 5000],
    ids=["json", "yaml"],
)
def test_a_number_with_thousands_of_digits_is_refused_in_one_line(document):
    """ValueError from int() (Python's 4,300-digit limit) escaped the scenario loader."""
    with pytest.raises(ScenarioFileError, match="too many digits"):
        load_scenario(document)


def test_names_with_line_breaks_give_one_line_reasons():
    """A workload name with a newline made the infeasible reason two lines long."""
    workload = Workload.example().model_copy(
        update={"name": "first line\nsecond line", "model_id": "deepseek-r1"}
    )
    scenario = Scenario.example().model_copy(
        update={"accelerator_id": "nvidia-l4", "workloads": [workload]}
    )
    assert check_run(scenario) == "infeasible"


def test_a_valid_scenario_file_still_loads():
    assert check_load(Scenario.example().model_dump_json()).startswith("loaded+")


@pytest.mark.parametrize(
    ("tokens_per_day", "small_share"),
    [(2.2e-311, None), (1e9, 5e-324)],
    ids=["subnormal demand", "subnormal share"],
)
def test_a_workload_with_next_to_no_tokens_a_day_is_refused_in_one_line(
    tokens_per_day, small_share
):
    """ValidationError in assemble.py: cost / ~1e-311 tokens overflowed to inf per workload."""
    scenario = example_scenario("edge", "nvidia-b200", ["chat", "batch"])
    workloads = scenario.workloads
    if small_share is not None:
        workloads = [
            workloads[0].model_copy(update={"share_frac": 1.0 - small_share}),
            workloads[1].model_copy(update={"share_frac": small_share}),
        ]
    scenario = scenario.model_copy(
        update={"demand": Demand(tokens_per_day=tokens_per_day), "workloads": workloads}
    )
    assert check_run(scenario) == "infeasible"
    assert "less than a millionth of a token a day" in run(scenario).infeasible_reason


@pytest.mark.parametrize("name", ["0\x850", "a\u2028b", "a\u2029b"])
def test_a_name_with_a_yaml_line_break_survives_the_scenario_file(name):
    """Round trip in test_fuzz_files.py: PyYAML wrote U+0085 (NEL) raw inside quotes and
    read it back as a space, so a saved file changed the name."""
    workload = Workload.example().model_dump() | {"name": name, "share_frac": 1.0}
    scenario = Scenario.model_validate(
        Scenario.example().model_dump() | {"name": name, "workloads": [workload]}
    )
    assert load_scenario(dump_scenario(scenario, "yaml")) == scenario
