"""Reliability drills: kill the close at chosen points and check what survives (docs/reliability.md)."""
