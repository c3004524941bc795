"""The power-budget planner (tco.analysis.power_budget): the fleet a budget buys.

Its tokens per day must be what `tco run` gives for the same fleet: each row's scenario
goes through the real command line, and the fleet, the demand and the power it reports
must match the row. "Largest" is checked independently: a demand one part in a million
higher needs a fleet that no longer fits.
"""

import json

import pytest

from tco.analysis.power_budget import owned_fleet, plan_budget
from tco.cli import main
from tco.data.presets import default_scenario, example_scenario
from tco.engine import run
from tco.io.scenario_files import dump_scenario
from tco.models.errors import TcoError

PARTS = ["nvidia-h100-sxm", "nvidia-b200", "amd-mi300x"]


def _tco_run(capsys, tmp_path, scenario) -> dict:
    path = tmp_path / "fleet.yaml"
    path.write_text(dump_scenario(scenario, "yaml"))
    assert main(["run", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("basis", ["facility", "it"])
def test_tokens_per_day_are_what_tco_run_gives_for_the_same_fleet(capsys, tmp_path, basis):
    plan = plan_budget(
        default_scenario(), 5.0, basis=basis, site_id="de-frankfurt", accelerator_ids=PARTS
    )
    assert [r.feasible for r in plan.rows] == [True] * 3
    for row in plan.rows:
        result = _tco_run(capsys, tmp_path, row.scenario)
        served = sum(w["tokens_per_day"] for w in result["workloads"])
        assert served == pytest.approx(row.tokens_per_day, rel=1e-12)
        assert result["accelerators"] == row.accelerators
        assert result["racks"] == row.racks
        assert result["cost_usd_per_million_tokens"] == pytest.approx(
            row.cost_usd_per_million_tokens, rel=1e-12
        )
        drawn_mw = result["facility_power_kw"] / 1000
        assert drawn_mw == pytest.approx(row.facility_mw, rel=1e-9)
        assert (drawn_mw if basis == "facility" else drawn_mw / result["pue"]) <= 5.0
        assert result["timeline"][-1]["tokens"] == pytest.approx(result["timeline"][0]["tokens"])


def test_the_fleet_is_the_largest_that_fits(catalogue):
    plan = plan_budget(default_scenario(), 2.0, accelerator_ids=PARTS)
    for row in plan.rows:
        more = owned_fleet(row.scenario, row.tokens_per_day * (1 + 1e-6), catalogue)
        per_accelerator_mw = row.facility_mw / row.accelerators
        assert isinstance(more, int)
        assert more > row.accelerators
        assert more * per_accelerator_mw > 2.0


def test_rows_are_ordered_by_tokens_and_say_why_a_part_has_none():
    plan = plan_budget(default_scenario(), 1.0, accelerator_ids=[*PARTS, "nvidia-l4"])
    feasible = [r for r in plan.rows if r.feasible]
    assert [r.tokens_per_day for r in feasible] == sorted(
        (r.tokens_per_day for r in feasible), reverse=True
    )
    (l4,) = [r for r in plan.rows if not r.feasible]
    assert l4.accelerator_id == "nvidia-l4"
    assert "TPOT" in (l4.reason or "")


def test_users_and_tokens_per_mw_follow_from_the_tokens():
    plan = plan_budget(
        default_scenario(), 3.0, accelerator_ids=["nvidia-h200-sxm"], tokens_per_user_per_day=50_000
    )
    (row,) = plan.rows
    assert row.users == pytest.approx(row.tokens_per_day / 50_000)
    assert row.tokens_per_day_per_mw == pytest.approx(row.tokens_per_day / 3.0)


def test_a_denser_cooling_puts_the_same_power_in_fewer_racks():
    air = plan_budget(default_scenario(), 4.0, cooling_id="air", accelerator_ids=["nvidia-b200"])
    liquid = plan_budget(
        default_scenario(), 4.0, cooling_id="direct-to-chip", accelerator_ids=["nvidia-b200"]
    )
    assert liquid.rows[0].racks < air.rows[0].racks
    assert liquid.rows[0].accelerators > air.rows[0].accelerators  # a lower PUE


def test_a_hybrid_plans_its_owned_base():
    hybrid = example_scenario("hybrid")
    (row,) = plan_budget(hybrid, 2.0, accelerator_ids=["nvidia-h100-sxm"]).rows
    result = run(row.scenario)
    first = result.timeline[0]
    assert first.accelerators - first.accelerators_rented == row.accelerators
    assert first.accelerators_rented > 0


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"power_mw": 0.0}, "above 0"),
        ({"power_mw": 20_000.0}, "at most 10,000 MW"),
        ({"power_mw": 1.0, "site_id": "mars"}, "unknown site id 'mars'"),
        ({"power_mw": 1.0, "accelerator_ids": []}, "at least one accelerator"),
        ({"power_mw": 1.0, "tokens_per_user_per_day": -5.0}, "tokens per user"),
    ],
)
def test_bad_budgets_are_refused_in_one_line(kwargs, fragment):
    with pytest.raises(TcoError, match=fragment):
        plan_budget(default_scenario(), **kwargs)


def test_a_rented_fleet_has_no_power_budget():
    with pytest.raises(TcoError, match="hardware you run"):
        plan_budget(example_scenario("cloud-on-demand"), 1.0)


def test_a_budget_below_one_system_says_so():
    (row,) = plan_budget(default_scenario(), 0.001, accelerator_ids=["nvidia-b200"]).rows
    assert not row.feasible
    assert "kW with its cooling, more than the whole 1 kW budget" in (row.reason or "")


def test_the_command_line_plans_every_part_or_one(capsys):
    assert main(["plan", "--power-mw", "5", "--site", "de-frankfurt", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["site_id"] == "de-frankfurt"
    assert len(payload["rows"]) >= 30
    assert main(["plan", "--power-mw", "5", "--accelerator", "nvidia-b200"]) == 0
    out = capsys.readouterr().out
    assert "nvidia-b200" in out
    assert main(["plan", "--power-mw", "-2"]) == 2
    assert "power budget must be above 0" in capsys.readouterr().err
