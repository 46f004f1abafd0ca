"""The close package: the month's Excel workbook and the static dbt docs site for auditors."""
