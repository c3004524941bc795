"""What a deck lists as changed from the defaults, and the sources of catalogue figures."""

from tco.data.presets import default_scenario
from tco.export import assumptions
from tco.models import Workload


def test_the_default_scenario_changes_nothing(catalogue):
    assert assumptions.changed_inputs(default_scenario(), catalogue) == []


def test_a_changed_input_is_listed_with_its_default(catalogue):
    s = default_scenario()
    s = s.model_copy(update={"horizon_months": 36, "name": "Renamed"})
    (changed,) = assumptions.changed_inputs(s, catalogue)
    assert changed.input.path == "horizon_months"
    assert (changed.input.value, changed.default) == (36, 60)
    assert changed.input.unit == "months"


def test_an_override_is_compared_with_the_catalogue_figure_of_the_chosen_site(catalogue):
    s = default_scenario()
    s = s.model_copy(
        update={
            "site_id": "us-texas",
            "overrides": s.overrides.model_copy(update={"electricity_usd_per_kwh": 0.2}),
        }
    )
    changed = {c.input.path: c for c in assumptions.changed_inputs(s, catalogue)}
    texas = catalogue.sites["us-texas"].electricity_usd_per_kwh
    assert changed["overrides.electricity_usd_per_kwh"].default == texas
    assert changed["site_id"].default == "us-virginia"


def test_a_workload_of_the_users_own_is_listed_whole(catalogue):
    s = default_scenario()
    own = Workload.example().model_copy(update={"id": "mine", "share_frac": 0.1})
    shares = [w.model_copy(update={"share_frac": w.share_frac * 0.9}) for w in s.workloads]
    s = s.model_validate({**dict(s), "workloads": [*shares, own]})
    paths = {c.input.path for c in assumptions.changed_inputs(s, catalogue)}
    assert "workloads.mine.model_id" in paths
    assert "workloads.mine.input_tokens" in paths


def test_sources_name_every_catalogue_row_used(catalogue):
    s = default_scenario()
    items = [row.item for row in assumptions.sources(s, catalogue)]
    assert items[0] == "Accelerator: NVIDIA H100 SXM"
    assert "Cooling: " + catalogue.cooling["air"].name in items
    assert "Deployment: Enterprise on-premises" in items
    assert all(row.source and row.as_of for row in assumptions.sources(s, catalogue))
