"""Custom accelerators that travel with a scenario: in a share link, or in a saved scenario.

A scenario on a user's own part can only be computed by someone who has that part, so a
link (and a saved scenario a team-mate loads) carries the part's figures along. Arriving
parts never replace anything: a part whose id the viewer's catalogue already holds with
other figures is given a new id (``<id>-shared``, ``<id>-shared-2``, …) and the scenarios
are pointed at it, so a link computes exactly what its sender saw.
"""

from collections.abc import Iterable, Sequence

from tco.data.catalogue import Catalogue
from tco.models import Accelerator, Scenario
from tco.models.variant import Variant


def _accelerator_ids(scenario: Scenario, variants: Iterable[Variant]) -> list[str]:
    ids = [scenario.accelerator_id]
    for variant in variants:
        if variant.scenario is not None:
            ids.append(variant.scenario.accelerator_id)
        elif variant.accelerator_id is not None:
            ids.append(variant.accelerator_id)
    return list(dict.fromkeys(ids))


def parts_used(
    scenario: Scenario, variants: Iterable[Variant], catalogue: Catalogue
) -> list[Accelerator]:
    """The custom parts the scenario and its variants name (what a link must carry)."""
    return [
        catalogue.accelerators[i]
        for i in _accelerator_ids(scenario, variants)
        if i in catalogue.accelerators and catalogue.accelerators[i].custom
    ]


def _same(a: Accelerator, b: Accelerator) -> bool:
    return a.model_copy(update={"custom": True}) == b.model_copy(update={"custom": True})


def _renamed(scenario: Scenario, renames: dict[str, str]) -> Scenario:
    new_id = renames.get(scenario.accelerator_id)
    return scenario.model_copy(update={"accelerator_id": new_id}) if new_id else scenario


def _renamed_variant(variant: Variant, renames: dict[str, str]) -> Variant:
    if variant.scenario is not None:
        return variant.model_copy(update={"scenario": _renamed(variant.scenario, renames)})
    if variant.accelerator_id in renames:
        return variant.model_copy(update={"accelerator_id": renames[variant.accelerator_id]})
    return variant


def adopt(
    carried: Sequence[Accelerator],
    catalogue: Catalogue,
    scenario: Scenario,
    variants: Sequence[Variant] = (),
) -> tuple[list[Accelerator], Scenario, list[Variant]]:
    """The carried parts the viewer lacks (renamed where their id is taken by another part),
    and the scenario and variants pointed at them."""
    taken = dict(catalogue.accelerators)
    kept: list[Accelerator] = []
    renames: dict[str, str] = {}
    for part in carried:
        part = part.model_copy(update={"custom": True})
        existing = taken.get(part.id)
        if existing is not None and _same(existing, part):
            continue
        if existing is not None:
            stem = part.id[:50].rstrip(".-")  # ids are at most 64 characters
            new_id, n = f"{stem}-shared", 2
            while new_id in taken:
                new_id, n = f"{stem}-shared-{n}", n + 1
            renames[part.id] = new_id
            part = part.model_copy(update={"id": new_id})
        taken[part.id] = part
        kept.append(part)
    return (
        kept,
        _renamed(scenario, renames),
        [_renamed_variant(v, renames) for v in variants],
    )
