"""The launcher: it warms the engine's caches, and a catalogue error stops it in one line."""

import pytest

from tco.data.catalogue import CatalogueError
from tco.data.presets import default_scenario
from tco.performance import operating_point
from tco.ui import serve


def test_preload_computes_the_default_scenarios_operating_points():
    operating_point.cache_clear()
    serve.preload()
    assert operating_point.cache_info().currsize >= len(default_scenario().workloads)


def test_a_catalogue_error_stops_start_up_in_one_line(monkeypatch):
    reason = "accelerators.csv row 3 (nvidia-h100-sxm): memory_gb must be greater than 0"

    def broken() -> None:
        raise CatalogueError(reason)

    monkeypatch.setattr(serve, "preload", broken)
    with pytest.raises(SystemExit) as info:
        serve.main()
    assert info.value.code == f"inference-tco cannot start: {reason}"
