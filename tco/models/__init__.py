"""Pydantic domain models: the single schema of the catalogue, scenarios and results."""

from tco.models.base import StrictModel
from tco.models.deployment import Deployment, DeploymentPreset
from tco.models.facility import Cooling, Site
from tco.models.finance import CapexAssumptions, Demand, Finance, Operations, Trends
from tco.models.hardware import Accelerator, Precision
from tco.models.llm import LLM
from tco.models.market import ApiPrice
from tco.models.results import (
    BOUND_LABELS,
    AttributionStep,
    BalanceCheck,
    Comparison,
    MonteCarloResult,
    MonthResult,
    OperatingPoint,
    Result,
    TornadoBar,
    WorkloadResult,
)
from tco.models.scenario import Overrides, Scenario
from tco.models.workload import Workload, WorkloadPreset

__all__ = [
    "BOUND_LABELS",
    "LLM",
    "Accelerator",
    "ApiPrice",
    "AttributionStep",
    "BalanceCheck",
    "CapexAssumptions",
    "Comparison",
    "Cooling",
    "Demand",
    "Deployment",
    "DeploymentPreset",
    "Finance",
    "MonteCarloResult",
    "MonthResult",
    "OperatingPoint",
    "Operations",
    "Overrides",
    "Precision",
    "Result",
    "Scenario",
    "Site",
    "StrictModel",
    "TornadoBar",
    "Trends",
    "Workload",
    "WorkloadPreset",
    "WorkloadResult",
]
