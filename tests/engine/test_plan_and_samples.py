"""The timeline reads every input the tornado and Monte Carlo vary from `Samples`, never
from the scenario the `Plan` holds (which also carries those inputs, at their base values).

A slip such as ``plan.scenario.finance.wacc_frac`` in place of ``samples.wacc_frac`` would
silently freeze that input in every sample; this test finds one in the timeline's modules.
"""

import ast
from pathlib import Path

from tco.engine import monthly_costs, monthly_fleet, timeline

VARIED_IN_SAMPLES = {
    "wacc_frac",
    "hardware_life_years",
    "peak_to_average",
    "growth_frac_per_year",
    "software_efficiency_gain_frac_per_year",
    "overrides",  # prices, tariff, PUE, construction and colocation rates
    "pue_for",
}


def _reads_beside_samples(source: str) -> list[str]:
    """`x.name` for a varied input's name read from anything but ``samples``."""
    return [
        f"line {node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr in VARIED_IN_SAMPLES
        and not (isinstance(node.value, ast.Name) and node.value.id == "samples")
    ]


def test_the_timeline_reads_varied_inputs_only_from_samples():
    offenders = {
        module.__name__: found
        for module in (timeline, monthly_fleet, monthly_costs)
        if (found := _reads_beside_samples(Path(module.__file__).read_text()))
    }
    assert offenders == {}


def test_the_check_finds_a_varied_input_read_from_the_plan():
    assert _reads_beside_samples("rate = plan.scenario.finance.wacc_frac") == [
        "line 1: plan.scenario.finance.wacc_frac"
    ]
    assert _reads_beside_samples("rate = samples.wacc_frac") == []
