"""dbt's command line, with the longest chain of the close run first.

dbt's main thread takes the ready nodes from a priority queue ordered shallowest first
(GraphQueue._get_scores: the node's depth in the graph) and hands each to its thread pool,
which runs them in the order handed over. So the order counts among the nodes that are
ready together - at the start, and each time a node's completion releases several. The
close's longest chain - the usage staging, rating, revenue, the journals and the
reconciliations of the GL, about 50 models and controls deep - came behind the shallow
nodes of every other area and ended the run with one thread idle. Here the ready node with
the longest chain of nodes after it goes first (the critical-path list schedule), ties
broken by dbt's depth, then by name, so the order is the same every run (DECISIONLOG
C-017). Only the order changes: every node still waits for its parents and for the controls
of its parents.

It also drops the debug events that no log records before dbt formats them
(dbt_unlogged_events.py, DECISIONLOG C-018), and writes manifest.json once, when the run
ends, not also after loading the project (dbt_manifest_written_once.py, DECISIONLOG C-019).

The close runs dbt as `python -m infra_accounting.dbt_launcher <dbt arguments>`.
"""

from __future__ import annotations

import sys

import networkx as nx
from dbt.cli.main import cli
from dbt.graph.queue import GraphQueue

from infra_accounting.dbt_manifest_written_once import write_manifest_once
from infra_accounting.dbt_unlogged_events import drop_unrecorded_debug_events

_dbt_depth_scores = GraphQueue._get_scores


def chain_lengths(graph: nx.DiGraph) -> dict[str, int]:
    """The number of nodes on the longest path from each node to the end of the graph, itself included."""
    lengths: dict[str, int] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        lengths[node] = 1 + max((lengths[child] for child in graph.successors(node)), default=0)
    return lengths


def longest_chain_first_scores(self: GraphQueue, graph: nx.DiGraph) -> dict[str, tuple[int, int, str]]:
    """GraphQueue's priorities (lowest first): the longest chain after the node first, then dbt's depth, then the name."""
    depths = _dbt_depth_scores(self, graph)
    lengths = chain_lengths(graph)
    return {node: (-lengths[node], depths[node], node) for node in graph.nodes()}


def main() -> int:
    GraphQueue._get_scores = longest_chain_first_scores
    drop_unrecorded_debug_events()
    write_manifest_once()
    sys.argv[0] = "dbt"
    return cli()


if __name__ == "__main__":
    sys.exit(main())
