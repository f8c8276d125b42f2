"""The proofreading panel in the real window: grouped findings, go to, apply, ignore."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studio.findings import Finding
from studio.ui.main_window import MainWindow
from studio.ui.proofread import ProofreadFeature
from tests.ui_helpers import chapter_text, open_window


@pytest.fixture
def proofread(qtbot: QtBot, sample_copy: Path) -> ProofreadFeature:
    window = open_window(qtbot, sample_copy)
    feature = ProofreadFeature(window.shell, window.session)
    feature.window = window  # type: ignore[attr-defined]
    feature.show()
    qtbot.waitUntil(lambda: feature.shown_run == feature.runs and not feature.busy, timeout=60000)
    return feature


def rows(feature: ProofreadFeature) -> list[tuple[str, ...]]:
    """The tree as text: chapter and kind rows with their counts, then findings."""
    tree = feature.panel.tree
    out = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert top is not None
        out.append((top.text(0), top.text(1)))
        for j in range(top.childCount()):
            kind = top.child(j)
            assert kind is not None
            out.append(("  " + kind.text(0), kind.text(1)))
            out += [
                ("    " + kind.child(k).text(0), kind.child(k).text(1))
                for k in range(kind.childCount())
            ]  # type: ignore[union-attr]
    return out


def finding(feature: ProofreadFeature, rule: str) -> Finding:
    return next(f for f in feature.panel.findings if f.rule == rule)


def select(qtbot: QtBot, feature: ProofreadFeature, rule: str) -> Finding:
    wanted = finding(feature, rule)
    item = feature.panel.item_for(wanted)
    assert item is not None
    feature.panel.tree.setCurrentItem(item)
    rect = feature.panel.tree.visualItemRect(item)
    qtbot.mouseClick(feature.panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return wanted


def settled(qtbot: QtBot, feature: ProofreadFeature, count: int) -> None:
    qtbot.waitUntil(
        lambda: (
            feature.shown_run == feature.runs
            and not feature._timer.isActive()
            and len(feature.panel.findings) == count
        )
    )


def test_findings_are_grouped_by_chapter_and_kind_with_counts(proofread: ProofreadFeature) -> None:
    assert rows(proofread) == [
        ("1. The Signal", "3"),
        ("  Grammar", "3"),
        ("    “her self”  →  herself", "line 3"),
        ("    “with out”  →  without", "line 22"),
        ("    “the the”  →  the", "line 22"),
        ("2. Low Tide", "3"),
        ("  Spelling", "2"),
        ("    “definately”  →  definitely", "line 3"),
        ("    “wierd”  →  weird", "line 28"),
        ("  Lyrics", "1"),  # from the lyrics checks, shown with the rest
        ("    “for”  →  till", "line 23"),
        ("Story details (story.toml)", "2"),  # the summary and notes are read too
        ("  Spelling", "1"),
        ("    “chilhood”  →  childhood", "line 16"),
        ("  Grammar", "1"),
        ("    “alot”  →  a lot", "line 19"),
    ]
    assert proofread.panel.summary.text() == "8 findings in 2 chapters and the story details"
    assert proofread.panel.counts.text() == "3\u00a0spelling · 4\u00a0grammar · 1\u00a0lyrics"
    action = proofread.window.shell.action("tools.proofread")
    assert action in proofread.window.shell.menu("tools").actions()
    assert action.text() == "&Proofread Story" and action.shortcut().toString() == "F7"


def test_a_click_goes_to_the_place(qtbot: QtBot, proofread: ProofreadFeature) -> None:
    select(qtbot, proofread, "spelling")
    editor = proofread.window.focused_pane().editor
    assert proofread.window.focused_pane().chapter.title == "Low Tide"  # type: ignore[union-attr]
    assert editor.textCursor().selectedText() == "definately"
    assert proofread.panel.apply_button.text() == "Apply “definitely”"
    assert proofread.panel.more_button.isVisibleTo(proofread.panel)


def test_apply_a_suggestion(qtbot: QtBot, proofread: ProofreadFeature, sample_copy: Path) -> None:
    select(qtbot, proofread, "split-self")
    qtbot.mouseClick(proofread.panel.apply_button, Qt.MouseButton.LeftButton)
    settled(qtbot, proofread, 7)
    assert "She told herself it was duty." in proofread.window.focused_pane().editor.toPlainText()
    qtbot.waitUntil(lambda: "told herself" in chapter_text(sample_copy, "01-the-signal.md"))
    selected = proofread.panel.selected()  # the panel moved on to the next finding
    assert selected is not None and selected.rule == "split-without"


def test_ignore_one_and_ignore_a_rule_are_kept_in_the_story(
    qtbot: QtBot, proofread: ProofreadFeature, sample_copy: Path
) -> None:
    select(qtbot, proofread, "doubled-word")
    qtbot.mouseClick(proofread.panel.ignore_button, Qt.MouseButton.LeftButton)
    settled(qtbot, proofread, 7)
    select(qtbot, proofread, "spelling")
    qtbot.mouseClick(proofread.panel.rule_button, Qt.MouseButton.LeftButton)
    settled(qtbot, proofread, 4)
    assert [f.rule for f in proofread.panel.findings] == [
        "split-self", "split-without", "lyrics-mismatch", "alot"
    ]  # fmt: skip
    assert proofread.window.save_story_file()
    doc = tomlkit.parse((sample_copy / "story.toml").read_text(encoding="utf-8"))
    assert doc["proofread"]["ignore_rules"] == ["spelling"]
    assert doc["proofread"]["ignore"][0]["text"] == "the the"


def test_findings_follow_the_typing(qtbot: QtBot, proofread: ProofreadFeature) -> None:
    window: MainWindow = proofread.window
    editor = window.focused_pane().editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " They could of gone alot further.")
    settled(qtbot, proofread, 10)
    assert {"could-of", "alot"} <= {f.rule for f in proofread.panel.findings}
    # A stale finding (its text changed since) is not applied blindly.
    stale = next(f for f in proofread.panel.findings if f.rule == "alot" and f.file != "story.toml")
    editor.undo()
    settled(qtbot, proofread, 8)
    proofread.apply(stale, "a lot")
    assert "a lot" not in editor.toPlainText()


def test_only_the_latest_run_is_shown(qtbot: QtBot, proofread: ProofreadFeature) -> None:
    """Three runs, one after the other: the two stale results are dropped, not shown."""
    settled(qtbot, proofread, 8)
    resets: list[None] = []
    proofread.panel.tree.model().modelReset.connect(lambda: resets.append(None))
    proofread.refresh()
    proofread.refresh()
    proofread.refresh()
    qtbot.waitUntil(lambda: not proofread.busy)  # all three results are back
    assert proofread.shown_run == proofread.runs
    assert len(resets) == 1


def test_apply_shows_the_changed_text(qtbot: QtBot, proofread: ProofreadFeature) -> None:
    """Apply from the panel with the pane showing another chapter, or scrolled away:
    the editor shows the change, selected (the keyboard stays in the panel)."""
    window: MainWindow = proofread.window
    wierd = next(f for f in proofread.panel.findings if f.text == "wierd")
    assert window.shell.go_to("chapters/01-the-signal.md", 0)
    item = proofread.panel.item_for(wierd)
    assert item is not None
    proofread.panel.tree.setCurrentItem(item)  # chosen with the keys: no go-to
    proofread.panel.tree.setFocus()
    qtbot.mouseClick(proofread.panel.apply_button, Qt.MouseButton.LeftButton)
    pane = window.focused_pane()
    assert pane.chapter is not None and pane.chapter.file == wierd.file
    editor = pane.editor
    assert editor.textCursor().selectedText() == "weird"
    assert editor.textCursor().blockNumber() == wierd.line - 1
    assert editor.viewport().rect().contains(editor.cursorRect())
    assert not editor.hasFocus()
