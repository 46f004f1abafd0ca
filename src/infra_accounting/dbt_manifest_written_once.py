"""dbt's manifest.json written once per run, at the end, for the commands that write it there.

dbt writes target/manifest.json (and semantic_manifest.json) right after it loads the project,
then the commands that run the graph (build, run, test, seed, snapshot) write both again when
the run ends, with run_results.json, whether the nodes passed or failed. The first write is
then overwritten by the second; at L it is about 0.6 s of the close's single-threaded start,
before the first node (DECISIONLOG C-019). The close reads the manifest only once dbt has ended
(the published snapshot, the benchmark's lineages), so for those commands the load skips it.
Every other command (parse, ls, compile, docs generate, ...) writes it as dbt does. The parse
cache (partial_parse.msgpack) is written either way.
"""

from __future__ import annotations

from typing import Any

from dbt.cli import requires

_dbt_parse_manifest = requires.parse_manifest

# dbt's GraphRunnableTask.run writes manifest.json at the end of these commands
WRITES_MANIFEST_WHEN_RUN_ENDS = frozenset({"build", "run", "test", "seed", "snapshot"})


def writes_manifest_when_run_ends(runtime_config: Any) -> bool:
    """Whether the command being run writes manifest.json again when its run ends."""
    return getattr(getattr(runtime_config, "args", None), "which", None) in WRITES_MANIFEST_WHEN_RUN_ENDS


def parse_manifest_written_at_end(runtime_config, write_perf_info, write, write_json, active_integrations):
    """dbt's parse_manifest, without the write its command repeats when the run ends."""
    if writes_manifest_when_run_ends(runtime_config):
        write = False
    return _dbt_parse_manifest(runtime_config, write_perf_info, write, write_json, active_integrations)


def write_manifest_once() -> None:
    """Install it: dbt's command-line decorator calls requires.parse_manifest when it loads the project."""
    requires.parse_manifest = parse_manifest_written_at_end
