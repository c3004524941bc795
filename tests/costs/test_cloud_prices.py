"""Which cloud price a scenario pays: the provider and region near the site, the terms."""

import pytest

from tco.costs.cloud import cloud_quote, commitment_share, distance_tier
from tco.models.market import CloudPrice


def _row(provider, region, country, per_hour, commitment="on_demand", n=8, instance="x8"):
    return CloudPrice.example().model_copy(
        update={"provider": provider, "region": region, "country": country,
                "price_per_hour": per_hour, "commitment": commitment,
                "accelerators_per_instance": n, "instance_type": instance}
    )  # fmt: skip


TABLE = [
    _row("big", "us-1", "US", 80.0),
    _row("big", "us-1", "US", 36.0, "reserved_3y"),
    _row("big", "eu-1", "DE", 96.0),
    _row("big", "ap-1", "JP", 104.0),
    _row("neo", "us-a", "US", 32.0),
    _row("neo", "eu-a", "FI", 24.0),
]


def test_distance_is_the_country_then_the_part_of_the_world():
    assert distance_tier("DE", "DE") == 0
    assert distance_tier("DE", "FI") == 1
    assert distance_tier("DE", "JP") == 2
    assert distance_tier("XX", "XX") == 0
    assert distance_tier("XX", "US") == 2


def test_the_nearest_region_wins_then_the_cheapest():
    part = TABLE[0].accelerator_id
    frankfurt = cloud_quote(TABLE, part, "DE", "on_demand")
    assert (frankfurt.row.provider, frankfurt.row.region) == ("big", "eu-1")  # in the country
    sweden = cloud_quote(TABLE, part, "SE", "on_demand")
    assert sweden.row.region == "eu-a"  # no Swedish region: the cheapest in Europe
    assert sweden.per_accelerator_hour == pytest.approx(24.0 / 8)
    tokyo = cloud_quote(TABLE, part, "JP", "on_demand", provider="neo")
    assert tokyo.row.region == "eu-a"  # neo has no Asian region: its cheapest anywhere


def test_a_commitment_without_its_own_price_takes_the_median_share():
    part = TABLE[0].accelerator_id
    assert commitment_share(TABLE, "reserved_3y") == pytest.approx(36.0 / 80.0)
    own = cloud_quote(TABLE, part, "US", "reserved_3y", provider="big")
    assert own.share_frac == 1.0
    assert own.per_accelerator_hour == pytest.approx(36.0 / 8)
    derived = cloud_quote(TABLE, part, "US", "reserved_3y", provider="neo")
    assert derived.per_accelerator_hour == pytest.approx(32.0 / 8 * 0.45)
    assert "on-demand price × 0.45" in derived.words()
    assert commitment_share(TABLE, "spot") is None


def test_no_price_says_why_in_words():
    part = TABLE[0].accelerator_id
    assert cloud_quote(TABLE, "other", "US", "on_demand") == (
        "no provider in the cloud price table rents it"
    )
    assert cloud_quote(TABLE, part, "US", "on_demand", provider="nobody") == (
        "nobody does not rent it in the cloud price table; providers that rent it: big, neo"
    )
    assert cloud_quote(TABLE, part, "US", "on_demand", provider="neo", region="ap-1") == (
        "it is not rented in ap-1; regions that rent it: eu-a, us-a"
    )
    assert cloud_quote(TABLE, part, "US", "spot") == "no spot price for it in the cloud price table"
