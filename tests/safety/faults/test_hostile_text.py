"""Item 11: story text never drives the terminal or the window's rich text.

Titles and file names holding ESC sequences (recolour, retitle, clear the screen, a
hyperlink) and C1 controls reach `studio stats`, `check`, `new`, `import` and `export`
output only escaped; a proofreading finding's message with HTML shows as text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import tomlkit
from pytestqt.qtbot import QtBot

from studio.findings import Finding, Kind
from studio.ui.proofread.panel import ProofreadPanel

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31mRed\x9b0m\x1b]8;;http://x.invalid\x1b\\link\u202e"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def _assert_clean(result: subprocess.CompletedProcess[bytes]) -> str:
    out = result.stdout + result.stderr
    assert b"\x1b" not in out and b"\x07" not in out
    assert "\x9b".encode() not in out and "\u202e".encode() not in out
    return out.decode("utf-8")


def _hostile_story(story: Path) -> None:
    doc = tomlkit.parse((story / "story.toml").read_text(encoding="utf-8"))
    doc["work"]["title"] = f"Title {HOSTILE}"
    doc["work"]["summary"] = f"Summary {HOSTILE} speling"
    doc["chapters"][0]["title"] = f"Chapter {HOSTILE}"
    (story / "story.toml").write_text(tomlkit.dumps(doc), encoding="utf-8")


def test_stats_and_check_escape_control_characters(sample_copy: Path) -> None:
    _hostile_story(sample_copy)
    stats = _assert_clean(_run("stats", str(sample_copy), cwd=sample_copy.parent))
    assert "Chapter \\x1b]0;pwned" in stats  # shown, escaped, not dropped
    _assert_clean(_run("check", str(sample_copy), cwd=sample_copy.parent))


def test_new_and_export_escape_control_characters(tmp_path: Path, sample_copy: Path) -> None:
    result = _run("new", str(tmp_path / "fresh"), "--title", HOSTILE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\\x1b" in _assert_clean(result)
    _hostile_story(sample_copy)
    out = tmp_path / f"out{HOSTILE[:6]}.txt"
    result = _run("export", str(sample_copy), "--format", "text", "-o", str(out), cwd=tmp_path)
    _assert_clean(result)


def test_import_summary_escapes_control_characters(tmp_path: Path) -> None:
    fic = tmp_path / "fic.txt"
    fic.write_text(f"Title: Hostile {HOSTILE}\n\nSome words of a story here.\n", encoding="utf-8")
    result = _run("import", str(fic), str(tmp_path / "dest"), cwd=tmp_path)
    _assert_clean(result)


def test_errors_that_quote_a_file_name_escape_it(tmp_path: Path) -> None:
    result = _run("stats", str(tmp_path / f"no{HOSTILE}"), cwd=tmp_path)
    assert result.returncode == 2
    _assert_clean(result)


def test_a_finding_message_with_html_shows_as_text(qtbot: QtBot) -> None:
    panel = ProofreadPanel()
    qtbot.addWidget(panel)
    message = '“<b>Harbour</b> <img src="file:///etc/passwd"><a href="x">here</a>” & more'
    finding = Finding("chapters/01.md", 1, 0, 7, Kind.LYRICS, "song", "<b>", message)
    panel.set_findings([finding])
    panel.tree.setCurrentItem(panel.items()[0])
    assert panel.message.textFormat() == panel.message.textFormat().PlainText
    assert panel.message.text() == message
    assert panel.summary.textFormat() == panel.summary.textFormat().PlainText
    tip = panel.items()[0].toolTip(0)
    assert "&lt;b&gt;" in tip and "<b>" not in tip
