"""`tco example` and `tco run`: the documented JSON keys, and one-line errors with exit 2."""

import json

import pytest

from tco.cli import main

REQUIRED_KEYS = {
    "cost_usd_per_million_tokens", "cost_usd_per_million_input_tokens",
    "cost_usd_per_million_output_tokens", "accelerator_hour_cost_usd", "total_cost_usd",
    "breakdown_usd", "accelerators", "racks", "facility_power_kw", "energy_kwh", "co2e_kg",
    "workloads", "timeline", "warnings",
}  # fmt: skip


def _call(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def scenario_file(tmp_path, capsys):
    code, out, _ = _call(capsys, "example", "--preset", "colocation", "--workloads", "chat,code")
    assert code == 0
    path = tmp_path / "scenario.yaml"
    path.write_text(out)
    return path


def test_example_then_run_json(capsys, scenario_file):
    code, out, err = _call(capsys, "run", str(scenario_file), "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert set(payload) >= REQUIRED_KEYS
    assert payload["feasible"] is True
    assert sum(payload["breakdown_usd"].values()) == pytest.approx(payload["total_cost_usd"])
    assert len(payload["timeline"]) == 60
    assert {"month", "cost_usd_per_million_tokens"} <= set(payload["timeline"][0])
    assert [w["id"] for w in payload["workloads"]] == ["chat", "code"]


def test_run_with_tornado_and_monte_carlo(capsys, scenario_file):
    code, out, _ = _call(
        capsys, "run", str(scenario_file), "--json", "--tornado", "--monte-carlo", "200"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["tornado"]
    assert payload["monte_carlo"]["samples"] == 200
    code, text, _ = _call(capsys, "run", str(scenario_file), "--tornado", "--monte-carlo", "50")
    assert code == 0
    assert "cost per million tokens" in text
    assert "Monte Carlo (50 samples" in text


def test_example_json_and_every_preset(capsys):
    for preset in ("hyperscale-owned", "enterprise-on-prem", "colocation", "cloud-on-demand",
                   "cloud-reserved-1y", "cloud-reserved-3y", "edge", "hybrid"):  # fmt: skip
        code, out, _ = _call(capsys, "example", "--preset", preset, "--json")
        assert code == 0
        assert json.loads(out)["deployment"]["id"] == preset


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name: [oops", "not valid YAML"),
        ("accelerator_id: nope\n", "workloads: Field required"),
    ],
)
def test_bad_files_exit_2_with_one_line(capsys, tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    code, out, err = _call(capsys, "run", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert expected in err


def test_unknown_key_exits_2_naming_it(capsys, scenario_file):
    scenario_file.write_text(scenario_file.read_text() + "colour: blue\n")
    code, _, err = _call(capsys, "run", str(scenario_file))
    assert code == 2
    assert err == "tco: error: colour: unknown field\n"


def test_unknown_id_and_bad_arguments_exit_2(capsys, scenario_file):
    text = scenario_file.read_text().replace("site_id: us-virginia", "site_id: atlantis")
    scenario_file.write_text(text)
    code, _, err = _call(capsys, "run", str(scenario_file))
    assert code == 2
    assert "site_id: unknown site id 'atlantis'" in err
    code, _, err = _call(capsys, "example", "--accelerator", "nope")
    assert code == 2
    assert "accelerator: unknown accelerator id 'nope'" in err
    code, _, err = _call(capsys, "run", str(scenario_file), "--monte-carlo", "0")
    assert code == 2


def test_infeasible_scenario_prints_the_reason(capsys, tmp_path):
    code, out, _ = _call(capsys, "example", "--preset", "hyperscale-owned", "--accelerator",
                         "google-tpu-v6e", "--workloads", "chat")  # fmt: skip
    path = tmp_path / "tpu.yaml"
    path.write_text(out)
    code, out, _ = _call(capsys, "run", str(path))
    assert code == 0
    assert "infeasible: Google TPU v6e" in out
    code, out, _ = _call(capsys, "run", str(path), "--json")
    assert json.loads(out)["feasible"] is False
