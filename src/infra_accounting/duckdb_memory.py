"""The DuckDB memory setting every close runs with, wherever its profile is written.

DuckDB hands the 256 KB buffer blocks of its tables and intermediate results back to the
kernel when a query frees them, and the next query that needs memory takes fresh pages, each
zeroed by the kernel on its first touch. With a block allocator DuckDB keeps freed blocks and
gives them to the next query instead (DECISIONLOG C-020). The memory is reserved, not taken:
a process holds only the blocks it has used, at most this much, until it ends.
"""

# profiles.yml sets the same value for the dev and ci targets (tests/python/test_duckdb_memory.py)
BLOCK_ALLOCATOR_MEMORY = "3GB"
