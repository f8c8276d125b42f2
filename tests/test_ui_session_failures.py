"""The seven failures of issue 11, each driven in the real window (with the real
folder watcher, lock and features where the failure needs them)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTreeWidget
from pytestqt.qtbot import QtBot

from studio.findings import Finding, Kind
from studio.resources import sample_project
from studio.story.blocks import BlockKind, parse_blocks
from studio.ui.editor.highlighter import BlockState, block_state
from studio.ui.features.find import FindFeature
from studio.ui.features.status import StatusFeature
from studio.ui.main_window import MainWindow
from studio.ui.proofread import ProofreadFeature
from studio.ui.spelling import SpellingFeature
from studio.ui.spelling.menu import word_at_cursor
from tests.safety.test_window_safety import _answer_lock_prompt, _live_holder
from tests.safety.windows import with_safety
from tests.ui_helpers import FAST_AUTOSAVE_MS, feature, open_window, right_click

CH1 = "chapters/01-the-signal.md"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    dest = tmp_path / "salt-and-static"
    shutil.copytree(sample_project(), dest)
    return dest


def _safe_window(qtbot: QtBot, story: Path, size: tuple[int, int] = (1280, 800)) -> MainWindow:
    """The window with the safety controller (lock, watcher) installed before opening."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.prefs.autosave_ms = FAST_AUTOSAVE_MS
    window.safety = with_safety(window)  # type: ignore[attr-defined]
    return window


@pytest.fixture
def watched(qtbot: QtBot, story: Path) -> Iterator[MainWindow]:
    window = _safe_window(qtbot, story)
    assert window.open_project(story)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.safety.finish()  # type: ignore[attr-defined]


# -- 1. keystrokes lost in the Chapter tab ------------------------------------------


def test_1_typing_in_the_chapter_summary_survives_studios_own_saves(
    qtbot: QtBot, watched: MainWindow, story: Path
) -> None:
    window = watched
    tab = window.metadata.chapter_tab
    window.metadata.setCurrentWidget(tab)
    summary = tab.fields["summary"]
    assert isinstance(summary, QPlainTextEdit)
    before = (story / "story.toml").read_text(encoding="utf-8")
    summary.setFocus()
    summary.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(summary, " First words.")
    # story.toml is saved after a short pause; then the watcher sees the write.
    qtbot.waitUntil(lambda: (story / "story.toml").read_text(encoding="utf-8") != before)
    qtbot.wait(1200)
    assert tab.heading.text().startswith("Chapter 1"), tab.heading.text()
    assert summary.isEnabled()
    qtbot.keyClicks(summary, " Then more.")
    assert summary.toPlainText().endswith(" First words. Then more.")
    qtbot.waitUntil(
        lambda: "First words. Then more." in (story / "story.toml").read_text(encoding="utf-8")
    )


# -- 2. read-only writes -------------------------------------------------------------


@pytest.fixture
def read_only(qtbot: QtBot, story: Path) -> Iterator[tuple[MainWindow, Path]]:
    holder: subprocess.Popen[bytes] = _live_holder(story)
    window = _safe_window(qtbot, story)
    window.spelling = SpellingFeature(window.shell, window.session)  # type: ignore[attr-defined]
    window.proofread = ProofreadFeature(window.shell, window.session)  # type: ignore[attr-defined]
    _answer_lock_prompt("read_only_button")
    assert window.open_project(story)
    window.show()
    qtbot.waitExposed(window)
    assert window.session.read_only
    try:
        yield window, story
    finally:
        window.safety.finish()  # type: ignore[attr-defined]
        holder.kill()
        holder.wait()


def _snapshot(story: Path) -> dict[str, bytes]:
    return {
        p.relative_to(story).as_posix(): p.read_bytes()
        for p in sorted(story.rglob("*"))
        if p.is_file() and ".studio" not in p.parts
    }


def test_2_read_only_writes_nothing(qtbot: QtBot, read_only: tuple[MainWindow, Path]) -> None:
    window, story = read_only
    before = _snapshot(story)
    spelling: SpellingFeature = window.spelling  # type: ignore[attr-defined]
    spelling.language_menu.aboutToShow.emit()
    spelling._update_menu()
    assert not spelling.language_menu.isEnabled()
    for action in spelling.language_menu.actions():  # even if triggered anyway
        action.trigger()
    proofread: ProofreadFeature = window.proofread  # type: ignore[attr-defined]
    line = (story / CH1).read_text(encoding="utf-8").splitlines()[0]
    column = line.index("lamp") + 1
    finding = Finding(CH1, 1, column, column + 4, Kind.GRAMMAR, "test", "lamp", "a test")
    proofread.apply(finding, "LAMP")
    assert "LAMP" not in window.focused_pane().editor.toPlainText()
    window.save_all()
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))  # the window lost focus
    qtbot.wait(600)
    assert _snapshot(story) == before


# -- 3. Find in Project must not edit the text --------------------------------------


def test_3_enter_after_clicking_a_search_result_changes_no_text(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    window.shell.action("edit.find_in_project").trigger()
    search = feature(window, FindFeature).search
    search.start("radio")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    results: QTreeWidget = search.results
    qtbot.waitUntil(lambda: results.topLevelItemCount() > 0)
    first = results.topLevelItem(0)
    item = first.child(0) if first.childCount() else first
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    results.setFocus()
    results.scrollToItem(item)
    rect = results.visualItemRect(item)
    editor = window.focused_pane().editor
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    before = editor.toPlainText()
    assert editor.textCursor().selectedText().lower() == "radio"  # the match is shown
    assert QApplication.focusWidget() is results  # and the keyboard stays in the list
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter: to the match
    assert editor.toPlainText() == before
    assert editor.textCursor().selectedText().lower() == "radio"


# -- 4. right-click suggestions find the word under the click ------------------------


def test_4_a_right_click_looks_up_the_word_under_the_pointer(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy, size=(1900, 1000))
    spelling = SpellingFeature(window.shell, window.session)
    assert window.show_chapter("chapters/02-low-tide.md")
    editor = window.focused_pane().editor
    found = editor.document().find("wierd")
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 2)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    point = editor.cursorRect(cursor).center()
    looked_up: list[str] = []

    def look_up(_menu: object, at: QTextCursor) -> None:
        hit = word_at_cursor(at)
        looked_up.append(hit[1].word if hit else "")

    window.shell.add_context_section(look_up)
    shown = right_click(editor, point)
    assert looked_up == ["wierd"]
    assert spelling.session is not None
    assert spelling.session.suggestions("wierd")[0] in shown, shown


# -- 5. Close Story closes -----------------------------------------------------------


def test_5_close_story_shows_the_start_page_and_forgets_the_story(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    qtbot.waitUntil(lambda: "Work" in feature(window, StatusFeature).words_label.text())
    window.shell.action("edit.find_in_project").trigger()
    window.shell.action("file.close").trigger()
    assert not feature(window, FindFeature).dock.isVisible()
    assert window.project is None
    assert window.stack.currentWidget() is window.start_page
    assert window.windowTitle() == "Studio"
    assert feature(window, StatusFeature).words_label.text() == ""
    assert window.metadata.work_tab.fields["title"].value() in ("", None)
    assert window.chapter_list.count() == 0


# -- 6. side panels never crush the text ---------------------------------------------


@pytest.mark.parametrize("panel", ["Find in Project", "Proofreading"])
def test_6_a_side_panel_at_1280_takes_the_metadata_panels_place(
    qtbot: QtBot, sample_copy: Path, panel: str
) -> None:
    window = open_window(qtbot, sample_copy)
    ProofreadFeature(window.shell, window.session)
    window.shell.action("view.split").trigger()
    dock = next(d for d in window.shell.docks() if d.windowTitle() == panel)
    dock.show()
    dock.raise_()
    qtbot.wait(50)
    for pane in window.panes:
        assert pane.editor.width() >= 300, (panel, pane.editor.width())
        assert not pane.editor.horizontalScrollBar().isVisible()
    assert not window.metadata.isVisible()
    dock.close()
    qtbot.waitUntil(window.metadata.isVisible)


# -- 7. the editor and the exports agree on lyrics -----------------------------------


def test_7_a_tab_indented_lyrics_fence_is_shown_as_it_is_exported(
    qtbot: QtBot, sample_copy: Path
) -> None:
    text = '\t::: {.lyrics song="x"}\n\tA verse we made up\n\t:::\n\nAfter the song.\n'
    (sample_copy / "chapters" / "01-the-signal.md").write_text(text, encoding="utf-8")
    window = open_window(qtbot, sample_copy)
    document = window.focused_pane().editor.document()
    shown_as_lyrics = block_state(document.findBlockByNumber(0)) == BlockState.LYRICS_OPEN
    exported_as_lyrics = parse_blocks(text)[0].kind is BlockKind.LYRICS
    assert shown_as_lyrics and exported_as_lyrics
