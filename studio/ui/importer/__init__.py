"""File → Import…: bring a fic into Studio from the window.

`install(window)` adds the menu action; the dialog (`ImportDialog`) lets the author
choose the fic's files and the new story's folder, shows what the importer detected
(and what it was unsure of) before anything is written, then imports and opens it.
"""

from __future__ import annotations

from studio.ui.importer.dialog import ImportDialog, install

__all__ = ["ImportDialog", "install"]
