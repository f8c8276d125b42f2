"""SIGKILL Studio's save path at random moments: every file whole, the journal recoverable."""

from __future__ import annotations

import multiprocessing
import random
import shutil
import time
from pathlib import Path

import pytest
import tomlkit

from studio.safety import Journal
from studio.safety.state import journal_dir, sweep_temp_files
from studio.story import Project
from tests.safety.kill_worker import CHAPTERS, save_forever, version_of

KILLS = 250


def _last_journaled(log: Path) -> dict[str, int]:
    last: dict[str, int] = {}
    if log.exists():
        for line in log.read_text().splitlines():
            word, *rest = line.split()
            if word == "journaled":
                last[rest[0]] = int(rest[1])
    return last


def _first_save_time(ctx: multiprocessing.context.BaseContext, story: Path, name: str) -> float:
    """Seconds from starting a worker to its first whole round of saves, on this machine
    now (on a copy of the story): the kills are spread over a multiple of it, so they
    land all over the save path on a fast machine and on a busy one alike."""
    copy = story.parent / name
    shutil.copytree(story, copy)
    log = story.parent / f"{name}.log"
    started = time.monotonic()
    child = ctx.Process(target=save_forever, args=(str(copy), str(log), 0))
    child.start()
    while not (log.exists() and "summary " in log.read_text()):
        assert time.monotonic() - started < 30, "the worker never saved"
        time.sleep(0.0005)
    elapsed = time.monotonic() - started
    child.kill()
    child.join()
    return elapsed


@pytest.mark.slow  # a few hundred kills, as issue 8 asks: several seconds
def test_killed_saves_leave_every_file_whole_and_the_journal_recoverable(story: Path) -> None:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.safety.kill_worker"])
    _first_save_time(ctx, story, "warm-up")  # the first start also starts the forkserver
    window = max(0.012, 2 * _first_save_time(ctx, story, "calibration"))
    originals = {f: (story / f).read_text(encoding="utf-8") for f in CHAPTERS}
    log = story.parent / "progress.log"
    rng = random.Random(8)
    newest = 0
    saw_journal_ahead = saw_new_on_disk = 0
    started = time.monotonic()
    for _ in range(KILLS):
        child = ctx.Process(target=save_forever, args=(str(story), str(log), newest))
        child.start()
        time.sleep(rng.uniform(0, window))
        child.kill()
        child.join()
        assert child.exitcode == -9

        # Every chapter file is one whole version (or the untouched original).
        on_disk: dict[str, int] = {}
        for file in CHAPTERS:
            text = (story / file).read_text(encoding="utf-8")
            version = 0 if text == originals[file] else version_of(file, text)
            assert version is not None, f"{file} is half-written"
            on_disk[file] = version
        # story.toml loads and holds a whole summary.
        summary = Project.load(story).work.summary
        assert summary.startswith("summary ") or "Maren" in summary or summary == ""

        # The journal reads back whole, and nothing journaled is lost.
        entries = {e.file: e for e in Journal(story).entries()}
        assert not list(journal_dir(story).glob("*.damaged"))
        for file, entry in entries.items():
            if file == "story.toml":
                assert "summary " in tomlkit.parse(entry.text)["work"]["summary"]
            else:
                assert version_of(file, entry.text) is not None, f"journal of {file} is damaged"
        for file, journaled in _last_journaled(log).items():
            in_journal = version_of(file, entries[file].text) if file in entries else 0
            assert max(on_disk[file], in_journal or 0) >= journaled, f"{file} v{journaled} lost"
            saw_journal_ahead += (in_journal or 0) > on_disk[file]
        saw_new_on_disk += any(on_disk.values())
        newest = max([newest, *on_disk.values(), *_last_journaled(log).values()]) + 1
    elapsed = time.monotonic() - started
    print(
        f"{KILLS} kills within {1000 * window:.0f} ms of start, in {elapsed:.1f} s;"
        f" new text on disk after {saw_new_on_disk},"
        f" journal ahead of the file after {saw_journal_ahead}"
    )

    # The kills landed all over the save path, not only before the first write.
    assert saw_new_on_disk > KILLS // 2
    assert saw_journal_ahead > 0
    # What a crash leaves behind is only temporary files, which opening sweeps away.
    sweep_temp_files(story)
    assert not [p for p in story.rglob("*.tmp")]
