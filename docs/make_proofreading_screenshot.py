"""Make docs/screenshot-proofreading.png: grammar (blue), typography (green) and spelling
(red) underlines side by side, the right-click menu on a grammar slip, and the
proofreading panel with its likely-names group and per-class counts, on the sample
story in the dark theme (`light` as the first argument for the light one).

Run under Xvfb from the repository root (the menu is a separate window, so the
window's part of the screen is grabbed):

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/make_proofreading_screenshot.py
"""

# ruff: noqa: PLC0415 (imports after the settings folders are pointed at a scratch folder)
from __future__ import annotations

import sys
from typing import Any

from shots import ROOT, sample_copy, scratch_home


def rect_height(editor: object, cursor: object) -> int:
    """A line's height at `cursor` (the menu opens just below the clicked line)."""
    return int(editor.cursorRect(cursor).height() * 0.8)  # type: ignore[attr-defined]


def slip_into(editor: Any) -> None:
    """A paragraph as a writer might slip, at the top: a grammar slip, two spaces, a
    misspelling and an invented name used twice (the panel groups it as a name)."""
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    cursor.insertText(
        "Old Kessrin said they could of waited for the tide.  It was wierd, "
        "and Kessrin knew it.\n\n"
    )
    editor.setTextCursor(cursor)
    editor.verticalScrollBar().setValue(0)


def main() -> int:
    scratch = scratch_home()
    from PySide6.QtCore import QElapsedTimer, QPoint
    from PySide6.QtGui import QGuiApplication

    from studio.ui.app import application, create_window
    from studio.ui.features.preferences import PreferencesFeature
    from studio.ui.proofread import ProofreadFeature
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
    assert proofread is not None
    preferences = window.findChild(PreferencesFeature)
    assert preferences is not None
    preferences.set_theme(ThemeChoice(sys.argv[1] if len(sys.argv) > 1 else "dark"))
    window.resize(1280, 800)
    window.move(0, 0)
    window.open_project(story)
    window.show()
    proofread.show()
    chapter = window.project.chapters[1] if window.project else None
    assert chapter is not None
    window.show_chapter(chapter.file)
    editor = window.focused_pane().editor
    slip_into(editor)
    layer = proofread.layers[chapter.file]
    timer = QElapsedTimer()
    timer.start()
    while (proofread.busy or not layer.lines or proofread._timer.isActive()) and (
        timer.elapsed() < 120_000
    ):
        settle(200)  # the first check of a story builds Harper: give it time
    settle(500)
    found = editor.document().find("could of")
    at = editor.textCursor()
    at.setPosition(found.selectionEnd() - 1)
    point = editor.cursorRect(at).center()
    menu = editor.build_context_menu(point)
    below = QPoint(point.x(), point.y() + rect_height(editor, at))  # the line stays seen
    menu.popup(editor.viewport().mapToGlobal(below))
    settle(800)
    frame = window.frameGeometry()
    shot = QGuiApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    )
    target = ROOT / "docs" / "screenshot-proofreading.png"
    shot.save(str(target))
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
