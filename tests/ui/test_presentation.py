"""Presentation mode: inputs hidden, the customer in the title, larger charts; in the URL."""

import json

from tco.data.presets import default_scenario
from tco.io.links import encode
from tco.present.figures import LARGE_HEIGHT_PX

ACME = default_scenario().model_copy(update={"customer_name": "ACME bank"})


def test_presentation_mode_puts_the_customer_in_the_title_and_enlarges_charts(app):
    at = app(s=encode(ACME))
    assert at.title[0].value == "Cost of serving AI inference"
    at.toggle(key="present").set_value(True).run()
    assert not at.exception
    assert at.title[0].value == "ACME bank: Cost of serving AI inference"
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["height"] >= LARGE_HEIGHT_PX
    assert not at.expander  # the notes are hidden


def test_presentation_mode_hides_the_scenario_inputs(app):
    at = app("scenario", present="true")
    assert not at.exception
    assert not at.selectbox
    assert not at.number_input
    assert "hidden in presentation mode" in at.info[0].value
    choices = dict(at.table[0].value.itertuples(index=False))
    assert choices["Accelerator"] == "NVIDIA H100 SXM"


def test_presentation_mode_hides_sql_and_uploads_in_the_catalogue(app):
    at = app("catalogue", present="true")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Table", "Compare specs", "Prices", "Generations"]
    assert not at.text_area
