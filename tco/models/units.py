"""Glossary of canonical names, units and conversion constants.

Every quantity in the engine carries its unit in its name. The suffixes are:

============================  ==========================================
suffix                        unit
============================  ==========================================
``_w`` / ``_kw`` / ``_mw``    power in watts / kilowatts / megawatts
``_kwh`` / ``_mwh``           energy in kilowatt-hours / megawatt-hours
``_j``                        energy in joules
``_usd``                      money: US dollars in the catalogue and in what users enter;
                              the scenario's currency of its price year once resolved
``_usd_per_kwh``              electricity tariff
``_usd_per_hour``             rental price per accelerator-hour
``_usd_per_kw_month``         colocation rate per kW of IT capacity per month
``_usd_per_w``                construction cost per watt of IT capacity
``_gb`` / ``_tb``             memory in 10^9 / 10^12 bytes (decimal, as vendors state it)
``_gb_per_s``                 interconnect bandwidth, one direction, per accelerator
``_tb_per_s``                 memory bandwidth
``_tflops`` / ``_tops``       dense peak, 10^12 floating-point / integer operations per second
``_tokens`` / ``_tokens_per_s``  token counts / token rates
``_ms`` / ``_s``              latency in milliseconds / seconds
``_frac``                     a fraction between 0 and 1
``_pct``                      a percentage between 0 and 100 (display only)
``_gco2e_per_kwh``            grid carbon intensity
``_l_per_kwh``                water use effectiveness (litres per kWh of IT energy)
``_m2``                       floor area in square metres
``_b``                        billions (parameters)
============================  ==========================================

Money is stored in US dollars of a stated ``currency_year``; bringing it to another year
and currency is one explicit step (`tco.costs.currency.MoneyBasis.from_usd`, applied when
a scenario is resolved), never implicit. A `Result` names its ``currency``.
"""

HOURS_PER_YEAR = 8760.0
HOURS_PER_MONTH = HOURS_PER_YEAR / 12.0
SECONDS_PER_HOUR = 3600.0
MS_PER_S = 1000.0
SECONDS_PER_DAY = 86400.0
DAYS_PER_YEAR = 365.0
DAYS_PER_MONTH = DAYS_PER_YEAR / 12.0
MONTHS_PER_YEAR = 12
TOKENS_PER_MILLION = 1e6
J_PER_KWH = 3.6e6
W_PER_KW = 1000.0
KW_PER_MW = 1000.0
G_PER_KG = 1000.0
BYTES_PER_GB = 1e9
BYTES_PER_TB = 1e12
FLOPS_PER_TFLOPS = 1e12
