"""The story session: read-only refuses every write and every story-changing action,
a write never replaces a file changed outside Studio, and Studio's own writes are
recorded so the watcher does not report them."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from studio.errors import StudioError
from studio.story.paths import STORY_FILE
from studio.ui.app import create_window
from studio.ui.main_window import MainWindow
from studio.ui.session import ReadOnlyError, StorySession, WriteConflictError
from tests.safety.test_window_safety import _answer_lock_prompt, _live_holder
from tests.ui_helpers import open_window

CH1 = "chapters/01-the-signal.md"


def _files(story: Path) -> dict[str, bytes]:
    return {
        p.relative_to(story).as_posix(): p.read_bytes()
        for p in sorted(story.rglob("*"))
        if p.is_file() and ".studio" not in p.parts
    }


@pytest.fixture
def read_only_window(qtbot: QtBot, sample_copy: Path) -> Iterator[MainWindow]:
    """Every feature installed (as the app has them), the story locked by another Studio."""
    holder: subprocess.Popen[bytes] = _live_holder(sample_copy)
    window = create_window()
    qtbot.addWidget(window)
    _answer_lock_prompt("read_only_button")
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        window.close_project()
        holder.kill()
        holder.wait()


def test_every_action_that_changes_the_story_is_off_when_read_only(
    read_only_window: MainWindow, sample_copy: Path
) -> None:
    window = read_only_window
    shell = window.shell
    changing = [spec for spec in shell.specs() if spec.changes_story]
    assert len(changing) >= 5  # save, chapters, replace, … (derived from the declarations)
    for spec in changing:
        assert not shell.action(spec.id).isEnabled(), spec.id
    # The application's own features (APP_FEATURES) are in the walk too.
    assert {"lyrics.mark", "lyrics.unmark"} <= {spec.id for spec in changing}
    editor = window.focused_pane().editor
    menu = editor.build_context_menu(editor.cursorRect().center())
    shown = [a for a in menu.actions() if a.objectName() in {s.id for s in changing}]
    assert shown and not any(a.isEnabled() for a in shown)  # the right-click menu too
    menu.deleteLater()
    reading = [spec for spec in shell.specs() if spec.needs_story and not spec.changes_story]
    assert reading and all(shell.action(spec.id).isEnabled() for spec in reading)
    assert shell.action("file.export").isEnabled()  # reads the story, writes outside it
    assert shell.action("file.import").isEnabled()  # writes a new story, not this one
    assert all(pane.editor.isReadOnly() for pane in window.all_panes)
    assert not window.metadata.isEnabled()


def test_every_session_write_refuses_when_read_only(
    read_only_window: MainWindow, sample_copy: Path
) -> None:
    session = read_only_window.session
    before = _files(sample_copy)
    assert session.project is not None
    session.project.work.summary = "Changed while read-only."
    attempts = [
        lambda: session.write_file(CH1, "overwritten"),
        lambda: session.write_file("dictionary.txt", "word\n"),
        session.save_story,
        lambda: session.add_word("Glimmerfax"),
        lambda: session.edit_cursor(QTextDocument()),
        lambda: session.changing().__enter__(),
    ]
    for attempt in attempts:
        with pytest.raises(ReadOnlyError):
            attempt()
    read_only_window.save_all()
    assert _files(sample_copy) == before


def test_a_write_never_replaces_a_file_changed_outside(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy)  # no watcher: only the write's own check
    session = window.session
    theirs = "Written by another program.\n"
    (sample_copy / CH1).write_text(theirs, encoding="utf-8")
    conflicts: list[tuple[str, object]] = []
    session.conflict.connect(lambda file, text: conflicts.append((file, text)))
    with pytest.raises(WriteConflictError):
        session.write_file(CH1, "Studio's text.\n")
    assert (sample_copy / CH1).read_text(encoding="utf-8") == theirs
    assert conflicts == [(CH1, theirs)]
    session.accept_disk(CH1)  # the author chose Keep mine
    session.write_file(CH1, "Studio's text.\n")
    assert (sample_copy / CH1).read_text(encoding="utf-8") == "Studio's text.\n"
    (sample_copy / STORY_FILE).write_text(
        (sample_copy / STORY_FILE).read_text(encoding="utf-8") + "\n# edited outside\n",
        encoding="utf-8",
    )
    assert session.project is not None
    session.project.work.summary = "Mine."
    with pytest.raises(StudioError):
        session.save_story()
    assert "# edited outside" in (sample_copy / STORY_FILE).read_text(encoding="utf-8")
    session.accept_disk(STORY_FILE)
    assert session.save_story()
    assert 'summary = "Mine."' in (sample_copy / STORY_FILE).read_text(encoding="utf-8")


def test_studios_own_writes_are_known_to_the_watchers_ledger(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    session: StorySession = window.session
    assert session.project is not None
    session.project.work.summary = "A summary Studio wrote."
    assert session.save_story()
    on_disk = (sample_copy / STORY_FILE).read_bytes()
    assert session.disk.seen.is_known(STORY_FILE, on_disk)
    session.write_file(CH1, "New text.\n")
    assert session.disk.seen.is_known(CH1, (sample_copy / CH1).read_bytes())
    assert session.disk.base(CH1) == "New text.\n"


def test_backups_sit_above_quit_and_the_title_follows_the_work(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = create_window()
    qtbot.addWidget(window)
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    try:
        texts = [a.text() for a in window.shell.menu("file").actions() if a.text()]
        assert texts.index("&Backups…") < texts.index("&Quit")
        field = window.metadata.work_tab.fields["title"]
        field.selectAll()  # type: ignore[attr-defined]
        qtbot.keyClicks(field, "A Title Typed Just Now")
        assert window.windowTitle().startswith("A Title Typed Just Now")
        window.shell.action("chapter.new").trigger()
        assert window.focused_pane().header.text() == f"Chapter {len(window.project.chapters)}"  # type: ignore[union-attr]
    finally:
        window.close_project()


def test_split_view_keeps_the_scroll_position(qtbot: QtBot, sample_copy: Path) -> None:
    window = open_window(qtbot, sample_copy, size=(1280, 500))
    editor = window.all_panes[0].editor
    target = editor.document().blockCount() // 2
    block = editor.document().findBlockByNumber(target)
    editor.verticalScrollBar().setValue(block.firstLineNumber())
    qtbot.waitUntil(lambda: editor.firstVisibleBlock().blockNumber() == target)
    window.shell.action("view.split").trigger()
    qtbot.wait(50)
    assert editor.firstVisibleBlock().blockNumber() == target
    window.shell.action("view.split").trigger()
    qtbot.wait(50)
    assert editor.firstVisibleBlock().blockNumber() == target
