"""The shared credit rendering every export calls: each song credited once, the same way."""

from __future__ import annotations

import tomlkit

from studio.lyrics import SongDetails, add_song
from studio.lyrics.credit import (
    CreditPlacement,
    block_credit_line,
    credit_placement,
    notes_credit,
    quoted_songs,
    set_credit_placement,
    song_credit,
    work_notes_credit,
)
from studio.story import Project
from studio.story.model import Song


def test_song_credit_title_and_artist(sample: Project) -> None:
    song = sample.songs["harbour-lights"]
    assert song_credit(song) == "“Harbour Lights” by The Tidewater Band"
    assert block_credit_line(song) == "— “Harbour Lights” by The Tidewater Band"


def test_song_credit_without_artist_and_with_own_credit(sample: Project) -> None:
    bare = add_song(sample, SongDetails(title="Foghorn Waltz"))
    assert song_credit(bare) == "“Foghorn Waltz”"
    own = add_song(
        sample,
        SongDetails(title="Gull Song", artist="Nobody", credit="  Traditional, as sung by Tamsin "),
    )
    assert song_credit(own) == "Traditional, as sung by Tamsin"
    assert block_credit_line(own) == "— Traditional, as sung by Tamsin"


def test_song_credit_of_missing_song_names_the_id() -> None:
    assert song_credit(None, "ghost-song") == "“ghost-song”"
    assert song_credit(None) == ""
    assert block_credit_line(None) == ""
    assert block_credit_line(None, "ghost-song") == "— “ghost-song”"


def test_notes_credit_each_song_once_in_order(sample: Project) -> None:
    harbour = sample.songs["harbour-lights"]
    gull = add_song(sample, SongDetails(title="Gull Song", artist="The Pier Ends"))
    fog = add_song(sample, SongDetails(title="Foghorn Waltz"))
    assert notes_credit([]) == ""
    assert notes_credit([harbour, harbour]) == (
        "Lyrics from “Harbour Lights” by The Tidewater Band."
    )
    assert notes_credit([gull, harbour]) == (
        "Lyrics from “Gull Song” by The Pier Ends and “Harbour Lights” by The Tidewater Band."
    )
    assert notes_credit([harbour, gull, fog, gull]) == (
        "Lyrics from “Harbour Lights” by The Tidewater Band, “Gull Song” by The Pier Ends"
        " and “Foghorn Waltz”."
    )


def test_credit_placement_values(sample: Project) -> None:
    assert credit_placement(sample) is CreditPlacement.BOTH  # unset: nothing goes uncredited
    for value, expected in [
        ("block", CreditPlacement.BLOCK),
        ("notes", CreditPlacement.NOTES),
        ("both", CreditPlacement.BOTH),
        ("none", CreditPlacement.NONE),
        (" Notes ", CreditPlacement.NOTES),
        ("everywhere", CreditPlacement.BOTH),
    ]:
        sample.doc["lyrics"] = {"credit": value}
        assert credit_placement(sample) is expected, value
    sample.doc["lyrics"] = "not a table"
    assert credit_placement(sample) is CreditPlacement.BOTH


def test_placement_flags() -> None:
    assert CreditPlacement.BLOCK.under_blocks and not CreditPlacement.BLOCK.in_notes
    assert CreditPlacement.NOTES.in_notes and not CreditPlacement.NOTES.under_blocks
    assert CreditPlacement.BOTH.in_notes and CreditPlacement.BOTH.under_blocks
    assert not CreditPlacement.NONE.in_notes and not CreditPlacement.NONE.under_blocks


def test_set_credit_placement_keeps_the_rest_of_story_toml(sample: Project) -> None:
    before = sample.story_file.read_text(encoding="utf-8")
    set_credit_placement(sample, CreditPlacement.NOTES)
    assert sample.save()
    after = sample.story_file.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert tomlkit.parse(after)["lyrics"]["credit"] == "notes"
    reloaded = Project.load(sample.root)
    assert credit_placement(reloaded) is CreditPlacement.NOTES
    set_credit_placement(reloaded, CreditPlacement.NOTES)
    assert not reloaded.save()  # unchanged: nothing written


def test_quoted_songs_in_order_of_first_quotation(sample: Project) -> None:
    gull = add_song(sample, SongDetails(title="Gull Song", artist="The Pier Ends"))
    add_song(sample, SongDetails(title="Never Quoted"))
    chapter = sample.chapters[0]
    text = sample.read_chapter(chapter)
    sample.write_chapter(
        chapter, f'::: {{.lyrics song="{gull.id}"}}\nGulls on the roof\n:::\n\n{text}'
    )
    assert [s.id for s in quoted_songs(sample)] == ["gull-song", "harbour-lights"]
    # unsaved text from the editor stands in for the file
    override = {chapter.file: "No songs here any more.\n"}
    assert [s.id for s in quoted_songs(sample, override)] == ["harbour-lights"]


def test_work_notes_credit_follows_placement(sample: Project) -> None:
    expected = "Lyrics from “Harbour Lights” by The Tidewater Band."
    assert work_notes_credit(sample) == expected
    set_credit_placement(sample, CreditPlacement.BLOCK)
    assert work_notes_credit(sample) == ""
    set_credit_placement(sample, CreditPlacement.NOTES)
    assert work_notes_credit(sample) == expected
    set_credit_placement(sample, CreditPlacement.NONE)
    assert work_notes_credit(sample) == ""


def test_untitled_song_is_credited_without_a_made_up_title() -> None:
    # As the importer writes a song nobody credited: `[songs.untitled-song-1]`, no title.
    by_artist = Song("untitled-song-2", tomlkit.table().add("artist", "The Pier Ends"))
    nothing = Song("untitled-song-1", tomlkit.table())
    assert block_credit_line(by_artist) == "— a song by The Pier Ends"
    assert block_credit_line(nothing) == ""  # nothing known yet: no credit, not the id
    assert nothing.id not in notes_credit([nothing, by_artist])
    assert notes_credit([nothing, by_artist]) == "Lyrics from a song by The Pier Ends."
    assert notes_credit([nothing]) == ""
    assert song_credit(nothing) == f"“{nothing.id}”"  # the author's label still names it
