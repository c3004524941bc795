"""Which scenario fields the Scenario page shows, grouped, with the units users see."""

from tco.models import Scenario
from tco.ui.fields import Spec

NAME = Spec("name", "Scenario name", "text")
CUSTOMER = Spec("customer_name", "Customer", "text")
ACCELERATOR = Spec("accelerator_id", "Accelerator", "select")
DEPLOYMENT = Spec("deployment.id", "Deployment", "select")

HARDWARE_ADVANCED = [
    Spec(
        "system_accelerators",
        "Accelerators per serving system",
        "int",
        placeholder="the part's usual system",
    ),
    Spec("overrides.accelerator_price_usd", "Price per accelerator", unit="USD", step=500.0),
    Spec("overrides.cloud_usd_per_hour", "Cloud price", unit="USD/h", step=0.1),
]
SITE = [Spec("site_id", "Site", "select")]


def deployment_fields(scenario: Scenario) -> list[Spec]:
    """The deployment's own settings that matter for its kind."""
    kind = scenario.deployment.kind
    specs = []
    if kind != "cloud":
        specs.append(
            Spec("deployment.hardware_discount_frac", "Hardware discount", unit="%", scale=100,
                 step=1.0)
        )  # fmt: skip
    if kind in ("cloud", "hybrid"):
        specs.append(Spec("deployment.cloud_provider", "Cloud provider", "select"))
        if scenario.deployment.cloud_provider:
            specs.append(Spec("deployment.cloud_region", "Cloud region", "select"))
        specs += [
            Spec("deployment.cloud_commitment", "Cloud commitment", "select"),
            Spec("deployment.cloud_price_frac", "Cloud price paid", unit="% of the list price",
                 scale=100, step=1.0),
        ]  # fmt: skip
    if kind == "hybrid":
        specs.append(
            Spec("deployment.owned_base_frac", "Owned share of peak", unit="%", scale=100, step=5.0)
        )
    if kind == "edge":
        specs.append(
            Spec("deployment.edge_site_usd_per_kw", "Edge enclosure", unit="USD/kW", step=100.0)
        )
    return specs


COOLING = [
    Spec("cooling_id", "Cooling", "select"),
    Spec(
        "rack_power_kw",
        "Planned power per rack",
        unit="kW",
        step=5.0,
        placeholder="the cooling's maximum",
    ),
]
FINANCE = [
    Spec("finance.wacc_frac", "Discount rate (WACC)", unit="%/yr", scale=100, step=0.5),
    Spec("finance.hardware_life_years", "Hardware life", unit="years", step=1.0),
    Spec("finance.residual_value_frac", "Resale value at end of life", unit="%", scale=100,
         step=1.0),
    Spec("finance.financing", "Financing", "select"),
    Spec("finance.lease_rate_frac", "Lease interest rate", unit="%/yr", scale=100, step=0.5),
    Spec("finance.facility_life_years", "Facility life", unit="years", step=1.0),
    Spec("finance.currency", "Currency of the results", "select"),
    Spec("finance.currency_year", "Price year", "int"),
]  # fmt: skip
RENTED_WACC = Spec("finance.wacc_frac", "Discount rate for comparisons (WACC)", unit="%/yr",
                   scale=100, step=0.5)  # fmt: skip


def finance_fields(scenario: Scenario) -> list[Spec]:
    """Financing that applies: none of it to capacity rented by the hour, except the rate
    that discounts cash when the scenario is compared with owning."""
    return [RENTED_WACC] if scenario.deployment.kind == "cloud" else FINANCE


def cooling_fields(scenario: Scenario) -> list[Spec]:
    """Cooling and rack power are the provider's in the cloud: nothing to choose."""
    return [] if scenario.deployment.kind == "cloud" else COOLING


DEMAND = [
    Spec("demand.tokens_per_day", "Tokens per day at the start", unit="billion tokens/day",
         scale=1e-9, step=1.0),
    Spec("demand.growth_frac_per_year", "Demand growth", unit="%/yr", scale=100, step=5.0),
    Spec("demand.peak_to_average", "Peak over average demand", unit="ratio", step=0.1),
    Spec("demand.headroom_frac", "Spare capacity above the peak", unit="%", scale=100, step=5.0),
    Spec("horizon_months", "Horizon", "int", unit="months"),
]  # fmt: skip
ADVANCED = {
    "Costs around the accelerator": [
        Spec("capex.host_cost_frac", "Host per accelerator", unit="% of its price", scale=100),
        Spec("capex.network_cost_frac", "Scale-out network", unit="% of servers", scale=100),
        Spec("capex.storage_cost_frac", "Storage", unit="% of servers", scale=100),
        Spec("capex.installation_cost_frac", "Installation", unit="% of hardware", scale=100),
        Spec("finance.network_life_years", "Network and storage life", unit="years"),
    ],
    "Running costs": [
        Spec("operations.maintenance_frac_per_year", "Hardware support", unit="%/yr of hardware",
             scale=100),
        Spec("operations.software_usd_per_accelerator_year", "Software licences",
             unit="USD per accelerator-year", step=100.0),
        Spec("operations.staff_usd_per_accelerator_year", "Operations staff",
             unit="USD per accelerator-year", step=100.0),
    ],
    "Trends": [
        Spec("trends.electricity_escalation_frac_per_year", "Electricity price change",
             unit="%/yr", scale=100),
        Spec("trends.hardware_price_decline_frac_per_year", "Hardware price decline",
             unit="%/yr", scale=100),
        Spec("trends.cloud_price_decline_frac_per_year", "Cloud price decline", unit="%/yr",
             scale=100),
        Spec("trends.api_price_decline_frac_per_year", "Serverless API price decline",
             unit="%/yr", scale=100, placeholder="fitted to the price history; 0 = flat"),
        Spec("trends.software_efficiency_gain_frac_per_year", "Software efficiency gain",
             unit="%/yr", scale=100),
        Spec("trends.refresh_at_end_of_life", "Replace hardware at end of life", "toggle"),
    ],
    "Site figures (empty = the catalogue's)": [
        Spec("overrides.electricity_usd_per_kwh", "Electricity tariff", unit="USD/kWh",
             step=0.01),
        Spec("overrides.pue", "PUE", unit="ratio", step=0.05),
        Spec("overrides.grid_gco2e_per_kwh", "Grid carbon intensity", unit="gCO2e/kWh",
             step=10.0),
        Spec("overrides.colocation_usd_per_kw_month", "Colocation rate", unit="USD/kW-month",
             step=10.0),
        Spec("overrides.construction_usd_per_w", "Facility build cost", unit="USD/W", step=0.5),
    ],
}  # fmt: skip


def all_specs(scenario: Scenario) -> list[Spec]:
    """Every spec the page may render for this scenario (for syncing widget values)."""
    return [
        NAME, CUSTOMER, ACCELERATOR, DEPLOYMENT, *HARDWARE_ADVANCED, *SITE,
        *deployment_fields(scenario), *cooling_fields(scenario), *finance_fields(scenario),
        *DEMAND,
        *(spec for group in ADVANCED.values() for spec in group),
    ]  # fmt: skip
