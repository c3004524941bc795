"""Scenario page: inputs apply on change and reach the URL; bad input is refused in place."""

import pytest

from tco.data.presets import default_scenario, example_scenario
from tco.data.store import Store
from tco.io.links import decode, encode
from tco.ui.fmt import md

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part


def _cost(at) -> str:
    return next(m.value for m in at.metric if m.label == "Cost per M tokens")


def _linked(at):
    value = at.query_params["s"]
    return decode(value if isinstance(value, str) else value[0])


def test_changing_the_accelerator_changes_cost_and_link(app):
    at = app("scenario")
    assert not at.exception
    before = _cost(at)
    at.selectbox(key="sc.accelerator_id").set_value("nvidia-b200").run()
    assert not at.exception
    assert not at.error
    assert _cost(at) != before
    assert _linked(at).accelerator_id == "nvidia-b200"


def test_a_percentage_field_is_stored_as_a_fraction(app):
    at = app("scenario")
    at.number_input(key="sc.finance.wacc_frac").set_value(12.5).run()
    assert _linked(at).finance.wacc_frac == 0.125
    assert at.number_input(key="sc.finance.wacc_frac").value == 12.5


def test_an_out_of_range_value_is_refused_in_place_and_changes_nothing(app):
    at = app("scenario")
    before = _cost(at)
    at.number_input(key="sc.finance.wacc_frac").set_value(80.0).run()
    assert not at.exception
    assert at.error[0].value == md(
        "Not applied: Discount rate (WACC) must be at most 50 %/yr. Kept the previous value."
    )
    assert at.number_input(key="sc.finance.wacc_frac").value == 8.0
    assert _cost(at) == before
    assert "s" not in at.query_params  # still the default scenario


def test_a_choice_that_breaks_a_rule_names_the_rule(app):
    sovereign = default_scenario()
    workloads = [sovereign.workloads[0].model_copy(update={"sovereign": True}),
                 *sovereign.workloads[1:]]  # fmt: skip
    at = app("scenario", s=encode(sovereign.model_copy(update={"workloads": workloads})))
    at.selectbox(key="sc.deployment.id").set_value("cloud-on-demand").run()
    assert not at.exception
    assert "sovereign workload must run on owned hardware" in at.error[0].value
    assert _linked(at).deployment.kind == "owned"
    assert at.selectbox(key="sc.deployment.id").value == "enterprise-on-prem"


def test_a_deployment_preset_brings_its_cooling_and_site(app):
    at = app("scenario")
    at.selectbox(key="sc.deployment.id").set_value("hyperscale-owned").run()
    assert not at.error
    linked = _linked(at)
    assert (linked.cooling_id, linked.site_id) == ("direct-to-chip", "us-texas")
    assert at.selectbox(key="sc.cooling_id").value == "direct-to-chip"


def test_an_infeasible_choice_says_why(app):
    at = app("scenario")
    at.selectbox(key="sc.accelerator_id").set_value("google-tpu7x").run()
    assert not at.exception
    assert "not sold, only rented" in at.error[0].value


def test_adding_a_preset_workload_keeps_shares_at_100_percent(app):
    chat_only = CHAT
    at = app("scenario", s=encode(chat_only))
    at.selectbox(key="workloads.preset").set_value("rag")
    at.button(key="workloads.add").click().run()
    assert not at.exception
    workloads = _linked(at).workloads
    assert [w.id for w in workloads] == ["chat", "rag"]
    assert sum(w.share_frac for w in workloads) == pytest.approx(1.0)
    assert list(at.dataframe[0].value["name"]) == [w.name for w in workloads]


def test_the_unchanged_table_applies_without_changing_anything(app):
    at = app("scenario")
    at.button(key="FormSubmitter:workloads_form-Apply the workload mix").click().run()
    assert not at.exception
    assert not at.error
    assert "s" not in at.query_params


def test_save_list_load_and_delete_a_named_scenario(app):
    at = app("scenario")
    at.text_input(key="sc.customer_name").set_value("ACME bank").run()
    at.text_input(key="saved.name").set_value("ACME bank, proposal B")
    at.button(key="saved.save").click().run()
    assert "Saved as “ACME bank, proposal B”" in at.success[0].value
    assert [s.name for s in Store().saved_scenarios()] == ["ACME bank, proposal B"]

    at.selectbox(key="sc.accelerator_id").set_value("amd-mi300x").run()
    assert _linked(at).accelerator_id == "amd-mi300x"
    [saved] = Store().saved_scenarios()
    at.selectbox(key="saved.choice").set_value(saved.id)  # chosen by id, shown by name
    at.button(key="saved.load").click().run()
    assert not at.exception
    assert _linked(at).accelerator_id == default_scenario().accelerator_id
    assert _linked(at).customer_name == "ACME bank"
    assert at.selectbox(key="sc.accelerator_id").value == default_scenario().accelerator_id

    at.button(key="saved.delete").click().run()
    assert "Deleted" in at.success[0].value
    assert Store().saved_scenarios() == []


def test_reset_returns_to_the_default(app):
    at = app("scenario")
    at.selectbox(key="sc.accelerator_id").set_value("nvidia-b200").run()
    at.button(key="scenario.reset").click().run()
    assert "s" not in at.query_params
    assert at.selectbox(key="sc.accelerator_id").value == default_scenario().accelerator_id


def test_a_part_without_fp8_moves_the_mix_to_a_precision_it_runs_and_says_so(app):
    at = app("scenario")
    at.selectbox(key="sc.accelerator_id").set_value("nvidia-a100-sxm-80gb").run()
    assert not at.exception
    linked = _linked(at)
    assert linked.accelerator_id == "nvidia-a100-sxm-80gb"
    assert {w.precision.value for w in linked.workloads} == {"bf16"}
    assert "has no FP8" in at.info[0].value
    assert list(at.dataframe[0].value["precision"]) == ["bf16"] * len(linked.workloads)


def test_an_empty_scenario_name_is_refused(app):
    at = app("scenario")
    at.text_input(key="sc.name").set_value("").run()
    assert at.error[0].value.startswith(md("Not applied: Scenario name cannot be empty"))
    assert at.text_input(key="sc.name").value == default_scenario().name


def test_a_deployment_that_is_not_a_preset_still_shows(app):
    custom = default_scenario()
    custom = custom.model_copy(
        update={"deployment": custom.deployment.model_copy(update={"id": "my-own", "name": "Mine"})}
    )
    at = app("scenario", s=encode(custom))
    assert not at.exception
    assert at.selectbox(key="sc.deployment.id").value == "my-own"
    assert "Mine" in at.selectbox(key="sc.deployment.id").options
