"""Writing extracts: exact contract columns, CSV formatting rules, optional parquet.

Format (docs/extracts.md): UTF-8, header, ISO dates, booleans true/false, empty = null,
money with exactly 2 decimals, rates/prices up to 8 decimals, quantities up to 4.
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

# The contract columns of every extract, in order (DESIGN.md + docs/extracts.md).
COLUMNS: dict[str, list[str]] = {
    "policy/asset_classes": [
        "asset_class_code", "description", "useful_life_months", "depreciation_method",
        "declining_balance_rate", "convention", "salvage_pct", "capitalization_threshold",
        "cost_account", "accumulated_depreciation_account", "depreciation_expense_account",
        "macrs_recovery_years", "macrs_method", "macrs_convention", "property_tax_category"],
    "erp/subsidiaries": ["subsidiary_id", "subsidiary_name", "country_code",
                         "functional_currency_code", "parent_subsidiary_id"],
    "erp/accounts": ["account_number", "account_name", "account_type", "normal_balance",
                     "fx_rate_type"],
    "erp/accounting_periods": ["period_id", "period_start_date", "period_end_date",
                               "is_closed", "closed_date"],
    "erp/fx_rates": ["rate_date", "from_currency", "to_currency", "rate_type", "rate"],
    "erp/gl_entries": ["journal_id", "line_number", "subsidiary_id", "posting_date",
                       "account_number", "debit", "credit", "currency_code", "memo", "source"],
    "erp/fixed_assets": ["asset_id", "asset_class_code", "subsidiary_id", "location_id",
                         "description", "serial_number", "acquisition_date", "in_service_date",
                         "cost", "currency_code", "salvage_value", "useful_life_months",
                         "depreciation_method", "project_id", "parent_asset_id"],
    "erp/asset_events": ["event_id", "asset_id", "event_type", "event_date", "amount",
                         "proceeds", "to_subsidiary_id", "to_location_id",
                         "new_useful_life_months"],
    "erp/capex_lines": ["line_id", "bill_id", "vendor_name", "subsidiary_id", "project_id",
                        "bill_date", "amount", "currency_code", "description"],
    "erp/customers": ["customer_id", "customer_name", "subsidiary_id", "currency_code",
                      "country_code", "payment_terms_days", "segment"],
    "erp/invoices": ["invoice_id", "customer_id", "subsidiary_id", "contract_id",
                     "invoice_date", "due_date", "service_period_start_date",
                     "service_period_end_date", "currency_code", "total_amount"],
    "erp/invoice_lines": ["invoice_line_id", "invoice_id", "line_number", "line_type", "sku",
                          "quantity", "unit_price", "amount", "service_period_start_date",
                          "service_period_end_date"],
    "erp/payments": ["payment_id", "customer_id", "subsidiary_id", "payment_date", "amount",
                     "currency_code", "bank_account_id", "reference"],
    "erp/payment_applications": ["application_id", "payment_id", "invoice_id",
                                 "applied_amount", "application_date"],
    "infra/locations": ["location_id", "data_center_name", "street", "city", "county",
                        "state", "country", "property_tax_jurisdiction"],
    "infra/capital_projects": ["project_id", "subsidiary_id", "location_id", "description",
                               "asset_class_code", "budget_amount", "start_date",
                               "expected_in_service_date"],
    "infra/deployment_milestones": ["project_id", "milestone", "milestone_date"],
    "leases/lease_contracts": [
        "lease_id", "subsidiary_id", "lessor_name", "asset_type", "description",
        "commencement_date", "end_date", "payment_frequency", "payment_timing", "base_payment",
        "currency_code", "annual_escalation_pct", "discount_rate", "fair_value",
        "economic_life_months", "transfers_ownership", "purchase_option_price",
        "purchase_option_reasonably_certain", "renewal_option_months",
        "renewal_reasonably_certain", "residual_value_guarantee_amount",
        "is_specialized_asset", "initial_direct_costs", "lease_incentives", "prepaid_rent",
        "is_short_term_election", "non_lease_component_amount"],
    "leases/lease_payments": ["lease_id", "payment_date", "amount", "payment_type"],
    "leases/lease_modifications": [
        "modification_id", "lease_id", "effective_date", "modification_type", "new_end_date",
        "new_base_payment", "new_discount_rate", "scope_decrease_pct", "termination_payment",
        "purchase_option_price", "purchase_option_reasonably_certain",
        "residual_value_guarantee_amount"],
    "leases/service_contracts": [
        "contract_id", "subsidiary_id", "vendor_name", "description", "start_date", "end_date",
        "monthly_fee", "currency_code", "has_identified_asset",
        "supplier_has_substantive_substitution_right",
        "customer_obtains_substantially_all_benefits", "customer_directs_use"],
    "crm/contracts": [
        "contract_id", "customer_id", "subsidiary_id", "contract_type", "start_date",
        "end_date", "currency_code", "committed_amount", "commit_period",
        "prepaid_credit_amount", "credit_expiry_date", "discount_pct", "reserved_fee",
        "signed_date", "sales_rep", "commission_amount", "promotional_credit_amount",
        "has_dedicated_hardware"],
    "crm/contract_rates": ["contract_id", "sku", "unit_price"],
    "metering/skus": ["sku", "description", "unit", "list_price"],
    "metering/usage": ["usage_id", "customer_id", "sku", "location_id", "usage_date",
                       "quantity", "received_date"],
    "bank/bank_accounts": ["bank_account_id", "subsidiary_id", "bank_name", "account_number",
                           "currency_code", "gl_account_number"],
    "bank/bank_transactions": ["bank_account_id", "transaction_id", "posted_date", "amount",
                               "currency_code", "counterparty", "reference"],
}

# Numeric formatting classes per column name (anything float not listed is an error).
MONEY = {
    "capitalization_threshold", "cost", "salvage_value", "amount", "proceeds", "budget_amount",
    "base_payment", "fair_value", "purchase_option_price", "residual_value_guarantee_amount",
    "initial_direct_costs", "lease_incentives", "prepaid_rent", "non_lease_component_amount",
    "new_base_payment", "termination_payment", "monthly_fee", "committed_amount",
    "prepaid_credit_amount", "reserved_fee", "commission_amount", "promotional_credit_amount",
    "total_amount", "applied_amount", "debit", "credit",
}
RATE = {"declining_balance_rate", "salvage_pct", "rate", "annual_escalation_pct",
        "discount_rate", "new_discount_rate", "scope_decrease_pct", "discount_pct",
        "unit_price", "list_price"}
QTY = {"quantity"}


def _num_parts(values: np.ndarray, decimals: int):
    """The value rounded to `decimals` as an integer count of 10**-decimals, and its null mask.
    np.round(x, d) + 0.0 printed with "%.{d}f" has exactly these digits for every value the
    extracts hold (|x| < 4.5e15 / 10**d)."""
    vals = np.asarray(values, dtype="float64")
    isnan = np.isnan(vals)
    r = np.round(np.where(isnan, 0.0, vals), decimals) + 0.0  # +0.0 kills -0.0
    return np.rint(r * 10.0 ** decimals).astype(np.int64), isnan


def fixed_text(units: np.ndarray, decimals: int, strip: bool, isnan: np.ndarray | None = None):
    """Integer units of 10**-decimals as "%.{d}f" text (trailing zeros stripped if asked), arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc
    units = np.asarray(units, dtype=np.int64)
    neg = units < 0
    a = np.abs(units)
    scale = 10 ** decimals
    ip = pc.cast(pa.array(a // scale), pa.string())
    fp = pc.utf8_lpad(pc.cast(pa.array(a % scale), pa.string()), width=decimals, padding="0")
    if strip:
        fp = pc.utf8_rtrim(fp, characters="0")
        txt = pc.if_else(pc.equal(fp, ""), ip, pc.binary_join_element_wise(ip, fp, "."))
    else:
        txt = pc.binary_join_element_wise(ip, fp, ".")
    if neg.any():
        txt = pc.if_else(pa.array(neg), pc.binary_join_element_wise("-", txt, ""), txt)
    if isnan is not None and isnan.any():
        txt = pc.if_else(pa.array(isnan), pa.scalar(None, pa.string()), txt)
    return txt


def fixed_decimal(units: np.ndarray, decimals: int, isnan: np.ndarray | None = None):
    """Integer units of 10**-decimals as an arrow decimal128(18, decimals) array (exact)."""
    import pyarrow as pa
    units = np.ascontiguousarray(units, dtype=np.int64)
    words = np.empty((len(units), 2), dtype=np.int64)
    words[:, 0] = units
    words[:, 1] = units >> 63  # sign extension of the 128-bit two's complement value
    validity = None
    nulls = 0
    if isnan is not None and isnan.any():
        validity = pa.array(~isnan).buffers()[1]
        nulls = int(isnan.sum())
    return pa.Array.from_buffers(pa.decimal128(18, decimals), len(units),
                                 [validity, pa.py_buffer(words)], null_count=nulls)


_DECIMALS = {"money": 2, "rate": 8, "quantity": 4}


def _targets():
    import pyarrow as pa
    t = {k: pa.decimal128(18, d) for k, d in _DECIMALS.items()}
    t.update({"date": pa.date32(), "integer": pa.int32(), "boolean": pa.bool_()})
    return t


try:
    _TARGET = _targets()
except ImportError:  # pyarrow is only needed for parquet
    _TARGET = {}


def _contract_types() -> dict[str, dict[str, str]]:
    from infra_accounting.contract import load_contract
    return {k: {c.name: c.type for c in spec.columns} for k, spec in load_contract().items()}


def _blank_to_null(arr):
    import pyarrow as pa
    import pyarrow.compute as pc
    if arr.null_count == len(arr):
        return arr
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)


def format_arrow(name: str, df: pd.DataFrame, types: dict[str, str] | None = None):
    """The extract as an arrow table in exactly its contract columns.

    types None: every column as text, formatted exactly as the CSV (empty = null).
    types given (column -> contract type): typed columns (date32, decimal128(18, 2/8/4)
    for money/rate/quantity, int32 integer, bool boolean, string otherwise)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    cols = COLUMNS[name]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(f"{name}: missing contract columns {missing}")
    out = {}
    for c in cols:
        s = df[c]
        ctype = (types or {}).get(c)
        kind = "money" if c in MONEY else "rate" if c in RATE else "quantity" if c in QTY else None
        if kind is not None:
            d = _DECIMALS[kind]
            units, isnan = _num_parts(s.to_numpy(dtype="float64", na_value=np.nan), d)
            out[c] = fixed_decimal(units, d, isnan) if ctype in _DECIMALS else \
                fixed_text(units, d, kind != "money", isnan)
        elif pd.api.types.is_bool_dtype(s):
            arr = pa.array(s, type=pa.bool_(), from_pandas=True)
            out[c] = arr if ctype == "boolean" else \
                pc.if_else(arr, pa.scalar("true"), pa.scalar("false"))
        elif pd.api.types.is_datetime64_any_dtype(s):
            arr = pc.cast(pa.array(s.to_numpy("datetime64[ns]"), from_pandas=True), pa.date32())
            out[c] = arr if ctype == "date" else pc.cast(arr, pa.string())
        elif pd.api.types.is_integer_dtype(s):
            arr = pa.array(s, from_pandas=True)
            out[c] = pc.cast(arr, pa.int32()) if ctype == "integer" else pc.cast(arr, pa.string())
        elif pd.api.types.is_float_dtype(s):
            raise TypeError(f"{name}.{c}: float column without a format class")
        else:
            out[c] = _blank_to_null(pa.array(s.astype("string").to_numpy(dtype=object, na_value=None),
                                             type=pa.string(), from_pandas=True))
        target = _TARGET.get(ctype)
        if target is not None and out[c].type != target:  # e.g. a whole-number rate column
            arr = out[c]
            out[c] = pc.equal(arr, "true") if ctype == "boolean" else pc.cast(arr, target)
    return pa.table(out)


def arrow_to_text_frame(t) -> pd.DataFrame:
    """Text arrow table -> DataFrame of python strings, null as empty (for the CSV writer)."""
    out = {}
    for c in t.column_names:
        v = t.column(c).to_numpy(zero_copy_only=False).astype(object)
        v[pd.isna(v)] = ""
        out[c] = v
    return pd.DataFrame(out, columns=t.column_names)


def format_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Return the extract as strings in exactly its contract columns."""
    return arrow_to_text_frame(format_arrow(name, df))


class Writer:
    """Writes whole extracts, or streams one extract chunk by chunk.

    fmt csv or parquet; parquet_types "text" (every column as text, as the CSV) or "typed"
    (the contract's types). A progress line per extract (rows, seconds) goes to `log`."""

    def __init__(self, out_dir: str | Path, fmt: str = "csv", parquet_types: str = "text", log=None):
        self.out = Path(out_dir)
        self.fmt = fmt
        self.parquet_types = parquet_types
        self._types = _contract_types() if (fmt == "parquet" and parquet_types == "typed") else {}
        self._streams: dict[str, object] = {}
        self.row_counts: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self.log = log

    def types(self, name: str) -> dict[str, str] | None:
        return self._types.get(name) if self._types else None

    def path(self, name: str) -> Path:
        p = self.out / f"{name}.{self.fmt}"
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def _progress(self, name: str, t0: float, final: bool = True) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + (time.perf_counter() - t0)
        if self.log is not None and final:
            print(f"[demo] {name:32s} {self.row_counts.get(name, 0):>12,d} rows {self.seconds[name]:8.1f} s",
                  file=self.log, flush=True)

    def write(self, name: str, df: pd.DataFrame) -> None:
        t0 = time.perf_counter()
        t = format_arrow(name, df, self.types(name))
        self.row_counts[name] = t.num_rows
        p = self.path(name)
        if self.fmt == "csv":
            arrow_to_text_frame(t).to_csv(p, index=False, lineterminator="\n", encoding="utf-8")
        else:
            import pyarrow.parquet as pq
            pq.write_table(t, p, row_group_size=max(1, min(t.num_rows, 4_000_000)))
        self._progress(name, t0)

    # streaming -----------------------------------------------------------
    def append(self, name: str, df: pd.DataFrame) -> None:
        t0 = time.perf_counter()
        self.append_arrow(name, format_arrow(name, df, self.types(name)), t0)

    def append_arrow(self, name: str, t, t0: float | None = None) -> None:
        """Append an already formatted arrow table (one parquet row group per call)."""
        t0 = time.perf_counter() if t0 is None else t0
        self.row_counts[name] = self.row_counts.get(name, 0) + t.num_rows
        p = self.path(name)
        if self.fmt == "csv":
            first = name not in self._streams
            arrow_to_text_frame(t).to_csv(p, index=False, header=first, mode="w" if first else "a",
                                          lineterminator="\n", encoding="utf-8")
            self._streams[name] = True
        else:
            import pyarrow.parquet as pq
            if name not in self._streams:
                self._streams[name] = pq.ParquetWriter(p, t.schema, store_schema=False)
            self._streams[name].write_table(t, row_group_size=max(1, t.num_rows))
        self._progress(name, t0, final=False)

    def close(self) -> None:
        for name, w in self._streams.items():
            if hasattr(w, "close"):
                w.close()
            if self.log is not None:
                print(f"[demo] {name:32s} {self.row_counts.get(name, 0):>12,d} rows "
                      f"{self.seconds.get(name, 0.0):8.1f} s", file=self.log, flush=True)
        self._streams.clear()
