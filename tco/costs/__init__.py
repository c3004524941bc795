"""Cost building blocks, one module per topic, as pure functions of numbers and arrays.

- ``trends``: yearly rates turned into monthly factors (growth, decline, escalation).
- ``financing``: capital recovery factor, capital charge, lease payments.
- ``capex``: hardware cost per accelerator by asset class; facility build per kW.
- ``power``: server power, rack density and its feasibility, floor area, mean IT power.
- ``energy``: facility energy, its cost, carbon and water.
- ``opex``: maintenance, software licences, staff.
- ``fleet``: demand in tokens per second, accelerators needed, load-duration curve, the
  owned fleet month by month (purchases, retirements, refresh).
- ``cloud``: rental price per accelerator-hour by commitment.
- ``market``: the serverless API price line of the same models.

Every function states its units in brackets and cites the reference it implements; the
numbered references are listed in docs/methodology.md.
"""
