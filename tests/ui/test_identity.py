"""Who a session's user is, in each sign-in mode (the header mode's proxy rules above all)."""

from types import SimpleNamespace

import pytest

from tco.data.store import LOCAL_OWNER, Owner
from tco.ui import identity


class _User(dict):
    """What ``st.user`` looks like to the code: a mapping with ``get``."""


def _session(monkeypatch, headers: dict | None = None, user: dict | None = None) -> None:
    fake = SimpleNamespace(context=SimpleNamespace(headers=headers or {}), user=_User(user or {}))
    monkeypatch.setattr(identity, "st", fake)


def test_without_sign_in_everyone_is_the_local_user(monkeypatch):
    monkeypatch.delenv("TCO_AUTH", raising=False)
    assert identity.current_owner() == LOCAL_OWNER


def test_an_unknown_mode_stops_the_start(monkeypatch):
    monkeypatch.setenv("TCO_AUTH", "ldap")
    with pytest.raises(RuntimeError, match="TCO_AUTH must be one of none, oidc, header"):
        identity.mode()


def test_the_proxys_header_names_the_user_and_their_teams(monkeypatch):
    monkeypatch.setenv("TCO_AUTH", "header")
    _session(
        monkeypatch, {"X-Forwarded-User": "alice@example.com", "X-Forwarded-Groups": "emea, ,apac"}
    )
    assert identity.current_owner() == Owner("header|alice@example.com", ("emea", "apac"))
    _session(monkeypatch, {"X-Forwarded-User": "  "})
    assert identity.current_owner() is None


def test_with_a_proxy_secret_a_request_that_went_around_the_proxy_is_anonymous(monkeypatch):
    monkeypatch.setenv("TCO_AUTH", "header")
    monkeypatch.setenv("TCO_AUTH_PROXY_SECRET", "s3cret")
    _session(monkeypatch, {"X-Forwarded-User": "mallory"})
    assert identity.current_owner() is None
    _session(monkeypatch, {"X-Forwarded-User": "mallory", identity.SECRET_HEADER: "guess"})
    assert identity.current_owner() is None
    _session(monkeypatch, {"X-Forwarded-User": "alice", identity.SECRET_HEADER: "s3cret"})
    assert identity.current_owner() == Owner("header|alice")


def test_oidc_takes_the_issuer_and_subject_and_the_teams_claim(monkeypatch):
    monkeypatch.setenv("TCO_AUTH", "oidc")
    monkeypatch.setenv("TCO_AUTH_TEAMS_CLAIM", "groups")
    claims = {"is_logged_in": True, "iss": "https://id.example", "sub": "42", "groups": ["emea"]}
    _session(monkeypatch, user=claims)
    assert identity.current_owner() == Owner("https://id.example|42", ("emea",))
    _session(monkeypatch, user={"is_logged_in": True})
    assert identity.current_owner() is None
    _session(monkeypatch, user={"is_logged_in": False, "sub": "42"})
    assert identity.current_owner() is None
