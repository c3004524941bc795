"""Issue 13, attacks 3, 4, 7 and 9 on the command line, each reproduced as it was found."""

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from tco.cli import main
from tco.data.presets import example_scenario
from tco.io.scenario_files import dump_scenario

CHAT = example_scenario(workload_ids=["chat"])


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "chat.yaml"
    path.write_text(dump_scenario(CHAT))
    return path


def _export(scenario_file, out) -> int:
    return main(["export", str(scenario_file), "--format", "json", "--out", str(out)])


# attack 3: --out replaced special files and reset modes ---------------------------------


def test_out_to_a_fifo_writes_into_it_and_leaves_a_fifo(scenario_file, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert _export(scenario_file, fifo) == 0
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])["name"] == CHAT.name


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_out_to_a_device_leaves_the_device(scenario_file, tmp_path):
    """``--out /dev/null`` as root turned the device into a regular file; a twin of
    /dev/null (same major and minor) stands in for it, so the test cannot harm the machine."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
    assert _export(scenario_file, null) == 0
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_out_keeps_an_existing_files_mode_and_follows_a_link(scenario_file, tmp_path):
    target = tmp_path / "shared.json"
    target.write_text("old")
    target.chmod(0o644)
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    assert _export(scenario_file, link) == 0
    assert link.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert json.loads(target.read_text())["name"] == CHAT.name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.yaml", "latest.json", "shared.json"]


# attack 4: a busy or damaged store took down everything ----------------------------------


def test_a_damaged_store_does_not_stop_a_scenario_on_built_in_parts(
    scenario_file, tmp_path, capsys
):
    Path(os.environ["TCO_STORE_PATH"]).write_bytes(b"this is not a DuckDB file" * 100)
    assert main(["run", str(scenario_file), "--json"]) == 0
    custom = tmp_path / "custom.yaml"
    custom.write_text(dump_scenario(CHAT.model_copy(update={"accelerator_id": "acme-x1"})))
    capsys.readouterr()
    assert main(["run", str(custom)]) == 2
    err = capsys.readouterr().err
    assert "'acme-x1' is not a built-in accelerator, and your own cannot be read" in err
    assert err.count("\n") == 1


# attack 7: terminal escape codes reached the text output raw -----------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"


def test_escape_codes_in_a_scenario_name_and_an_unknown_key_are_shown_not_obeyed(tmp_path, capsys):
    named = tmp_path / "named.yaml"
    named.write_text(dump_scenario(CHAT.model_copy(update={"name": f"Plan {ESCAPES}"})))
    assert main(["run", str(named)]) == 0
    out = capsys.readouterr().out
    assert "Plan \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202e" in out
    keyed = tmp_path / "keyed.json"
    keyed.write_text(json.dumps(CHAT.model_dump(mode="json") | {f"{ESCAPES}bad": 1}))
    assert main(["run", str(keyed)]) == 2
    err = capsys.readouterr().err
    assert "\\x1b[2J" in err
    for text in (out, err):
        assert not set(text) & {"\x1b", "\x07", "\x9b", "\u202e"}


def test_escape_codes_in_a_custom_parts_name_are_shown_not_obeyed(capsys):
    from tco.data.store import Store
    from tco.models import Accelerator

    part = Accelerator.example().model_dump() | {"id": "acme-x1", "name": f"X1 {ESCAPES}"}
    Store().add_accelerator(Accelerator.model_validate(part))
    assert main(["catalogue"]) == 0
    out = capsys.readouterr().out
    assert "X1 \\x1b]0;pwned" in out
    assert "\x1b" not in out


# attack 9: half a JSON document ----------------------------------------------------------


def test_a_value_json_cannot_hold_is_null_in_a_whole_document(capsys):
    sql = "SELECT 'nan'::DOUBLE AS x, 'inf'::DOUBLE AS y, 1.5::DOUBLE AS z"
    assert main(["catalogue", "--json", "--sql", sql]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["rows"] == [{"x": None, "y": None, "z": 1.5}]


# attack 9: the rest ---------------------------------------------------------------------


class _EndlessInput:
    """Standard input that never ends: reading it whole would take all the memory there is."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("standard input was read whole")
        self.asked.append(size)
        return b"#" * size


def test_standard_input_is_read_only_up_to_the_size_limit(monkeypatch, capsys):
    from types import SimpleNamespace

    from tco.io.scenario_files import MAX_BYTES

    endless = _EndlessInput()
    monkeypatch.setattr("sys.stdin", SimpleNamespace(buffer=endless))
    assert main(["run", "-"]) == 2
    assert endless.asked == [MAX_BYTES + 1]
    assert "a scenario file may be at most 1 MB" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("horizon_months: yes\n", "horizon_months: Input should be a valid integer"),
        ("horizon_months: on\n", "horizon_months: Input should be a valid integer"),
        ("horizon_months: 12\nhorizon_months: 36\n", "the key 'horizon_months' is given twice"),
    ],
)
def test_yaml_11_booleans_and_repeated_keys_are_refused(tmp_path, capsys, text, reason):
    """``horizon_months: yes`` became 1 month (YAML 1.1 reads yes as true, and true as 1),
    and a repeated key kept its last value; both silently."""
    base = {k: v for k, v in CHAT.model_dump(mode="json").items() if k != "horizon_months"}
    path = tmp_path / "s.yaml"
    path.write_text(text + dump_scenario_mapping(base))
    assert main(["run", str(path)]) == 2
    assert reason in capsys.readouterr().err


def test_a_repeated_key_in_json_is_refused(tmp_path, capsys):
    body = json.dumps(CHAT.model_dump(mode="json"))
    path = tmp_path / "s.json"
    path.write_text(body[:-1] + ', "horizon_months": 12, "horizon_months": 36}')
    assert main(["run", str(path)]) == 2
    assert "the key 'horizon_months' is given twice" in capsys.readouterr().err


def test_yaml_true_and_false_still_read_as_booleans(tmp_path):
    from tco.io.scenario_files import load_scenario

    workload = CHAT.workloads[0].model_dump(mode="json") | {"sovereign": True}
    text = dump_scenario_mapping(CHAT.model_dump(mode="json") | {"workloads": [workload]})
    assert "sovereign: true" in text
    assert load_scenario(text).workloads[0].sovereign is True


def dump_scenario_mapping(mapping: dict) -> str:
    import yaml

    return yaml.safe_dump(mapping, sort_keys=False)


def test_csv_text_cells_are_quoted_so_a_semicolon_locale_keeps_them_whole(tmp_path):
    import csv

    name = "Chat;=1+1;"
    workload = CHAT.workloads[0].model_copy(update={"name": name})
    path = tmp_path / "s.yaml"
    path.write_text(dump_scenario(CHAT.model_copy(update={"workloads": [workload]})))
    out = tmp_path / "w.csv"
    argv = ["export", str(path), "--format", "csv", "--table", "workloads", "--out", str(out)]
    assert main(argv) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert f'"{name}"' in text
    rows = list(csv.reader(text.splitlines(), delimiter=";"))  # as a semicolon locale reads it
    assert any(name in cell for row in rows for cell in row)
    assert not any(cell.startswith("=") for row in rows for cell in row)
