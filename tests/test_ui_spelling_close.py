"""Closing while the spell checker's worker still runs: its result goes nowhere, and
nothing is raised. (The session ran its own thread pool, each job with a signal
object of its own, freed with the job on the GUI thread: `RuntimeError: Signal
source has been deleted` was seen at close. It now runs on a `LatestRunner`, whose
results travel through one relay that lives as long as the program. The error did
not show in this test on the old code either: it guards the close paths.)"""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.ui.app import create_window
from studio.ui.spelling import SpellingFeature
from tests.ui_helpers import feature


def _made_up_words(n: int) -> list[str]:
    """Words no dictionary has, each new (so each is really looked up)."""
    letters = "bcdfghjklmnpqrstvwxz"
    return ["".join(letters[(i // 20**k) % 20] for k in range(5)) + "ovrith" for i in range(n)]


@pytest.mark.parametrize("how", ["story", "window", "deleted"])
def test_closing_during_a_spelling_check_raises_nothing(
    qtbot: QtBot, sample_copy: Path, how: str, capfd: pytest.CaptureFixture[str]
) -> None:
    errors: list[object] = []
    hooks = (sys.excepthook, threading.excepthook, sys.unraisablehook)
    sys.excepthook = lambda *args: errors.append(args)
    threading.excepthook = errors.append
    sys.unraisablehook = errors.append
    try:
        window = create_window()
        if how != "deleted":
            qtbot.addWidget(window)
        assert window.open_project(sample_copy)
        window.show()
        spelling = feature(window, SpellingFeature)
        session = spelling.session
        assert session is not None
        qtbot.waitUntil(lambda: not session.busy, timeout=10_000)
        delivered: list[object] = []
        session.updated.connect(lambda: delivered.append(True))
        for word in _made_up_words(60_000):
            session.verdict(word)
        session._check_pending()  # the debounce's batch, now
        assert session.busy
        if how == "story":
            window.close_project()
        elif how == "window":
            assert window.close()
        else:  # the window goes with the story open (the program ending)
            window.deleteLater()
        gc.collect()
        qtbot.wait(4000)  # the worker ends and hands its result over
        gc.collect()
        assert not delivered
    finally:
        sys.excepthook, threading.excepthook, sys.unraisablehook = hooks
    assert errors == []
    assert "Signal source has been deleted" not in capfd.readouterr().err
