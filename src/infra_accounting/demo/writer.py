"""Writing extracts: exact contract columns, CSV formatting rules, optional parquet.

Format (docs/extracts.md): UTF-8, header, ISO dates, booleans true/false, empty = null,
money with exactly 2 decimals, rates/prices up to 8 decimals, quantities up to 4.
"""
from __future__ import annotations

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


def _fixed(values: np.ndarray, decimals: int, strip: bool) -> np.ndarray:
    vals = np.asarray(values, dtype="float64")
    isnan = np.isnan(vals)
    r = np.round(np.where(isnan, 0.0, vals), decimals) + 0.0  # +0.0 kills -0.0
    out = np.char.mod(f"%.{decimals}f", r).astype(object)
    if strip:
        s = pd.Series(out, dtype=object).str.rstrip("0").str.rstrip(".")
        out = s.to_numpy(dtype=object).copy()
    out[isnan] = ""
    return out


def format_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Return the extract as strings in exactly its contract columns."""
    cols = COLUMNS[name]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(f"{name}: missing contract columns {missing}")
    out = {}
    for c in cols:
        s = df[c]
        if c in MONEY:
            out[c] = _fixed(s.to_numpy(dtype="float64", na_value=np.nan), 2, False)
        elif c in RATE:
            out[c] = _fixed(s.to_numpy(dtype="float64", na_value=np.nan), 8, True)
        elif c in QTY:
            out[c] = _fixed(s.to_numpy(dtype="float64", na_value=np.nan), 4, True)
        elif pd.api.types.is_bool_dtype(s):
            na = s.isna().to_numpy()
            v = np.where(s.fillna(False).to_numpy(dtype=bool), "true", "false").astype(object)
            v[na] = ""
            out[c] = v
        elif pd.api.types.is_datetime64_any_dtype(s):
            v = s.dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
            v[s.isna().to_numpy()] = ""
            out[c] = v
        elif pd.api.types.is_integer_dtype(s):
            out[c] = s.astype("string").fillna("").to_numpy(dtype=object)
        elif pd.api.types.is_float_dtype(s):
            raise TypeError(f"{name}.{c}: float column without a format class")
        else:
            out[c] = s.astype("string").fillna("").to_numpy(dtype=object)
    return pd.DataFrame(out, columns=cols)


class Writer:
    """Writes whole extracts, or streams one extract chunk by chunk."""

    def __init__(self, out_dir: str | Path, fmt: str = "csv"):
        self.out = Path(out_dir)
        self.fmt = fmt
        self._streams: dict[str, object] = {}
        self.row_counts: dict[str, int] = {}

    def path(self, name: str) -> Path:
        p = self.out / f"{name}.{self.fmt}"
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def write(self, name: str, df: pd.DataFrame) -> None:
        f = format_frame(name, df)
        self.row_counts[name] = len(f)
        p = self.path(name)
        if self.fmt == "csv":
            f.to_csv(p, index=False, lineterminator="\n", encoding="utf-8")
        else:
            self._parquet_table(f, p)

    @staticmethod
    def _to_arrow(f: pd.DataFrame):
        import pyarrow as pa
        arrays = {c: pa.array(np.where(f[c].to_numpy(dtype=object) == "", None,
                                       f[c].to_numpy(dtype=object)), type=pa.string())
                  for c in f.columns}
        return pa.table(arrays)

    def _parquet_table(self, f: pd.DataFrame, p: Path) -> None:
        import pyarrow.parquet as pq
        pq.write_table(self._to_arrow(f), p)

    # streaming -----------------------------------------------------------
    def append(self, name: str, df: pd.DataFrame) -> None:
        f = format_frame(name, df)
        self.row_counts[name] = self.row_counts.get(name, 0) + len(f)
        p = self.path(name)
        if self.fmt == "csv":
            first = name not in self._streams
            f.to_csv(p, index=False, header=first, mode="w" if first else "a",
                     lineterminator="\n", encoding="utf-8")
            self._streams[name] = True
        else:
            import pyarrow.parquet as pq
            t = self._to_arrow(f)
            if name not in self._streams:
                self._streams[name] = pq.ParquetWriter(p, t.schema)
            self._streams[name].write_table(t)

    def close(self) -> None:
        for w in self._streams.values():
            if hasattr(w, "close"):
                w.close()
        self._streams.clear()
