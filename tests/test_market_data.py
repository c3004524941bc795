"""The market tables: every price sourced and dated, cloud coverage, every part costable."""

import shutil
from datetime import date

import pytest

from tco.costs.cloud import AREAS
from tco.data.catalogue import DATA_DIR, CatalogueError, load_catalogue
from tco.data.freshness import age_months, is_stale

PRICE_TABLES = ("accelerator_prices", "cloud_prices", "accelerator_hour_references", "api_prices")
HYPERSCALERS = {"aws", "azure", "gcp", "oci"}
GPU_CLOUDS = {"lambda", "nebius", "coreweave", "cirrascale"}
NO_PUBLIC_PRICE = {
    "google-tpu7x": "not yet costable from public data",  # sold by reservation only
    "groq-lpu": "neither a purchase price nor an hourly rental",  # tokens through an API
}
"""Parts no public list prices buy or rent; their price row says so (issue 15's note)."""


@pytest.mark.parametrize("table", PRICE_TABLES)
def test_every_price_row_has_source_date_currency_year_and_confidence(catalogue, table):
    rows = catalogue.rows(table)
    assert rows
    for row in rows:
        assert len(row.source) >= 3, row
        assert row.as_of[:4].isdigit(), row
        assert 2015 <= row.currency_year <= 2035, row
        assert row.confidence in ("high", "medium", "low"), row


def test_cloud_prices_cover_four_providers_in_the_us_europe_and_asia(catalogue):
    areas: dict[str, set[str]] = {}
    for row in catalogue.cloud_prices:
        if row.commitment == "on_demand":
            areas.setdefault(row.provider, set()).add(AREAS[row.country])
    everywhere = {
        p for p, seen in areas.items() if {"the Americas", "Europe", "Asia-Pacific"} <= seen
    }
    assert len(everywhere) >= 4
    assert len(everywhere & HYPERSCALERS) >= 3
    assert everywhere & GPU_CLOUDS
    assert {r.country for r in catalogue.cloud_prices} >= {"US", "DE", "JP", "SG"}


def test_every_part_can_be_bought_or_rented_unless_no_price_is_public(catalogue):
    rented = {r.accelerator_id for r in catalogue.cloud_prices}
    uncostable = {
        a for a in catalogue.accelerators if catalogue.purchase_price(a) is None and a not in rented
    }
    assert uncostable == set(NO_PUBLIC_PRICE)
    for part, reason in NO_PUBLIC_PRICE.items():
        (row,) = [p for p in catalogue.accelerator_prices if p.accelerator_id == part]
        assert row.cloud_only
        assert reason in row.notes


def test_a_part_only_rented_says_so_and_has_no_price(catalogue):
    for part in ("google-tpu-v6e", "aws-trainium2", "aws-inferentia2"):
        assert catalogue.rented_only(part)
        assert catalogue.purchase_price(part) is None
        assert catalogue.accelerators[part].price_usd is None
    assert not catalogue.rented_only("nvidia-h100-sxm")


def test_rack_scale_parts_are_priced_as_the_rack_a_buyer_orders(catalogue):
    gb200 = catalogue.purchase_price("nvidia-gb200")
    assert gb200.system_name == "GB200 NVL72 rack"
    assert gb200.includes_host
    assert gb200.price_usd == pytest.approx(gb200.system_price_usd / 72)
    assert "derived:" in gb200.notes
    # a vendor's list price of a new module comes before a used street price
    assert catalogue.purchase_price("nvidia-h100-sxm").price_kind == "list"


def test_accelerators_csv_cannot_carry_a_second_price(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "accelerators.csv"
    lines = path.read_text().splitlines()
    lines = [lines[0] + ",price_usd", *(line + "," for line in lines[1:])]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CatalogueError, match="no price_usd column: filled in from accelerator_"):
        load_catalogue(data)


def test_figures_older_than_a_year_are_stale():
    today = date(2026, 12, 4)
    assert age_months("2026-08-22", today) == 3
    assert age_months("2025", today) == 11  # a year alone counts as its December
    assert age_months("2025-11", today) == 12
    assert not is_stale("2025-11", today)
    assert is_stale("2025-10-31", today)
    assert is_stale("2024", today)
    assert age_months("mid-2025", today) is None
    assert not is_stale("undated", today)
