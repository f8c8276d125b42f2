"""The lyrics pieces of the window: Mark as lyrics…, Unmark lyrics, verse paste, Songs tab."""
