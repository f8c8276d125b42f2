"""Backups: zip snapshots, the last N kept, listed with dates, restored into a new folder."""

from __future__ import annotations

import itertools
import stat
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.safety import create_backup, list_backups, restore_backup
from studio.safety.backups import last_backed_up
from studio.safety.journal import Journal


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".studio" not in p.parts and ".git" not in p.parts
    }


def test_a_backup_holds_the_project_but_not_studio_state_or_git(story: Path) -> None:
    Journal(story).record("chapters/01-the-signal.md", "unsaved", "old")
    (story / ".git").mkdir()
    (story / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = datetime.now(UTC) - timedelta(seconds=1)
    backup = create_backup(story, reason="open")
    assert backup.path.parent == story / ".studio" / "backups"
    assert backup.reason == "open"
    assert before <= backup.created <= datetime.now(UTC)
    assert sorted(backup.files) == sorted(_tree(story))
    assert "story.toml" in backup.files and "chapters/02-low-tide.md" in backup.files


def test_backups_are_listed_newest_first_and_only_the_last_n_kept(story: Path) -> None:
    made = [create_backup(story, reason=f"r{i}", keep=3) for i in range(5)]
    listed = list_backups(story)
    assert [b.path for b in listed] == [b.path for b in reversed(made[2:])]
    assert [b.reason for b in listed] == ["r4", "r3", "r2"]
    assert all(a.created > b.created for a, b in itertools.pairwise(listed))
    assert not made[0].path.exists() and not made[1].path.exists()
    assert not list((story / ".studio" / "backups").glob("*.tmp"))


def test_restore_into_a_new_folder_gives_back_every_byte(story: Path, tmp_path: Path) -> None:
    original = _tree(story)
    backup = create_backup(story, reason="close")
    (story / "chapters" / "01-the-signal.md").write_text("ruined", encoding="utf-8")
    dest = restore_backup(backup.path, tmp_path / "restored")
    assert _tree(dest) == original
    assert not list(tmp_path.glob(".restored.*")), "the staging folder is gone"


def test_restore_refuses_a_folder_that_has_files(story: Path, tmp_path: Path) -> None:
    backup = create_backup(story)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    with pytest.raises(StudioError, match="is not empty"):
        restore_backup(backup.path, busy)
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    "evil",
    [
        "../escaped.txt",
        "chapters/../../escaped.txt",
        "/tmp/absolute.txt",
        "C:/windows.txt",
        "a\\..\\..\\escaped.txt",
    ],
)
def test_restore_refuses_entries_that_would_land_outside(tmp_path: Path, evil: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("story.toml", "format = 1\n")
        zf.writestr(evil, "gotcha")
    dest = tmp_path / "inner" / "restored"
    with pytest.raises(StudioError, match="would land outside the restore folder"):
        restore_backup(archive, dest)
    assert not dest.exists()
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path / "inner" / "escaped.txt").exists()
    leftovers = list((tmp_path / "inner").glob("*")) if (tmp_path / "inner").exists() else []
    assert leftovers == []


def test_restore_refuses_a_symlink_entry(tmp_path: Path) -> None:
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        info = zipfile.ZipInfo("chapters/link.md")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(StudioError, match="outside"):
        restore_backup(archive, tmp_path / "restored")
    assert not (tmp_path / "restored").exists()


def test_a_broken_zip_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(StudioError, match="not a readable backup"):
        restore_backup(bad, tmp_path / "restored")


def test_a_backup_can_keep_a_text_in_place_of_the_file(story: Path) -> None:
    """A reload over her saved text: the backup holds hers where the file now holds
    another program's, and a file gone from disk meanwhile is kept too; the rest is
    the story as on disk, and `last_backed_up` finds the newest copy of a file."""
    ch1, gone = "chapters/01-the-signal.md", "chapters/99-gone.md"
    on_disk = _tree(story)
    backup = create_backup(
        story, reason="reloaded", replacing={ch1: "Hers, as saved.\n", gone: "Gone.\n"}
    )
    with zipfile.ZipFile(backup.path) as archive:
        held = {name: archive.read(name) for name in archive.namelist()}
    assert held[ch1] == b"Hers, as saved.\n"
    assert held[gone] == b"Gone.\n"
    assert {k: v for k, v in held.items() if k not in (ch1, gone)} == {
        k: v for k, v in on_disk.items() if k != ch1
    }
    assert (story / ch1).read_bytes() == on_disk[ch1]  # the file itself is untouched
    assert last_backed_up(story, ch1) == b"Hers, as saved.\n"
    assert last_backed_up(story, "chapters/never.md") is None
