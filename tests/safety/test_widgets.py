"""The standalone safety widgets, driven for real with pytest-qt."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.safety import Journal, LockInfo, ProjectLockedError, create_backup, list_backups
from studio.ui.safety.backups_dialog import BackupsDialog
from studio.ui.safety.bars import ConflictBar, NoticeBar
from studio.ui.safety.bridge import WatchBridge
from studio.ui.safety.diff_view import Choice, CompareDialog, DiffView
from studio.ui.safety.lock_prompt import LockAnswer, ask_about_lock, lock_message_box
from studio.ui.safety.restore_dialog import RestoreAnswer, RestoreDialog

CH1 = "chapters/01-the-signal.md"


def test_each_conflict_bar_button_says_what_it_does(qtbot: QtBot) -> None:
    bar = ConflictBar("The Signal")
    qtbot.addWidget(bar)
    assert "“The Signal” was changed outside Studio" in bar.message
    for name, signal in [
        ("keepMine", bar.keep_mine),
        ("takeFile", bar.take_file),
        ("compare", bar.compare),
    ]:
        with qtbot.waitSignal(signal, timeout=500):
            bar.button(name).click()
    assert [bar.button(n).text() for n in ("keepMine", "takeFile", "compare")] == [
        "Keep mine",
        "Take the file’s",
        "Compare",
    ]


def test_a_notice_bar_runs_its_actions(qtbot: QtBot) -> None:
    ran: list[str] = []
    bar = NoticeBar("Could not save.", tone="error")
    qtbot.addWidget(bar)
    bar.add_action("Try again", lambda: ran.append("again"), name="retry")
    bar.button("retry").click()
    assert ran == ["again"]


def test_the_compare_view_shows_both_versions_and_marks_changes(qtbot: QtBot) -> None:
    mine = "The lamp turned.\n\nMaren <b>waited</b> by the radio.\n"
    disk = "The lamp turned.\n\nMaren waited by the old radio.\n\nA new ending.\n"
    dialog = CompareDialog("The Signal", mine, disk)
    qtbot.addWidget(dialog)
    text = dialog.view.browser.toPlainText()
    assert "Yours (unsaved)" in text and "The file on disk" in text
    assert "Maren <b>waited</b> by the radio." in text  # escaped, shown as typed
    assert "A new ending." in text
    assert dialog.view.summary.text() == "2 lines differ. Unchanged paragraphs are folded away."
    dialog.show()
    dialog.keep_button.click()
    assert dialog.choice is Choice.KEEP_MINE and dialog.result() == 1
    other = CompareDialog("The Signal", mine, disk)
    qtbot.addWidget(other)
    other.show()
    other.take_button.click()
    assert other.choice is Choice.TAKE_FILE


def test_identical_versions_say_so(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.set_texts("same\n", "same\n", "A", "B")
    assert view.summary.text() == "The two versions are the same."


def test_the_restore_prompt_lists_entries_and_shows_the_difference(
    qtbot: QtBot, story: Path
) -> None:
    journal = Journal(story)
    on_disk = (story / CH1).read_text(encoding="utf-8")
    journal.record(CH1, on_disk + "\nThe sentence the crash nearly took.\n", on_disk)
    journal.record("chapters/02-low-tide.md", "Whole new low tide.\n", "old")
    entries = journal.recoverable()
    dialog = RestoreDialog(story, entries, {CH1: "The Signal"})
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert dialog.list.item(0).text().startswith("The Signal\n")
    assert "The sentence the crash nearly took." in dialog.view.browser.toPlainText()
    assert "On disk now" in dialog.view.browser.toPlainText()
    dialog.list.item(1).setCheckState(dialog.list.item(1).checkState().Unchecked)
    assert [e.file for e in dialog.checked()] == [CH1]
    dialog.show()
    dialog.restore_button.click()
    assert dialog.answer is RestoreAnswer.RESTORE


def test_the_backups_dialog_lists_makes_and_restores(qtbot: QtBot, story: Path) -> None:
    create_backup(story, reason="open")
    dialog = BackupsDialog(story, keep=3)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 1
    assert dialog.tree.topLevelItem(0).text(1) == "When opened"  # type: ignore[union-attr]
    for _ in range(3):
        dialog.backup_button.click()
    assert dialog.tree.topLevelItemCount() == 3  # keep = 3
    assert [b.reason for b in list_backups(story)] == ["manual"] * 3
    assert dialog.tree.topLevelItem(0).text(1) == "By hand"  # type: ignore[union-attr]
    dest = dialog.default_destination(dialog.backups[0])
    assert dest.parent == story.parent and dest.name.startswith("salt-and-static-restored-")
    restored = dialog.restore_to(dest)
    assert restored == dest and (dest / CH1).read_bytes() == (story / CH1).read_bytes()
    assert dialog.restore_to(dest) is None  # not empty any more
    assert "is not empty" in dialog.status.text()


def test_the_backups_sizes_line_up_on_the_right_under_their_heading(
    qtbot: QtBot, story: Path
) -> None:
    """Files and Size are numbers: right-aligned, headings too, and the Size column is
    as wide as its figures (it used to stretch over half the list, its figures far
    from their heading)."""
    create_backup(story, reason="open")
    dialog = BackupsDialog(story, keep=3)
    qtbot.addWidget(dialog)
    dialog.resize(600, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree, header = dialog.tree, dialog.tree.header()
    item = tree.topLevelItem(0)
    assert item is not None
    for column in (2, 3):
        assert item.textAlignment(column) & Qt.AlignmentFlag.AlignRight
        assert tree.headerItem().textAlignment(column) & Qt.AlignmentFlag.AlignRight
    size = header.sectionSize(3)
    needed = max(tree.fontMetrics().horizontalAdvance(text) for text in (item.text(3), "Size"))
    assert size < needed + 40  # its figures' width and a margin, no more
    assert header.sectionSize(0) > size  # the date takes the room
    assert header.sectionViewportPosition(3) + size == tree.viewport().width()


def test_the_backups_dialog_refuses_a_zip_that_escapes(qtbot: QtBot, story: Path) -> None:
    create_backup(story, reason="open")
    evil = list_backups(story)[0].path
    with zipfile.ZipFile(evil, "a") as zf:
        zf.writestr("../../outside.txt", "x")
    dialog = BackupsDialog(story, keep=3)
    qtbot.addWidget(dialog)
    assert dialog.restore_to(story.parent / "restored") is None
    assert "would land outside" in dialog.status.text()
    assert not (story.parent / "restored").exists()


def test_the_bridge_delivers_changes_in_the_gui_thread(qtbot: QtBot, story: Path) -> None:
    bridge = WatchBridge(story)
    seen: list[tuple[list[object], bool]] = []
    bridge.changed.connect(
        lambda changes: seen.append(
            (changes, QThread.currentThread() is QApplication.instance().thread())
        )  # type: ignore[union-attr]
    )
    bridge.start()
    assert bridge.watcher.wait_until_scanned(5)
    try:
        writer = threading.Thread(target=lambda: (story / CH1).write_text("Outside.\n"))
        writer.start()
        writer.join()
        qtbot.waitUntil(lambda: bool(seen), timeout=1000)
    finally:
        bridge.stop()
    changes, in_gui_thread = seen[0]
    assert in_gui_thread
    assert [c.file for c in changes] == [CH1]  # type: ignore[attr-defined]


def test_the_lock_prompt_says_who_and_since_when(qtbot: QtBot) -> None:
    holder = LockInfo.for_this_process()
    holder = LockInfo(**{**holder.__dict__, "user": "quillfeather", "host": "attic-pc"})
    error = ProjectLockedError(Path("/stories/salt"), holder)
    box = lock_message_box(error)
    qtbot.addWidget(box)
    assert "by quillfeather on attic-pc, since" in box.text()

    def answer_read_only() -> None:
        modal = QApplication.activeModalWidget()
        modal.read_only_button.click()  # type: ignore[union-attr]

    QTimer.singleShot(0, answer_read_only)
    assert ask_about_lock(error) is LockAnswer.READ_ONLY
