"""From monthly arrays to a `Result`: totals, per-workload figures, the balance check and
warnings (docs/methodology.md §8-§9)."""

import math

import numpy as np
from pydantic import TypeAdapter

from tco.analysis.break_even import break_even
from tco.costs.components import COMPONENTS
from tco.costs.market import ApiLine, api_line
from tco.costs.power import FLOOR_M2_PER_RACK, IDLE_POWER_FRAC
from tco.data.catalogue import Catalogue
from tco.engine.prepare import Prepared
from tco.engine.timeline import Timeline
from tco.models import BalanceCheck, MonthResult, Result, Scenario, WorkloadResult
from tco.models.units import (
    G_PER_KG,
    HOURS_PER_MONTH,
    J_PER_KWH,
    MONTHS_PER_YEAR,
    TOKENS_PER_MILLION,
)

LOW_UTILISATION_FRAC = 0.30
"""Below this mean utilisation a warning suggests renting bursts or less headroom."""

_REL = 1e-9


MAX_MESSAGE_CHARS = 500

MAX_FLEET_ACCELERATORS = 1e12
"""Largest fleet a result reports [count]: beyond it the figures are meaningless and the
counts would overflow 64-bit integers (extreme custom parts or demand reach it)."""


def one_sentence(text: str) -> str:
    """A message safe to show anywhere: printable characters, one line, at most 500 chars.

    Reasons and warnings quote user-chosen names (workloads, custom accelerators); control
    characters and line breaks in those become spaces, and an overlong message is cut.
    """
    printable = text if text.isprintable() else "".join(c if c.isprintable() else " " for c in text)
    line = " ".join(printable.split())
    return line if len(line) <= MAX_MESSAGE_CHARS else line[: MAX_MESSAGE_CHARS - 1] + "…"


def _per_million(cost_usd: float, tokens: float) -> float:
    return cost_usd / tokens * TOKENS_PER_MILLION if tokens > 0 else 0.0


def infeasible_result(scenario: Scenario, reason: str) -> Result:
    """A result that says why nothing can be computed; every figure zero."""
    return Result(
        scenario_name=scenario.name,
        currency=scenario.finance.currency,
        currency_year=scenario.finance.currency_year,
        feasible=False,
        infeasible_reason=one_sentence(reason),
        cost_usd_per_million_tokens=0.0,
        cost_usd_per_million_input_tokens=0.0,
        cost_usd_per_million_output_tokens=0.0,
        usage_cost_usd_per_million_tokens=0.0,
        accelerator_hour_cost_usd=0.0,
        total_cost_usd=0.0,
        breakdown_usd=dict.fromkeys(COMPONENTS, 0.0),
        capex_usd=0.0,
        opex_usd_per_year=0.0,
        accelerators=0,
        peak_accelerators=0,
        servers=0,
        racks=0,
        floor_area_m2=0.0,
        it_power_kw=0.0,
        facility_power_kw=0.0,
        pue=1.0,
        utilisation_frac=0.0,
        energy_kwh=0.0,
        co2e_kg=0.0,
        water_l=0.0,
        joules_per_token=0.0,
        gco2e_per_million_tokens=0.0,
        tokens_served=0.0,
        workloads=[],
        timeline=[],
        balance=BalanceCheck(
            components_sum_to_total=True,
            energy_equals_power_times_hours=True,
            tokens_within_capacity=True,
        ),
        warnings=[],
    )


_MONTHLY_FIELDS = (
    "tokens", "capacity_tokens", "owned_accelerators", "rented_accelerators",
    "accelerator_hours", "provisioned_it_kw", "it_energy_kwh", "facility_energy_kwh",
    "co2e_kg", "water_l", "capex_cash_usd", "capital_charge_usd", "opex_usd", "cash_usd",
    "rental_cash_usd",
)  # fmt: skip


def _monthly(t: Timeline) -> dict[str, np.ndarray]:
    """Each monthly field summed over workloads (one sample), with the components' totals."""
    stacked = np.stack([getattr(t, name)[0] for name in _MONTHLY_FIELDS]).sum(axis=1)
    monthly = dict(zip(_MONTHLY_FIELDS, stacked, strict=True))
    monthly["cost_usd"] = monthly["capital_charge_usd"] + monthly["opex_usd"]
    return monthly


def _balance(
    prepared: Prepared, t: Timeline, monthly: dict[str, np.ndarray], breakdown: dict[str, float]
) -> BalanceCheck:
    """Three independent checks of the arrays (docs/methodology.md §9)."""
    plan = prepared.plan
    total = float(monthly["cost_usd"].sum())
    scale = max(1.0, abs(total))
    components_ok = abs(sum(breakdown.values()) - total) <= _REL * scale
    # energy recomputed from power: kW per accelerator × load × hours × PUE, where the
    # busy hours follow from tokens over the rate per accelerator-hour
    hours = t.accelerator_hours[0]
    rate_per_hour = t.capacity_tokens[0] / np.where(hours > 0, hours, np.inf)
    busy_hours = t.tokens[0] / np.where(rate_per_hour > 0, rate_per_hour, np.inf)
    busy_weight = plan.busy_power_frac[:, None] - IDLE_POWER_FRAC
    power_kw = (
        plan.accelerator_kw * (IDLE_POWER_FRAC * hours + busy_weight * busy_hours) / HOURS_PER_MONTH
    )
    expected_kwh = float((power_kw * HOURS_PER_MONTH).sum()) * float(prepared.samples.pue[0])
    energy_total = float(monthly["facility_energy_kwh"].sum())
    energy_ok = abs(expected_kwh - energy_total) <= 1e-6 * max(1.0, energy_total)
    tokens_ok = bool(np.all(t.tokens <= t.capacity_tokens * (1 + _REL)))
    return BalanceCheck(
        components_sum_to_total=components_ok,
        energy_equals_power_times_hours=energy_ok,
        tokens_within_capacity=tokens_ok,
    )


_MONTHS = TypeAdapter(list[MonthResult])


def _months(monthly: dict[str, np.ndarray], rental: bool, api: ApiLine | None) -> list[MonthResult]:
    tokens, capacity = monthly["tokens"], monthly["capacity_tokens"]
    rented = monthly["rented_accelerators"]
    columns = {
        "month": np.arange(1, tokens.size + 1),
        "tokens": tokens,
        "accelerators": np.rint(monthly["owned_accelerators"] + rented).astype(np.int64),
        "accelerators_rented": np.rint(rented).astype(np.int64),
        "utilisation_frac": np.minimum(1.0, tokens / np.where(capacity > 0, capacity, np.inf)),
        "capex_usd": monthly["capex_cash_usd"],
        "capital_charge_usd": monthly["capital_charge_usd"],
        "opex_usd": monthly["opex_usd"],
        "cost_usd": monthly["cost_usd"],
        "cost_usd_per_million_tokens": monthly["cost_usd"] / tokens * TOKENS_PER_MILLION,
        "cumulative_cash_usd": np.maximum(np.cumsum(monthly["cash_usd"]), 0.0),
        "energy_kwh": monthly["facility_energy_kwh"],
        "co2e_kg": monthly["co2e_kg"],
    }
    if rental:
        columns["rental_cumulative_cash_usd"] = np.cumsum(monthly["rental_cash_usd"])
    if api:
        columns["api_usd_per_million_tokens"] = api.monthly
    names = list(columns)
    rows = zip(*(columns[name].tolist() for name in names), strict=True)
    return _MONTHS.validate_python([dict(zip(names, row, strict=True)) for row in rows])


def _workloads(
    prepared: Prepared,
    cost: np.ndarray,
    tokens: np.ndarray,
    first: np.ndarray,
    total_usd: float,
) -> list[WorkloadResult]:
    results = []
    for i, (workload, point) in enumerate(
        zip(prepared.scenario.workloads, prepared.points, strict=True)
    ):
        share_in = workload.input_tokens / workload.tokens_per_request
        results.append(
            WorkloadResult(
                id=workload.id,
                name=workload.name,
                model_id=workload.model_id,
                precision=workload.precision.value,
                share_frac=workload.share_frac,
                tokens_per_day=prepared.scenario.demand.tokens_per_day * workload.share_frac,
                operating_point=point,
                accelerators=float(first[i]),
                cost_usd_per_million_tokens=_per_million(float(cost[i]), float(tokens[i])),
                cost_usd_per_million_input_tokens=_per_million(
                    float(cost[i]) * point.prefill_time_frac, float(tokens[i]) * share_in
                ),
                cost_usd_per_million_output_tokens=_per_million(
                    float(cost[i]) * (1 - point.prefill_time_frac),
                    float(tokens[i]) * (1 - share_in),
                ),
                cost_share_frac=min(1.0, float(cost[i]) / total_usd) if total_usd > 0 else 0.0,
            )
        )
    return results


def _warnings(
    prepared: Prepared,
    monthly: dict[str, np.ndarray],
    utilisation: float,
    usage: float,
    cost: float,
) -> list[str]:
    s, r = prepared.scenario, prepared.resolved
    c = s.finance.currency
    notes = []
    if utilisation < LOW_UTILISATION_FRAC:
        notes.append(
            f"Mean utilisation is {utilisation:.0%}: idle hours make the reservation-based cost "
            f"{c} {cost:.3g} per million tokens against {c} {usage:.3g} usage-based; a lower "
            "peak-to-average ratio, less headroom or renting the bursts (hybrid) would help."
        )
    a = r.accelerator
    if a.confidence == "low":
        notes.append(f"{a.label}: the catalogue's figures come from a low-confidence source.")
    owns = s.deployment.owns_hardware
    bought = r.purchase if owns else None
    if bought is not None and bought.price_kind == "street" and "used" in bought.notes.lower():
        notes.append(
            f"{a.label}: the only price in the catalogue is a used-market street price; "
            "enter a quoted price for new parts (advanced hardware settings)."
        )
    if bought is not None and bought.price_kind == "estimate":
        notes.append(
            f"{a.label}: no price is published; the catalogue's estimate is used "
            "(low confidence; its derivation is in the Catalogue's price table)."
        )
    if not a.tdp_w and not a.system_power_kw:
        notes.append(f"{a.label} has no published power: energy, carbon and water are left at 0.")
    provisioned = monthly["provisioned_it_kw"]
    if owns and provisioned[0] > 0 and provisioned.max() > 2 * provisioned[0]:
        notes.append(
            f"Demand growth takes the owned IT load from {provisioned[0]:,.0f} kW to "
            f"{provisioned.max():,.0f} kW over the horizon; check the site can supply it."
        )
    return notes


def build_result(prepared: Prepared, t: Timeline, catalogue: Catalogue) -> Result:
    """The `Result` of a one-sample, per-workload timeline."""
    s, r = prepared.scenario, prepared.resolved
    monthly = _monthly(t)
    fleet = monthly["owned_accelerators"] + monthly["rented_accelerators"]
    if not (fleet <= MAX_FLEET_ACCELERATORS).all():  # also catches NaN
        return infeasible_result(
            s,
            f"serving this demand takes more than {MAX_FLEET_ACCELERATORS:,.0f} accelerators; "
            "lower the demand or choose a faster part.",
        )
    components = np.stack([t.components_usd[name][0] for name in COMPONENTS]).sum(axis=(1, 2))
    if not (np.isfinite(components).all() and all(np.isfinite(v).all() for v in monthly.values())):
        return infeasible_result(
            s, "the calculation produced a non-finite number; please report this scenario."
        )
    breakdown = dict(zip(COMPONENTS, components.tolist(), strict=True))
    total = float(monthly["cost_usd"].sum())
    tokens = float(monthly["tokens"].sum())
    capacity = float(monthly["capacity_tokens"].sum())
    share_in = np.array([w.input_tokens / w.tokens_per_request for w in s.workloads])
    prefill = np.array([p.prefill_time_frac for p in prepared.points])
    cost_w = (t.capital_charge_usd + t.opex_usd)[0].sum(axis=-1)
    tokens_w = t.tokens[0].sum(axis=-1)
    rental = bool(r.cloud_usd_per_hour)
    accelerators = monthly["owned_accelerators"] + monthly["rented_accelerators"]
    first_it_kw = float(monthly["it_energy_kwh"][0]) / HOURS_PER_MONTH
    first_accelerators = float(accelerators[0])
    layout = prepared.layout if s.deployment.owns_hardware else None  # cloud: not our racks
    racks = layout.racks(first_accelerators) if layout else 0
    utilisation = tokens / capacity if capacity else 0.0
    usage = _per_million(total, capacity)
    cost_per_million = _per_million(total, tokens)
    energy = float(monthly["facility_energy_kwh"].sum())
    co2e = float(monthly["co2e_kg"].sum())
    owning = s.deployment.kind != "cloud" and rental
    api = api_line(
        s.workloads,
        catalogue.api_prices,
        catalogue.price_index,
        r.money,
        s.horizon_months,
        s.trends.api_price_decline_frac_per_year,
    )
    return Result(
        scenario_name=s.name,
        currency=s.finance.currency,
        currency_year=s.finance.currency_year,
        feasible=True,
        cost_usd_per_million_tokens=cost_per_million,
        cost_usd_per_million_input_tokens=_per_million(
            float((cost_w * prefill).sum()), float((tokens_w * share_in).sum())
        ),
        cost_usd_per_million_output_tokens=_per_million(
            float((cost_w * (1 - prefill)).sum()), float((tokens_w * (1 - share_in)).sum())
        ),
        usage_cost_usd_per_million_tokens=usage,
        accelerator_hour_cost_usd=total / float(monthly["accelerator_hours"].sum()),
        total_cost_usd=total,
        breakdown_usd=breakdown,
        capex_usd=float(monthly["capex_cash_usd"].sum()),
        opex_usd_per_year=float(monthly["opex_usd"].sum()) / (s.horizon_months / MONTHS_PER_YEAR),
        accelerators=round(first_accelerators),
        peak_accelerators=round(float(accelerators.max())),
        servers=math.ceil(first_accelerators / prepared.server_accelerators - 1e-9),
        racks=racks,
        floor_area_m2=racks * FLOOR_M2_PER_RACK,
        it_power_kw=first_it_kw,
        provisioned_it_kw=float(monthly["provisioned_it_kw"][0]),
        facility_power_kw=first_accelerators * prepared.plan.accelerator_kw * r.pue,
        pue=r.pue,
        utilisation_frac=min(1.0, utilisation),
        energy_kwh=energy,
        co2e_kg=co2e,
        water_l=float(monthly["water_l"].sum()),
        joules_per_token=energy * J_PER_KWH / tokens,
        gco2e_per_million_tokens=co2e * G_PER_KG / tokens * TOKENS_PER_MILLION,
        tokens_served=tokens,
        break_even_month=(
            break_even(
                np.cumsum(monthly["cash_usd"]).tolist(),
                np.cumsum(monthly["rental_cash_usd"]).tolist(),
            ).month
            if owning
            else None
        ),
        api_usd_per_million_tokens=(
            float(np.average(api.monthly, weights=monthly["tokens"])) if api else None
        ),
        api_price_decline_frac_per_year=api.decline_frac_per_year if api else None,
        rental_price=r.cloud.words() if r.cloud and rental else None,
        workloads=_workloads(prepared, cost_w, tokens_w, _first_accelerators(t), total),
        timeline=_months(monthly, rental, api),
        balance=_balance(prepared, t, monthly, breakdown),
        warnings=[
            one_sentence(w)
            for w in _warnings(prepared, monthly, utilisation, usage, cost_per_million)
        ],
    )


def _first_accelerators(t: Timeline) -> np.ndarray:
    """Accelerators each workload occupies in month 1 (owned + rented at peak) [count]."""
    return (t.owned_accelerators + t.rented_accelerators)[0, :, 0]
