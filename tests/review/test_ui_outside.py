"""The chapter changed in another editor while Studio shows it: the watcher reloads it
and every comment is found again on its words, or kept detached with its quote, never
lost. And read-only: every review action is off, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio.review import load_review, set_reviewer_name, sidecar_path
from studio.storage import atomic_write_text
from studio.story import Project
from studio.ui.main_window import MainWindow
from tests.review.ui_review_support import CH1, app_window, feature_of, review_of  # noqa: F401
from tests.test_ui_session import _files, read_only_window  # noqa: F401 (a fixture)


def _comment(window: MainWindow, words: str, body: str) -> str:
    feature = feature_of(window)
    text = feature.state.text_of(CH1)
    start = text.index(words)
    return feature.add_comment(CH1, start, start + len(words), body, "Ada Beta").id


def test_an_outside_edit_re_anchors_or_detaches_never_drops(
    app_window: MainWindow,  # noqa: F811 (the fixture)
    qtbot: QtBot,
    sample_copy: Path,
) -> None:
    set_reviewer_name("Ada Beta")
    window = app_window
    editor = window.focused_pane().editor
    kept = _comment(window, "ninety years", "Too long?")
    lost = _comment(window, "small grey boxes", "Which boxes?")
    path = sample_copy / CH1
    text = path.read_text(encoding="utf-8")
    # another editor: a new first paragraph, and the boxes rewritten beyond recognition
    theirs = "A storm had come in from the west.\n\n" + text.replace(
        "small grey boxes", "chattering little oracles"
    )
    atomic_write_text(path, theirs)
    qtbot.waitUntil(lambda: editor.toPlainText().startswith("A storm"), timeout=5000)
    review = review_of(window)
    qtbot.waitUntil(lambda: review.comment(lost).anchor.detached, timeout=3000)
    anchor = review.comment(kept).anchor
    assert not anchor.detached
    assert theirs[anchor.start : anchor.end] == "ninety years"
    detached = review.comment(lost)
    assert detached.anchor.exact == "small grey boxes" and detached.text == "Which boxes?"
    # listed in the panel as detached, with its quote
    panel = feature_of(window).panel

    def labels() -> list[str]:
        top = panel.tree.topLevelItem(0)
        return [top.child(n).text(0) for n in range(top.childCount())] if top else []  # type: ignore[union-attr]

    qtbot.waitUntil(
        lambda: any("detached" in label and "small grey boxes" in label for label in labels())
    )
    # saved so: both comments, one detached with its quote
    feature_of(window).state.flush()
    saved = load_review(Project.load(sample_copy), CH1)
    assert {c.id for c in saved.comments} == {kept, lost}
    assert saved.comment(lost).anchor.detached
    assert path.read_text(encoding="utf-8") == theirs  # Studio changed nothing of theirs


def test_read_only_turns_every_review_action_off_and_writes_nothing(
    read_only_window: MainWindow,  # noqa: F811 (the fixture)
    qtbot: QtBot,
    sample_copy: Path,
) -> None:
    set_reviewer_name("Ada Beta")
    window = read_only_window
    before = _files(sample_copy)
    review_ids = [s.id for s in window.shell.specs() if s.id.startswith("review.")]
    changing = {"review.comment", "review.suggest", "review.accept_all", "review.reject_all"}
    assert changing | {"review.import"} <= set(review_ids)
    for action_id in changing | {"review.import"}:
        assert not window.shell.action(action_id).isEnabled(), action_id
    feature = feature_of(window)
    editor = window.focused_pane().editor
    editor.setFocus()
    found = editor.document().find("ninety years")
    editor.setTextCursor(found)
    # the shortcut, the context menu and the API all refuse
    qtbot.keyClick(
        editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert feature.add_comment_here() is None
    menu = editor.build_context_menu(editor.cursorRect(found).center())
    add = next(a for a in menu.actions() if a.text() == "Add Comment…")
    assert not add.isEnabled()
    feature.set_suggesting(True)
    assert not feature.suggesting
    qtbot.keyClicks(editor, "typed")
    with pytest.raises(Exception, match="read-only"):
        feature.add_comment(CH1, 0, 3, "no", "Ada Beta")
    assert not panel_buttons_enabled(feature)
    feature.state.flush()
    window.save_all()
    assert _files(sample_copy) == before
    assert not sidecar_path(Project.load(sample_copy), CH1).exists()


def panel_buttons_enabled(feature: object) -> bool:
    panel = feature.panel  # type: ignore[attr-defined]
    return any(b.isEnabled() for b in panel.buttons.values()) or panel.reply.isEnabled()
