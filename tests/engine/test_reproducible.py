"""The same scenario gives the same figures, to the last bit, in every process.

Python salts the hashes of strings per process (PYTHONHASHSEED), so anything that iterates
a set of names while adding floating-point numbers would add them in a different order each
time and move the last bits of the result (the capital charge once did, summing over a
frozenset). Two processes with different salts must print identical results.
"""

import os
import subprocess
import sys

SCRIPT = """
from tco.analysis.uncertainty import monte_carlo
from tco.data.presets import example_scenario
from tco.engine import run

for deployment in ("enterprise-on-prem", "hybrid", "cloud-on-demand"):
    scenario = example_scenario(deployment)
    print(run(scenario).model_dump_json())
print(monte_carlo(example_scenario(), 200, seed=1).model_dump_json())
"""


def _results(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_results_do_not_depend_on_the_string_hash_salt():
    first = _results("1")
    assert first.count("\n") == 4
    assert _results("2") == first
    assert _results("3") == first
