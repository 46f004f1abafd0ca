"""The raw-extract contract, read from the dbt macros that define it.

The contract lives in one place, ``macros/contracts/<source>_extract_contract.sql`` (YAML
inside a Jinja ``set`` block), so staging validation, seed typing, the extract-file check
and the staging documentation cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONTRACT_DIR = PROJECT_ROOT / "macros" / "contracts"
SOURCES = ("policy", "erp", "infra", "leases", "crm", "metering", "bank")
AREAS = ("fixed_assets", "leases", "revenue", "close")

_YAML_BLOCK = re.compile(r"{%\s*set contract_yaml\s*%}(.*?){%\s*endset\s*%}", re.DOTALL)


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    required: bool
    description: str
    enum: tuple[str, ...] = ()
    fk: str | None = None
    minimum: float | None = None


@dataclass(frozen=True)
class ExtractSpec:
    source: str
    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...] = field(default_factory=tuple)
    date_order: tuple[tuple[str, str], ...] = ()
    incremental_month_column: str | None = None
    # an append-only delivery feed: the date each row was delivered; an incremental run
    # re-reads the close month and every row delivered from its first day (D-007)
    incremental_received_column: str | None = None

    @property
    def qualified_name(self) -> str:
        return f"{self.source}/{self.name}"

    @property
    def staging_model(self) -> str:
        return f"stg_{self.source}__{self.name}"

    @property
    def checked_model(self) -> str:
        return f"stg_{self.source}__{self.name}_checked"

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def load_contract(contract_dir: Path = CONTRACT_DIR) -> dict[str, ExtractSpec]:
    """Every extract of every source, keyed '<source>/<extract>', in contract order."""
    documents = [(source, _contract_yaml(contract_dir / f"{source}_extract_contract.sql")) for source in SOURCES]
    for area in AREAS:
        for qualified_name, spec in _contract_yaml(contract_dir / f"{area}_area_extract_contract.sql").items():
            source, name = qualified_name.split("__")
            documents.append((source, {name: spec}))
    contract: dict[str, ExtractSpec] = {}
    for source, extracts in documents:
        for name, spec in extracts.items():
            columns = tuple(
                ColumnSpec(
                    name=column_name,
                    type=column.get("type", "text"),
                    required=bool(column.get("required", False)),
                    description=column.get("description", ""),
                    enum=tuple(column.get("enum", ())),
                    fk=column.get("fk"),
                    minimum=column.get("min"),
                )
                for column_name, column in spec["columns"].items()
            )
            contract[f"{source}/{name}"] = ExtractSpec(
                source=source,
                name=name,
                description=spec["description"],
                key=tuple(spec["key"]),
                columns=columns,
                date_order=tuple(tuple(pair) for pair in spec.get("date_order", ())),
                incremental_month_column=spec.get("incremental_month_column"),
                incremental_received_column=spec.get("incremental_received_column"),
            )
    return contract


def _contract_yaml(path: Path) -> dict:
    match = _YAML_BLOCK.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"{path.name} has no contract_yaml block")
    return yaml.safe_load(match.group(1)) or {}
