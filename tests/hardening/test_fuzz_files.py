"""Fuzzing the scenario-file loader, the link reader and model validation.

Malformed documents (wrong types, unknown keys, NaN/inf, huge strings and numbers, deep
nesting, hostile YAML, raw bytes) are refused with one line; extreme valid documents load
back to the same scenario and run within the contract.
"""

import pytest
from fuzz_contract import FUZZ, check_link, check_load, check_validate
from hypothesis import given
from strategies_adversarial import (
    HOSTILE_JSON,
    HOSTILE_YAML,
    extreme_scenarios,
    malformed_documents,
    mutated_scenario_dicts,
)

from tco.io.scenario_files import dump_scenario, load_scenario
from tco.ui.link import encode

LOADED = {"loaded+feasible", "loaded+infeasible", "loaded+refused"}


@FUZZ
@given(malformed_documents())
def test_malformed_files_are_refused_in_one_line_or_load_and_run(document):
    assert check_load(document) in {"refused", *LOADED}


@FUZZ
@given(mutated_scenario_dicts())
def test_mutated_documents_are_refused_by_the_model_in_one_line(data):
    assert check_validate(data) in {"refused", *LOADED}


@FUZZ
@given(malformed_documents())
def test_malformed_links_are_refused_in_one_line(document):
    text = document.decode("utf-8", "replace") if isinstance(document, bytes) else document
    assert check_link(text) in {"refused", "loaded"}


@FUZZ
@given(extreme_scenarios())
def test_extreme_valid_scenarios_survive_files_and_links(scenario):
    for fmt in ("yaml", "json"):
        assert load_scenario(dump_scenario(scenario, fmt)) == scenario
    assert check_link(encode(scenario)) == "loaded"


@pytest.mark.parametrize("document", HOSTILE_YAML + HOSTILE_JSON)
def test_hostile_documents_are_refused(document):
    assert check_load(document) == "refused"
