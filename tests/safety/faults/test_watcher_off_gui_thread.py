"""Issue 14 item 9, the watcher's side: its first scan reads the story's files on its
own thread, never on the caller's (the window's GUI thread), so a FIFO, a slow disk
or a folder of many chapters never holds the window at open.

Which thread opens which file is observed with Python's audit hook (the `open` event,
which `os.open` and `open` raise), on real files: nothing of Studio's is replaced.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from studio.safety import ProjectWatcher
from studio.ui.main_window import MainWindow
from tests.safety.windows import with_safety

CH1 = "chapters/01-the-signal.md"


class _Opens:
    """Every file opened under `root` while recording, with the thread that opened it."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.seen: list[tuple[str, threading.Thread]] = []

    def hook(self, event: str, args: tuple[object, ...]) -> None:
        root = self.root
        if root is None or event != "open" or not args:
            return
        path = args[0]
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(root):
            self.seen.append((os.fspath(path), threading.current_thread()))

    def on(self, thread: threading.Thread, part: str) -> list[str]:
        return [path for path, t in self.seen if t is thread and part in path]


_OPENS = _Opens()
sys.addaudithook(_OPENS.hook)  # audit hooks stay for the process: it records only when asked


@pytest.fixture
def opens(story: Path) -> Iterator[_Opens]:
    _OPENS.seen.clear()
    _OPENS.root = str(story.resolve())
    try:
        yield _OPENS
    finally:
        _OPENS.root = None


def test_start_reads_no_file_and_the_scan_comes_after(story: Path, opens: _Opens) -> None:
    os.mkfifo(story / "chapters" / "99-pipe.md")
    watcher = ProjectWatcher(story, lambda changes: None)
    caller = threading.current_thread()
    watcher.start()
    try:
        assert opens.on(caller, "chapters/") == [] and opens.on(caller, "story.toml") == []
        assert watcher.wait_until_scanned(5)
        # the watcher's thread read the chapters and recorded them; never the FIFO
        read = [path for path, thread in opens.seen if thread is not caller]
        assert any(path.endswith(CH1) for path in read)
        assert watcher.ledger.was_present(CH1)
        assert not watcher.ledger.was_present("chapters/99-pipe.md")
        deadline = time.monotonic() + 5
        while not watcher.idle:
            assert time.monotonic() < deadline, "the watcher never settled"
            time.sleep(0.02)
    finally:
        watcher.stop()


def test_a_fifo_in_chapters_never_holds_the_window_at_open(
    qtbot: QtBot, story: Path, opens: _Opens
) -> None:
    os.mkfifo(story / "chapters" / "99-pipe.md")  # nobody ever writes into it
    window = MainWindow()
    qtbot.addWidget(window)
    safety = with_safety(window)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    gui = threading.current_thread()
    try:
        started = time.monotonic()
        assert window.open_project(story)
        assert safety.bridge is not None
        watcher = safety.bridge.watcher
        qtbot.waitUntil(lambda: watcher.idle, timeout=5000)
        qtbot.waitUntil(lambda: len([t for t in ticks if t > started]) >= 3, timeout=2000)
        # The window's thread never touched the FIFO: the first scan (every chapter,
        # the FIFO tried without blocking and skipped) ran on the watcher's thread.
        # (The background word count reads the listed chapters in steps on the
        # window's thread, never an unlisted file.)
        assert opens.on(gui, "99-pipe.md") == []
        off_gui = [path for path, thread in opens.seen if thread is not gui]
        assert any(path.endswith("99-pipe.md") for path in off_gui)
        assert any(path.endswith("03-harbour-lights.md") for path in off_gui)
        assert not watcher.ledger.was_present("chapters/99-pipe.md")
        # and the window still answers: the first chapter is editable
        editor = window.focused_pane().editor
        assert editor.document().characterCount() > 1 and not editor.isReadOnly()
    finally:
        timer.stop()
        safety.finish()
