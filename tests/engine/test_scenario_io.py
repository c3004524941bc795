"""Scenario files: round trips, and every kind of bad file refused with one line."""

import json

import pytest

from tco.data.presets import example_scenario
from tco.io.scenario_files import MAX_BYTES, dump_scenario, load_scenario, load_scenario_file
from tco.models.errors import TcoError


@pytest.fixture(scope="module")
def scenario(catalogue):
    return example_scenario("hybrid", "nvidia-h100-sxm", None, catalogue)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_dump_and_load_round_trip(scenario, catalogue, fmt):
    text = dump_scenario(scenario, fmt)
    assert load_scenario(text, catalogue) == scenario
    assert load_scenario(text.encode(), catalogue) == scenario


def test_load_from_file(tmp_path, scenario, catalogue):
    path = tmp_path / "s.yaml"
    path.write_text(dump_scenario(scenario))
    assert load_scenario_file(path, catalogue) == scenario
    with pytest.raises(TcoError, match="No such file"):
        load_scenario_file(tmp_path / "missing.yaml", catalogue)


def _error(text, catalogue) -> str:
    with pytest.raises(TcoError) as caught:
        load_scenario(text, catalogue)
    message = str(caught.value)
    assert "\n" not in message
    return message


def _yaml_with(scenario, **changes) -> str:
    data = scenario.model_dump(mode="json")
    data.update(changes)
    return json.dumps(data)


def test_malformed_yaml(catalogue):
    assert _error("name: [unclosed", catalogue).startswith("not valid YAML: line 1")
    assert _error('{"name": ', catalogue).startswith("not valid JSON: line 1")


def test_not_a_mapping(catalogue):
    assert "a scenario is a mapping" in _error("- 1\n- 2\n", catalogue)
    assert "a scenario is a mapping" in _error("just text", catalogue)


def test_unknown_key_names_the_field(scenario, catalogue):
    assert _error(_yaml_with(scenario, colour="blue"), catalogue) == "colour: unknown field"
    data = scenario.model_dump(mode="json")
    data["finance"]["wac"] = 0.1
    assert _error(json.dumps(data), catalogue) == "finance.wac: unknown field"


def test_out_of_range_value_names_the_field(scenario, catalogue):
    data = scenario.model_dump(mode="json")
    data["finance"]["wacc_frac"] = 3
    assert _error(json.dumps(data), catalogue).startswith("finance.wacc_frac: ")
    data = scenario.model_dump(mode="json")
    data["workloads"][0]["share_frac"] = 0.9
    assert "shares must sum to 100 %" in _error(json.dumps(data), catalogue)


def test_unknown_ids_name_the_field(scenario, catalogue):
    assert _error(_yaml_with(scenario, site_id="mars"), catalogue) == (
        "site_id: unknown site id 'mars'; see `tco sites`"
    )
    data = scenario.model_dump(mode="json")
    data["workloads"][2]["model_id"] = "gpt-9"
    assert _error(json.dumps(data), catalogue).startswith("workloads.2.model_id: unknown model")


def test_size_limit(catalogue):
    big = "name: x\n" + "# padding\n" * (MAX_BYTES // 10 + 1)
    assert "at most 1 MB" in _error(big, catalogue)  # the limit the upload widget states


def test_anchors_aliases_and_deep_nesting_are_refused(catalogue):
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n'
    assert "anchors and aliases" in _error(bomb, catalogue)
    deep = "a: " + "[" * 50 + "]" * 50
    assert "nested more than" in _error(deep, catalogue)
    assert "nested more than" in _error('{"a": ' + "[" * 50 + "]" * 50 + "}", catalogue)


def test_python_tags_are_not_constructed(catalogue):
    assert "not valid YAML" in _error("name: !!python/object/apply:os.system ['true']", catalogue)


def test_not_utf8(catalogue):
    assert _error(b"\xff\xfe\x00name", catalogue) == "not a UTF-8 text file"
