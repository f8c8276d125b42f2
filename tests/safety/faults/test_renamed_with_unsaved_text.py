"""An open chapter renamed outside while it has unsaved text keeps that text (found by
the soak benchmark's renames: the pane followed the new name but loaded only what was
saved, and the typing since the last save left the editor).

Another process renames the file (as a file manager does); the watcher sees the old
name go and the same content come back under a new one, a rename. The entry follows
it, the pane shows the new file, and the author's unsaved text is still in the editor
as an unsaved edit that autosave writes under the new name. Renamed while the
conflict bar is up, the choice waits on under the new name.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.story import Project
from studio.ui.safety.bars import ConflictBar
from tests.safety.faults.outside import write_outside
from tests.safety.windows import opened_story
from tests.ui_helpers import as_shown

CH1 = "chapters/01-the-signal.md"
NEW = "chapters/01-the-signal-renamed.md"
MINE = " Typed and not yet saved."


def test_a_rename_outside_keeps_the_unsaved_text(qtbot: QtBot, story: Path) -> None:
    with opened_story(qtbot, story, autosave_ms=150) as opened:
        window = opened.window
        assert window.documents is not None
        window.documents.set_autosave_interval(60_000)  # the typing stays unsaved
        saved = (story / CH1).read_text(encoding="utf-8")
        pane = window.all_panes[0]
        pane.editor.setFocus()
        pane.editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(pane.editor, MINE)
        rename = "import os, sys; os.replace(sys.argv[1], sys.argv[2])"
        subprocess.run([sys.executable, "-c", rename, story / CH1, story / NEW], check=True)

        def followed() -> bool:
            return pane.document is not None and pane.document.file == NEW

        qtbot.waitUntil(followed, timeout=5000)
        assert pane.editor.toPlainText().endswith(MINE)
        assert NEW in [c.file for c in Project.load(story).chapters]
        window.documents.set_autosave_interval(150)
        pane.document.save()  # type: ignore[union-attr]
        assert as_shown((story / NEW).read_text(encoding="utf-8")) == as_shown(saved) + MINE
        assert not (story / CH1).exists()


def test_a_rename_during_a_conflict_keeps_both_texts(qtbot: QtBot, story: Path) -> None:
    """The conflict bar is up (her unsaved text, another program's in the file) when the
    file is renamed: the choice waits on under the new name, and no save writes hers
    over theirs meanwhile."""
    with opened_story(qtbot, story, autosave_ms=150) as opened:
        window, safety = opened.window, opened.safety
        assert window.documents is not None
        window.documents.set_autosave_interval(60_000)
        pane = window.all_panes[0]
        pane.editor.setFocus()
        pane.editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(pane.editor, MINE)
        theirs = "Another program's version of the chapter.\n"
        write_outside(story / CH1, theirs, how="replace")
        qtbot.waitUntil(lambda: CH1 in safety.outside.conflicts, timeout=5000)
        window.documents.set_autosave_interval(150)
        rename = "import os, sys; os.replace(sys.argv[1], sys.argv[2])"
        subprocess.run([sys.executable, "-c", rename, story / CH1, story / NEW], check=True)
        qtbot.waitUntil(
            lambda: pane.document is not None and pane.document.file == NEW, timeout=5000
        )
        assert pane.editor.toPlainText().endswith(MINE)
        assert NEW in safety.outside.conflicts and CH1 not in safety.outside.conflicts
        assert isinstance(pane.bar(), ConflictBar)
        qtbot.wait(800)  # past the autosave pause: it must not write
        assert (story / NEW).read_text(encoding="utf-8") == theirs
