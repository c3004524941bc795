"""The local store: custom accelerators and saved scenarios persist across restarts."""

import pytest

from tco.data.presets import example_scenario
from tco.data.store import Store
from tco.models import Accelerator
from tco.models.errors import TcoError

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part


def _custom(**changes) -> Accelerator:
    fields = Accelerator.example().model_dump() | {"id": "custom-my-part", "name": "My part"}
    return Accelerator(**(fields | changes))


def test_custom_accelerator_survives_a_restart():
    Store().add_accelerator(_custom())
    reopened = Store()  # a new object on the same file, as after a server restart
    [saved] = reopened.custom_accelerators()
    assert saved.id == "custom-my-part"
    assert saved.custom is True
    assert saved.memory_bandwidth_tb_per_s == 3.35


def test_custom_accelerator_cannot_shadow_a_builtin():
    with pytest.raises(TcoError, match="built-in accelerator"):
        Store().add_accelerator(_custom(id="nvidia-h100-sxm"))
    assert Store().custom_accelerators() == []


def test_remove_custom_accelerator():
    store = Store()
    store.add_accelerator(_custom())
    assert store.remove_accelerator("custom-my-part") is True
    assert store.remove_accelerator("custom-my-part") is False
    assert store.custom_accelerators() == []


def test_builtin_csv_is_never_written():
    from tco.data.catalogue import DATA_DIR

    before = (DATA_DIR / "accelerators.csv").read_bytes()
    Store().add_accelerator(_custom())
    assert (DATA_DIR / "accelerators.csv").read_bytes() == before


def test_catalogue_merges_custom_parts(catalogue):
    merged = catalogue.with_accelerators([_custom()])
    assert "custom-my-part" in merged.accelerators
    assert len(merged.accelerators) == len(catalogue.accelerators) + 1


def test_scenarios_save_list_load_delete():
    store = Store()
    scenario = CHAT.model_copy(update={"customer_name": "ACME bank"})
    saved = store.save_scenario(scenario, "ACME bank, proposal B")
    assert saved.name == "ACME bank, proposal B"
    listed = store.saved_scenarios()
    assert [s.name for s in listed] == [saved.name]
    assert listed[0].customer_name == "ACME bank"
    assert Store().load_scenario(saved.id) == scenario
    assert store.delete_scenario(saved.id) is True
    assert store.saved_scenarios() == []
    with pytest.raises(TcoError, match="no such saved scenario"):
        store.load_scenario(saved.id)


def test_saving_under_an_existing_name_replaces_it_only_when_asked():
    """Issue 13: a name is never replaced silently; replacing keeps the item's id."""
    store = Store()
    first = CHAT
    second = first.model_copy(update={"horizon_months": 36})
    original = store.save_scenario(first, "variant")
    with pytest.raises(TcoError, match="already have a scenario saved as 'variant'"):
        store.save_scenario(second, "variant")
    assert store.load_scenario(original.id) == first
    replaced = store.save_scenario(second, "variant", replace=True)
    assert replaced.id == original.id
    assert [s.name for s in store.saved_scenarios()] == ["variant"]
    assert store.load_scenario(original.id).horizon_months == 36


def test_blank_names_are_refused():
    with pytest.raises(TcoError, match="needs a name"):
        Store().save_scenario(CHAT, "   ")
