"""Proofreading beyond spelling, and the whole pass `studio check` runs. No Qt.

Rules are data (`resources/rules/*.toml`); `project_findings` is the function
registered in `studio.checks`: spelling plus every rule, minus what the author chose
to ignore (see `ignores`).
"""

from __future__ import annotations

from collections.abc import Sequence

from studio.findings import Finding
from studio.proofread.engine import pattern_findings
from studio.proofread.ignores import (
    ignore_finding,
    ignore_rule,
    ignored_rules,
    unignore_rule,
    without_ignored,
)
from studio.proofread.rules import Rule, load_rules, rule_ids
from studio.proofread.story_checks import STORY_CHECKS
from studio.proofread.text import ChapterText
from studio.spelling.check import SpellingPass, project_speller, suggestions_enabled
from studio.story.project import Project

__all__ = [
    "ChapterText",
    "Rule",
    "ignore_finding",
    "ignore_rule",
    "ignored_rules",
    "load_rules",
    "project_findings",
    "project_texts",
    "rule_findings",
    "rule_ids",
    "story_findings",
    "unignore_rule",
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


def story_findings(
    project: Project,
    chapters: Sequence[ChapterText],
    *,
    suggestions: bool = True,
    spelling: SpellingPass | None = None,
) -> list[Finding]:
    """Spelling and every rule over `chapters`, ignored ones left out, in order."""
    tag = project.spelling.dictionary
    skip = ignored_rules(project)
    rules = [r for r in load_rules() if r.id not in skip]
    spelling = spelling or SpellingPass(project_speller(project), suggestions=suggestions)
    bad = spelling.speller.misspelled(set().union(*(c.words for c in chapters)))
    findings = [f for c in chapters for f in spelling.locate(c, bad)]
    findings += rule_findings(chapters, tag, rules)
    lines = {c.file: c.lines for c in chapters}

    def line_of(file: str, line: int) -> str:
        text = lines.get(file, [])
        return text[line - 1] if 0 < line <= len(text) else ""

    return sorted(without_ignored(project, findings, line_of), key=lambda f: f.sort_key)


def project_findings(project: Project) -> list[Finding]:
    """The check registered in `studio.checks`: spelling and proofreading of every chapter."""
    return story_findings(project, project_texts(project), suggestions=suggestions_enabled())
