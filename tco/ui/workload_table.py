"""The workload mix as an editable table: rows in, validated workloads out.

Shares are shown in percent and must sum to 100 %. A bad row is refused with its row
number and the reason; nothing is applied until the whole table is valid.
"""

import math
from collections.abc import Sequence

import pandas as pd
from pydantic import ValidationError

from tco.data.catalogue import Catalogue
from tco.data.store import slugify
from tco.models import Precision, Scenario, Workload, WorkloadPreset
from tco.models.errors import TcoError
from tco.present.inputs import reason_in_words

MAX_WORKLOADS: int = next(
    m.max_length for m in Scenario.model_fields["workloads"].metadata if hasattr(m, "max_length")
)
"""Rows the table may hold: the scenario's own limit on its mix."""

COLUMNS = [
    "name", "model_id", "precision", "input_tokens", "output_tokens", "ttft_max_ms",
    "tpot_max_ms", "share_pct", "sovereign",
]  # fmt: skip


def frame(workloads: Sequence[Workload]) -> pd.DataFrame:
    """One row per workload, shares in percent."""
    rows = [
        {
            **w.model_dump(mode="json", include=set(COLUMNS)),
            "share_pct": round(w.share_frac * 100, 6),
        }
        for w in workloads
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def workloads_from(table: pd.DataFrame, previous: Sequence[Workload]) -> list[Workload]:
    """Validated workloads from the edited table, or TcoError naming the row and the field.

    Rows keep the id of the workload they started as (matched by name), so results stay
    comparable; new rows get an id made from their name.
    """
    if table.empty:
        raise TcoError("the mix needs at least one workload")
    ids_by_name = {w.name: w.id for w in previous}
    used: set[str] = set()
    workloads = []
    for number, (_, row) in enumerate(table.iterrows(), start=1):
        values = {k: row[k] for k in COLUMNS if k in row and not _blank(row[k])}
        if "name" not in values:
            raise TcoError(f"workload row {number}: give it a name")
        share = values.pop("share_pct", None)
        if share is None:
            raise TcoError(f"workload row {number} ({values['name']}): set its share in %")
        base = ids_by_name.get(values["name"]) or slugify(str(values["name"]))
        workload_id, n = base, 2
        while workload_id in used:
            workload_id, n = f"{base}-{n}", n + 1
        used.add(workload_id)
        try:
            workloads.append(
                Workload.model_validate(
                    {**values, "id": workload_id, "share_frac": float(share) / 100}
                )
            )
        except ValidationError as exc:
            reason = reason_in_words(exc, Workload)
            raise TcoError(f"workload row {number} ({values['name']}): {reason}") from None
    return workloads


def add_preset(workloads: Sequence[Workload], preset: WorkloadPreset) -> list[Workload]:
    """The mix with a catalogue workload added at its default share, the others scaled down."""
    share = min(preset.share_frac, 0.5)
    scaled = [w.model_copy(update={"share_frac": w.share_frac * (1 - share)}) for w in workloads]
    taken = {w.id for w in workloads}
    new_id, n = preset.id, 2
    while new_id in taken:
        new_id, n = f"{preset.id}-{n}", n + 1
    added = preset.as_workload(share_frac=share).model_copy(update={"id": new_id})
    mix = [*scaled, added]
    drift = 1.0 - sum(w.share_frac for w in mix)
    mix[0] = mix[0].model_copy(update={"share_frac": mix[0].share_frac + drift})
    return mix


def model_options(catalogue: Catalogue) -> list[str]:
    return list(catalogue.models)


def precision_options() -> list[str]:
    return [p.value for p in Precision]
