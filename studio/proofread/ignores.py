"""Findings and rules the author chose to ignore, kept in story.toml.

```toml
[proofread]
ignore_rules = ["then-than"]          # rules off for this story

[[proofread.ignore]]                  # one finding left as written
file = "chapters/01-the-signal.md"
rule = "doubled-word"
text = "the the"
context = "looked out over the the dark water for"
```

A finding is recognised by its file, rule, text and the text around it on its
line (`context`), not by its line number, so it stays ignored when lines above it
change, and comes back if its own sentence is rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from typing import Any

import tomlkit

from studio.errors import StudioError
from studio.findings import Finding
from studio.proofread.text import CONTEXT
from studio.story.project import Project, read_utf8

Key = tuple[str, str, str, str]
LineSource = Callable[[str, int], str]


def ignored_rules(project: Project) -> set[str]:
    table = project.doc.get("proofread", {})
    return {str(r) for r in table.get("ignore_rules", [])}


def ignored_findings(project: Project) -> set[Key]:
    table = project.doc.get("proofread", {})
    return {_entry_key(entry) for entry in table.get("ignore", [])}


def _entry_key(entry: Any) -> Key:
    fields = ("file", "rule", "text", "context")
    file, rule, text, context = (str(entry.get(name, "")) for name in fields)
    return file, rule, text, context


def finding_context(finding: Finding, line_text: str) -> str:
    start, end = finding.column - 1, finding.end_column - 1
    return line_text[max(0, start - CONTEXT) : end + CONTEXT]


def finding_key(finding: Finding, line_text: str) -> Key:
    return (finding.file, finding.rule, finding.text, finding_context(finding, line_text))


def project_lines(project: Project) -> LineSource:
    """Reads a project file's line (1-based) on demand, each file once."""
    cache: dict[str, list[str]] = {}

    def line_of(file: str, line: int) -> str:
        if file not in cache:
            path = project.root / file
            try:
                cache[file] = read_utf8(path).splitlines()
            except (OSError, StudioError):
                cache[file] = []
        lines = cache[file]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    return line_of


def without_ignored(
    project: Project, findings: Iterable[Finding], line_of: LineSource | None = None
) -> list[Finding]:
    """The findings the author has not ignored (by rule or one by one)."""
    return filter_ignored(
        findings,
        ignored_rules(project),
        ignored_findings(project),
        line_of or project_lines(project),
    )


def filter_ignored(
    findings: Iterable[Finding], rules: Set[str], keys: Set[Key], line_of: LineSource
) -> list[Finding]:
    """`findings` less those of the `rules` and those whose key is in `keys`."""
    kept = [f for f in findings if f.rule not in rules]
    if not keys:
        return kept
    return [f for f in kept if finding_key(f, line_of(f.file, f.line)) not in keys]


def _table(project: Project) -> Any:
    if "proofread" not in project.doc:
        project.doc.add("proofread", tomlkit.table())
    return project.doc["proofread"]


def ignore_rule(project: Project, rule: str) -> None:
    """Turn `rule` off for this story (saved with the project's next save)."""
    table = _table(project)
    if "ignore_rules" not in table:
        table["ignore_rules"] = tomlkit.array()
    if rule not in table["ignore_rules"]:
        table["ignore_rules"].append(rule)


def ignore_finding(project: Project, finding: Finding, line_text: str) -> None:
    """Leave this one finding as written (saved with the project's next save)."""
    file, rule, text, context = finding_key(finding, line_text)
    if (file, rule, text, context) in ignored_findings(project):
        return
    table = _table(project)
    if "ignore" not in table:
        table.append("ignore", tomlkit.aot())
    entry = tomlkit.table()
    entry.update({"file": file, "rule": rule, "text": text, "context": context})
    table["ignore"].append(entry)
