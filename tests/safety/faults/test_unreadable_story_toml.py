"""Issue 14 item 3: while story.toml on disk cannot be read (a syntax error written by
another program), Studio writes no story.toml; the author is told why, her edits to
the details stay in memory and in the journal, and she may reopen once it is fixed."""

from __future__ import annotations

from pathlib import Path

import tomlkit
from pytestqt.qtbot import QtBot

from studio.safety import Journal
from studio.story.paths import STORY_FILE
from studio.ui.main_window import MainWindow
from studio.ui.safety.bars import ConflictBar, NoticeBar
from tests.safety.faults.outside import write_outside
from tests.safety.windows import with_safety


def test_no_story_toml_is_written_while_the_one_on_disk_is_broken(
    qtbot: QtBot, story: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.prefs.autosave_ms = 150
    safety = with_safety(window)
    try:
        assert window.open_project(story)
        window.show()
        qtbot.waitExposed(window)
        good = (story / STORY_FILE).read_text(encoding="utf-8")
        doc = tomlkit.parse(good)
        doc["work"]["title"] = "Their New Title"
        broken = tomlkit.dumps(doc) + '\n[[chapters]]\nfile = "chapters/99-hand-added.md\n'
        write_outside(story / STORY_FILE, broken)
        pane = window.all_panes[0]

        def says_why() -> bool:
            bar = pane.bar()
            return isinstance(bar, NoticeBar) and "cannot be read" in bar.message

        qtbot.waitUntil(says_why, timeout=5000)
        project = window.project
        assert project is not None
        project.work.summary = "Typed in the details panel."  # as a field edit does
        window.story_changed()
        qtbot.wait(1500)  # the story.toml timer has fired
        window.save_all()
        assert (story / STORY_FILE).read_text(encoding="utf-8") == broken
        assert project.work.summary == "Typed in the details panel."
        safety.journal_now()
        assert safety.journal is not None and safety.journal.flush()
        kept = {e.file: e.text for e in Journal(story).entries()}
        assert "Typed in the details panel." in kept[STORY_FILE]

        # Fixed outside: reopening shows the choice, nothing written meanwhile.
        fixed = broken.replace("99-hand-added.md\n", '99-hand-added.md"\n')
        (story / "chapters" / "99-hand-added.md").write_text("Hand-added.\n", encoding="utf-8")
        write_outside(story / STORY_FILE, fixed)
        qtbot.waitUntil(lambda: isinstance(pane.bar(), ConflictBar), timeout=5000)
        assert (story / STORY_FILE).read_text(encoding="utf-8") == fixed
        pane.bar().button("takeFile").click()  # type: ignore[union-attr]
        assert project.work.title == "Their New Title"
        assert "chapters/99-hand-added.md" in [c.file for c in project.chapters]
    finally:
        safety.finish()
