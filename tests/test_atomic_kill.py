"""A writer killed at any moment leaves every file whole: the old text or the new."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio.storage import atomic_write_text

WRITER = """
import sys
from pathlib import Path
from studio.storage import atomic_write_text
folder = Path(sys.argv[1])
n = 0
print("ready", flush=True)
while True:
    n += 1
    for i in range(3):
        text = f"version {n}\\n" + ("word " * 20000) + f"\\nend {n}\\n"
        atomic_write_text(folder / f"chapter{i}.md", text)
"""


def _is_whole(text: str) -> bool:
    lines = text.split("\n")
    return (
        len(lines) == 4
        and lines[0].startswith("version ")
        and lines[2] == f"end {lines[0].removeprefix('version ')}"
        and lines[1] == "word " * 20000
    )


@pytest.mark.slow
def test_kill_during_saves_leaves_every_file_whole(tmp_path: Path) -> None:
    rng = random.Random(7)
    for i in range(3):
        atomic_write_text(
            tmp_path / f"chapter{i}.md", "version 0\n" + "word " * 20000 + "\nend 0\n"
        )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for _ in range(40):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, env=env
        )
        assert child.stdout is not None
        assert child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        for i in range(3):
            assert _is_whole((tmp_path / f"chapter{i}.md").read_text(encoding="utf-8"))
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # A kill between creating and renaming a temporary file can leave one behind; it is
    # never mistaken for a chapter (hidden, .tmp) and the real files are whole.
    assert all(name.startswith(".chapter") for name in leftovers)


FAILING_WRITER = """
import resource, signal, sys
from pathlib import Path
from studio.errors import StudioError
from studio.storage import atomic_write_text
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    atomic_write_text(Path(sys.argv[1]), "new text " * 10000)
except StudioError as exc:
    print(exc)
"""


def test_failed_write_keeps_the_old_file_and_says_why(tmp_path: Path) -> None:
    """A write that fails half-way (here: over the file-size limit, EFBIG) changes nothing."""
    target = tmp_path / "chapter.md"
    atomic_write_text(target, "old text\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    result = subprocess.run(
        [sys.executable, "-c", FAILING_WRITER, str(target)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert result.stdout.startswith(f"{target}: could not save (File too large)")
    assert target.read_text(encoding="utf-8") == "old text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["chapter.md"]


def test_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "chapter.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_text(encoding="utf-8") == "new"
