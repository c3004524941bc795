"""Accelerators: the parts a scenario can be served on."""

from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from tco.models.base import LongText, ShortText, Slug, Sourced
from tco.models.money import LAST_PRICE_YEAR


class Precision(StrEnum):
    """Numeric format of the weights (and of the matmuls that use them)."""

    BF16 = "bf16"
    FP16 = "fp16"
    FP8 = "fp8"
    FP4 = "fp4"
    INT8 = "int8"
    INT4 = "int4"

    @property
    def weight_bytes(self) -> float:
        """Bytes per weight [B]. FP4/INT4 include no block-scale overhead (≈3 % for MXFP4)."""
        return {"bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0, "fp4": 0.5, "int4": 0.5}[
            self.value
        ]

    @classmethod
    def parse(cls, text: str) -> "Precision":
        """Case-insensitive lookup that names the valid values when it fails."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            valid = ", ".join(p.value for p in cls)
            raise ValueError(f"unknown precision {text!r}; valid: {valid}") from None


OptionalPositive = Annotated[float | None, Field(default=None, gt=0)]


class Accelerator(Sourced):
    """One accelerator part with its datasheet figures (dense, not sparse)."""

    id: Slug
    vendor: ShortText = Field(min_length=1, description="Manufacturer, e.g. NVIDIA.")
    name: ShortText = Field(min_length=1, description="Product name as the vendor writes it.")
    form_factor: ShortText = Field(default="", description="SXM, OAM, PCIe card, module…")
    memory_type: ShortText = Field(default="", description="HBM3e, GDDR7, LPDDR5…")
    launch_year: int | None = Field(default=None, ge=2015, le=2035, description="Year of launch.")
    memory_gb: float = Field(gt=0, le=10_000, description="Accelerator memory [GB].")
    memory_bandwidth_tb_per_s: float = Field(
        gt=0, le=100_000, description="Peak memory bandwidth [TB/s]."
    )
    bf16_dense_tflops: OptionalPositive = Field(
        default=None, le=1e6, description="Dense BF16/FP16 tensor peak [TFLOPS]; empty if absent."
    )
    fp8_dense_tflops: OptionalPositive = Field(
        default=None, le=1e6, description="Dense FP8 tensor peak [TFLOPS]; empty if unsupported."
    )
    fp4_dense_tflops: OptionalPositive = Field(
        default=None, le=1e6, description="Dense FP4 tensor peak [TFLOPS]; empty if unsupported."
    )
    int8_dense_tops: OptionalPositive = Field(
        default=None, le=1e6, description="Dense INT8 tensor peak [TOPS]; empty if unsupported."
    )
    tdp_w: OptionalPositive = Field(
        default=None, le=100_000, description="Maximum board power of one accelerator [W]."
    )
    scale_up_bandwidth_gb_per_s: OptionalPositive = Field(
        default=None,
        le=100_000,
        description="Scale-up (NVLink, xGMI, ICI, PCIe) bandwidth per part, one direction [GB/s].",
    )
    scale_up_domain: int = Field(
        default=1,
        ge=1,
        le=100_000,
        description="Accelerators sharing the scale-up fabric (8 on an HGX board, 72 in an NVL72).",
    )
    system_accelerators: int = Field(
        default=1,
        ge=1,
        le=100_000,
        description="Accelerators in one purchasable system (server or rack) [count].",
    )
    system_power_kw: OptionalPositive = Field(
        default=None,
        le=10_000,
        description="Maximum power of one whole system including host CPUs, fans and NICs [kW].",
    )
    price_usd: OptionalPositive = Field(
        default=None,
        le=1e8,
        description="Purchase price of one new accelerator [USD]. Built-in parts: the price "
        "data/accelerator_prices.csv gives (filled in when the catalogue loads); your parts: "
        "what you enter.",
    )
    cloud_usd_per_hour: OptionalPositive = Field(
        default=None,
        le=10_000,
        description="Your parts only: rental per accelerator-hour [USD/h]. Built-in parts "
        "are rented at data/cloud_prices.csv's price for the provider and region.",
    )
    currency_year: int = Field(
        default=LAST_PRICE_YEAR,
        ge=2015,
        le=2035,
        description="Year of the money of price_usd and cloud_usd_per_hour.",
    )
    confidence: Literal["high", "medium", "low"] = Field(
        default="medium", description="How directly the figures were read from an official source."
    )
    notes: LongText = Field(default="", description="Caveats and derivations.")
    custom: bool = Field(default=False, description="Added by a user rather than shipped.")

    @model_validator(mode="after")
    def _has_some_compute(self) -> Self:
        if not any(
            (
                self.bf16_dense_tflops,
                self.fp8_dense_tflops,
                self.fp4_dense_tflops,
                self.int8_dense_tops,
            )
        ):
            raise ValueError("needs at least one of bf16/fp8/fp4 TFLOPS or int8 TOPS")
        if self.scale_up_domain > 1 and self.scale_up_bandwidth_gb_per_s is None:
            raise ValueError("a scale-up domain larger than 1 needs scale_up_bandwidth_gb_per_s")
        return self

    @property
    def label(self) -> str:
        return f"{self.vendor} {self.name}"

    def peak_tflops(self, precision: Precision) -> float | None:
        """Dense peak for the matmuls of a precision [TFLOPS], or None if the part lacks it.

        FP16 runs at the BF16 rate. INT4 is weight-only quantisation: weights are stored in
        4 bits and multiplied at the INT8 rate (W4A8) where the part has one, else at BF16
        (W4A16), as in TensorRT-LLM and vLLM's W4A16/W4A8 kernels.
        """
        match precision:
            case Precision.BF16 | Precision.FP16:
                return self.bf16_dense_tflops
            case Precision.FP8:
                return self.fp8_dense_tflops
            case Precision.FP4:
                return self.fp4_dense_tflops
            case Precision.INT8:
                return self.int8_dense_tops
            case Precision.INT4:
                return self.int8_dense_tops or self.bf16_dense_tflops

    @property
    def supported_precisions(self) -> tuple[Precision, ...]:
        return tuple(p for p in Precision if self.peak_tflops(p))

    def require_precision(self, precision: Precision) -> None:
        """Raise a one-line ValueError if the part cannot run this precision."""
        if not self.peak_tflops(precision):
            have = ", ".join(p.value for p in self.supported_precisions)
            raise ValueError(
                f"{self.label} has no {precision.value.upper()} support; it supports: {have}"
            )

    @classmethod
    def example(cls) -> "Accelerator":
        return cls(
            id="nvidia-h100-sxm",
            vendor="NVIDIA",
            name="H100 SXM",
            form_factor="SXM5 (HGX 8-GPU)",
            launch_year=2022,
            memory_gb=80,
            memory_bandwidth_tb_per_s=3.35,
            bf16_dense_tflops=989,
            fp8_dense_tflops=1979,
            int8_dense_tops=1979,
            tdp_w=700,
            scale_up_bandwidth_gb_per_s=450,
            scale_up_domain=8,
            system_accelerators=8,
            system_power_kw=10.2,
            price_usd=30000,
            cloud_usd_per_hour=2.9,
            currency_year=2026,
            source="NVIDIA H100 datasheet; DGX H100 user guide (10.2 kW)",
            as_of="2026-08",
        )
