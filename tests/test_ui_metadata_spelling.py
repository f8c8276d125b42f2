"""The metadata panel's text fields are spell-checked as typed (issue 12): the red wavy
underline under a misspelt word, drawn in the field, and the right-click section
(suggestions that replace the word and are saved, Add to Story Dictionary)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import tomlkit
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from studio.ui.app import create_window
from studio.ui.main_window import MainWindow
from studio.ui.spelling import SpellingFeature
from studio.ui.spelling.fields import FieldSpelling
from tests.ui_helpers import FAST_AUTOSAVE_MS, feature, right_click

# Misspellings of common words and a made-up word; the test checks the speller agrees
# before relying on it, so it does not depend on a dictionary's version.
SLIPS = {"work.title": "Tyde", "work.summary": "recieve", "chapter.title": "Beacan"}
RIGHT = ("the", "harbour", "light")


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> Iterator[MainWindow]:
    window = create_window()
    qtbot.addWidget(window)
    window.resize(1920, 1080)  # the metadata panel shows beside the editor
    window.prefs.autosave_ms = FAST_AUTOSAVE_MS
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close_project()


def fields(window: MainWindow) -> FieldSpelling:
    return feature(window, SpellingFeature).fields


def speller_agrees(window: MainWindow) -> None:
    session = feature(window, SpellingFeature).session
    assert session is not None
    assert all(not session.speller.is_correct(w) for w in SLIPS.values())
    assert all(session.speller.is_correct(w) for w in RIGHT)


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """Every word the fields show has its verdict (none waits for the worker)."""
    session = feature(window, SpellingFeature).session
    assert session is not None
    qtbot.waitUntil(lambda: not session.busy)
    qtbot.wait(50)  # the last verdicts are drawn


def type_into(qtbot: QtBot, window: MainWindow, key: str, text: str) -> QWidget:
    """Type `text` at the end of field `key`, then leave the field (the word is judged)."""
    field = fields(window).fields[key]
    tab = window.metadata.chapter_tab if key.startswith("chapter.") else window.metadata.work_tab
    window.metadata.setCurrentWidget(tab)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    if isinstance(field, QLineEdit):
        field.end(False)
    else:
        assert isinstance(field, QPlainTextEdit)
        field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, text)
    window.focused_pane().editor.setFocus()
    return field


def red_columns(image: QImage) -> set[int]:
    """The x of every pixel drawn in a strong red (the spelling underline)."""
    found = set()
    for x in range(image.width()):
        for y in range(image.height()):
            colour = image.pixelColor(x, y)
            if colour.red() - max(colour.green(), colour.blue()) > 60:
                found.add(x)
    return found


def line_word_x(field: QLineEdit, word: str) -> tuple[int, int]:
    """Where `word` is drawn in the unfocused one-line field (its left and right x)."""
    start = field.text().index(word)
    field.setCursorPosition(start)
    left = field.cursorRect().center().x()
    field.setCursorPosition(start + len(word))
    right = field.cursorRect().center().x()
    return left, right


@pytest.mark.parametrize("key", list(SLIPS))
def test_a_misspelt_word_typed_into_a_field_is_underlined(
    qtbot: QtBot, window: MainWindow, key: str
) -> None:
    speller_agrees(window)
    assert window.show_chapter("chapters/03-harbour-lights.md")
    checking = fields(window)
    settled(qtbot, window)  # the field's words as opened: the sample's summary has a slip
    before = checking.misspelt(key)
    assert before == [w for w in before if w == "chilhood"], before
    slip = SLIPS[key]
    field = type_into(qtbot, window, key, f" {RIGHT[0]} {slip} {RIGHT[1]} {RIGHT[2]}")
    qtbot.waitUntil(lambda: checking.misspelt(key) == [*before, slip], timeout=5000)
    if isinstance(field, QLineEdit):  # drawn, under the word and nowhere else
        left, right = line_word_x(field, slip)
        field.deselect()
        qtbot.waitUntil(lambda: bool(red_columns(field.grab().toImage())))
        red = red_columns(field.grab().toImage())
        assert min(red) >= left - 3 and max(red) <= right + 3, (left, right, sorted(red))
    else:
        assert red_columns(field.viewport().grab().toImage())


def test_right_click_in_a_one_line_field_replaces_the_word_and_saves(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    speller_agrees(window)
    key, slip = "work.title", SLIPS["work.title"]
    field = type_into(qtbot, window, key, f" {slip}")
    assert isinstance(field, QLineEdit)
    qtbot.waitUntil(lambda: fields(window).misspelt(key) == [slip], timeout=5000)
    session = feature(window, SpellingFeature).session
    assert session is not None
    fix = session.suggestions(slip)[0]
    before = field.text()
    left, right = line_word_x(field, slip)
    shown = right_click(field, QPoint((left + right) // 2, field.height() // 2), choose=fix)
    assert fix in shown and "Add to Story Dictionary" in shown, shown
    assert field.text() == before.replace(slip, fix)
    qtbot.waitUntil(lambda: fields(window).misspelt(key) == [])

    def saved() -> str:
        doc = tomlkit.parse((sample_copy / "story.toml").read_text(encoding="utf-8"))
        return str(doc["work"]["title"])  # type: ignore[index]

    qtbot.waitUntil(lambda: saved() == before.replace(slip, fix), timeout=5000)


def test_right_click_in_the_summary_adds_the_word_to_the_story_dictionary(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    speller_agrees(window)
    key, slip = "work.summary", "Quorvish"  # an invented name, this time
    field = type_into(qtbot, window, key, f" {slip} waits.")
    assert isinstance(field, QPlainTextEdit)
    qtbot.waitUntil(lambda: fields(window).misspelt(key)[-1:] == [slip], timeout=5000)
    found = field.document().find(slip)
    cursor = field.textCursor()
    cursor.setPosition(found.selectionStart() + 2)
    field.setTextCursor(cursor)
    field.ensureCursorVisible()
    point = field.cursorRect(cursor).center()
    text = field.toPlainText()
    shown = right_click(field, point, choose="Add to Story Dictionary")
    assert "Add to Story Dictionary" in shown, shown
    words = (sample_copy / "dictionary.txt").read_text(encoding="utf-8").split()
    assert words[-1] == slip
    assert field.toPlainText() == text
    qtbot.waitUntil(lambda: slip not in fields(window).misspelt(key))


def test_a_correct_word_keeps_the_fields_own_menu(qtbot: QtBot, window: MainWindow) -> None:
    field = fields(window).fields["work.title"]
    assert isinstance(field, QLineEdit)
    window.metadata.setCurrentWidget(window.metadata.work_tab)
    field.setCursorPosition(1)
    shown = right_click(field, field.cursorRect().center())
    assert "Add to Story Dictionary" not in shown
    assert any("Copy" in item for item in shown), shown


@pytest.mark.parametrize("key", ["work.title", "work.summary"])
def test_the_word_typed_last_is_judged_when_the_author_leaves_the_field(
    qtbot: QtBot, window: MainWindow, key: str
) -> None:
    """A misspelt word at the cursor is left alone while typed, and underlined once
    the author moves on, even when its verdict was known before (no new one comes)."""
    speller_agrees(window)
    slip = SLIPS["work.title"]
    checking = fields(window)
    field = fields(window).fields[key]
    window.metadata.setCurrentWidget(window.metadata.work_tab)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    settled(qtbot, window)
    before = checking.misspelt(key)
    if isinstance(field, QLineEdit):
        field.end(False)
    else:
        assert isinstance(field, QPlainTextEdit)
        field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, f" {slip} {slip}")
    qtbot.waitUntil(lambda: checking.misspelt(key) == [*before, slip], timeout=5000)
    qtbot.wait(400)  # the verdict is known: no later one would redraw the field
    assert checking.misspelt(key) == [*before, slip]  # the one at the cursor waits
    window.focused_pane().editor.setFocus()
    qtbot.waitUntil(lambda: checking.misspelt(key) == [*before, slip, slip], timeout=5000)
