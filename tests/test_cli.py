"""The `tco` command: happy paths print data, bad input exits 2 with one line on stderr."""

import json
import subprocess
import sys

import pytest

from tco.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_catalogue_json_lists_every_part_with_its_source(capsys):
    code, out, _ = run(capsys, "catalogue", "--json")
    rows = json.loads(out)
    assert code == 0
    assert len(rows) >= 33
    assert all(row["source"] for row in rows)


def test_catalogue_sql_json(capsys):
    sql = "SELECT id, memory_bandwidth_tb_per_s FROM accelerators ORDER BY 2 DESC LIMIT 3"
    code, out, _ = run(capsys, "catalogue", "--sql", sql, "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["columns"] == ["id", "memory_bandwidth_tb_per_s"]
    assert len(payload["rows"]) == 3


@pytest.mark.parametrize("command", ["models", "workloads", "sites", "cooling", "deployments"])
def test_listings(capsys, command):
    code, out, _ = run(capsys, command, "--json")
    assert code == 0
    assert all("id" in row for row in json.loads(out))
    code, text, _ = run(capsys, command)
    assert code == 0
    assert text.startswith("id")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["catalogue", "--sql", "DROP TABLE accelerators"], "only SELECT"),
        (
            ["catalogue", "--sql", "SELECT * FROM read_csv('/etc/passwd')"],
            "disabled by configuration",
        ),
        (["catalogue", "--sql", "SELECT nonsense FROM nowhere"], "nowhere"),
        (["no-such-command"], "invalid choice"),
        (["catalogue", "--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, fragment):
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse usage errors exit from inside parse_args
        code = exit_.code
    _, err = capsys.readouterr()
    assert code == 2
    assert fragment in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_console_script_and_module_entry_point():
    """The installed `tco` script and `python -m tco` run the same command."""
    for argv in (["tco"], [sys.executable, "-m", "tco"]):
        done = subprocess.run(
            [*argv, "cooling", "--json"], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert {row["id"] for row in json.loads(done.stdout)} >= {"air", "direct-to-chip"}
    done = subprocess.run(
        ["tco", "catalogue", "--sql", "ATTACH 'x.db'"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith("tco: error:")
    assert "Traceback" not in done.stderr
