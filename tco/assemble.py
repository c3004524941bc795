"""From monthly arrays to a `Result`: totals, per-workload figures, the balance check and
warnings (docs/methodology.md §8-§9)."""

import math

import numpy as np
from pydantic import TypeAdapter

from tco.catalogue import Catalogue
from tco.costs.market import api_usd_per_million_tokens
from tco.costs.power import FLOOR_M2_PER_RACK
from tco.models import BalanceCheck, MonthResult, Result, Scenario, WorkloadResult
from tco.resolution import Prepared
from tco.timeline import COMPONENTS, Timeline
from tco.units import HOURS_PER_MONTH, J_PER_KWH, MONTHS_PER_YEAR, TOKENS_PER_MILLION

LOW_UTILISATION_FRAC = 0.30
"""Below this mean utilisation a warning suggests renting bursts or less headroom."""

_REL = 1e-9


def _per_million(cost_usd: float, tokens: float) -> float:
    return cost_usd / tokens * TOKENS_PER_MILLION if tokens > 0 else 0.0


def infeasible_result(scenario: Scenario, reason: str) -> Result:
    """A result that says why nothing can be computed; every figure zero."""
    return Result(
        scenario_name=scenario.name,
        currency_year=scenario.finance.currency_year,
        feasible=False,
        infeasible_reason=reason,
        cost_per_million_tokens_usd=0.0,
        cost_per_million_input_tokens_usd=0.0,
        cost_per_million_output_tokens_usd=0.0,
        usage_cost_per_million_tokens_usd=0.0,
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


def _balance(prepared: Prepared, t: Timeline, total_usd: float) -> BalanceCheck:
    """Three independent checks of the arrays (docs/methodology.md §9)."""
    plan = prepared.plan
    breakdown_sum = sum(float(v.sum()) for v in t.components_usd.values())
    scale = max(1.0, abs(total_usd))
    components_ok = (
        abs(breakdown_sum - total_usd) <= _REL * scale
        and abs(float((t.capital_charge_usd + t.opex_usd).sum()) - total_usd) <= _REL * scale
    )
    # energy recomputed from power: kW per accelerator × load × hours × PUE
    rate_per_hour = t.capacity_tokens / np.maximum(t.accelerator_hours, 1e-300)
    busy_hours = np.where(
        t.accelerator_hours > 0, t.tokens / np.maximum(rate_per_hour, 1e-300), 0.0
    )
    busy_weight = plan.busy_power_frac[None, :, None] - plan.idle_power_frac
    power_kw = (
        plan.accelerator_kw
        * (plan.idle_power_frac * t.accelerator_hours + busy_weight * busy_hours)
        / HOURS_PER_MONTH
    )
    expected_kwh = float((power_kw * HOURS_PER_MONTH).sum()) * float(prepared.samples.pue[0])
    energy_total = float(t.facility_energy_kwh.sum())
    energy_ok = abs(expected_kwh - energy_total) <= 1e-6 * max(1.0, energy_total)
    tokens_ok = bool(np.all(t.tokens <= t.capacity_tokens * (1 + _REL)))
    return BalanceCheck(
        components_sum_to_total=components_ok,
        energy_equals_power_times_hours=energy_ok,
        tokens_within_capacity=tokens_ok,
    )


def _finite(t: Timeline) -> bool:
    arrays = [*t.components_usd.values(), t.cost_usd, t.cash_usd, t.rental_cash_usd]
    arrays += [t.tokens, t.capacity_tokens, t.facility_energy_kwh, t.co2e_kg, t.water_l]
    return all(bool(np.isfinite(a).all()) for a in arrays)


def _break_even(cash: np.ndarray, rental: np.ndarray) -> int | None:
    """First month (1-based) the cumulative cash of owning is at or below renting's."""
    cheaper = np.flatnonzero(np.cumsum(cash) <= np.cumsum(rental) * (1 + _REL))
    return int(cheaper[0]) + 1 if cheaper.size else None


_MONTHS = TypeAdapter(list[MonthResult])


def _months(t: Timeline, cash: np.ndarray, rental: np.ndarray | None) -> list[MonthResult]:
    tokens = t.tokens[0].sum(axis=0)
    capacity = t.capacity_tokens[0].sum(axis=0)
    owned = t.owned_accelerators[0].sum(axis=0)
    rented = t.rented_accelerators[0].sum(axis=0)
    charge = t.capital_charge_usd[0].sum(axis=0)
    opex = t.opex_usd[0].sum(axis=0)
    cost = charge + opex
    columns = {
        "tokens": tokens,
        "accelerators": np.rint(owned + rented).astype(np.int64),
        "accelerators_rented": np.rint(rented).astype(np.int64),
        "utilisation_frac": np.minimum(1.0, tokens / np.where(capacity > 0, capacity, np.inf)),
        "capex_usd": t.capex_cash_usd[0].sum(axis=0),
        "capital_charge_usd": charge,
        "opex_usd": opex,
        "cost_usd": cost,
        "cost_per_million_tokens_usd": cost / tokens * TOKENS_PER_MILLION,
        "cumulative_cash_usd": np.maximum(np.cumsum(cash), 0.0),
        "energy_kwh": t.facility_energy_kwh[0].sum(axis=0),
        "co2e_kg": t.co2e_kg[0].sum(axis=0),
    }
    if rental is not None:
        columns["rental_cumulative_cash_usd"] = np.cumsum(rental)
    names = list(columns)
    rows = zip(*(columns[name].tolist() for name in names), strict=True)
    return _MONTHS.validate_python(
        [{"month": m, **dict(zip(names, row, strict=True))} for m, row in enumerate(rows, 1)]
    )


def _workloads(prepared: Prepared, t: Timeline, total_usd: float) -> list[WorkloadResult]:
    results = []
    cost = (t.capital_charge_usd + t.opex_usd)[0].sum(axis=-1)
    tokens = t.tokens[0].sum(axis=-1)
    first = (t.owned_accelerators + t.rented_accelerators)[0, :, 0]
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
                cost_per_million_tokens_usd=_per_million(float(cost[i]), float(tokens[i])),
                cost_per_million_input_tokens_usd=_per_million(
                    float(cost[i]) * point.prefill_time_frac, float(tokens[i]) * share_in
                ),
                cost_per_million_output_tokens_usd=_per_million(
                    float(cost[i]) * (1 - point.prefill_time_frac),
                    float(tokens[i]) * (1 - share_in),
                ),
                cost_share_frac=min(1.0, float(cost[i]) / total_usd) if total_usd > 0 else 0.0,
            )
        )
    return results


def _warnings(
    prepared: Prepared, t: Timeline, utilisation: float, usage: float, cost: float
) -> list[str]:
    s, r = prepared.scenario, prepared.resolved
    notes = []
    if utilisation < LOW_UTILISATION_FRAC:
        notes.append(
            f"Mean utilisation is {utilisation:.0%}: idle hours make the reservation-based cost "
            f"USD {cost:.3g} per million tokens against USD {usage:.3g} usage-based; a lower "
            "peak-to-average ratio, less headroom or renting the bursts (hybrid) would help."
        )
    a = r.accelerator
    if a.confidence == "low":
        notes.append(f"{a.label}: the catalogue's figures come from a low-confidence source.")
    owns = s.deployment.owns_hardware
    used_price = not a.list_price_usd and "used" in a.notes.lower()
    if owns and s.overrides.accelerator_price_usd is None and used_price:
        notes.append(
            f"{a.label}: the only price in the catalogue is a used-market street price; "
            "set overrides.accelerator_price_usd to a quote for new parts."
        )
    if not a.tdp_w and not a.system_power_kw:
        notes.append(f"{a.label} has no published power: energy, carbon and water are left at 0.")
    provisioned = t.provisioned_it_kw[0].sum(axis=0)
    if owns and provisioned[0] > 0 and provisioned.max() > 2 * provisioned[0]:
        notes.append(
            f"Demand growth takes the owned IT load from {provisioned[0]:,.0f} kW to "
            f"{provisioned.max():,.0f} kW over the horizon; check the site can supply it."
        )
    return notes


def build_result(prepared: Prepared, t: Timeline, catalogue: Catalogue) -> Result:
    """The `Result` of a one-sample, per-workload timeline."""
    s, r = prepared.scenario, prepared.resolved
    if not _finite(t):
        return infeasible_result(
            s, "the calculation produced a non-finite number; please report this scenario."
        )
    breakdown = {name: float(t.components_usd[name].sum()) for name in COMPONENTS}
    total = float((t.capital_charge_usd + t.opex_usd).sum())
    tokens = float(t.tokens.sum())
    capacity = float(t.capacity_tokens.sum())
    share_in = np.array([w.input_tokens / w.tokens_per_request for w in s.workloads])
    prefill = np.array([p.prefill_time_frac for p in prepared.points])
    cost_w = (t.capital_charge_usd + t.opex_usd)[0].sum(axis=-1)
    tokens_w = t.tokens[0].sum(axis=-1)
    kind = s.deployment.kind
    rental = None if not r.cloud_usd_per_hour else t.rental_cash_usd[0].sum(axis=0)
    cash = t.cash_usd[0].sum(axis=0)
    accelerators = (t.owned_accelerators + t.rented_accelerators)[0].sum(axis=0)
    first_it_kw = float(t.it_energy_kwh[0, :, 0].sum()) / HOURS_PER_MONTH
    first_accelerators = float(accelerators[0])
    layout = prepared.layout
    racks = layout.racks(first_accelerators) if layout else 0
    utilisation = tokens / capacity if capacity else 0.0
    usage = _per_million(total, capacity)
    cost_per_million = _per_million(total, tokens)
    energy = float(t.facility_energy_kwh.sum())
    co2e = float(t.co2e_kg.sum())
    return Result(
        scenario_name=s.name,
        currency_year=s.finance.currency_year,
        feasible=True,
        cost_per_million_tokens_usd=cost_per_million,
        cost_per_million_input_tokens_usd=_per_million(
            float((cost_w * prefill).sum()), float((tokens_w * share_in).sum())
        ),
        cost_per_million_output_tokens_usd=_per_million(
            float((cost_w * (1 - prefill)).sum()), float((tokens_w * (1 - share_in)).sum())
        ),
        usage_cost_per_million_tokens_usd=usage,
        accelerator_hour_cost_usd=total / float(t.accelerator_hours.sum()),
        total_cost_usd=total,
        breakdown_usd=breakdown,
        capex_usd=float(t.capex_cash_usd.sum()),
        opex_usd_per_year=float(t.opex_usd.sum()) / (s.horizon_months / MONTHS_PER_YEAR),
        accelerators=round(first_accelerators),
        peak_accelerators=round(float(accelerators.max())),
        servers=math.ceil(first_accelerators / prepared.server_accelerators - 1e-9),
        racks=racks,
        floor_area_m2=racks * FLOOR_M2_PER_RACK,
        it_power_kw=first_it_kw,
        provisioned_it_kw=float(t.provisioned_it_kw[0, :, 0].sum()),
        facility_power_kw=first_it_kw * r.pue,
        pue=r.pue,
        utilisation_frac=min(1.0, utilisation),
        energy_kwh=energy,
        co2e_kg=co2e,
        water_l=float(t.water_l.sum()),
        joules_per_token=energy * J_PER_KWH / tokens,
        gco2e_per_million_tokens=co2e * 1000.0 / tokens * TOKENS_PER_MILLION,
        tokens_served=tokens,
        break_even_month=None if kind == "cloud" or rental is None else _break_even(cash, rental),
        api_usd_per_million_tokens=api_usd_per_million_tokens(s.workloads, catalogue.api_prices),
        workloads=_workloads(prepared, t, total),
        timeline=_months(t, cash, rental),
        balance=_balance(prepared, t, total),
        warnings=_warnings(prepared, t, utilisation, usage, cost_per_million),
    )
