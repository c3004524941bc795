"""Uploads: size, type and content checked whole; YAML loaded safely; a refused upload
changes nothing (the store, the session's scenario and the address bar stay as they were).

Streamlit itself refuses files over ``server.maxUploadSize`` (2 MB) at the upload endpoint
and files whose extension the uploader does not accept before any page code runs; the
checks here are the product's own, behind those."""

import ast
import csv
import io
from pathlib import Path

import pytest
from apptest_pages import open_page
from fuzz_contract import FUZZ, check_reason
from hypothesis import given
from hypothesis import strategies as st
from strategies_adversarial import HOSTILE_JSON, HOSTILE_TEXT, HOSTILE_YAML, WRONG_VALUES

from tco.data.store import Store
from tco.io.scenario_files import dump_scenario
from tco.models import Accelerator, Scenario
from tco.models.errors import TcoError
from tco.ui.export_panel import check_upload
from tco.ui.fmt import md
from tco.ui.link import encode
from tco.ui.state import LINK_PARAM
from tco.ui.upload import MAX_UPLOAD_BYTES, UploadError, parse_accelerator_csv, template_csv

ROOT = Path(__file__).resolve().parents[2]
HEADER, ROW = template_csv().splitlines()


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


@st.composite
def accelerator_csvs(draw) -> bytes:
    """The template with cells replaced by wrong, hostile or huge values, or raw bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=3000))
    header = next(csv.reader([HEADER]))
    rows = []
    for index in range(draw(st.integers(min_value=0, max_value=5))):
        row = next(csv.reader([ROW]))
        row[0] = f"part-{index}"
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            column = draw(st.integers(min_value=0, max_value=len(row) - 1))
            row[column] = draw(
                st.one_of(
                    st.sampled_from(WRONG_VALUES).map(_cell_text),
                    st.sampled_from(HOSTILE_TEXT),
                    st.just("9" * 5000),
                    st.text(max_size=50),
                )
            )
        rows.append(row)
    if draw(st.booleans()):
        header = [*header, draw(st.sampled_from(["colour", *HOSTILE_TEXT]))]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode()


@FUZZ
@given(accelerator_csvs())
def test_any_csv_gives_validated_parts_or_one_line(data):
    try:
        parts = parse_accelerator_csv(data, filename="mine.csv")
    except UploadError as exc:
        check_reason(str(exc))
        return
    assert parts
    assert all(isinstance(p, Accelerator) and p.custom for p in parts)


@pytest.mark.parametrize("document", HOSTILE_YAML + HOSTILE_JSON)
def test_hostile_scenario_files_are_refused_by_the_upload_check(document):
    with pytest.raises(TcoError) as refused:
        check_upload(document.encode(), "scenario.yaml")
    check_reason(str(refused.value))


def test_nothing_in_the_product_loads_yaml_unsafely():
    """Only yaml.safe_load / SafeLoader build objects: no Python tags, anywhere."""
    unsafe = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
    offenders = []
    for path in [*(ROOT / "tco").rglob("*.py"), ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in unsafe
                    and isinstance(node.value, ast.Name) and node.value.id == "yaml"):  # fmt: skip
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Name) and node.id in {"Loader", "FullLoader", "UnsafeLoader"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def _tab(at, name: str):
    at.session_state["tab"] = name
    return at.run()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("parts.csv", b"x" * (MAX_UPLOAD_BYTES + 1), "larger than"),
        ("parts.csv", b"PK\x03\x04\x14\x00\x06\x00", "not text"),
        ("parts.csv", "\n".join([HEADER, ROW, ROW.replace("my-accelerator", "Bad Id")]).encode(),
         "row 3"),
        ("parts.csv", b"id,vendor\n\xe9t\xe9", "not UTF-8"),
    ],
    ids=["too large", "a zip file", "one bad row", "not utf-8"],
)  # fmt: skip
def test_a_refused_csv_upload_stores_nothing(name, data, reason):
    existing = Accelerator.example().model_copy(update={"id": "kept-part", "custom": True})
    Store().add_accelerator(existing)
    at = _tab(open_page("catalogue"), "Your accelerators")
    at.file_uploader(key="acc.upload").upload(name, data, "text/csv").run()
    assert not at.exception
    assert md(reason) in at.error[0].value
    assert not [b for b in at.button if b.key == "acc.import"]  # nothing to import
    assert [a.id for a in Store().custom_accelerators()] == ["kept-part"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("scenario.yaml", HOSTILE_YAML[0].encode()),
        ("scenario.yaml", HOSTILE_YAML[2].encode()),
        ("scenario.json", HOSTILE_JSON[0].encode()),
        ("scenario.json", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("scenario.json", b"[1, 2]"),
        ("scenario.yaml", b"x: " + b"y" * 300_000),
        ("scenario.yaml", dump_scenario(Scenario.example()).replace("nvidia-h100-sxm",
                                                                    "nope").encode()),
    ],
    ids=["python tag", "alias bomb", "huge integer", "a png file", "a list", "too large",
         "unknown id"],
)  # fmt: skip
def test_a_refused_scenario_upload_changes_nothing(name, data):
    before = Scenario.example().model_copy(update={"name": "Kept"})
    at = open_page("export", **{LINK_PARAM: encode(before)})
    at.file_uploader(key="export.upload").upload(name, data, "application/octet-stream").run()
    assert not at.exception
    assert at.error, "the refusal is shown"
    assert at.session_state["tco.scenario"] == before
    assert at.query_params[LINK_PARAM] == encode(before)


def test_an_accepted_scenario_upload_replaces_the_scenario():
    """The other side of the refusals above: a good file does change the scenario."""
    uploaded = Scenario.example().model_copy(update={"name": "Uploaded"})
    at = open_page("export")
    at.file_uploader(key="export.upload").upload(
        "s.yaml", dump_scenario(uploaded).encode(), "application/x-yaml"
    ).run()
    assert not at.exception
    assert at.session_state["tco.scenario"] == uploaded
