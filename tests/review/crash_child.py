"""A Studio that types into a chapter, then suggests changes in Suggest mode, and waits
to be killed before anything is saved (for the review crash test)."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from studio.ui.app import application, create_window
from studio.ui.review.feature import ReviewFeature

NEVER_MS = 600_000  # the kill comes long before any save


def main() -> None:
    app = application()
    window = create_window()
    window.prefs.autosave_ms = NEVER_MS
    assert window.open_project(sys.argv[1])
    assert window.documents is not None
    window.documents.set_autosave_interval(NEVER_MS)
    feature = window.findChild(ReviewFeature)
    assert feature is not None
    feature.state.set_save_interval(NEVER_MS)
    window.show()
    window.activateWindow()
    editor = window.focused_pane().editor
    editor.setFocus()
    # The author's own typing, not saved: it goes to the chapter journal.
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(editor, " The gulls went quiet before the storm.")
    # Suggest mode (Review ▸ Suggest Changes), then a replacement in the saved text and
    # one in the words just typed.
    window.shell.action("review.suggest").trigger()
    assert feature.suggesting
    for words, typed in (("her self", "herself"), ("went quiet", "fell silent")):
        editor.setTextCursor(editor.document().find(words))
        QTest.keyClicks(editor, typed)
    print("typed", flush=True)
    QTimer.singleShot(20_000, app.quit)  # never outlive the test
    app.exec()


if __name__ == "__main__":
    main()
