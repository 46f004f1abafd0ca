"""Deterministic generator of the demo GPU-cloud company extracts."""
