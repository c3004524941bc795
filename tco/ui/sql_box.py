"""The SQL box: one read-only SELECT over the catalogue, its result or a one-line refusal."""

import math

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from tco.data.catalogue import TABLES
from tco.data.sql.sandbox import MAX_ROWS, QueryRefusedError, QueryResult
from tco.ui.data import custom_accelerators, sql_sandbox
from tco.ui.fmt import md

EXAMPLE = (
    "SELECT vendor, name, memory_bandwidth_tb_per_s,\n"
    "       price_usd / memory_bandwidth_tb_per_s AS usd_per_tb_per_s\n"
    "FROM accelerators\n"
    "WHERE price_usd IS NOT NULL\n"
    "ORDER BY usd_per_tb_per_s\n"
    "LIMIT 10"
)
_LAST = "tco.sql.last"


def _cell(value: object) -> object:
    """A value st.dataframe shows faithfully: no NaN or inf, no exotic types."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value if abs(value) < 2**53 else str(value)
    return str(value)


def result_frame(result: QueryResult) -> pd.DataFrame:
    """The rows as a frame with unique column names and displayable cells."""
    names: list[str] = []
    for column in result.columns:
        name, n = column, 2
        while name in names:
            name, n = f"{column}_{n}", n + 1
        names.append(name)
    return pd.DataFrame([[_cell(v) for v in row] for row in result.rows], columns=names)


def _session_id() -> str:
    """This browser tab's session: it may have one query waiting or running at a time."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def sql_box() -> None:
    """Render the query form and the last answer (a table, or why the query was refused)."""
    st.caption(
        f"Tables: {', '.join(TABLES)}. One SELECT at a time, at most {MAX_ROWS:,} rows; "
        "files, extensions and changes are refused."
    )
    with st.form("sql_form"):
        sql = st.text_area("SQL query", value=EXAMPLE, height=150, key="sql", max_chars=5000)
        submitted = st.form_submit_button("Run query", type="primary")
    if submitted:
        try:
            st.session_state[_LAST] = sql_sandbox().run(
                sql, custom_accelerators(), session=_session_id()
            )
        except QueryRefusedError as exc:
            st.session_state[_LAST] = f"Query refused: {exc}"
    last = st.session_state.get(_LAST)
    if isinstance(last, str):
        st.error(md(last), icon="🚫")
    elif isinstance(last, QueryResult):
        st.dataframe(result_frame(last), hide_index=True, key="sql_result")
        note = f"{len(last.rows):,} row{'s' * (len(last.rows) != 1)}"
        st.caption(note + (f" (cut at {MAX_ROWS:,})" if last.truncated else ""))
