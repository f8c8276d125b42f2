"""Suggest-mode typing survives kill -9: a real Studio types in Suggest mode and is
killed before anything is saved; the next Studio puts the suggestions back (journaled
as chapter text is) and, once the author restores her unsaved text, the suggestion on
words she had just typed is back on them too."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from studio.review import Status, load_review, set_reviewer_name, sidecar_path
from studio.review.journal import review_journal, review_journal_dir
from studio.safety import Journal
from studio.story import Project
from studio.ui.app import create_window
from studio.ui.safety.controller import ProjectSafety
from tests.review.ui_review_support import CH1, feature_of
from tests.ui_helpers import feature

TYPED = " The gulls went quiet before the storm."


def _journaled(story: Path) -> bool:
    """Both journals hold what the child typed: the chapter's text, the suggestions."""
    texts = [e.text for e in review_journal(story).entries()]
    chapter = [e.text for e in Journal(story).entries()]
    return any("fell silent" in t and "herself" in t for t in texts) and any(
        TYPED in t for t in chapter
    )


def _run_and_kill(story: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.review.crash_child", str(story)],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "typed"
        deadline = time.monotonic() + 10
        while not _journaled(story) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _journaled(story), "the child's typing never reached the journals"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def test_suggestions_typed_before_a_kill_come_back(qtbot: QtBot, sample_copy: Path) -> None:
    set_reviewer_name("Ada Beta")
    chapter_before = (sample_copy / CH1).read_text(encoding="utf-8")
    _run_and_kill(sample_copy)
    sidecar = sidecar_path(Project.load(sample_copy), CH1)
    assert not sidecar.exists(), "the child saved its review: the test would measure nothing"
    assert (sample_copy / CH1).read_text(encoding="utf-8") == chapter_before

    # what a save killed half-way leaves (a sidecar's, a journal entry's temporary file)
    leftovers = [
        sidecar.parent / ".01-the-signal.toml.k1lled0x.tmp",
        review_journal_dir(sample_copy) / ".0a1b2c3d4e5f.json.k1lled0x.tmp",
    ]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_text("half", encoding="utf-8")

    window = create_window()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = 150
    assert window.open_project(sample_copy)
    window.show()
    qtbot.waitExposed(window)
    try:
        review = feature_of(window).state.review(CH1)
        by_text = {s.text: s for s in review.suggestions}
        assert set(by_text) == {"herself", "fell silent"}
        assert all(s.status is Status.PENDING and s.author == "Ada Beta" for s in by_text.values())
        assert by_text["herself"].anchor.exact == "her self"
        assert not by_text["herself"].anchor.detached
        # its words are only in the unsaved text: detached (with its quote) until restored
        assert by_text["fell silent"].anchor.detached
        assert by_text["fell silent"].anchor.exact == "went quiet"
        # saved at once: the sidecar is on disk and the review journal is empty again
        qtbot.waitUntil(sidecar.is_file)
        on_disk = load_review(Project.load(sample_copy), CH1)
        assert {s.text for s in on_disk.suggestions} == {"herself", "fell silent"}
        assert not review_journal(sample_copy).entries()
        assert "Brought back review changes" in window.statusBar().currentMessage()
        assert not any(leftover.exists() for leftover in leftovers)
        # the author restores her unsaved text: the detached suggestion is on its words
        safety = feature(window, ProjectSafety)
        dialog = safety.restore_dialog
        assert dialog is not None
        dialog.restore_button.click()
        editor = window.focused_pane().editor
        assert editor.toPlainText().endswith(TYPED)
        anchor = by_text["fell silent"].anchor
        assert not anchor.detached
        text = feature_of(window).state.text_of(CH1)
        assert text[anchor.start : anchor.end] == "went quiet"
        assert text[anchor.end :].startswith(" before the storm.")
        # nothing of the author's text changed by the suggestions
        assert (sample_copy / CH1).read_text(encoding="utf-8") == chapter_before
    finally:
        window.close_project()
