"""`studio check PATH [--json] [--dictionary TAG]` on real story folders."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studio.cli import main
from studio.resources import sample_project
from studio.story import create_project

SAMPLE_SLIPS = [
    ("chapters/01-the-signal.md", 3, 274, 282, "grammar", "split-self", "her self"),
    ("chapters/01-the-signal.md", 22, 108, 116, "grammar", "split-without", "with out"),
    ("chapters/01-the-signal.md", 22, 186, 193, "grammar", "doubled-word", "the the"),
    ("chapters/02-low-tide.md", 3, 16, 26, "spelling", "spelling", "definately"),
    # The lyrics checks (studio.lyrics) own the slip in the quoted song.
    ("chapters/02-low-tide.md", 23, 9, 12, "lyrics", "lyrics-mismatch", "for"),
    ("chapters/02-low-tide.md", 28, 57, 62, "spelling", "spelling", "wierd"),
]


@pytest.fixture(autouse=True)
def personal_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_story_reports_exactly_its_planted_slips(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, str(sample_project()), "--json")
    assert code == 1
    findings = json.loads(out)
    assert [
        (f["file"], f["line"], f["column"], f["end_column"], f["kind"], f["rule"], f["text"])
        for f in findings
    ] == SAMPLE_SLIPS
    assert set(findings[0]) == {
        "file", "line", "column", "end_column", "kind", "rule", "text", "message", "suggestions"
    }  # fmt: skip
    assert findings[0]["suggestions"] == ["herself"]
    assert findings[3]["suggestions"][0] == "definitely"
    assert findings[4]["suggestions"] == ["till"]
    # The columns point at the text in the file (1-based, in characters).
    for f in findings:
        line = (
            (sample_project() / f["file"]).read_text(encoding="utf-8").splitlines()[f["line"] - 1]
        )
        assert line[f["column"] - 1 : f["end_column"] - 1] == f["text"]


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, str(sample_project()))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "chapters/01-the-signal.md:3:274: grammar [split-self] “her self”: "
        "Written as one word (→ herself)"
    )
    assert lines[-1] == "6 findings."


def test_clean_story_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = create_project(tmp_path / "clean", title="Clean")
    project.write_chapter(project.chapters[0], "The lamp turned, and the sea was calm.\n")
    project.work.fandoms = ["Original Work"]  # what the archive checks ask for
    project.save()
    code, out, _ = check(capsys, str(tmp_path / "clean"))
    assert (code, out.strip()) == (0, "No findings.")
    code, out, _ = check(capsys, str(tmp_path / "clean"), "--json")
    assert (code, json.loads(out)) == (0, [])


def test_dictionary_option_overrides_the_story_and_is_not_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "story"
    shutil.copytree(sample_project(), story)
    before = (story / "story.toml").read_bytes()
    code, out, _ = check(capsys, str(story), "--json", "--dictionary", "en_US")
    texts = {f["text"] for f in json.loads(out) if f["kind"] == "spelling"}
    assert code == 1
    assert {"grey", "definately", "wierd"} <= texts  # grey is British
    assert (story / "story.toml").read_bytes() == before


def test_bad_input_exits_two_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = check(capsys, str(tmp_path / "nowhere"))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "no such folder" in err
    code, _, err = check(capsys, str(sample_project()), "--dictionary", "xx_YY")
    assert code == 2
    assert "no Enchant dictionary “xx_YY” is installed" in err


def test_missing_story_dictionary_still_checks_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "story"
    shutil.copytree(sample_project(), story)
    toml = story / "story.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"en_GB"', '"xx_YY"'), encoding="utf-8"
    )
    code, out, err = check(capsys, str(story), "--json")
    assert code == 1
    assert [f["rule"] for f in json.loads(out)] == [
        "split-self", "split-without", "doubled-word", "lyrics-mismatch"
    ]  # fmt: skip
    assert "sudo apt-get install hunspell-xx-yy" in err


def test_runs_as_a_real_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studio", "check", str(sample_project()), "--no-suggestions"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    [line] = [line for line in result.stdout.splitlines() if "definately" in line]
    assert "(→" not in line  # spelling suggestions are the slow part; rules keep theirs
