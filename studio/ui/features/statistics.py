"""Tools ▸ Story Statistics: words per chapter and in lyrics, in a non-blocking box."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from studio.errors import StudioError
from studio.story import story_stats
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell


def show_statistics(shell: Shell, session: StorySession) -> QMessageBox | None:
    project = session.project
    if project is None:
        return None
    shell.save_all()
    try:
        stats = story_stats(project)
    except StudioError as exc:
        shell.say(f"Statistics: {exc}")
        return None
    rows = "".join(
        f"<tr><td>{c.number}</td><td>{html.escape(c.title)}</td>"
        f"<td align=right>{c.counts.words:,}</td>"
        f"<td align=right>{c.counts.lyrics_words:,}</td></tr>"
        for c in stats.chapters
    )
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Story statistics",
        f"<table cellspacing=6><tr><th>#</th><th>Chapter</th><th>Words</th>"
        f"<th>In lyrics</th></tr>{rows}<tr><td></td><td><b>Total</b></td>"
        f"<td align=right><b>{stats.words:,}</b></td>"
        f"<td align=right>{stats.lyrics_words:,}</td></tr></table>",
        QMessageBox.StandardButton.Close,
        shell.dialog_parent(),
    )
    box.setObjectName("storyStatistics")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): the window stays usable
    return box


def install(shell: Shell, session: StorySession) -> None:
    shell.add_action(
        ActionSpec(
            "tools.statistics",
            "Story &Statistics…",
            "tools/story",
            lambda: show_statistics(shell, session),
            needs_story=True,
        )
    )
