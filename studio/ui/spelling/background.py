"""Run a plain function on a worker thread and get its result back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Background keeps it until its signal is delivered
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # shown by the caller, never lost in a thread
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class Background(QObject):
    """A one-thread pool: jobs run in order, off the GUI thread.

    One thread is enough (checks are quick) and keeps Enchant, which is not made for
    concurrent use, on one thread at a time.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._jobs: set[_Job] = set()
        self.closed = False

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run `work()` on the worker thread; then `done(result)` on the GUI thread."""
        job = _Job(work)
        self._jobs.add(job)

        def alive() -> bool:
            """False once the owner (and this object with it) is gone or closed: a
            result that arrives after that has no one to go to."""
            return shiboken6.isValid(self) and not self.closed

        def finish(result: object) -> None:
            self._jobs.discard(job)
            if alive():
                done(result)

        def fail(error: object) -> None:
            self._jobs.discard(job)
            if alive() and failed is not None and isinstance(error, Exception):
                failed(error)

        job.signals.finished.connect(finish)
        job.signals.failed.connect(fail)
        self.pool.start(job)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = 5000) -> bool:
        return bool(self.pool.waitForDone(msecs))

    def close(self) -> None:
        """Drop the results of jobs still running, and wait for them to end."""
        self.closed = True
        self.wait()
