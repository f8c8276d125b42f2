"""A Studio that types into a chapter and then waits to be killed (for the crash test)."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from studio.ui.app import application
from studio.ui.main_window import MainWindow
from tests.safety.windows import with_safety


def main() -> None:
    app = application()
    window = MainWindow()
    with_safety(window)
    window.prefs.autosave_ms = 600_000  # the crash comes before any autosave
    assert window.open_project(sys.argv[1])
    assert window.documents is not None
    window.documents.set_autosave_interval(600_000)
    window.show()
    editor = window.all_panes[0].editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(editor, " Typed just before the crash.")
    print("typed", flush=True)
    QTimer.singleShot(20_000, app.quit)  # never outlive the test
    app.exec()


if __name__ == "__main__":
    main()
