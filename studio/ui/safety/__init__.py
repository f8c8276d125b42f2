"""The safety features in the window: watching, conflict bar, compare, restore, backups, lock."""
