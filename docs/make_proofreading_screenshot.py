"""Make docs/screenshot-proofreading.png: spelling underlines, the right-click menu on a
misspelt word, and the proofreading panel, on the sample story in the dark theme.

Run under Xvfb from the repository root (the menu is a separate window, so the whole
screen is grabbed):

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/make_proofreading_screenshot.py
"""

# ruff: noqa: PLC0415 (imports after the settings folders are pointed at a scratch folder)
from __future__ import annotations

import sys

from shots import ROOT, sample_copy, scratch_home


def main() -> int:
    scratch = scratch_home()
    from PySide6.QtCore import QElapsedTimer, QPoint
    from PySide6.QtGui import QGuiApplication

    from studio.ui.app import application, create_window
    from studio.ui.proofread import ProofreadFeature
    from studio.ui.spelling import SpellingFeature
    from studio.ui.theme import ThemeChoice

    story = sample_copy(scratch)
    app = application()

    def settle(ms: int) -> None:
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < ms:
            app.processEvents()

    window = create_window()  # the window as `studio` shows it, every feature in
    proofread = window.findChild(ProofreadFeature)
    spelling = window.findChild(SpellingFeature)
    assert proofread is not None and spelling is not None
    window.prefs.theme = ThemeChoice(sys.argv[1] if len(sys.argv) > 1 else "dark")
    window.shell.set_preferences(window.prefs)
    window.resize(1280, 800)
    window.move(0, 0)
    window.open_project(story)
    window.show()
    proofread.show()
    chapter = window.project.chapters[1] if window.project else None
    assert chapter is not None
    window.show_chapter(chapter.file)
    editor = window.focused_pane().editor
    settle(1500)
    # The panel with a finding selected; the menu of a right-click on "definately".
    panel = proofread.panel
    item = next(i for i in panel.items() if "definately" in i.text(0))
    panel.tree.setCurrentItem(item)
    editor.verticalScrollBar().setValue(0)
    settle(500)
    found = editor.document().find("definately")
    rect = editor.cursorRect(found)
    point = QPoint(rect.center().x() - 4, rect.center().y())
    spelling.show_menu(editor, point)
    settle(800)
    shot = QGuiApplication.primaryScreen().grabWindow(0)
    target = ROOT / "docs" / "screenshot-proofreading.png"
    shot.save(str(target))
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
