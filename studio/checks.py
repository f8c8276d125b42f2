"""Every project-wide check that `studio check` and the proofreading panel run.

Each entry takes a loaded project and returns its findings. A package that adds a
kind of finding (proofreading, lyrics, archive readiness) adds its function here.
"""

from __future__ import annotations

from collections.abc import Callable

from studio.export import archive
from studio.findings import Finding
from studio.lyrics import project_findings as lyrics_findings
from studio.proofread import project_findings, without_ignored
from studio.story.blocks import shared_parses
from studio.story.project import Project

ProjectCheck = Callable[[Project], list[Finding]]


def project_checks() -> list[ProjectCheck]:
    """The checks, in the order their findings are listed."""
    return [project_findings, lyrics_findings, archive.project_findings]


def all_findings(project: Project) -> list[Finding]:
    with shared_parses():  # every check reads the same chapters: parse each once
        findings = [f for check in project_checks() for f in check(project)]
    # What the author chose to ignore (story.toml [proofread]) stays ignored, whoever found it.
    return sorted(without_ignored(project, findings), key=lambda f: f.sort_key)
