"""Issue 13, attack 4: while another process held the store file, every page (even the
default scenario, which needs nothing from the store) stalled and then showed "the local
store <its full path> is busy". Pages now go on with the built-in catalogue, and the parts
that need the store say so in one line without any path."""

import os
import subprocess
import sys
from pathlib import Path

from apptest_pages import open_page

HOLDER = (
    "import duckdb, sys, time\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('holding', flush=True)\n"
    "time.sleep(120)\n"
)


def _texts(at) -> list[str]:
    found = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "metric"):
        for element in getattr(at, kind):
            found.append(str(getattr(element, "value", "")))
    return found


def test_pages_work_and_name_no_path_while_another_process_holds_the_store():
    store_file = Path(os.environ["TCO_STORE_PATH"])
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        overview = open_page()
        assert not overview.exception
        assert overview.metric, "the default scenario's figures are shown"
        scenario = open_page("scenario")
        assert not scenario.exception
        shown = _texts(overview) + _texts(scenario)
        assert not [t for t in shown if str(store_file.parent) in t]
        assert any("Saved scenarios are unavailable right now" in t for t in shown)
    finally:
        holder.kill()
        holder.communicate()
