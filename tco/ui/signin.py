"""The sidebar's sign-in status: who you are, or how to sign in, or that there is no sign-in."""

from typing import Any

import streamlit as st

from tco.ui.data import store_problem
from tco.ui.fmt import md
from tco.ui.identity import current_owner, mode

SINGLE_USER_NOTE = (
    "Single-user mode: there is no sign-in, and everything saved here is visible to anyone "
    "who can open this server."
)


def sidebar_status() -> None:
    """One line on who is signed in, with the button to sign in or out where there is one."""
    chosen = mode()
    if chosen == "none":
        st.caption(SINGLE_USER_NOTE)
        return
    owner = current_owner()
    if owner is not None:
        teams = f" · team {', '.join(owner.teams)}" if owner.teams else ""
        st.caption(f"Signed in as {md(owner.display_name)}{md(teams)}")
        if chosen == "oidc":
            st.button("Sign out", key="auth.logout", on_click=st.logout)
        return
    if chosen == "oidc":
        st.caption("Not signed in: sign in to save scenarios and add your own accelerators.")
        st.button("Sign in", key="auth.login", on_click=st.login, type="primary")
    else:
        st.caption(
            "Not signed in: your organisation's sign-in did not name you, so saved scenarios "
            "and your own accelerators are unavailable."
        )


def store_usable(what: str, to_do: str) -> bool:
    """True when the signed-in user's store can be used; otherwise one line on the page
    saying why ``what`` is unavailable (or asking to sign in ``to_do``)."""
    if current_owner() is None:
        st.info(f"Sign in (in the sidebar) to {to_do}.")
        return False
    if problem := store_problem():
        st.warning(f"{what} are unavailable right now: {md(problem)}.", icon="⚠️")
        return False
    return True


def team_choice(key: str, where: Any = st) -> None:
    """ "Visible to: only me / team X" for a new item, when the user belongs to a team;
    the choice is ``st.session_state[key]`` (empty: only the user)."""
    owner = current_owner()
    if owner is None or not owner.teams:
        return
    where.selectbox(
        "Visible to",
        ["", *owner.teams],
        format_func=lambda t: f"Team {t}" if t else "Only me",
        key=key,
        help="Team members can see and use it; only you can change or delete it.",
    )
