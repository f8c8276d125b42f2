"""Item 9: FIFOs, devices and endless files are never read: only regular files, with
a size limit, without blocking. Each `studio` run is a real separate process with a
deadline, so a hang fails the test instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.safety.watcher import scan
from studio.storage import read_regular_file
from studio.story import Project

DEADLINE_S = 60  # a hang is a fail; a normal run takes a couple of seconds


def _studio(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        cwd=cwd,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def test_check_with_a_fifo_as_dictionary_fails_at_once_and_says_why(sample_copy: Path) -> None:
    (sample_copy / "dictionary.txt").unlink()
    os.mkfifo(sample_copy / "dictionary.txt")
    result = _studio("check", str(sample_copy), cwd=sample_copy.parent)
    assert result.returncode == 2
    assert "dictionary.txt" in result.stderr and "FIFO" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_with_dev_zero_as_dictionary_fails_at_once(sample_copy: Path) -> None:
    (sample_copy / "dictionary.txt").unlink()
    os.symlink("/dev/zero", sample_copy / "dictionary.txt")
    result = _studio("check", str(sample_copy), cwd=sample_copy.parent)
    assert result.returncode == 2 and "device" in result.stderr


def test_check_with_an_unlisted_fifo_in_chapters_runs(sample_copy: Path) -> None:
    os.mkfifo(sample_copy / "chapters" / "99-notes.md")
    result = _studio("check", str(sample_copy), cwd=sample_copy.parent)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("special", ["fifo", "device"])
def test_check_with_a_listed_special_chapter_is_a_clear_error(
    sample_copy: Path, special: str
) -> None:
    target = sample_copy / "chapters" / "01-the-signal.md"
    target.unlink()
    if special == "fifo":
        os.mkfifo(target)
    else:
        os.symlink("/dev/zero", target)
    result = _studio("check", str(sample_copy), cwd=sample_copy.parent)
    assert result.returncode == 2 and "01-the-signal.md" in result.stderr
    # a link to /dev/zero also leads out of chapters/, which is refused first
    expected = "not a regular file" if special == "fifo" else "outside the project's chapters/"
    assert expected in result.stderr


def test_import_dev_zero_is_a_clear_error(tmp_path: Path) -> None:
    result = _studio("import", "/dev/zero", str(tmp_path / "dest"), cwd=tmp_path)
    assert result.returncode == 2
    assert "/dev/zero" in result.stderr and "device" in result.stderr
    assert not (tmp_path / "dest").exists()


def test_import_of_a_fifo_is_a_clear_error(tmp_path: Path) -> None:
    fifo = tmp_path / "fic.txt"
    os.mkfifo(fifo)
    result = _studio("import", str(fifo), str(tmp_path / "dest"), cwd=tmp_path)
    assert result.returncode == 2 and "FIFO" in result.stderr


def test_the_watcher_scan_skips_a_fifo_and_a_device_in_chapters(sample_copy: Path) -> None:
    os.mkfifo(sample_copy / "chapters" / "pipe.md")
    os.symlink("/dev/zero", sample_copy / "chapters" / "zero.md")
    found = scan(sample_copy)  # would block on the FIFO or fill memory from the device
    assert "chapters/pipe.md" not in found and "chapters/zero.md" not in found
    assert "chapters/01-the-signal.md" in found


def test_read_regular_file_limits_size_even_for_a_file_that_grows(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(5000)
    with pytest.raises(StudioError, match="larger than"):
        read_regular_file(big, limit=4000)
    assert len(read_regular_file(big, limit=5000)) == 5000


def test_a_huge_sparse_chapter_is_refused_not_read(sample_copy: Path) -> None:
    with open(sample_copy / "chapters" / "01-the-signal.md", "r+b") as handle:
        handle.truncate(1 << 34)  # 16 GB, sparse: reading it would fill memory
    project = Project.load(sample_copy)
    with pytest.raises(StudioError, match="larger than"):
        project.read_chapter(project.chapters[0])


def test_fifos_in_studio_state_and_config_never_block(sample_copy: Path) -> None:
    """A FIFO where Studio keeps its own state (journal, trash, recent list) is
    skipped at once, like a damaged entry."""
    from studio.recent import _recent_file, recent_projects
    from studio.safety.journal import Journal
    from studio.story.trash import trash_dir, trashed_chapters

    project = Project.load(sample_copy)
    journal_folder = sample_copy / ".studio" / "journal"
    journal_folder.mkdir(parents=True)
    os.mkfifo(journal_folder / "0123.json")
    trash = trash_dir(project)
    trash.mkdir(parents=True)
    (trash / "x-01.md").write_text("text", encoding="utf-8")
    os.mkfifo(trash / "x-01.md.json")
    _recent_file().parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(_recent_file())
    assert Journal(sample_copy).recoverable() == []
    assert trashed_chapters(project) == []
    assert recent_projects() == []
