"""Item 8: a chapter path no file system can hold, or a link loop, is a clear error
(story.toml, the entry, what to do), never a crash: in Project.load, in the window,
and for plain `studio` whose most recent story is that one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.cli import project_to_open
from studio.errors import StudioError, printable
from studio.recent import remember_project
from studio.story import Project
from studio.ui.app import create_window
from tests.safety.faults.stories import BAD_PATHS, SPECIAL_FILES, bad_chapter_path


@pytest.mark.parametrize("kind", BAD_PATHS + SPECIAL_FILES)
def test_load_names_story_toml_the_entry_and_what_to_do(sample_copy: Path, kind: str) -> None:
    entry = bad_chapter_path(sample_copy, kind)
    with pytest.raises(StudioError) as caught:
        Project.load(sample_copy)
    error = caught.value
    assert error.path == sample_copy / "story.toml"
    assert printable(entry)[:60] in error.what
    assert error.hint
    assert "\0" not in error.message


@pytest.mark.parametrize("kind", BAD_PATHS + SPECIAL_FILES)
def test_the_window_shows_it_on_the_start_page_and_keeps_working(
    qtbot: QtBot, tmp_path: Path, sample_copy: Path, kind: str
) -> None:
    good = tmp_path / "good"
    shutil.copytree(sample_copy, good)
    bad_chapter_path(sample_copy, kind)
    window = create_window()
    qtbot.addWidget(window)
    assert not window.open_project(sample_copy)
    shown = window.start_page.error.text()
    assert window.start_page.error.isVisibleTo(window.start_page)
    assert "story.toml" in shown and "chapter file" in shown
    assert window.open_project(good)  # the app still works
    assert window.project is not None and window.project.root == good.resolve()
    window.close_project(show_start=False)


@pytest.mark.parametrize("kind", ["nul", "self-link", "fifo"])
def test_plain_studio_with_that_story_most_recent_starts_and_stays_up(
    tmp_path: Path, sample_copy: Path, kind: str
) -> None:
    remember_project(sample_copy)
    bad_chapter_path(sample_copy, kind)
    assert project_to_open(None) == sample_copy.resolve()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-m", "studio"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.2)
        alive = child.poll() is None
    finally:
        child.kill()
        _, err = child.communicate()
    assert alive, err.decode(errors="replace")
    assert b"Traceback" not in err
