"""File → Export… in the real window: it saves first, then exports what the author sees."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.ui.export import ExportDialog
from tests.ui_helpers import open_window


def test_file_menu_has_export(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)
    export = window.shell.action("file.export")
    ids = [a.objectName() for a in window.shell.menu("file").actions()]
    assert ids.index("file.export") < ids.index("file.close")
    assert export.isEnabled()
    assert export.shortcut().toString() == "Ctrl+Shift+E"
    window.close_project()
    assert not export.isEnabled()


def test_export_saves_unsaved_text_first(qtbot: QtBot, sample_copy: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, sample_copy)
    editor = window.focused_pane().editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("\n\nThe kettle sang on the stove.")
    assert window.focused_pane().is_dirty

    window.shell.action("file.export").trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.parent() is window and dialog.isVisible()
    assert not window.focused_pane().is_dirty
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)

    dialog.set_format("docx")
    out = tmp_path / "from-window.docx"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "The kettle sang on the stove." in texts
    dialog.close_button.click()
