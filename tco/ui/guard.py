"""The last line of defence around a page: an unexpected error becomes one line and a log.

Pages already turn every expected problem (bad input, infeasible scenario, refused query)
into a sentence. Anything else is a bug: instead of Streamlit's exception box, the page
shows one line with an error id, and `tco.ops.logs` writes a JSON line with the same
id and no user data. Streamlit's own control flow (``st.stop``, ``st.rerun``) derives from
``BaseException`` and passes through untouched. Outside a real server (AppTest) the error
is raised as before, so page tests that check ``at.exception`` still see every bug.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit import runtime

from tco.ops.logs import log_error


def serving() -> bool:
    """True inside a real Streamlit server (AppTest runs pages on a mock of its Runtime)."""
    return runtime.exists() and type(runtime.get_instance()) is runtime.Runtime


@contextmanager
def page_errors_logged(page: str) -> Iterator[None]:
    """Run a page; log an unexpected exception and show its id instead of a traceback."""
    try:
        yield
    except Exception as exc:  # the point: nothing unexpected reaches the browser raw
        if not serving():
            raise  # AppTest and bare runs: tests see the exception itself
        error_id = log_error(exc, page)
        st.error(
            f"Something went wrong on this page (error {error_id}); the scenario is unchanged. "
            "Try again, or send this error id to the maintainers.",
            icon="🚫",
        )
