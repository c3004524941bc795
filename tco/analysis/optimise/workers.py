"""Where the screen runs: in this process, on the local cores, or on a Dask cluster.

The search is cut into chunks (one part's groups each); every chunk is screened by the same
function wherever it runs, so the answer does not depend on where (tests check all three).

- in this process (``workers=1``, the dashboard's choice: its server already runs many
  sessions at once);
- on the local cores (``workers>1``, the command line's default): a process pool forked from
  this process, which inherits the loaded catalogue and the throughput model's caches;
- on a Dask distributed cluster when ``TCO_DASK_SCHEDULER`` holds a scheduler address
  (``tcp://host:8786``): the same chunks as tasks, so a sweep of millions of
  configurations can use many machines.
"""

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from tco.analysis.optimise.screen import Table, screen
from tco.analysis.optimise.space import Group
from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.models import Accelerator, Scenario

SCHEDULER_ENV = "TCO_DASK_SCHEDULER"
POOL_MIN_CANDIDATES = 100_000
"""Below this many configurations a process pool costs more than it saves (forking and
returning the tables: 3.3 s on 2 processes against 1.9 s in one for 21,546, bench optimise)."""


@dataclass(frozen=True)
class Chunk:
    """A slice of the search that travels to a worker: plain data, pickled."""

    scenario_json: str
    groups: list[Group]
    offset: int
    site_ids: list[str]
    custom_accelerators: list[Accelerator]


def run_chunk(chunk: Chunk) -> Table:
    """Screen one chunk against the built-in catalogue plus the user's own parts."""
    catalogue = builtin_catalogue().with_accelerators(chunk.custom_accelerators)
    scenario = Scenario.model_validate_json(chunk.scenario_json)
    return screen(scenario, chunk.groups, chunk.offset, chunk.site_ids, catalogue)


def where() -> str:
    """Where a search runs, in words (for the CLI and the page)."""
    address = os.environ.get(SCHEDULER_ENV)
    return f"Dask cluster at {address}" if address else "this machine"


def tables(
    chunks: list[Chunk], catalogue: Catalogue, scenario: Scenario, workers: int, candidates: int
) -> Iterator[tuple[Chunk, Table]]:
    """Each chunk with its screened table, in the order they finish.

    ``workers`` local processes are used for searches of at least `POOL_MIN_CANDIDATES`.
    """
    address = os.environ.get(SCHEDULER_ENV)
    if address:
        yield from _dask(chunks, address)
    elif workers > 1 and len(chunks) > 1 and candidates >= POOL_MIN_CANDIDATES:
        yield from _pool(chunks, workers)
    else:
        for chunk in chunks:
            yield chunk, screen(scenario, chunk.groups, chunk.offset, chunk.site_ids, catalogue)


def _pool(chunks: list[Chunk], workers: int) -> Iterator[tuple[Chunk, Table]]:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(run_chunk, chunk): chunk for chunk in chunks}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _dask(chunks: list[Chunk], address: str) -> Iterator[tuple[Chunk, Table]]:
    from dask import distributed  # only when a cluster is asked for

    with distributed.Client(address, timeout="10s") as client:
        futures = client.map(run_chunk, chunks, pure=False)
        by_key = {f.key: chunk for f, chunk in zip(futures, chunks, strict=True)}
        for future in distributed.as_completed(futures):
            yield by_key[future.key], future.result()
