"""Studio: a writing and editing studio for fan-fiction authors and their editors."""

__version__ = "0.1.0"
