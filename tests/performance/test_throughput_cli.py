"""`tco throughput`: one JSON object (or a curve); bad input exits 2 with one line."""

import json

import pytest

from tco.cli import main

REQUIRED = {
    "output_tokens_per_s_per_accelerator",
    "output_tokens_per_s_per_user",
    "ttft_ms",
    "tpot_ms",
    "batch_size",
    "tensor_parallel",
    "replicas",
    "bound",
    "joules_per_output_token",
    "infeasible_reason",
}
BASE = ["throughput", "--model", "llama-2-70b", "--accelerator", "nvidia-h200-sxm"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*BASE, *argv] if argv and argv[0].startswith("--prec") else list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_documented_fields(capsys):
    code, out, err = run(
        capsys, "--precision", "FP8", "--input-tokens", "290", "--output-tokens", "294",
        "--ttft-ms", "2000", "--tpot-ms", "200", "--json",
    )  # fmt: skip
    point = json.loads(out)
    assert code == 0
    assert err == ""
    assert point.keys() >= REQUIRED
    assert point["infeasible_reason"] is None
    assert point["precision"] == "fp8"
    assert point["system_accelerators"] == 8


def test_infeasible_is_reported_not_an_error(capsys):
    code, out, _ = run(
        capsys, "throughput", "--model", "llama-3.1-405b", "--accelerator", "nvidia-l4",
        "--precision", "bf16", "--input-tokens", "100", "--output-tokens", "100", "--json",
    )  # fmt: skip
    point = json.loads(out)
    assert code == 0
    assert point["bound"] == "infeasible"
    assert "cannot hold it" in point["infeasible_reason"]


def test_curve_json(capsys):
    code, out, _ = run(
        capsys, "--precision", "fp8", "--input-tokens", "290", "--output-tokens", "294",
        "--curve", "--points", "12", "--json",
    )  # fmt: skip
    payload = json.loads(out)
    assert code == 0
    assert payload["infeasible_reason"] is None
    assert 2 <= len(payload["points"]) <= 12
    assert all(p.keys() >= REQUIRED for p in payload["points"])


def test_table_output(capsys):
    code, out, _ = run(
        capsys, "--precision", "fp8", "--input-tokens", "290", "--output-tokens", "9"
    )
    assert code == 0
    assert "output_tokens_per_s_per_accelerator" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--precision", "fp4", "--input-tokens", "10", "--output-tokens", "10"], "no FP4 support"),
        (["--precision", "fp7", "--input-tokens", "10", "--output-tokens", "10"], "fp7"),
        (["--precision", "fp8", "--input-tokens", "0", "--output-tokens", "10"], "input tokens"),
        (["--precision", "fp8", "--input-tokens", "ten", "--output-tokens", "10"], "invalid int"),
        (["--precision", "fp8", "--input-tokens", "9", "--output-tokens", "9", "--tpot-ms", "-1"],
         "TPOT"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_one_line(capsys, argv, message):
    try:
        code, _, err = run(capsys, *argv)
    except SystemExit as exit_:  # argparse type errors
        code, err = exit_.code, capsys.readouterr().err
    assert code == 2
    assert message in err
    assert err.strip().count("\n") == 0


def test_unknown_ids_exit_2(capsys):
    code, _, err = run(
        capsys, "throughput", "--model", "gpt-5", "--accelerator", "nvidia-h200-sxm",
        "--precision", "fp8", "--input-tokens", "9", "--output-tokens", "9",
    )  # fmt: skip
    assert code == 2
    assert "unknown model id 'gpt-5'" in err
