"""Shared hypothesis strategies: valid scenarios and the inputs economic properties vary.

Scenarios are built from the presets (so every one is complete and valid) and then moved
within ranges a user can reach in the dashboard. Accelerators are limited to parts with a
purchase price, a cloud price and published power, so every deployment kind can run.
"""

from hypothesis import strategies as st

from tco.data.presets import example_scenario
from tco.models import Demand, Finance, Overrides, Scenario

PRICED_ACCELERATORS = ("nvidia-h100-sxm", "nvidia-h200-sxm", "nvidia-b200")
DEPLOYMENTS = (
    "hyperscale-owned",
    "enterprise-on-prem",
    "colocation",
    "cloud-on-demand",
    "cloud-reserved-1y",
    "cloud-reserved-3y",
    "edge",
    "hybrid",
)
OWNED_DEPLOYMENTS = ("hyperscale-owned", "enterprise-on-prem", "colocation", "edge")
WORKLOAD_IDS = ("chat", "rag", "code", "batch", "reasoning", "agentic")

tokens_per_day = st.floats(min_value=1e8, max_value=1e12)
electricity_usd_per_kwh = st.floats(min_value=0.02, max_value=0.5)
pue = st.floats(min_value=1.0, max_value=2.5)
wacc_frac = st.floats(min_value=0.0, max_value=0.3)
accelerator_price_usd = st.floats(min_value=2_000, max_value=100_000)
peak_to_average = st.floats(min_value=1.0, max_value=5.0)


@st.composite
def scenarios(draw, deployments: tuple[str, ...] = DEPLOYMENTS) -> Scenario:
    """A valid scenario: a preset, a priced accelerator, one to three workloads, and moved
    demand, finance and horizon."""
    workload_ids = draw(
        st.lists(st.sampled_from(WORKLOAD_IDS), min_size=1, max_size=3, unique=True)
    )
    base = example_scenario(
        draw(st.sampled_from(deployments)),
        draw(st.sampled_from(PRICED_ACCELERATORS)),
        workload_ids,
    )
    demand = Demand(
        tokens_per_day=draw(tokens_per_day),
        growth_frac_per_year=draw(st.floats(min_value=-0.3, max_value=1.5)),
        peak_to_average=draw(peak_to_average),
        headroom_frac=draw(st.floats(min_value=0.0, max_value=0.5)),
    )
    finance = Finance(
        wacc_frac=draw(wacc_frac),
        hardware_life_years=draw(st.sampled_from([3, 4, 5, 6])),
        residual_value_frac=draw(st.floats(min_value=0.0, max_value=0.3)),
        financing=draw(st.sampled_from(["buy", "lease"])),
    )
    return base.model_copy(
        update={
            "demand": demand,
            "finance": finance,
            "horizon_months": draw(st.sampled_from([12, 36, 60, 84])),
        }
    )


def with_overrides(scenario: Scenario, **values: float) -> Scenario:
    """The scenario with some overrides set (others kept)."""
    overrides = Overrides(**{**scenario.overrides.model_dump(), **values})
    return scenario.model_copy(update={"overrides": overrides})
