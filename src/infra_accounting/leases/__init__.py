"""Lessee accounting under ASC 842 (vectorised discounting and schedules)."""
