"""What each deployment kind pays for, financing, refresh, trends, and infeasibility."""

import math
from itertools import pairwise

import pytest

from tco.data.presets import example_scenario
from tco.engine import run
from tco.models import Deployment, Finance, Operations, Overrides, Precision, Trends
from tco.models.errors import TcoError
from tco.models.units import HOURS_PER_MONTH


def _run(catalogue, preset="enterprise-on-prem", accelerator="nvidia-h100-sxm", **update):
    scenario = example_scenario(preset, accelerator, ["chat", "batch"], catalogue)
    result = run(scenario.model_copy(update=update), catalogue)
    assert result.feasible, result.infeasible_reason
    return result


def _nonzero(result):
    return {k for k, v in result.breakdown_usd.items() if v > 0}


def test_owned_pays_hardware_facility_and_energy(catalogue):
    r = _run(catalogue)
    assert {"accelerators", "servers", "facility", "energy", "maintenance"} <= _nonzero(r)
    assert r.breakdown_usd["colocation"] == r.breakdown_usd["cloud_rental"] == 0
    assert r.capex_usd > 0
    assert r.racks > 0
    assert r.provisioned_it_kw == pytest.approx(r.accelerators / 8 * 10.2)


# BLS CPI-U annual averages (data/price_index.csv): 2025 and 2026 dollars
CPI_2025, CPI_2026 = 321.943, 330.079
NO_RUNNING_COSTS = Operations(
    maintenance_frac_per_year=0, software_usd_per_accelerator_year=0,
    staff_usd_per_accelerator_year=0,
)  # fmt: skip


def _rented(catalogue, site_id="us-virginia", **deployment):
    """A cloud on-demand H100 fleet with nothing but the rental to pay."""
    preset = catalogue.deployments["cloud-on-demand"].as_deployment()
    return _run(
        catalogue, "cloud-on-demand", site_id=site_id, operations=NO_RUNNING_COSTS,
        deployment=preset.model_copy(update=deployment),
    )  # fmt: skip


def test_cloud_rents_everything_and_reports_energy_for_information(catalogue):
    r = _run(catalogue, "cloud-on-demand")
    assert _nonzero(r) <= {"cloud_rental", "software", "staff"}
    assert r.capex_usd == 0
    assert r.breakdown_usd["energy"] == 0
    assert r.energy_kwh > 0  # the provider's energy, reported, not billed
    assert r.racks == r.floor_area_m2 == 0  # the provider's racks, not ours (issue 14, item 9)
    assert r.break_even_month is None


def test_by_default_the_cheapest_region_near_the_site_prices_the_rental(catalogue):
    """Northern Virginia: Lambda's 8 x H100 instance in us-east-1, USD 31.92/h in 2025
    dollars (data/cloud_prices.csv), is the cheapest H100 hour in the US."""
    r = _rented(catalogue)
    first = r.timeline[0]
    per_hour = 31.92 / 8 * CPI_2026 / CPI_2025
    assert first.opex_usd == pytest.approx(first.accelerators * HOURS_PER_MONTH * per_hour)
    assert r.rental_price.startswith("Lambda us-east-1")


def test_a_frankfurt_on_demand_rental_costs_what_the_table_says_for_that_region(catalogue):
    """Google Cloud europe-west3 (Frankfurt), a3-highgpu-8g (8 x H100) on demand: USD
    104.4314 per instance-hour on the 2026-07-30 price list (data/cloud_prices.csv)."""
    r = _rented(catalogue, "de-frankfurt", cloud_provider="gcp")
    first = r.timeline[0]
    assert first.opex_usd == pytest.approx(first.accelerators * HOURS_PER_MONTH * 104.4314 / 8)
    assert r.rental_price.startswith("Google Cloud europe-west3 (Frankfurt), a3-highgpu-8g")
    # the same region named explicitly, and in euros at the 2026 rate (0.857 per USD)
    named = _rented(catalogue, "de-frankfurt", cloud_provider="gcp", cloud_region="europe-west3")
    assert named.timeline[0].opex_usd == pytest.approx(first.opex_usd)
    in_eur = run(
        example_scenario("cloud-on-demand", "nvidia-h100-sxm", ["chat", "batch"], catalogue)
        .model_copy(update={
            "site_id": "de-frankfurt", "operations": NO_RUNNING_COSTS,
            "deployment": catalogue.deployments["cloud-on-demand"].as_deployment().model_copy(
                update={"cloud_provider": "gcp"}),
            "finance": Finance(currency="EUR"),
        }),
        catalogue,
    )  # fmt: skip
    month = in_eur.timeline[0]
    assert month.opex_usd == pytest.approx(
        month.accelerators * HOURS_PER_MONTH * 104.4314 / 8 * 0.857
    )


def test_reserved_is_cheaper_than_on_demand(catalogue):
    """Where a provider publishes no 3-year price, its on-demand price takes the median
    3-year share of the instances the table prices both ways (0.43-0.45 in the lists)."""
    on_demand = _run(catalogue, "cloud-on-demand")
    reserved = _run(catalogue, "cloud-reserved-3y")
    ratio = reserved.breakdown_usd["cloud_rental"] / on_demand.breakdown_usd["cloud_rental"]
    prices = {(p.provider, p.region, p.instance_type, p.commitment): p.price_per_hour
              for p in catalogue.cloud_prices}  # fmt: skip
    shares = [
        price / prices[(*key[:3], "on_demand")]
        for key, price in prices.items()
        if key[3] == "reserved_3y" and (*key[:3], "on_demand") in prices
    ]
    assert len(shares) >= 10
    assert min(shares) <= ratio <= max(shares) < 0.5


def test_colocation_leases_the_facility(catalogue):
    r = _run(catalogue, "colocation")
    assert r.breakdown_usd["facility"] == 0
    assert r.breakdown_usd["colocation"] > 0
    assert r.breakdown_usd["energy"] > 0  # metered power passed through at the site tariff


def test_edge_pays_enclosures_not_a_hall(catalogue):
    r = _run(catalogue, "edge")
    assert r.breakdown_usd["facility"] > 0
    assert r.breakdown_usd["colocation"] == 0
    bare = _run(catalogue, "edge", deployment=Deployment(id="x", name="x", kind="edge"))
    assert bare.breakdown_usd["facility"] == 0  # no enclosure cost set


def test_hybrid_rents_only_above_the_owned_base(catalogue):
    r = _run(catalogue, "hybrid")
    assert r.breakdown_usd["cloud_rental"] > 0
    assert r.breakdown_usd["accelerators"] > 0
    assert any(m.accelerators_rented > 0 for m in r.timeline)
    sovereign = example_scenario("hybrid", "nvidia-h100-sxm", ["chat"], catalogue)
    sovereign = sovereign.model_copy(
        update={"workloads": [sovereign.workloads[0].model_copy(update={"sovereign": True})]}
    )
    pinned = run(sovereign, catalogue)
    assert pinned.breakdown_usd["cloud_rental"] == 0
    assert all(m.accelerators_rented == 0 for m in pinned.timeline)


def _flat(catalogue, **update):
    """No growth and no software gain: the month-1 fleet serves the whole horizon."""
    demand = example_scenario(catalogue=catalogue).demand.model_copy(
        update={"growth_frac_per_year": 0.0}
    )
    trends = Trends(software_efficiency_gain_frac_per_year=0.0)
    return _run(catalogue, demand=demand, **{"trends": trends, **update})


def test_lease_leaves_only_the_facility_in_capex(catalogue):
    bought = _flat(catalogue)
    leased = _flat(catalogue, finance=Finance(financing="lease"))
    # air cooled hall in Virginia: USD 11.7/W (2024 dollars), no premium, USD 15,000 (2025
    # dollars) fit-out per 10.2 kW rack, each brought to 2026 prices with the BLS CPI-U
    # annual averages (2024: 313.689, 2025: 321.943, 2026: 330.079; data/price_index.csv)
    build = 11_700 * 330.079 / 313.689 + 15_000 * 330.079 / 321.943 / 10.2
    facility = bought.provisioned_it_kw * build
    assert leased.capex_usd == pytest.approx(facility, rel=1e-9)
    assert bought.capex_usd > leased.capex_usd
    assert leased.breakdown_usd["accelerators"] > bought.breakdown_usd["accelerators"]


def test_refresh_buys_again_at_end_of_life(catalogue):
    r = _flat(catalogue, finance=Finance(hardware_life_years=2))
    capex = [m.capex_usd for m in r.timeline]
    assert capex[0] > 0
    assert all(c == 0 for c in capex[1:24])
    assert capex[24] > 0  # month 25: the month-1 hardware is replaced
    assert capex[24] < capex[0]  # at a lower price, and without a second facility
    kept = _flat(
        catalogue,
        finance=Finance(hardware_life_years=2),
        trends=Trends(software_efficiency_gain_frac_per_year=0.0, refresh_at_end_of_life=False),
    )
    assert all(m.capex_usd == 0 for m in kept.timeline[1:])
    assert kept.total_cost_usd < r.total_cost_usd


def test_later_purchases_are_cheaper(catalogue):
    r = _run(catalogue, trends=Trends(hardware_price_decline_frac_per_year=0.2))
    per_accelerator = []
    previous = 0
    for m in r.timeline:
        if m.capex_usd > 0:
            per_accelerator.append(m.capex_usd / (m.accelerators - previous))
        previous = m.accelerators
    assert len(per_accelerator) >= 3
    assert per_accelerator == sorted(per_accelerator, reverse=True)


def test_electricity_escalates_yearly(catalogue):
    escalating = _flat(catalogue, trends=Trends(
        software_efficiency_gain_frac_per_year=0.0, electricity_escalation_frac_per_year=0.5
    ))  # fmt: skip
    flat = _flat(catalogue, trends=Trends(
        software_efficiency_gain_frac_per_year=0.0, electricity_escalation_frac_per_year=0.0
    ))  # fmt: skip
    kwh = [m.energy_kwh for m in flat.timeline]
    expected = sum(e * 1.5 ** (i / 12) for i, e in enumerate(kwh)) / sum(kwh)
    ratio = escalating.breakdown_usd["energy"] / flat.breakdown_usd["energy"]
    assert ratio == pytest.approx(expected, rel=1e-9)


def test_input_output_split_adds_up_to_each_workload_cost(catalogue):
    r = _run(catalogue)
    total = 0.0
    for w in r.workloads:
        tokens = r.tokens_served * w.share_frac
        share_in = w.operating_point.input_tokens / (
            w.operating_point.input_tokens + w.operating_point.output_tokens
        )
        cost = w.cost_usd_per_million_tokens * tokens / 1e6
        split = (
            w.cost_usd_per_million_input_tokens * tokens * share_in
            + w.cost_usd_per_million_output_tokens * tokens * (1 - share_in)
        ) / 1e6
        assert split == pytest.approx(cost, rel=1e-9)
        total += cost
    assert total == pytest.approx(r.total_cost_usd, rel=1e-9)
    assert sum(w.cost_share_frac for w in r.workloads) == pytest.approx(1.0)


def test_first_month_and_totals_agree(catalogue):
    r = _run(catalogue)
    assert r.timeline[0].accelerators == r.accelerators
    assert max(m.accelerators for m in r.timeline) == r.peak_accelerators
    assert r.accelerators == sum(w.accelerators for w in r.workloads)
    assert math.isclose(sum(m.energy_kwh for m in r.timeline), r.energy_kwh, rel_tol=1e-9)
    # the facility is sized for the servers' maximum power, above their mean draw
    assert r.facility_power_kw == pytest.approx(r.provisioned_it_kw * r.pue)
    assert r.facility_power_kw > r.it_power_kw * r.pue


@pytest.mark.parametrize(
    ("deployment", "accelerator", "update", "expected"),
    [
        ("enterprise-on-prem", "google-tpu-v6e", {}, "only rented: choose a cloud deployment"),
        ("cloud-on-demand", "google-tpu7x", {}, "enter a cloud price per accelerator-hour"),
        ("hybrid", "nvidia-h20", {}, "enter a cloud price per accelerator-hour"),
        (
            "cloud-on-demand",
            "amd-mi300x",
            {"deployment": Deployment(id="x", name="AWS", kind="cloud", cloud_provider="aws")},
            "AWS does not rent it in the cloud price table; providers that rent it: Microsoft "
            "Azure, Oracle Cloud",
        ),
        (
            "enterprise-on-prem",
            "google-tpu-v6e",
            {"overrides": Overrides(accelerator_price_usd=10_000)},
            "no published power",
        ),
        ("enterprise-on-prem", "nvidia-h100-sxm", {"rack_power_kw": 40.0}, "at most 20 kW"),
    ],
)
def test_infeasible_configurations_say_why_and_what_fixes_them(
    catalogue, deployment, accelerator, update, expected
):
    scenario = example_scenario(deployment, accelerator, ["chat"], catalogue)
    result = run(scenario.model_copy(update=update), catalogue)
    assert not result.feasible
    assert expected in result.infeasible_reason
    assert "_" not in result.infeasible_reason  # words, not field names (issue 14, item 7)
    assert result.total_cost_usd == 0
    assert result.timeline == []


@pytest.mark.parametrize(
    ("cooling_id", "rack_power_kw", "advice", "not_advised"),
    [
        # a DGX H100 needs 10.2 kW [methodology §5]; air removes 20 kW: the rack limit is at
        # fault, so the advice is the rack power, never "choose Air" (issue 14, item 8)
        ("air", 8.0, "Plan a rack power of at least 10.2 kW", "Choose"),
        # 30 kW is more than air removes: plan at most 20, or a cooling that removes 30 kW
        ("air", 30.0, "Plan at most 20 kW per rack for Air, or choose Rear-door", "Choose Air"),
        ("rear-door", 5.0, "Plan a rack power of at least 10.2 kW (Rear-door", "Choose"),
    ],
)
def test_density_advice_names_the_fix_not_the_cooling_already_chosen(
    catalogue, cooling_id, rack_power_kw, advice, not_advised
):
    scenario = example_scenario("enterprise-on-prem", "nvidia-h100-sxm", ["chat"], catalogue)
    update = {"cooling_id": cooling_id, "rack_power_kw": rack_power_kw}
    result = run(scenario.model_copy(update=update), catalogue)
    assert not result.feasible
    assert advice in result.infeasible_reason
    assert not_advised not in result.infeasible_reason


def test_a_system_no_cooling_takes_names_only_coolings_that_take_it(catalogue):
    """GB200 NVL72: 132 kW per rack [R2]; on rear-door (80 kW) only liquid or immersion fit."""
    scenario = example_scenario("hyperscale-owned", "nvidia-gb200", ["chat"], catalogue)
    update = {"cooling_id": "rear-door", "overrides": Overrides(accelerator_price_usd=45_000)}
    reason = run(scenario.model_copy(update=update), catalogue).infeasible_reason
    assert "Choose Direct-to-chip liquid (cold plates) or Single-phase immersion" in reason
    assert "Rear-door heat exchanger (RDHx) or" not in reason


def test_zero_demand_is_infeasible_with_a_reason(catalogue):
    scenario = example_scenario(catalogue=catalogue)
    demand = scenario.demand.model_copy(update={"tokens_per_day": 0.0})
    result = run(scenario.model_copy(update={"demand": demand}), catalogue)
    assert not result.feasible
    assert "the demand is 0 tokens a day" in result.infeasible_reason


def test_unsupported_precision_names_the_workload(catalogue):
    scenario = example_scenario("enterprise-on-prem", "nvidia-h100-sxm", ["agentic"], catalogue)
    fp4 = scenario.workloads[0].model_copy(update={"precision": Precision.FP4})
    result = run(scenario.model_copy(update={"workloads": [fp4]}), catalogue)
    assert not result.feasible
    assert result.infeasible_reason.startswith("Agents and tool use: ")
    assert "FP4" in result.infeasible_reason


def test_unknown_ids_raise_one_line_errors_naming_the_field(catalogue):
    scenario = example_scenario(catalogue=catalogue)
    with pytest.raises(TcoError, match=r"^accelerator_id: unknown accelerator id 'nope'"):
        run(scenario.model_copy(update={"accelerator_id": "nope"}), catalogue)
    bad = scenario.workloads[1].model_copy(update={"model_id": "gpt-9"})
    workloads = [scenario.workloads[0], bad, *scenario.workloads[2:]]
    with pytest.raises(TcoError, match=r"^workloads\.1\.model_id: unknown model id 'gpt-9'"):
        run(scenario.model_copy(update={"workloads": workloads}), catalogue)


def test_warnings_for_low_utilisation_and_used_prices(catalogue):
    scenario = example_scenario("edge", "nvidia-a100-sxm-80gb", ["chat"], catalogue)
    demand = scenario.demand.model_copy(update={"tokens_per_day": 1e8})
    result = run(scenario.model_copy(update={"demand": demand}), catalogue)
    assert result.feasible, result.infeasible_reason
    text = " ".join(result.warnings)
    assert "Mean utilisation" in text
    assert "used-market street price" in text


@pytest.mark.parametrize("preset", ["enterprise-on-prem", "hybrid", "cloud-on-demand"])
def test_a_tiny_demand_still_needs_one_whole_system(catalogue, preset):
    scenario = example_scenario(preset, "nvidia-h100-sxm", ["chat"], catalogue)
    demand = scenario.demand.model_copy(update={"tokens_per_day": 1e-3})
    result = run(scenario.model_copy(update={"demand": demand}), catalogue)
    assert result.feasible
    assert result.balance.ok
    assert result.accelerators == 8
    assert any("Mean utilisation" in w for w in result.warnings)


def test_reasons_quoting_user_names_stay_on_one_line(catalogue):
    scenario = example_scenario("enterprise-on-prem", "nvidia-h100-sxm", ["agentic"], catalogue)
    named = scenario.workloads[0].model_copy(
        update={"precision": Precision.FP4, "name": "line one\nline\x1b[31m two " + "x" * 300}
    )
    result = run(scenario.model_copy(update={"workloads": [named]}), catalogue)
    assert not result.feasible
    assert "\n" not in result.infeasible_reason
    assert "\x1b" not in result.infeasible_reason
    assert len(result.infeasible_reason) <= 500


@pytest.mark.parametrize("preset", ["enterprise-on-prem", "cloud-on-demand"])
def test_facility_power_is_the_dgx_h100_nameplate_times_pue(catalogue, preset):
    """DGX H100: 10.2 kW for 8 GPUs (NVIDIA DGX H100 datasheet); on air at the catalogue's
    typical PUE of 1.55 the facility must supply 10.2 × 1.55 kW per server at full load,
    whether the servers are owned or rented."""
    r = _run(catalogue, preset)
    assert r.facility_power_kw == pytest.approx(r.accelerators / 8 * 10.2 * 1.55, rel=1e-9)


def test_the_api_line_declines_by_default_and_pinning_it_flat_restores_a_flat_line(catalogue):
    """Default: each model class's fitted decline. Pinned (0): the old flat line at the
    median of the providers' latest prices, in every month."""
    scenario = example_scenario("enterprise-on-prem", "nvidia-h100-sxm", ["chat"], catalogue)
    falling = run(scenario, catalogue)
    flat = run(
        scenario.model_copy(update={"trends": Trends(api_price_decline_frac_per_year=0.0)}),
        catalogue,
    )
    months = [m.api_usd_per_million_tokens for m in falling.timeline]
    assert all(later < earlier for earlier, later in pairwise(months))
    assert 0.1 < falling.api_price_decline_frac_per_year < 0.9
    assert months[12] == pytest.approx(months[0] * (1 - falling.api_price_decline_frac_per_year))
    # flat: the old line, Llama 3.3 70B's provider median of the 2025-09 snapshot (USD 0.595
    # in, 0.72 out per 1M tokens; chat is 1,024 in / 1,024 out), at 2026 prices; the newer
    # listings of the history move it by under 2 %
    level = {m.api_usd_per_million_tokens for m in flat.timeline}
    assert len(level) == 1
    assert flat.api_usd_per_million_tokens == pytest.approx(level.pop())
    old = (0.595 + 0.72) / 2 * CPI_2026 / CPI_2025
    assert flat.api_usd_per_million_tokens == pytest.approx(old, rel=0.02)
    assert flat.api_price_decline_frac_per_year == 0
    assert falling.api_usd_per_million_tokens < flat.api_usd_per_million_tokens
    assert falling.timeline[0].api_usd_per_million_tokens == pytest.approx(
        flat.timeline[0].api_usd_per_million_tokens
    )
    assert falling.cost_usd_per_million_tokens == flat.cost_usd_per_million_tokens
