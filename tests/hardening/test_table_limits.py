"""Issue 13, attack 5: a crafted edit state of 6,000 added rows (230 kB) for the workload
table cost 55 s of server CPU without a click (Streamlit adds them to the frame one at a
time). The page now drops an edit state that touches more rows than a mix may hold, before
Streamlit applies it, and says so; a real server and a crafted client reproduce the attack.
"""

import json

import pytest

from bench import loadgen
from tco.ui.workload_table import MAX_WORKLOADS

APPLY = "FormSubmitter:workloads_form-Apply the workload mix"


async def _attack(port: int, rows: int) -> loadgen.Run:
    """Send ``rows`` added rows for the workload table, and submit the form with them."""
    async with loadgen.Session(port) as session:
        await session.run("")
        before = await session.run("scenario")
        [key] = [k for k, (_, kind) in before.widgets.items() if kind == "data_editor"]
        added = [{"name": f"w{n}"} for n in range(rows)]
        state = {"edited_rows": {}, "added_rows": added, "deleted_rows": []}
        return await session.run(**{key: json.dumps(state), APPLY: True})


@pytest.mark.slow
def test_six_thousand_crafted_rows_are_dropped_before_they_cost_anything(tmp_path):
    with loadgen.server(tmp_path / "store.duckdb") as (port, _):
        attack = loadgen.run_sync(_attack(port, 6_000))
        legitimate = loadgen.run_sync(_attack(port, 2))
    assert not attack.exceptions
    assert any(f"at most {MAX_WORKLOADS} workloads" in t for t in attack.errors)
    assert not [t for t in attack.errors if "Mix not applied" in t]  # the rows never arrived
    # two added rows do arrive (and are refused for having no share, naming the row)
    assert any("Mix not applied: workload row 7" in t and "w0" in t for t in legitimate.errors)
