"""A review sidecar survives kill -9 in the middle of its saves: a real process saving a
growing review over and over is killed at random moments, and every time the sidecar
on disk reads back whole, with every comment saved before (never fewer)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio.review import load_review, sidecar_path
from studio.story import Project
from tests.review.review_support import CH1 as CHAPTER

SAVER = """
import sys
from pathlib import Path
from studio.review import load_review, save_review
from studio.story import Project
project = Project.load(Path(sys.argv[1]))
chapter = sys.argv[2]
text = project.read_chapter(next(c for c in project.chapters if c.file == chapter))
review = load_review(project, chapter, text)
print("ready", len(review.comments), flush=True)
n = len(review.comments)
while True:
    n += 1
    start = (n * 37) % (len(text) - 40)
    body = f"note {n}\\n" + "a long thought about these words " * 30
    review.add_comment(text, start, start + 12, body, "Ada Beta")
    save_review(project, review)
"""


@pytest.mark.slow
def test_kill_9_while_saving_leaves_the_sidecar_whole(sample_copy: Path) -> None:
    rng = random.Random(15)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    path = sidecar_path(Project.load(sample_copy), CHAPTER)
    saved = 0
    for _ in range(15):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(sample_copy), CHAPTER],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        ready = child.stdout.readline().split()
        assert ready[0] == b"ready" and int(ready[1]) == saved
        time.sleep(rng.uniform(0.02, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        review = load_review(Project.load(sample_copy), CHAPTER)  # reads: it is whole TOML
        numbers = [int(c.text.split("\n", 1)[0].removeprefix("note ")) for c in review.comments]
        assert numbers == list(range(1, len(numbers) + 1))  # nothing saved before is lost
        assert all(c.text.endswith("about these words ") for c in review.comments)
        assert len(numbers) >= saved
        saved = len(numbers)
    assert saved > 0, "no save finished before a kill: the test measured nothing"
    leftovers = [p.name for p in path.parent.iterdir() if p.name != path.name]
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers)
