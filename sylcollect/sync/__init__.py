"""Sync: study packages down to laptops, encrypted signed bundles up to the central store.

File formats live in `bundle*.py` (`.sylb`) and `package*.py` (`.sylpkg`); their byte layout,
checks and trust model are described in docs/sync-format.md.
"""
