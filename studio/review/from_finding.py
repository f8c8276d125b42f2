"""A proofreading finding applied in Suggest mode becomes a suggestion, not an edit."""

from __future__ import annotations

import re

from studio.errors import StudioError
from studio.findings import Finding
from studio.review.model import ChapterReview, Suggestion

_LINE_END = re.compile(r"\r\n|\r|\n")  # how findings count lines (studio.story.blocks)


def finding_range(text: str, finding: Finding) -> tuple[int, int]:
    """The character range of a finding (1-based line and columns) in the chapter text."""
    starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
    if not 1 <= finding.line <= len(starts):
        raise StudioError(f"line {finding.line} is not in the chapter", path=finding.file)
    start = starts[finding.line - 1] + finding.column - 1
    end = starts[finding.line - 1] + finding.end_column - 1
    if text[start:end] != finding.text:
        raise StudioError(
            f"“{finding.text}” is no longer at line {finding.line}",
            path=finding.file,
            line=finding.line,
            hint="Check the chapter again",
        )
    return start, end


def suggest_fix(
    review: ChapterReview, text: str, finding: Finding, replacement: str, author: str
) -> Suggestion:
    """Propose the finding's fix (`replacement`, usually one of `finding.suggestions`)."""
    start, end = finding_range(text, finding)
    return review.add_suggestion(text, start, end, replacement, author)
