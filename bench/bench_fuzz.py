"""Fuzz every entry point with the adversarial strategies and print what happened.

Runs ``TCO_FUZZ_CASES`` (default 10,000) cases through each of: `run()` on extreme
scenarios, `run()` on users' own extreme accelerators, the scenario-file loader on
malformed and on valid documents, the link reader, and model validation of mutated
documents. Each outcome is counted; anything outside the contract (an escaping exception,
NaN/inf in a result, a multi-line or missing reason) is a violation, listed with where it
was raised. Generation only (no shrinking), fixed seed: the same command gives the same
cases. Reproduce a violation with the matching test in tests/hardening/.
"""

import collections
import os
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import fuzz_contract as contract  # both live in tests/, shared with the tests
import strategies_adversarial as sa

CASES = int(os.environ.get("TCO_FUZZ_CASES", "10000"))
SEED = int(os.environ.get("TCO_FUZZ_SEED", "7"))
SHOW = os.environ.get("TCO_FUZZ_SHOW") == "1"
"""Print the first failing input of each kind too (long)."""


def _run_on_own(case) -> str:
    _, scenario, catalogue = case
    return contract.check_run(scenario, catalogue)


def _link_text(document: str | bytes) -> str:
    return document.decode("utf-8", "replace") if isinstance(document, bytes) else document


TARGETS = {
    "run(): extreme scenarios": (sa.extreme_scenarios(), contract.check_run),
    "run(): users' own extreme accelerators": (sa.own_accelerator_cases(), _run_on_own),
    "loader: malformed files": (sa.malformed_documents(), contract.check_load),
    "loader: extreme valid files": (sa.valid_documents(), contract.check_load),
    "link reader: malformed links": (
        sa.malformed_documents().map(_link_text),
        contract.check_link,
    ),
    "model validation: mutated documents": (sa.mutated_scenario_dicts(), contract.check_validate),
}


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/tco/" in f.filename]
    if not frames:
        return "tests"
    frame = frames[-1]
    return f"{frame.filename.split('/tco/')[-1]}:{frame.lineno}"


def fuzz(strategy, check, cases: int) -> tuple[collections.Counter, dict[str, str]]:
    """Outcome counts over ``cases`` generated inputs, and one example message per violation."""
    outcomes: collections.Counter = collections.Counter()
    violations: dict[str, str] = {}

    @seed(SEED)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def one(case):
        try:
            outcomes[check(case)] += 1
        except Exception as exc:  # counting every escape is the point
            key = f"{type(exc).__name__} at {_where(exc)}"
            outcomes[f"VIOLATION {key}"] += 1
            message = " ".join(str(exc).split())[:300]
            violations.setdefault(key, message + (f"\n      input: {case!r}" if SHOW else ""))

    one()
    return outcomes, violations


def main() -> None:
    print(f"{CASES:,} cases per target, seed {SEED} (TCO_FUZZ_CASES, TCO_FUZZ_SEED)")
    total = bad = 0
    for name, (strategy, check) in TARGETS.items():
        started = time.perf_counter()
        outcomes, violations = fuzz(strategy, check, CASES)
        seconds = time.perf_counter() - started
        count = sum(outcomes.values())
        wrong = sum(n for k, n in outcomes.items() if k.startswith("VIOLATION"))
        total, bad = total + count, bad + wrong
        shown = ", ".join(f"{k} {n:,}" for k, n in sorted(outcomes.items()))
        print(f"{name}: {count:,} cases in {seconds:.0f} s; {shown}")
        for key, message in violations.items():
            print(f"    {key}: {message}")
    print(f"all targets: {total:,} cases, {bad:,} outside the contract")
