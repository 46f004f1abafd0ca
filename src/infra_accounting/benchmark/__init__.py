"""`infra-close benchmark`: build the close on a scale preset and measure it.

- `extracts`: the preset's Parquet extracts (generated when absent; S is the committed demo seeds).
- `runner`: one `dbt build` in a subprocess with its own warehouse, profile and target dir;
  wall time, peak memory of the process tree, run_results.json per node, row counts.
- `floor`: the compute floor - the same core schedules as plain DuckDB queries on the same files.
- `machine`: cores, RAM, CPU model, load average.
- `report`: the JSON result and its Markdown summary.
- `command`: the CLI entry point that ties them together.
"""
