"""The Export page's parts that hold session state: the deck builder, images, scenario files.

Exports are built from `tco.export` (functions returning bytes); this module only keeps
what was built in the session and shows download buttons. One Chrome per server process
renders images (`st.cache_resource`). An uploaded scenario file is checked whole (size,
type, `tco.io.scenario_files` validation, known ids) before it replaces the current scenario; a
refused file leaves the session exactly as it was and says why in one line.
"""

import hashlib
from collections.abc import Sequence

import streamlit as st

from tco.export import chart_figures, formats, images, pptx_deck, tables
from tco.export.report import Report, build_report
from tco.io.scenario_files import MAX_BYTES, load_scenario
from tco.models import Scenario
from tco.models.errors import TcoError
from tco.ui import state
from tco.ui.data import catalogue, catalogue_key
from tco.ui.fmt import md

SCENARIO_TYPES = ("yaml", "yml", "json")
_BUILT = "export.built"  # (key, ExportFile) of the last deck or image built this session
_UPLOAD_DONE = "export.upload_done"  # file id of the upload already applied
_MESSAGE = "export.message"


@st.cache_resource(show_spinner=False)
def renderer() -> images.Renderer:
    """The server's one Chrome for chart images, started on first use."""
    return images.Renderer()


def report(scenario: Scenario, compare: bool) -> Report:
    """The export report of the scenario (engine, counterpart, attribution, tornado)."""
    return build_report(scenario, catalogue(), comparisons=None if compare else [])


def _key(*parts: object) -> str:
    text = "|".join(str(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def deck_builder(scenario: Scenario, sections: Sequence[str], compare: bool) -> None:
    """A button that builds the deck with a progress bar, then its download button."""
    key = _key("deck", scenario.model_dump_json(), catalogue_key(), sections, compare)
    if st.button("Build the deck", type="primary", key="export.build_deck", disabled=not sections):
        bar = st.progress(0.0, text="Running the scenario…")
        try:
            built = report(scenario, compare)
            deck = pptx_deck.build_deck(
                built,
                sections,
                renderer=renderer(),
                progress=lambda done, label: bar.progress(done, text=f"Slide: {label}"),
            )
        except TcoError as exc:
            bar.empty()
            st.error(f"The deck could not be built: {md(str(exc))}", icon="🚫")
            return
        bar.empty()
        name = formats.scenario_file(scenario, "json").filename.removesuffix(".json")
        st.session_state[_BUILT] = (
            key,
            formats.ExportFile(deck, f"{name}.pptx", formats.MIME["pptx"]),
        )
    _download(key, "Download the deck (.pptx)", "export.deck_download")


def image_builder(
    scenario: Scenario, chart: str, fmt: str, width: int, height: int, scale: float, compare: bool
) -> None:
    """A button that renders one chart as PNG or SVG, then its download button."""
    key = _key(
        "image",
        scenario.model_dump_json(),
        catalogue_key(),
        chart,
        fmt,
        width,
        height,
        scale,
        compare,
    )
    if st.button("Render the image", key="export.render_image"):
        with st.spinner("Rendering (the first image starts Chrome, a few seconds)…"):
            try:
                exported = formats.export_file(
                    report(scenario, compare),
                    fmt,
                    chart=chart,
                    width=width,
                    height=height,
                    scale=scale,
                    renderer=renderer(),
                )
            except TcoError as exc:
                st.error(f"The image could not be rendered: {md(str(exc))}", icon="🚫")
                return
        st.session_state[_BUILT] = (key, exported)
    _download(key, f"Download the {fmt.upper()}", "export.image_download")


def _download(key: str, label: str, widget_key: str) -> None:
    built = st.session_state.get(_BUILT)
    if built and built[0] == key:
        exported = built[1]
        st.download_button(
            label,
            exported.data,
            file_name=exported.filename,
            mime=exported.mime,
            key=widget_key,
            icon="⬇️",
        )


def check_upload(data: bytes, filename: str) -> Scenario:
    """The scenario in an uploaded file, or TcoError with one line saying why not."""
    if not filename.lower().endswith(tuple(f".{t}" for t in SCENARIO_TYPES)):
        raise TcoError(f"{filename!r} is not a .yaml, .yml or .json file")
    if len(data) > MAX_BYTES:
        raise TcoError(f"the file is larger than {MAX_BYTES // 2**20} MB")
    return load_scenario(data, catalogue())


def scenario_upload() -> None:
    """Upload a scenario file; a good one becomes the current scenario, a bad one changes
    nothing and the reason is shown."""
    if message := st.session_state.pop(_MESSAGE, None):
        getattr(st, message[0])(message[1])
    upload = st.file_uploader(
        "Open a scenario file (YAML or JSON)",
        type=list(SCENARIO_TYPES),
        key="export.upload",
        max_upload_size=MAX_BYTES // 2**20,
    )
    if upload is None or st.session_state.get(_UPLOAD_DONE) == upload.file_id:
        return
    st.session_state[_UPLOAD_DONE] = upload.file_id
    try:
        scenario = check_upload(upload.getvalue(), upload.name)
    except TcoError as exc:
        st.session_state[_MESSAGE] = ("error", f"Not opened: {md(str(exc))}")
    else:
        state.set_current(scenario)
        st.session_state[_MESSAGE] = ("success", f"Opened “{md(scenario.name)}”.")
    st.rerun()


CHART_NAMES = chart_figures.CHART_NAMES
IMAGE_FORMATS = ["png", "svg"]


def deck_sections(compare: bool) -> None:
    """The slide chooser and the deck builder."""
    offered = pptx_deck.sections_offered(compare)
    sections = st.multiselect(
        "Slides",
        offered,
        default=[s for s in pptx_deck.DEFAULT_SECTIONS if s in offered],
        format_func=pptx_deck.SECTIONS.__getitem__,
        key="export.sections",
    )
    deck_builder(state.current(), pptx_deck.check_sections(sections) if sections else (), compare)


def data_downloads(scenario: Scenario, compare: bool) -> None:
    """The workbook and one CSV per table, or why there is no data."""
    try:
        built = report(scenario, compare)
    except TcoError as exc:
        st.error(f"No data to export: {md(str(exc))}", icon="🚫")
        return
    xlsx = formats.export_file(built, "xlsx")
    st.download_button(
        "All tables as XLSX (one sheet each)",
        xlsx.data,
        file_name=xlsx.filename,
        mime=xlsx.mime,
        key="export.xlsx",
        type="primary",
        icon="⬇️",
    )
    st.caption("Or one table as CSV (units in the headers):")
    for column, name in zip(st.columns(len(tables.TABLE_NAMES)), tables.TABLE_NAMES, strict=True):
        exported = formats.export_file(built, "csv", table=name)
        column.download_button(
            name.capitalize(),
            exported.data,
            file_name=exported.filename,
            mime=exported.mime,
            key=f"export.csv.{name}",
        )


def scenario_downloads(scenario: Scenario) -> None:
    """The scenario as YAML and JSON files, and the upload that replaces it."""
    kinds: tuple[formats.ScenarioFormat, ...] = ("yaml", "json")
    for column, kind in zip(st.columns(2), kinds, strict=True):
        exported = formats.scenario_file(scenario, kind)
        column.download_button(
            f"Download as {kind.upper()}",
            exported.data,
            file_name=exported.filename,
            mime=exported.mime,
            key=f"export.scenario.{kind}",
        )
    scenario_upload()
