"""Audit action codes for the synthetic demo seed. Stable: never reuse a code."""

SEED_LOADED = "synthetic.seed_loaded"
SEED_CLEARED = "synthetic.seed_cleared"
