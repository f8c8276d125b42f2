"""Disk full, read-only folder, permission denied: the error is shown, no text is lost.

On a machine where we are root these use a real size-limited tmpfs (and a real
unprivileged child process for "permission denied"); elsewhere the OS error is
injected into the writer, and the test says so in its skip/xfail-free output.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.resources import sample_project
from studio.safety import ContentLedger, Journal
from studio.safety.guard import SafeSaver
from studio.story import Project
from tests.safety.disks import fill, refused_writes, remount_read_only, tmpfs

CH1 = "chapters/01-the-signal.md"
NEW_TEXT = "The storm took the mast and the radio.\n\n" * 2000  # ~80 KB, more than is free


@pytest.fixture
def small_story(tmp_path: Path) -> Iterator[tuple[Path, bool]]:
    """The sample story on a 512 KB disk of its own; bool says whether it is real."""
    with tmpfs(tmp_path / "disk", 512) as disk:
        base = disk or (tmp_path / "disk")
        root = base / "salt-and-static"
        shutil.copytree(sample_project(), root)
        yield root, disk is not None


@contextlib.contextmanager
def _refusing(real: bool, root: Path, code: int) -> Iterator[None]:
    """Where no small disk could be mounted, the OS error is injected into the writer."""
    if real:
        yield
        return
    with refused_writes(root, code):
        yield


def _save(root: Path) -> tuple[SafeSaver, Project]:
    project = Project.load(root)
    saver = SafeSaver(Journal(root), ContentLedger())
    chapter = project.chapters[0]
    base = project.read_chapter(chapter)
    saver.save(CH1, NEW_TEXT, base, lambda: project.write_chapter(chapter, NEW_TEXT))
    return saver, project


def _nothing_lost(root: Path, original: str) -> None:
    assert (root / CH1).read_text(encoding="utf-8") == original, "the old file is whole"
    assert not list((root / "chapters").glob(".*.tmp")), "no half-written temp file"
    [entry] = Journal(root).recoverable()
    assert entry.file == CH1 and entry.text == NEW_TEXT and entry.base == original


def test_disk_full_keeps_the_old_file_and_journals_the_text(
    small_story: tuple[Path, bool],
) -> None:
    root, real = small_story
    original = (root / CH1).read_text(encoding="utf-8")
    if real:
        fill(root.parent)
    with _refusing(real, root, errno.ENOSPC), pytest.raises(StudioError) as caught:
        _save(root)
    message = str(caught.value)
    assert "01-the-signal.md" in message
    assert "No space left on device" in message
    assert "Free some space" in message and "your text is still in Studio" in message
    _nothing_lost(root, original)
    # Once there is room again, the same save goes through and the journal empties.
    for filler in root.parent.glob("filler*.bin"):
        filler.unlink()
    _save(root)
    assert (root / CH1).read_text(encoding="utf-8") == NEW_TEXT
    assert Journal(root).entries() == []


def test_a_read_only_folder_keeps_the_text(small_story: tuple[Path, bool]) -> None:
    root, real = small_story
    original = (root / CH1).read_text(encoding="utf-8")
    if real:
        remount_read_only(root.parent)
    refused = pytest.raises(
        StudioError, match=r"Read-only file system.*read-only; save the project"
    )
    with _refusing(real, root, errno.EROFS), refused:
        _save(root)
    _nothing_lost(root, original)


def test_permission_denied_keeps_the_text(story: Path, private_state: Path) -> None:
    """A real process meets a folder it may not write (as root: without CAP_DAC_OVERRIDE)."""
    original = (story / CH1).read_text(encoding="utf-8")
    os.chmod(story / "chapters", 0o555)
    os.chmod(story, 0o555)
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root ignores permissions and setpriv is not here to drop that")
        prefix = [
            "setpriv",
            "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search",
            "--",
        ]
    script = (
        "import json, sys\n"
        "from tests.safety.test_write_failures import _save\n"
        "from studio.errors import StudioError\n"
        "from pathlib import Path\n"
        "try:\n"
        "    _save(Path(sys.argv[1]))\n"
        "except StudioError as exc:\n"
        "    print(json.dumps(str(exc)))\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(private_state)}
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-c", script, str(story)],
            capture_output=True,
            text=True,
            env=env,
            cwd=Path(__file__).parents[2],
            check=False,
        )
    finally:
        os.chmod(story, 0o755)
        os.chmod(story / "chapters", 0o755)
    assert done.returncode == 0, done.stderr
    message = json.loads(done.stdout)
    assert "Permission denied" in message and "Check that you may write" in message
    _nothing_lost(story, original)
