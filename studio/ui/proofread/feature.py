"""Proofreading in the window: the panel as a side dock, kept up to date as the author
types (debounced, computed off the GUI thread, stale results dropped), and the panel's
actions: go to a finding, apply a suggestion, ignore it, ignore its rule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor

from studio.checks import project_checks
from studio.errors import StudioError
from studio.findings import Finding
from studio.proofread import (
    ChapterText,
    StorySettings,
    check_texts,
    ignore_finding,
    ignore_rule,
    project_findings,
    without_ignored,
)
from studio.proofread.ignores import project_lines
from studio.story import Project
from studio.ui.document import ChapterDocument
from studio.ui.main_window import MainWindow
from studio.ui.proofread.panel import ProofreadPanel
from studio.ui.shell import ActionSpec
from studio.ui.spelling.background import Background

REFRESH_MS = 700


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def run_checks(root: Path, settings: StorySettings, texts: list[tuple[str, str]]) -> list[Finding]:
    """Every finding of the story (runs on the worker thread).

    Spelling and proofreading see the editor's unsaved text; other checks (lyrics,
    archive) read a fresh copy of the project from disk, so nothing here touches the
    window's Project.
    """
    findings = check_texts(settings, [ChapterText(file, text) for file, text in texts])
    others = [check for check in project_checks() if check is not project_findings]
    if others:
        try:
            project = Project.load(root)
        except StudioError:
            return findings
        extra = [f for check in others for f in check(project)]
        findings += without_ignored(project, extra)
    return sorted(findings, key=lambda f: f.sort_key)


class ProofreadFeature(QObject):
    """Everything proofreading adds to one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = ProofreadPanel()
        self.dock = window.add_side_panel(self.panel, "Proofreading")
        self.dock.hide()
        self.background = Background(self)
        self.runs = 0  # every refresh gets a number; only the latest one's results show
        self.shown_run = 0
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        # `hook(finding, replacement) -> bool` may apply a fix its own way (Suggest mode
        # makes it a suggestion) and return True; otherwise the text is edited.
        self.apply_hooks: list[Callable[[Finding, str], bool]] = []

        self.action = window.shell.add_action(
            ActionSpec(
                "tools.proofread",
                "&Proofread Story",
                "tools/check",
                self.show,
                "F7",
                needs_story=True,
            )
        )

        self.panel.go_to.connect(self.go_to)
        self.panel.apply_suggestion.connect(self.apply)
        self.panel.ignore_finding.connect(self.ignore)
        self.panel.ignore_rule.connect(self.ignore_rule)
        self.panel.refresh_requested.connect(self.refresh)
        self.dock.visibilityChanged.connect(self._visibility_changed)
        window.project_opened.connect(self._project_opened)
        window.project_closed.connect(self._project_closed)
        window.metadata.edited.connect(self.text_changed)  # names, ignores, chapters
        window.destroyed.connect(self.background.close)
        if window.project is not None:
            self._project_opened(window.project)

    # -- keeping up to date ------------------------------------------------------------

    def show(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh()

    def _project_opened(self, _project: Project) -> None:
        documents = self.window.documents
        if documents is not None:
            documents.document_opened.connect(self._document_opened)
            for document in documents.documents():
                self._document_opened(document)
        self.text_changed()

    def _project_closed(self) -> None:
        self._timer.stop()
        self.runs += 1  # whatever is still running belongs to the closed story
        self.panel.set_findings([])
        self.panel.summary.setText("No story open")

    def _document_opened(self, document: ChapterDocument) -> None:
        document.document.contentsChanged.connect(self.text_changed)

    def text_changed(self) -> None:
        """Refresh soon, if the panel is showing (else when it is shown)."""
        self._stale = True
        if self.dock.isVisible():
            self._timer.start()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self._stale:
            self._timer.start()

    def refresh(self) -> None:
        """Check the whole story now, on the worker thread."""
        project = self.window.project
        if project is None:
            return
        self._timer.stop()
        self._stale = False
        self.runs += 1
        run = self.runs
        try:
            settings = StorySettings.of(project)
            texts = [(c.file, self._text(c.file)) for c in project.chapters]
        except StudioError as error:
            self.panel.summary.setText(str(error))
            return
        self.panel.summary.setText("Checking…")
        root = project.root
        self.background.run(
            lambda: run_checks(root, settings, texts),
            lambda findings: self._show(run, findings),
            lambda error: self.panel.summary.setText(f"Could not check: {error}"),
        )

    def _show(self, run: int, findings: list[Finding]) -> None:
        if run != self.runs:
            return  # the text changed since this run started: a newer one is coming
        self.shown_run = run
        self.panel.set_findings(findings, self._chapter_title)

    def _text(self, file: str) -> str:
        """The chapter's text as the author sees it: the open document's, else the file's."""
        documents = self.window.documents
        document = documents.find(file) if documents is not None else None
        if document is not None:
            return document.text()
        project = self.window.project
        assert project is not None
        chapter = next(c for c in project.chapters if c.file == file)
        return project.read_chapter(chapter)

    def _chapter_title(self, file: str) -> str:
        project = self.window.project
        if project is None:
            return file
        for number, chapter in enumerate(project.chapters, start=1):
            if chapter.file == file:
                return f"{number}. {chapter.title or file}"
        return file

    # -- acting on a finding -------------------------------------------------------------

    def _cursor(self, finding: Finding) -> QTextCursor | None:
        """A cursor selecting the finding's text in its chapter's document, or None
        when that text is no longer there (then the panel is refreshed)."""
        project, documents = self.window.project, self.window.documents
        if project is None or documents is None:
            return None
        chapter = next((c for c in project.chapters if c.file == finding.file), None)
        if chapter is None:
            return None
        document = documents.get(chapter).document
        block = document.findBlockByNumber(finding.line - 1)
        text = block.text() if block.isValid() else ""
        if text[finding.column - 1 : finding.end_column - 1] != finding.text:
            self.window.statusBar().showMessage("That text has changed; checking again", 4000)
            self.refresh()
            return None
        cursor = QTextCursor(document)
        cursor.setPosition(block.position() + _utf16(text[: finding.column - 1]))
        cursor.setPosition(
            block.position() + _utf16(text[: finding.end_column - 1]),
            QTextCursor.MoveMode.KeepAnchor,
        )
        return cursor

    def go_to(self, finding: Finding) -> None:
        """Show the finding's chapter in the focused pane and select the finding."""
        if not self.window.show_chapter(finding.file):
            return
        cursor = self._cursor(finding)
        if cursor is None:
            return
        editor = self.window.focused_pane().editor
        editor.select_range(cursor.anchor(), cursor.position())

    def apply(self, finding: Finding, suggestion: str) -> None:
        """Replace the finding's text with `suggestion` (refused while read-only)."""
        try:
            self.window.session.refuse_if_read_only()
        except StudioError as error:
            self.window.shell.say(str(error))
            return
        found = self._cursor(finding)
        if found is None:
            return
        if self.window.shell.filter_apply(finding, suggestion) or any(
            hook(finding, suggestion) for hook in self.apply_hooks
        ):
            self.refresh()
            return
        cursor = self.window.session.edit_cursor(found.document())
        cursor.setPosition(found.anchor())
        cursor.setPosition(found.position(), QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(suggestion)
        cursor.endEditBlock()
        self.refresh()

    def ignore(self, finding: Finding) -> None:
        project = self.window.project
        if project is None or not self._may_change():
            return
        if any(c.file == finding.file for c in project.chapters):
            cursor = self._cursor(finding)
            if cursor is None:
                return
            line = cursor.block().text()
        else:  # a finding in story.toml or another file (archive checks)
            line = project_lines(project)(finding.file, finding.line)
        ignore_finding(project, finding, line)
        self.window.story_changed()
        self.refresh()

    def _may_change(self) -> bool:
        """Ignoring is written into story.toml: not while read-only."""
        try:
            self.window.session.refuse_if_read_only()
        except StudioError as error:
            self.window.shell.say(str(error))
            return False
        return True

    def ignore_rule(self, rule: str) -> None:
        project = self.window.project
        if project is None or not self._may_change():
            return
        ignore_rule(project, rule)
        self.window.story_changed()
        self.window.statusBar().showMessage(
            f"Rule “{rule}” is off for this story (Tools ▸ Proofread Story lists the rest)", 6000
        )
        self.refresh()
