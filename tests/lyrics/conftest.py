"""Fixtures for the lyrics tests: copies of real story folders on disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from studio.story import Project

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).parent
REPO = HERE.parent.parent
RIVER_LANTERNS = HERE / "stories" / "river-lanterns"
SALT_AND_STATIC = REPO / "projects" / "salt-and-static"


def _copy(source: Path, tmp_path: Path) -> Project:
    dest = tmp_path / source.name
    shutil.copytree(source, dest)
    return Project.load(dest)


@pytest.fixture
def lanterns(tmp_path: Path) -> Project:
    """Our test story: "Paper Lanterns" refrain quoted three times, two slips, no lyric given."""
    return _copy(RIVER_LANTERNS, tmp_path)


@pytest.fixture
def sample(tmp_path: Path) -> Project:
    """A copy of the sample story, safe to change."""
    return _copy(SALT_AND_STATIC, tmp_path)
