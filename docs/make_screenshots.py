"""Make the README's screenshots: the sample story in split view, light and dark.

Run under Xvfb (or QT_QPA_PLATFORM=offscreen) from the repository root:

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/make_screenshots.py

It works on a copy of the sample story in a temporary folder, with its own settings.
"""

# ruff: noqa: PLC0415 (imports after the settings folders are pointed at a scratch folder)
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="studio-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ["XDG_DATA_HOME"] = str(scratch / "data")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor

    from studio.ui.app import application
    from studio.ui.main_window import MainWindow
    from studio.ui.theme import ThemeChoice

    story = scratch / "salt-and-static"
    shutil.copytree(ROOT / "projects" / "salt-and-static", story)
    app = application()
    shots = sys.argv[1:] or ["light", "dark"]
    for name in shots:
        window = MainWindow()
        window.set_theme(ThemeChoice(name))
        window.resize(1280, 800)
        window.open_project(story)
        window.show()
        window.set_split(True)
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
        QTimer.singleShot(300, app.quit)
        app.exec()
        target = ROOT / "docs" / f"screenshot-{name}.png"
        window.grab().save(str(target))
        print(target)
        window.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
