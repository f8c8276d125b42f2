"""Edit ▸ Undo, Redo, Cut, Copy, Paste, Select All: the focused editor's own commands,
declared once so the menus, the shortcuts and focus mode share them."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell

_KEYS = QKeySequence.StandardKey
COMMANDS = (
    ("edit.undo", "&Undo", "edit/undo", "undo", _KEYS.Undo),
    ("edit.redo", "&Redo", "edit/undo", "redo", _KEYS.Redo),
    ("edit.cut", "Cu&t", "edit/clipboard", "cut", _KEYS.Cut),
    ("edit.copy", "&Copy", "edit/clipboard", "copy", _KEYS.Copy),
    ("edit.paste", "&Paste", "edit/clipboard", "paste", _KEYS.Paste),
    ("edit.select_all", "Select &All", "edit/clipboard", "selectAll", _KEYS.SelectAll),
)


def install(shell: Shell, _session: StorySession) -> None:
    def call(name: str) -> None:
        editor = shell.focused_editor()
        if editor is not None:
            getattr(editor, name)()

    for action_id, text, menu, name, key in COMMANDS:
        shell.add_action(
            ActionSpec(action_id, text, menu, lambda n=name: call(n), key, needs_story=True)
        )
