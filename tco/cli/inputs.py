"""Scenario files for the CLI, and the catalogue they need: the store only when they need it.

A scenario on built-in parts never opens the local store, so a busy or damaged store
cannot stop ``tco run`` of such a file; one on a custom part opens it as the local user and,
if it cannot be read, says so in one line. Standard input is read only up to the size limit.
"""

import sys

from tco.cli.output import say
from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.data.store import Store, StoreUnavailableError
from tco.io.scenario_files import (
    MAX_BYTES,
    ScenarioFileError,
    check_references,
    load_scenario,
    load_scenario_file,
    too_large,
)
from tco.models import Scenario
from tco.models.errors import TcoError

STDIN = "-"


def read_stdin() -> bytes:
    """Standard input, refused in one line past `MAX_BYTES` without reading the rest."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ScenarioFileError(too_large(len(data), at_least=True))
    return data


def _load(path: str) -> Scenario:
    if path == STDIN:
        return load_scenario(read_stdin(), check_ids=False)
    return load_scenario_file(path, check_ids=False)


def catalogue_for(scenarios: list[Scenario]) -> Catalogue:
    """The built-in catalogue, plus the local user's own parts if a scenario names one."""
    builtin = builtin_catalogue()
    missing = [s.accelerator_id for s in scenarios if s.accelerator_id not in builtin.accelerators]
    if not missing:
        return builtin
    try:
        parts = Store().custom_accelerators()
    except StoreUnavailableError as exc:
        raise TcoError(
            f"{missing[0]!r} is not a built-in accelerator, and your own cannot be read: "
            f"{exc.detail}"
        ) from None
    return builtin.with_accelerators(parts)


def load_scenarios(paths: list[str]) -> tuple[list[Scenario], Catalogue]:
    """The scenarios in ``paths`` (``-`` = standard input), checked against the catalogue
    they need, and that catalogue."""
    scenarios = [_load(path) for path in paths]
    catalogue = catalogue_for(scenarios)
    for scenario in scenarios:
        check_references(scenario, catalogue)
    return scenarios, catalogue


def local_catalogue() -> Catalogue:
    """The built-in catalogue and the local user's parts, for commands that list them all."""
    try:
        parts = Store().custom_accelerators()
    except StoreUnavailableError as exc:
        say(f"tco: warning: your own accelerators are left out: {exc.detail}", file=sys.stderr)
        parts = []
    return builtin_catalogue().with_accelerators(parts)
