"""The contract every fuzzed input must meet, shared by tests/hardening and bench/bench_fuzz.py.

Every outcome is a finite, balanced result, an infeasible result with a one-line reason, or
a refusal with a one-line reason; never another exception, never NaN/inf anywhere in a
result. Each ``check_*`` returns the kind of outcome, or raises AssertionError saying how
the contract broke (any other exception escaping is a break too).
"""

import math
import os

from hypothesis import HealthCheck, settings
from pydantic import ValidationError

from tco.data.catalogue import Catalogue
from tco.engine import run
from tco.io.scenario_files import load_scenario
from tco.models import Result, Scenario
from tco.models.errors import TcoError, one_line
from tco.ui.link import decode

MAX_REASON_CHARS = 600

FUZZ = settings(
    max_examples=int(os.environ.get("TCO_FUZZ_EXAMPLES", "150")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""How hard CI fuzzes each property (``TCO_FUZZ_EXAMPLES`` raises it). The same examples
on every run, so that a merge is never blocked by a case a different draw happened to find;
``python -m bench fuzz`` explores (10,000 per entry point, ``TCO_FUZZ_SEED``), and every
case it finds becomes a test in tests/hardening/test_fuzz_regressions.py."""


def _numbers(value: object, where: str = "result"):
    """Every float in a dumped result, with where it is."""
    if isinstance(value, float):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _numbers(item, f"{where}[{index}]")


def check_reason(text: str | None) -> str:
    """A reason a user can read: present, one line, not a novel, not a traceback."""
    assert text, "no reason given"
    assert text.strip(), "blank reason"
    assert "\n" not in text, f"reason spans lines: {text!r}"
    assert len(text) <= MAX_REASON_CHARS, f"reason of {len(text)} characters"
    assert "Traceback" not in text, text
    return text


def check_result(result: Result) -> str:
    """'feasible' for a finite balanced result, 'infeasible' for one with a reason."""
    bad = [(where, x) for where, x in _numbers(result.model_dump()) if not math.isfinite(x)]
    assert not bad, f"non-finite figures: {bad[:5]}"
    if not result.feasible:
        check_reason(result.infeasible_reason)
        return "infeasible"
    assert result.balance.ok, f"unbalanced: {result.balance}"
    assert math.isclose(
        sum(result.breakdown_usd.values()), result.total_cost_usd, rel_tol=1e-6, abs_tol=1e-6
    )
    assert result.total_cost_usd >= 0
    return "feasible"


def check_run(scenario: Scenario, catalogue: Catalogue | None = None) -> str:
    """Run the engine; the outcome's kind, or AssertionError saying how the contract broke."""
    try:
        result = run(scenario, catalogue)
    except TcoError as exc:
        check_reason(str(exc))
        return "refused"
    return check_result(result)


def check_load(document: str | bytes) -> str:
    """Load a scenario file and, when it loads, run it: every step within the contract."""
    try:
        scenario = load_scenario(document)
    except TcoError as exc:
        check_reason(str(exc))
        return "refused"
    return "loaded+" + check_run(scenario)


def check_link(text: str) -> str:
    """Read a scenario link: a scenario, or a one-line LinkError."""
    try:
        decode(text)
    except TcoError as exc:
        check_reason(str(exc))
        return "refused"
    return "loaded"


def check_validate(data: object) -> str:
    """Validate a raw document through the model (what every entry point does first)."""
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        check_reason(one_line(exc))
        return "refused"
    return "loaded+" + check_run(scenario)
