"""Shared fixtures for the safety tests: a copy of the sample story, a private state dir."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.resources import sample_project


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A fresh copy of the sample story in a temporary folder."""
    dest = tmp_path / "salt-and-static"
    shutil.copytree(sample_project(), dest)
    return dest


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep the journal's fallback folder (platformdirs' user state dir) inside the test."""
    state = tmp_path / "xdg-state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    yield state
