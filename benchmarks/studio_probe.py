"""Run in Studio's environment: the real Studio window, offscreen, on a project.

    python studio_probe.py open PROJECT CONFIG_DIR STARTED_AT
    python studio_probe.py open-bare PROJECT CONFIG_DIR STARTED_AT
    python studio_probe.py type PROJECT CONFIG_DIR KEYS

The twin of novelwriter_probe.py, measuring the same things the same way: `open`
reports the seconds from STARTED_AT (time.time() taken by the caller just before it
started this process) until the first chapter is in the editor and editable, and peak
memory once startup work (the background word count) has settled; `type` reports
the time to handle each of KEYS keystrokes in the middle of the first chapter,
including highlighting and painting. `open` uses the window as `studio` shows it,
every feature installed (app.create_window); `open-bare` the main window alone, to
see what the features add.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

SETTLE_S = 2.0


def _window(project: Path, config: Path, bare: bool = False) -> tuple[object, object]:
    os.environ["XDG_CONFIG_HOME"] = str(config)
    os.environ["XDG_DATA_HOME"] = str(config / "data")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if bare:  # only what the main window itself imports
        from PySide6.QtWidgets import QApplication

        from studio.ui.main_window import MainWindow

        app = QApplication.instance() or QApplication(["studio"])
        window = MainWindow()
    else:
        from studio.ui.app import application, create_window

        app = application()
        window = create_window()
    window.resize(1280, 800)
    window.show()
    if not window.open_project(project):
        raise SystemExit(window.start_page.error.text())
    return app, window


def open_project(
    project: Path, config: Path, started_at: float, bare: bool = False
) -> dict[str, float]:
    app, window = _window(project, config, bare)
    editor = window.focused_pane().editor  # type: ignore[attr-defined]
    give_up = time.monotonic() + 300
    while editor.document().characterCount() <= 100 or editor.isReadOnly():
        if time.monotonic() > give_up:
            raise SystemExit("Studio never showed an editable chapter")
        app.processEvents()  # type: ignore[attr-defined]
    app.processEvents()  # type: ignore[attr-defined]
    result = {"first_editable_s": time.time() - started_at}
    end = time.monotonic() + SETTLE_S
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def type_keys(project: Path, config: Path, keys: int) -> dict[str, float]:
    app, window = _window(project, config)
    editor = window.focused_pane().editor  # type: ignore[attr-defined]
    return time_keys(app, editor, keys)


def time_keys(app: object, editor: object, keys: int) -> dict[str, float]:
    """Type KEYS keystrokes at the end of the middle paragraph of `editor`, each timed
    through its highlighting and painting (shared with plaintext_probe.py)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    cursor = editor.textCursor()  # type: ignore[attr-defined]
    cursor.setPosition(editor.document().characterCount() // 2)  # type: ignore[attr-defined]
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)  # type: ignore[attr-defined]
    editor.setFocus()  # type: ignore[attr-defined]
    for _ in range(20):
        app.processEvents()  # type: ignore[attr-defined]
    times = []
    for n in range(keys):
        key = Qt.Key.Key_Space if n % 6 == 5 else Qt.Key.Key_A
        start = time.perf_counter()
        QTest.keyClick(editor, key)  # type: ignore[arg-type]
        app.processEvents()  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": statistics.quantiles(times, n=20)[-1],
        "max_ms": max(times),
    }


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode, *args = sys.argv[1:]
    if mode in ("open", "open-bare"):
        bare = mode == "open-bare"
        print(json.dumps(open_project(Path(args[0]), Path(args[1]), float(args[2]), bare)))
    elif mode == "type":
        print(json.dumps(type_keys(Path(args[0]), Path(args[1]), int(args[2]))))
    else:
        raise SystemExit(f"unknown mode {mode}")
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown (and the autosave on close): nothing more to measure


if __name__ == "__main__":
    main()
