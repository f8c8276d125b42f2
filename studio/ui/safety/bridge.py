"""Carries the watcher's reports from its thread into the Qt event loop, as a signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from studio.safety import Change, ContentLedger, ProjectWatcher


class WatchBridge(QObject):
    """Owns a ProjectWatcher; `changed` is delivered in the GUI thread (queued)."""

    changed = Signal(object)  # list[Change]

    def __init__(
        self, root: Path, ledger: ContentLedger | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.watcher = ProjectWatcher(root, self._from_watcher_thread, ledger=ledger)

    @property
    def ledger(self) -> ContentLedger:
        return self.watcher.ledger

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()

    def _from_watcher_thread(self, changes: list[Change]) -> None:
        # Emitting from a non-Qt thread: Qt queues the call into the receiver's thread.
        self.changed.emit(changes)
