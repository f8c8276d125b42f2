"""Work a story starts in the background, held until its first chapter is on screen.

A story that opens starts background jobs (the words-before-any-history count, the
first grammar underlines). Each runs Python on a worker thread, which holds Python's
lock for as long as the GUI thread does: started while the story opens, they made
the first chapter show later. `AfterFirstPaint` keeps such jobs until the editor
that shows the chapter has painted, then starts them on the next event-loop turn;
once the story is on screen, a job starts at once. Should no paint come (a window
that is never shown), they start after `FALLBACK_MS` anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1500


class AfterFirstPaint(QObject):
    """Slots waiting for the shown story's first paint (see module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: list[Callable[[], None]] = []
        self._watched: QWidget | None = None
        self._painted = False
        self._showing = 0  # counts the stories shown, so a late release finds its own
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(lambda: self._release(self._showing))

    def run(self, slot: Callable[[], None]) -> None:
        """Run `slot` once the story is on screen (soon, if it already is)."""
        if self._painted:
            QTimer.singleShot(0, self, slot)  # not after this object is gone
        else:
            self._waiting.append(slot)

    def watch(self, viewport: QWidget) -> None:
        """The story is shown in the editor of `viewport`: release on its first paint."""
        self._unwatch()
        self._showing += 1
        self._painted = False
        self._watched = viewport
        viewport.installEventFilter(self)
        self._fallback.start()

    def reset(self) -> None:
        """The story is left: what still waits belonged to it and is dropped."""
        self._unwatch()
        self._showing += 1
        self._fallback.stop()
        self._waiting.clear()
        self._painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._watched and event.type() == QEvent.Type.Paint:
            showing = self._showing
            QTimer.singleShot(0, self, lambda: self._release(showing))  # after this paint
            self._unwatch()
        return False

    def _unwatch(self) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def _release(self, showing: int) -> None:
        if self._painted or showing != self._showing:
            return  # released already, or for a story since left
        self._painted = True
        self._fallback.stop()
        self._unwatch()
        waiting, self._waiting = self._waiting, []
        for slot in waiting:
            slot()
