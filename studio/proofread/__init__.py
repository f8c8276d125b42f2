"""Proofreading beyond spelling, and the whole pass `studio check` runs. No Qt.

Rules are data (`resources/rules/*.toml`); `project_findings` is the function
registered in `studio.checks`: spelling plus every rule, minus what the author chose
to ignore (see `ignores`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studio.findings import Finding
from studio.proofread.engine import pattern_findings
from studio.proofread.ignores import (
    Key,
    filter_ignored,
    ignore_finding,
    ignore_rule,
    ignored_findings,
    ignored_rules,
    without_ignored,
)
from studio.proofread.rules import Rule, load_rules
from studio.proofread.story_checks import STORY_CHECKS
from studio.proofread.text import ChapterText
from studio.spelling.check import SpellingPass, suggestions_enabled
from studio.spelling.dictionary import open_dictionary
from studio.spelling.speller import Speller
from studio.spelling.wordlists import accepted_words, checks_caps
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
    "without_ignored",
]


def rule_findings(
    chapters: Sequence[ChapterText], tag: str, rules: Sequence[Rule] | None = None
) -> list[Finding]:
    """Findings of the proofreading rules (not spelling) over a story's chapters."""
    findings: list[Finding] = []
    for rule in load_rules() if rules is None else rules:
        if rule.pattern is not None:
            for chapter in chapters:
                findings += pattern_findings(rule, chapter)
        else:
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


def check_texts(
    settings: StorySettings,
    chapters: Sequence[ChapterText],
    *,
    suggestions: bool = True,
    speller: Speller | None = None,
) -> list[Finding]:
    """Spelling and every rule over a story's `chapters`, ignored ones left out, in order.

    Touches no Project (see StorySettings), so the window runs it off the GUI thread.
    """
    rules = [r for r in load_rules() if r.id not in settings.ignored_rules]
    spelling = SpellingPass(speller or settings.speller(), suggestions=suggestions)
    bad = spelling.speller.misspelled(set().union(*(c.words for c in chapters)))
    spelt = [f for c in chapters for f in spelling.locate(c, bad)]
    ruled = rule_findings(chapters, settings.tag, rules)
    # "alot" or "color" in a British story: the rule says more than "not in the dictionary".
    spans = {(f.file, f.line, f.column, f.end_column) for f in ruled}
    findings = [f for f in spelt if (f.file, f.line, f.column, f.end_column) not in spans]
    findings += ruled
    lines = {c.file: c.lines for c in chapters}

    def line_of(file: str, line: int) -> str:
        text = lines.get(file, [])
        return text[line - 1] if 0 < line <= len(text) else ""

    kept = filter_ignored(findings, settings.ignored_rules, settings.ignored, line_of)
    return sorted(kept, key=lambda f: f.sort_key)


def project_findings(project: Project) -> list[Finding]:
    """The check registered in `studio.checks`: spelling and proofreading of every chapter."""
    settings = StorySettings.of(project)
    return check_texts(settings, project_texts(project), suggestions=suggestions_enabled())
