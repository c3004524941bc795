"""Issue 13, attack 1: items belong to a user (and optionally a team); nobody else can list,
load, change or delete them; ids are never silently replaced; quotas hold per user. Every
test runs on the embedded DuckDB store and on a real PostgreSQL."""

import pytest

from tco.data.presets import example_scenario
from tco.data.store import MAX_SAVED_SCENARIOS, Owner, Store
from tco.data.store import items as store_items
from tco.models import Accelerator
from tco.models.errors import TcoError

CHAT = example_scenario(workload_ids=["chat"])
ALICE = Owner("alice", ("sales-emea",))
BOB = Owner("bob")
CAROL = Owner("carol", ("sales-emea",))


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request):
    """Alice's view of an empty store of either kind."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_url")
    view = Store(owner=ALICE)
    yield view
    view.backend.close()


def _part(**changes) -> Accelerator:
    fields = Accelerator.example().model_dump() | {"id": "acme-x1", "name": "X1"}
    return Accelerator(**(fields | changes))


def test_another_user_can_neither_list_load_nor_delete_a_saved_scenario(store):
    secret = CHAT.model_copy(update={"customer_name": "ACME bank"})
    saved = store.save_scenario(secret, "ACME bank, proposal B")
    bob = store.as_owner(BOB)
    assert bob.saved_scenarios() == []
    with pytest.raises(TcoError, match="no such saved scenario"):
        bob.load_scenario(saved.id)
    assert bob.delete_scenario(saved.id) is False
    with pytest.raises(TcoError, match="no such saved scenario"):
        bob.saved_scenario(saved.id)
    bob.save_scenario(CHAT, "ACME bank, proposal B")  # the same name is Bob's own item
    assert store.load_scenario(saved.id) == secret
    assert [s.id for s in store.saved_scenarios()] == [saved.id]


def test_a_team_sees_a_shared_scenario_but_only_its_owner_changes_it(store):
    shared = store.save_scenario(CHAT, "Team plan", team="sales-emea")
    private = store.save_scenario(CHAT, "Alice only")
    carol = store.as_owner(CAROL)
    assert [(s.name, s.mine) for s in carol.saved_scenarios()] == [("Team plan", False)]
    assert carol.load_scenario(shared.id) == CHAT
    with pytest.raises(TcoError, match="no such saved scenario"):
        carol.load_scenario(private.id)
    assert carol.delete_scenario(shared.id) is False
    assert store.as_owner(BOB).saved_scenarios() == []
    with pytest.raises(TcoError, match="not a member"):
        store.as_owner(BOB).save_scenario(CHAT, "x", team="sales-emea")


def test_a_second_user_adding_the_same_part_changes_nothing_for_the_first(store):
    """The attack: Bob's "Acme X1" at $100,000,000 replaced Alice's and moved her link."""
    store.add_accelerator(_part(price_usd=30_000))
    bob = store.as_owner(BOB)
    bob.add_accelerator(_part(price_usd=100_000_000))
    assert [a.price_usd for a in store.custom_accelerators()] == [30_000]
    assert [a.price_usd for a in bob.custom_accelerators()] == [100_000_000]
    assert bob.remove_accelerator("acme-x1") is True
    assert [a.price_usd for a in store.custom_accelerators()] == [30_000]


def test_an_id_is_never_replaced(store):
    store.add_accelerator(_part(price_usd=30_000))
    with pytest.raises(TcoError, match="already have an accelerator with id 'acme-x1'"):
        store.add_accelerator(_part(price_usd=1))
    carol = store.as_owner(CAROL)
    store.remove_accelerator("acme-x1")
    store.add_accelerator(_part(price_usd=30_000), team="sales-emea")
    with pytest.raises(TcoError, match="already have an accelerator"):
        carol.add_accelerator(_part(price_usd=1))  # her team's part holds the id
    assert [a.price_usd for a in carol.custom_accelerators()] == [30_000]
    assert carol.remove_accelerator("acme-x1") is False  # not hers to remove


def test_an_upload_is_stored_whole_or_not_at_all(store):
    store.add_accelerator(_part(id="acme-x2"))
    with pytest.raises(TcoError, match="acme-x2"):
        store.add_accelerators([_part(id="acme-x3"), _part(id="acme-x2")])
    assert [a.id for a in store.custom_accelerators()] == ["acme-x2"]


def test_the_quota_is_per_user(store, monkeypatch):
    monkeypatch.setattr("tco.data.store.backend.MAX_SAVED_SCENARIOS", 3)
    for n in range(3):
        store.save_scenario(CHAT, f"s{n}")
    with pytest.raises(TcoError, match="at most 3 saved scenarios"):
        store.save_scenario(CHAT, "one too many")
    store.save_scenario(CHAT, "s1", replace=True)  # replacing needs no room
    store.as_owner(BOB).save_scenario(CHAT, "Bob has room")
    assert len(store.saved_scenarios()) == 3
    assert MAX_SAVED_SCENARIOS == 500


def test_owner_ids_and_names_lose_escape_codes():
    owner = Owner("eve\x1b[2J", ("team\u202e",))
    assert owner.user_id == "eve[2J"
    assert owner.teams == ("team",)
    assert store_items.clean_label("a\tb\x9bc", 10) == "a bc"


def test_the_quota_holds_when_replicas_save_at_once(store, monkeypatch):
    """The attack filled the 500-scenario cap to 501: the count and the insert were apart.
    Here two database clients (two replicas' pools, or one file) race 4 threads each."""
    import threading

    from tco.data.store import open_backend

    monkeypatch.setattr("tco.data.store.backend.MAX_SAVED_SCENARIOS", 20)
    second = Store(owner=ALICE, backend=open_backend())
    outcomes: list[str] = []

    def saver(view: Store, prefix: str) -> None:
        for n in range(10):
            try:
                view.save_scenario(CHAT, f"{prefix}-{n}")
                outcomes.append("saved")
            except TcoError:
                outcomes.append("refused")

    threads = [
        threading.Thread(target=saver, args=(view, f"{i}-{v}"))
        for i in range(4)
        for v, view in enumerate((store, second))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    second.backend.close()
    assert outcomes.count("saved") == 20
    assert outcomes.count("refused") == 60
    assert len(store.saved_scenarios()) == 20


def test_a_store_of_the_first_release_is_carried_over_to_the_local_user(tmp_path):
    """Migration 1 on a file written before ownership existed (one column per model field,
    names as keys): every item is kept, now the local user's, with a new-style id."""
    import duckdb

    from tco.data.catalogue import table_columns

    path = tmp_path / "old.duckdb"
    part = _part()
    columns = table_columns(Accelerator)
    with duckdb.connect(str(path)) as con:
        ddl = ", ".join(f'"{n}" {k}' for n, k in columns.items())
        con.execute(f"CREATE TABLE custom_accelerators ({ddl}, PRIMARY KEY (id))")
        con.execute(
            "CREATE TABLE scenarios (name VARCHAR PRIMARY KEY, customer_name VARCHAR, "
            "saved_at TIMESTAMP DEFAULT current_timestamp, scenario_json VARCHAR NOT NULL)"
        )
        marks = ", ".join("?" for _ in columns)
        con.execute(
            f"INSERT INTO custom_accelerators VALUES ({marks})",
            [getattr(part.model_copy(update={"custom": True}), c) for c in columns],
        )
        con.execute(
            "INSERT INTO scenarios (name, customer_name, scenario_json) VALUES (?, ?, ?)",
            ["Old plan", "ACME", CHAT.model_dump_json(exclude_defaults=True)],
        )
    local = Store(path)
    [saved] = local.saved_scenarios()
    assert (saved.name, saved.customer_name, saved.mine) == ("Old plan", "ACME", True)
    assert local.load_scenario(saved.id) == CHAT
    assert local.custom_accelerators() == [part.model_copy(update={"custom": True})]
    assert Store(path).saved_scenarios() == [saved]  # migrated once: reopening changes nothing
    assert Store(path, BOB).saved_scenarios() == []


def test_a_newer_schema_is_refused_in_one_line(tmp_path):
    import duckdb

    from tco.data.store import StoreUnavailableError

    path = tmp_path / "new.duckdb"
    Store(path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreUnavailableError, match="newer release"):
        Store(path)
