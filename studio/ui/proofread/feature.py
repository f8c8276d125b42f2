"""Proofreading in the window: the panel as a side dock and grammar underlines in the
editor, both from the one engine `studio check` runs (spelling, Studio's rules, Harper
with the fiction profile, the fields of story.toml, likely names grouped).

Joins with `install(shell, session)`. Checks run in the background, where only the
latest result of each key counts: the whole story for the panel while it shows (on
the shell's runner), and each edited chapter for its underlines about half a second
after a typing pause (on a runner of their own, with an engine of their own, so an
underline never waits behind a check of the whole story). Harper's findings are
cached per paragraph (in memory, by text and engine), so a pause re-lints only the
paragraph being typed. Every write goes through the session: a suggestion via
`edit_cursor`, ignores into story.toml, names into dictionary.txt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu

from studio.errors import StudioError
from studio.findings import Finding
from studio.proofread import (
    ChapterText,
    StorySettings,
    check_texts,
    ignore_finding,
    ignore_rule,
    project_findings,
    story_texts,
    without_ignored,
)
from studio.proofread.grammar_cache import GrammarCache
from studio.proofread.harper_lints import HarperChecker
from studio.proofread.ignores import project_lines
from studio.spelling.speller import Speller
from studio.story import Project
from studio.story.lines import LineKind
from studio.ui.document import ChapterDocument
from studio.ui.proofread.layer import SHOWN, GrammarLayer
from studio.ui.proofread.panel import ProofreadPanel
from studio.ui.proofread.plan import line_kinds, piece_text, plan
from studio.ui.runner import LatestRunner
from studio.ui.session import StorySession
from studio.ui.shell import ActionSpec, Shell
from studio.ui.spelling.menu import bold_action, put_on_top

REFRESH_MS = 700  # the panel, after a pause
UNDERLINE_MS = 450  # a chapter's grammar underlines, after a pause


def _underline_key(file: str) -> str:
    """The underline runner's key for `file`'s checks (a newer one replaces it)."""
    return f"proofread.underline:{file}"


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Engine:
    """The checker and its caches, used only on the background runner's thread."""

    def __init__(self) -> None:
        self.cache: GrammarCache | None = None
        self._speller: tuple[StorySettings, Speller] | None = None

    def parts(self, settings: StorySettings) -> tuple[HarperChecker | None, GrammarCache, Speller]:
        checker = settings.grammar_checker()
        digest = checker.digest if checker is not None else "rules-only"
        if self.cache is None or self.cache.digest != digest:
            self.cache = GrammarCache(digest)
        if self._speller is None or self._speller[0] != settings:
            self._speller = (settings, settings.speller())
        return checker, self.cache, self._speller[1]


@dataclass(frozen=True)
class StoryJob:
    """A check of the whole story, copied off the GUI thread's objects."""

    root: Path
    settings: StorySettings
    texts: list[ChapterText]
    source: str


def run_checks(engine: Engine, job: StoryJob) -> list[Finding]:
    """Every finding of the story, as `studio check` has them (runs on the worker thread).

    Spelling and proofreading see the editor's unsaved text and story.toml's fields;
    other checks (lyrics, archive) read a fresh copy of the project from disk, so
    nothing here touches the window's Project.
    """
    # The story-wide checks (lyrics, archive) bring in the exporters: loaded here, on
    # the worker thread the first time the panel checks, not when the window starts.
    from studio.checks import project_checks  # noqa: PLC0415

    checker, cache, speller = engine.parts(job.settings)
    findings = check_texts(
        job.settings,
        job.texts,
        speller=speller,
        grammar=checker,
        cache=cache,
        story_source=job.source,
    )
    others = [check for check in project_checks() if check is not project_findings]
    if others:
        try:
            project = Project.load(job.root)
        except StudioError:
            return findings
        extra = [f for check in others for f in check(project)]
        findings += without_ignored(project, extra)
    return sorted(findings, key=lambda f: f.sort_key)


@dataclass
class Underlining:
    """One underline check of a chapter: its lines as they were at the pause."""

    engine: Engine
    settings: StorySettings
    file: str
    lines: list[str]

    @cached_property
    def kinds(self) -> list[LineKind]:
        return line_kinds(self.lines)  # on the worker thread, once per check

    def text_of(self, piece: range) -> str:
        return piece_text(self.lines, self.kinds, piece)


def chapter_underlines(
    engine: Engine, settings: StorySettings, file: str, text: str
) -> list[Finding]:
    """One chapter's grammar and typography findings through the same engine (spelling
    has its own layer, so it is checked here only so the merge keeps one per span)."""
    checker, cache, speller = engine.parts(settings)
    found = check_texts(
        settings,
        [ChapterText(file, text)],
        suggestions=False,
        speller=speller,
        grammar=checker,
        cache=cache,
    )
    return [f for f in found if f.kind in SHOWN]


def hidden_rules(engine: Engine, settings: StorySettings, finding: Finding, line: str) -> list[str]:
    """The rules that flag `finding`'s words once its own rule is off (worker thread):
    the merge shows one finding per span, so others may wait under it."""
    ignored = set(settings.ignored_rules) | {finding.rule}
    found: list[str] = []
    text = "\n" * (finding.line - 1) + line
    for _ in range(4):  # one under another, a few deep at most
        quieter = replace(settings, ignored_rules=frozenset(ignored))
        hits = [
            f.rule
            for f in chapter_underlines(engine, quieter, finding.file, text)
            if f.line == finding.line
            and f.column < finding.end_column
            and finding.column < f.end_column
        ]
        if not hits:
            break
        ignored.update(hits)
        found += [rule for rule in dict.fromkeys(hits) if rule not in found]
    return found


class ProofreadFeature(QObject):
    """Everything proofreading adds to one window."""

    def __init__(self, shell: Shell, session: StorySession) -> None:
        super().__init__(shell)
        self.shell = shell
        self.session = session
        self.engine = Engine()  # the panel's, used on the shell's runner thread
        self.underline_engine = Engine()  # the underlines', on their own thread
        self.underliner = LatestRunner(self)
        shell.window_closing.connect(self._window_closing)
        self.panel = ProofreadPanel()
        self.dock = shell.add_dock(self.panel, "Proofreading")  # as the layout left it
        self.runs = 0  # every refresh gets a number; only the latest one's results show
        self.shown_run = 0
        self.busy = False
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.layers: dict[str, GrammarLayer] = {}
        self._dirty: set[str] = set()
        self._warm: set[str] = set()  # chapters whose underlines were checked whole
        self._underline_timer = QTimer(self)
        self._underline_timer.setSingleShot(True)
        self._underline_timer.setInterval(UNDERLINE_MS)
        self._underline_timer.timeout.connect(self.underline_now)
        # `hook(finding, replacement) -> bool` may apply a fix its own way (Suggest mode
        # makes it a suggestion) and return True; otherwise the text is edited.
        self.apply_hooks: list[Callable[[Finding, str], bool]] = []

        self.action = shell.add_action(
            ActionSpec(
                "tools.proofread",
                "&Proofread Story",
                "tools/check",
                self.show,
                "F7",
                needs_story=True,
            )
        )
        self.underline_action = shell.add_action(
            ActionSpec(
                "tools.grammar-as-you-type",
                "Underline &Grammar as You Type",
                "tools/check",
                self._toggle_underlines,
                checkable=True,
                checked=True,
                tip="Blue: grammar, green: typography (spelling is red)",
            )
        )

        self.panel.go_to.connect(self.go_to)
        self.panel.apply_suggestion.connect(self.apply)
        self.panel.ignore_finding.connect(self.ignore)
        self.panel.ignore_rule.connect(self.ignore_rule)
        self.panel.add_names.connect(self.add_names)
        self.panel.refresh_requested.connect(self.refresh)
        self.dock.visibilityChanged.connect(self._visibility_changed)
        session.closed.connect(self._project_closed)
        session.story_saved.connect(self._story_settings_changed)
        session.chapters_changed.connect(self._story_settings_changed)
        shell.on_metadata_edited(self.text_changed)  # names, ignores, fields
        shell.add_highlight_layer(self._layer)
        shell.add_context_section(self._context_section)
        session.on_open(lambda _project: self.text_changed())

    # -- keeping up to date ------------------------------------------------------------

    def show(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh()

    def _window_closing(self) -> None:
        self._underline_timer.stop()
        self._dirty.clear()
        self.layers.clear()  # nothing is underlined after this
        self.underliner.close()

    def _project_closed(self) -> None:
        self._timer.stop()
        self._underline_timer.stop()
        self.runs += 1  # whatever is still running belongs to the closed story
        self.layers.clear()
        self._dirty.clear()
        self._warm.clear()
        self.panel.set_findings([])
        self.panel.summary.setText("No story open")

    def _layer(self, document: ChapterDocument) -> GrammarLayer:
        layer = GrammarLayer(document.file, document.document, document.highlighter)
        layer.enabled = self.underline_action.isChecked()
        self.layers[document.file] = layer
        document.destroyed.connect(lambda _=None, f=document.file: self.layers.pop(f, None))
        document.document.contentsChanged.connect(lambda f=document.file: self._typed(f))
        self._dirty.add(document.file)
        # A chapter just opened: underline it now, or once the story is on screen when
        # it is opening (the check holds Python's lock on its worker meanwhile).
        self.shell.when_shown(lambda: self._underline_timer.start(0))
        return layer

    def _typed(self, file: str) -> None:
        self._dirty.add(file)
        # The check of this chapter under way reads text that is no longer there, and
        # the pause starts one over anyway: stop it now, so it does not take the
        # processor (and Python's lock) from the typing, piece after piece.
        self.underliner.drop(_underline_key(file))
        self._underline_timer.start(UNDERLINE_MS)
        self.text_changed()

    def _story_settings_changed(self) -> None:
        """Ignores or words changed in story.toml or dictionary.txt: check again."""
        self._warm.clear()
        self._dirty.update(self.layers)
        self._underline_timer.start(UNDERLINE_MS)
        self.text_changed()

    def text_changed(self) -> None:
        """Refresh soon, if the panel is showing (else when it is shown)."""
        self._stale = True
        if self.dock.isVisible():
            self._timer.start()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self._stale:
            self._timer.start()

    def _settings(self) -> StorySettings | None:
        project = self.session.project
        if project is None:
            return None
        try:
            return StorySettings.of(project)
        except StudioError as error:
            self.panel.summary.setText(str(error))
            return None

    def underline_now(self) -> None:
        """Check each chapter typed in since the last time, for its underlines: the
        lines on screen first, then the rest a piece at a time (see `plan`)."""
        settings = self._settings()
        if settings is None:
            return
        dirty, self._dirty = self._dirty, set()
        for file in sorted(dirty):
            layer = self.layers.get(file)
            document = self.session.find_document(file)
            if layer is None or document is None or not layer.enabled:
                continue
            lines = document.text().split("\n")
            check = Underlining(self.underline_engine, settings, file, lines)
            warm = file in self._warm
            self._underline(check, plan(lines, self._lines_on_screen(layer), warm=warm))

    def _underline(self, check: Underlining, pieces: list[range]) -> None:
        """Check the first of `pieces` in the background, show its findings on its
        lines, then go on with the next (a newer pause for the file starts over)."""
        if not pieces:
            return
        piece, rest = pieces[0], pieces[1:]
        whole = len(pieces) == 1 and piece == range(len(check.lines))

        def job() -> list[Finding]:
            text = "\n".join(check.lines) if whole else check.text_of(piece)
            return chapter_underlines(check.engine, check.settings, check.file, text)

        def done(result: object) -> None:
            layer = self.layers.get(check.file)
            if layer is not None and isinstance(result, list):
                layer.set_findings(result, check.lines, None if whole else piece)
                if rest:
                    self._underline(check, rest)
                else:  # read whole: from now on a pause re-reads only what changed
                    self._warm.add(check.file)

        self.underliner.run(_underline_key(check.file), job, done)

    def _lines_on_screen(self, layer: GrammarLayer) -> range | None:
        """The lines (0-based) the editors showing this chapter have on screen."""
        ranges = [
            editor.visible_block_range()
            for editor in self.shell.editors()
            if editor.document() is layer.document and editor.isVisible()
        ]
        if not ranges:
            return None
        return range(min(r[0] for r in ranges), max(r[1] for r in ranges) + 1)

    def refresh(self) -> None:
        """Check the whole story now, on the background runner."""
        project = self.session.project
        settings = self._settings()
        if project is None or settings is None:
            return
        self._timer.stop()
        self._stale = False
        self.runs += 1
        run = self.runs
        try:
            edits = {d.file: d.text() for d in self._open_documents()}
            texts, source = story_texts(project, edits)
        except StudioError as error:
            self.panel.summary.setText(str(error))
            return
        self.panel.summary.setText("Checking…")
        self.busy = True
        job = StoryJob(project.root, settings, texts, source)
        engine = self.engine
        self.shell.run_latest(
            "proofread.story", lambda: run_checks(engine, job), lambda r: self._show(run, r)
        )

    def _open_documents(self) -> list[ChapterDocument]:
        documents = self.session.documents
        return documents.documents() if documents is not None else []

    def _show(self, run: int, result: object) -> None:
        if run != self.runs:
            return  # the text changed since this run started: a newer one is coming
        self.busy = False
        self.shown_run = run
        if isinstance(result, Exception):
            self.panel.summary.setText(f"Could not check: {result}")
            return
        assert isinstance(result, list)
        self.panel.set_findings(result, self._chapter_title)

    def _chapter_title(self, file: str) -> str:
        project = self.session.project
        if project is None:
            return file
        for number, chapter in enumerate(project.chapters, start=1):
            if chapter.file == file:
                return f"{number}. {chapter.title or file}"
        if file == "story.toml":
            return "Story details (story.toml)"
        return file

    # -- acting on a finding -------------------------------------------------------------

    def _cursor(self, finding: Finding) -> QTextCursor | None:
        """A cursor selecting the finding's text in its chapter's document, or None
        when that text is no longer there (then the panel is refreshed)."""
        project, documents = self.session.project, self.session.documents
        if project is None or documents is None:
            return None
        chapter = next((c for c in project.chapters if c.file == finding.file), None)
        if chapter is None:
            return None
        document = documents.get(chapter).document
        block = document.findBlockByNumber(finding.line - 1)
        text = block.text() if block.isValid() else ""
        if text[finding.column - 1 : finding.end_column - 1] != finding.text:
            self.shell.say("That text has changed; checking again", 4000)
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
        project = self.session.project
        if project is None or not any(c.file == finding.file for c in project.chapters):
            return  # story.toml's fields are in the metadata panel
        if self._cursor(finding) is None:
            return
        self.shell.go_to(
            finding.file, finding.line - 1, finding.column - 1, end_column=finding.end_column - 1
        )

    def apply(self, finding: Finding, suggestion: str, *, show: bool = True) -> None:
        """Replace the finding's text with `suggestion` (refused while read-only).
        `show`: then select the change in the focused pane (the panel's Apply; a
        right-click fix is made where the author is typing, and stays unselected)."""
        try:
            self.session.refuse_if_read_only()
        except StudioError as error:
            self.shell.say(str(error))
            return
        found = self._cursor(finding)
        if found is None:
            return
        if self.shell.filter_apply(finding, suggestion) or any(
            hook(finding, suggestion) for hook in self.apply_hooks
        ):
            if show:  # made its own way (a suggestion): the words are as they were
                self._show_change(finding, finding.text)
            self.refresh()
            return
        if self._replace(found, suggestion) and show:
            self._show_change(finding, suggestion)
        self.refresh()

    def _show_change(self, finding: Finding, text: str) -> None:
        """Show the changed words, selected, in the focused pane: the author sees what
        Apply did even when the pane showed another chapter or was scrolled away."""
        if "\n" in text or "\u2029" in text:
            return
        start = finding.column - 1
        self.shell.go_to(finding.file, finding.line - 1, start, end_column=start + len(text))

    def _replace(self, found: QTextCursor, text: str) -> bool:
        try:
            cursor = self.session.edit_cursor(found.document())
        except StudioError as error:
            self.shell.say(str(error))
            return False
        cursor.setPosition(found.anchor())
        cursor.setPosition(found.position(), QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        return True

    def ignore(self, finding: Finding) -> None:
        project = self.session.project
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
        self.shell.story_changed()
        self._story_settings_changed()
        self.refresh()

    def _may_change(self) -> bool:
        """Ignoring is written into story.toml: not while read-only."""
        try:
            self.session.refuse_if_read_only()
        except StudioError as error:
            self.shell.say(str(error))
            return False
        return True

    def ignore_rule(self, rule: str, finding: Finding | None = None) -> None:
        """Turn `rule` off for this story. With the `finding` it was asked from, the
        rules the merge hid under it on the same words go too (Harper's "could of"
        under Studio's): the author meant those words, whichever rule names them."""
        project = self.session.project
        if project is None or not self._may_change():
            return
        if finding is None:
            finding = self.panel.selected()
            finding = finding if finding is not None and finding.rule == rule else None
        ignore_rule(project, rule)
        self.shell.story_changed()
        self.shell.say(
            f"Rule “{rule}” is off for this story (Tools ▸ Proofread Story lists the rest)", 6000
        )
        self._story_settings_changed()
        self.refresh()
        settings = self._settings()
        line = self._line_of(finding) if finding is not None else None
        if finding is None or settings is None or line is None:
            return
        engine, asked = self.underline_engine, finding

        def job() -> list[str]:
            return hidden_rules(engine, settings, asked, line)

        def done(result: object) -> None:
            current = self.session.project
            if current is not project or not isinstance(result, list) or not result:
                return
            for hidden in result:
                ignore_rule(project, hidden)
            self.shell.story_changed()
            self.shell.say(f"Off for this story: {', '.join([rule, *result])}", 6000)
            self._story_settings_changed()
            self.refresh()

        self.underliner.run(f"proofread.hidden-rules:{rule}", job, done)

    def _line_of(self, finding: Finding) -> str | None:
        """The finding's line as the author has it now (the editor's, else the file's)."""
        document = self.session.find_document(finding.file)
        project = self.session.project
        text = document.text() if document is not None else None
        chapter = project is not None and any(c.file == finding.file for c in project.chapters)
        if text is None and project is not None and chapter:  # checked inside chapters/
            try:
                text = (project.root / finding.file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = None
        lines = text.split("\n") if text is not None else []
        return lines[finding.line - 1] if 0 < finding.line <= len(lines) else None

    def add_names(self, words: list[str]) -> None:
        """Add likely names to the story's dictionary.txt, every use accepted at once."""
        try:
            for word in words:
                self.session.add_word(word)
        except StudioError as error:
            self.shell.say(str(error))
            return
        shown = ", ".join(words[:3]) + ("…" if len(words) > 3 else "")
        self.shell.say(f"Added to this story’s words: {shown}", 6000)
        self.refresh()

    # -- the editor's right-click ------------------------------------------------------

    def _context_section(self, menu: QMenu, cursor: QTextCursor) -> None:
        layer = next((x for x in self.layers.values() if x.document is cursor.document()), None)
        finding = layer.finding_at(cursor) if layer is not None else None
        if finding is None:
            return
        title = QAction(finding.message, menu)
        title.setEnabled(False)
        actions: list[QAction | None] = [title]
        fixes = [
            bold_action(menu, s or "(remove)", self._applying(finding, s))
            for s in finding.suggestions[:7]
        ]
        ignore = QAction("Ignore", menu)
        ignore.triggered.connect(lambda _=False: self.ignore(finding))
        rule = QAction("Ignore Rule for This Story", menu)
        rule.triggered.connect(lambda _=False: self.ignore_rule(finding.rule, finding))
        for action in (*fixes, ignore, rule):
            action.setEnabled(self.session.can_edit())  # each writes: not read-only
        actions += [*fixes, None, ignore, rule]
        put_on_top(menu, actions)
        self.last_menu = menu

    def _applying(self, finding: Finding, suggestion: str) -> Callable[[], None]:
        return lambda: self.apply(finding, suggestion, show=False)

    def _toggle_underlines(self, on: bool) -> None:
        for layer in self.layers.values():
            layer.set_enabled(on)
        if on:
            self._dirty.update(self.layers)
            self._underline_timer.start(0)


def install(shell: Shell, session: StorySession) -> ProofreadFeature:
    return ProofreadFeature(shell, session)
