"""Proofreading in the application's window (every feature installed, as `studio` runs):
grammar underlines after a typing pause, their right-click, the likely-names group,
the per-class counts, and read-only writing nothing."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPushButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from studio.findings import Finding, Kind
from studio.spelling.names import RULE as NAME_RULE
from studio.ui.app import create_window
from studio.ui.editor import ChapterEditor
from studio.ui.main_window import MainWindow
from studio.ui.proofread import ProofreadFeature
from studio.ui.proofread.layer import underline_colour
from studio.ui.proofread.panel import KIND_TITLES, ProofreadPanel
from studio.ui.spelling import SpellingFeature
from studio.ui.spelling.layer import UNDERLINE as SPELLING_UNDERLINE
from tests.safety.test_window_safety import _answer_lock_prompt, _live_holder
from tests.ui_helpers import FAST_AUTOSAVE_MS, feature, right_click

CH3 = "chapters/03-harbour-lights.md"
WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline
# A slip of Studio's own could-of rule; its underline belongs on the "of" alone.
SLIP_LINE = "By then they could of waited out the tide on the rocks"
SLIP_WORD = "of"
# Invented names, each used mid-sentence more than once (none is an English word).
NAMES = ("Vostrikan", "Quelloran")
NAMES_LINE = (
    "At the pier Vostrikan met Quelloran again, and later Vostrikan told Quelloran all of it."
)


def _window(qtbot: QtBot, story: Path) -> MainWindow:
    window = create_window()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.prefs.autosave_ms = FAST_AUTOSAVE_MS
    return window


@pytest.fixture
def app_window(qtbot: QtBot, sample_copy: Path) -> Iterator[MainWindow]:
    window = _window(qtbot, sample_copy)
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close_project()


def grammar_runs(editor: ChapterEditor, kind: Kind = Kind.GRAMMAR) -> list[tuple[int, int, int]]:
    """(block, start, end) of every wavy run drawn in `kind`'s colour."""
    colour = underline_colour(kind)
    runs = []
    block = editor.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            style = fmt.format.underlineStyle()
            if style == WAVE and QColor(fmt.format.underlineColor()) == colour:
                runs.append((block.blockNumber(), fmt.start, fmt.start + fmt.length))
        block = block.next()
    return runs


def type_line(qtbot: QtBot, window: MainWindow, file: str, line: str) -> ChapterEditor:
    """Show `file` and type `line` as a new paragraph at its end, key by key."""
    assert window.show_chapter(file)
    editor = window.focused_pane().editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, line)
    editor.ensureCursorVisible()
    return editor


def line_block(editor: ChapterEditor, line: str) -> int:
    block = editor.document().begin()
    while block.isValid():
        if block.text() == line:
            return block.blockNumber()
        block = block.next()
    raise AssertionError(f"{line!r} is not in the editor")


def slip_span(line: str) -> tuple[int, int]:
    """Where SLIP_WORD stands in `line`, from the text: the word after "could "."""
    start = line.index("could " + SLIP_WORD) + len("could ")
    return start, start + len(SLIP_WORD)


def test_a_typed_grammar_slip_is_underlined_on_its_span_after_the_pause(
    qtbot: QtBot, app_window: MainWindow
) -> None:
    editor = type_line(qtbot, app_window, CH3, SLIP_LINE)
    number = line_block(editor, SLIP_LINE)
    assert not [r for r in grammar_runs(editor) if r[0] == number]  # not while typing
    start, end = slip_span(SLIP_LINE)
    qtbot.waitUntil(
        lambda: [r for r in grammar_runs(editor) if r[0] == number] != [], timeout=30000
    )
    assert [r for r in grammar_runs(editor) if r[0] == number] == [(number, start, end)]
    # Grammar, typography and spelling are told apart by colour.
    colours = {underline_colour(k).name() for k in (Kind.GRAMMAR, Kind.TYPOGRAPHY)}
    assert len(colours | {SPELLING_UNDERLINE.name()}) == 3
    # A slip typed later on the same line moves nothing: the line is checked again.
    qtbot.keyClicks(editor, " today.")
    qtbot.waitUntil(
        lambda: [(r[1], r[2]) for r in grammar_runs(editor) if r[0] == number] == [(start, end)],
        timeout=30000,
    )


def test_right_click_on_the_underline_offers_the_fix_and_applies_it_to_that_word(
    qtbot: QtBot, app_window: MainWindow
) -> None:
    editor = type_line(qtbot, app_window, CH3, SLIP_LINE)
    number = line_block(editor, SLIP_LINE)
    qtbot.waitUntil(lambda: any(r[0] == number for r in grammar_runs(editor)), timeout=30000)
    proofread = feature(app_window, ProofreadFeature)
    layer = proofread.layers[CH3]
    block = editor.document().findBlockByNumber(number)
    start, end = slip_span(SLIP_LINE)
    at = QTextCursor(block)
    at.setPosition(block.position() + (start + end) // 2)
    found = layer.finding_at(at)
    assert found is not None and found.suggestions
    fix = found.suggestions[0]
    before = editor.toPlainText()
    editor.setTextCursor(at)
    editor.ensureCursorVisible()
    point = editor.cursorRect(at).center()
    shown = right_click(editor, point, choose=fix)
    assert found.message in shown and "Ignore Rule for This Story" in shown, shown
    offset = before.index(SLIP_LINE) + start
    assert editor.toPlainText() == before[:offset] + fix + before[offset + len(SLIP_WORD) :]
    qtbot.waitUntil(lambda: not any(r[0] == number for r in grammar_runs(editor)), timeout=30000)


def open_panel(qtbot: QtBot, window: MainWindow) -> ProofreadFeature:
    proofread = feature(window, ProofreadFeature)
    window.shell.action("tools.proofread").trigger()
    qtbot.waitUntil(proofread.dock.isVisible)
    settle(qtbot, proofread)
    return proofread


def settle(qtbot: QtBot, proofread: ProofreadFeature) -> None:
    qtbot.waitUntil(
        lambda: (
            not proofread.busy
            and not proofread._timer.isActive()
            and proofread.shown_run == proofread.runs
        ),
        timeout=30000,
    )


def names_in(proofread: ProofreadFeature) -> list[str]:
    return [f.text for f in proofread.panel.findings if f.rule == NAME_RULE]


def test_add_all_names_puts_the_recurring_names_into_the_story_dictionary(
    qtbot: QtBot, app_window: MainWindow, sample_copy: Path
) -> None:
    spelling = feature(app_window, SpellingFeature)
    assert spelling.session is not None
    assert all(not spelling.session.speller.is_correct(n) for n in NAMES)  # invented
    before = (sample_copy / "dictionary.txt").read_text(encoding="utf-8").split()
    type_line(qtbot, app_window, CH3, NAMES_LINE)
    proofread = open_panel(qtbot, app_window)
    qtbot.waitUntil(lambda: sorted(names_in(proofread)) == sorted(NAMES), timeout=30000)
    rows = [item.text(0) for item in proofread.panel.name_items()]
    for name in NAMES:
        times = NAMES_LINE.split().count(name)
        assert f"{name} — {times} times" in rows, rows
    button = proofread.panel.add_all_button
    assert button.isVisible() and str(len(NAMES)) in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names_in(proofread) == [], timeout=30000)
    settle(qtbot, proofread)
    words = (sample_copy / "dictionary.txt").read_text(encoding="utf-8").split()
    assert words == before + list(NAMES)
    assert not [f for f in proofread.panel.findings if f.text in NAMES]
    assert not proofread.panel.add_all_button.isVisible()


def _leaf_classes(proofread: ProofreadFeature) -> dict[str, int]:
    """How many finding rows the tree lists under each class heading."""
    counts: dict[str, int] = {}
    tree = proofread.panel.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert top is not None
        groups: list[QTreeWidgetItem]
        if top.text(0) == "Likely names":
            counts["names"] = counts.get("names", 0) + top.childCount()
            continue
        groups = [g for g in (top.child(j) for j in range(top.childCount())) if g is not None]
        for group in groups:
            key = group.text(0).lower()
            counts[key] = counts.get(key, 0) + group.childCount()
    return counts


def _shown_counts(proofread: ProofreadFeature) -> dict[str, int]:
    """The counts line ("3 spelling · 4 grammar · …") read back."""
    counts = {}
    for part in proofread.panel.counts.text().split(" · "):
        number, key = part.split("\u00a0", 1)  # each count holds together
        counts["names" if key == "name" else key] = int(number)
    return counts


def test_the_panels_counts_are_the_findings_it_lists(qtbot: QtBot, app_window: MainWindow) -> None:
    type_line(qtbot, app_window, CH3, f"{SLIP_LINE}. {NAMES_LINE}  Then the radio was quiet.")
    proofread = open_panel(qtbot, app_window)
    qtbot.waitUntil(lambda: bool(names_in(proofread)), timeout=30000)
    listed = _leaf_classes(proofread)
    assert {"names", "grammar", "spelling"} <= set(listed), listed
    assert _shown_counts(proofread) == listed
    assert sum(listed.values()) == len(proofread.panel.items()) == len(proofread.panel.findings)
    assert set(listed) - {"names"} <= {t.lower() for t in KIND_TITLES.values()}


# -- read-only ------------------------------------------------------------------------


def _files(story: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the story folder (.studio too) with its modification time."""
    return {
        p.relative_to(story).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(story.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def read_only(qtbot: QtBot, sample_copy: Path) -> Iterator[MainWindow]:
    chapter = sample_copy / CH3
    text = chapter.read_text(encoding="utf-8").rstrip("\n")
    chapter.write_text(f"{text}\n\n{SLIP_LINE}\n\n{NAMES_LINE}\n", encoding="utf-8")
    holder: subprocess.Popen[bytes] = _live_holder(sample_copy)
    window = _window(qtbot, sample_copy)
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


def test_read_only_shows_findings_and_writes_nothing(
    qtbot: QtBot, read_only: MainWindow, sample_copy: Path
) -> None:
    window = read_only
    assert window.session.read_only
    before = _files(sample_copy)
    assert window.show_chapter(CH3)
    editor = window.focused_pane().editor
    number = line_block(editor, SLIP_LINE)
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(number)))
    editor.ensureCursorVisible()
    qtbot.waitUntil(lambda: any(r[0] == number for r in grammar_runs(editor)), timeout=30000)
    proofread = feature(window, ProofreadFeature)
    block = editor.document().findBlockByNumber(number)
    start, end = slip_span(SLIP_LINE)
    at = QTextCursor(block)
    at.setPosition(block.position() + (start + end) // 2)
    found = proofread.layers[CH3].finding_at(at)
    assert found is not None and found.suggestions
    text = editor.toPlainText()
    menu = editor.build_context_menu(editor.cursorRect(at).center())  # built, not shown
    offered = {a.text(): a.isEnabled() for a in menu.actions() if a.text()}
    menu.deleteLater()
    assert offered[found.suggestions[0]] is False  # every choice that writes is off
    assert offered["Ignore"] is False and offered["Ignore Rule for This Story"] is False
    shown = right_click(editor, editor.cursorRect(at).center(), choose=found.suggestions[0])
    assert found.message in shown
    right_click(editor, editor.cursorRect(at).center(), choose="Ignore Rule for This Story")
    assert editor.toPlainText() == text
    proofread = open_panel(qtbot, window)
    qtbot.waitUntil(lambda: sorted(names_in(proofread)) == sorted(NAMES), timeout=30000)
    qtbot.mouseClick(proofread.panel.add_all_button, Qt.MouseButton.LeftButton)
    grammar = next(f for f in proofread.panel.findings if f.rule == found.rule)
    proofread.apply(grammar, found.suggestions[0])
    proofread.ignore(grammar)
    proofread.ignore_rule(grammar.rule)
    window.save_all()
    qtbot.wait(FAST_AUTOSAVE_MS * 3)
    assert editor.toPlainText() == text
    assert _files(sample_copy) == before


def test_a_run_of_spaces_is_named_in_words_in_the_panel(qtbot: QtBot) -> None:
    """A label cannot show "  " → " ": the typography finding says what it means."""
    panel = ProofreadPanel()
    qtbot.addWidget(panel)
    line = "She was right.  It was late."
    start = line.index("  ")
    spaces = Finding(CH3, 1, start + 1, start + 3, Kind.TYPOGRAPHY, "double-space", "  ",
                     "Two spaces", (" ",))  # fmt: skip
    panel.set_findings([spaces])
    assert [item.text(0) for item in panel.items()] == ["2 spaces  →  one space"]
    assert panel.summary.text() == "1 finding in 1 chapter"


def test_a_long_chapter_is_underlined_on_screen_and_off(qtbot: QtBot, sample_copy: Path) -> None:
    """A long chapter's lines on screen are checked first, the rest after: a slip
    typed on screen and one far below both get their underline, each on its span."""
    chapter = sample_copy / CH3
    paragraphs = [
        f"Paragraph {n} of the night watch: the lamp turned and the sea kept its counsel."
        for n in range(400)
    ]
    far = len(paragraphs) - 3
    paragraphs[far] = SLIP_LINE
    chapter.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    window = _window(qtbot, sample_copy)
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.show_chapter(CH3)
        editor = window.focused_pane().editor
        start, end = slip_span(SLIP_LINE)
        qtbot.waitUntil(lambda: (2 * far, start, end) in grammar_runs(editor), timeout=30000)
        cursor = QTextCursor(editor.document().findBlockByNumber(20))
        editor.setTextCursor(cursor)
        editor.setFocus()
        qtbot.keyClicks(editor, SLIP_LINE + " ")
        qtbot.waitUntil(lambda: (20, start, end) in grammar_runs(editor), timeout=30000)
        assert (2 * far, start, end) in grammar_runs(editor)  # off screen, still there
    finally:
        window.close_project()


def test_typing_while_a_long_chapter_is_checked_still_underlines_all_of_it(
    qtbot: QtBot, sample_copy: Path
) -> None:
    """Typing stops the check of the chapter under way (it reads text no longer
    there); the pause starts it over, so the slip typed and the one far below, which
    the first check had not reached, both get their underline."""
    chapter = sample_copy / CH3
    paragraphs = [
        f"Paragraph {n} of the harbour log: the tide came in and the gulls kept count."
        for n in range(600)
    ]
    far = len(paragraphs) - 2
    paragraphs[far] = SLIP_LINE
    chapter.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    window = _window(qtbot, sample_copy)
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.show_chapter(CH3)
        editor = window.focused_pane().editor
        editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(10)))
        editor.setFocus()
        for word in ("The", "tide", "turned", "."):  # typed while the first check runs
            qtbot.keyClicks(editor, word + " ")
            qtbot.wait(60)
        qtbot.keyClicks(editor, SLIP_LINE + " ")
        start, end = slip_span(SLIP_LINE)
        typed_at = editor.document().findBlockByNumber(10).text().index(SLIP_LINE)
        runs = lambda: grammar_runs(editor)  # noqa: E731
        qtbot.waitUntil(lambda: (2 * far, start, end) in runs(), timeout=60000)
        qtbot.waitUntil(lambda: (10, typed_at + start, typed_at + end) in runs(), timeout=30000)
    finally:
        window.close_project()


@pytest.mark.parametrize("choice", ["Ignore", "Ignore Rule for This Story"])
def test_ignore_from_the_right_click_takes_the_underline_away_and_is_kept(
    qtbot: QtBot, app_window: MainWindow, sample_copy: Path, choice: str
) -> None:
    editor = type_line(qtbot, app_window, CH3, SLIP_LINE)
    number = line_block(editor, SLIP_LINE)
    qtbot.waitUntil(lambda: any(r[0] == number for r in grammar_runs(editor)), timeout=30000)
    proofread = feature(app_window, ProofreadFeature)
    block = editor.document().findBlockByNumber(number)
    start, end = slip_span(SLIP_LINE)
    at = QTextCursor(block)
    at.setPosition(block.position() + (start + end) // 2)
    found = proofread.layers[CH3].finding_at(at)
    assert found is not None
    shown = right_click(editor, editor.cursorRect(at).center(), choose=choice)
    assert choice in shown
    qtbot.waitUntil(lambda: not any(r[0] == number for r in grammar_runs(editor)), timeout=30000)
    assert app_window.shell.save_story()
    kept = (sample_copy / "story.toml").read_text(encoding="utf-8")
    assert found.rule in kept  # in story.toml's ignores: it stays ignored next time


def test_the_panel_keeps_its_width_when_the_findings_come_in(
    qtbot: QtBot, app_window: MainWindow
) -> None:
    """The summary and counts wrap in the panel's width: filling in, they used to widen
    the side panel (325 → 360 px at 1280) and move the text column under the author."""
    proofread = feature(app_window, ProofreadFeature)
    app_window.shell.action("tools.proofread").trigger()
    qtbot.waitUntil(proofread.dock.isVisible)
    qtbot.wait(50)
    before = proofread.dock.width()
    settle(qtbot, proofread)
    assert proofread.panel.findings  # the sample has some: the labels filled in
    qtbot.wait(50)
    assert proofread.dock.width() == before
    proofread.panel.summary.setText(proofread.panel.summary.text() + " and a long tail " * 4)
    qtbot.wait(50)
    assert proofread.dock.width() == before
    label = proofread.panel.summary
    assert label.x() + label.width() <= proofread.panel.width()


def test_stepping_through_the_findings_keeps_the_panel_width(
    qtbot: QtBot, app_window: MainWindow
) -> None:
    """The Apply button names the fix ("Add “Kessrinovanderbeek” to Story Dictionary"):
    a long one used to widen the side panel (320 → 460 px) as the author stepped
    through the findings, moving the text column each time. It is cut with "…" now."""
    editor = app_window.focused_pane().editor
    name = "Kessrinovanderbeek"  # invented, long
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.insertText(f"Old {name} said it was wierd, and {name} knew it.\n\n")
    proofread = open_panel(qtbot, app_window)
    assert name in names_in(proofread)
    width = proofread.dock.width()
    button = proofread.panel.apply_button
    labels = []
    for item in proofread.panel.items():
        proofread.panel.tree.setCurrentItem(item)
        qtbot.wait(20)  # a layout pass
        assert proofread.dock.width() == width, button.text()
        shown = QPushButton.text(button)  # what is painted
        assert button.fontMetrics().horizontalAdvance(shown) <= button.width()
        labels.append(button.text())
        if button.text().startswith("Apply “"):  # the fix has the panel's width:
            assert shown == button.text()  # a one-word fix is shown whole
    assert f"Add “{name}” to Story Dictionary" in labels  # the whole label, as a tooltip
