"""The proofreading corpus: annotated fic texts with planted slips (see README.md)."""
