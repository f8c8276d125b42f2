"""File → Import Fic…: bring a fic into Studio from the window.

`install(shell, session)` declares the menu action (feature.py); the dialog
(`ImportDialog`) lets the author choose the fic's files and the new story's folder,
shows what the importer detected (and what it was unsure of) before anything is
written, then imports, and the new story opens in the window.

The dialog and the importers behind it load when the author first imports (or when
`ImportDialog` is first asked for here), not when the window starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.ui.importer.feature import install

if TYPE_CHECKING:
    from studio.ui.importer.dialog import ImportDialog

__all__ = ["ImportDialog", "install"]


def __getattr__(name: str) -> object:
    if name == "ImportDialog":
        from studio.ui.importer.dialog import ImportDialog  # noqa: PLC0415 (on first use)

        return ImportDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
