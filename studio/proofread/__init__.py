"""Proofreading beyond spelling, and the whole pass `studio check` runs. No Qt.

Rules are data (`resources/rules/*.toml`); `project_findings` is the function
registered in `studio.checks`: spelling plus every rule, minus what the author chose
to ignore (see `ignores`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache

from studio.findings import Finding
from studio.proofread.engine import pattern_findings
from studio.proofread.fields import STORY_FILE, FieldText, field_of, field_texts
from studio.proofread.grammar_cache import GrammarCache
from studio.proofread.grammar_tier import grammar_findings, merge
from studio.proofread.harper_lints import HarperChecker
from studio.proofread.harper_lints import available as harper_available
from studio.proofread.ignores import (
    Key,
    filter_ignored,
    ignore_finding,
    ignore_rule,
    ignored_findings,
    ignored_rules,
    without_ignored,
)
from studio.proofread.rules import Rule, load_rules, rules_digest
from studio.proofread.story_checks import STORY_CHECKS
from studio.proofread.text import ChapterText
from studio.resources import sample_project
from studio.spelling.check import SpellingPass, suggestions_enabled
from studio.spelling.dictionary import open_dictionary
from studio.spelling.names import likely_names
from studio.spelling.speller import Speller
from studio.spelling.wordlists import accepted_words, checks_caps
from studio.story.paths import STATE_DIR
from studio.story.project import Project

__all__ = [
    "ChapterText",
    "Rule",
    "StorySettings",
    "check_texts",
    "ignore_finding",
    "ignore_rule",
    "ignored_rules",
    "load_rules",
    "project_findings",
    "project_texts",
    "rule_findings",
    "story_texts",
    "without_grammar",
    "without_ignored",
]


def rule_findings(
    chapters: Sequence[ChapterText],
    tag: str,
    rules: Sequence[Rule] | None = None,
    cache: GrammarCache | None = None,
) -> list[Finding]:
    """Findings of the proofreading rules (not spelling) over a story's chapters.

    A chapter's pattern-rule findings depend only on its text and the rules, so with a
    `cache` they are kept by that (an unchanged chapter is not scanned again); the
    story-wide checks (mixed quotes, spellings, a/an) always run.
    """
    findings: list[Finding] = []
    chapters = [c for c in chapters if c.grammar]
    chosen = load_rules() if rules is None else rules
    patterns = [rule for rule in chosen if rule.pattern is not None]
    digest = rules_digest(patterns) if cache is not None else ""
    for chapter in chapters:
        kept = cache.get_findings(digest, chapter) if cache is not None else None
        if kept is None:
            kept = [f for rule in patterns for f in pattern_findings(rule, chapter)]
            if cache is not None:
                cache.put_findings(digest, chapter, kept)
        findings += kept
    for rule in chosen:
        if rule.pattern is None:
            findings += STORY_CHECKS[rule.check](rule, chapters, tag)
    return findings


def project_texts(project: Project, edits: dict[str, str] | None = None) -> list[ChapterText]:
    """Every chapter's text; `edits` (file → text) stands in for unsaved editor text."""
    edits = edits or {}
    return [
        ChapterText(c.file, edits[c.file] if c.file in edits else project.read_chapter(c))
        for c in project.chapters
    ]


@dataclass(frozen=True)
class StorySettings:
    """What a check needs from the project, copied so it can run in another thread."""

    tag: str
    accepted: frozenset[str]
    ignored_rules: frozenset[str]
    ignored: frozenset[Key]
    check_caps: bool = False

    @classmethod
    def of(cls, project: Project) -> StorySettings:
        return cls(
            tag=project.spelling.dictionary,
            accepted=frozenset(accepted_words(project)),
            ignored_rules=frozenset(ignored_rules(project)),
            ignored=frozenset(ignored_findings(project)),
            check_caps=checks_caps(project),
        )

    def speller(self) -> Speller:
        return Speller(open_dictionary(self.tag), self.accepted, check_caps=self.check_caps)

    def grammar_checker(self) -> HarperChecker | None:
        """Harper for this story's dialect and words, or None when harper-py is missing."""
        return harper_checker(self.tag, self.accepted) if harper_available() else None


@lru_cache(maxsize=4)
def harper_checker(tag: str, words: frozenset[str]) -> HarperChecker:
    """One checker per dialect and word list: building Harper takes about a second."""
    return HarperChecker(tag, words)


def check_texts(
    settings: StorySettings,
    chapters: Sequence[ChapterText],
    *,
    suggestions: bool = True,
    speller: Speller | None = None,
    grammar: HarperChecker | None = None,
    cache: GrammarCache | None = None,
    story_source: str | None = None,
) -> list[Finding]:
    """Spelling, every rule and the grammar engine (`grammar`, Harper: optional) over a
    story's `chapters`, ignored ones left out, in order.

    Fields of story.toml (FieldText, see `story_texts`) go in `chapters` too, with the
    story.toml text they came from as `story_source`. Touches no Project (see
    StorySettings), so the window runs it off the GUI thread.
    """
    rules = [r for r in load_rules() if r.id not in settings.ignored_rules]
    spelling = SpellingPass(speller or settings.speller(), suggestions=suggestions)
    bad = spelling.speller.misspelled(set().union(*(c.words for c in chapters)))
    spelt = [f for c in chapters for f in spelling.locate(c, bad)]
    line_of = _line_source(chapters, story_source)
    spelt = [f for f in spelt if not _dropped_g(f, line_of, spelling.speller)]
    # Invented names: one grouped finding per name, not one per use.
    names, spelt = likely_names(spelt, line_of)
    spelt += [name.finding() for name in names]
    ruled = merge([], rule_findings(chapters, settings.tag, rules, cache))  # one rule per span
    # "alot" or "color" in a British story: the rule says more than "not in the dictionary".
    spans = {(f.file, f.line, f.column, f.end_column) for f in ruled}
    findings = [f for f in spelt if (f.file, f.line, f.column, f.end_column) not in spans]
    findings += ruled
    if grammar is not None:
        findings = merge(findings, grammar_findings(chapters, grammar, cache))
    if story_source is not None:
        findings = _with_fields(findings, [c for c in chapters if isinstance(c, FieldText)])
    line_of = _line_source(chapters, story_source)
    kept = filter_ignored(findings, settings.ignored_rules, settings.ignored, line_of)
    return sorted(kept, key=lambda f: f.sort_key)


def _dropped_g(finding: Finding, line_of: Callable[[str, int], str], speller: Speller) -> bool:
    """Dialect's dropped g, "nothin'" and "feelin'": the -ing word is known, and the
    apostrophe after it says the writer meant it."""
    if not finding.text.endswith("in"):
        return False
    after = line_of(finding.file, finding.line)[finding.end_column - 1 : finding.end_column]
    return after in ("'", "’") and speller.is_correct(finding.text + "g")


def _line_source(
    chapters: Sequence[ChapterText], story_source: str | None
) -> Callable[[str, int], str]:
    """A file's 1-based line as the author sees it (story.toml's from its own text)."""
    lines = {c.file: c.lines for c in chapters if not isinstance(c, FieldText)}
    if story_source is not None:
        lines[STORY_FILE] = story_source.splitlines()

    def line_of(file: str, line: int) -> str:
        text = lines.get(file, [])
        return text[line - 1] if 0 < line <= len(text) else ""

    return line_of


def _with_fields(findings: list[Finding], fields: list[FieldText]) -> list[Finding]:
    """Findings in story.toml, each naming the field (key) it is in."""
    return [
        replace(f, field=field_of(fields, f.line, f.column)) if f.file == STORY_FILE else f
        for f in findings
    ]


def story_texts(
    project: Project, edits: dict[str, str] | None = None
) -> tuple[list[ChapterText], str]:
    """Every chapter's text and every reader-visible field of story.toml, and the
    story.toml text those fields were found in."""
    source = project.doc.as_string()
    return [*project_texts(project, edits), *field_texts(source)], source


# `studio check --no-grammar`: spelling and Studio's own rules, without the grammar engine.
_GRAMMAR: ContextVar[bool] = ContextVar("proofread_grammar", default=True)


@contextlib.contextmanager
def without_grammar() -> Iterator[None]:
    token = _GRAMMAR.set(False)
    try:
        yield
    finally:
        _GRAMMAR.reset(token)


# A story open read-only (another Studio holds it) must not be written, not even the cache.
_SAVE_CACHE: ContextVar[bool] = ContextVar("proofread_save_cache", default=True)


@contextlib.contextmanager
def cache_not_saved() -> Iterator[None]:
    """Check without writing the grammar cache under `.studio/` (read-only stories)."""
    token = _SAVE_CACHE.set(False)
    try:
        yield
    finally:
        _SAVE_CACHE.reset(token)


def project_findings(project: Project) -> list[Finding]:
    """The check registered in `studio.checks`: spelling and proofreading of every chapter,
    the grammar engine's findings cached under `.studio/`."""
    settings = StorySettings.of(project)
    checker = settings.grammar_checker()  # cheap: Harper itself is built on first use
    grammar = checker if _GRAMMAR.get() else None
    engine = checker.digest if checker is not None else "rules-only"
    cache = GrammarCache.load(project.root / STATE_DIR, engine)
    texts, source = story_texts(project)
    findings = check_texts(
        settings,
        texts,
        suggestions=suggestions_enabled(),
        grammar=grammar,
        cache=cache,
        story_source=source,
    )
    if _SAVE_CACHE.get() and project.root.resolve() != sample_project().resolve():
        # (Studio's own copy of the sample stays as shipped)
        with contextlib.suppress(OSError):  # a read-only folder: check anyway, cache nothing
            cache.save(project.root / STATE_DIR)
    return findings
