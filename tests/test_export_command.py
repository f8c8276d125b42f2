"""`studio export`: files written, exit status 2 and one clear line on bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from studio.cli import main
from studio.export import known_formats
from studio.story import Project
from tests.export_support import copy_sample


def test_exports_to_the_current_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_sample(tmp_path)
    work = tmp_path / "here"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["export", str(project.root), "--format", "docx"]) == 0
    out = capsys.readouterr().out.strip()
    assert Path(out).resolve() == (work / "salt-and-static.docx").resolve()
    assert docx.Document(out).paragraphs[0].text == "Salt and Static"


def test_from_inside_the_story_the_export_goes_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_sample(tmp_path)
    monkeypatch.chdir(project.root / "chapters")
    assert main(["export", "..", "--format", "text"]) == 0
    assert (tmp_path / "salt-and-static.txt").is_file()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("fmt", ["docx", "ffn", "markdown", "text", "bundle"])
def test_every_format_with_output(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_sample(tmp_path)
    dest = tmp_path / "exports"
    dest.mkdir()
    assert main(["export", str(project.root), "--format", fmt, "-o", str(dest)]) == 0
    written = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert written and all(p.is_file() and dest in p.parents for p in written)


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("epub", ".epub"), ("docx", ".docx"), ("text", ".txt")]
)
def test_a_bare_output_name_gets_the_formats_extension(
    tmp_path: Path, fmt: str, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_sample(tmp_path)
    assert main(["export", str(project.root), "-f", fmt, "-o", str(tmp_path / "story")]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / f"story{suffix}")]
    assert (tmp_path / f"story{suffix}").is_file()


def test_output_file_name_is_used_as_given(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    out = tmp_path / "for-my-editor.zip"
    assert main(["export", str(project.root), "-f", "bundle", "-o", str(out)]) == 0
    assert zipfile.ZipFile(out).testzip() is None


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_unknown_format_lists_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_sample(tmp_path)
    assert main(["export", str(project.root), "--format", "pdf"]) == 2
    line = _one_error_line(capsys)
    assert "unknown export format “pdf”" in line
    assert ", ".join(known_formats()) in line


def test_missing_format_and_missing_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", str(tmp_path)])
    assert exited.value.code == 2
    assert "--format" in _one_error_line(capsys)
    assert main(["export", str(tmp_path / "nope"), "--format", "text"]) == 2
    assert "no such folder" in _one_error_line(capsys)


def test_explicit_story_to_ffn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_sample(tmp_path)
    project.work.rating = "Explicit"
    project.save()
    out = tmp_path / "ffn"
    assert main(["export", str(project.root), "--format", "ffn", "-o", str(out)]) == 2
    assert "does not accept Explicit" in _one_error_line(capsys)
    assert not out.exists()


def test_output_inside_the_story_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_sample(tmp_path)
    before = sorted(p.name for p in project.root.rglob("*"))
    target = project.root / "chapters"
    assert main(["export", str(project.root), "--format", "ffn", "-o", str(target)]) == 2
    assert "inside the story's folder" in _one_error_line(capsys)
    assert sorted(p.name for p in project.root.rglob("*")) == before
    assert Project.load(project.root).work.title == "Salt and Static"
