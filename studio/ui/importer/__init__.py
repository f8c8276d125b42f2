"""File → Import Fic…: bring a fic into Studio from the window.

`install(shell, session)` declares the menu action (feature.py); the dialog
(`ImportDialog`) lets the author choose the fic's files and the new story's folder,
shows what the importer detected (and what it was unsure of) before anything is
written, then imports, and the new story opens in the window.
"""

from __future__ import annotations

from studio.ui.importer.dialog import ImportDialog
from studio.ui.importer.feature import install

__all__ = ["ImportDialog", "install"]
