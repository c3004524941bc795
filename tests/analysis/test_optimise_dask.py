"""The same search on a Dask distributed cluster (TCO_DASK_SCHEDULER), started here.

A local cluster with worker processes: every chunk is pickled to a worker, screened there
against the catalogue it loads itself, and sent back, as on a cluster of many machines.
"""

from collections.abc import Iterator

import pytest
from dask.distributed import LocalCluster
from same_answer import same

from tco.analysis.optimise import optimise
from tco.analysis.optimise.workers import SCHEDULER_ENV, where
from tco.data.presets import default_scenario
from tco.models.optimise import Constraints, SearchSpace

SPACE = SearchSpace(
    accelerator_ids=["nvidia-h100-sxm", "nvidia-h200-sxm", "nvidia-b200", "amd-mi300x"],
    site_ids=["us-texas", "de-frankfurt", "se-nordics"],
)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_a_dask_cluster_gives_the_same_answer_as_this_process(scheduler, monkeypatch):
    scenario, limits = default_scenario(), Constraints(power_cap_mw=1.5)
    here = optimise(scenario, SPACE, limits)
    monkeypatch.setenv(SCHEDULER_ENV, scheduler)
    assert where() == f"Dask cluster at {scheduler}"
    seen = []
    there = optimise(scenario, SPACE, limits, progress=lambda d, t, b: seen.append(d))
    same(there.model_dump(), here.model_dump())
    assert there.within_limits > 0
    assert sorted(seen) == seen
    assert seen[-1] == here.candidates
