"""Run in Studio's environment: what the recovery journal costs the keystroke.

    python journal_probe.py PROJECT CONFIG_DIR KEYS

The real window with every feature (app.create_window), offscreen, on PROJECT. It
types KEYS keystrokes in the middle of the first chapter at a steady 10 a second
(so the journal's timers fire as they do for an author: the idle write never, the
once-a-second write every tenth keystroke), timing each keystroke with the events
it causes, and times on its own the journal's hand-over on the GUI thread
(`journal_now(everything=False)` after one keystroke, as the typing timers call it:
copying the chapter's text for the journal's own thread).
Blocks of keystrokes with the journal following alternate with blocks where it is
switched off (the controller's `journal` set aside), the reference. Besides each
keystroke's own time, the longest the GUI thread was busy between two keystrokes
(the stall a key arriving then would wait out) is measured. Prints JSON:
`handover_ms` (median), `handover_max_ms`, `key_p50_ms`, `key_p95_ms` and
`key_p95_off_ms`, `stall_p95_ms` and `stall_p95_off_ms`, `journal_writes` (texts
handed over while typing) and `chapter_words`.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

PACE_S = 0.1
BLOCK = 25  # keystrokes with the journal on, then as many with it off, and so on


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    project, config, keys = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    os.environ["XDG_CONFIG_HOME"] = str(config)
    os.environ["XDG_DATA_HOME"] = str(config / "data")
    os.environ["XDG_STATE_HOME"] = str(config / "state")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from studio.safety import JournalWriter
    from studio.ui.app import application, create_window
    from studio.ui.safety.controller import ProjectSafety

    app = application()
    window = create_window()
    window.resize(1280, 800)
    window.show()
    if not window.open_project(project):
        raise SystemExit(window.start_page.error.text())
    window.prefs.autosave_ms = 600_000  # no save: the journal alone follows the typing
    window.documents.set_autosave_interval(600_000)  # type: ignore[union-attr]
    safety = window.findChild(ProjectSafety)
    assert safety is not None and isinstance(safety.journal, JournalWriter)
    editor = window.focused_pane().editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.setFocus()
    _settle(app)

    handovers = []
    for _ in range(30):
        QTest.keyClick(editor, Qt.Key.Key_A)
        start = time.perf_counter()
        safety.journal_now(everything=False)  # what the typing timers do
        handovers.append((time.perf_counter() - start) * 1000)
        safety.journal.flush()

    journal = safety.journal
    written = _writes(journal)
    runs: dict[bool, tuple[list[float], list[float]]] = {True: ([], []), False: ([], [])}
    for n in range(keys):
        on = (n // BLOCK) % 2 == 1  # blocks with the journal following, and without
        safety.journal = journal if on else None
        keystrokes, stalls = runs[on]
        key = Qt.Key.Key_Space if n % 6 == 5 else Qt.Key.Key_A
        due, stall = time.monotonic() + PACE_S, 0.0
        while time.monotonic() < due:  # the timers fire here, as between an author's keys
            start = time.perf_counter()
            app.processEvents()
            stall = max(stall, time.perf_counter() - start)
            time.sleep(0.002)
        stalls.append(stall * 1000)
        start = time.perf_counter()
        QTest.keyClick(editor, key)
        app.processEvents()
        keystrokes.append((time.perf_counter() - start) * 1000)
    safety.journal = journal
    words = len(window.focused_pane().document.text().split())  # type: ignore[union-attr]

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    print(
        json.dumps(
            {
                "handover_ms": statistics.median(handovers),
                "handover_max_ms": max(handovers),
                "key_p50_ms": statistics.median(runs[True][0]),
                "key_p95_ms": p95(runs[True][0]),
                "key_p95_off_ms": p95(runs[False][0]),
                "stall_p95_ms": p95(runs[True][1]),
                "stall_p95_off_ms": p95(runs[False][1]),
                "journal_writes": written(),  # type: ignore[operator]
                "chapter_words": words,
            }
        )
    )
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown: nothing more to measure


def _settle(app: object, quiet_s: float = 1.5, give_up_s: float = 60.0) -> None:
    """Wait out the start-up work (the background word count of every chapter): until
    the event loop has had nothing longer than 5 ms to do for `quiet_s`."""
    give_up = time.monotonic() + give_up_s
    quiet_since = time.monotonic()
    while time.monotonic() < give_up and time.monotonic() - quiet_since < quiet_s:
        start = time.perf_counter()
        app.processEvents()  # type: ignore[attr-defined]
        if time.perf_counter() - start > 0.005:
            quiet_since = time.monotonic()
        time.sleep(0.01)


def _writes(journal: object) -> object:
    """A counter of the texts handed to the journal (wraps its `record`)."""
    count = [0]
    record = journal.record  # type: ignore[attr-defined]

    def counting(*args: object) -> None:
        count[0] += 1
        record(*args)

    journal.record = counting  # type: ignore[attr-defined]
    return lambda: count[0]


if __name__ == "__main__":
    main()
