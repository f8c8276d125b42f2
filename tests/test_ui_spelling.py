"""Spelling in the real window: underlines drawn off the GUI thread, the right-click menu."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from studio.spelling import personal_word_list_file
from studio.spelling.dictionary import Dictionary
from studio.ui.editor import ChapterEditor
from studio.ui.main_window import MainWindow
from studio.ui.spelling import SpellingFeature, SpellLayer
from studio.ui.spelling import session as spelling_session
from tests.ui_helpers import open_window

SPELL = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


@pytest.fixture
def window(qtbot: QtBot, sample_copy: Path) -> MainWindow:
    # Tall enough for a whole sample chapter: underlines are drawn on the blocks on screen.
    window = open_window(qtbot, sample_copy, size=(1280, 1400))
    window.spelling = SpellingFeature(window.shell, window.session)  # type: ignore[attr-defined]
    return window


def feature(window: MainWindow) -> SpellingFeature:
    found: SpellingFeature = window.spelling  # type: ignore[attr-defined]
    return found


def underlined(document: QTextDocument) -> list[tuple[int, str]]:
    """(block, text) of every run drawn with the spell-check underline."""
    runs = []
    block = document.begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == SPELL:
                runs.append((block.blockNumber(), block.text()[fmt.start : fmt.start + fmt.length]))
        block = block.next()
    return runs


def show(qtbot: QtBot, window: MainWindow, file: str) -> tuple[ChapterEditor, SpellLayer]:
    assert window.show_chapter(file)
    editor = window.focused_pane().editor
    layer = feature(window).layer_for(editor)
    assert layer is not None
    return editor, layer


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    session = feature(window).session
    assert session is not None
    qtbot.waitUntil(lambda: not session.busy)


def point_of(editor: ChapterEditor, word: str) -> QPoint:
    found = editor.document().find(word)
    assert not found.isNull(), word
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 1)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    return editor.cursorRect(cursor).center()


def actions(menu: QMenu) -> dict[str, object]:
    return {a.text(): a for a in menu.actions() if a.text()}


def test_misspelt_words_get_the_spell_check_underline(qtbot: QtBot, window: MainWindow) -> None:
    editor, _layer = show(qtbot, window, "chapters/02-low-tide.md")
    qtbot.waitUntil(lambda: underlined(editor.document()) == [(2, "definately"), (27, "wierd")])
    # Names from the metadata and dictionary.txt are accepted; so is British spelling (en_GB).
    text = editor.toPlainText()
    assert "Kilbride" in text and "Tamsin" in text and "harbour" in text


def test_typing_never_waits_for_enchant(qtbot: QtBot, window: MainWindow) -> None:
    editor, layer = show(qtbot, window, "chapters/01-the-signal.md")
    wait_idle(qtbot, window)
    session = feature(window).session
    assert session is not None
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Zorblatt sang.")
    # Right after typing, the new word is queued for the worker, not looked up here.
    assert "Zorblatt" in session._pending and "Zorblatt" not in session.known
    assert layer.stale
    qtbot.waitUntil(lambda: "Zorblatt" in [t for _, t in underlined(editor.document())])
    assert not layer.stale


def test_verdicts_for_an_older_word_list_are_dropped(qtbot: QtBot, window: MainWindow) -> None:
    show(qtbot, window, "chapters/01-the-signal.md")
    wait_idle(qtbot, window)
    session = feature(window).session
    assert session is not None
    assert session.verdict("Qwertzuiop") is None
    session._check_pending()  # the worker starts on it…
    session.reload()  # …and the words change before it answers
    qtbot.waitUntil(lambda: not session.busy)
    assert "Qwertzuiop" not in session.known


def test_only_stale_blocks_on_screen_are_rehighlighted(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    """A 50,000-word chapter: when verdicts arrive, a screenful is repainted, not 5,000
    paragraphs (the first highlighting of the whole text is Qt's, and it does not wait
    on the spell checker)."""
    assert window.project is not None
    paragraph = "The lamp turned above the harbour and the wind came off the water"
    text = "\n\n".join(f"{paragraph} ({n}) Frobnitz{'abcdefg'[n % 7]}." for n in range(4000))
    chapter = window.project.add_chapter("Long", text + "\n")
    window.story_changed()
    editor, _layer = show(qtbot, window, chapter.file)
    assert editor.document().blockCount() > 7000
    calls: list[int] = []

    class Counter:
        def formats(self, text: str, block: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
            calls.append(block)
            return []

    highlighter = window.documents.find(chapter.file).highlighter  # type: ignore[union-attr]
    highlighter.add_layer(Counter())
    calls.clear()
    wait_idle(qtbot, window)
    first, last = editor.visible_block_range()
    assert calls and all(first <= n <= last for n in calls)
    assert len(set(calls)) <= last - first + 1
    assert underlined(editor.document())[0] == (0, "Frobnitza")
    # Scrolling brings the rest up to date, a screen at a time.
    calls.clear()
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum() // 2)
    first, last = editor.visible_block_range()
    assert calls and all(first <= n <= last for n in calls)
    on_screen = [b for b, _ in underlined(editor.document()) if first <= b <= last]
    assert on_screen


def test_menu_offers_suggestions_and_replaces(qtbot: QtBot, window: MainWindow) -> None:
    editor, _ = show(qtbot, window, "chapters/02-low-tide.md")
    menu = feature(window).menu_for(editor, point_of(editor, "wierd"))
    found = actions(menu)
    texts = list(found)
    assert texts[0] == "weird"
    for title in ("Add to Story Dictionary", "Add to My Dictionary", "Ignore", "Select All"):
        assert any(t.startswith(title) for t in texts), title
    found["weird"].trigger()  # type: ignore[attr-defined]
    assert "it was the weird certainty" in editor.toPlainText()
    qtbot.waitUntil(lambda: underlined(editor.document()) == [(2, "definately")])


def test_correct_word_gets_the_plain_menu(qtbot: QtBot, window: MainWindow) -> None:
    editor, _ = show(qtbot, window, "chapters/02-low-tide.md")
    wait_idle(qtbot, window)
    texts = list(actions(feature(window).menu_for(editor, point_of(editor, "causeway"))))
    assert "Ignore" not in texts and "Add to Story Dictionary" not in texts
    assert any(t.startswith("Select All") for t in texts)


def test_add_to_story_and_personal_dictionaries_and_ignore(
    qtbot: QtBot, window: MainWindow, sample_copy: Path
) -> None:
    editor, _ = show(qtbot, window, "chapters/02-low-tide.md")
    qtbot.waitUntil(lambda: len(underlined(editor.document())) == 2)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText("\n\nGlimmerfax and Quorvish met Snerdle.")
    editor.ensureCursorVisible()
    qtbot.waitUntil(lambda: len(underlined(editor.document())) == 5)

    actions(feature(window).menu_for(editor, point_of(editor, "Glimmerfax")))[
        "Add to Story Dictionary"
    ].trigger()  # type: ignore[attr-defined]
    assert (sample_copy / "dictionary.txt").read_text(encoding="utf-8") == "Kilbride\nGlimmerfax\n"

    actions(feature(window).menu_for(editor, point_of(editor, "Quorvish")))[
        "Add to My Dictionary"
    ].trigger()  # type: ignore[attr-defined]
    assert personal_word_list_file().read_text(encoding="utf-8") == "Quorvish\n"

    actions(feature(window).menu_for(editor, point_of(editor, "Snerdle")))["Ignore"].trigger()  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: [t for _, t in underlined(editor.document())] == ["definately", "wierd"]
    )
    assert "Snerdle" not in (sample_copy / "dictionary.txt").read_text(encoding="utf-8")


def test_choosing_another_dictionary(qtbot: QtBot, window: MainWindow, sample_copy: Path) -> None:
    editor, _ = show(qtbot, window, "chapters/01-the-signal.md")
    wait_idle(qtbot, window)
    assert "grey" not in [t for _, t in underlined(editor.document())]
    spelling = feature(window)
    [en_us] = [a for a in spelling.language_group.actions() if a.data() == "en_US"]
    en_us.trigger()
    qtbot.waitUntil(lambda: "grey" in [t for _, t in underlined(editor.document())])
    assert window.save_story_file()
    assert 'dictionary = "en_US"' in (sample_copy / "story.toml").read_text(encoding="utf-8")
    spelling.check_action.setChecked(False)
    assert underlined(editor.document()) == []


def test_a_missing_dictionary_is_said_and_the_window_works(qtbot: QtBot, sample_copy: Path) -> None:
    toml = sample_copy / "story.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"en_GB"', '"xx_YY"'), "utf-8")
    window = open_window(qtbot, sample_copy)
    window.spelling = SpellingFeature(window.shell, window.session)  # type: ignore[attr-defined]
    # Said once the dictionary was looked for (on the spelling worker, while the
    # chapter already shows).
    qtbot.waitUntil(
        lambda: "sudo apt-get install hunspell-xx-yy" in window.statusBar().currentMessage()
    )
    editor = window.focused_pane().editor
    qtbot.keyClicks(editor, "Wierd ")
    wait_idle(qtbot, window)
    session = feature(window).session
    assert session is not None and session.known.get("Wierd") is True  # checked: accepted
    assert underlined(editor.document()) == []


def test_a_new_character_name_is_accepted(qtbot: QtBot, window: MainWindow) -> None:
    editor, _ = show(qtbot, window, "chapters/02-low-tide.md")
    qtbot.waitUntil(lambda: len(underlined(editor.document())) == 2)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.insertPlainText("Ysolde watched. ")
    qtbot.waitUntil(lambda: (0, "Ysolde") in underlined(editor.document()))
    assert window.project is not None
    window.project.work.characters = [*window.project.work.characters, "Ysolde Marr"]
    window.metadata.edited.emit()
    qtbot.waitUntil(lambda: (0, "Ysolde") not in underlined(editor.document()))


class _PassCounter:
    """A highlight layer (the highlighter's extension point) that only counts the
    passes over each block."""

    def __init__(self) -> None:
        self.passes: dict[int, int] = {}

    def formats(self, text: str, block_number: int) -> list[tuple[int, int, QTextCharFormat]]:
        self.passes[block_number] = self.passes.get(block_number, 0) + 1
        return []

    def count(self, block_number: int) -> int:
        return self.passes.get(block_number, 0)


def test_the_word_being_typed_is_judged_when_it_is_left(qtbot: QtBot, window: MainWindow) -> None:
    editor, _ = show(qtbot, window, "chapters/01-the-signal.md")
    wait_idle(qtbot, window)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Zorbla")
    wait_idle(qtbot, window)
    assert feature(window).session.known["Zorbla"] is False  # type: ignore[union-attr]
    assert "Zorbla" not in [t for _, t in underlined(editor.document())]  # still typing it
    passes = _PassCounter()
    highlighter = editor.highlighter()
    assert highlighter is not None
    highlighter.add_layer(passes)
    before = passes.count(editor.textCursor().blockNumber())
    qtbot.keyClicks(editor, " ")
    qtbot.waitUntil(lambda: "Zorbla" in [t for _, t in underlined(editor.document())])
    qtbot.wait(50)
    # The space's own pass judged the word: its block was highlighted once, not twice.
    assert passes.count(editor.textCursor().blockNumber()) == before + 1
    highlighter.remove_layer(passes)
    # Moving the cursor away judges it too.
    qtbot.keyClicks(editor, "Quuxle")
    wait_idle(qtbot, window)
    assert "Quuxle" not in [t for _, t in underlined(editor.document())]
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: "Quuxle" in [t for _, t in underlined(editor.document())])


def test_the_dictionary_opens_off_the_gui_thread_and_is_there_when_asked(
    qtbot: QtBot, sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The story's speller opens on the spelling worker (the chapter shows without
    waiting for Enchant); asked for on the GUI thread at once, as a right-click does,
    it is waited for and answers. (The real open_dictionary runs, watched for the
    thread it runs on.)"""
    window = open_window(qtbot, sample_copy)
    opened_on: list[threading.Thread] = []
    real = spelling_session.open_dictionary

    def watched(tag: str | None = None) -> Dictionary:
        opened_on.append(threading.current_thread())
        return real(tag)

    monkeypatch.setattr(spelling_session, "open_dictionary", watched)
    window.spelling = SpellingFeature(window.shell, window.session)  # type: ignore[attr-defined]
    session = feature(window).session
    assert session is not None
    assert session.is_misspelled_now("Wierd")  # waits for the worker, then answers
    assert "Weird" in session.suggestions("Wierd")
    assert opened_on and threading.main_thread() not in opened_on
