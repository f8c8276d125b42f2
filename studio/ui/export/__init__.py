"""The Export dialog: format, destination, the archive check, progress, the result."""

from studio.ui.export.dialog import ExportDialog

__all__ = ["ExportDialog"]
