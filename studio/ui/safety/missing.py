"""Chapters whose file is missing when the story opens (renamed or moved while no Studio
watched): the story opens anyway, every other chapter and every entry intact, and a bar
says which chapters are missing and what to do, offering the file in chapters/ that is
probably each one (the same text as in the last backup, or the one file left over).
Nothing changes in story.toml until the author chooses.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from studio.errors import printable
from studio.safety.backups import last_backed_up
from studio.safety.reconcile import Missing, match_missing, set_file
from studio.ui.safety.bars import NoticeBar

if TYPE_CHECKING:
    from studio.ui.safety.controller import ProjectSafety


class _Pane(Protocol):
    """What the shell's `chapter_unavailable` hands over: a pane that can show a bar."""

    def show_bar(self, widget: QWidget) -> None: ...


class MissingChapters:
    """Checks one ProjectSafety's story (its `owner`) for missing chapter files at open."""

    def __init__(self, owner: ProjectSafety) -> None:
        self.owner = owner
        self.found: list[Missing] = []
        self.bars: list[QWidget] = []
        owner.shell.chapter_unavailable.connect(self._unavailable)

    def check(self) -> None:
        """At open: show the bar when an entry's file is not there."""
        project, root = self.owner.project, self.owner.root
        self.found, self.bars = [], []
        if project is None or root is None:
            return
        missing = [c.file for c in project.missing_chapters()]
        if not missing:
            return
        self.found = match_missing(project, missing, last_known=lambda f: last_backed_up(root, f))
        if self.owner.read_only:  # no bar over the read-only one: the status bar says it
            self.owner.say(describe(self.found, self.owner.title_of))
            return
        self.bars.append(self.owner.shell.show_notice(self._make_bar))
        self.owner.say("A chapter's file is missing: the bar above the text says what to do.")

    def _make_bar(self) -> NoticeBar:
        bar = NoticeBar(describe(self.found, self.owner.title_of), tone="warning")
        offered = [m for m in self.found if m.candidate is not None]
        if offered:
            label = (
                f"Use {printable(offered[0].candidate or '')}"
                if len(offered) == 1
                else f"Use these {len(offered)} files"
            )
            bar.add_action(label, lambda: self.use(offered), name="useFoundFiles")
        return bar

    def _unavailable(self, pane: _Pane, file: str) -> None:
        """The author opened a missing chapter: the pane shows the bar (and the offer)."""
        if self.owner.read_only or file not in {m.file for m in self.found}:
            return
        bar = self._make_bar()
        pane.show_bar(bar)
        self.bars.append(bar)

    def use(self, matches: list[Missing]) -> None:
        """The author chose: each entry names its file again (title, notes, place kept)."""
        project = self.owner.project
        if project is None:
            return
        for match in matches:
            if match.candidate is not None:
                set_file(project, match.file, match.candidate)
        if not self.owner.shell.save_story():
            return  # refused (and said why): the change waits in memory and the journal
        for bar in self.bars:
            with contextlib.suppress(RuntimeError):  # already gone with its pane's next bar
                self.owner.shell.clear_notice(bar)
        self.bars = []
        self.owner.refresh_views()
        shown = [m.candidate for m in matches if m.candidate is not None]
        if shown:
            self.owner.shell.show_chapter(shown[0])
        self.found = []
        self.owner.say("The chapters name their files again.")


def describe(found: list[Missing], title_of: Callable[[str], str]) -> str:
    """One message for the bar: each missing chapter, and what to do."""
    parts = []
    for match in found:
        title = printable(title_of(match.file))
        file = printable(match.file)
        line = f"“{title}”: its file {file} is missing (renamed or moved while Studio was closed?)."
        if match.candidate is not None and match.same_text:
            line += f" {printable(match.candidate)} holds the same text and is not in the story."
        elif match.candidate is not None:
            line += f" {printable(match.candidate)} is not in the story: perhaps it is this one."
        parts.append(line)
    what = (
        " Its entry, title and notes are kept: use the file offered, or put the file back"
        " (File ▸ Backups… has a copy), or delete the chapter."
    )
    return " ".join(parts) + what
