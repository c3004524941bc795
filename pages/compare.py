"""Compare: up to four scenarios side by side, over time, and what explains the difference."""

import streamlit as st

from tco.models.errors import TcoError
from tco.present import figures
from tco.ui import cached, charts, compare_view, components, state
from tco.ui.fmt import md
from tco.ui.variants import crossover_month

scenario = state.current()
components.title("Compare scenarios", scenario)
if not state.presenting():
    compare_view.editor()

results = []
for name, candidate in compare_view.scenarios(scenario):
    try:
        result = cached.run(candidate)
    except TcoError as exc:
        st.warning(f"{md(name)} cannot be computed: {md(str(exc))}", icon="⚠️")
        continue
    if result.feasible:
        results.append((name, candidate, result))
    else:
        st.warning(f"{md(name)} cannot be served: {md(result.infeasible_reason or '')}", icon="⚠️")

if len(results) < 2 or not results[0][0].startswith("A:"):
    st.info("Add a scenario that can be served to compare it with the current one (A).")
    st.stop()

st.dataframe(
    compare_view.table([(name, result) for name, _, result in results]),
    hide_index=True,
    key="compare.table",
)
footnote = charts.footnote(scenario) + " A is the current scenario; others differ as named."
charts.show(
    figures.cost_over_time(
        {name: result.timeline for name, _, result in results},
        title="Cost per million tokens over time",
        footnote=footnote,
    ),
    key="compare.cost_over_time",
)

names = [name for name, _, _ in results[1:]]
target = st.selectbox("Explain the difference between A and", names, key="compare.target")
a_name, a_scenario, a_result = results[0]
b_name, b_scenario, b_result = next(item for item in results if item[0] == target)

left, right = st.columns(2)
with left:
    months = [m.month for m in a_result.timeline]
    charts.show(
        figures.cumulative_cost(
            {a_name: [m.cumulative_cash_usd for m in a_result.timeline],
             b_name: [m.cumulative_cash_usd for m in b_result.timeline]},
            months=months,
            break_even_month=crossover_month(
                [m.cumulative_cash_usd for m in a_result.timeline],
                [m.cumulative_cash_usd for m in b_result.timeline],
            ),
            title="Cumulative cash out",
            footnote=footnote,
        ),
        key="compare.cumulative",
        narrow=True,
    )  # fmt: skip
with right:
    comparison = cached.comparison(a_scenario, b_scenario)
    if comparison.feasible:
        charts.show(
            figures.waterfall(
                (a_name.split(":")[0], comparison.a_usd_per_million_tokens),
                compare_view.steps(comparison),
                (b_name.split(":")[0], comparison.b_usd_per_million_tokens),
                title=f"What explains the difference from A to {b_name.split(':')[0]}",
                footnote=footnote,
            ),
            key="compare.waterfall",
            narrow=True,
        )
    else:
        st.warning(md(comparison.infeasible_reason or "No attribution."), icon="⚠️")
