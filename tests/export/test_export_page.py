"""The Export page (AppTest): choose slides, build the deck, download; scenario uploads are
checked whole and a refused file changes nothing. AppTest cannot hand over download bytes
or drive the uploader, so the bytes and the upload check are tested on the functions."""

import pytest

from tco.data.presets import default_scenario
from tco.export.pptx_deck import DEFAULT_SECTIONS
from tco.io.scenario_files import MAX_BYTES, dump_scenario
from tco.models.errors import TcoError
from tco.ui.export_panel import check_upload


def test_the_page_builds_the_deck_and_offers_the_download(app):
    at = app()
    at.switch_page("pages/export.py").run()
    assert not at.exception
    assert list(at.multiselect(key="export.sections").value) == list(DEFAULT_SECTIONS)
    assert "export.deck_download" not in [d.key for d in at.get("download_button")]
    at.button(key="export.build_deck").click().run()
    assert not at.exception
    assert not at.error
    labels = {d.key: d.proto.label for d in at.get("download_button")}
    assert labels["export.deck_download"] == "Download the deck (.pptx)"
    assert {"export.xlsx", "export.csv.timeline", "export.scenario.yaml"} <= set(labels)


def test_without_comparison_the_comparison_slides_are_not_offered(app):
    at = app()
    at.switch_page("pages/export.py").run()
    at.toggle(key="export.compare").set_value(False).run()
    options = at.multiselect(key="export.sections").options
    assert "Scenario comparison (A → B)" not in options
    assert "Break-even" not in options


def test_a_good_scenario_file_is_accepted():
    scenario = default_scenario().model_copy(update={"name": "Uploaded"})
    assert check_upload(dump_scenario(scenario, "json").encode(), "s.json") == scenario


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"name: x", "s.txt", "not a .yaml"),
        (b"x" * (MAX_BYTES + 1), "s.yaml", "larger than"),  # the 1 MB limit the widget states
        (b"name: [unclosed", "s.yaml", "not valid YAML"),
        (b"!!python/object:os.system {}", "s.yaml", "not valid YAML"),
        (
            dump_scenario(default_scenario()).replace("nvidia-h100-sxm", "nope").encode(),
            "s.yaml",
            "unknown accelerator",
        ),
    ],
)
def test_a_bad_scenario_file_is_refused_with_a_reason(data, name, reason):
    with pytest.raises(TcoError, match=reason):
        check_upload(data, name)


def test_each_upload_widget_states_the_limit_the_check_applies(app):
    """Issue 14, item 9: the widget said 2 MB while the check refused files over 256 kB."""
    from tco.ui.upload import MAX_UPLOAD_BYTES

    export = app("export")
    (scenario_upload,) = export.get("file_uploader")
    assert scenario_upload.proto.max_upload_size_mb * 2**20 == MAX_BYTES
    with pytest.raises(TcoError, match="larger than 1 MB"):
        check_upload(b"#" * (MAX_BYTES + 1), "big.yaml")
    catalogue = app("catalogue")
    catalogue.session_state["tab"] = "Your accelerators"
    uploads = [u for u in catalogue.run().get("file_uploader") if u.proto.id.endswith("acc.upload")]
    assert [u.proto.max_upload_size_mb * 2**20 for u in uploads] == [MAX_UPLOAD_BYTES]
