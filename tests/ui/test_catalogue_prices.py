"""Catalogue page, Prices tab: purchase and cloud prices in the scenario's currency, filtered,
charted, and marked when more than a year old."""

from apptest_pages import chart_spec

from tco.data.presets import example_scenario
from tco.io.links import encode
from tco.models import Finance


def _prices(app, **query):
    at = app("catalogue", **query)
    at.session_state["tab"] = "Prices"
    at.run()
    assert not at.exception
    return at


def _frame(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_every_purchase_price_row_is_listed_with_the_one_costed_marked(app):
    at = _prices(app)
    bought = _frame(at, "Costed at")
    h100 = bought[bought["Accelerator"] == "NVIDIA H100 SXM"]
    assert len(h100) == 3  # list, street and HGX system price (data/accelerator_prices.csv)
    assert h100[h100["Costed at"] == "✓"]["Basis"].tolist() == ["list price"]
    assert h100[h100["Costed at"] == "✓"]["Price"].tolist() == ["$30 k"]
    tpu = bought[bought["Accelerator"].str.contains("TPU v6e")]
    assert tpu["Basis"].tolist() == ["not sold (rented only)"]
    assert bought["Age"].str.startswith("⚠").any()  # some rows are over a year old


def test_cloud_prices_filter_by_provider_and_chart_the_spread(app):
    at = _prices(app)
    at.multiselect(key="cat.providers").set_value(["gcp"]).run()
    rented = _frame(at, "Per accelerator-hour")
    assert set(rented["Provider"]) == {"Google Cloud"}
    figure = chart_spec(at, "cat.rent")
    assert [trace["name"] for trace in figure["data"]] == ["Google Cloud"]
    assert figure["layout"]["xaxis"]["type"] == "log"
    at.multiselect(key="cat.areas").set_value(["Europe"]).run()
    assert set(_frame(at, "Per accelerator-hour")["Region"].str[-4:]) <= {"(DE)", "(NL)"}


def test_prices_follow_the_scenario_currency(app):
    euros = example_scenario().model_copy(update={"finance": Finance(currency="EUR")})
    at = _prices(app, s=encode(euros))
    assert all(
        p.startswith("€") for p in _frame(at, "Per accelerator-hour")["Per accelerator-hour"]
    )
    assert any("In EUR at 2026 prices" in c.value for c in at.caption)
    spec = chart_spec(at, "cat.rent")
    assert "EUR per accelerator-hour" in spec["layout"]["xaxis"]["title"]["text"]
