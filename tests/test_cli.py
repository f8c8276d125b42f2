"""The `studio` command as a person runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from studio.cli import main
from studio.story import Project


def _studio(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_stats_table_and_json_agree(sample_copy: Path) -> None:
    table = _studio("stats", sample_copy)
    assert table.returncode == 0, table.stderr
    as_json = _studio("stats", sample_copy, "--json")
    data = json.loads(as_json.stdout)
    assert [c["title"] for c in data["chapters"]] == ["The Signal", "Low Tide", "Harbour Lights"]
    assert data["totals"]["chapters"] == 3
    lines = table.stdout.splitlines()
    assert lines[0] == "Salt and Static"
    for chapter in data["chapters"]:
        row = next(line for line in lines if chapter["title"] in line)
        numbers = [int(cell.replace(",", "")) for cell in row.split()[-3:]]
        assert numbers == [chapter["words"], chapter["prose_words"], chapter["lyrics_words"]]
    total = next(line for line in lines if line.strip().startswith("Total"))
    assert int(total.split()[1].replace(",", "")) == data["totals"]["words"]
    assert data["totals"]["lyrics_words"] == 3 * 25


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for args in (("stats", tmp_path / "nope"), ("stats",), ("stats", tmp_path), ("bogus-path",)):
        result = _studio(*args)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("studio")


def test_broken_story_toml_names_file_and_line(sample_copy: Path) -> None:
    story = sample_copy / "story.toml"
    story.write_text(
        story.read_text(encoding="utf-8").replace('title = "Salt and Static"', "title = Salt")
    )
    result = _studio("stats", sample_copy)
    assert result.returncode == 2
    assert f"{story}:5: story.toml is not valid TOML" in result.stderr


def test_new_creates_a_loadable_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "my-fic"
    assert main(["new", str(dest), "--title", "Copper Moon", "--author", "wren"]) == 0
    assert "Copper Moon" in capsys.readouterr().out
    project = Project.load(dest)
    assert project.work.title == "Copper Moon"
    assert project.work.authors == ["wren"]
    assert [c.file for c in project.chapters] == ["chapters/01-chapter-1.md"]
    assert (dest / "dictionary.txt").exists()
    text = (dest / "story.toml").read_text(encoding="utf-8")
    assert text.startswith("# A Studio story.")
    assert main(["new", str(dest), "--title", "Again"]) == 2
    assert "already exists and is not an empty folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    "case",
    [
        ("Copper Moon", {"LANG": "en_GB.UTF-8"}, "en_GB", "locale en_GB.UTF-8"),
        ("Copper Moon", {"LANG": "en_AU.UTF-8"}, "en_AU", "locale en_AU.UTF-8"),
        ("Copper Moon", {"LC_ALL": "en_NZ.UTF-8", "LANG": "en_US.UTF-8"}, "en_GB", "en_NZ"),
        ("Copper Moon", {"LANG": "C.UTF-8"}, "en_US", "default"),
        ("Copper Moon", {"LANG": "de_DE.UTF-8"}, "en_US", "default"),
        ("The Colour of Honour", {"LANG": "en_US.UTF-8"}, "en_GB", "colour"),
        ("The Color of Fall", {"LANG": "en_GB.UTF-8"}, "en_US", "color"),
    ],
)
def test_new_guesses_the_dictionary(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, dict[str, str], str, str],
) -> None:
    """Without --dictionary the title's spelling decides, then the locale, then en_US."""
    title, env, expected, why = case
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["new", str(tmp_path / "s"), "--title", title]) == 0
    out = capsys.readouterr().out
    assert f"Spelling: {expected}" in out and why in out
    assert Project.load(tmp_path / "s").spelling.dictionary == expected


def test_new_takes_a_dictionary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "a"), "--title", "T", "--dictionary", "en_AU"]) == 0
    assert Project.load(tmp_path / "a").spelling.dictionary == "en_AU"
    assert main(["new", str(tmp_path / "b"), "--title", "T", "--dictionary", "x; rm"]) == 2
    assert "is not a dictionary name" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_version_and_help() -> None:
    assert _studio("--version").stdout.startswith("studio ")
    assert "stats" in _studio("--help").stdout


def test_stats_names_an_untitled_chapter_by_its_number(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    project.chapters[1].title = ""
    project.save()
    lines = _studio("stats", sample_copy).stdout.splitlines()
    row = next(line for line in lines if line.lstrip().startswith("2 "))
    assert row.split()[1:3] == ["Chapter", "2"]
    assert "chapters/" not in row
