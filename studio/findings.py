"""What a check finds: one shape for spelling, proofreading, lyrics and archive findings.

`studio check`, the proofreading panel and the export dialog all show these. Each
checking package offers `project_findings(project) -> list[Finding]`; the list of
those lives in `studio.checks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    SPELLING = "spelling"
    GRAMMAR = "grammar"
    TYPOGRAPHY = "typography"
    LYRICS = "lyrics"
    ARCHIVE = "archive"


@dataclass(frozen=True, slots=True)
class Finding:
    """One place worth a look.

    `file` is relative to the project folder ("chapters/01-x.md", "story.toml").
    `line`, `column` and `end_column` are 1-based and count characters (not bytes);
    `end_column` is exclusive, so `text` spans columns [column, end_column).
    A finding in story.toml names its `field` too.
    """

    file: str
    line: int
    column: int
    end_column: int
    kind: Kind
    rule: str
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    field: str = ""  # in story.toml: the key ("work.summary", "chapters[0].title")

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_column": self.end_column,
            "kind": str(self.kind),
            "rule": self.rule,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
            **({"field": self.field} if self.field else {}),
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)
