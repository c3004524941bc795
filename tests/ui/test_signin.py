"""Issue 13: with sign-in on (Streamlit's OpenID Connect login), two signed-in users never
see or touch each other's saved scenarios or accelerators, and an anonymous session sees no
saved items; without sign-in the page says it is in single-user mode."""

import pytest
from apptest_pages import APP
from streamlit.testing.v1 import AppTest

from tco.data.store import Owner, Store
from tco.models import Accelerator

ISSUER = "https://login.example"


def _signed_in(sub: str | None, page: str = "scenario") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if sub is None:
        at.user = {"is_logged_in": False}
    else:
        at.user = {"is_logged_in": True, "sub": sub, "iss": ISSUER, "email": f"{sub}@example"}
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    return at


@pytest.fixture(autouse=True)
def _sign_in_on(monkeypatch):
    monkeypatch.setenv("TCO_AUTH", "oidc")


def _owner(sub: str) -> Owner:
    return Owner(f"{ISSUER}|{sub}")


def test_two_users_neither_sees_nor_touches_the_others_scenarios():
    alice = _signed_in("alice")
    alice.text_input(key="saved.name").set_value("ACME bank, proposal B")
    alice.button(key="saved.save").click().run()
    assert "Saved as" in alice.success[0].value
    [saved] = Store(owner=_owner("alice")).saved_scenarios()

    bob = _signed_in("bob")
    assert not bob.exception
    assert not [s for s in bob.selectbox if s.key == "saved.choice"]
    assert "No saved scenarios yet." in [c.value for c in bob.caption]
    bob.text_input(key="saved.name").set_value("Bob's plan")
    bob.button(key="saved.save").click().run()
    assert [s.name for s in Store(owner=_owner("bob")).saved_scenarios()] == ["Bob's plan"]
    assert [s.name for s in Store(owner=_owner("alice")).saved_scenarios()] == [saved.name]
    assert bob.selectbox(key="saved.choice").options == ["Bob's plan"]
    bob.button(key="saved.delete").click().run()  # deletes his own, never hers
    assert Store(owner=_owner("bob")).saved_scenarios() == []
    assert Store(owner=_owner("alice")).saved_scenarios() == [saved]


def test_two_users_neither_sees_the_others_accelerators():
    part = Accelerator.example().model_dump() | {"id": "acme-x1", "name": "X1"}
    Store(owner=_owner("alice")).add_accelerator(Accelerator.model_validate(part))
    bob = _signed_in("bob", "catalogue")
    assert not bob.exception
    assert "acme-x1" not in bob.session_state["tco.scenario"].accelerator_id
    bob_store = Store(owner=_owner("bob"))
    assert bob_store.custom_accelerators() == []
    assert bob_store.remove_accelerator("acme-x1") is False


def test_an_anonymous_session_sees_no_saved_items_and_is_asked_to_sign_in():
    Store(owner=_owner("alice")).save_scenario(_any_scenario(), "Alice's")
    at = _signed_in(None)
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "saved.choice"]
    assert not [b for b in at.button if b.key == "saved.save"]
    assert any("Sign in" in i.value for i in at.info)
    home = AppTest.from_file(APP, default_timeout=120)
    home.user = {"is_logged_in": False}
    home.run()
    assert [b.label for b in home.sidebar.button] == ["Sign in"]


def test_without_sign_in_the_sidebar_says_single_user_mode(monkeypatch):
    monkeypatch.setenv("TCO_AUTH", "none")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert any("Single-user mode" in c.value for c in at.sidebar.caption)


def _any_scenario():
    from tco.data.presets import example_scenario

    return example_scenario(workload_ids=["chat"])


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_share_link_carries_its_custom_part_so_nobody_elses_part_changes_it():
    """The attack: Bob's own "Acme X1" at $100,000,000 moved Alice's shared link from
    $0.160 to $511 per million tokens. The link now carries Alice's part; Bob's same-id part
    stays his, and the link's is shown under another id."""
    from tco.io.links import encode, encode_parts

    base = Accelerator.example().model_dump() | {"id": "acme-x1", "name": "X1", "custom": True}
    hers = Accelerator.model_validate(base | {"price_usd": 30_000})
    Store(owner=_owner("alice")).add_accelerator(hers)
    Store(owner=_owner("bob")).add_accelerator(
        Accelerator.model_validate(base | {"price_usd": 100_000_000})
    )
    scenario = _any_scenario().model_copy(update={"accelerator_id": "acme-x1"})
    link = {"s": encode(scenario), "p": encode_parts([hers])}

    views = {}
    for sub in ("alice", "bob", None):
        at = AppTest.from_file(APP, default_timeout=120)
        at.user = {"is_logged_in": sub is not None, "sub": sub or "", "iss": ISSUER}
        for key, value in link.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, sub
        assert not at.warning, sub
        views[sub] = at
    assert _metrics(views["alice"]), "the Overview shows its cost tiles"
    assert _metrics(views["bob"]) == _metrics(views["alice"]) == _metrics(views[None])
    assert views["alice"].session_state["tco.scenario"].accelerator_id == "acme-x1"
    assert views["bob"].session_state["tco.scenario"].accelerator_id == "acme-x1-shared"
    [his] = Store(owner=_owner("bob")).custom_accelerators()
    assert his.price_usd == 100_000_000


def test_a_team_member_shares_a_scenario_and_a_part_with_the_team(monkeypatch):
    monkeypatch.setenv("TCO_AUTH_TEAMS_CLAIM", "groups")

    def member(sub: str, page: str = "scenario") -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        at.user = {"is_logged_in": True, "sub": sub, "iss": ISSUER, "groups": ["emea"]}
        at.run()
        at.switch_page(f"pages/{page}.py").run()
        return at

    alice = member("alice")
    alice.text_input(key="saved.name").set_value("Team plan")
    alice.selectbox(key="saved.team").set_value("emea")
    alice.button(key="saved.save").click().run()
    assert "Saved as" in alice.success[0].value
    carol = member("carol")
    assert carol.selectbox(key="saved.choice").options == ["Team plan (shared in team emea)"]
    carol.button(key="saved.load").click().run()
    assert "Loaded" in carol.success[0].value
