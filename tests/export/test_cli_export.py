"""`tco export`: every format written, read back; bad input exits 2 with one line and
leaves an existing file untouched."""

import json

import pytest
import yaml
from openpyxl import load_workbook
from pptx import Presentation

from tco.cli import main
from tco.io.scenario_files import dump_scenario, load_scenario


@pytest.fixture
def scenario_file(tmp_path, report):
    path = tmp_path / "scenario.yaml"
    path.write_text(dump_scenario(report.scenario))
    return path


def _export(scenario_file, tmp_path, fmt, *extra):
    out = tmp_path / f"out.{fmt}"
    code = main(["export", str(scenario_file), "--format", fmt, "--out", str(out), *extra])
    return code, out


def test_pptx(scenario_file, tmp_path):
    code, out = _export(scenario_file, tmp_path, "pptx", "--sections", "title,tornado")
    assert code == 0
    assert len(Presentation(str(out)).slides) == 2


def test_xlsx_and_csv(scenario_file, tmp_path):
    code, out = _export(scenario_file, tmp_path, "xlsx")
    assert code == 0
    assert load_workbook(out).sheetnames[0] == "Timeline"
    code, out = _export(scenario_file, tmp_path, "csv", "--table", "workloads")
    assert code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("Workload,Model,")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_scenario_files_round_trip(scenario_file, tmp_path, report, fmt):
    code, out = _export(scenario_file, tmp_path, fmt)
    assert code == 0
    data = out.read_bytes()
    (json.loads if fmt == "json" else yaml.safe_load)(data)
    assert load_scenario(data) == report.scenario


def test_without_comparison(scenario_file, tmp_path):
    code, out = _export(scenario_file, tmp_path, "pptx", "--no-compare")
    assert code == 0
    titles = [s.shapes[0].text_frame.text for s in Presentation(str(out)).slides if s.shapes]
    assert "Scenario comparison" not in titles


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--format", "pptx", "--sections", "title,nope"], "unknown deck section"),
        (["--format", "csv", "--chart", "tornado"], "png or svg only"),
        (["--format", "xlsx", "--sections", "title"], "pptx only"),
        (["--format", "png", "--width", "10"], "image size"),
        (["--format", "pptx", "--compare", "missing.yaml"], "No such file"),
    ],
)
def test_bad_requests_exit_2_with_one_line_and_change_nothing(
    scenario_file, tmp_path, capsys, args, reason
):
    out = tmp_path / "existing.bin"
    out.write_bytes(b"keep me")
    code = main(["export", str(scenario_file), *args, "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert reason in err
    assert "\n" not in err
    assert out.read_bytes() == b"keep me"
    assert not list(tmp_path.glob(".tco-export-*"))  # no half-written file left behind


def test_a_bad_scenario_file_is_refused_with_its_reason(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\naccelerator_id: nvidia-h100-sxm\nworkloads: []\n")
    code = main(["export", str(bad), "--format", "pptx", "--out", str(tmp_path / "d.pptx")])
    assert code == 2
    assert "workloads" in capsys.readouterr().err
    assert not (tmp_path / "d.pptx").exists()


def test_stdout(scenario_file, capsysbinary):
    assert main(["export", str(scenario_file), "--format", "csv", "--out", "-"]) == 0
    assert capsysbinary.readouterr().out.startswith("\ufeffMonth [month],".encode())
