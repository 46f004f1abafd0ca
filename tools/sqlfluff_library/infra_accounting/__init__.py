"""Stand-ins for the project's dbt macros when sqlfluff lints with the jinja templater.

Each returns SQL of the same shape as the real macro, so the calling model lints as it
compiles. The real macros live in macros/; they are tested by building the project.
"""


def money(expression):
    return f"cast(round({expression}, 2) as decimal(18, 2))"


def money_product(quantity, unit_price):
    return f"cast(round(cast({quantity} as decimal(38, 4)) * cast({unit_price} as decimal(18, 8)), 2) as decimal(18, 2))"


def rate(expression):
    return f"cast(round({expression}, 8) as decimal(18, 8))"


def money_share(amount, numerator, denominator, scale=8):
    return f"cast(round({amount} * {numerator} / nullif({denominator}, 0), 2) as decimal(18, 2))"


def allocate_money(total, share, partition_by, order_by):
    return f"coalesce({share}, cast({total} as decimal(18, 2)))"


def month_start(date_expression):
    return f"cast(date_trunc('month', {date_expression}) as date)"


def months_between(start_date, end_date):
    return f"(year({end_date}) - year({start_date})) * 12 + month({end_date}) - month({start_date})"


def add_months(date_expression, months):
    return f"cast({date_expression} + to_months(cast({months} as integer)) as date)"


def normalized_invoice_reference(reference_expression):
    return f"'INV-' || lpad(regexp_extract(upper({reference_expression}), 'INV[^0-9]*([0-9]+)', 1), 6, '0')"


def close_period_month():
    return "date '2026-10-01'"


def incremental_start_month():
    return "cast(date '2026-10-01' - to_months(1) as date)"


def months_to_recompute(relation, column_name="usage_month"):
    return ["2026-09-01", "2026-10-01"]


def staged_extract(source_name, extract_name):
    return "select * from staged_extract_rows"


def checked_extract(source_name, extract_name):
    return "select * from checked_extract_rows"


def rejected_extract_rows(source_name, extract_name):
    return "select * from rejected_extract_rows"


def raw_extract(source_name, extract_name):
    return "raw_extract_rows"


def extract_contract():
    return {"erp__example": {"source": "erp", "extract": "example"}}


def posted_journal_lines():
    return (
        "select cast(null as varchar) as journal_id, cast(null as integer) as journal_line_number,"
        " cast(null as varchar) as subsidiary_id, cast(null as date) as period_month,"
        " cast(null as date) as posting_date, cast(null as varchar) as account_number,"
        " cast(null as decimal(18, 2)) as debit_amount, cast(null as decimal(18, 2)) as credit_amount,"
        " cast(null as varchar) as currency_code, cast(null as varchar) as journal_type,"
        " cast(null as varchar) as source_area, cast(null as varchar) as source_document_id,"
        " cast(null as varchar) as memo"
    )


def fill_month_spine(activity_relation, periods_relation, key_columns, amount_columns):
    keys = ", ".join(f"{activity_relation}.{key}" for key in key_columns)
    amounts = ", ".join(f"coalesce({activity_relation}.{amount}, 0) as {amount}" for amount in amount_columns)
    return (
        f"select {keys}, {periods_relation}.period_month, {periods_relation}.is_close_period, {amounts} "
        f"from {activity_relation} inner join {periods_relation} "
        f"on {activity_relation}.period_month = {periods_relation}.period_month"
    )


def journal_line_columns(null_values=False):
    columns = [
        ("journal_id", "varchar"), ("journal_line_number", "integer"), ("subsidiary_id", "varchar"),
        ("period_month", "date"), ("posting_date", "date"), ("account_number", "varchar"),
        ("debit_amount", "decimal(18, 2)"), ("credit_amount", "decimal(18, 2)"), ("currency_code", "varchar"),
        ("journal_type", "varchar"), ("source_area", "varchar"), ("source_document_id", "varchar"),
        ("memo", "varchar"),
    ]
    return ", ".join(f"cast({'null' if null_values else name} as {data_type}) as {name}" for name, data_type in columns)


def join_functional_fx_rate(
    date_expression,
    currency_expression,
    functional_currency_expression="subsidiaries.functional_currency_code",
    fx_rates_relation="fx_rates",
):
    return (
        f"left join {fx_rates_relation} on {month_start(date_expression)} = {fx_rates_relation}.period_month"
        f" and {currency_expression} = {fx_rates_relation}.from_currency"
        f" and {functional_currency_expression} = {fx_rates_relation}.to_currency"
    )


def currency_balance_rollforward(activity_relation, periods_relation, fx_rates_relation, net_change_terms):
    return (
        f"select {activity_relation}.subsidiary_id, {activity_relation}.currency_code, {periods_relation}.period_month"
        f" from {activity_relation} inner join {periods_relation}"
        f" on {activity_relation}.period_month = {periods_relation}.period_month"
        f" left join {fx_rates_relation} on {periods_relation}.period_month = {fx_rates_relation}.period_month"
    )


def coalesce_columns(left_alias, right_alias, column_names):
    return ", ".join(f"coalesce({left_alias}.{name}, {right_alias}.{name}) as {name}" for name in column_names)


def columns_equal(left_alias, right_alias, column_names):
    return " and ".join(f"{left_alias}.{name} = {right_alias}.{name}" for name in column_names)


def incremental_recompute_month(column_name="period_month"):
    return "cast(date '2026-10-01' as date)"


def delete_recomputed_months(column_name="period_month"):
    return ""


def reopened_usage_months_filter(month_column="usage_month", date_column="usage_date"):
    return f"and {month_column} is not null"


def incremental_by_usage_month(month_column="usage_month"):
    return ""


def delete_reopened_usage_months(month_column="usage_month"):
    return ""


def incremental_by_extract_month():
    return ""


def delete_reread_months():
    return ""


def sorted_distinct_values(expression):
    return f"list_sort(list_distinct(list({expression})))"


def joined_list(list_expression):
    return f"nullif(array_to_string({list_expression}, ', '), '')"


def sorted_distinct_list(expression):
    return joined_list(sorted_distinct_values(expression))


def incremental_by_period_month():
    return ""


def incremental_appended_after_delete(delete_hook, first_month_hook):
    return ""


def first_month_written_by(model_name, months_before=0):
    return "date '2026-09-01'"


def recomputed_months_filter(month_expression="period_month"):
    return ""


def exact_ratio(numerator, denominator):
    return f"cast({numerator} / nullif({denominator}, 0) as decimal(38, 18))"


def decimal_product(list_expression):
    return f"coalesce(list_reduce({list_expression}, (a, b) -> a * b), 1)"


def convention_year_part_numerator(convention, event_date):
    return f"case when {convention} = 'HY' then 1 else 2 * month({event_date}) - 1 end"


def convention_year_part_denominator(convention):
    return f"case when {convention} = 'HY' then 2 else 24 end"


def invoice_to_cash_payments_touched():
    return "(select payment_id from stg_erp__payments)"


def delete_invoice_to_cash_rows_touched():
    return ""


def usage_records_contracted(usage_relation):
    return f"select * from {usage_relation}"
