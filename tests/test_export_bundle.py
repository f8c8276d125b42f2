"""The story bundle: back to an identical project, and hostile zips refused."""

from __future__ import annotations

import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.export import EXPORTERS
from studio.export.bundle import export_bundle, extract_bundle
from studio.story import Project
from tests.export_support import copy_sample


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_round_trip_is_identical_and_leaves_out_program_state(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    state = project.root / ".studio"
    (state / "backups").mkdir(parents=True)
    (state / "lock").write_text("pid 1", encoding="utf-8")
    (project.root / "notes").mkdir()
    (project.root / "notes" / "plan ü.txt").write_bytes(b"\x00\xffbinary & plan")

    bundle = tmp_path / "out" / "story.zip"
    assert EXPORTERS["bundle"](project, bundle) == [bundle]
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert names == sorted(names)
    assert all(n.startswith("salt-and-static/") for n in names)
    assert not any("/.studio/" in n for n in names)

    dest = tmp_path / "editor" / "copy"
    assert extract_bundle(bundle, dest) == dest
    original = _files(project.root)
    del original[".studio/lock"]
    del original["notes/plan ü.txt"]  # not the story: a bundle holds only the story
    assert _files(dest) == original
    assert Project.load(dest).work.title == "Salt and Static"


def test_same_project_same_bytes(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    export_bundle(project, first)
    for path in project.root.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    export_bundle(project, second)
    assert first.read_bytes() == second.read_bytes()


def test_bundle_written_inside_the_project_leaves_itself_out(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    inside = project.root / "story.zip"
    export_bundle(project, inside)
    export_bundle(project, inside)
    with zipfile.ZipFile(inside) as archive:
        assert "salt-and-static/story.zip" not in archive.namelist()


def test_links_in_the_project_are_not_followed(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    (project.root / "link.txt").symlink_to(secret)
    (project.root / "linkdir").symlink_to(tmp_path)
    bundle = tmp_path / "b.zip"
    export_bundle(project, bundle)
    with zipfile.ZipFile(bundle) as archive:
        assert not any("link" in n for n in archive.namelist())


def _zip(path: Path, entries: list[tuple[str, bytes, int]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = mode << 16
            archive.writestr(info, data)
    return path


STORY = b'format = 1\n[work]\ntitle = "x"\n'
FILE = stat.S_IFREG | 0o644


@pytest.mark.parametrize(
    ("entry", "mode", "message"),
    [
        ("../evil.txt", FILE, "outside the story folder"),
        ("story/../../evil.txt", FILE, "outside the story folder"),
        ("/tmp/evil.txt", FILE, "outside the story folder"),
        ("C:\\evil.txt", FILE, "outside the story folder"),
        ("..\\evil.txt", FILE, "outside the story folder"),
        ("story/evil-link", stat.S_IFLNK | 0o777, "holds a link"),
        ("story/fifo", stat.S_IFIFO | 0o644, "special file"),
    ],
)
def test_hostile_entries_are_refused_and_nothing_is_written(
    tmp_path: Path, entry: str, mode: int, message: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    data = b"/etc/passwd" if stat.S_ISLNK(mode) else b"evil"
    bundle = _zip(
        tmp_path / "hostile.zip", [("story/story.toml", STORY, FILE), (entry, data, mode)]
    )
    before = _listing(tmp_path)
    with pytest.raises(StudioError, match=message) as caught:
        extract_bundle(bundle, work / "dest")
    assert "hostile.zip" in str(caught.value)
    assert _listing(tmp_path) == before
    assert not Path("/tmp/evil.txt").exists()


def test_refuses_a_folder_with_files_in_it(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    bundle = tmp_path / "b.zip"
    export_bundle(project, bundle)
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(StudioError, match="not empty"):
        extract_bundle(bundle, dest)
    assert _listing(dest) == ["mine.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert extract_bundle(bundle, empty) == empty
    assert (empty / "story.toml").is_file()


def test_not_a_bundle(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(StudioError, match="is not a zip file"):
        extract_bundle(junk, tmp_path / "a")
    no_story = _zip(tmp_path / "nostory.zip", [("x/chapter.md", b"text", FILE)])
    with pytest.raises(StudioError, match=r"no story\.toml"):
        extract_bundle(no_story, tmp_path / "b")
    broken = _zip(
        tmp_path / "broken.zip",
        [("s/story.toml", b"format = 1\n[[chapters]]\nfile = 'chapters/gone.md'\n", FILE)],
    )
    with pytest.raises(StudioError, match="missing"):
        extract_bundle(broken, tmp_path / "c")
    assert _listing(tmp_path) == ["broken.zip", "junk.zip", "nostory.zip"]


def test_bundle_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    bundle = _zip(
        tmp_path / "big.zip",
        [("s/story.toml", STORY, FILE), ("s/chapters/big.md", b"x" * 5000, FILE)],
    )
    with pytest.raises(StudioError, match="more than 4,000 bytes") as caught:
        extract_bundle(bundle, tmp_path / "dest", max_bytes=4000)
    assert "big.zip" in str(caught.value)
    assert _listing(tmp_path) == ["big.zip"]
    assert extract_bundle(bundle, tmp_path / "dest", max_bytes=6000) == tmp_path / "dest"


def test_zip_that_lies_about_its_size_is_stopped(tmp_path: Path) -> None:
    """The central directory claims 100 bytes for a 5,000-byte file: the header sum is
    small, so only reading the data can tell. zipfile stops at the claimed size and
    fails the CRC check; we report that as a StudioError naming the bundle."""
    bundle = _zip(
        tmp_path / "liar.zip",
        [("s/story.toml", STORY, FILE), ("s/chapters/big.md", b"x" * 5000, FILE)],
    )
    data = bytearray(bundle.read_bytes())
    entry = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 1)  # big.md's record
    assert data[entry + 46 : entry + 46 + 17] == b"s/chapters/big.md"
    assert struct.unpack_from("<I", data, entry + 24) == (5000,)
    struct.pack_into("<I", data, entry + 24, 100)  # uncompressed size
    bundle.write_bytes(bytes(data))
    with zipfile.ZipFile(bundle) as archive:
        assert sum(i.file_size for i in archive.infolist()) < 4000
    with pytest.raises(StudioError, match=r"could not unpack \(Bad CRC-32") as caught:
        extract_bundle(bundle, tmp_path / "dest", max_bytes=4000)
    assert "liar.zip" in str(caught.value)
    assert isinstance(caught.value.__cause__, zipfile.BadZipFile)
    assert _listing(tmp_path) == ["liar.zip"]
