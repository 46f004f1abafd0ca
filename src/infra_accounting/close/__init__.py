"""The close: NetSuite export, posted history (closed months that never change)."""
