"""Run a slow job (an export, the archive check) off the GUI thread.

The window must keep painting while a million-word story exports, so the job runs in a
QThread and reports back through signals, which Qt delivers on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from studio.errors import StudioError


class Job(QThread):
    """Calls `work()` on its own thread; emits `succeeded(result)` or `failed(message)`."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except StudioError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug must not end the window or pass in silence
            self.failed.emit(f"Studio could not finish this ({type(exc).__name__}: {exc})")
        else:
            self.succeeded.emit(result)
