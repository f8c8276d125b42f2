"""One background runner where only the latest result counts.

Slow work (the archive check and an export, an import's detection, word counts for
the progress panel, …) runs off the GUI thread so the window keeps painting; its
result comes back on the GUI thread, and only the newest job of each `key` is
delivered: a result for files or settings since changed is dropped.

Each `LatestRunner` has one worker thread, so the jobs of one owner run one after
another (two jobs of a dialog never read the project at once; an export asked for
during the check simply runs after it). A job superseded before it started is not
run at all. A job's exception is its result: `done` decides how to show it.

Results travel through one relay object that lives as long as the program, never
through the runner itself, so a dialog (and its runner) may be closed and deleted
while a job still runs: the job ends on its own and its result is dropped.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal


class _Superseded:
    """The result of a job that a newer one of its key replaced before it started."""


_SUPERSEDED = _Superseded()


@dataclass
class _Ticket:
    """One job, kept on the GUI thread until its result is delivered.

    The worker thread only borrows `job` and hands its result over through `_results`;
    it keeps no reference after that, so the last reference to whatever the job or
    `done` hold (a dialog, say) is always let go on the GUI thread: Qt objects must
    not be deleted from another thread.
    """

    runner: weakref.ref[LatestRunner]
    key: str
    generation: int
    job: Callable[[], Any]
    done: Callable[[Any], None]


_tickets: dict[int, _Ticket] = {}  # GUI thread only
_results: dict[int, object] = {}  # written by the workers, taken on the GUI thread
_results_lock = threading.Lock()
_numbers = itertools.count(1)


class _Relay(QObject):
    """Tells the GUI thread a result is in; one for the program, never deleted."""

    finished = Signal(int)  # ticket number


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay  # noqa: PLW0603 (one relay for the program, made on the GUI thread)
    if _relay is None:
        _relay = _Relay()
        _relay.finished.connect(_arrived, Qt.ConnectionType.QueuedConnection)
    return _relay


def _arrived(number: int) -> None:
    ticket = _tickets.pop(number, None)
    with _results_lock:
        result = _results.pop(number, None)
    if ticket is None:
        return
    runner = ticket.runner()
    if runner is not None and shiboken6.isValid(runner):
        runner._deliver(ticket, result)


class LatestRunner(QObject):
    """One background thread where only the latest job of each key is delivered."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studio-latest")
        self._pool = pool
        self._generation: dict[str, int] = {}
        self._waiting: dict[str, int] = {}  # key → jobs sent whose result is not back
        self._relay = _the_relay()
        # The thread ends with its owner (a job already running finishes first).
        self.destroyed.connect(lambda *_: pool.shutdown(wait=False, cancel_futures=True))

    def run(self, key: str, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run `job()` off the GUI thread; `done(result)` on the GUI thread, only if no
        newer `key` job came meanwhile (and `drop` was not called)."""
        generation = self._generation.get(key, 0) + 1
        self._generation[key] = generation
        self._waiting[key] = self._waiting.get(key, 0) + 1
        number = next(_numbers)
        _tickets[number] = _Ticket(weakref.ref(self), key, generation, job, done)
        self._pool.submit(_work, number, self._generation, key, generation, self._relay)

    def _deliver(self, ticket: _Ticket, result: object) -> None:
        key = ticket.key
        self._waiting[key] = max(0, self._waiting.get(key, 0) - 1)
        if self._generation.get(key) == ticket.generation and result is not _SUPERSEDED:
            ticket.done(result)

    def busy(self, key: str | None = None) -> bool:
        """Whether a job (of `key`, or of any key) has not come back yet."""
        if key is not None:
            return self._waiting.get(key, 0) > 0
        return any(self._waiting.values())

    def drop(self, key: str | None = None) -> None:
        """Deliver nothing more of `key` (of every key): what runs now finishes unseen."""
        for name in [key] if key is not None else list(self._generation):
            self._generation[name] = self._generation.get(name, 0) + 1

    def close(self) -> None:
        """Stop: nothing more is delivered, jobs not started never run."""
        self.drop()
        self._waiting.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)


def _work(
    number: int, generations: dict[str, int], key: str, generation: int, relay: _Relay
) -> None:
    """On the worker thread: run ticket `number`'s job unless a newer one replaced it."""
    result: object = _SUPERSEDED
    if generations.get(key) == generation:
        ticket = _tickets.get(number)
        job = ticket.job if ticket is not None else None
        del ticket
        if job is not None:
            try:
                result = job()
            except Exception as exc:  # a bug must not end the window or pass in silence
                result = exc
            del job
    with _results_lock:
        _results[number] = result
    del result
    relay.finished.emit(number)
