"""Domain models: examples validate, units are in the names, validation speaks plainly."""

import typing

import pytest
from pydantic import BaseModel, ValidationError

import tco.models as models
from tco.models.errors import one_line

MODEL_CLASSES = [
    getattr(models, name)
    for name in models.__all__
    if isinstance(getattr(models, name), type)
    and issubclass(getattr(models, name), BaseModel)
    and "example" in getattr(models, name).__dict__
    and name != "StrictModel"
]

# Suffixes from the glossary in tco/models/units.py.
UNIT_SUFFIXES = (
    "_w", "_kw", "_mw", "_kwh", "_j", "_usd", "_usd_per_kwh", "_usd_per_hour", "_usd_per_kw_month",
    "_usd_per_w", "_usd_per_kw", "_gb", "_tb", "_gb_per_s", "_tb_per_s", "_tflops", "_tops",
    "_tokens", "_tokens_per_s", "_ms", "_s", "_frac", "_pct", "_gco2e_per_kwh", "_l_per_kwh", "_m2",
    "_b", "_years", "_months", "_per_year", "_per_day", "_per_accelerator_year", "_kg", "_l",
    "_usd_per_million", "_usd_per_million_tokens", "_per_million_tokens", "_per_output_token",
    "_per_token", "_per_accelerator", "_per_user", "_year", "_per_value", "_bf16",
)  # fmt: skip
# Counts, ratios and identifiers that have no unit.
DIMENSIONLESS = {
    "layers", "hidden_size", "attention_heads", "kv_heads", "head_dim", "kv_latent_dim",
    "intermediate_size", "vocab_size", "experts_total", "experts_active", "moe_intermediate_size",
    "scale_up_domain", "system_accelerators", "pue", "pue_min", "pue_typical", "pue_max",
    "peak_to_average", "schema_version", "tensor_parallel", "replicas", "batch_size",
    "accelerators", "accelerators_rented", "peak_accelerators", "servers", "racks", "month",
    "samples", "swing_usd_per_million_tokens", "low_value", "high_value", "break_even_month",
}  # fmt: skip


def _numeric(annotation) -> bool:
    args = typing.get_args(annotation) or (annotation,)
    return any(a in (int, float) for a in args)


@pytest.mark.parametrize("model", MODEL_CLASSES, ids=lambda m: m.__name__)
def test_example_validates_and_round_trips(model):
    example = model.example()
    assert model.model_validate_json(example.model_dump_json()) == example


@pytest.mark.parametrize("model", MODEL_CLASSES, ids=lambda m: m.__name__)
def test_numeric_fields_carry_their_unit(model):
    for name, info in model.model_fields.items():
        if _numeric(info.annotation) and name not in DIMENSIONLESS:
            assert name.endswith(UNIT_SUFFIXES), f"{model.__name__}.{name} has no unit suffix"


@pytest.mark.parametrize("model", MODEL_CLASSES, ids=lambda m: m.__name__)
def test_every_field_is_described(model):
    """Descriptions are the UI's help text: user-facing inputs must all have one."""
    if model.__name__ in {"OperatingPoint", "WorkloadResult", "Result", "MonthResult",
                          "BalanceCheck", "TornadoBar", "MonteCarloResult"}:  # fmt: skip
        pytest.skip("results are documented in docs/methodology.md")
    undocumented = [
        n for n, f in model.model_fields.items()
        if not f.description and n not in {"id", "source", "as_of", "notes", "confidence", "custom"}
    ]  # fmt: skip
    assert not undocumented


def test_models_are_strict():
    with pytest.raises(ValidationError) as caught:
        models.Finance(wacc_frac=0.08, colour="blue")
    assert one_line(caught.value) == "colour: unknown field"
    with pytest.raises(ValidationError):
        models.Finance(wacc_frac=float("nan"))
    finance = models.Finance()
    with pytest.raises(ValidationError):
        finance.wacc_frac = 0.5


def test_shares_must_sum_to_one():
    chat = models.Workload.example()
    with pytest.raises(ValidationError) as caught:
        models.Scenario(
            accelerator_id="nvidia-h100-sxm",
            workloads=[chat.model_copy(update={"share_frac": 0.5})],
        )
    assert "sum to 50.0 %" in one_line(caught.value)


def test_precision_parse_is_case_insensitive_and_names_valid_values():
    assert models.Precision.parse("FP8") is models.Precision.FP8
    with pytest.raises(ValueError, match="valid: bf16, fp16, fp8, fp4, int8, int4"):
        models.Precision.parse("fp6")


def test_unsupported_precision_is_named(catalogue):
    a100 = catalogue.accelerators["nvidia-a100-sxm-80gb"]
    with pytest.raises(ValueError, match="no FP8 support; it supports: bf16, fp16, int8, int4"):
        a100.require_precision(models.Precision.FP8)


def test_cooling_pue_moves_with_climate():
    cooling = models.Cooling.example()
    assert cooling.pue_for("cold") < cooling.pue_for("temperate") < cooling.pue_for("hot")


def test_llm_consistency_checks():
    base = models.LLM.example().model_dump()
    with pytest.raises(ValidationError, match="active_params_b cannot exceed"):
        models.LLM(**base | {"active_params_b": 100})
    with pytest.raises(ValidationError, match="needs experts_total"):
        models.LLM(**base | {"architecture": "moe", "active_params_b": 10})


def test_every_bound_has_words_for_people():
    from tco.models.results import Bound

    assert set(models.BOUND_LABELS) == set(typing.get_args(Bound))
