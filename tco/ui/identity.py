"""Who is using this session: the store owner that sign-in gives, or nobody yet.

``TCO_AUTH`` chooses how people sign in (docs/operations.md):

- ``none`` (the default, for ``make run`` on a laptop): single-user mode, no sign-in; every
  session is the local user, and the sidebar says so.
- ``oidc``: Streamlit's built-in OpenID Connect login (``st.login``), configured in the
  ``[auth]`` section of ``.streamlit/secrets.toml``. The user is the provider's ``sub`` claim
  (prefixed by its issuer); ``TCO_AUTH_TEAMS_CLAIM`` names a claim holding the user's teams.
- ``header``: a trusted reverse proxy that has signed the user in puts their id in
  ``TCO_AUTH_USER_HEADER`` (default ``X-Forwarded-User``) and their teams, comma-separated,
  in ``TCO_AUTH_TEAMS_HEADER`` (default ``X-Forwarded-Groups``). The server must be
  reachable only through that proxy, which must drop these headers from clients; with
  ``TCO_AUTH_PROXY_SECRET`` set, a request must also carry that secret in
  ``X-Tco-Proxy-Secret``, so a request that went around the proxy is anonymous.

In the sign-in modes an anonymous session sees no saved items and cannot save any.
"""

import hmac
import os
from typing import Literal

import streamlit as st

from tco.data.store import LOCAL_OWNER, Owner

Mode = Literal["none", "oidc", "header"]
MODES: tuple[Mode, ...] = ("none", "oidc", "header")
SECRET_HEADER = "X-Tco-Proxy-Secret"  # noqa: S105 - a header name, not a secret


def mode() -> Mode:
    """The configured way of signing in; an unknown value stops the server's pages (below)."""
    value = os.environ.get("TCO_AUTH", "none").strip().lower() or "none"
    for known in MODES:
        if value == known:
            return known
    raise RuntimeError(f"TCO_AUTH must be one of {', '.join(MODES)}, not {value!r}")


def _teams(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(t.strip() for t in value.split(",") if t.strip())
    if isinstance(value, list | tuple):
        return tuple(str(t).strip() for t in value if str(t).strip())
    return ()


def _from_oidc() -> Owner | None:
    if not st.user.get("is_logged_in"):
        return None
    subject = st.user.get("sub") or st.user.get("email")
    if not subject:
        return None
    issuer = str(st.user.get("iss") or "oidc")
    claim = os.environ.get("TCO_AUTH_TEAMS_CLAIM", "")
    teams = _teams(st.user.get(claim)) if claim else ()
    name = st.user.get("email") or st.user.get("name") or str(subject)
    return Owner(f"{issuer}|{subject}", teams, display_name=str(name))


def _from_header() -> Owner | None:
    headers = st.context.headers
    secret = os.environ.get("TCO_AUTH_PROXY_SECRET", "")
    if secret and not hmac.compare_digest(headers.get(SECRET_HEADER, ""), secret):
        return None
    user = headers.get(os.environ.get("TCO_AUTH_USER_HEADER", "X-Forwarded-User"), "")
    if not user.strip():
        return None
    teams = _teams(headers.get(os.environ.get("TCO_AUTH_TEAMS_HEADER", "X-Forwarded-Groups")))
    return Owner(f"header|{user.strip()}", teams, display_name=user)


def current_owner() -> Owner | None:
    """The session's store owner, or None when sign-in is on and nobody has signed in."""
    chosen = mode()
    if chosen == "none":
        return LOCAL_OWNER
    if chosen == "oidc":
        return _from_oidc()
    return _from_header()
