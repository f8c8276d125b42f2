"""Shared fixtures: a private copy of the sample story, and user folders kept out of $HOME."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studio.resources import sample_project

SAMPLE = sample_project()


@pytest.fixture(autouse=True)
def _private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """platformdirs and QSettings read these: no test touches the real user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of projects/salt-and-static that a test may change."""
    dest = tmp_path / "salt-and-static"
    shutil.copytree(SAMPLE, dest)
    return dest
