"""The FanFiction.Net lyrics warning the export helper shows, and the prose/lyrics counts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from studio.lyrics import SongDetails, add_song, ffn_lyrics_warning, update_song
from studio.story import Project, count_words
from tests.lyrics.test_lyrics_check import REFRAIN

REPO = Path(__file__).resolve().parents[2]
LYRICS_BLOCK = re.compile(r"^::: \{\.lyrics .*?^:::$", re.MULTILINE | re.DOTALL)


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
    """Each chapter quotes the refrain once (two with a one-letter slip, same words)."""
    story = REPO / "tests" / "lyrics" / "stories" / "river-lanterns"
    result = subprocess.run(
        [sys.executable, "-m", "studio", "stats", str(story), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    stats = json.loads(result.stdout)
    refrain = count_words(REFRAIN)
    for row in stats["chapters"]:
        text = (story / row["file"]).read_text(encoding="utf-8")
        prose = LYRICS_BLOCK.sub("", text)
        assert len(LYRICS_BLOCK.findall(text)) == 1
        assert (row["lyrics_words"], row["prose_words"]) == (refrain, count_words(prose))
        assert row["words"] == row["prose_words"] + row["lyrics_words"]
    totals = stats["totals"]
    assert totals["chapters"] == len(stats["chapters"]) == 3
    for key in ("words", "prose_words", "lyrics_words"):
        assert totals[key] == sum(row[key] for row in stats["chapters"])
    assert totals["lyrics_words"] == 3 * refrain
