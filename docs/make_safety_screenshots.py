"""Screenshots of the conflict bar and the compare view, light and dark.

Run under Xvfb from the repository root:

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/make_safety_screenshots.py

It types into a copy of the sample story, changes the same chapter "in another editor",
waits for the real watcher to raise the conflict bar, grabs the window, then opens
Compare and grabs that.
"""

# ruff: noqa: PLC0415 (imports after the settings folders are pointed at a scratch folder)
from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shots import ROOT, sample_copy, scratch_home


def main() -> int:
    scratch = scratch_home("studio-safety-shots-")
    from studio.ui.app import application

    app = application()

    def wait_for(condition: Callable[[], bool], seconds: float = 3.0) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the conflict bar did not come")
            app.processEvents()
            time.sleep(0.01)

    for theme in sys.argv[1:] or ["dark", "light"]:
        shoot(app, scratch, theme, wait_for)
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


def shoot(app: Any, scratch: Path, theme: str, wait_for: Callable[..., None]) -> None:
    """Raise the conflict bar in the real window, grab it, then grab Compare."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from studio.ui.app import create_window
    from studio.ui.safety.bars import ConflictBar
    from studio.ui.safety.controller import ProjectSafety
    from studio.ui.theme import ThemeChoice

    story = sample_copy(scratch, f"salt-and-static-{theme}")
    window = create_window()  # the window as `studio` shows it, every feature in
    safety = window.findChild(ProjectSafety)
    assert safety is not None
    window.prefs.theme = ThemeChoice(theme)
    window.shell.set_preferences(window.prefs)
    window.resize(1280, 800)
    window.open_project(story)
    assert window.documents is not None
    window.documents.set_autosave_interval(600_000)
    window.show()
    pane = window.all_panes[0]
    editor = pane.editor
    editor.setFocus()
    cursor = editor.textCursor()
    text = editor.toPlainText()
    cursor.setPosition(text.index("she climbed the stairs"))
    editor.setTextCursor(cursor)
    QTest.keyClicks(editor, "slowly, ")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, "Nobody answered, but the static changed its shape.")
    chapter = story / "chapters" / "01-the-signal.md"
    theirs = chapter.read_text(encoding="utf-8").replace(
        "The lamp turned above her head", "The great lamp turned above her head", 1
    )
    chapter.write_text(theirs + "\nThe radio clicked twice, then went quiet.\n")
    wait_for(lambda: isinstance(pane.bar(), ConflictBar))
    for _ in range(30):
        app.processEvents()
    target = ROOT / "docs" / f"safety-conflict-{theme}.png"
    window.grab().save(str(target))
    print(target)
    pane.bar().button("compare").click()  # type: ignore[union-attr]
    dialog = safety.compare_dialog
    assert dialog is not None
    for _ in range(30):
        app.processEvents()
    target = ROOT / "docs" / f"safety-compare-{theme}.png"
    dialog.grab().save(str(target))
    print(target)
    dialog.reject()
    safety.finish()
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
