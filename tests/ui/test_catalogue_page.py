"""Catalogue page: table, filters, charts, the SQL box and your own accelerators."""

import base64

import numpy as np
from apptest_pages import chart_spec

from tco.data.presets import example_scenario
from tco.data.store import Store
from tco.io.links import encode
from tco.models import Precision
from tco.ui.fmt import md
from tco.ui.upload import template_csv


def _column(at, column, index=0):
    """A column of the ``index``-th table that has it (st.dataframe keys are not exposed)."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    return list(frames[index][column])


def _tab(at, name):
    """Open a tab of the page (only the open tab runs)."""
    at.session_state["tab"] = name
    return at.run()


def _values(array):
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_catalogue_lists_every_part_and_filters_by_vendor(app):
    at = app("catalogue")
    assert not at.exception
    assert at.title[0].value == "Accelerator catalogue"
    everything = _column(at, "id")
    assert len(everything) >= 33
    at.multiselect(key="cat.vendors").set_value(["AMD"]).run()
    vendors = set(_column(at, "vendor"))
    assert vendors == {"AMD"}


def test_sorting_and_precision_filter(app):
    at = app("catalogue")
    at.selectbox(key="cat.sort").set_value("Memory, largest first").run()
    memory = _column(at, "memory_gb")
    assert memory == sorted(memory, reverse=True)
    at.multiselect(key="cat.precisions").set_value([Precision.FP4]).run()
    fp4 = _column(at, "fp4_dense_tflops")
    assert 0 < len(fp4) < len(memory)
    assert all(v is not None and v > 0 for v in fp4)


def test_spec_chart_shows_the_filtered_parts(app):
    at = app("catalogue")
    _tab(at, "Compare specs")
    at.multiselect(key="cat.vendors").set_value(["Intel"]).run()
    figure = chart_spec(at, "cat.spec_chart")
    at.segmented_control(key="cat.metric").set_value("memory_gb").run()
    assert chart_spec(at, "cat.spec_chart")["layout"]["xaxis"]["title"]["text"] == "Memory [GB]"
    assert sorted(figure["data"][0]["y"]) == ["Intel Gaudi 2", "Intel Gaudi 3"]
    assert figure["layout"]["xaxis"]["title"]["text"] == "Memory bandwidth [TB/s]"
    assert all(v > 0 for v in _values(figure["data"][0]["x"]))


def test_filters_that_match_nothing_say_so(app):
    at = app("catalogue")
    at.text_input(key="cat.search").set_value("no such part").run()
    assert not at.exception
    assert "No accelerator matches" in at.info[0].value


def test_sql_box_runs_a_select(app, catalogue):
    at = app("catalogue")
    _tab(at, "SQL")
    at.text_area(key="sql").set_value(
        "SELECT id AS amd_part FROM accelerators WHERE vendor = 'AMD' ORDER BY id"
    )
    at.button(key="FormSubmitter:sql_form-Run query").click().run()
    assert not at.exception
    assert not at.error
    expected = sorted(a.id for a in catalogue.accelerators.values() if a.vendor == "AMD")
    assert _column(at, "amd_part") == expected


def test_sql_box_refuses_file_reads_and_writes_in_one_line(app):
    at = app("catalogue")
    _tab(at, "SQL")
    for sql, reason in [
        ("SELECT * FROM read_csv('/etc/passwd')", "Query refused"),
        ("DROP TABLE accelerators", "only SELECT"),
        ("SELECT 1; DELETE FROM accelerators", "one statement"),
    ]:
        at.text_area(key="sql").set_value(sql)
        at.button(key="FormSubmitter:sql_form-Run query").click().run()
        assert not at.exception
        assert reason in at.error[0].value
        assert "\n" not in at.error[0].value
    assert len(_column(app("catalogue"), "id")) >= 33  # nothing was dropped


def _fill_form(at, **numbers):
    at.text_input(key="acc.vendor").set_value("Acme")
    at.text_input(key="acc.name").set_value("Widget 1")
    for field, value in numbers.items():
        at.number_input(key=f"acc.{field}").set_value(value)
    at.text_input(key="acc.source").set_value("Acme datasheet rev 2")
    at.text_input(key="acc.as_of").set_value("2026-05")
    at.button(key="FormSubmitter:add_accelerator-Add accelerator").click().run()


def test_add_an_accelerator_by_form_then_remove_it(app):
    at = app("catalogue")
    _tab(at, "Your accelerators")
    _fill_form(at, memory_gb=96.0, memory_bandwidth_tb_per_s=4.0, fp8_dense_tflops=1500.0)
    assert not at.exception
    assert "Added Acme Widget 1" in at.success[0].value
    assert [a.id for a in Store().custom_accelerators()] == ["acme-widget-1"]
    assert "acme-widget-1" in _column(at, "id")
    at.selectbox(key="acc.remove.choice").set_value("acme-widget-1")
    at.button(key="acc.remove").click().run()
    assert "Removed" in at.success[0].value
    assert Store().custom_accelerators() == []


def test_a_bad_accelerator_form_names_the_problem_and_stores_nothing(app):
    at = app("catalogue")
    _tab(at, "Your accelerators")
    _fill_form(at, memory_gb=96.0, memory_bandwidth_tb_per_s=4.0)  # no compute figure
    assert not at.exception
    assert "Not added" in at.error[0].value
    assert "TFLOPS" in at.error[0].value
    assert Store().custom_accelerators() == []


def test_upload_a_good_csv_then_import_it(app):
    at = app("catalogue")
    _tab(at, "Your accelerators")
    at.file_uploader(key="acc.upload").upload("mine.csv", template_csv().encode(), "text/csv").run()
    assert not at.error
    at.button(key="acc.import").click().run()
    assert "Imported 1 accelerator" in at.success[0].value
    assert [a.id for a in Store().custom_accelerators()] == ["my-accelerator"]


def test_a_bad_csv_is_refused_with_the_row_and_reason(app):
    at = app("catalogue")
    _tab(at, "Your accelerators")
    bad = template_csv().replace(",80.0,", ",-5,")
    at.file_uploader(key="acc.upload").upload("mine.csv", bad.encode(), "text/csv").run()
    assert not at.exception
    assert md("row 2: memory_gb") in at.error[0].value  # shown as text, so escaped
    assert Store().custom_accelerators() == []


def test_generations_chart_runs_the_current_mix_on_each_part(app, catalogue):
    chat = example_scenario(workload_ids=["chat"], catalogue=catalogue)  # fits a TPU v6e pod
    at = app("catalogue", s=encode(chat))
    _tab(at, "Generations")
    figure = chart_spec(at, "cat.generations")
    by_vendor = {trace["name"]: trace for trace in figure["data"]}
    nvidia = by_vendor["NVIDIA"]
    assert "H100 SXM" in nvidia["text"]
    assert 2022 in _values(nvidia["x"])
    assert figure["layout"]["yaxis"]["type"] == "log"
    # a part that is not sold is costed as rented, and says so
    assert "TPU v6e, rented" in by_vendor["Google"]["text"]
    reasons = " ".join(m.value for m in at.markdown)
    assert "TPU7x" in reasons  # parts left out say why: no public price to buy or rent it
    assert "cannot be rented as set up" in reasons
