"""Words written per day (history.toml in the story folder), streaks and targets."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.story import Project, story_stats
from studio.story.progress import (
    HISTORY_FILE,
    daily_series,
    load_history,
    progress_report,
    record_words,
    streak,
    total_series,
    words_today,
)
from tests.export_support import copy_sample

MONDAY = dt.date(2026, 11, 2)


def test_first_count_starts_at_zero_then_counts_what_is_written(tmp_path: Path) -> None:
    root = tmp_path
    assert load_history(root) == []
    assert record_words(root, 1000, MONDAY).words == 0
    assert record_words(root, 1250, MONDAY).words == 250
    tuesday = MONDAY + dt.timedelta(days=1)
    day = record_words(root, 1400, tuesday)
    assert (day.start, day.end, day.words) == (1250, 1400, 150)  # from Monday's end
    history = load_history(root)
    assert [(d.day, d.words) for d in history] == [(MONDAY, 250), (tuesday, 150)]
    assert words_today(history, tuesday) == 150
    assert words_today(history, tuesday + dt.timedelta(days=1)) == 0
    text = (root / HISTORY_FILE).read_text(encoding="utf-8")
    assert "2026-11-02 = {start = 1000, end = 1250}" in text


def test_an_unchanged_count_writes_nothing(tmp_path: Path) -> None:
    record_words(tmp_path, 500, MONDAY)
    path = tmp_path / HISTORY_FILE
    before = path.stat().st_mtime_ns
    record_words(tmp_path, 500, MONDAY)
    assert path.stat().st_mtime_ns == before


def test_streak_counts_days_in_a_row_that_met_the_goal(tmp_path: Path) -> None:
    total = 0
    written = [600, 700, 100, 550, 800, 900]  # day 3 misses a 500-word goal
    for n, words in enumerate(written):
        record_words(tmp_path, total, MONDAY + dt.timedelta(days=n))
        total += words
        record_words(tmp_path, total, MONDAY + dt.timedelta(days=n))
    history = load_history(tmp_path)
    last = MONDAY + dt.timedelta(days=len(written) - 1)
    assert streak(history, 500, last) == 3
    assert streak(history, 500, last + dt.timedelta(days=1)) == 3  # today not yet written
    assert streak(history, 500, last + dt.timedelta(days=2)) == 0
    assert streak(history, 0, last) == len(written)  # no goal: any words
    series = daily_series(history, MONDAY - dt.timedelta(days=1), last)
    assert [w for _, w in series] == [0, *written]
    assert [t for _, t in total_series(history)][-1] == sum(written)


def test_hand_edits_of_the_wrong_shape_are_skipped_and_bad_toml_is_an_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / HISTORY_FILE
    path.write_text(
        "[days]\n2026-11-02 = {start = 1, end = 5}\nnot-a-day = {start = 1, end = 2}\n"
        '2026-11-03 = {start = "x", end = 2}\n',
        encoding="utf-8",
    )
    assert [(d.day, d.words) for d in load_history(tmp_path)] == [(MONDAY, 4)]
    path.write_text("[days\n", encoding="utf-8")
    with pytest.raises(StudioError, match=r"history\.toml"):
        load_history(tmp_path)


def test_targets_and_goal_in_story_toml_and_the_report(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    project.progress.word_target = 80_000
    project.progress.daily_goal = 500
    project.chapters[0].word_target = 3000
    project.save()
    again = Project.load(project.root)
    assert (again.progress.word_target, again.progress.daily_goal) == (80_000, 500)
    text = again.story_file.read_text(encoding="utf-8")
    assert "[progress]" in text and "word_target = 3000" in text
    stats = story_stats(again)
    record_words(again.root, stats.words - 600, MONDAY)
    record_words(again.root, stats.words, MONDAY)
    report = progress_report(again, stats, MONDAY)
    assert (report.words_today, report.streak, report.words) == (600, 1, stats.words)
    assert report.chapters[0].target == 3000 and report.chapters[1].target == 0
    assert report.chapters[0].words == stats.chapters[0].counts.words
    again.progress.daily_goal = 0  # no goal: the key goes
    again.save()
    assert "daily_goal" not in again.story_file.read_text(encoding="utf-8")


def test_a_wrong_target_is_reported(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    text = project.story_file.read_text(encoding="utf-8") + '\n[progress]\ndaily_goal = "lots"\n'
    project.story_file.write_text(text, encoding="utf-8")
    with pytest.raises(StudioError, match="daily_goal"):
        Project.load(project.root)


def test_stats_history_command(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    project.progress.daily_goal = 400
    project.save()
    words = story_stats(project).words
    today = dt.date.today()
    record_words(project.root, words - 450, today - dt.timedelta(days=1))
    record_words(project.root, words - 300, today - dt.timedelta(days=1))
    record_words(project.root, words, today)

    def run(*extra: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "studio", "stats", str(project.root), "--history", *extra],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    data = json.loads(run("--json"))
    assert [d["words"] for d in data["days"]] == [150, 300]
    assert (data["words_today"], data["daily_goal"], data["streak"]) == (300, 400, 0)
    table = run()
    assert f"{today.isoformat()}      +300" in table
    assert "Today: +300 words of 400" in table and "Streak: 0 days" in table


def test_the_history_travels_in_the_bundle(tmp_path: Path) -> None:
    import zipfile

    from studio.export import EXPORTERS

    project = copy_sample(tmp_path)
    record_words(project.root, 100, MONDAY)
    record_words(project.root, 350, MONDAY)
    out = EXPORTERS["bundle"](project, tmp_path / "story.zip")[0]
    with zipfile.ZipFile(out) as bundle:
        names = [n.split("/", 1)[1] for n in bundle.namelist()]
        assert HISTORY_FILE in names
        text = bundle.read(f"{project.root.name}/{HISTORY_FILE}").decode("utf-8")
    assert text == (project.root / HISTORY_FILE).read_text(encoding="utf-8")


def test_words_not_written_move_the_start_not_the_words(tmp_path: Path) -> None:
    """A chapter that came back (400 words) with 12 typed: the day reads 12."""
    record_words(tmp_path, 1000, MONDAY)
    day = record_words(tmp_path, 1412, MONDAY, not_written=400)
    assert (day.start, day.end, day.words) == (1400, 1412, 12)
    tuesday = MONDAY + dt.timedelta(days=1)
    day = record_words(tmp_path, 1500, tuesday, not_written=80)
    assert (day.start, day.words) == (1492, 8)
    assert record_words(tmp_path, 1500, tuesday, not_written=-8).words == 16
