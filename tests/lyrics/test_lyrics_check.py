"""The lyrics findings of `studio check`, on our test story and the sample."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.checks import all_findings, project_checks
from studio.findings import Kind
from studio.lyrics import (
    CreditPlacement,
    SongDetails,
    add_song,
    project_findings,
    set_credit_placement,
    update_song,
)
from studio.lyrics.consistency import differing_span, verse
from studio.story import Project, create_project

REPO = Path(__file__).resolve().parents[2]
SALT_AND_STATIC = REPO / "projects" / "salt-and-static"

REFRAIN = """Light a paper lantern, let it drift away,
I'll be waiting by the river till the break of day,
If you lose the road home, follow where it burns,
Every lantern finds the water, every heart returns.
"""
VERSE = """Down along the mill race where the willows lean,
Every flame a letter, every word unseen,
Write me in the margins, fold me into light,
Send me down the water on an autumn night.
"""


def _summary(project: Project) -> list[tuple[str, int, int, int, str, str, tuple[str, ...]]]:
    return [
        (f.file, f.line, f.column, f.end_column, f.rule, f.text, f.suggestions)
        for f in project_findings(project)
    ]


def test_two_slips_against_the_form_most_quotations_agree_on(lanterns: Project) -> None:
    assert _summary(lanterns) == [
        ("chapters/02-the-bridge.md", 7, 1, 4, "lyrics-mismatch", "Ill", ("I'll",)),
        ("chapters/03-where-it-burns.md", 13, 15, 19, "lyrics-mismatch", "find", ("finds",)),
    ]
    first = project_findings(lanterns)[0]
    assert first.kind is Kind.LYRICS
    assert "“I'll be waiting by the river till the break of day,”" in first.message
    assert "how the other quotations have it" in first.message


def test_finding_columns_point_at_the_text_on_disk(lanterns: Project) -> None:
    for finding in project_findings(lanterns):
        line = (
            (lanterns.root / finding.file)
            .read_text(encoding="utf-8")
            .splitlines()[finding.line - 1]
        )
        assert line[finding.column - 1 : finding.end_column - 1] == finding.text


def test_applying_the_suggestions_clears_the_findings(lanterns: Project) -> None:
    for finding in project_findings(lanterns):
        path = lanterns.root / finding.file
        lines = path.read_text(encoding="utf-8").split("\n")
        line = lines[finding.line - 1]
        lines[finding.line - 1] = (
            line[: finding.column - 1] + finding.suggestions[0] + line[finding.end_column - 1 :]
        )
        path.write_text("\n".join(lines), encoding="utf-8")
    assert project_findings(lanterns) == []


def test_two_slips_against_the_canonical_lyric(lanterns: Project) -> None:
    song = lanterns.songs["paper-lanterns"]
    update_song(lanterns, song.id, replace(SongDetails.of(song), lyrics=REFRAIN + "\n" + VERSE))
    findings = project_findings(lanterns)
    assert [(f.file, f.line, f.text, f.suggestions) for f in findings] == [
        ("chapters/02-the-bridge.md", 7, "Ill", ("I'll",)),
        ("chapters/03-where-it-burns.md", 13, "find", ("finds",)),
    ]
    assert "differs from the song's lyric" in findings[0].message


def test_canonical_lyric_wins_over_the_majority(lanterns: Project) -> None:
    """When the library's lyric says "find", the two quotations that say "finds" are the slips."""
    song = lanterns.songs["paper-lanterns"]
    lyric = REFRAIN.replace("lantern finds", "lantern find") + "\n" + VERSE
    update_song(lanterns, song.id, replace(SongDetails.of(song), lyrics=lyric))
    found = [(f.file, f.text, f.suggestions) for f in project_findings(lanterns)]
    assert found == [
        ("chapters/01-the-first-lantern.md", "finds", ("find",)),
        ("chapters/02-the-bridge.md", "Ill", ("I'll",)),
        ("chapters/02-the-bridge.md", "finds", ("find",)),
    ]


def test_quoting_most_of_a_known_song_says_the_share(lanterns: Project) -> None:
    song = lanterns.songs["paper-lanterns"]
    update_song(lanterns, song.id, replace(SongDetails.of(song), lyrics=REFRAIN))
    substantial = [f for f in project_findings(lanterns) if f.rule == "lyrics-substantial"]
    assert len(substantial) == 1
    finding = substantial[0]
    assert (finding.file, finding.line) == ("chapters/01-the-first-lantern.md", 5)
    assert "quotes 4 of the 4 lines of “Paper Lanterns” by The Juniper Hollow (100%)" in (
        finding.message
    )
    assert "terms FAQ" in finding.message
    # half the song is not "most of it"
    update_song(lanterns, song.id, replace(SongDetails.of(song), lyrics=REFRAIN + VERSE))
    assert not [f for f in project_findings(lanterns) if f.rule == "lyrics-substantial"]
    # a song in the public domain is not the Archive's concern
    update_song(
        lanterns, song.id, replace(SongDetails.of(song), lyrics=REFRAIN, public_domain=True)
    )
    assert not [f for f in project_findings(lanterns) if f.rule == "lyrics-substantial"]


def test_block_naming_a_missing_song(lanterns: Project) -> None:
    chapter = lanterns.chapters[1]
    text = lanterns.read_chapter(chapter).replace('song="paper-lanterns"', 'song="paper-lantern"')
    text += "\n::: lyrics\nNo song named here\n:::\n"
    lanterns.write_chapter(chapter, text)
    rules = {f.rule: f for f in project_findings(lanterns) if f.file == "chapters/02-the-bridge.md"}
    unknown = rules["lyrics-unknown-song"]
    assert (unknown.line, unknown.column, unknown.end_column) == (5, 20, 33)
    assert unknown.text == "paper-lantern"
    assert unknown.suggestions == ("paper-lanterns",)
    assert "not in the song library" in unknown.message
    no_song = rules["lyrics-no-song"]
    assert no_song.text == "::: lyrics" and "names no song" in no_song.message


def test_song_never_quoted(lanterns: Project) -> None:
    add_song(lanterns, SongDetails(title="Mill Race", artist="The Juniper Hollow"))
    lanterns.save()
    never = [f for f in project_findings(lanterns) if f.rule == "lyrics-never-quoted"]
    assert len(never) == 1
    finding = never[0]
    lines = lanterns.story_file.read_text(encoding="utf-8").splitlines()
    assert finding.file == "story.toml"
    assert lines[finding.line - 1] == "[songs.mill-race]" == finding.text
    assert "no lyrics block quotes it" in finding.message


def test_song_quoted_while_credited_nowhere(lanterns: Project) -> None:
    set_credit_placement(lanterns, CreditPlacement.NONE)
    uncredited = [f for f in project_findings(lanterns) if f.rule == "lyrics-uncredited"]
    assert [(f.file, f.line) for f in uncredited] == [("chapters/01-the-first-lantern.md", 5)]
    lanterns.work.notes = "The song is “Paper Lanterns” by The Juniper Hollow."
    assert not [f for f in project_findings(lanterns) if f.rule == "lyrics-uncredited"]
    for placement in (CreditPlacement.BLOCK, CreditPlacement.NOTES, CreditPlacement.BOTH):
        lanterns.work.notes = ""
        set_credit_placement(lanterns, placement)
        assert not [f for f in project_findings(lanterns) if f.rule == "lyrics-uncredited"]


def test_chapter_with_more_lyrics_than_prose(lanterns: Project) -> None:
    chapter = lanterns.chapters[0]
    lanterns.write_chapter(
        chapter, 'She sang.\n\n::: {.lyrics song="paper-lanterns"}\n' + REFRAIN + ":::\n"
    )
    notes = [f for f in project_findings(lanterns) if f.rule == "lyrics-more-than-prose"]
    assert [(f.file, f.line) for f in notes] == [("chapters/01-the-first-lantern.md", 3)]
    assert "more words of lyrics (37) than of prose (2)" in notes[0].message


def test_unsaved_text_is_checked_instead_of_the_file(lanterns: Project) -> None:
    chapter = lanterns.chapters[1]
    fixed = lanterns.read_chapter(chapter).replace("Ill be", "I'll be")
    found = project_findings(lanterns, {chapter.file: fixed})
    assert [f.text for f in found] == ["find"]


def test_the_sample_story_has_exactly_the_one_slip() -> None:
    project = Project.load(SALT_AND_STATIC)
    findings = [f for f in all_findings(project) if f.kind is Kind.LYRICS]
    assert [(f.file, f.line, f.column, f.end_column, f.text, f.suggestions) for f in findings] == [
        ("chapters/02-low-tide.md", 23, 9, 12, "for", ("till",))
    ]
    assert findings[0].message.endswith("“Hold it till the morning sky,”")


def test_registered_in_project_checks() -> None:
    assert project_findings in project_checks()


def test_differing_span_when_a_word_is_left_out_or_added() -> None:
    canonical = verse("Hold it till the morning sky")
    for quoted, span in [
        ("Hold it the morning sky", "it"),  # "till" left out: the neighbour is taken along
        ("Hold it till the the morning sky", "the the"),  # a word added
        ("it till the morning sky", "it"),  # the first word left out
        ("Hold it till the morning", "morning"),  # the last word left out
        ("Hold it until the mourning sky", "until the mourning"),  # two changes, one span
    ]:
        line = verse(quoted)
        start, end, replacement = differing_span(line, canonical)
        assert quoted[start:end] == span
        assert quoted[:start] + replacement + quoted[end:] == canonical.text
    # curly and straight apostrophes are the same word; punctuation is not compared
    assert verse("That’s the one!").words == verse("That's the one").words


def test_studio_check_lists_the_lyrics_finding() -> None:
    """Runs `studio check --json` on the sample."""
    result = subprocess.run(
        [sys.executable, "-m", "studio", "check", str(SALT_AND_STATIC), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)
    items = found if isinstance(found, list) else found["findings"]
    lyrics = [f for f in items if f["kind"] == "lyrics"]
    assert [(f["file"], f["line"], f["text"]) for f in lyrics] == [
        ("chapters/02-low-tide.md", 23, "for")
    ]


def test_two_similar_lines_of_one_chorus_are_not_slips_of_each_other(lanterns: Project) -> None:
    chorus = (
        "Every lantern finds the water, every heart returns.\n"
        "Every lantern finds the river, every heart returns.\n"
    )
    for chapter in lanterns.chapters:
        text = lanterns.read_chapter(chapter)
        text = text.replace("Every lantern finds the water, every heart returns.\n", chorus)
        lanterns.write_chapter(chapter, text)
    assert [(f.file, f.text) for f in project_findings(lanterns)] == [
        ("chapters/02-the-bridge.md", "Ill"),
        ("chapters/03-where-it-burns.md", "find"),
    ]


_word = st.sampled_from(["hold", "Hold", "it", "till", "til", "the", "light", "I'll", "Ill", "sky"])
_verse = st.lists(_word, min_size=1, max_size=7).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    quotations=st.lists(st.lists(_verse, min_size=1, max_size=4), min_size=1, max_size=4),
    canonical=st.one_of(st.just(""), st.lists(_verse, min_size=1, max_size=4).map("\n".join)),
)
def test_any_quotations_give_findings_that_fix_their_lines(
    tmp_path_factory: pytest.TempPathFactory, quotations: list[list[str]], canonical: str
) -> None:
    """Whatever is quoted, each finding's text is what the file has at its columns, and
    replacing it with the suggestion makes the line's words those of a reference line."""
    root = tmp_path_factory.mktemp("story")
    project = create_project(root / "s", title="S")
    add_song(project, SongDetails(title="Song", lyrics=canonical))
    body = "\n\n".join(
        "Prose words here to keep the balance.\n\n"
        + '::: {.lyrics song="song"}\n'
        + "\n".join(lines)
        + "\n:::"
        for lines in quotations
    )
    project.write_chapter(project.chapters[0], body + "\n")
    lines = body.split("\n")
    for finding in project_findings(project):
        if finding.rule != "lyrics-mismatch":
            continue
        line = lines[finding.line - 1]
        assert line[finding.column - 1 : finding.end_column - 1] == finding.text
        fixed = line[: finding.column - 1] + finding.suggestions[0] + line[finding.end_column - 1 :]
        quoted = finding.message.rsplit(": “", 1)[1].removesuffix("”")
        assert verse(fixed).words == verse(quoted).words
