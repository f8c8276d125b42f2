"""`studio import` on the command line: the report, --json, and every kind of bad input."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from studio.cli import main
from studio.story import count_words

SOURCES = Path(__file__).parent / "fixtures" / "import" / "sources"
ONESHOT = SOURCES / "oneshot-header-credit.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_import_prints_what_it_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, SOURCES / "multichapter-cp1252-crlf.txt", tmp_path / "nell")
    assert (code, err) == (0, "")
    assert "Imported “The Cartographer’s Daughter”" in out
    assert "3 chapter(s)" in out and "windows-1252, line ends CRLF" in out
    assert (tmp_path / "nell" / "story.toml").is_file()
    assert main(["stats", str(tmp_path / "nell")]) == 0


def test_json_reports_what_was_detected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SOURCES / "italic-lyrics-attribution.txt", tmp_path / "dj", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["written"] is True
    assert report["sources"] == [
        {
            "file": "italic-lyrics-attribution.txt",
            "kind": "text",
            "encoding": "utf-8",
            "bom": False,
            "line_ends": "LF",
        }
    ]
    assert report["work"]["title"] == "The Night Shift Radio"
    assert report["work"]["source_rating"] == "T"
    [chapter] = report["chapters"]
    assert chapter["scene_breaks"] == 2 and chapter["lyrics_blocks"] == 3
    assert main(["stats", str(tmp_path / "dj"), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)["chapters"][0]
    source = (SOURCES / "italic-lyrics-attribution.txt").read_text(encoding="utf-8")
    verses = [m[2] for m in re.finditer(r"^([*_])(\S.*\S)\1$", source, re.MULTILINE)]
    assert len(verses) == 10  # the two four-line verses and the two-line reprise
    assert chapter["words"] == stats["words"]
    assert sum(b["words"] for b in report["blocks"]) == stats["lyrics_words"]
    assert stats["lyrics_words"] == count_words("\n".join(verses))
    assert [s["id"] for s in report["songs"]] == ["coast-road", "two-bells"]
    assert [(b["song"], b["lines"], b["source"]["line"]) for b in report["blocks"]] == [
        ("coast-road", 4, 12),
        ("two-bells", 4, 26),
        ("coast-road", 2, 42),
    ]
    assert report["unsure"] == []


def test_json_lists_what_it_was_unsure_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fic = tmp_path / "fic.txt"
    fic.write_text(
        "Title: Odd One\nRating: Spicy\nBeta: my cat\n\n"
        "Chapter 1\n\nIt began.\n\n*Oh the rain, the rain,*\n*Never again,*\n\n"
        "Chapter 3\n\nIt ended.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, fic, tmp_path / "odd", "--json", "--dry-run")
    assert code == 0
    report = json.loads(out)
    assert report["written"] is False and not (tmp_path / "odd").exists()
    messages = [(u["line"], u["message"]) for u in report["unsure"]]
    assert (2, "rating “Spicy” is not one Studio knows: set to Not Rated") in messages
    assert any(line == 3 and "“Beta:”" in m for line, m in messages)
    assert any(line == 12 and "number 3 where 2 was expected" in m for line, m in messages)
    assert any(line == 9 and "not credited anywhere" in m for line, m in messages)
    assert report["songs"] == [
        {"id": "untitled-song-1", "title": "", "artist": "", "credited_by": "none"}
    ]


def bad(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str | Path
) -> tuple[str, list[str]]:
    """Run an import that must fail: exit 2, one line on stderr, nothing written."""
    before = leftovers(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 2, (out, err)
    assert out == "" and err.count("\n") == 1 and err.startswith("studio: error: ")
    assert "Traceback" not in err
    return err, [n for n in leftovers(tmp_path) if n not in before]


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b" \r\n\n")
    err, new = bad(capsys, tmp_path, empty, tmp_path / "dest")
    assert "empty.txt: is empty" in err and new == []


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "picture.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    err, new = bad(capsys, tmp_path, binary, tmp_path / "dest")
    assert "picture.txt: is not a text file" in err and new == []


def test_file_over_50_mb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: takes no room on disk
        handle.truncate(50 * 1024 * 1024 + 1)
    err, new = bad(capsys, tmp_path, huge, tmp_path / "dest")
    assert "huge.txt: is 50.0 MB; Studio imports files of up to 50 MB" in err and new == []


def test_folder_where_a_file_was_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "chapters"
    folder.mkdir()
    err, new = bad(capsys, tmp_path, folder, tmp_path / "dest")
    assert "chapters: is a folder, not a fic file" in err and new == []


def test_missing_file_and_missing_dest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, new = bad(capsys, tmp_path, tmp_path / "nope.txt", tmp_path / "dest")
    assert "nope.txt: no such file" in err and new == []
    err, new = bad(capsys, tmp_path, ONESHOT)
    assert "give the fic's file and then the folder" in err and new == []


def test_existing_dest_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "story"
    dest.mkdir()
    (dest / "precious.md").write_text("my only copy", encoding="utf-8")
    err, new = bad(capsys, tmp_path, ONESHOT, dest)
    assert "story: already exists and is not empty" in err and "--force" in err and new == []
    assert leftovers(dest) == ["precious.md"]
    (dest / ".studio").mkdir()
    (dest / ".studio" / "backup-1.md").write_text("an older backup", encoding="utf-8")
    dest.chmod(0o750)
    code, out, _ = run(capsys, ONESHOT, dest, "--force")
    assert code == 0
    assert leftovers(dest) == ["chapters", "dictionary.txt", "story.toml"]
    assert stat.S_IMODE(dest.stat().st_mode) == 0o750  # DEST keeps its mode
    # Nothing Studio did not write is deleted: the old contents are kept whole, beside it.
    (backup,) = [p for p in tmp_path.iterdir() if p.name.startswith("story.before-import-")]
    assert (backup / "precious.md").read_text(encoding="utf-8") == "my only copy"
    assert (backup / ".studio" / "backup-1.md").read_text(encoding="utf-8") == "an older backup"
    assert str(backup) in out
    assert sorted(leftovers(tmp_path)) == sorted(["story", backup.name])  # no staging left


def test_a_new_dest_gets_the_usual_folder_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    umask = os.umask(0o022)
    try:
        code, _, _ = run(capsys, ONESHOT, tmp_path / "fresh")
    finally:
        os.umask(umask)
    assert code == 0
    assert stat.S_IMODE((tmp_path / "fresh").stat().st_mode) == 0o755  # not mkdtemp's 0700


def test_dest_that_is_a_file_or_has_no_parent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "taken"
    file.write_text("x", encoding="utf-8")
    err, _ = bad(capsys, tmp_path, ONESHOT, file, "--force")
    assert "taken: is a file" in err
    err, new = bad(capsys, tmp_path, ONESHOT, tmp_path / "no" / "such" / "place")
    assert "there is no folder" in err and new == []


def test_an_empty_dest_folder_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "story"
    dest.mkdir()
    code, _, _ = run(capsys, ONESHOT, dest)
    assert code == 0 and (dest / "story.toml").is_file()


def test_a_failure_while_writing_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder name so long that the hidden staging folder beside it cannot be made.
    dest = tmp_path / ("s" * (os.pathconf(tmp_path, "PC_NAME_MAX") - 2))
    err, new = bad(capsys, tmp_path, ONESHOT, dest)
    assert "cannot write here" in err and new == []


def test_a_zip_that_is_not_a_story_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    bundle = tmp_path / "photos.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("holiday/beach.txt", "sand")
    err, new = bad(capsys, tmp_path, bundle, tmp_path / "dest")
    assert "photos.zip: is not a Studio story bundle" in err and new == []


def test_a_hostile_bundle_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    bundle = tmp_path / "story.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("story/story.toml", "format = 1\n")
        archive.writestr("story/../../escape.txt", "gotcha")
    err, new = bad(capsys, tmp_path, bundle, tmp_path / "dest")
    assert "would land outside the story folder" in err and new == []


def test_an_ao3_download_is_imported_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err, new = bad(capsys, tmp_path, SOURCES / "ao3-download.html", ONESHOT, tmp_path / "d")
    assert "is imported on its own" in err and new == []


def test_a_broken_epub(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    epub = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    err, new = bad(capsys, tmp_path, epub, tmp_path / "dest")
    assert "broken.epub: is not an EPUB Studio can read" in err and new == []
