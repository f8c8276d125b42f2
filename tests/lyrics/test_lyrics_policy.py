"""The FanFiction.Net lyrics warning the export helper shows, and the prose/lyrics counts."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from studio.lyrics import SongDetails, add_song, ffn_lyrics_warning, update_song
from studio.story import Project

REPO = Path(__file__).resolve().parents[2]


def test_story_quoting_lyrics_gets_the_warning(sample: Project) -> None:
    warning = ffn_lyrics_warning(sample)
    assert warning is not None
    assert "“Harbour Lights” by The Tidewater Band, 3 times" in warning
    assert "FanFiction.Net's guidelines forbid lyrics that are not in the public domain" in warning


def test_story_without_lyrics_gets_none(sample: Project) -> None:
    overrides = {c.file: "Just prose.\n" for c in sample.chapters}
    assert ffn_lyrics_warning(sample, overrides) is None


def test_public_domain_songs_do_not_count(sample: Project) -> None:
    song = sample.songs["harbour-lights"]
    update_song(sample, song.id, replace(SongDetails.of(song), public_domain=True))
    assert ffn_lyrics_warning(sample) is None
    chapter = sample.chapters[0]
    text = sample.read_chapter(chapter) + '\n::: {.lyrics song="gone"}\nLa la\n:::\n'
    warning = ffn_lyrics_warning(sample, {chapter.file: text})
    assert warning is not None and "“gone”, 1 time)" in warning


def test_each_song_named_with_its_count(sample: Project) -> None:
    gull = add_song(sample, SongDetails(title="Gull Song", artist="The Pier Ends"))
    chapter = sample.chapters[2]
    text = sample.read_chapter(chapter) + f'\n::: {{.lyrics song="{gull.id}"}}\nGulls\n:::\n'
    warning = ffn_lyrics_warning(sample, {chapter.file: text})
    assert warning is not None
    assert (
        "(“Harbour Lights” by The Tidewater Band, 3 times; “Gull Song” by The Pier Ends, 1 time)"
        in warning
    )


def test_studio_stats_counts_prose_and_lyrics_apart() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studio", "stats", "tests/lyrics/stories/river-lanterns"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    rows = {line.split()[0]: line.split()[-3:] for line in result.stdout.splitlines()[4:7]}
    # 37 words in each quotation of the refrain, the rest is prose
    assert [rows[n][2] for n in ("1", "2", "3")] == ["37", "37", "37"]
    assert "Total                352    241     111" in result.stdout
