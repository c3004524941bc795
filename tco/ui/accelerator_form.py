"""Your own accelerators: add one by form or many by CSV, list them, remove them."""

import streamlit as st
from pydantic import ValidationError

from tco.data.store import MAX_CUSTOM_ACCELERATORS, slugify
from tco.models import Accelerator
from tco.models.errors import TcoError
from tco.present.inputs import reason_in_words
from tco.ui import state
from tco.ui.catalogue_view import parts_table
from tco.ui.data import catalogue, custom_accelerators, store, store_changed, store_problem
from tco.ui.fmt import md
from tco.ui.signin import store_usable, team_choice
from tco.ui.upload import MAX_UPLOAD_BYTES, UploadError, parse_accelerator_csv, template_csv

# Form field → label; help text and unit come from the model's field description.
NUMBER_FIELDS: dict[str, str] = {
    "memory_gb": "Memory",
    "memory_bandwidth_tb_per_s": "Memory bandwidth",
    "bf16_dense_tflops": "BF16 dense peak",
    "fp8_dense_tflops": "FP8 dense peak",
    "fp4_dense_tflops": "FP4 dense peak",
    "int8_dense_tops": "INT8 dense peak",
    "tdp_w": "Board power",
    "price_usd": "Price",
    "cloud_usd_per_hour": "Cloud price",
    "system_accelerators": "Accelerators per system",
    "scale_up_domain": "Scale-up domain",
    "scale_up_bandwidth_gb_per_s": "Scale-up bandwidth",
    "launch_year": "Launch year",
    "currency_year": "Year of the prices",
}
INTEGER_FIELDS = {"system_accelerators", "scale_up_domain", "launch_year", "currency_year"}
_MESSAGE = "tco.accelerators.message"


def _help(field: str) -> str:
    return Accelerator.model_fields[field].description or ""


def _unit(field: str) -> str:
    text = _help(field)
    return text[text.find("[") : text.find("]") + 1] if "[" in text else ""


def _flash(kind: str, text: str) -> None:
    st.session_state[_MESSAGE] = (kind, text)


def _show_flash() -> None:
    kind, text = st.session_state.pop(_MESSAGE, (None, None))
    if kind == "success":
        st.success(md(text), icon="✅")
    elif kind == "error":
        st.error(md(text), icon="🚫")


def add_by_form() -> None:
    """A form for one accelerator; a bad value is named in place and nothing is stored."""
    with st.form("add_accelerator", clear_on_submit=False):
        left, right = st.columns(2)
        vendor = left.text_input("Vendor", key="acc.vendor", help=_help("vendor"), max_chars=200)
        name = right.text_input("Name", key="acc.name", help=_help("name"), max_chars=200)
        values: dict[str, object] = {}
        columns = st.columns(4)
        for index, (field, label) in enumerate(NUMBER_FIELDS.items()):
            integer = field in INTEGER_FIELDS
            values[field] = columns[index % 4].number_input(
                f"{label} {_unit(field)}".strip(),
                min_value=0 if integer else 0.0,
                value=None,
                step=1 if integer else None,
                key=f"acc.{field}",
                help=_help(field),
            )
        source = st.text_input("Source", key="acc.source", help=_help("source"), max_chars=2000)
        as_of = st.text_input("As of", key="acc.as_of", help=_help("as_of"), max_chars=20)
        team_choice("acc.team")
        submitted = st.form_submit_button("Add accelerator", type="primary")
    if not submitted:
        return
    fields = {k: v for k, v in values.items() if v is not None}
    fields.update(vendor=vendor, name=name, source=source, as_of=as_of, custom=True)
    fields.setdefault("currency_year", 2026)
    fields["id"] = slugify(f"{vendor} {name}")
    view = store()
    if view is None:
        why = store_problem() or "sign in to add accelerators"
        st.error(f"Not added: {md(why)}.", icon="🚫")
        return
    try:
        accelerator = Accelerator.model_validate(fields)
        view.add_accelerator(accelerator, team=st.session_state.get("acc.team") or None)
    except ValidationError as exc:
        st.error(f"Not added: {md(reason_in_words(exc, Accelerator))}", icon="🚫")
        return
    except TcoError as exc:
        st.error(f"Not added: {md(str(exc))}", icon="🚫")
        return
    store_changed()
    _flash("success", f"Added {accelerator.label} (id {accelerator.id}).")
    st.rerun()


def add_by_upload() -> None:
    """Upload a CSV of accelerators: checked on arrival, imported whole or not at all."""
    st.download_button(
        "Download the CSV template",
        template_csv(),
        file_name="accelerators-template.csv",
        mime="text/csv",
    )
    upload = st.file_uploader(
        "CSV file with your accelerators",
        type=["csv"],
        key="acc.upload",
        max_upload_size=MAX_UPLOAD_BYTES // 2**20,
        help="Same columns as the template; one accelerator per row.",
    )
    if upload is None:
        return
    view = store()
    if view is None:
        st.error(
            f"Not imported: {md(store_problem() or 'sign in to add accelerators')}.", icon="🚫"
        )
        return
    builtin = {a.id for a in catalogue().accelerators.values() if not a.custom}
    taken = builtin | {a.id for a in custom_accelerators()}
    try:
        accelerators = parse_accelerator_csv(
            upload.getvalue(), filename=upload.name, taken_ids=taken
        )
    except UploadError as exc:
        st.error(f"Not imported: {md(str(exc))}", icon="🚫")
        return
    room = MAX_CUSTOM_ACCELERATORS - len(custom_accelerators())
    if len(accelerators) > room:
        st.error(f"Not imported: you have room for {room} more accelerator(s).", icon="🚫")
        return
    frame, config = parts_table(accelerators)
    st.dataframe(frame, hide_index=True, column_config=config, key="acc.preview")
    if st.button(f"Import {len(accelerators)} accelerator(s)", key="acc.import", type="primary"):
        try:
            view.add_accelerators(accelerators)  # all or none, in one transaction
        except TcoError as exc:
            st.error(f"Not imported: {md(str(exc))}", icon="🚫")
            return
        finally:
            store_changed()
        _flash("success", f"Imported {len(accelerators)} accelerator(s) from {upload.name}.")
        st.rerun()


def list_and_remove() -> None:
    """The user's accelerators, and removal of one (not the one the scenario uses)."""
    _show_flash()
    mine = custom_accelerators()
    if not mine:
        st.caption("You have not added any accelerators yet.")
        return
    frame, config = parts_table(mine)
    st.dataframe(frame, hide_index=True, column_config=config, key="acc.mine")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        "Remove one of your accelerators",
        [a.id for a in mine],
        format_func=lambda i: next(a.label for a in mine if a.id == i),
        key="acc.remove.choice",
    )
    if right.button("Remove", key="acc.remove"):
        if chosen == state.current().accelerator_id:
            _flash("error", "Not removed: the current scenario uses it; choose another first.")
        elif (view := store()) is not None and view.remove_accelerator(chosen):
            store_changed()
            _flash("success", f"Removed {chosen}.")
        else:
            _flash("error", "Not removed: only the person who added it can remove it.")
        st.rerun()


def your_accelerators() -> None:
    """The user's parts, and the two ways to add more; sign-in first when it is on."""
    if not store_usable("Your accelerators", "add your own accelerators and see them here"):
        _show_flash()
        return
    list_and_remove()
    with st.expander("Add one accelerator by form"):
        add_by_form()
    with st.expander("Add accelerators from a CSV file", expanded=True):
        add_by_upload()
