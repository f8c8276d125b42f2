"""Issue 14 item 2: every write compares the file with what Studio last loaded or wrote
just before replacing it.

Another process (started beforehand, so its start-up is no part of the timing) writes
the open chapter at a controlled offset from the autosave the author's typing armed,
from 300 ms before it to 50 ms after, while the window runs its event loop (the test
only ever waits with `qtbot.waitUntil`). Whatever the order, no text is lost: either the
conflict bar is up (the other program's text in the file, hers in the editor and the
journal), or Studio saved first and reloaded the other program's text (then hers, as
Studio saved it, is in a backup). Studio never says "Reloaded" unless the editor then
holds exactly the file's text.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.safety import Journal, list_backups
from studio.ui.safety.bars import ConflictBar
from tests.safety.faults.outside import TimedWriter
from tests.safety.windows import Opened, opened_story
from tests.ui_helpers import as_shown

CH1 = "chapters/01-the-signal.md"
AUTOSAVE = 800  # long enough that the earliest write is well after the typing
MINE = " Mine, typed in Studio."
OFFSETS_MS = [-300, -150, -50, -10, 0, 10, 50]


@pytest.fixture
def writer() -> Iterator[TimedWriter]:
    other = TimedWriter()
    yield other
    other.close()


def _settled(opened: Opened, theirs: str) -> bool:
    """The window has dealt with the other program's write: a conflict, or a reload."""
    pane = opened.pane
    if isinstance(pane.bar(), ConflictBar):
        return True
    return not pane.is_dirty and pane.editor.toPlainText() == as_shown(theirs)


def _backed_up(story: Path, file: str, text: str) -> bool:
    for backup in list_backups(story):
        with zipfile.ZipFile(backup.path) as archive:
            if file in archive.namelist() and as_shown(archive.read(file).decode("utf-8")) == text:
                return True
    return False


@pytest.mark.parametrize("how", ["replace", "in-place"])
@pytest.mark.parametrize("offset_ms", OFFSETS_MS)
def test_an_outside_write_around_the_autosave_loses_nothing(
    qtbot: QtBot, story: Path, writer: TimedWriter, offset_ms: int, how: str
) -> None:
    with opened_story(qtbot, story, autosave_ms=AUTOSAVE) as opened:
        pane, session = opened.pane, opened.window.session
        document = pane.document
        assert document is not None
        compared: list[float] = []  # when the autosave compared with the disk
        session.document_saved.connect(lambda _d: compared.append(time.monotonic()))
        session.conflict.connect(lambda _f, _t: compared.append(time.monotonic()))
        original = opened.disk(CH1)
        theirs = original + f"\nTheirs, {offset_ms:+d} ms from the autosave.\n"
        mine = as_shown(original) + MINE  # as the editor has it
        pane.editor.setFocus()
        pane.editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(pane.editor, MINE)
        due = document.autosave_due()
        assert due is not None
        writer.write_at(due + offset_ms / 1000, story / CH1, theirs, how=how)
        qtbot.waitUntil(writer.done, timeout=10_000)
        qtbot.waitUntil(lambda: _settled(opened, theirs), timeout=10_000)
        qtbot.wait(400)  # the watcher's quiet period and a moment more: nothing else comes

        assert opened.disk(CH1) == theirs  # Studio wrote nothing after the other program
        assert writer.written_at is not None
        order = f"written {1000 * (writer.written_at - due):+.0f} ms from the autosave due"
        if compared:
            order += f", compared {1000 * (compared[0] - due):+.0f} ms"
        if isinstance(pane.bar(), ConflictBar):
            assert pane.editor.toPlainText() == mine, order  # hers waits in the editor
            assert pane.is_dirty
            assert opened.safety.journal is not None
            assert opened.safety.journal.flush()
            entries = {e.file: e.text for e in Journal(story).entries()}
            assert as_shown(entries.get(CH1, "")) == mine, order  # and in the journal
        else:
            # The autosave came first, then the other program: a reload is right, and
            # her text as Studio saved it is kept.
            assert pane.editor.toPlainText() == as_shown(theirs), order
            assert compared, order
            opened.safety.wait_for_backup()
            assert _backed_up(story, CH1, mine), order
        if "Reloaded" in opened.window.statusBar().currentMessage():
            assert pane.editor.toPlainText() == opened.disk_as_edited(CH1)
