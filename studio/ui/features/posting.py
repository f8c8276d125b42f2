"""Posting chapter by chapter: each chapter's status as a mark in the chapter list,
changed from its right-click menu, and the compare view of what changed since posted.

A feature in the shell's terms: marks and a chapter-menu section through the shell,
the status applied to the project in memory and saved through the session (so
read-only refuses, and a story.toml changed outside is never overwritten). The text
as posted (`.studio/posted/`) is written only after the session said the story may
change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QVBoxLayout, QWidget

from studio.errors import StudioError
from studio.story import Chapter, Project
from studio.story.paths import STATE_DIR, chapter_file_path
from studio.story.posting import (
    POSTED_DIR,
    ChapterPosting,
    Status,
    changed_since_posted,
    chapter_status,
    mark_posted,
    posted_changes,
    posted_day,
    set_status,
)
from studio.story.project import read_utf8
from studio.ui.posting.compare_view import PostedCompareView
from studio.ui.posting.status_menu import PostingMenu, status_tooltip
from studio.ui.session import StorySession
from studio.ui.shell import ChapterMark, Shell


def _differs(root: Path, story_file: Path, file: str, text: str | None) -> bool:
    """Chapter `file` (its unsaved `text`, else the file) differs from its posted
    copy; False with no copy (never marked posted in Studio), as
    `changed_since_posted` says (run off the GUI thread: paths are checked here)."""
    try:
        path = chapter_file_path(root, file, story_file=story_file)
        copy = root / STATE_DIR / POSTED_DIR / PurePosixPath(file)
        before = read_utf8(copy) if copy.is_file() else None
        now = text if text is not None else read_utf8(path)
    except (StudioError, OSError):
        return False
    return before is not None and now != before


class CompareDialog(QDialog):
    """A window of its own for one chapter's changes since posting (not modal: the
    author can keep writing beside it)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("postedCompareDialog")
        self.view = PostedCompareView(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1000, 640)


class PostingFeature(QObject):
    """Keeps the chapter list's marks current and answers its posting menu."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell, self.session = shell, session
        self.menu: PostingMenu | None = None
        self.compare: CompareDialog | None = None
        self.marks: dict[str, ChapterMark] = {}
        shell.add_chapter_menu_section(self._section)
        session.on_open(lambda _project: self.refresh())
        session.document_saved.connect(lambda doc: self.refresh_chapter(doc.file))
        session.story_saved.connect(self.refresh)
        session.chapters_changed.connect(self.refresh)
        session.closed.connect(self._closed)

    def _closed(self) -> None:
        self.marks = {}
        self.shell.set_chapter_marks({})

    # -- reading ---------------------------------------------------------------------

    def _chapter(self, file: str) -> tuple[int, Chapter] | None:
        project = self.session.project
        if project is None:
            return None
        found = ((n, c) for n, c in enumerate(project.chapters, start=1) if c.file == file)
        return next(found, None)

    def refresh(self, *_args: object) -> None:
        """Every chapter's mark: the statuses at once (story.toml is in memory), then
        whether each posted chapter changed, compared off the GUI thread (a long story
        has many posted chapters to read; opening and typing never wait on them)."""
        project = self.session.project
        if project is None:
            return
        rows: list[ChapterPosting] = []
        checks: list[tuple[str, str | None]] = []  # posted: file, unsaved text
        try:
            for number, chapter in enumerate(project.chapters, start=1):
                status = chapter_status(chapter)
                was = self.marks.get(chapter.file)
                rows.append(
                    ChapterPosting(
                        number,
                        chapter.title.strip(),
                        status,
                        posted_day(chapter),
                        chapter.url.strip(),
                        status is Status.POSTED and was is not None and was.alert,
                    )
                )
                if status is Status.POSTED:
                    checks.append((chapter.file, self.session.open_text(chapter.file)))
        except StudioError as exc:
            self.shell.say(f"Posting status: {exc}")
            return
        files = [c.file for c in project.chapters]
        postings = dict(zip(files, rows, strict=True))
        self._show(postings)
        root, story_file = project.root, project.story_file
        self.shell.run_latest(
            "posting.marks",
            lambda: {file for file, text in checks if _differs(root, story_file, file, text)},
            lambda changed: self._checked(root, files, postings, changed),
        )

    def _show(self, postings: dict[str, ChapterPosting]) -> None:
        self.marks = {
            file: ChapterMark(p.mark, status_tooltip(p), alert=p.changed)
            for file, p in postings.items()
        }
        self.shell.set_chapter_marks(self.marks)

    def _checked(
        self, root: Path, files: list[str], postings: dict[str, ChapterPosting], changed: object
    ) -> None:
        """The posted chapters compared: the rows `refresh` made, each posted one marked
        changed or not (every edit of story.toml refreshes again, so the rows are
        current; reading each chapter's fields again cost 0.1 s at every open of a
        200-chapter story)."""
        project = self.session.project
        if project is None or project.root != root or not isinstance(changed, set):
            return
        if [c.file for c in project.chapters] != files:
            return  # the chapters changed meanwhile; a newer refresh is on its way
        self._show(
            {
                file: replace(row, changed=row.status is Status.POSTED and file in changed)
                for file, row in postings.items()
            }
        )

    def refresh_chapter(self, file: str) -> None:
        """One chapter was saved: only its mark can have changed (a save never waits
        on reading every posted chapter again)."""
        found = self._chapter(file)
        project = self.session.project
        if found is None or project is None or not self.marks:
            self.refresh()
            return
        posting = self.posting(file)
        if posting is not None:
            self.marks[file] = ChapterMark(
                posting.mark, status_tooltip(posting), alert=posting.changed
            )
            self.shell.set_chapter_marks(self.marks)

    def posting(self, file: str) -> ChapterPosting | None:
        """One chapter's posting state now (its unsaved text compared), or None."""
        found = self._chapter(file)
        project = self.session.project
        if found is None or project is None:
            return None
        number, chapter = found
        try:
            changed = changed_since_posted(project, chapter, self.session.open_text(file))
        except StudioError as exc:
            self.shell.say(f"Posting status: {exc}")
            return None
        return ChapterPosting(
            number,
            chapter.title.strip(),
            chapter_status(chapter),
            posted_day(chapter),
            chapter.url.strip(),
            changed,
        )

    # -- the chapter menu ------------------------------------------------------------

    def _section(self, menu: QMenu, file: str) -> None:
        posting = self.posting(file)
        if posting is None:
            return
        if self.menu is not None:
            self.menu.deleteLater()
        sub = PostingMenu(posting, self.shell.dialog_parent())
        sub.setTitle(f"Posting: {status_tooltip(posting)}")
        self.menu = sub
        writable = self.session.can_edit()
        for action in sub.status_actions.values():
            action.setEnabled(writable)
        if not writable:
            sub.setToolTipsVisible(True)
            for action in sub.status_actions.values():
                action.setToolTip("The story is open read-only")
        sub.status_chosen.connect(lambda status, f=file: self.set_status(f, status))
        sub.posted_chosen.connect(lambda day, url, f=file: self.mark_posted(f, day, url))
        sub.compare_requested.connect(lambda f=file: self.show_compare(f))
        sub.open_url_requested.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        menu.addMenu(sub)
        if posting.changed:  # the question a changed chapter raises, one click away
            compare = menu.addAction("Compare with Posted…")
            compare.triggered.connect(lambda _checked=False, f=file: self.show_compare(f))

    # -- changing --------------------------------------------------------------------

    def _change(self, file: str, change: str) -> tuple[Project, Chapter] | None:
        """The chapter to change, or None (and why, in the status bar) when the story
        may not change now: nothing is written while read-only."""
        found = self._chapter(file)
        project = self.session.project
        if found is None or project is None:
            return None
        try:
            self.session.refuse_if_read_only(f"the story is open read-only: not {change}")
        except StudioError as exc:
            self.shell.say(str(exc))
            return None
        return project, found[1]

    def _save(self) -> bool:
        try:
            self.session.save_story()
        except StudioError as exc:
            self.shell.say(f"story.toml not saved: {exc}", 15000)
            return False
        finally:
            self.refresh()
        return True

    def set_status(self, file: str, status: Status) -> bool:
        """Make the chapter a draft or ready to post, and save story.toml."""
        target = self._change(file, "marked " + status.value)
        if target is None:
            return False
        set_status(target[0], target[1], status)
        return self._save()

    def mark_posted(self, file: str, day: dt.date, url: str) -> bool:
        """Mark the chapter posted on `day` at `url`, keeping its text now (as the
        editor shows it) as the text posted, and save story.toml."""
        target = self._change(file, "marked posted")
        if target is None:
            return False
        project, chapter = target
        try:
            mark_posted(project, chapter, day=day, url=url, text=self.session.open_text(file))
        except StudioError as exc:
            self.shell.say(str(exc))
            return False
        return self._save()

    def show_compare(self, file: str) -> CompareDialog | None:
        """The chapter as posted beside the chapter now, in a window of its own."""
        found = self._chapter(file)
        project = self.session.project
        if found is None or project is None:
            return None
        number, chapter = found
        try:
            changes = posted_changes(project, chapter, self.session.open_text(file))
        except StudioError as exc:
            self.shell.say(str(exc))
            return None
        if self.compare is None:
            self.compare = CompareDialog(self.shell.dialog_parent())
        title = chapter.title.strip() or f"Chapter {number}"
        self.compare.setWindowTitle(f"Changed since posted · {title}")
        self.compare.view.set_changes(title, changes, chapter.url.strip())
        self.compare.setWindowModality(Qt.WindowModality.NonModal)
        self.compare.show()
        self.compare.raise_()
        return self.compare


def install(shell: Shell, session: StorySession) -> PostingFeature:
    return PostingFeature(shell, session)
