"""The Export dialog: format, destination, the archive check, progress, the result.

The dialog (and with it every exporter, python-docx and Jinja2) is imported when first
used, not when the window starts: File ▸ Export… is installed at start-up, and the
exporters cost the window about 25 MiB and 0.15 s it need not pay before an export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studio.ui.export.dialog import ExportDialog

__all__ = ["ExportDialog"]


def __getattr__(name: str) -> Any:
    if name == "ExportDialog":
        from studio.ui.export.dialog import ExportDialog  # noqa: PLC0415 (on first use)

        return ExportDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
