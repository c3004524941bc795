"""Plan: what a power budget buys, the best configuration within limits, sizing from a log."""

import streamlit as st

from tco.ui import charts, components, state
from tco.ui import optimise_view as search
from tco.ui import plan_view as view
from tco.ui.data import catalogue
from tco.ui.fmt import md

scenario = state.current()
components.title("Plan and optimise", scenario)
cat = catalogue()
sites, coolings = list(cat.sites), list(cat.cooling)
if name := view.applied():
    st.success(f"{md(name)} is now the scenario: every page shows it.", icon="✅")
    st.page_link("pages/overview.py", label="See it on the Overview", icon="📊")
# Only the open tab runs (its name is kept in the URL, as on the Catalogue page).
budget_tab, optimise_tab, log_tab = st.tabs(
    ["Power budget", "Optimise", "Traffic log"], key="tab", bind="query-params"
)

with budget_tab:
    if budget_tab.open:
        st.caption("What a site's power buys for this scenario's workload mix, part by part.")
        c1, c2, c3, c4, c5 = st.columns(5)
        power = c1.number_input(
            "Power budget [MW]",
            min_value=0.01,
            max_value=10_000.0,
            value=view.DEFAULT_POWER_MW,
            step=0.5,
            key="plan.power_mw",
        )
        basis = c2.selectbox(
            "The budget is", list(view.BASES), format_func=view.BASES.get, key="plan.basis"
        )
        site = c3.selectbox(
            "Site",
            sites,
            index=sites.index(scenario.site_id),
            format_func=lambda s: cat.sites[s].name,
            key="plan.site",
        )
        cooling = c4.selectbox(
            "Cooling",
            coolings,
            index=coolings.index(scenario.cooling_id),
            format_func=lambda c: cat.cooling[c].name,
            key="plan.cooling",
        )
        part = c5.selectbox(
            "Accelerator",
            [view.ALL_PARTS, *cat.accelerators],
            format_func=view.part_label,
            key="plan.part",
        )
        plan = view.budget(scenario, power, basis, site, cooling, part)
        if isinstance(plan, str):
            st.error(f"Cannot plan this budget: {md(plan)}", icon="🚫")
        elif not plan.rows[0].feasible:
            st.warning(md(plan.rows[0].reason or ""), icon="⚠️")
        else:
            best = plan.rows[0]
            st.subheader(md(best.label))
            components.metric_row(view.budget_tiles(best, plan, scenario))
            if len([r for r in plan.rows if r.feasible]) > 1:
                charts.show(view.budget_chart(plan, scenario), key="plan.budget_chart")
                st.dataframe(view.budget_table(plan, scenario), hide_index=True, key="plan.table")
            fleets = {r.label: r for r in plan.rows if r.feasible}
            chosen = st.selectbox("Fleet to make the scenario", list(fleets), key="plan.fleet")
            if st.button("Apply as scenario", type="primary", key="plan.apply_budget"):
                view.apply(fleets[chosen].scenario)
            if problems := view.cannot(plan):
                with st.expander(f"Parts with no fleet here ({len(problems)})"):
                    for line in problems:
                        st.markdown(f"- {md(line)}")

with optimise_tab:
    if optimise_tab.open:
        st.caption(
            "The best configuration for this mix: part, precision, cooling, rack power, "
            "site and deployment searched together on full cost, within the limits."
        )
        with st.form("plan.optimise"):
            objective = st.segmented_control(
                "Best means",
                list(search.OBJECTIVES),
                default="cost",
                format_func=search.OBJECTIVES.get,
                required=True,
                key="plan.objective",
            )
            l1, l2, l3, l4 = st.columns(4)
            cap = l1.number_input("Power cap [MW] (0: none)", 0.0, 10_000.0, 0.0, key="plan.cap")
            capex = l2.number_input("Capex budget [M] (0: none)", 0.0, 1e6, 0.0, key="plan.capex")
            yearly = l3.number_input("Yearly budget [M] (0: none)", 0.0, 1e6, 0.0, key="plan.year")
            floor = l4.number_input("Floor area [m²] (0: none)", 0.0, 1e7, 0.0, key="plan.floor")
            sovereign = st.multiselect(
                "Sovereign workloads stay in", search.countries(), key="plan.sovereign"
            )
            with st.expander("What to search (empty: everything)"):
                parts = st.multiselect(
                    "Accelerators",
                    list(cat.accelerators),
                    format_func=view.part_label,
                    key="plan.parts",
                )
                where = st.multiselect(
                    "Sites", sites, format_func=lambda s: cat.sites[s].name, key="plan.sites"
                )
                owners = st.multiselect(
                    "Deployments",
                    list(cat.deployments),
                    format_func=lambda d: cat.deployments[d].name,
                    key="plan.deployments",
                )
                cools = st.multiselect(
                    "Cooling",
                    coolings,
                    format_func=lambda c: cat.cooling[c].name,
                    key="plan.coolings",
                )
                precisions = st.multiselect(
                    "Precisions (empty: each workload's own)",
                    ["fp8", "fp4", "bf16", "int8"],
                    key="plan.precisions",
                )
            asked = st.form_submit_button("Search", type="primary")
        ask = search.question(
            parts=parts,
            sites=where,
            deployments=owners,
            coolings=cools,
            precisions=precisions,
            power_cap_mw=cap,
            capex_musd=capex,
            yearly_musd=yearly,
            floor_m2=floor,
            sovereign=sovereign,
        )
        found = ask if isinstance(ask, str) else search.answer(scenario, *ask, objective)
        if asked and not isinstance(ask, str):
            bar = st.progress(0.0, text="Searching…")
            found = search.search(
                scenario, *ask, objective, lambda share, words: bar.progress(share, text=md(words))
            )
            bar.empty()
        if isinstance(found, str):
            st.error(f"Cannot search: {md(found)}", icon="🚫")
        elif found is None:
            st.info("Set the limits and press Search.")
        elif found.infeasible_reason:
            st.warning(md(found.infeasible_reason), icon="⚠️")
        else:
            st.caption(md(search.counts(found)))
            st.subheader(md(f"Winner: {found.ranked[0].label}"))
            components.metric_row(search.tiles(found, scenario))
            if found.winner is not None and st.button(
                "Apply the winner as scenario", type="primary", key="plan.apply_winner"
            ):
                view.apply(found.winner)
            st.dataframe(search.ranked_table(found, scenario), hide_index=True, key="plan.ranked")
            if (bridge := search.why(found, scenario)) is not None:
                charts.show(bridge, key="plan.why")
            power_chart, co2e_chart = search.frontiers(found, scenario)
            left, right = st.columns(2)
            with left:
                charts.show(power_chart, key="plan.pareto_power", narrow=True)
            with right:
                charts.show(co2e_chart, key="plan.pareto_co2e", narrow=True)
        if found is not None and not isinstance(found, str):
            if found.rejections:
                with st.expander(f"Parts with nothing within the limits ({len(found.rejections)})"):
                    st.dataframe(
                        search.rejections_table(found), hide_index=True, key="plan.rejections"
                    )
            st.caption("Not searched yet: " + md("; ".join(found.not_searched)) + ".")

with log_tab:
    if log_tab.open:
        st.caption(
            "A fleet sized from a real request log, so that 99 % of first tokens arrive "
            "within the target under queueing, instead of a fixed peak-to-average."
        )
        upload = st.file_uploader(
            "Request log (CSV: timestamp, prompt tokens, generated tokens)",
            type=["csv"],
            max_upload_size=1,
            key="plan.log",
        )
        st.caption(view.attribution(upload.name if upload else None))
        choices = view.sizable(scenario)
        if not choices:
            st.info("No workload of this scenario has a time-to-first-token target to hold.")
            st.stop()
        w1, w2 = st.columns(2)
        index = w1.selectbox(
            "The log's requests are",
            choices,
            format_func=lambda i: scenario.workloads[i].name,
            key="plan.workload",
        )
        scale = w2.number_input(
            "Traffic × (more users, the same pattern)", 0.01, 1e6, 1.0, key="plan.scale"
        )
        sized = view.sizing(
            scenario,
            upload.getvalue() if upload else None,
            upload.name if upload else "",
            index,
            scale,
        )
        if isinstance(sized, str):
            st.error(f"This log cannot be used: {md(sized)}", icon="🚫")
            st.stop()
        sizing, replayed = sized
        components.metric_row(view.log_tiles(sizing))
        charts.show(view.log_chart(sizing, scenario), key="plan.load_curve")
        st.dataframe(view.lengths(sizing), hide_index=True, key="plan.lengths")
        result = components.result_or_stop(sizing.scenario)
        components.metric_row(view.sizing_tiles(sizing, replayed, result.accelerators))
        if st.button("Apply the log's sizing as scenario", type="primary", key="plan.apply_log"):
            view.apply(sizing.scenario)
