"""`tco optimise`: the optimiser's answer as JSON or text; bad input exits 2 with one line."""

import contextlib
import json

import pytest

from tco.analysis.optimise import optimise
from tco.cli import main
from tco.data.presets import default_scenario
from tco.io.scenario_files import dump_scenario
from tco.models.optimise import Constraints, SearchSpace

NARROW = [
    "--accelerators",
    "nvidia-h100-sxm,nvidia-b200",
    "--sites",
    "us-texas,de-frankfurt",
    "--deployments",
    "enterprise-on-prem,cloud-on-demand",
]


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "scenario.yaml"
    path.write_text(dump_scenario(default_scenario(), "yaml"))
    return str(path)


def test_json_is_the_optimisers_answer(capsys, scenario_file):
    code = main(["optimise", scenario_file, *NARROW, "--power-cap-mw", "0.5", "--json"])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0
    expected = optimise(
        default_scenario(),
        SearchSpace(
            accelerator_ids=["nvidia-h100-sxm", "nvidia-b200"],
            site_ids=["us-texas", "de-frankfurt"],
            deployment_ids=["enterprise-on-prem", "cloud-on-demand"],
        ),
        Constraints(power_cap_mw=0.5),
    )
    assert payload["candidates"] == expected.candidates
    assert [r["label"] for r in payload["ranked"]] == [r.label for r in expected.ranked]
    assert all(r["metrics"]["site_peak_mw"] <= 0.5 for r in payload["ranked"])
    assert payload["not_searched"]


def test_text_names_the_winner_and_what_is_not_searched(capsys, scenario_file):
    code = main(["optimise", scenario_file, *NARROW, "--objective", "co2e"])
    out = capsys.readouterr().out
    assert code == 0
    assert "lowest CO₂e per million tokens" in out
    assert "1     NVIDIA" in out
    assert "Not searched yet:" in out


def test_an_impossible_cap_is_said_in_one_sentence(capsys, scenario_file):
    args = ["optimise", scenario_file, *NARROW[:4], "--deployments", "enterprise-on-prem"]
    code = main([*args, "--power-cap-mw", "0.001"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Nothing searched keeps every limit: the power cap binds" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--sites", "mars"], "site_ids: unknown mars"),
        (["--system-sizes", "four"], "--system-sizes: expected comma-separated numbers"),
        (["--precisions", "fp3"], "unknown precision 'fp3'"),
        (["--power-cap-mw", "-1"], "power_cap_mw"),
        (["--hybrid-owned", "1.5"], "owned share must be between 0 and 1"),
        (["--top", "0"], "--top"),
        (["--objective", "speed"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, scenario_file, argv, fragment):
    with pytest.raises(SystemExit) if "--objective" in argv else contextlib.nullcontext():
        code = main(["optimise", scenario_file, *argv])
        assert code == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert err.count("\n") == 1
