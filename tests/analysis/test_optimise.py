"""The optimiser (tco.analysis.optimise): its answer is the brute-force answer of run().

The brute force below builds every scenario of a small grid its own way (a dict edit of
the base scenario, validated) and runs each with `tco.engine.run`; the optimiser must pick
the same winner with the same figures, keep every limit, and say what binds when nothing
can.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from same_answer import same

from tco.analysis.optimise import optimise, workers
from tco.analysis.optimise.screen import METRICS, figures_of, screen
from tco.analysis.optimise.space import groups, scenario_for, sites
from tco.data.presets import default_scenario, runnable_mix
from tco.engine import prepare, run
from tco.models import Scenario
from tco.models.errors import TcoError
from tco.models.optimise import Constraints, SearchSpace

PARTS = ["nvidia-h100-sxm", "nvidia-b200", "amd-mi300x"]
COOLINGS = ["air", "direct-to-chip"]
SITES = ["us-texas", "de-frankfurt"]
DEPLOYMENTS = ["enterprise-on-prem", "colocation", "cloud-on-demand", "hybrid"]
GRID = SearchSpace(
    accelerator_ids=PARTS,
    cooling_ids=COOLINGS,
    site_ids=SITES,
    deployment_ids=DEPLOYMENTS,
    hybrid_owned_fracs=[0.6],
)


@pytest.fixture(scope="module")
def base() -> Scenario:
    return default_scenario()


def _brute_force(base: Scenario, catalogue) -> list[tuple[dict, Scenario, object]]:
    """(choices, scenario, result) of every runnable combination of the grid."""
    found = []
    for part, cooling, site, deployment_id in itertools.product(
        PARTS, COOLINGS, SITES, DEPLOYMENTS
    ):
        preset = catalogue.deployments[deployment_id]
        if preset.kind == "cloud" and cooling != base.cooling_id:
            continue  # the provider's racks: cooling is not a choice
        data = base.model_dump()
        data["accelerator_id"] = part
        data["workloads"] = [
            w.model_dump() for w in runnable_mix(base.workloads, catalogue.accelerators[part])
        ]
        data["deployment"] = preset.as_deployment().model_dump()
        data["operations"] = preset.as_operations().model_dump()
        data["site_id"], data["cooling_id"] = site, cooling
        scenario = Scenario.model_validate(data)
        result = run(scenario, catalogue)
        if result.feasible:
            found.append(
                (
                    {"part": part, "cooling": cooling, "site": site, "deployment": deployment_id},
                    scenario,
                    result,
                )
            )
    return found


def _site_peak_mw(result) -> float:
    owned = max(m.accelerators - m.accelerators_rented for m in result.timeline)
    return owned * result.facility_power_kw / result.accelerators / 1000


def test_the_grid_is_the_brute_force_grid(base, catalogue):
    answer = optimise(base, GRID, catalogue=catalogue)
    brute = _brute_force(base, catalogue)
    # 3 parts × (3 owned kinds × 2 coolings + 1 cloud) × 2 sites
    assert answer.candidates == 3 * 7 * 2
    assert answer.runnable == len(brute)


@pytest.mark.parametrize(
    ("objective", "key"),
    [
        ("cost", lambda r: r.cost_usd_per_million_tokens),
        ("total_cost", lambda r: r.total_cost_usd),
        ("co2e", lambda r: r.gco2e_per_million_tokens),
    ],
)
def test_the_winner_is_the_brute_force_winner(base, catalogue, objective, key):
    brute = _brute_force(base, catalogue)
    choices, _, result = min(brute, key=lambda item: key(item[2]))
    answer = optimise(base, GRID, objective=objective, catalogue=catalogue)
    top = answer.ranked[0]
    assert (
        top.choice.accelerator_id,
        top.choice.cooling_id,
        top.choice.site_id,
        top.choice.deployment_id,
    ) == (choices["part"], choices["cooling"], choices["site"], choices["deployment"])
    assert top.metrics.cost_usd_per_million_tokens == pytest.approx(
        result.cost_usd_per_million_tokens, rel=1e-12
    )
    assert answer.winner is not None
    assert run(answer.winner, catalogue).total_cost_usd == pytest.approx(result.total_cost_usd)


def test_a_power_cap_gives_the_brute_force_winner_among_those_under_it(base, catalogue):
    brute = _brute_force(base, catalogue)
    peaks = sorted(_site_peak_mw(r) for _, _, r in brute if _site_peak_mw(r) > 0)
    cap = peaks[len(peaks) // 2]  # half the owned configurations exceed it
    under = [item for item in brute if _site_peak_mw(item[2]) <= cap]
    best = min(under, key=lambda item: item[2].cost_usd_per_million_tokens)
    answer = optimise(base, GRID, Constraints(power_cap_mw=cap), catalogue=catalogue)
    assert answer.within_limits == len(under)
    assert answer.ranked[0].metrics.cost_usd_per_million_tokens == pytest.approx(
        best[2].cost_usd_per_million_tokens, rel=1e-12
    )
    assert all(r.metrics.site_peak_mw <= cap * (1 + 1e-9) for r in answer.ranked)


def test_the_screen_agrees_with_run_on_every_confirmed_candidate(base, catalogue):
    space = SearchSpace(accelerator_ids=PARTS, site_ids=SITES, hybrid_owned_fracs=[0.4, 0.8])
    answer = optimise(base, space, catalogue=catalogue, top=20)
    assert len(answer.ranked) >= 8
    all_groups, site_ids = groups(space, base, catalogue), sites(space, catalogue)
    for ranked in answer.ranked:
        number = next(
            i for i, g in enumerate(all_groups) if g.choice(ranked.choice.site_id) == ranked.choice
        )
        table = screen(base, [all_groups[number]], number, site_ids, catalogue)
        row = site_ids.index(ranked.choice.site_id)
        scenario = scenario_for(base, ranked.choice, catalogue)
        expected = figures_of(run(scenario, catalogue), prepare(scenario, catalogue))
        for name in METRICS:
            assert table.metrics[name][row] == pytest.approx(expected[name], rel=1e-9, abs=1e-12)


def test_every_deployment_kind_screens_as_run_computes_it(base, catalogue):
    """Owned, colocation, cloud, edge and hybrid groups, each at two sites."""
    space = SearchSpace(
        accelerator_ids=["nvidia-h200-sxm"],
        cooling_ids=["air", "immersion-1p"],
        site_ids=["se-nordics", "sg-singapore"],
        hybrid_owned_fracs=[0.5],
    )
    all_groups, site_ids = groups(space, base, catalogue), sites(space, catalogue)
    kinds = set()
    for number, group in enumerate(all_groups):
        table = screen(base, [group], number, site_ids, catalogue)
        for row in range(len(table)):
            scenario = scenario_for(base, group.choice(site_ids[table.site[row]]), catalogue)
            expected = figures_of(run(scenario, catalogue), prepare(scenario, catalogue))
            kinds.add(scenario.deployment.kind)
            for name in METRICS:
                assert table.metrics[name][row] == pytest.approx(
                    expected[name], rel=1e-9, abs=1e-12
                ), name
    assert kinds == {"owned", "colocation", "cloud", "edge", "hybrid"}


def test_an_impossible_power_cap_says_what_binds_and_by_how_much(base, catalogue):
    space = GRID.model_copy(update={"deployment_ids": ["enterprise-on-prem", "colocation"]})
    brute = [
        item
        for item in _brute_force(base, catalogue)
        if item[0]["deployment"] in ("enterprise-on-prem", "colocation")
    ]
    smallest = min(_site_peak_mw(r) for _, _, r in brute)
    cap = smallest / 2
    answer = optimise(base, space, Constraints(power_cap_mw=cap), catalogue=catalogue)
    assert answer.ranked == []
    assert answer.winner is None
    reason = answer.infeasible_reason or ""
    assert "power cap binds" in reason
    assert f"{smallest:,.2f} MW against {cap:,.2f} MW" in reason
    assert "100 % over" in reason
    assert "\n" not in reason
    assert {r.binding for r in answer.rejections} == {"power cap"}


def test_a_budget_binds_in_dollars(base, catalogue):
    answer = optimise(base, GRID, Constraints(yearly_budget_usd=1.0), catalogue=catalogue)
    assert "yearly budget binds" in (answer.infeasible_reason or "")
    assert "$1.00 a year" in (answer.infeasible_reason or "")


def test_parts_that_cannot_run_the_mix_say_why(base, catalogue):
    space = GRID.model_copy(update={"accelerator_ids": ["nvidia-h100-sxm", "nvidia-l4"]})
    answer = optimise(base, space, catalogue=catalogue)
    (l4,) = answer.rejections
    assert (l4.accelerator_id, l4.binding) == ("nvidia-l4", "cannot run")
    assert "TPOT" in l4.reason


def test_sovereign_workloads_stay_on_owned_hardware_in_their_country(base, catalogue):
    workloads = [w.model_copy(update={"sovereign": True}) for w in base.workloads]
    sovereign = base.model_copy(update={"workloads": workloads})
    answer = optimise(sovereign, GRID, Constraints(sovereign_countries=["DE"]), catalogue=catalogue)
    assert answer.ranked
    for ranked in answer.ranked:
        assert ranked.choice.site_id == "de-frankfurt"
        assert catalogue.deployments[ranked.choice.deployment_id].kind != "cloud"


def test_the_pareto_frontier_is_not_dominated_and_holds_the_cheapest(base, catalogue):
    answer = optimise(base, GRID, catalogue=catalogue)
    frontier = answer.pareto_power
    costs = [p.cost_usd_per_million_tokens for p in frontier]
    powers = [p.value for p in frontier]
    assert costs == sorted(costs, reverse=True)
    assert powers == sorted(powers)
    assert costs[-1] == pytest.approx(answer.ranked[0].metrics.cost_usd_per_million_tokens)


def test_why_the_winner_wins_sums_to_the_difference(base, catalogue):
    answer = optimise(base, GRID, catalogue=catalogue)
    why = answer.why
    assert why is not None
    assert why.feasible
    assert why.b_usd_per_million_tokens == pytest.approx(
        answer.ranked[0].metrics.cost_usd_per_million_tokens
    )
    total = sum(step.delta_usd_per_million_tokens for step in why.steps)
    assert total == pytest.approx(why.b_usd_per_million_tokens - why.a_usd_per_million_tokens)
    assert why.b_usd_per_million_tokens <= why.a_usd_per_million_tokens


def test_local_processes_give_the_same_answer(base, catalogue, monkeypatch):
    monkeypatch.setattr(workers, "POOL_MIN_CANDIDATES", 0)  # pool even this small grid
    serial = optimise(base, GRID, catalogue=catalogue)
    pooled = optimise(base, GRID, catalogue=catalogue, workers=2)
    same(pooled.model_dump(), serial.model_dump())


def test_progress_is_reported_per_part_with_the_best_so_far(base, catalogue):
    seen = []
    optimise(
        base,
        GRID,
        catalogue=catalogue,
        progress=lambda done, total, best: seen.append((done, total, best)),
    )
    assert [done for done, _, _ in seen] == [14, 28, 42]
    assert all(total == 42 for _, total, _ in seen)
    bests = [b.metrics.cost_usd_per_million_tokens for _, _, b in seen if b is not None]
    assert bests == sorted(bests, reverse=True)


def test_unknown_ids_and_oversized_searches_are_refused(base, catalogue):
    with pytest.raises(TcoError, match="site_ids: unknown mars"):
        optimise(base, SearchSpace(site_ids=["mars"]), catalogue=catalogue)
    with pytest.raises(TcoError, match="more than 1,000,000"):
        optimise(
            base,
            SearchSpace(
                precisions=["fp8", "bf16", "int8", "fp16"],
                system_sizes=[1, 2, 4, 8, 16, 32, 64, 72],
                rack_power_kw=[10, 20, 40, 80, 100, 130, 150, 200],
            ),
            catalogue=catalogue,
        )


@settings(max_examples=15, deadline=None)
@given(cap_frac=st.floats(0.05, 1.0), tighter=st.floats(0.2, 0.99))
def test_a_tighter_cap_never_lowers_the_best_cost(cap_frac, tighter):
    base = default_scenario()
    space = SearchSpace(
        accelerator_ids=PARTS, site_ids=SITES, deployment_ids=["enterprise-on-prem", "colocation"]
    )
    loose = optimise(base, space, Constraints(power_cap_mw=cap_frac * 3))
    tight = optimise(base, space, Constraints(power_cap_mw=cap_frac * 3 * tighter))
    assert tight.within_limits <= loose.within_limits
    if tight.ranked:
        assert loose.ranked
        best_loose = loose.ranked[0].metrics.cost_usd_per_million_tokens
        assert tight.ranked[0].metrics.cost_usd_per_million_tokens >= best_loose * (1 - 1e-12)
        assert all(
            r.metrics.site_peak_mw <= cap_frac * 3 * tighter * (1 + 1e-9) for r in tight.ranked
        )
    else:
        assert "power cap binds" in (tight.infeasible_reason or "")
    for ranked in (*loose.ranked, *tight.ranked):
        assert all(math.isfinite(v) for v in ranked.metrics.model_dump().values())
    assert np.isfinite([p.value for p in loose.pareto_power]).all()
