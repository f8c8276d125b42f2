"""A review sidecar's life in the real window: it goes to the trash with its chapter and
comes back with it, it is removed (not left empty) when its last item goes, and a
sidecar changed outside Studio is read again (the Review panel follows)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidgetItemIterator
from pytestqt.qtbot import QtBot

from studio.review import load_review, set_reviewer_name, sidecar_file, sidecar_path
from studio.review.store import dump_review
from studio.storage import atomic_write_text
from studio.story import Project
from studio.story.trash import trash_dir
from studio.ui.features.trash import TrashFeature
from studio.ui.main_window import MainWindow
from studio.ui.review.feature import ReviewFeature
from tests.review.ui_review_support import CH1, feature_of, review_of
from tests.ui_helpers import feature, open_window


def _comment(window: MainWindow, words: str, body: str, file: str = CH1) -> str:
    review_feature = feature_of(window)
    text = review_feature.state.text_of(file)
    start = text.index(words)
    return review_feature.add_comment(file, start, start + len(words), body, "Ada Beta").id


def _panel_rows(review_feature: ReviewFeature) -> list[str]:
    rows = []
    found = QTreeWidgetItemIterator(review_feature.panel.tree)
    while found.value():
        rows.append(found.value().text(0))
        found += 1
    return rows


def test_a_deleted_chapter_takes_its_review_to_the_trash_and_brings_it_back(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    comment_id = _comment(window, "ninety years", "Too long?")
    sidecar = sample_copy / sidecar_file(CH1)
    assert sidecar.is_file()
    trash = feature(window, TrashFeature)
    assert trash.delete(CH1)
    assert not sidecar.exists()
    kept = list(trash_dir(Project.load(sample_copy)).glob("*.review.toml"))
    assert len(kept) == 1 and "Too long?" in kept[0].read_text(encoding="utf-8")
    review_feature = feature_of(window)
    assert CH1 not in review_feature.state.reviews
    assert not any("Too long?" in row for row in _panel_rows(review_feature))
    # restored: the review is back beside it, the comment on its words
    restored = trash.restore(0)
    assert restored is not None
    back = sample_copy / sidecar_file(restored.file)
    assert back.is_file()
    assert not list(trash_dir(Project.load(sample_copy)).glob("*.review.toml"))
    review = load_review(Project.load(sample_copy), restored.file)
    (comment,) = review.comments
    assert (comment.id, comment.anchor.exact, comment.anchor.detached) == (
        comment_id,
        "ninety years",
        False,
    )
    assert review_feature.state.review(restored.file).comment(comment_id).text == "Too long?"


def test_a_chapter_with_no_review_leaves_nothing_in_the_trash_but_its_text(
    qtbot: QtBot, sample_copy: Path
) -> None:
    window = open_window(qtbot, sample_copy)
    assert feature(window, TrashFeature).delete(CH1)
    folder = trash_dir(Project.load(sample_copy))
    assert not list(folder.glob("*.review.toml"))
    assert not (sample_copy / "reviews").exists() or not list(
        (sample_copy / "reviews").rglob("*.toml")
    )


def test_the_last_item_going_removes_the_sidecar_instead_of_leaving_it_empty(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    review_feature = feature_of(window)
    first = _comment(window, "ninety years", "Too long?")
    second = _comment(window, "small grey boxes", "Which boxes?")
    path = sample_copy / sidecar_file(CH1)
    review_feature.act("delete", CH1, first)
    assert path.is_file() and "Which boxes?" in path.read_text(encoding="utf-8")
    review_feature.act("delete", CH1, second)
    assert not path.exists()
    # and a new comment makes it again
    _comment(window, "the radio", "Which radio?")
    assert "Which radio?" in path.read_text(encoding="utf-8")


def test_a_sidecar_changed_outside_is_read_again_and_the_panel_follows(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    review_feature = feature_of(window)
    ours = _comment(window, "ninety years", "Too long?")
    path = sidecar_path(Project.load(sample_copy), CH1)
    # another Studio (a co-editor, a git pull) adds a comment and resolves ours
    project = Project.load(sample_copy)
    theirs = load_review(project, CH1)
    text = project.read_chapter(project.chapters[0])
    start = text.index("small grey boxes")
    added = theirs.add_comment(text, start, start + len("small grey boxes"), "Boxes?", "Cy")
    theirs.resolve(ours)
    atomic_write_text(path, dump_review(theirs))
    qtbot.waitUntil(lambda: any("Boxes?" in row for row in _panel_rows(review_feature)))
    review = review_of(window)
    assert review.comment(added.id).anchor.exact == "small grey boxes"
    assert review.comment(ours).resolved
    # the marks follow: the new comment's words are tinted in the editor
    editor = window.focused_pane().editor
    margin = next(m for m in review_feature.margins if m.editor is editor)
    qtbot.waitUntil(lambda: [c.id for m in margin.markers() for c in m.comments] == [added.id])
    # Studio's own next save keeps what was read (nothing of theirs is written over)
    review_feature.state.review(CH1).reply(added.id, "The grey ones.", "Ada Beta")
    review_feature.state.touch(CH1)
    qtbot.waitUntil(lambda: "The grey ones." in path.read_text(encoding="utf-8"))
    saved = load_review(Project.load(sample_copy), CH1)
    assert saved.comment(ours).resolved and saved.comment(added.id).replies


def test_an_unsaved_comment_survives_an_outside_change_of_its_sidecar(
    qtbot: QtBot, sample_copy: Path
) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    review_feature = feature_of(window)
    state = review_feature.state
    _comment(window, "ninety years", "Too long?")
    path = sidecar_path(Project.load(sample_copy), CH1)
    # a comment made here, not saved yet (as Suggest-mode typing waits to save) …
    text = state.text_of(CH1)
    at = text.index("the radio")
    mine = state.review(CH1).add_comment(text, at, at + 9, "Mine, unsaved", "Ada Beta")
    state.touch(CH1, save=False)
    # … while the file is rewritten outside without it
    outside = load_review(Project.load(sample_copy), CH1)
    outside.comments[0].text = "Too long? (edited elsewhere)"
    atomic_write_text(path, dump_review(outside))
    qtbot.waitUntil(lambda: review_of(window).comments[0].text.endswith("(edited elsewhere)"))
    assert review_of(window).comment(mine.id).text == "Mine, unsaved"
    qtbot.waitUntil(lambda: "Mine, unsaved" in path.read_text(encoding="utf-8"))
    assert "(edited elsewhere)" in path.read_text(encoding="utf-8")


def test_a_sidecar_broken_outside_is_not_written_over(qtbot: QtBot, sample_copy: Path) -> None:
    set_reviewer_name("Ada Beta")
    window = open_window(qtbot, sample_copy)
    review_feature = feature_of(window)
    comment_id = _comment(window, "ninety years", "Too long?")
    path = sidecar_path(Project.load(sample_copy), CH1)
    broken = path.read_text(encoding="utf-8") + "\n[[comments]\n"
    atomic_write_text(path, broken)
    qtbot.waitUntil(lambda: "writes none until it is fixed" in window.statusBar().currentMessage())
    # Studio keeps its copy, and a change here does not overwrite the broken file
    review_feature.state.review(CH1).resolve(comment_id)
    review_feature.state.touch(CH1)
    qtbot.wait(900)
    assert path.read_text(encoding="utf-8") == broken
    assert review_of(window).comment(comment_id).text == "Too long?"
