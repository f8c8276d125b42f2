"""The one background runner: only the newest result of a key arrives, on the GUI
thread; keys do not drop each other; a job's exception is its result; the owner may
go away while a job runs."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.ui.runner import LatestRunner


def _gate() -> tuple[threading.Event, threading.Event]:
    return threading.Event(), threading.Event()


def test_only_the_newest_job_of_a_key_is_delivered_and_a_replaced_one_never_runs(
    qtbot: QtBot,
) -> None:
    runner = LatestRunner()
    started, release = _gate()
    ran: list[str] = []
    got: list[object] = []

    def slow() -> str:
        started.set()
        release.wait(10)
        ran.append("slow")
        return "slow"

    def quick(name: str) -> str:
        ran.append(name)
        return name

    runner.run("count", slow, got.append)
    assert started.wait(10)  # the first job runs; the next two wait behind it
    runner.run("count", lambda: quick("second"), got.append)
    runner.run("count", lambda: quick("third"), got.append)
    assert runner.busy("count") and runner.busy()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10_000)
    assert got == ["third"]
    assert ran == ["slow", "third"]  # "second" was replaced before it started


def test_keys_are_separate_and_results_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = LatestRunner()
    threads: list[object] = []
    got: dict[str, object] = {}

    def done(key: str, result: object) -> None:
        threads.append(QThread.currentThread())
        got[key] = result

    runner.run("check", lambda: 1, lambda r: done("check", r))
    runner.run("export", lambda: 2, lambda r: done("export", r))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=10_000)
    assert got == {"check": 1, "export": 2}
    app = QApplication.instance()
    assert app is not None and all(t is app.thread() for t in threads)


def test_an_exception_is_the_result(qtbot: QtBot) -> None:
    runner = LatestRunner()
    got: list[object] = []

    def fails() -> None:
        raise ValueError("no such chapter")

    runner.run("job", fails, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert isinstance(got[0], ValueError) and str(got[0]) == "no such chapter"


def test_dropped_and_deleted_owners_get_nothing(qtbot: QtBot) -> None:
    started, release = _gate()
    got: list[object] = []
    owner = QObject()
    runner = LatestRunner(owner)

    def slow() -> str:
        started.set()
        release.wait(10)
        return "late"

    runner.run("job", slow, got.append)
    assert started.wait(10)
    runner.drop("job")
    destroyed: list[bool] = []
    owner.destroyed.connect(lambda: destroyed.append(True))
    owner.deleteLater()
    qtbot.waitUntil(lambda: destroyed == [True], timeout=5000)
    release.set()
    other = LatestRunner()  # the program goes on using runners
    seen: list[object] = []
    other.run("job", lambda: "fine", seen.append)
    qtbot.waitUntil(lambda: seen == ["fine"], timeout=10_000)
    assert got == []
