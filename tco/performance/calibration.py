"""Efficiency parameters: how much of the datasheet a software stack achieves.

The few numbers that turn a roofline into a prediction live in
``data/calibration/parameters.csv``, one row per parameter and software stack, with its
unit, plausible range, whether it was fitted or fixed, and where it comes from. They are
fitted by ``scripts/fit_calibration.py`` to audited MLPerf results and loaded once here.

Stacks are per vendor because the software is: NVIDIA parts run TensorRT-LLM in every
calibration row, AMD parts vLLM on ROCm. Other vendors have no audited LLM rows in the
calibration set; they use the ``other`` stack, which the fit script fills with the less
mature (AMD) stack's values as a stated, conservative default.
"""

import csv
import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tco.models.errors import TcoError

CALIBRATION_DIR = Path(__file__).resolve().parents[2] / "data" / "calibration"
PARAMETERS_CSV = CALIBRATION_DIR / "parameters.csv"
MATMUL_CSV = CALIBRATION_DIR / "achievable_matmul.csv"
CURRENT_ROUND = "v5.1"  # software level the product predicts by default (MLPerf round)
STACKS = {"NVIDIA": "nvidia-trtllm", "AMD": "amd-vllm-rocm"}
OTHER_STACK = "other"


@dataclass(frozen=True, slots=True)
class Efficiency:
    """Achievable fractions of the datasheet for one software stack at one software level.

    bandwidth_frac: share of peak memory bandwidth a decode step sustains [0-1].
    compute_frac: share of the part's achievable matmul rate (``achievable_matmul_frac``)
        that 16- and 8-bit matmuls sustain while serving [0-1].
    fp4_relative_frac: share of the FP4 peak reached, relative to ``compute_frac`` [0-1].
    layer_overhead_s: fixed time per layer per step (launches, sync, sampling) [s].
    """

    bandwidth_frac: float
    compute_frac: float
    fp4_relative_frac: float
    layer_overhead_s: float


@dataclass(frozen=True, slots=True)
class Globals:
    """Parameters shared by every stack.

    roofline_exponent: sharpness n of the smooth roofline ‖memory, arithmetic‖_n [-].
    moe_expert_frac: arithmetic efficiency of routed-expert (grouped) matmuls relative to
        dense ones [0-1]; their weight streaming runs at the dense bandwidth.
    tpot_p99_over_mean / ttft_p99_over_mean: how far a p99 latency sits above the mean the
    model predicts [ratio]. allreduce_latency_s: fixed cost of one tensor-parallel
    all-reduce [s]. memory_reserve_frac: memory kept for activations, workspace and the
    runtime [0-1]. idle_power_frac / memory_power_frac: board power when idle, and while
    streaming memory at full bandwidth, as shares of TDP [0-1].
    """

    roofline_exponent: float
    moe_expert_frac: float
    tpot_p99_over_mean: float
    ttft_p99_over_mean: float
    allreduce_latency_s: float
    memory_reserve_frac: float
    idle_power_frac: float
    memory_power_frac: float


@dataclass(frozen=True, slots=True)
class Parameter:
    """One row of parameters.csv."""

    name: str
    stack: str
    value: float
    unit: str
    lower: float
    upper: float
    status: str
    meaning: str
    source: str
    as_of: str


def read_parameters(path: Path = PARAMETERS_CSV) -> list[Parameter]:
    """Every parameter row, validated for range; a bad file fails with file, row and reason."""
    rows = []
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            for line, raw in enumerate(csv.DictReader(handle), start=2):
                try:
                    row = Parameter(
                        name=raw["name"],
                        stack=raw["stack"],
                        value=float(raw["value"]),
                        unit=raw["unit"],
                        lower=float(raw["lower"]),
                        upper=float(raw["upper"]),
                        status=raw["status"],
                        meaning=raw["meaning"],
                        source=raw["source"],
                        as_of=raw["as_of"],
                    )
                except (KeyError, TypeError, ValueError) as exc:
                    raise TcoError(f"{path.name}, row {line}: {exc}") from None
                if not row.lower <= row.value <= row.upper:
                    raise TcoError(
                        f"{path.name}, row {line}: {row.name} = {row.value} is outside "
                        f"its stated range [{row.lower}, {row.upper}]"
                    )
                rows.append(row)
    except OSError as exc:
        raise TcoError(f"calibration parameters not readable: {exc}") from None
    return rows


@cache
def _table() -> dict[tuple[str, str], float]:
    return {(p.name, p.stack): p.value for p in read_parameters()}


def _value(name: str, stack: str) -> float:
    table = _table()
    if (name, stack) in table:
        return table[(name, stack)]
    raise TcoError(f"parameters.csv has no {name!r} for stack {stack!r}")


def stack_of(vendor: str) -> str:
    """Software stack used for a vendor's parts."""
    return STACKS.get(vendor, OTHER_STACK)


@cache
def efficiency(stack: str, software_round: str = CURRENT_ROUND) -> Efficiency:
    """Efficiencies of a stack at the software level of an MLPerf round.

    Older rounds scale both achievable fractions by that round's maturity factor
    (``maturity_<round>``, 1 for the current round).
    """
    maturity = 1.0
    if software_round != CURRENT_ROUND:
        maturity = _value(f"maturity_{software_round}", stack)
    return Efficiency(
        bandwidth_frac=min(_value("bandwidth_frac", stack) * maturity, 1.0),
        compute_frac=min(_value("compute_frac", stack) * maturity, 1.0),
        fp4_relative_frac=_value("fp4_relative_frac", stack),
        layer_overhead_s=_value("layer_overhead_us", stack) * 1e-6,
    )


@cache
def globals_() -> Globals:
    """The stack-independent parameters."""
    return Globals(
        roofline_exponent=_value("roofline_exponent", "all"),
        moe_expert_frac=_value("moe_expert_frac", "all"),
        tpot_p99_over_mean=_value("tpot_p99_over_mean", "all"),
        ttft_p99_over_mean=_value("ttft_p99_over_mean", "all"),
        allreduce_latency_s=_value("allreduce_latency_us", "all") * 1e-6,
        memory_reserve_frac=_value("memory_reserve_frac", "all"),
        idle_power_frac=_value("idle_power_frac", "all"),
        memory_power_frac=_value("memory_power_frac", "all"),
    )


@cache
def _matmul_table() -> dict[tuple[str, str], tuple[str, float]]:
    try:
        with MATMUL_CSV.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise TcoError(f"achievable matmul table not readable: {exc}") from None
    return {
        (r["accelerator_id"], r["dtype"]): (
            r["accelerator_id"].split("-")[0],
            float(r["achievable_frac"]),
        )
        for r in rows
    }


@cache
def achievable_matmul_frac(accelerator_id: str, vendor_prefix: str, eight_bit: bool) -> float:
    """Best-case matmul rate measured on the part, as a share of its dense peak [0-1].

    From data/calibration/achievable_matmul.csv (stas00/ml-engineering MAMF table: the
    largest TFLOPS any matmul shape reached, which includes the clock the part sustains
    within its power limit). 8-bit and 4-bit matmuls use the part's FP8 row where measured,
    else its BF16 row. Parts never measured take the median BF16 share of their vendor's
    parts (of all parts when the vendor has none): a stated default, not a measurement.
    """
    table = _matmul_table()
    for dtype in ("fp8", "bf16") if eight_bit else ("bf16",):
        if (accelerator_id, dtype) in table:
            return table[(accelerator_id, dtype)][1]
    same_vendor = [f for (_, d), (v, f) in table.items() if d == "bf16" and v == vendor_prefix]
    return statistics.median(same_vendor or [f for (_, d), (_, f) in table.items() if d == "bf16"])


def clear_cache() -> None:
    """Forget loaded parameters (after the fit script rewrites the file)."""
    _table.cache_clear()
    _matmul_table.cache_clear()
    achievable_matmul_frac.cache_clear()
    efficiency.cache_clear()
    globals_.cache_clear()
