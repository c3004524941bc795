"""Hostile names (scenario, customer, workloads, deployment, a user's own accelerator) are
shown as text on every page and in every message: no Markdown, HTML or Plotly markup."""

import json

import pytest
from apptest_pages import open_page
from markup import (
    CUSTOMER,
    DEPLOYMENT_NAME,
    PART_NAME,
    SCENARIO_NAME,
    VENDOR,
    WORKLOAD_NAME,
    live_markup,
)

from tco.data.presets import example_scenario
from tco.data.store import Store
from tco.io.links import encode
from tco.models import Accelerator
from tco.ui.upload import template_csv

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part

PAGES = ["overview", "scenario", "compare", "uncertainty", "performance", "catalogue", "export"]


@pytest.fixture
def hostile_link() -> str:
    """A link to a scenario full of hostile names, on a hostile part stored by the user."""
    part = Accelerator.model_validate(
        Accelerator.example().model_dump()
        | {"id": "evil-part", "vendor": VENDOR, "name": PART_NAME, "custom": True}
    )
    Store().add_accelerator(part)
    scenario = example_scenario("enterprise-on-prem", "nvidia-h100-sxm", ["chat", "rag"])
    workloads = [scenario.workloads[0].model_copy(update={"name": WORKLOAD_NAME}),
                 *scenario.workloads[1:]]  # fmt: skip
    deployment = scenario.deployment.model_copy(update={"name": DEPLOYMENT_NAME})
    return encode(
        scenario.model_copy(
            update={
                "name": SCENARIO_NAME,
                "customer_name": CUSTOMER,
                "accelerator_id": part.id,
                "workloads": workloads,
                "deployment": deployment,
            }
        )
    )


@pytest.fixture
def infeasible_link() -> str:
    """A hostile workload name on a model that cannot fit: the reason quotes the name."""
    scenario = example_scenario("enterprise-on-prem", "nvidia-l4", ["chat"])
    workload = scenario.workloads[0].model_copy(
        update={"name": WORKLOAD_NAME, "model_id": "deepseek-r1"}
    )
    return encode(scenario.model_copy(update={"name": SCENARIO_NAME, "workloads": [workload]}))


@pytest.mark.parametrize("present", [False, True], ids=["editing", "presenting"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_names_as_text(hostile_link, page, present):
    query = {"s": hostile_link} | ({"present": "true"} if present else {})
    at = open_page(None if page == "overview" else page, **query)
    assert not at.exception
    assert live_markup(at) == []


@pytest.mark.parametrize("page", PAGES)
def test_reasons_quoting_hostile_names_show_them_as_text(infeasible_link, page):
    at = open_page(None if page == "overview" else page, s=infeasible_link)
    assert not at.exception
    assert live_markup(at) == []


def test_a_crafted_link_is_refused_and_its_reason_shown_as_text():
    """The reason names the unknown field, which the link's author chose."""
    crafted = CHAT.model_dump(mode="json") | {SCENARIO_NAME: 1}
    at = open_page(s=json.dumps(crafted))
    assert not at.exception
    assert at.warning, "the link problem is shown"
    assert live_markup(at) == []


def test_sql_errors_echoing_the_query_show_it_as_text():
    at = _tab(open_page("catalogue"), "SQL")
    at.text_area(key="sql").set_value(f'SELECT * FROM "{SCENARIO_NAME}"')
    at.button(key="FormSubmitter:sql_form-Run query").click().run()
    assert at.error, "the query was refused"
    assert live_markup(at) == []


def _tab(at, name: str):
    at.session_state["tab"] = name  # the Catalogue page runs only its open tab
    return at.run()


def test_saving_loading_and_comparing_a_hostile_name_shows_it_as_text():
    at = open_page("scenario")
    at.text_input(key="saved.name").set_value(SCENARIO_NAME)
    at.button(key="saved.save").click().run()
    assert at.success, "the save was confirmed"
    assert live_markup(at) == []
    [saved] = Store().saved_scenarios()
    assert saved.name == SCENARIO_NAME
    at.selectbox(key="saved.choice").set_value(saved.id)  # shown by name, chosen by id
    at.button(key="saved.load").click().run()
    assert live_markup(at) == []
    at.switch_page("pages/compare.py").run()
    at.selectbox(key="cmp.saved").set_value(saved.id)
    at.button(key="cmp.add_saved").click().run()
    assert not at.exception
    assert live_markup(at) == []
    at.switch_page("pages/scenario.py").run()
    at.selectbox(key="saved.choice").set_value(saved.id)
    at.button(key="saved.delete").click().run()
    assert live_markup(at) == []


def test_adding_a_hostile_accelerator_by_form_shows_it_as_text():
    at = _tab(open_page("catalogue"), "Your accelerators")
    at.text_input(key="acc.vendor").set_value(VENDOR)
    at.text_input(key="acc.name").set_value(PART_NAME)
    for field, value in {"memory_gb": 96.0, "memory_bandwidth_tb_per_s": 4.0,
                         "fp8_dense_tflops": 1500.0}.items():  # fmt: skip
        at.number_input(key=f"acc.{field}").set_value(value)
    at.text_input(key="acc.source").set_value(CUSTOMER)
    at.text_input(key="acc.as_of").set_value("2026-05")
    at.button(key="FormSubmitter:add_accelerator-Add accelerator").click().run()
    assert at.success, "the part was added"
    assert live_markup(at) == []


def test_uploading_a_hostile_csv_under_a_hostile_file_name_shows_both_as_text():
    header, row = template_csv().splitlines()
    row = row.replace("Example", VENDOR.replace(",", " ")).replace("My accelerator", "x")
    upload = "\n".join([header, row]).encode()
    at = _tab(open_page("catalogue"), "Your accelerators")
    at.file_uploader(key="acc.upload").upload(f"{PART_NAME}.csv", upload, "text/csv").run()
    assert live_markup(at) == []
    at.button(key="acc.import").click().run()
    assert at.success, "the file was imported"
    assert live_markup(at) == []
