"""Book depreciation engine for the fixed-asset subledger (ASC 360), vectorised.

The schedule of every asset is a sequence of *segments*. Segment 0 starts when the asset is
placed in service; every event that changes the depreciable basis or the life (cost
adjustment, partial disposal, impairment, useful-life change, transfer to another legal
entity) closes the running segment and opens a new one that depreciates the remaining
depreciable amount (net book value less salvage) over the remaining life, prospectively
(ASC 250-10-45-17: a change in estimate is accounted for in the current and future periods).
A full disposal ends the schedule.

Within a segment, each calendar month carries a weight: the number of "life months" it
consumes (1 for a whole month; 0.5 for the first and last months under mid-month; the
days in service / days in the month under actual-days; 6 months spread over the rest of the
first fiscal year under half-year). A segment's weights sum to its remaining life, so its
depreciation ends exactly at salvage. The loop is over *segments* and *fiscal-year buckets*
(a handful), never over rows: every step works on whole numpy arrays.

Methods
- straight_line: depreciable amount x weight / remaining life, rounded to the cent each month;
  the last month of the life takes the residual so the segment sums to the depreciable amount.
- sum_of_years_digits: the years-digits density is integrated over each month's life-month
  interval; the fiscal-year total is rounded to the cent on the cumulative curve, and the
  months of the fiscal year split it with the residual in the year's last month.
- declining_balance: per DESIGN, the annual rate (declining_balance_rate / life in years) is
  applied to the net book value at the start of each fiscal year (pro rata for a part year),
  spread evenly over its months, switching to straight line over the remaining life when that
  is larger, never below salvage.
- none (land, CIP): rows with zero depreciation.

A month's depreciation never depends on the horizon (the close period) or on a later event:
the accelerated methods compute every fiscal year of a segment in full (to the year end or the
end of the life) before the rows are cut at the segment's last month (DECISIONLOG FA-019).

All money is tracked in integer cents. Rounding is half away from zero.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa

EPS = 1e-9
SCHEDULE_SCHEMA = pa.schema([
    ("asset_id", pa.string()), ("subsidiary_id", pa.string()), ("currency_code", pa.string()),
    ("depreciation_cents", pa.int64()), ("period_month", pa.timestamp("ns")),
])
MOVEMENT_SCHEMA = pa.schema([
    ("asset_id", pa.string()), ("event_id", pa.string()), ("movement_type", pa.string()),
    ("subsidiary_id", pa.string()), ("currency_code", pa.string()), ("cost_cents", pa.int64()),
    ("accumulated_cents", pa.int64()), ("proceeds_cents", pa.int64()), ("period_month", pa.timestamp("ns")),
])
BASIS_EVENTS = ("cost_adjustment", "partial_disposal", "impairment", "useful_life_change", "entity_transfer")


def round_cents(values) -> np.ndarray:
    """Money (in currency units, float) to integer cents, half away from zero."""
    values = np.asarray(values, dtype=float) * 100.0
    # sign x floor(|v| + 0.5 + 1e-7), computed in place (the same operations in the same order)
    magnitude = np.abs(values)
    magnitude += 0.5
    magnitude += 1e-7
    np.floor(magnitude, out=magnitude)
    return np.copysign(magnitude, values, out=magnitude).astype(np.int64)


def month_index(dates) -> np.ndarray:
    dates = pd.DatetimeIndex(pd.to_datetime(dates))
    return (dates.year * 12 + dates.month - 1).to_numpy().astype(np.int64)


def index_to_month(index) -> np.ndarray:
    """Month index (year * 12 + month - 1) to datetime64 first-of-month dates."""
    index = np.asarray(index, dtype=np.int64)
    return (index - 1970 * 12).astype("datetime64[M]").astype("datetime64[ns]")


def _days_in_month(dates) -> np.ndarray:
    return pd.DatetimeIndex(pd.to_datetime(dates)).days_in_month.to_numpy()


def _day(dates) -> np.ndarray:
    return pd.DatetimeIndex(pd.to_datetime(dates)).day.to_numpy()


def first_segment_head(convention, in_service_date, fiscal_year_start_month: int = 1):
    """Start month, number of head months and their weight for the convention of each asset."""
    convention = np.asarray(convention, dtype=object)
    start = month_index(in_service_date)
    head_months = np.ones(len(start), dtype=np.int64)
    head_weight = np.ones(len(start), dtype=float)
    mid = convention == "mid_month"
    head_weight[mid] = 0.5
    days = convention == "actual_days"
    dim = _days_in_month(in_service_date)
    head_weight[days] = ((dim - _day(in_service_date) + 1) / dim)[days]
    nxt = convention == "next_month"
    start = start + nxt.astype(np.int64)
    half = convention == "half_year"
    months_left_in_year = 12 - ((start % 12) - (fiscal_year_start_month - 1)) % 12
    head_months[half] = months_left_in_year[half]
    head_weight[half] = 6.0 / months_left_in_year[half]
    return start, head_months, head_weight


def disposal_weight(convention, event_date) -> np.ndarray:
    """Life months depreciated in the month of a full disposal, by convention."""
    convention = np.asarray(convention, dtype=object)
    weight = np.ones(len(convention), dtype=float)
    weight[convention == "mid_month"] = 0.5
    days = convention == "actual_days"
    weight[days] = ((_day(event_date) - 1) / _days_in_month(event_date))[days]
    return weight


@dataclass
class Segments:
    """One row per segment (vectors aligned)."""

    key: np.ndarray  # asset position
    start: np.ndarray  # first month index
    head_months: np.ndarray
    head_weight: np.ndarray
    life: np.ndarray  # remaining life in life months (float)
    basis_cents: np.ndarray  # depreciable amount (nbv - salvage) in cents
    nbv_cents: np.ndarray  # net book value at the start
    salvage_cents: np.ndarray
    method: np.ndarray
    db_annual_rate: np.ndarray  # declining-balance rate per year (e.g. 2.0 / 5)
    last_month: np.ndarray  # last month to generate (inclusive): next event, disposal or horizon
    end_weight: np.ndarray  # weight cap for last_month when the segment ends in a disposal (nan = none)


def _contiguous_runs(*keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start positions and lengths of the runs of equal keys in rows already ordered by them."""
    size = len(keys[0])
    new_run = np.zeros(size, dtype=bool)
    if size:
        new_run[0] = True
        for key in keys:
            new_run[1:] |= key[1:] != key[:-1]
    starts = np.flatnonzero(new_run)
    return starts, np.diff(np.append(starts, size))


def _run_total(values: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row's run total (integers: exact), broadcast back to the run's rows."""
    if not len(values):
        return values
    return np.repeat(np.add.reduceat(values, starts), lengths)


def _run_minimum(values: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    if not len(values):
        return values
    return np.repeat(np.minimum.reduceat(values, starts), lengths)


def _fiscal_year_start(month: np.ndarray, fiscal_year_start_month: int) -> np.ndarray:
    """The month index of the first month of the fiscal year each month index falls in."""
    return month - (month - (fiscal_year_start_month - 1)) % 12


def _head_and_body_weight(seg: Segments, months: np.ndarray) -> np.ndarray:
    """Life months consumed by a segment's first `months` months (head months at the head
    weight, then whole months): the segment's cumulative weight, for months before its tail."""
    head = np.minimum(months, seg.head_months)
    return head * seg.head_weight + (months - head)


def skippable_months(seg: Segments, natural_last: np.ndarray, first_needed_month) -> np.ndarray:
    """How many months at the start of each segment segment_rows need not generate: those
    before first_needed_month, where what they carry forward has a closed form - a straight-
    line segment with one head month of weight 1 or 1/2 (full month, next month, mid-month)
    that does not end in a disposal, whose months each book their monthly amount and whose
    fiscal years each book the amount rounded once; and a segment that does not depreciate.
    A straight-line segment whose life ends before that month is skipped whole. 0 elsewhere."""
    if first_needed_month is None:
        return np.zeros(len(seg.key), dtype=np.int64)
    straight_line = (
        (seg.method == "straight_line") & (seg.head_months == 1) & np.isin(seg.head_weight, (0.5, 1.0)) & np.isnan(seg.end_weight)
    )
    skippable = straight_line | (seg.method == "none")
    wanted = np.maximum(np.asarray(first_needed_month, dtype=np.int64) - seg.start, 0)
    # a life that ends before the first needed month: nothing to generate
    wanted = np.where(straight_line, np.minimum(wanted, np.maximum(natural_last - seg.start + 1, 0)), wanted)
    return np.where(skippable, wanted, 0).astype(np.int64)


def segment_rows(seg: Segments, fiscal_year_start_month: int = 1, first_needed_month=None) -> dict[str, np.ndarray]:
    """Monthly depreciation (cents) of every segment, vectorised over segments: aligned arrays
    segment, month, weight, year_rate_cents and depreciation_cents, one item per month generated.

    Rows are in segment order, then month order, so the per-segment and per-fiscal-year
    totals are sums over contiguous runs (numpy reduceat), not grouped by key.

    first_needed_month (a month index per segment, or None): the caller needs no row of the
    segment before that month. The months before it are then not generated where what they
    carry forward has a closed form (skippable_months); a month generated has the value
    the full segment gives it, to the cent (FA-022)."""
    n = len(seg.key)
    # head months never consume more than the life: a half-year head (six life months spread
    # over the rest of the fiscal year) of an asset with a shorter life spreads that life
    seg = replace(seg, head_weight=np.where(seg.head_months * seg.head_weight > seg.life, seg.life / seg.head_months, seg.head_weight))
    fixed = np.minimum(seg.head_months * seg.head_weight, seg.life)
    rest = np.maximum(seg.life - fixed, 0.0)
    body = np.floor(rest + EPS).astype(np.int64)
    tail = rest - body
    has_tail = tail > 1e-7
    total_months = seg.head_months + body + has_tail.astype(np.int64)
    depreciates_seg = seg.method != "none"
    straight_line_seg = seg.method == "straight_line"
    accelerated_seg = (seg.method == "sum_of_years_digits") | (seg.method == "declining_balance")
    total_months = np.where(depreciates_seg, total_months, np.maximum(seg.last_month - seg.start + 1, 0))
    natural_last = seg.start + total_months - 1
    generated_last = np.minimum(natural_last, seg.last_month)
    # The accelerated methods set an amount per fiscal year and split it over the year's months,
    # so their rows are computed to the true end of the fiscal year (or of the life) even when
    # the segment stops earlier at the horizon or at an event, and cut afterwards: a month's
    # depreciation never depends on the close period or on a later event (issue #3).
    fiscal_year_end = _fiscal_year_start(seg.last_month, fiscal_year_start_month) + 11
    computed_last = np.where(accelerated_seg & (generated_last >= seg.start), np.maximum(np.minimum(natural_last, fiscal_year_end), generated_last), generated_last)
    skipped = skippable_months(seg, natural_last, first_needed_month)
    count = np.maximum(computed_last - seg.start + 1 - skipped, 0)

    row_seg = np.repeat(np.arange(n), count)
    first_row = np.cumsum(count) - count
    offsets = np.arange(count.sum()) - np.repeat(first_row, count) + skipped[row_seg]
    month = seg.start[row_seg] + offsets
    head_m = seg.head_months[row_seg]
    in_head = offsets < head_m
    depreciates = depreciates_seg[row_seg]
    weight = np.where(in_head, seg.head_weight[row_seg], 1.0)
    is_tail = (~in_head) & (offsets - head_m == body[row_seg]) & has_tail[row_seg]
    weight = np.where(is_tail, tail[row_seg], weight)
    weight = np.where(depreciates, weight, 0.0)
    # the life months of the month before any disposal cap: the fiscal-year buckets use these
    base_weight = weight
    # a segment ending in a full disposal depreciates its last month per the convention
    ends_in_disposal = ~np.isnan(seg.end_weight[row_seg]) & (month == seg.last_month[row_seg])
    weight = np.where(ends_in_disposal, np.minimum(weight, np.nan_to_num(seg.end_weight[row_seg])), weight)
    is_generated = month <= generated_last[row_seg]
    is_life_end = (month == natural_last[row_seg]) & ~ends_in_disposal & depreciates
    # cents per life month of the fiscal year's amount (accelerated methods; nan otherwise)
    year_rate_cents = np.full(len(row_seg), np.nan)
    cents = np.zeros(len(row_seg), dtype=np.int64)

    # straight line: each month rounded to the cent, and the last month of each fiscal year (or
    # of the life) takes what brings the accumulated amount to the exact figure rounded once, so
    # a fiscal year books the exact annual amount (29,000 a year is 29,000.00, not 12 x 2,416.67)
    # and a month never depends on a later month (FA-020); the last month of the life takes the
    # residual of the schedule
    sl = straight_line_seg[row_seg]
    if sl.any():
        per_life_month_seg = seg.basis_cents / 100.0 / np.where(seg.life > 0, seg.life, 1.0)
        per_life_month = per_life_month_seg[row_seg]
        # a whole month (weight 1) is the segment's rounded monthly amount: rounded once per
        # segment, the other months (head, tail, disposal) each at their weight
        whole_month_cents_seg = round_cents(per_life_month_seg)
        monthly = whole_month_cents_seg[row_seg]
        part_month = weight != 1.0
        monthly[part_month] = round_cents(per_life_month[part_month] * weight[part_month])
        year_last = sl & (((month - (fiscal_year_start_month - 1)) % 12 == 11) | is_life_end)
        # the life months of the months skipped, then of the months generated (every weight a
        # multiple of 1/2 where months are skipped: the sums are exact, in any order)
        skipped_weight = _head_and_body_weight(seg, skipped)
        cumulative_weight = pd.Series(np.where(sl, weight, 0.0)).groupby(row_seg).cumsum().to_numpy() + skipped_weight[row_seg]
        # fiscal years closed before the row, within its segment (an exclusive running count)
        year_last_count = year_last.astype(np.int64)
        closed_before = np.cumsum(year_last_count) - year_last_count
        nonempty = count > 0
        year_index = closed_before - np.repeat(closed_before[first_row[nonempty]], count[nonempty])
        starts, lengths = _contiguous_runs(row_seg, year_index)
        others = _run_total(np.where(year_last, 0, monthly), starts, lengths)
        year_start_weight = _run_minimum(cumulative_weight - weight, starts, lengths)
        skipped_cents = np.zeros(n, dtype=np.int64)
        if skipped.any():
            # a segment whose months before the first needed month were not generated: its first
            # fiscal year generated lacks the months of that year skipped (each its monthly
            # amount: none of them ends a fiscal year or the life), and its year starts at the
            # life months consumed at the year's start, not at the first month generated; the
            # years before booked exactly the amount rounded once, so the skipped months sum to
            # that amount at the year's start plus the year's skipped months (FA-022)
            first_year_start = _fiscal_year_start(seg.start + skipped, fiscal_year_start_month)
            year_start_offset = np.clip(first_year_start - seg.start, 0, skipped)
            head_in_year = np.clip(np.minimum(skipped, seg.head_months) - year_start_offset, 0, None)
            body_in_year = skipped - year_start_offset - head_in_year
            head_monthly = round_cents(per_life_month_seg * seg.head_weight)
            skipped_in_year = head_in_year * head_monthly + body_in_year * whole_month_cents_seg
            year_start_weight_seg = _head_and_body_weight(seg, year_start_offset)
            skipped_cents = round_cents(per_life_month_seg * year_start_weight_seg) + skipped_in_year
            first_year = (skipped[row_seg] > 0) & (_fiscal_year_start(month, fiscal_year_start_month) == first_year_start[row_seg])
            others = np.where(first_year, others + skipped_in_year[row_seg], others)
            year_start_weight = np.where(first_year, year_start_weight_seg[row_seg], year_start_weight)
        # the year's closing month only: the months before it are the monthly amounts
        cents[sl] = monthly[sl]
        cents[year_last] = (
            round_cents(per_life_month[year_last] * cumulative_weight[year_last])
            - round_cents(per_life_month[year_last] * year_start_weight[year_last])
            - others[year_last]
        )
        sl_end = sl & is_life_end
        if sl_end.any():
            before = _run_total(np.where(sl & ~is_life_end, cents, 0), *_contiguous_runs(row_seg)) + skipped_cents[row_seg]
            cents[sl_end] = seg.basis_cents[row_seg[sl_end]] - before[sl_end]

    # fiscal-year buckets for the accelerated methods
    accelerated = accelerated_seg[row_seg]
    if accelerated.any():
        # life months consumed before the row, within its segment
        acc_seg, acc_offsets, acc_head = row_seg[accelerated], offsets[accelerated], head_m[accelerated]
        position = np.where(
            in_head[accelerated], acc_offsets * seg.head_weight[acc_seg], acc_head * seg.head_weight[acc_seg] + (acc_offsets - acc_head)
        )
        acc = pd.DataFrame(
            {
                "row": np.flatnonzero(accelerated),
                "segment": row_seg[accelerated],
                "month": month[accelerated],
                "fiscal_year": (month[accelerated] - (fiscal_year_start_month - 1)) // 12,
                "weight": weight[accelerated],
                "base_weight": base_weight[accelerated],
                "position": position,
                "is_life_end": is_life_end[accelerated],
            }
        )
        acc["bucket_weight"] = acc.groupby(["segment", "fiscal_year"])["base_weight"].transform("sum")
        acc["bucket_start"] = acc.groupby(["segment", "fiscal_year"])["position"].transform("min")
        acc["bucket_end"] = acc["bucket_start"] + acc["bucket_weight"]
        acc["bucket_has_life_end"] = acc.groupby(["segment", "fiscal_year"])["is_life_end"].transform("max")
        acc["bucket_rank"] = acc.groupby("segment")["fiscal_year"].rank(method="dense").astype(int) - 1
        buckets = acc.drop_duplicates(["segment", "fiscal_year"])[
            ["segment", "fiscal_year", "bucket_rank", "bucket_weight", "bucket_start", "bucket_end", "bucket_has_life_end"]
        ].reset_index(drop=True)
        buckets["bucket_cents"] = 0
        s = buckets["segment"].to_numpy()
        seg_method = seg.method[s]
        basis = seg.basis_cents[s].astype(float)
        life = seg.life[s]

        syd = seg_method == "sum_of_years_digits"
        if syd.any():
            end_cum = round_cents(basis[syd] / 100.0 * _syd_cumulative(buckets["bucket_end"].to_numpy()[syd], life[syd]))
            start_cum = round_cents(basis[syd] / 100.0 * _syd_cumulative(buckets["bucket_start"].to_numpy()[syd], life[syd]))
            amount = end_cum - start_cum
            amount = np.where(buckets["bucket_has_life_end"].to_numpy()[syd], seg.basis_cents[s[syd]] - start_cum, amount)
            buckets.loc[syd, "bucket_cents"] = amount

        db = seg_method == "declining_balance"
        if db.any():
            buckets.loc[db, "bucket_cents"] = _declining_balance_buckets(buckets[db], seg)

        acc = acc.merge(buckets[["segment", "fiscal_year", "bucket_cents"]], on=["segment", "fiscal_year"], how="left")
        acc["share"] = round_cents(acc["bucket_cents"] / 100.0 * acc["weight"] / acc["bucket_weight"].where(acc["bucket_weight"] > 0, 1.0))
        acc = acc.sort_values(["segment", "month"], kind="stable")
        # the residual goes to the true last month of the fiscal year (or of the life), unless
        # that month is a disposal month, which keeps its convention share
        is_last = ~acc.duplicated(["segment", "fiscal_year"], keep="last") & (acc["weight"] == acc["base_weight"])
        others = acc["share"].where(~is_last, 0).groupby([acc["segment"], acc["fiscal_year"]]).transform("sum")
        acc_rows = acc["row"].to_numpy()
        cents[acc_rows] = np.where(is_last, acc["bucket_cents"] - others, acc["share"]).astype(np.int64)
        year_rate_cents[acc_rows] = (acc["bucket_cents"] / acc["bucket_weight"].where(acc["bucket_weight"] > 0, 1.0)).to_numpy()

    # cut at the segment's last month (the horizon, the next event or the disposal)
    return {
        "segment": row_seg[is_generated],
        "month": month[is_generated],
        "weight": weight[is_generated],
        "year_rate_cents": year_rate_cents[is_generated],
        "depreciation_cents": cents[is_generated],
    }


def _half_year_disposal_year(rows: dict[str, np.ndarray], seg: Segments, convention, in_service_month, fiscal_year_start_month: int = 1) -> dict[str, np.ndarray]:
    """Half-year convention: a full disposal takes half a year of depreciation in its fiscal year.

    The months before the disposal month were booked at the monthly amount; the disposal month
    books what brings the fiscal year to six months' worth (about 7 - m monthly amounts, m =
    fiscal month of the disposal, 1..12, the year's amount rounded once): a catch-up before
    mid-year, a reversal after it. In the fiscal year the
    asset was placed in service the acquisition half-year already covers the year and the
    disposal month books nothing. Never beyond the segment's depreciable amount. (DECISIONLOG FA-015)
    """
    s = rows["segment"]
    month = rows["month"]
    ends = (~np.isnan(seg.end_weight[s])) & (month == seg.last_month[s]) & (convention == "half_year")[s]
    if not ends.any():
        return rows
    fiscal_month = (month - (fiscal_year_start_month - 1)) % 12 + 1
    fiscal_year = (month - (fiscal_year_start_month - 1)) // 12
    in_service_fiscal_year = (in_service_month[s] - (fiscal_year_start_month - 1)) // 12
    later_year = fiscal_year > in_service_fiscal_year
    cents = rows["depreciation_cents"].copy()
    weight = rows["weight"].copy()
    # the segment's months in the disposal's fiscal year (the disposal month at its base weight)
    year_key = pd.MultiIndex.from_arrays([s, fiscal_year])
    in_disposal_year = pd.Series(ends, index=year_key).groupby(level=[0, 1]).transform("max").to_numpy()
    year_cents = pd.Series(np.where(in_disposal_year, cents, 0)).groupby([s, fiscal_year]).transform("sum").to_numpy()
    year_weight = pd.Series(np.where(in_disposal_year, weight, 0.0)).groupby([s, fiscal_year]).transform("sum").to_numpy()
    # the fiscal year's half: six months, less the months of the year before the segment began
    target_weight = np.where(later_year, year_weight + 6 - fiscal_month, year_weight - weight)
    # the accelerated methods take the fiscal year's own amount (rounded once) pro rata; straight
    # line the months booked in the year
    year_rate = rows["year_rate_cents"]
    target_cents = np.where(
        np.isnan(year_rate) | ~later_year,
        round_cents(year_cents / 100.0 * target_weight / np.where(year_weight > 0, year_weight, 1.0)),
        round_cents(np.nan_to_num(year_rate) / 100.0 * target_weight),
    )
    before = pd.Series(np.where(ends, 0, cents)).groupby(s).transform("sum").to_numpy()
    adjusted = np.minimum(target_cents - (year_cents - cents), seg.basis_cents[s] - before)
    multiplier = np.where(later_year, 7 - fiscal_month, 0)
    cents = np.where(ends, adjusted, cents)
    weight = np.where(ends, weight * multiplier, weight)
    return {**rows, "depreciation_cents": cents.astype(np.int64), "weight": weight}


def _syd_cumulative(t, life):
    """Share of the depreciable amount consumed after t life months of a life of `life` months."""
    t = np.minimum(np.asarray(t, dtype=float), life)
    years = np.ceil(life / 12.0 - EPS)
    last_len = life - 12.0 * (years - 1)
    total = (years - 1) * life / 12.0 - (years - 1) * (years - 2) / 2.0 + (last_len / 12.0) ** 2
    k = np.minimum(np.floor(t / 12.0 + EPS), years - 1)
    remaining_years_at_k = (life - 12.0 * k) / 12.0
    cumulative = k * life / 12.0 - k * (k - 1) / 2.0 + (t - 12.0 * k) / 12.0 * remaining_years_at_k
    # no life left (an event after the life ended, nothing left to depreciate): all consumed
    return np.where(total > 0, cumulative / np.where(total > 0, total, 1.0), 1.0)


def _declining_balance_buckets(buckets: pd.DataFrame, seg: Segments) -> np.ndarray:
    """Fiscal-year amounts (cents) of declining-balance segments; loop over bucket rank only."""
    buckets = buckets.reset_index(drop=True)
    result = np.zeros(len(buckets), dtype=np.int64)
    s = buckets["segment"].to_numpy()
    nbv = pd.Series(seg.nbv_cents.astype(np.int64))
    for rank in range(int(buckets["bucket_rank"].max()) + 1):
        here = (buckets["bucket_rank"] == rank).to_numpy()
        seg_here = s[here]
        book = nbv.reindex(seg_here).to_numpy()
        salvage = seg.salvage_cents[seg_here]
        bucket_weight = buckets["bucket_weight"].to_numpy()[here]
        remaining_life = seg.life[seg_here] - buckets["bucket_start"].to_numpy()[here]
        declining = book / 100.0 * seg.db_annual_rate[seg_here] * bucket_weight / 12.0
        straight = (book - salvage) / 100.0 * bucket_weight / np.where(remaining_life > EPS, remaining_life, 1.0)
        amount = round_cents(np.maximum(declining, straight))
        amount = np.minimum(amount, np.maximum(book - salvage, 0))
        amount = np.where(buckets["bucket_has_life_end"].to_numpy()[here], np.maximum(book - salvage, 0), amount)
        result[here] = amount
        nbv.loc[seg_here] = book - amount
    return result


def build_schedule(assets: pd.DataFrame, events: pd.DataFrame, horizon_month, fiscal_year_start_month: int = 1,
                   from_month=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """build_schedule_tables (the same arguments) as pandas DataFrames: the same columns and values."""
    schedule, movements = build_schedule_tables(assets, events, horizon_month, fiscal_year_start_month, from_month)
    return schedule.to_pandas(), movements.to_pandas()


def build_schedule_tables(
    assets: pd.DataFrame,
    events: pd.DataFrame,
    horizon_month: str | pd.Timestamp,
    fiscal_year_start_month: int = 1,
    from_month: str | pd.Timestamp | None = None,
) -> tuple[pa.Table, pa.Table]:
    """Monthly depreciation and the movements of every asset through the horizon month, as
    Arrow tables (SCHEDULE_SCHEMA, MOVEMENT_SCHEMA): the millions of schedule rows are built
    column by column from the engine's arrays, never as Python or pandas objects.

    from_month: the first month of the rows returned (None: every month). The months before
        it are not returned (an incremental close keeps them already); they are still
        computed where a later month depends on them - an asset with events, an accelerated
        method, an actual-days or half-year head - and not generated at all for the straight-
        line assets without events, whose kept months carry forward in closed form (FA-022).

    assets: asset_id, subsidiary_id, currency_code, in_service_date, cost, salvage_value,
        useful_life_months, depreciation_method, declining_balance_rate, convention,
        salvage_pct (used when a cost change moves a percentage-based salvage; may be null).
    events (already validated and within the horizon): event_id, asset_id, event_type
        (cost_adjustment, partial_disposal, impairment, useful_life_change, entity_transfer,
        disposal), event_date, amount, proceeds, new_useful_life_months, to_subsidiary_id,
        to_currency_code, fx_rate (functional currency of the sender -> receiver).

    Returns (schedule, movements), amounts in integer cents:
      schedule: asset_id, period_month, subsidiary_id, currency_code, depreciation_cents
      movements: asset_id, event_id, movement_type, period_month, subsidiary_id, currency_code,
        cost_cents, accumulated_cents, proceeds_cents (signed: + increases the balance)
    """
    horizon = int(month_index([pd.Timestamp(horizon_month)])[0])
    first_returned = int(month_index([pd.Timestamp(from_month)])[0]) if from_month is not None else np.iinfo(np.int64).min
    assets = assets.reset_index(drop=True)
    n = len(assets)
    position = pd.Series(np.arange(n), index=assets["asset_id"])
    # the identifiers once as a numpy array: each .to_numpy() of a string column converts every value
    asset_ids = assets["asset_id"].to_numpy(dtype=object)
    asset_id_array = pa.array(asset_ids, type=pa.string())

    cost = round_cents(assets["cost"].to_numpy(dtype=float))
    salvage_pct = assets.get("salvage_pct", pd.Series([np.nan] * n)).to_numpy(dtype=float)
    salvage = round_cents(np.nan_to_num(assets["salvage_value"].to_numpy(dtype=float)))
    accum = np.zeros(n, dtype=np.int64)
    life_total = np.nan_to_num(assets["useful_life_months"].to_numpy(dtype=float))
    consumed = np.zeros(n, dtype=float)
    method = assets["depreciation_method"].to_numpy(dtype=object)
    db_rate = np.nan_to_num(assets["declining_balance_rate"].to_numpy(dtype=float), nan=2.0)
    subsidiary = assets["subsidiary_id"].to_numpy(dtype=object).copy()
    currency = assets["currency_code"].to_numpy(dtype=object).copy()
    in_service = pd.to_datetime(assets["in_service_date"])
    start, head_months, head_weight = first_segment_head(assets["convention"].to_numpy(dtype=object), in_service, fiscal_year_start_month)
    convention = assets["convention"].to_numpy(dtype=object)
    active = month_index(in_service) <= horizon

    schedules = []
    movements = [
        pd.DataFrame(
            {
                "asset_id": asset_ids[active],
                "event_id": None,
                "movement_type": "in_service",
                "month": month_index(in_service)[active],
                "subsidiary_id": subsidiary[active],
                "currency_code": currency[active],
                "cost_cents": cost[active],
                "accumulated_cents": 0,
                "proceeds_cents": 0,
            }
        )
    ]

    events = events.copy()
    if len(events):
        events["pos"] = position.reindex(events["asset_id"]).to_numpy()
        events = events[events["pos"].notna()].copy()
        events["pos"] = events["pos"].astype(np.int64)
        event_month = month_index(events["event_date"])
        on_first = _day(events["event_date"]) == 1
        events["month"] = event_month
        events["effective"] = np.where((events["event_type"] == "disposal") | on_first, event_month, event_month + 1)
        events = events[events["month"] <= horizon]
        events = events.sort_values(["pos", "effective", "event_date", "event_id"], kind="stable")
        events["seq"] = events.groupby("pos").cumcount()
    max_seq = int(events["seq"].max()) + 1 if len(events) else 0
    n_events = np.bincount(events["pos"].to_numpy(), minlength=n) if len(events) else np.zeros(n, dtype=np.int64)

    for k in range(max_seq + 1):
        current = events[events["seq"] == k] if k < max_seq else events.iloc[0:0]
        next_effective = np.full(n, horizon + 1, dtype=np.int64)
        end_weight = np.full(n, np.nan)
        if len(current):
            pos = current["pos"].to_numpy()
            is_disposal = (current["event_type"] == "disposal").to_numpy()
            eff = current["effective"].to_numpy()
            next_effective[pos] = np.where(is_disposal, eff + 1, eff)
            end_weight[pos[is_disposal]] = disposal_weight(convention[pos[is_disposal]], current["event_date"].to_numpy()[is_disposal])
        run = active & (n_events >= k)
        idx = np.flatnonzero(run)
        remaining_life = np.maximum(life_total - consumed, 0.0)
        # life shortened below what is already consumed: the remaining amount goes in one month
        remaining_life = np.where((remaining_life <= EPS) & (cost - accum - salvage > 0) & (method != "none"), 1.0, remaining_life)
        nbv = cost - accum
        segs = Segments(
            key=idx,
            start=start[idx],
            head_months=head_months[idx],
            head_weight=head_weight[idx],
            life=remaining_life[idx],
            basis_cents=np.maximum(nbv - salvage, 0)[idx],
            nbv_cents=nbv[idx],
            salvage_cents=salvage[idx],
            method=method[idx],
            db_annual_rate=np.where(life_total[idx] > 0, db_rate[idx] * 12.0 / np.where(life_total[idx] > 0, life_total[idx], 1), 0.0),
            last_month=np.minimum(next_effective[idx] - 1, horizon),
            end_weight=end_weight[idx],
        )
        # an asset without events needs no month before the first one returned: nothing it
        # depreciates before is read again (its accumulated amount feeds no later event)
        first_needed = np.where(n_events[idx] == 0, first_returned, segs.start) if from_month is not None else None
        rows = segment_rows(segs, fiscal_year_start_month, first_needed)
        if len(rows["month"]):
            rows = _half_year_disposal_year(rows, segs, convention[idx], month_index(in_service)[idx], fiscal_year_start_month)
            asset_pos = idx[rows["segment"]]
            # the rows returned, their identifiers taken from Arrow arrays of the assets' (the
            # entity and currency of this segment: a transfer changes them for the next one)
            returned = rows["month"] >= first_returned
            returned_pos = pa.array(asset_pos[returned])
            schedules.append(
                pa.Table.from_arrays(
                    [
                        asset_id_array.take(returned_pos),
                        pa.array(subsidiary, type=pa.string()).take(returned_pos),
                        pa.array(currency, type=pa.string()).take(returned_pos),
                        pa.array(rows["depreciation_cents"][returned], type=pa.int64()),
                        pa.array(index_to_month(rows["month"][returned]), type=pa.timestamp("ns")),
                    ],
                    schema=SCHEDULE_SCHEMA,
                )
            )
            accum += np.bincount(asset_pos, weights=rows["depreciation_cents"], minlength=n).astype(np.int64)
            consumed += np.bincount(asset_pos, weights=rows["weight"], minlength=n)
        if not len(current):
            break
        movements.append(_apply_events(current, cost, accum, salvage, salvage_pct, life_total, consumed, method, subsidiary, currency, active, start, head_months, head_weight, asset_ids))
    # segments of an asset never overlap in months: one schedule row per asset and month
    schedule = pa.concat_tables(schedules) if schedules else SCHEDULE_SCHEMA.empty_table()
    movement = pd.concat(movements, ignore_index=True)
    movement = movement[movement["month"].to_numpy(dtype=np.int64) >= first_returned].reset_index(drop=True)
    movement["period_month"] = index_to_month(movement["month"].to_numpy(dtype=np.int64))
    movement["event_id"] = movement["event_id"].astype(object)
    return schedule, pa.Table.from_pandas(movement.drop(columns=["month"]), schema=MOVEMENT_SCHEMA, preserve_index=False)


def _apply_events(current, cost, accum, salvage, salvage_pct, life_total, consumed, method, subsidiary, currency, active, start, head_months, head_weight, asset_ids):
    """Apply one event per asset (vectorised over assets); mutates the state arrays in place."""
    pos = current["pos"].to_numpy()
    kind = current["event_type"].to_numpy(dtype=object)
    amount_cents = round_cents(np.nan_to_num(current["amount"].to_numpy(dtype=float)))
    proceeds_cents = round_cents(np.nan_to_num(current["proceeds"].to_numpy(dtype=float)))
    out = []

    def movement(mask, movement_type, month, sub, ccy, cost_c, acc_c, proceeds_c):
        out.append(
            pd.DataFrame(
                {
                    "asset_id": asset_ids[pos[mask]],
                    "event_id": current["event_id"].to_numpy()[mask],
                    "movement_type": movement_type,
                    "month": month[mask],
                    "subsidiary_id": sub,
                    "currency_code": ccy,
                    "cost_cents": cost_c,
                    "accumulated_cents": acc_c,
                    "proceeds_cents": proceeds_c,
                }
            )
        )

    month = current["month"].to_numpy()
    effective = current["effective"].to_numpy()

    m = kind == "disposal"
    if m.any():
        p = pos[m]
        movement(m, "disposal", month, subsidiary[p], currency[p], -cost[p], -accum[p], proceeds_cents[m])
        cost[p] = 0
        accum[p] = 0
        active[p] = False

    m = kind == "partial_disposal"
    if m.any():
        p = pos[m]
        # by percentage (disposal_pct, no amount): that share of the cost carried at the event
        pct = current["disposal_pct"].to_numpy(dtype=float)[m] if "disposal_pct" in current else np.full(m.sum(), np.nan)
        by_pct = ~np.isnan(pct) & (amount_cents[m] == 0)
        amount_cents[np.flatnonzero(m)[by_pct]] = round_cents(cost[p][by_pct] / 100.0 * pct[by_pct])
        ratio = amount_cents[m] / np.where(cost[p] != 0, cost[p], 1)
        retired_accum = round_cents(accum[p] / 100.0 * ratio)
        movement(m, "partial_disposal", month, subsidiary[p], currency[p], -amount_cents[m], -retired_accum, proceeds_cents[m])
        cost[p] -= amount_cents[m]
        accum[p] -= retired_accum
        salvage[p] = round_cents(salvage[p] / 100.0 * (1 - ratio))

    m = kind == "cost_adjustment"
    if m.any():
        p = pos[m]
        movement(m, "cost_adjustment", month, subsidiary[p], currency[p], amount_cents[m], np.zeros(m.sum(), dtype=np.int64), 0)
        cost[p] += amount_cents[m]
        pct = salvage_pct[p]
        salvage[p] = np.where(np.isnan(pct), salvage[p], round_cents(cost[p] / 100.0 * np.nan_to_num(pct)))

    m = kind == "impairment"
    if m.any():
        p = pos[m]
        movement(m, "impairment", month, subsidiary[p], currency[p], -amount_cents[m], np.zeros(m.sum(), dtype=np.int64), 0)
        cost[p] -= amount_cents[m]
        salvage[p] = np.minimum(salvage[p], np.maximum(cost[p] - accum[p], 0))

    m = kind == "useful_life_change"
    if m.any():
        p = pos[m]
        life_total[p] = current["new_useful_life_months"].to_numpy(dtype=float)[m]

    m = kind == "entity_transfer"
    if m.any():
        p = pos[m]
        rate = current["fx_rate"].to_numpy(dtype=float)[m]
        new_sub = current["to_subsidiary_id"].to_numpy(dtype=object)[m]
        new_ccy = current["to_currency_code"].to_numpy(dtype=object)[m]
        movement(m, "transfer_out", effective, subsidiary[p], currency[p], -cost[p], -accum[p], 0)
        cost[p] = round_cents(cost[p] / 100.0 * rate)
        accum[p] = round_cents(accum[p] / 100.0 * rate)
        salvage[p] = round_cents(salvage[p] / 100.0 * rate)
        movement(m, "transfer_in", effective, new_sub, new_ccy, cost[p].copy(), accum[p].copy(), 0)
        subsidiary[p] = new_sub
        currency[p] = new_ccy

    restart = pos[kind != "disposal"]
    start[restart] = effective[kind != "disposal"]
    head_months[restart] = 1
    head_weight[restart] = 1.0
    # consumed life months stay as they are; the new segment spreads what is left
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()
