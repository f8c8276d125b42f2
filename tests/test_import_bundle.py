"""A story bundle from `studio export --format bundle` imports as the same story, byte
for byte, through `studio import` and the import dialog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.cli import main
from studio.export.bundle import export_bundle
from studio.importers import detect
from studio.story import Project


def files_of(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".studio" not in p.parts
    }


@pytest.fixture
def bundle(tmp_path: Path, sample_copy: Path) -> Path:
    out = tmp_path / "salt-and-static.zip"
    export_bundle(Project.load(sample_copy), out)
    return out


def test_bundle_imports_as_the_same_story(
    tmp_path: Path, sample_copy: Path, bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "editor-copy"
    assert main(["import", str(bundle), str(dest), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert files_of(dest) == files_of(sample_copy)
    assert report["sources"][0]["kind"] == "studio-bundle"
    assert report["work"]["title"] == "Salt and Static"
    assert [c["title"] for c in report["chapters"]] == ["The Signal", "Low Tide", "Harbour Lights"]
    stats_ok = main(["stats", str(dest), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats_ok and [c["words"] for c in report["chapters"]] == [
        c["words"] for c in stats["chapters"]
    ]
    assert {b["song"] for b in report["blocks"]} == {"harbour-lights"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "editor-copy",
        "salt-and-static",
        "salt-and-static.zip",
    ]


def test_bundle_needs_force_over_a_folder_with_files(
    tmp_path: Path, sample_copy: Path, bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "old.md").write_text("old", encoding="utf-8")
    assert main(["import", str(bundle), str(dest)]) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert main(["import", str(bundle), str(dest), "--force"]) == 0
    assert files_of(dest) == files_of(sample_copy)


def test_detect_reads_a_bundle_without_keeping_anything(tmp_path: Path, bundle: Path) -> None:
    plan = detect([bundle])
    assert plan.bundle == bundle and plan.work["title"] == "Salt and Static"
    assert len(plan.chapters) == 3 and list(plan.songs) == ["harbour-lights"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["salt-and-static", "salt-and-static.zip"]
