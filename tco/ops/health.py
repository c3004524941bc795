"""A deep health check: what Streamlit's ``/_stcore/health`` does not look at.

``/_stcore/health`` answers ``ok`` as soon as the server's event loop runs; it never loads
the catalogue, runs the engine or opens the store. ``python -m tco.ops.health`` does, in the
server's environment (same ``TCO_DATABASE_URL`` or ``TCO_STORE_PATH``), and prints one JSON line::

    {"status": "ok", "checks": {"catalogue": "ok", "engine": "ok", "store": "ok",
     "sql": "ok"}, "seconds": 0.41}

It exits 0 when every check passes and 1 otherwise, with a one-line reason per failed
check (no user data). A load balancer or orchestrator runs it as a readiness probe next
to the HTTP liveness probe (docs/operations.md).
"""

import json
import math
import sys
import time
from collections.abc import Callable

from tco.data.catalogue import builtin_catalogue
from tco.data.presets import default_scenario
from tco.data.sql.sandbox import run_query
from tco.data.store import Store, StoreUnavailableError, open_backend
from tco.engine import run
from tco.models.errors import one_line


def _catalogue() -> None:
    if not builtin_catalogue().accelerators:
        raise ValueError("the catalogue has no accelerators")


def _engine() -> None:
    result = run(default_scenario())
    if not result.feasible:
        raise ValueError(f"the default scenario is infeasible: {result.infeasible_reason}")
    if not (result.balance.ok and math.isfinite(result.cost_usd_per_million_tokens)):
        raise ValueError("the default scenario's result is not finite and balanced")


def _store() -> None:
    backend = open_backend()  # TCO_DATABASE_URL or TCO_STORE_PATH, as the server has them
    try:
        Store(backend=backend).saved_scenarios()
    except StoreUnavailableError as exc:
        raise StoreUnavailableError(exc.detail) from None  # operators need where
    finally:
        backend.close()


def _sql() -> None:
    if run_query("SELECT count(*) FROM accelerators").rows[0][0] <= 0:
        raise ValueError("the SQL sandbox holds no accelerators")


CHECKS: dict[str, Callable[[], None]] = {
    "catalogue": _catalogue,
    "engine": _engine,
    "store": _store,
    "sql": _sql,
}


def check() -> dict[str, str]:
    """Each check's outcome: ``ok`` or a one-line reason."""
    outcomes = {}
    for name, probe in CHECKS.items():
        try:
            probe()
        except Exception as exc:  # a health check reports, it does not crash
            outcomes[name] = f"{type(exc).__name__}: {one_line(exc)}"
        else:
            outcomes[name] = "ok"
    return outcomes


def main() -> int:
    started = time.perf_counter()
    outcomes = check()
    healthy = all(v == "ok" for v in outcomes.values())
    line = {
        "status": "ok" if healthy else "fail",
        "checks": outcomes,
        "seconds": round(time.perf_counter() - started, 2),
    }
    print(json.dumps(line))
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
