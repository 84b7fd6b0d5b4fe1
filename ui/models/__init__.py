"""Qt table models, one per table, tested without a window (DESIGN.md §8)."""
