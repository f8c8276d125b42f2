"""The song library: [songs.<id>] tables edited through tomlkit, and where songs are quoted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import tomlkit

from studio.errors import StudioError
from studio.lyrics import (
    SongDetails,
    add_song,
    all_quotations,
    new_song_id,
    quotations_of,
    remove_song,
    update_song,
)
from studio.story import Project, create_project


def test_new_song_ids_are_slugged_and_unique(sample: Project) -> None:
    assert new_song_id(sample, "Harbour Lights") == "harbour-lights-2"
    assert new_song_id(sample, "Don’t Stop (Live!)") == "dont-stop-live"
    assert new_song_id(sample, "Café Noir") == "cafe-noir"
    assert new_song_id(sample, "???") == "song"


def test_add_song_writes_a_table_and_keeps_comments(sample: Project) -> None:
    before = sample.story_file.read_text(encoding="utf-8")
    song = add_song(
        sample,
        SongDetails(
            title="Gull Song",
            artist="The Pier Ends",
            album="Low Water",
            year="1979",
            writers=("A. Pier", " ", "B. End"),
            url="https://example.org/gull-song",
            lyrics="\n\nGulls on the roof,\r\ngulls on the sea   \n\n",
        ),
    )
    assert song.id == "gull-song"
    assert sample.save()
    text = sample.story_file.read_text(encoding="utf-8")
    assert text.startswith(before)  # nothing before it changed, comments included
    assert "# Salt and Static: Studio's sample story." in text
    added = text[len(before) :]
    assert added == (
        "\n[songs.gull-song]\n"
        'title = "Gull Song"\n'
        'artist = "The Pier Ends"\n'
        'album = "Low Water"\n'
        "year = 1979\n"
        'writers = ["A. Pier", "B. End"]\n'
        'url = "https://example.org/gull-song"\n'
        'lyrics = """\nGulls on the roof,\ngulls on the sea\n"""\n'
    )
    reloaded = Project.load(sample.root).songs["gull-song"]
    assert reloaded.lyrics == "Gulls on the roof,\ngulls on the sea\n"
    assert reloaded.year == "1979"
    assert reloaded.writers == ["A. Pier", "B. End"]


def test_add_song_to_a_story_without_songs(tmp_path: Path) -> None:
    project = create_project(tmp_path / "new", title="New")
    song = add_song(project, SongDetails(title="First Song", artist="Someone"))
    project.save()
    assert Project.load(project.root).songs[song.id].artist == "Someone"


def test_add_song_refuses_bad_input(sample: Project) -> None:
    with pytest.raises(StudioError, match="needs a title"):
        add_song(sample, SongDetails(title="  "))
    with pytest.raises(StudioError, match="already a song"):
        add_song(sample, SongDetails(title="X"), song_id="harbour-lights")
    with pytest.raises(StudioError, match="only letters"):
        add_song(sample, SongDetails(title="X"), song_id="bad id")
    with pytest.raises(StudioError, match="not a year"):
        add_song(sample, SongDetails(title="X", year="<script>alert(1)</script>"))
    assert not sample.is_modified


def test_update_song_rewrites_only_what_changed(sample: Project) -> None:
    before = sample.story_file.read_text(encoding="utf-8")
    details = SongDetails.of(sample.songs["harbour-lights"])
    update_song(sample, "harbour-lights", details)
    assert not sample.is_modified  # the same details write nothing
    update_song(
        sample, "harbour-lights", replace(details, artist="The Tidewater Five", album="Sea Fret")
    )
    sample.save()
    after = sample.story_file.read_text(encoding="utf-8")
    assert after == before.replace(
        'artist = "The Tidewater Band"\n', 'artist = "The Tidewater Five"\n'
    ).replace('I used to know.\n"""\n', 'I used to know.\n"""\nalbum = "Sea Fret"\n')
    song = Project.load(sample.root).songs["harbour-lights"]
    assert (song.artist, song.album, song.id) == (
        "The Tidewater Five",
        "Sea Fret",
        "harbour-lights",
    )


def test_update_song_removes_emptied_keys_and_keeps_the_id(sample: Project) -> None:
    details = SongDetails.of(sample.songs["harbour-lights"])
    update_song(
        sample,
        "harbour-lights",
        replace(details, title="Harbour Lights (Reprise)", year="", lyrics=""),
    )
    sample.save()
    table = tomlkit.parse(sample.story_file.read_text(encoding="utf-8"))["songs"]["harbour-lights"]
    assert "year" not in table and "lyrics" not in table
    assert table["title"] == "Harbour Lights (Reprise)"


def test_public_domain_flag(sample: Project) -> None:
    details = SongDetails.of(sample.songs["harbour-lights"])
    assert not details.public_domain
    update_song(sample, "harbour-lights", replace(details, public_domain=True))
    assert sample.songs["harbour-lights"].table["public_domain"] is True
    update_song(sample, "harbour-lights", details)
    assert "public_domain" not in sample.songs["harbour-lights"].table


def test_update_missing_song_is_a_clear_error(sample: Project) -> None:
    with pytest.raises(StudioError, match="no song `nope`"):
        update_song(sample, "nope", SongDetails(title="X"))


def test_quotations_of_lists_file_and_fence_line(sample: Project) -> None:
    places = [(q.file, q.line) for q in quotations_of(sample, "harbour-lights")]
    assert places == [
        ("chapters/01-the-signal.md", 11),
        ("chapters/02-low-tide.md", 21),
        ("chapters/03-harbour-lights.md", 17),
    ]
    for quotation in quotations_of(sample, "harbour-lights"):
        lines = sample.read_chapter(sample.chapters[quotation.chapter_index]).splitlines()
        assert lines[quotation.line - 1] == '::: {.lyrics song="harbour-lights"}'
        assert quotation.fence == lines[quotation.line - 1]
    assert quotations_of(sample, "no-such-song") == []


def test_quotations_use_unsaved_text_when_given(sample: Project) -> None:
    first = sample.chapters[0]
    override = {first.file: 'Prose.\n\n::: {.lyrics song="other"}\nLa la\n:::\n'}
    quotations = all_quotations(sample, override)
    assert (quotations[0].file, quotations[0].line, quotations[0].song_id) == (
        first.file,
        3,
        "other",
    )
    assert len(quotations_of(sample, "harbour-lights", override)) == 2


def test_remove_song_still_quoted_is_refused_until_confirmed(sample: Project) -> None:
    with pytest.raises(StudioError, match=r"still quoted \(chapters/01-the-signal.md:11, "):
        remove_song(sample, "harbour-lights")
    assert "harbour-lights" in sample.songs
    remove_song(sample, "harbour-lights", even_if_quoted=True)
    assert sample.songs == {}
    sample.save()
    text = sample.story_file.read_text(encoding="utf-8")
    assert "[songs" not in text and "Hold the light" not in text
    assert "# Salt and Static" in text
    Project.load(sample.root)


def test_remove_unquoted_song_keeps_the_others(sample: Project) -> None:
    original = sample.story_file.read_text(encoding="utf-8")
    add_song(sample, SongDetails(title="Gull Song"))
    sample.save()
    assert "[songs.gull-song]" in sample.story_file.read_text(encoding="utf-8")
    remove_song(sample, "gull-song")
    sample.save()
    assert sample.story_file.read_text(encoding="utf-8") == original
