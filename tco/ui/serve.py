"""Start the dashboard with the engine already loaded: ``python -m tco.ui.serve [options]``.

Streamlit runs ``app.py`` only when the first browser connects, so the first visitor after a
start would wait for the engine's imports, the catalogue and the default scenario's operating
points (~0.7 s of a ~3 s first screen on 2 cores). This does that work at start-up, in the
server's own process, then hands over to ``streamlit run app.py`` with the options given
(e.g. ``--server.port 8501``).
"""

import sys
from pathlib import Path

from streamlit.web import cli

from tco.models.errors import TcoError

APP = Path(__file__).resolve().parents[2] / "app.py"


def preload() -> None:
    """Import the engine and fill its process-wide caches for the default scenario.

    Only modules without Streamlit caches: ``st.cache_*`` functions imported before the
    server's runtime exists would fall back to a cache of their own.
    """
    from tco.data.catalogue import builtin_catalogue
    from tco.data.presets import default_scenario
    from tco.engine import run
    from tco.present import figures

    result = run(default_scenario(), builtin_catalogue())
    figures.cost_over_time({"": result.timeline})  # Plotly loads its validators on first use


def hide_metrics() -> None:
    """Leave out Streamlit's ``/_stcore/metrics`` route: it tells anyone the names and sizes
    of the server's caches and sessions (attack 9 of issue 13), and Streamlit has no setting
    to turn it off. The request then gets 404 (tests/hardening/test_operations.py)."""
    from starlette.responses import PlainTextResponse
    from starlette.routing import BaseRoute, Route
    from streamlit.runtime import Runtime
    from streamlit.web.server.starlette import starlette_app, starlette_routes

    async def not_found(request: object) -> PlainTextResponse:
        return PlainTextResponse("Not found", status_code=404)

    def routes(runtime: Runtime, base_url: str | None) -> list[BaseRoute]:
        path = starlette_routes._with_base(starlette_routes.ROUTE_METRICS, base_url)
        return [Route(path, not_found, methods=["GET", "OPTIONS"])]

    starlette_app.create_metrics_routes = routes


def main() -> None:
    try:
        from tco.ui.identity import mode

        mode()  # an unknown TCO_AUTH stops the start, not every page later
        preload()
        hide_metrics()
    except (
        TcoError,
        RuntimeError,
    ) as exc:  # e.g. a bad catalogue row: file, row and reason, one line
        sys.exit(f"inference-tco cannot start: {exc}")
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
