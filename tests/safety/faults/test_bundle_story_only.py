"""Item 7: a bundle carries the story only, never `.git/`, `.studio/` or other hidden
entries, both when Studio makes one and when it opens one someone else made."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from studio.cli import main
from studio.export.bundle import export_bundle, extract_bundle, left_out_of_bundle
from studio.story import Project


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_export_leaves_out_git_history_and_every_hidden_entry(
    tmp_path: Path, sample_copy: Path
) -> None:
    root = sample_copy
    _git(root, "init", "-q")
    secret = root / "chapters" / "04-deleted-draft.md"
    secret.write_text("A draft the author deleted: SECRET-DRAFT-WORDS\n", encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "draft")
    secret.unlink()
    (root / ".studio").mkdir(exist_ok=True)
    (root / ".studio" / "lock").write_text("{}", encoding="utf-8")
    (root / ".envrc").write_text("echo hi\n", encoding="utf-8")
    (root / "chapters" / ".01-the-signal.md.swp").write_bytes(b"swap")
    (root / "notes").mkdir()
    (root / "notes" / "plan.txt").write_text("plan", encoding="utf-8")

    out = tmp_path / "out.zip"
    export_bundle(Project.load(root), out)
    with zipfile.ZipFile(out) as archive:
        names = [n.split("/", 1)[1] for n in archive.namelist()]
        blob = b"".join(archive.read(n) for n in archive.namelist())
    expected = sorted(
        p.relative_to(root).as_posix()
        for p in [root / "story.toml", root / "dictionary.txt", *(root / "chapters").glob("[!.]*")]
        if p.is_file()
    )
    assert sorted(names) == expected
    assert not any(part.startswith(".") for n in names for part in n.split("/"))
    assert b"SECRET-DRAFT-WORDS" not in blob


def _hostile_bundle(tmp_path: Path, story: Path) -> Path:
    """A bundle as someone else might make it: the story plus a `.git/` that runs code."""
    out = tmp_path / "hostile.zip"
    marker = tmp_path / "pwned"
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(story.rglob("*")):
            if path.is_file() and ".studio" not in path.parts:
                archive.write(path, f"story/{path.relative_to(story).as_posix()}")
        archive.writestr("story/.git/HEAD", "ref: refs/heads/main\n")
        archive.writestr(
            "story/.git/config", f"[core]\n\tfsmonitor = touch {marker}\n\tbare = false\n"
        )
        archive.writestr("story/.studio/lock", "{}")
        archive.writestr("story/chapters/.hidden.md", "hidden")
        archive.writestr("story/run-me.sh", "#!/bin/sh\n")
    return out


def test_import_drops_hidden_entries_and_says_so(
    tmp_path: Path, sample_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = _hostile_bundle(tmp_path, sample_copy)
    assert left_out_of_bundle(bundle) == [".git/", ".studio/", "chapters/.hidden.md", "run-me.sh"]

    dest = tmp_path / "received"
    assert main(["import", str(bundle), str(dest)]) == 0
    said = capsys.readouterr().out
    assert "left out .git/" in said and "left out run-me.sh" in said
    assert not (dest / ".git").exists() and not (dest / ".studio").exists()
    assert not (dest / "run-me.sh").exists() and not (dest / "chapters" / ".hidden.md").exists()
    # git in the received folder finds no repository of the bundle's making, so no hook runs
    subprocess.run(["git", "status"], cwd=dest, capture_output=True, check=False)
    assert not (tmp_path / "pwned").exists()
    assert Project.load(dest).work.title == Project.load(sample_copy).work.title


def test_json_report_names_what_was_left_out(
    tmp_path: Path, sample_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = _hostile_bundle(tmp_path, sample_copy)
    assert main(["import", str(bundle), str(tmp_path / "d"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    messages = " ".join(item["message"] for item in report["unsure"])
    assert "left out .git/" in messages


def test_extract_alone_never_writes_hidden_entries(tmp_path: Path, sample_copy: Path) -> None:
    bundle = _hostile_bundle(tmp_path, sample_copy)
    dest = extract_bundle(bundle, tmp_path / "x")
    assert not [p for p in dest.rglob(".*")]
