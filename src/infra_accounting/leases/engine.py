"""Lessee accounting under ASC 842: discounting, classification and monthly schedules.

Vectorised over leases: every function works on whole columns (NumPy / pandas group
operations); the only Python loop is over the ordinal of a lease *segment* (commencement,
first modification, second modification, ...), which is bounded by the number of
modifications of the most modified lease, never by the number of leases or months.

Vocabulary
----------
segment   the lease between two remeasurement events. Segment 0 starts at commencement;
          segment k starts at the month of the k-th modification (``start_index``, months
          from the commencement month) and runs to its own term end (``end_index``,
          exclusive), under its own payments, rate and options.
month s   the s-th month of a segment (``s = month_index - start_index``).

Discounting policy (../shared/DESIGN.md): the periodic rate of a payment period is the
annual rate divided by the payments per year (k); interest accrues monthly at
``(1 + r/k) ** (k/12) - 1``, so the monthly rows of a payment period add up to that
period's interest. Advance payments fall at the start of their month, arrears payments
(and purchase option / residual value guarantee amounts) at its end.

Rounding: balances are computed exactly (float64) and each closing balance is rounded to
the cent; interest is the difference of the rounded balances, so every row ties to the
cent and the last balance is exactly zero (the residual sits in the last period).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SEGMENT_COLUMNS = [
    "lease_id",
    "segment_number",
    "event_type",
    "start_index",
    "end_index",
    "annual_rate",
    "payments_per_year",
    "end_of_term_amount",
    "scope_decrease_pct",
    "termination_payment",
    "transfers_ownership",
    "purchase_option_reasonably_certain",
    "is_specialized_asset",
    "economic_life_months",
    "fair_value",
    "is_short_term_election",
    "initial_direct_costs",
    "lease_incentives",
    "prepaid_rent",
    "impairment_amount",
]

PAYMENT_COLUMNS = ["lease_id", "segment_number", "month_index", "advance_amount", "arrears_amount"]

MONTH_COLUMNS = [
    "lease_id",
    "segment_number",
    "month_index",
    "classification",
    "liability_opening_amount",
    "liability_initial_amount",
    "liability_remeasurement_amount",
    "liability_derecognized_amount",
    "interest_amount",
    "payment_amount",
    "liability_closing_amount",
    "rou_opening_amount",
    "rou_initial_amount",
    "rou_remeasurement_amount",
    "rou_derecognized_amount",
    "rou_impairment_amount",
    "rou_amortization_amount",
    "rou_closing_amount",
    "lease_cost_amount",
    "gain_loss_amount",
    "termination_payment_amount",
]


def monthly_rate(annual_rate, payments_per_year):
    """Equivalent monthly rate of an annual rate compounded k times a year (DESIGN policy)."""
    annual_rate = np.asarray(annual_rate, dtype="float64")
    k = np.asarray(payments_per_year, dtype="float64")
    return (1.0 + annual_rate / k) ** (k / 12.0) - 1.0


def cents(values):
    """Round half away from zero to the cent (as the SQL money macro does)."""
    values = np.asarray(values, dtype="float64")
    return np.sign(values) * np.floor(np.abs(values) * 100.0 + 0.5 + 1e-9) / 100.0 + 0.0  # no -0.0


def _group_positions(lengths: np.ndarray):
    """For groups of the given lengths laid end to end: group number and position of each row."""
    lengths = np.asarray(lengths, dtype="int64")
    group = np.repeat(np.arange(len(lengths)), lengths)
    starts = np.cumsum(lengths) - lengths
    position = np.arange(lengths.sum()) - np.repeat(starts, lengths)
    return group, position, starts


def _group_cumsum(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    return pd.Series(values).groupby(group).cumsum().to_numpy()


def _spread_evenly(total: np.ndarray, months: np.ndarray, group: np.ndarray, position: np.ndarray):
    """Straight-line: total / months per month rounded to the cent, residual in the last month.

    Rows at or beyond ``months`` get zero."""
    months_row = months[group]
    per_month = cents(np.divide(total, np.maximum(months, 1)))[group]
    amount = np.where(position < months_row, per_month, 0.0)
    last = position == months_row - 1
    residual = total[group] - per_month * np.maximum(months_row - 1, 0)
    return np.where(last, cents(residual), amount)


def present_values(segments: pd.DataFrame, payments: pd.DataFrame) -> np.ndarray:
    """Liability at the start of each segment: PV of its payments (the end-of-term amount at
    the end of its last month) at the segment's monthly rate."""
    grid = _grid(segments, payments, segments["end_index"].to_numpy() - segments["start_index"].to_numpy())
    return grid["pv"]


def _grid(segments: pd.DataFrame, payments: pd.DataFrame, lengths: np.ndarray) -> dict:
    """Lay every segment out month by month and discount its payments."""
    seg = segments.reset_index(drop=True)
    start = seg["start_index"].to_numpy(dtype="int64")
    end = seg["end_index"].to_numpy(dtype="int64")
    term = end - start
    wanted = np.maximum(np.asarray(lengths, dtype="int64"), 0)
    # discount over the whole term even where fewer rows are wanted (a later segment cuts in)
    lengths = np.maximum(wanted, np.maximum(term, 0))
    group, position, offsets = _group_positions(lengths)
    n_rows = len(group)

    advance = np.zeros(n_rows)
    arrears = np.zeros(n_rows)
    if len(payments):
        key = pd.MultiIndex.from_frame(seg[["lease_id", "segment_number"]])
        seg_pos = key.get_indexer(pd.MultiIndex.from_frame(payments[["lease_id", "segment_number"]]))
        month = payments["month_index"].to_numpy(dtype="int64")
        ok = seg_pos >= 0
        rel = month - start[np.where(ok, seg_pos, 0)]
        ok &= (rel >= 0) & (rel < term[np.where(ok, seg_pos, 0)])
        row = offsets[seg_pos[ok]] + rel[ok]
        np.add.at(advance, row, payments["advance_amount"].to_numpy(dtype="float64")[ok])
        np.add.at(arrears, row, payments["arrears_amount"].to_numpy(dtype="float64")[ok])
    # purchase option / residual value guarantee: at the end of the last month of the term
    last_term_row = (position == term[group] - 1)
    arrears = arrears + np.where(last_term_row, seg["end_of_term_amount"].to_numpy(dtype="float64")[group], 0.0)

    i = monthly_rate(seg["annual_rate"].to_numpy(dtype="float64"), seg["payments_per_year"].to_numpy(dtype="float64"))
    i_row = i[group]
    growth = (1.0 + i_row) ** position  # (1+i)^s
    discounted = advance / growth + arrears / (growth * (1.0 + i_row))
    pv = np.bincount(group, weights=discounted, minlength=len(seg))
    remaining = pv[group] - _group_cumsum(discounted, group)
    exact_closing = remaining * growth * (1.0 + i_row)
    closing = cents(exact_closing)
    closing = np.where(position >= term[group] - 1, 0.0, closing)  # the liability ends at zero
    keep = position < wanted[group]
    in_term = position < term[group]
    term_payments = np.bincount(group, weights=np.where(in_term, advance + arrears, 0.0), minlength=len(seg))
    return {
        "term_payments": term_payments,
        "group": group[keep],
        "position": position[keep],
        "term": term,
        "advance": advance[keep],
        "arrears": arrears[keep],
        "payment": (advance + arrears)[keep],
        "closing": closing[keep],
        "pv": cents(pv),
    }


def classify(segments: pd.DataFrame, pv: np.ndarray, policy: dict) -> pd.DataFrame:
    """The five ASC 842-10-25-2 criteria, each evaluated, and the classification.

    policy: major_part_economic_life_pct (0.75), substantially_all_fair_value_pct (0.90),
    end_of_economic_life_pct (0.75: commencement in the last 25% of the economic life
    switches criterion (c) off, ASC 842-10-55-2(b)), short_term_max_months (12).
    """
    seg = segments.reset_index(drop=True)
    start = seg["start_index"].to_numpy(dtype="int64")
    term = seg["end_index"].to_numpy(dtype="int64") - start
    life = seg["economic_life_months"].to_numpy(dtype="float64")  # NaN when unknown
    remaining_life = life - start
    fair_value = seg["fair_value"].to_numpy(dtype="float64")
    transfers = seg["transfers_ownership"].to_numpy(dtype=bool)
    purchase = seg["purchase_option_reasonably_certain"].to_numpy(dtype=bool)
    specialized = seg["is_specialized_asset"].to_numpy(dtype=bool)

    life_known = np.isfinite(remaining_life) & (remaining_life > 0)
    near_end_of_life = life_known & (start >= policy["end_of_economic_life_pct"] * life)
    with np.errstate(invalid="ignore", divide="ignore"):
        term_pct = np.where(life_known, term / remaining_life, np.nan)
        fv_known = np.isfinite(fair_value) & (fair_value > 0)
        pv_pct = np.where(fv_known, pv / fair_value, np.nan)
    crit_c = life_known & ~near_end_of_life & (term_pct >= policy["major_part_economic_life_pct"])
    crit_d = fv_known & (pv_pct >= policy["substantially_all_fair_value_pct"])
    is_finance = transfers | purchase | crit_c | crit_d | specialized
    short_term = (
        seg["is_short_term_election"].to_numpy(dtype=bool)
        & (term <= policy["short_term_max_months"])
        & ~purchase
        & (seg["segment_number"].to_numpy() == 0)
    )
    classification = np.where(short_term, "short_term", np.where(is_finance, "finance", "operating"))
    return pd.DataFrame(
        {
            "lease_id": seg["lease_id"],
            "segment_number": seg["segment_number"],
            "lease_term_months": term,
            "remaining_economic_life_months": np.where(life_known, remaining_life, np.nan),
            "term_to_economic_life_pct": np.round(term_pct, 8),
            "present_value_amount": pv,
            "present_value_to_fair_value_pct": np.round(pv_pct, 8),
            "is_ownership_transfer_met": transfers,
            "is_purchase_option_met": purchase,
            "is_major_part_of_economic_life_met": crit_c,
            "is_economic_life_test_assessable": life_known & ~near_end_of_life,
            "is_substantially_all_fair_value_met": crit_d,
            "is_fair_value_test_assessable": fv_known,
            "is_specialized_asset_met": specialized,
            "classification": classification,
        }
    )


def measure_leases(segments: pd.DataFrame, payments: pd.DataFrame, policy: dict):
    """Monthly schedule of every lease, all segments chained.

    Returns (months, segment_results): months has MONTH_COLUMNS (money rounded to cents as
    float64; the consuming SQL model casts to decimal(18,2)); segment_results has the
    classification criteria and the opening measurement of each segment.
    """
    segments = segments.copy()
    if "impairment_amount" not in segments.columns:
        segments["impairment_amount"] = 0.0
    segments = segments[SEGMENT_COLUMNS].copy()
    segments["fair_value"] = pd.to_numeric(segments["fair_value"], errors="coerce")
    segments["economic_life_months"] = pd.to_numeric(segments["economic_life_months"], errors="coerce")
    for col in ["end_of_term_amount", "scope_decrease_pct", "termination_payment", "initial_direct_costs",
                "lease_incentives", "prepaid_rent", "impairment_amount"]:
        segments[col] = pd.to_numeric(segments[col], errors="coerce").fillna(0.0)
    for col in ["transfers_ownership", "purchase_option_reasonably_certain", "is_specialized_asset",
                "is_short_term_election"]:
        segments[col] = segments[col].fillna(False).astype(bool)
    payments = payments[PAYMENT_COLUMNS].copy()
    payments["advance_amount"] = pd.to_numeric(payments["advance_amount"]).fillna(0.0)
    payments["arrears_amount"] = pd.to_numeric(payments["arrears_amount"]).fillna(0.0)

    segments = segments.sort_values(["lease_id", "segment_number"]).reset_index(drop=True)
    next_start = segments.groupby("lease_id")["start_index"].shift(-1)
    segments["next_start_index"] = next_start.fillna(10**9).astype("int64")

    month_frames = []
    segment_frames = []
    # carried balances of each lease into its next segment
    carry = pd.DataFrame(columns=["lease_id", "liability", "rou", "classification", "impaired"])
    max_ordinal = int(segments["segment_number"].max()) if len(segments) else -1
    for ordinal in range(max_ordinal + 1):
        seg = segments[segments["segment_number"] == ordinal].reset_index(drop=True)
        if seg.empty:
            continue
        months, results, carry = _measure_ordinal(seg, payments, policy, carry, ordinal)
        month_frames.append(months)
        segment_frames.append(results)
    if not month_frames:
        return pd.DataFrame(columns=MONTH_COLUMNS), pd.DataFrame()
    months = pd.concat(month_frames, ignore_index=True)
    months = _fold_terminations(months)
    # order by lease then month (lexsort on integer codes: much cheaper than sorting strings)
    lease_codes, _ = pd.factorize(months["lease_id"])
    order = np.lexsort((months["month_index"].to_numpy(), lease_codes))
    months = months.take(order).reset_index(drop=True)
    return months[MONTH_COLUMNS], pd.concat(segment_frames, ignore_index=True)


_FLOW_COLUMNS = [c for c in MONTH_COLUMNS if c.endswith("_amount") and "opening" not in c and "closing" not in c]


def _fold_terminations(months: pd.DataFrame) -> pd.DataFrame:
    """A termination takes effect at the end of the month of its effective date: its
    derecognition row (laid out at the next month) is folded into that month's row."""
    is_termination = months.pop("_is_termination").to_numpy(dtype=bool)
    if not is_termination.any():
        return months
    leases = months.loc[is_termination, "lease_id"].unique()
    affected = months["lease_id"].isin(leases).to_numpy()
    part = months[affected].copy()
    part.loc[is_termination[affected], "month_index"] -= 1
    part = part.sort_values(["lease_id", "month_index", "segment_number"])
    aggregations = {c: "sum" for c in _FLOW_COLUMNS}
    aggregations.update(
        {
            "segment_number": "max",
            "classification": "first",
            "liability_opening_amount": "first",
            "rou_opening_amount": "first",
            "liability_closing_amount": "last",
            "rou_closing_amount": "last",
        }
    )
    folded = part.groupby(["lease_id", "month_index"], as_index=False, sort=False).agg(aggregations)
    return pd.concat([months[~affected], folded], ignore_index=True)


def _measure_ordinal(seg, payments, policy, carry, ordinal):
    n = len(seg)
    start = seg["start_index"].to_numpy(dtype="int64")
    term = seg["end_index"].to_numpy(dtype="int64") - start
    is_termination = (seg["event_type"] == "termination").to_numpy()
    term = np.where(is_termination, 0, np.maximum(term, 0))
    seg["end_index"] = start + term

    # previous balances (segment 0: nothing before commencement)
    prev = seg[["lease_id"]].merge(carry, on="lease_id", how="left")
    liability_prev = prev["liability"].astype("float64").fillna(0.0).to_numpy()
    rou_prev = prev["rou"].astype("float64").fillna(0.0).to_numpy()
    class_prev = prev["classification"].fillna("").to_numpy(dtype=object)
    impaired_prev = prev["impaired"].fillna(False).to_numpy(dtype=bool)
    is_impairment = (seg["event_type"] == "impairment").to_numpy()

    seg_payments = payments[payments["segment_number"] == ordinal]
    pv = _grid(seg, seg_payments, term)["pv"]
    criteria = classify(seg, pv, policy)
    classification = criteria["classification"].to_numpy(dtype=object)
    # an RVG change or a termination does not reassess the classification (ASC 842-10-25-1)
    keep = ((seg["event_type"] == "residual_value_guarantee_change").to_numpy() | is_termination | is_impairment) & (ordinal > 0)
    classification = np.where(keep & (class_prev != ""), class_prev, classification)
    is_short = classification == "short_term"
    is_finance = classification == "finance"

    # event at the start of the segment
    pct = np.where(seg["event_type"] == "scope_decrease", seg["scope_decrease_pct"].to_numpy(dtype="float64"), 0.0)
    pct = np.where(is_termination, 1.0, pct)
    liability_derecognized = cents(liability_prev * pct)
    rou_derecognized = cents(rou_prev * pct)
    liability_after = liability_prev - liability_derecognized
    # ROU impairment (ASC 842-20-35-9, ASC 360): the ROU is written down, the liability is unchanged
    impairment = np.where(is_impairment, np.minimum(seg["impairment_amount"].to_numpy(dtype="float64"), rou_prev), 0.0)
    impairment = cents(np.maximum(impairment, 0.0))
    rou_after = rou_prev - rou_derecognized - impairment
    liability_new = np.where(is_short | is_termination, 0.0, np.where(is_impairment, liability_prev, pv))
    # once impaired, an operating ROU is amortized straight-line (ASC 842-20-35-10)
    straight_line_rou = impaired_prev | is_impairment
    if ordinal == 0:
        liability_initial = liability_new
        rou_initial = np.where(
            is_short,
            0.0,
            liability_new
            + seg["initial_direct_costs"].to_numpy()
            + seg["prepaid_rent"].to_numpy()
            - seg["lease_incentives"].to_numpy(),
        )
        liability_remeasured = np.zeros(n)
        rou_remeasured = np.zeros(n)
        rou_start = rou_initial
    else:
        liability_initial = np.zeros(n)
        rou_initial = np.zeros(n)
        liability_remeasured = np.where(is_termination, 0.0, liability_new - liability_after)
        rou_candidate = rou_after + liability_remeasured
        rou_start = np.maximum(rou_candidate, 0.0)
        rou_remeasured = rou_start - rou_after
        rou_remeasured = np.where(is_impairment, 0.0, rou_remeasured)
        rou_start = np.where(is_impairment, rou_after, rou_start)
    termination_payment = np.where(is_termination, seg["termination_payment"].to_numpy(), 0.0)
    # gain (+) / loss (-): liability given up less ROU given up less any payment; the part of a
    # negative remeasurement beyond the ROU carrying amount (ASC 842-20-35-4)
    gain_loss = cents(
        liability_derecognized - rou_derecognized - termination_payment + (rou_remeasured - liability_remeasured)
    )

    # amortization period of a finance ROU: the remaining economic life where ownership
    # transfers or a purchase option is reasonably certain, else the shorter of the remaining
    # term and the remaining economic life (ASC 842-20-35-8)
    life_left = criteria["remaining_economic_life_months"].to_numpy(dtype="float64")
    useful_life = (seg["transfers_ownership"] | seg["purchase_option_reasonably_certain"]).to_numpy()
    amort_months = np.where(
        useful_life & np.isfinite(life_left),
        life_left,
        np.where(np.isfinite(life_left), np.minimum(term, life_left), term),
    )
    amort_months = np.where(is_finance, np.maximum(amort_months, 1), term).astype("int64")
    length = np.where(is_termination, 1, np.maximum(term, np.where(is_finance, amort_months, term)))
    # rows stop where the next segment starts
    length = np.minimum(length, seg["next_start_index"].to_numpy() - start).astype("int64")
    length = np.maximum(length, 1)
    # the grid discounts the new terms; liability_new is its opening
    grid = _grid(seg, seg_payments, length)
    g, pos = grid["group"], grid["position"]
    payment = np.where(is_termination[g], 0.0, grid["payment"])
    closing_l = np.where(is_short[g] | is_termination[g], 0.0, grid["closing"])
    opening_l = np.where(pos == 0, liability_new[g], np.roll(closing_l, 1))
    interest = np.where(is_short[g] | is_termination[g], 0.0, cents(closing_l - opening_l + payment))

    # lease cost and ROU
    term_payments = np.where(is_termination, 0.0, grid["term_payments"])
    # operating: straight-line single cost of the remaining payments plus the ROU/liability gap
    op_total = cents(term_payments + rou_start - liability_new)
    op_cost = _spread_evenly(op_total, term, g, pos)
    short_cost = _spread_evenly(cents(term_payments), term, g, pos)
    fin_amort = _spread_evenly(cents(rou_start), amort_months, g, pos)
    impaired_amort = _spread_evenly(cents(rou_start), term, g, pos)
    amortization = np.where(
        is_finance[g],
        fin_amort,
        np.where(is_short[g], 0.0, np.where(straight_line_rou[g], impaired_amort, op_cost - interest)),
    )
    amortization = np.where(is_termination[g], 0.0, amortization)
    rou_closing = cents(rou_start[g] - _group_cumsum(amortization, g))
    rou_closing = np.where(is_termination[g], 0.0, rou_closing)
    rou_opening = np.where(pos == 0, rou_prev[g], np.roll(rou_closing, 1))
    lease_cost = np.where(
        is_finance[g] | straight_line_rou[g], interest + amortization, np.where(is_short[g], short_cost, op_cost)
    )
    lease_cost = np.where(is_termination[g], 0.0, lease_cost)
    first = pos == 0
    opening_liability_row = np.where(first, liability_prev[g], np.roll(closing_l, 1))

    months = pd.DataFrame(
        {
            "lease_id": seg["lease_id"].to_numpy()[g],
            "segment_number": ordinal,
            "month_index": start[g] + pos,
            "classification": classification[g],
            "liability_opening_amount": cents(opening_liability_row),
            "liability_initial_amount": np.where(first, liability_initial[g], 0.0),
            "liability_remeasurement_amount": np.where(first, cents(liability_remeasured)[g], 0.0),
            "liability_derecognized_amount": np.where(first, liability_derecognized[g], 0.0),
            "interest_amount": interest,
            "payment_amount": cents(payment),
            "liability_closing_amount": closing_l,
            "rou_opening_amount": cents(rou_opening),
            "rou_initial_amount": np.where(first, cents(rou_initial)[g], 0.0),
            "rou_remeasurement_amount": np.where(first, cents(rou_remeasured)[g], 0.0),
            "rou_derecognized_amount": np.where(first, rou_derecognized[g], 0.0),
            "rou_impairment_amount": np.where(first, impairment[g], 0.0),
            "rou_amortization_amount": cents(amortization),
            "rou_closing_amount": rou_closing,
            "lease_cost_amount": cents(lease_cost),
            "gain_loss_amount": np.where(first, gain_loss[g], 0.0),
            "termination_payment_amount": np.where(first, termination_payment[g], 0.0),
            "_is_termination": is_termination[g],
        }
    )
    results = criteria.assign(
        event_type=seg["event_type"].to_numpy(),
        start_index=start,
        classification=classification,
        amortization_months=np.where(is_finance, amort_months, 0),
        liability_before_amount=cents(liability_prev),
        rou_before_amount=cents(rou_prev),
        liability_start_amount=cents(liability_new),
        rou_start_amount=cents(np.where(is_termination, 0.0, rou_start)),
        gain_loss_amount=gain_loss,
    )
    # balances carried into the next segment: the closing of the month before it starts
    last = np.r_[g[1:] != g[:-1], True]
    carry = pd.DataFrame(
        {
            "lease_id": seg["lease_id"].to_numpy()[g[last]],
            "liability": closing_l[last],
            "rou": rou_closing[last],
            "classification": classification[g[last]],
            "impaired": straight_line_rou[g[last]],
        }
    )
    return months, results, carry
