"""Revenue area helpers (benchmark of the rating and matching SQL at scale)."""
