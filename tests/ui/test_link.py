"""A scenario survives the trip through a URL parameter; a bad link gives one line."""

import base64
import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tco.data.presets import example_scenario
from tco.io.links import MAX_JSON_BYTES, LinkError, decode, encode
from tco.models import Finance, Scenario, Workload

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part

SAFE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _pack(raw: bytes) -> str:
    return base64.urlsafe_b64encode(zlib.compress(raw)).rstrip(b"=").decode()


def test_round_trip_keeps_every_field_and_is_url_safe():
    scenario = CHAT.model_copy(update={"customer_name": "ACME bank", "horizon_months": 36})
    text = encode(scenario)
    assert set(text) <= SAFE
    assert decode(text) == scenario


def test_the_default_scenario_makes_a_short_link():
    assert len(encode(CHAT)) < 400


@settings(max_examples=40, deadline=None)
@given(
    wacc=st.floats(0, 0.5),
    horizon=st.integers(1, 180),
    customer=st.text(max_size=40).map(str.strip),
    share=st.floats(0.01, 0.99),
)
def test_round_trip_for_many_scenarios(wacc, horizon, customer, share):
    chat = Workload.example()
    scenario = Scenario(
        accelerator_id="nvidia-b200",
        customer_name=customer,
        workloads=[
            chat.model_copy(update={"share_frac": share}),
            chat.model_copy(update={"id": "rag", "share_frac": 1 - share}),
        ],
        finance=Finance(wacc_frac=wacc),
        horizon_months=horizon,
    )
    assert decode(encode(scenario)) == scenario


def test_plain_json_links_are_read_too():
    text = json.dumps(CHAT.model_dump(mode="json"))
    assert decode(text) == CHAT


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no scenario"),
        ("not-base64!!", "damaged"),
        (encode(CHAT)[:-12], "damaged"),
        (_pack(b"\x80\x03pickle"), "not valid"),
        (_pack(b'{"accelerator_id": "nvidia-h100-sxm"}'), "workloads"),
        (_pack(b'{"accelerator_id": "x", "workloads": [], "evil": 1}'), "not valid"),
        (_pack(b"[" * 5000), "not valid"),
        ("{not json", "not valid"),
        ("A" * 20_000, "longer than"),
        (_pack(b" " * (MAX_JSON_BYTES + 1)), "larger than"),
    ],
)
def test_a_bad_link_gives_one_line_naming_the_problem(text, reason):
    with pytest.raises(LinkError, match=reason) as info:
        decode(text)
    assert "\n" not in str(info.value)


def test_a_scenario_that_fails_validation_names_the_field():
    data = CHAT.model_dump(mode="json")
    data["finance"] = {"wacc_frac": 7}
    with pytest.raises(LinkError, match=r"finance\.wacc_frac"):
        decode(_pack(json.dumps(data).encode()))
