"""Make the README's screenshots: the sample story in split view, light and dark.

Run under Xvfb (or QT_QPA_PLATFORM=offscreen) from the repository root:

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/make_screenshots.py

It works on a copy of the sample story in a temporary folder, with its own settings.
"""

# ruff: noqa: PLC0415 (imports after the settings folders are pointed at a scratch folder)
from __future__ import annotations

import shutil
import sys

from shots import ROOT, sample_copy, scratch_home


def main() -> int:
    scratch = scratch_home()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QTextCursor

    from studio.ui.app import application, create_window
    from studio.ui.theme import ThemeChoice

    story = sample_copy(scratch)
    app = application()
    shots = sys.argv[1:] or ["light", "dark"]
    for name in shots:
        window = create_window()
        window.prefs.theme = ThemeChoice(name)
        window.shell.set_preferences(window.prefs)
        window.resize(1280, 800)
        window.open_project(story)
        window.show()
        window.shell.set_split(True)
        chapters = window.project.chapters if window.project else []
        window.show_chapter(chapters[0].file, window.all_panes[0])
        window.show_chapter(chapters[-1].file, window.all_panes[1])
        right = window.all_panes[1].editor
        cursor = right.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        right.setTextCursor(cursor)
        right.centerCursor()
        window.all_panes[0].editor.setFocus()
        window.metadata.setCurrentIndex(0)
        for _ in range(30):
            app.processEvents()
        loop = QEventLoop()  # not app.exec(): quitting the app would close the window
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        target = ROOT / "docs" / f"screenshot-{name}.png"
        window.grab().save(str(target))
        print(target)
        window.close()
        for _ in range(10):  # let the window finish closing (the story's lock is let go)
            app.processEvents()
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
