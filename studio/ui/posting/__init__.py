"""Posting in the window: the compare view of a chapter as posted and as it is now."""
