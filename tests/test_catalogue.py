"""The shipped catalogue: every row validates, ids are stable, every figure has a source."""

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from tco.data.catalogue import (
    DATA_DIR,
    TABLES,
    CatalogueError,
    load_catalogue,
    table_columns,
    to_duckdb,
)

REQUIRED_ACCELERATORS = [
    "nvidia-a100-sxm-80gb", "nvidia-h100-sxm", "nvidia-h100-nvl", "nvidia-h200-sxm",
    "nvidia-h200-nvl", "nvidia-l4", "nvidia-l40s", "nvidia-b200", "nvidia-b300", "nvidia-gb200",
    "nvidia-gb300", "nvidia-rtx-pro-6000", "amd-mi300x", "amd-mi325x", "amd-mi355x",
    "intel-gaudi3", "google-tpu-v6e", "aws-trainium2", "nvidia-jetson-agx-orin",
]  # fmt: skip
REQUIRED_MODELS = [
    "llama-2-70b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "llama-3.3-70b",
    "mixtral-8x7b", "deepseek-r1", "gpt-oss-20b", "gpt-oss-120b", "qwen3-32b", "qwen3-235b-a22b",
]  # fmt: skip
REQUIRED_DEPLOYMENTS = [
    "hyperscale-owned", "enterprise-on-prem", "colocation", "cloud-on-demand",
    "cloud-reserved-3y", "edge",
]  # fmt: skip
REQUIRED_COOLING = ["air", "rear-door", "direct-to-chip", "immersion-1p", "immersion-2p"]
REQUIRED_WORKLOADS = ["chat", "rag", "code", "batch", "reasoning", "agentic"]


def test_required_ids_present(catalogue):
    assert len(catalogue.accelerators) >= 33
    assert set(REQUIRED_ACCELERATORS) <= set(catalogue.accelerators)
    assert set(REQUIRED_MODELS) <= set(catalogue.models)
    assert set(REQUIRED_DEPLOYMENTS) <= set(catalogue.deployments)
    assert set(REQUIRED_COOLING) <= set(catalogue.cooling)
    assert set(REQUIRED_WORKLOADS) <= set(catalogue.workloads)


def test_every_reference_accelerator_is_in_the_catalogue(catalogue):
    reference = Path(__file__).resolve().parents[2] / "shared" / "reference" / "accelerators.csv"
    if not reference.exists():
        pytest.skip("reference material not present on this machine")
    with reference.open() as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    assert names <= {a.name for a in catalogue.accelerators.values()}


@pytest.mark.parametrize("table", list(TABLES))
def test_every_row_has_source_and_date(catalogue, table):
    for row in catalogue.rows(table):
        assert len(row.source) >= 3, (table, row)
        assert row.as_of[:4].isdigit(), (table, row)


@pytest.mark.parametrize(
    "table", [t for t, (_, m) in TABLES.items() if "currency_year" in m.model_fields]
)
def test_money_rows_state_their_currency_year(catalogue, table):
    for row in catalogue.rows(table):
        assert 2015 <= row.currency_year <= 2035


def test_csv_columns_match_the_models():
    for filename, model in TABLES.values():
        with (DATA_DIR / filename).open() as handle:
            header = next(csv.reader(handle))
        assert set(header) <= set(model.model_fields), filename
        required = {n for n, f in model.model_fields.items() if f.is_required()}
        assert required <= set(header), filename


def test_kv_bytes_from_architecture_match_published_figures(catalogue):
    """KV bytes/token computed from layers, heads and head size equal the reference column."""
    for llm in catalogue.models.values():
        computed = llm.kv_bytes_per_token(2.0)
        assert computed == pytest.approx(llm.kv_cache_bytes_per_token_bf16, rel=1e-9), llm.id


def test_moe_expert_split_reproduces_mixtral():
    """Mixtral 8x7B: ~5.6B per expert and ~1.6B shared (Jiang et al. 2024, arXiv:2401.04088)."""
    from tco.data.catalogue import builtin_catalogue

    mixtral = builtin_catalogue().models["mixtral-8x7b"]
    assert mixtral.expert_params_b == pytest.approx(5.64, abs=0.05)
    assert mixtral.shared_params_b == pytest.approx(1.6, abs=0.1)


def test_duckdb_tables_have_explicit_types(catalogue):
    con = duckdb.connect()
    to_duckdb(catalogue, con)
    for name, (_, model) in TABLES.items():
        described = {row[0]: row[1] for row in con.execute(f'DESCRIBE "{name}"').fetchall()}
        assert described == table_columns(model)
        count = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert count == len(catalogue.rows(name))
    assert (
        con.execute("SELECT typeof(memory_gb) FROM accelerators LIMIT 1").fetchone()[0] == "DOUBLE"
    )


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _rewrite(path: Path, column: str, row_index: int, value: str) -> None:
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    rows[row_index][column] = value
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("memory_gb", "lots", "memory_gb"),
        ("memory_gb", "-80", "greater than 0"),
        ("id", "Bad Id!", "id"),
        ("source", "", "source"),
    ],
)
def test_a_bad_row_stops_loading_with_file_row_and_reason(tmp_path, column, value, reason):
    data = _copy_data(tmp_path)
    _rewrite(data / "accelerators.csv", column, 2, value)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(data)
    message = str(caught.value)
    assert message.startswith("accelerators.csv, row 4:")
    assert reason in message
    assert "\n" not in message


def test_duplicate_ids_and_dangling_references_are_refused(tmp_path):
    data = _copy_data(tmp_path)
    _rewrite(data / "cooling.csv", "id", 1, "air")
    with pytest.raises(CatalogueError, match="duplicate id 'air'"):
        load_catalogue(data)
    data = _copy_data(tmp_path / "b")
    _rewrite(data / "workloads.csv", "model_id", 0, "no-such-model")
    with pytest.raises(CatalogueError, match="unknown model id 'no-such-model'"):
        load_catalogue(data)


def test_unknown_columns_and_missing_files_are_refused(tmp_path):
    data = _copy_data(tmp_path)
    text = (data / "sites.csv").read_text().replace("notes,source", "notes,source,colour", 1)
    (data / "sites.csv").write_text(text)
    with pytest.raises(CatalogueError, match="unknown column"):
        load_catalogue(data)
    (data / "sites.csv").unlink()
    with pytest.raises(CatalogueError, match=r"sites\.csv: file not found"):
        load_catalogue(data)


def test_data_readme_is_generated_from_the_models():
    """data/README.md documents every column; it is regenerated from field descriptions."""
    import subprocess
    import sys

    from tco.data.catalogue import DATA_DIR

    done = subprocess.run(
        [sys.executable, str(DATA_DIR.parent / "scripts" / "data_readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
