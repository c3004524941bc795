"""The Catalogue page's SQL box: every escape attempt of tests/test_sql.py is refused in
place in one line, runaway queries are cut off, and the page keeps answering afterwards."""

import pytest
from apptest_pages import open_page
from test_sql import ESCAPES

from tco.data.catalogue import builtin_catalogue
from tco.ui.fmt import md

SUBMIT = "FormSubmitter:sql_form-Run query"
RUNAWAY = {
    "recursive CTE": "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) "
    "SELECT count(*) FROM t",
    "huge cross join": "SELECT count(*) FROM range(1000000000) a, range(1000000000) b",
}


def _sql_tab():
    at = open_page("catalogue")
    at.session_state["tab"] = "SQL"
    return at.run()


def _ask(at, sql: str):
    at.text_area(key="sql").set_value(sql)
    return at.button(key=SUBMIT).click().run()


def _answer(at) -> list:
    return [d.value for d in at.dataframe if "answer" in d.value.columns]


def test_every_escape_is_refused_in_place_and_the_box_still_answers():
    at = _sql_tab()
    for name, sql in ESCAPES.items():
        if len(sql) > 5000 or "\x00" in sql:
            continue  # the text area caps input at 5,000 characters; NUL cannot be typed
        _ask(at, sql)
        assert not at.exception, name
        assert len(at.error) == 1, name
        assert "\n" not in at.error[0].value, name
        assert not _answer(at), name
    _ask(at, "SELECT 42 AS answer")
    assert not at.error
    assert _answer(at)[0]["answer"].tolist() == [42]
    _ask(at, "SELECT count(*) AS answer FROM accelerators")
    assert _answer(at)[0]["answer"].tolist() == [len(builtin_catalogue().accelerators)]


@pytest.mark.parametrize("sql", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_runaway_queries_are_cut_off_and_the_page_keeps_working(sql):
    at = _ask(_sql_tab(), sql)
    assert not at.exception
    assert any(limit in at.error[0].value for limit in ("time limit", md("Out of Memory")))
    at.text_input(key="cat.search").set_value("H100").run()  # the rest of the page answers
    assert not at.exception
    _ask(at, "SELECT 1 AS answer")
    assert _answer(at)[0]["answer"].tolist() == [1]
