"""The close's dbt launcher orders ready nodes by the longest chain after them (critical path first)."""

import networkx as nx
from dbt.graph.queue import GraphQueue

from infra_accounting.dbt_launcher import chain_lengths, longest_chain_first_scores


def _graph():
    # usage_staging -> rating -> revenue -> journals is the long chain; assets and leases are shallow.
    graph = nx.DiGraph()
    graph.add_edges_from(
        [
            ("usage_staging", "rating"),
            ("rating", "revenue"),
            ("revenue", "journals"),
            ("assets_staging", "journals"),
            ("leases_staging", "lease_schedule"),
        ]
    )
    graph.add_node("calendar")
    return graph


def test_chain_lengths_count_the_nodes_on_the_longest_path_to_the_end():
    assert chain_lengths(_graph()) == {
        "usage_staging": 4,
        "rating": 3,
        "revenue": 2,
        "journals": 1,
        "assets_staging": 2,
        "leases_staging": 2,
        "lease_schedule": 1,
        "calendar": 1,
    }


def test_the_longest_chain_goes_first_then_dbt_depth_then_the_name():
    graph = _graph()
    queue = GraphQueue.__new__(GraphQueue)
    scores = longest_chain_first_scores(queue, graph)
    ready = ["assets_staging", "calendar", "leases_staging", "usage_staging"]
    # dbt alone scores every one of them 0 (depth) and would take them by name
    assert {GraphQueue._get_scores(queue, graph)[node] for node in ready} == {0}
    assert sorted(ready, key=scores.get) == ["usage_staging", "assets_staging", "leases_staging", "calendar"]
    # a child never outranks the chain it ends: rating (3 after it) before assets_staging (2)
    assert scores["rating"] < scores["assets_staging"]
