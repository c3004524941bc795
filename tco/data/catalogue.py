"""The catalogue: CSV tables in data/ → validated models → typed DuckDB tables.

Each table's schema is its pydantic model: the DuckDB column types are derived from the
model's fields, every CSV row is validated through the model, and a bad row stops loading
with the file, the row number and the reason.
"""

import csv
import types
import typing
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal, overload

import duckdb
from pydantic import BaseModel, ValidationError

from tco.costs.purchase import chosen_price
from tco.models import (
    LLM,
    Accelerator,
    ApiPrice,
    Cooling,
    DeploymentPreset,
    Site,
    WorkloadPreset,
)
from tco.models.errors import TcoError, one_line
from tco.models.market import AcceleratorHourReference, AcceleratorPrice, CloudPrice
from tco.models.money import FxRate, PriceIndexPoint

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# table name → (CSV file, row model)
TABLES: dict[str, tuple[str, type[BaseModel]]] = {
    "accelerators": ("accelerators.csv", Accelerator),
    "models": ("models.csv", LLM),
    "workloads": ("workloads.csv", WorkloadPreset),
    "cooling": ("cooling.csv", Cooling),
    "sites": ("sites.csv", Site),
    "deployments": ("deployments.csv", DeploymentPreset),
    "api_prices": ("api_prices.csv", ApiPrice),
    "fx_rates": ("fx_rates.csv", FxRate),
    "price_index": ("price_index.csv", PriceIndexPoint),
    "accelerator_prices": ("accelerator_prices.csv", AcceleratorPrice),
    "cloud_prices": ("cloud_prices.csv", CloudPrice),
    "accelerator_hour_references": (
        "reference_accelerator_hour.csv",
        AcceleratorHourReference,
    ),
}

NOT_IN_CSV: dict[str, dict[str, str]] = {
    "accelerators": {
        "price_usd": "filled in from accelerator_prices.csv",
        "currency_year": "filled in from accelerator_prices.csv",
        "cloud_usd_per_hour": "for your own parts; built-in parts are rented at cloud_prices.csv",
    }
}
"""Model fields a table's CSV must not hold, and where their values come from instead: one
source for every figure."""

# tables without an id: the columns that identify a row (no two rows may share them)
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "api_prices": ("model_class", "model", "provider", "provider_model_id", "as_of"),
    "fx_rates": ("currency", "period"),
    "price_index": ("index_id", "period"),
    "accelerator_prices": ("accelerator_id", "price_kind", "system_name"),
    "cloud_prices": ("provider", "region", "instance_type", "commitment"),
    "accelerator_hour_references": ("accelerator_id", "reference_kind", "publisher", "as_of"),
}


class CatalogueError(TcoError):
    """A catalogue file is missing, malformed or has an invalid row."""


def duckdb_type(annotation: object) -> str:
    """DuckDB column type for a pydantic field annotation (Optional → the inner type)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return duckdb_type(inner[0])
    if origin is typing.Annotated:
        return duckdb_type(typing.get_args(annotation)[0])
    if origin is typing.Literal or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return "VARCHAR"
    scalar_types: dict[object, str] = {
        bool: "BOOLEAN",
        int: "BIGINT",
        float: "DOUBLE",
        str: "VARCHAR",
    }
    return scalar_types[annotation]


def table_columns(model: type[BaseModel]) -> dict[str, str]:
    """Column name → DuckDB type, in the model's field order."""
    return {name: duckdb_type(info.annotation) for name, info in model.model_fields.items()}


def _read_rows(
    path: Path, model: type[BaseModel], not_in_csv: dict[str, str] | None = None
) -> list[BaseModel]:
    """Validate every row of a CSV file through its model; fail with file, row and reason."""
    not_in_csv = not_in_csv or {}
    if not path.is_file():
        raise CatalogueError(f"{path.name}: file not found in {path.parent}")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            unknown = sorted(set(columns) - set(model.model_fields))
            if unknown:
                raise CatalogueError(f"{path.name}: unknown column(s) {', '.join(unknown)}")
            for column in columns:
                if column in not_in_csv:
                    raise CatalogueError(f"{path.name}: no {column} column: {not_in_csv[column]}")
            rows = []
            for line, raw in enumerate(reader, start=2):
                values = {k: v for k, v in raw.items() if k is not None and v not in ("", None)}
                if None in raw:
                    raise CatalogueError(f"{path.name}, row {line}: more cells than columns")
                try:
                    rows.append(model.model_validate(values))
                except ValidationError as exc:
                    raise CatalogueError(f"{path.name}, row {line}: {one_line(exc)}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CatalogueError(f"{path.name}: not a readable UTF-8 CSV file ({exc})") from None
    return rows


def _unique_ids(name: str, rows: list[Any]) -> dict[str, Any]:
    """Rows by id (every table but api_prices has one); a repeated id stops loading."""
    by_id: dict[str, Any] = {}
    for row in rows:
        if row.id in by_id:
            raise CatalogueError(f"{name}: duplicate id {row.id!r}")
        by_id[row.id] = row
    return by_id


def _unique_keys(name: str, rows: list[BaseModel]) -> list[BaseModel]:
    seen: set[tuple[object, ...]] = set()
    for row in rows:
        key = tuple(getattr(row, column) for column in ROW_KEYS[name])
        if key in seen:
            shown = ", ".join(f"{c}={v!r}" for c, v in zip(ROW_KEYS[name], key, strict=True))
            raise CatalogueError(f"{name}: two rows with {shown}")
        seen.add(key)
    return rows


@dataclass(frozen=True)
class Catalogue:
    """Validated catalogue rows, by table and id."""

    accelerators: dict[str, Accelerator]
    models: dict[str, LLM]
    workloads: dict[str, WorkloadPreset]
    cooling: dict[str, Cooling]
    sites: dict[str, Site]
    deployments: dict[str, DeploymentPreset]
    api_prices: list[ApiPrice] = field(default_factory=list)
    fx_rates: list[FxRate] = field(default_factory=list)
    price_index: list[PriceIndexPoint] = field(default_factory=list)
    accelerator_prices: list[AcceleratorPrice] = field(default_factory=list)
    cloud_prices: list[CloudPrice] = field(default_factory=list)
    accelerator_hour_references: list[AcceleratorHourReference] = field(default_factory=list)

    def rows(self, table: str) -> list[BaseModel]:
        value = getattr(self, table)
        return list(value.values()) if isinstance(value, dict) else list(value)

    def purchase_price(self, accelerator_id: str) -> AcceleratorPrice | None:
        """The price row a new purchase of this part pays (`tco.costs.purchase`), if any."""
        return chosen_price(
            [p for p in self.accelerator_prices if p.accelerator_id == accelerator_id]
        )

    def rented_only(self, accelerator_id: str) -> bool:
        """The part is not sold: it can only be rented (its price row says cloud_only)."""
        return any(
            p.cloud_only for p in self.accelerator_prices if p.accelerator_id == accelerator_id
        )

    def with_accelerators(self, extra: list[Accelerator]) -> "Catalogue":
        """A catalogue that also holds user-added accelerators (built-in ids win)."""
        merged = dict(self.accelerators)
        for accelerator in extra:
            merged.setdefault(accelerator.id, accelerator)
        return Catalogue(**{**self.__dict__, "accelerators": merged})

    @overload
    def get(self, table: Literal["accelerators"], item_id: str) -> Accelerator: ...
    @overload
    def get(self, table: Literal["models"], item_id: str) -> LLM: ...
    @overload
    def get(self, table: Literal["workloads"], item_id: str) -> WorkloadPreset: ...
    @overload
    def get(self, table: Literal["cooling"], item_id: str) -> Cooling: ...
    @overload
    def get(self, table: Literal["sites"], item_id: str) -> Site: ...
    @overload
    def get(self, table: Literal["deployments"], item_id: str) -> DeploymentPreset: ...

    def get(self, table: str, item_id: str) -> BaseModel:
        """The row with this id, or a one-line error naming the command that lists valid ids."""
        rows = getattr(self, table)
        if item_id not in rows:
            command = {"accelerators": "catalogue"}.get(table, table)
            raise TcoError(f"unknown {table.rstrip('s')} id {item_id!r}; see `tco {command}`")
        return rows[item_id]

    def check_references(self) -> None:
        """Every id a table refers to exists in the table it refers to."""
        for preset in self.workloads.values():
            self.get("models", preset.model_id)
        for deployment in self.deployments.values():
            self.get("cooling", deployment.default_cooling_id)
            self.get("sites", deployment.default_site_id)
        for price in self.api_prices:
            if price.model_id is not None:
                self.get("models", price.model_id)
        part_ids = [
            *(p.accelerator_id for p in self.accelerator_prices),
            *(p.accelerator_id for p in self.cloud_prices),
            *(r.accelerator_id for r in self.accelerator_hour_references),
        ]
        for accelerator_id in part_ids:
            self.get("accelerators", accelerator_id)


def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """Read and validate every catalogue table under ``data_dir``."""
    # each table's rows are instances of its model in TABLES, the type Catalogue's field names
    tables: dict[str, Any] = {}
    for name, (filename, model) in TABLES.items():
        rows = _read_rows(Path(data_dir) / filename, model, NOT_IN_CSV.get(name))
        tables[name] = _unique_keys(name, rows) if name in ROW_KEYS else _unique_ids(name, rows)
    catalogue = _with_purchase_prices(Catalogue(**tables))
    try:
        catalogue.check_references()
    except TcoError as exc:
        raise CatalogueError(f"catalogue cross-reference: {exc}") from None
    return catalogue


def _with_purchase_prices(catalogue: Catalogue) -> Catalogue:
    """Each built-in part's price_usd and currency_year from the row it is costed at."""
    priced = {}
    for accelerator_id, accelerator in catalogue.accelerators.items():
        row = catalogue.purchase_price(accelerator_id)
        if row is not None:
            accelerator = accelerator.model_copy(
                update={"price_usd": row.price_usd, "currency_year": row.currency_year}
            )
        priced[accelerator_id] = accelerator
    return replace(catalogue, accelerators=priced)


@cache
def builtin_catalogue() -> Catalogue:
    """The shipped catalogue, loaded once per process."""
    return load_catalogue(DATA_DIR)


def to_duckdb(catalogue: Catalogue, con: duckdb.DuckDBPyConnection) -> None:
    """Create one typed table per catalogue table and insert the validated rows."""
    for name, (_, model) in TABLES.items():
        columns = table_columns(model)
        ddl = ", ".join(f'"{col}" {kind}' for col, kind in columns.items())
        con.execute(f'CREATE OR REPLACE TABLE "{name}" ({ddl})')
        rows = [tuple(_cell(getattr(row, col)) for col in columns) for row in catalogue.rows(name)]
        if rows:
            marks = ", ".join("?" for _ in columns)
            # identifiers come from our own models; values are bound parameters
            con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)  # noqa: S608


def _cell(value: object) -> object:
    return value.value if isinstance(value, Enum) else value
