"""Importing each fixture fic: the fields, chapters, songs and blocks it should give,
and no word of the input lost (see tests/import_support.py for how words are counted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.importers import import_fic
from studio.lyrics import project_findings as lyrics_findings
from studio.story import BlockKind, Project, parse_blocks
from tests.import_support import assert_no_word_lost, input_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SOURCES = FIXTURES / "sources"
BY_FILE = sorted((FIXTURES / "chapters-by-file").glob("*.txt"))

# (files, encoding the test reads them with)
CASES: dict[str, tuple[list[Path], str]] = {
    "oneshot": ([SOURCES / "oneshot-header-credit.txt"], "utf-8"),
    "multichapter": ([SOURCES / "multichapter-cp1252-crlf.txt"], "cp1252"),
    "lyrics": ([SOURCES / "italic-lyrics-attribution.txt"], "utf-8"),
    "by-file": (BY_FILE, "utf-8"),
    "ao3-html": ([SOURCES / "ao3-download.html"], "utf-8"),
    "ao3-epub": ([SOURCES / "ao3-download.epub"], "utf-8"),
    "summery-bom": ([SOURCES / "summery-bom.txt"], "utf-8-sig"),
    "latin1": ([SOURCES / "latin1-parts.txt"], "latin-1"),
    "wrapped": ([SOURCES / "wrapped-chapter-three.txt"], "utf-8"),
}


def imported(name: str, tmp_path: Path) -> tuple[object, Project]:
    files, _ = CASES[name]
    return import_fic(files, tmp_path / "story")


def chapter_texts(project: Project) -> list[str]:
    return [project.read_chapter(c) for c in project.chapters]


def lyrics(project: Project) -> list[tuple[str, list[str]]]:
    """(song id, verse lines) of every lyrics block, in reading order."""
    return [
        (block.song or "", [line for line in block.lines if line.strip()])
        for text in chapter_texts(project)
        for block in parse_blocks(text)
        if block.kind is BlockKind.LYRICS
    ]


@pytest.mark.parametrize("name", list(CASES))
def test_no_word_is_lost(name: str, tmp_path: Path) -> None:
    files, encoding = CASES[name]
    plan, project = import_fic(files, tmp_path / "story")
    source = "\n".join(input_text(f, encoding) for f in files)
    assert_no_word_lost(plan, project, source)


@pytest.mark.parametrize("name", list(CASES))
def test_output_is_a_clean_project(name: str, tmp_path: Path) -> None:
    _, project = imported(name, tmp_path)
    again = Project.load(project.root)
    assert not again.is_modified
    for chapter in again.chapters:
        data = again.chapter_path(chapter).read_bytes()
        assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")
        for block in parse_blocks(data.decode()):
            if block.kind is BlockKind.LYRICS:
                assert block.song in again.songs
    assert not [p.name for p in project.root.parent.iterdir() if p.name.startswith(".")]


def test_oneshot_with_lyric_credit_in_the_header_note(tmp_path: Path) -> None:
    plan, project = imported("oneshot", tmp_path)
    work = project.work
    assert work.title == "Paper Lanterns"
    assert work.authors == ["wrenfield"]
    assert (work.rating, work.source_rating) == ("General Audiences", "PG")
    assert work.relationships == ["Ines/Callum"]
    assert work.characters == ["Ines Moreau", "Callum Reyes"]
    assert work.summary.startswith("On the last night of the river festival")
    assert work.disclaimer == "Everything here is mine, including the band."
    # The credit stays where the author wrote it, and the song is in the library.
    assert "are from “Paper Lanterns” by The Marrow Sisters" in work.notes
    assert work.end_notes.startswith("Thank you for reading!")
    assert work.status == "complete"
    assert [(c.title, c.notes) for c in project.chapters] == [("", "")]
    song = project.songs["paper-lanterns"]
    assert (song.title, song.artist) == ("Paper Lanterns", "The Marrow Sisters")
    assert project.doc["lyrics"]["credit"] == "none"  # the author's own credit, kept
    # Both quotes (the second is the refrain's first two lines) are the same song.
    assert [(s, len(lines)) for s, lines in lyrics(project)] == [
        ("paper-lanterns", 4),
        ("paper-lanterns", 2),
    ]
    text = chapter_texts(project)[0]
    assert text.startswith("The river smelled of candle wax")  # the ~*~ separator is gone
    assert "*Let it go" not in text  # verse lines lose their italics inside the block
    assert not plan.unsure


def test_multichapter_windows_1252_crlf_with_notes_and_breaks(tmp_path: Path) -> None:
    plan, project = imported("multichapter", tmp_path)
    assert [(s.encoding, s.line_ends) for s in plan.sources] == [("windows-1252", "CRLF")]
    work = project.work
    assert work.title == "The Cartographer’s Daughter"
    assert (work.rating, work.source_rating) == ("Teen And Up Audiences", "T")
    assert work.summary.startswith("Nell inherits her father’s unfinished map of the marsh —")
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.notes.startswith("This is my first multi-chapter fic")
    chapters = project.chapters
    assert [c.title for c in chapters] == ["The Unfinished Map", "High Water", ""]
    assert chapters[0].notes == "Short chapter to start, they get longer I promise."
    assert chapters[0].end_notes == "Thanks for reading! Next chapter: boats."
    assert chapters[2].end_notes.startswith("The end of part one!")
    texts = chapter_texts(project)
    assert [t.count("\n* * *\n") for t in texts] == [1, 2, 0]
    assert "~*~" not in "".join(texts) and "A/N" not in "".join(texts)
    assert "Widow’s Reach — and every name" in texts[0]


def test_italic_lyrics_with_attribution_lines(tmp_path: Path) -> None:
    plan, project = imported("lyrics", tmp_path)
    songs = {sid: (s.title, s.artist) for sid, s in project.songs.items()}
    assert songs == {
        "coast-road": ("Coast Road", "Harriet Vane & the Lamplighters"),
        "two-bells": ("Two Bells", "Orla Finch"),
    }
    blocks = lyrics(project)
    assert [(s, len(lines)) for s, lines in blocks] == [
        ("coast-road", 4),
        ("two-bells", 4),
        ("coast-road", 2),  # the refrain again, with no attribution: the same song
    ]
    assert blocks[1][1][0] == "Ring the bell for the ones at sea,"  # _…_ italics taken off
    text = chapter_texts(project)[0]
    assert "Harriet Vane" not in text and "Orla Finch" not in text  # credits live in songs
    assert project.doc["lyrics"]["credit"] == "block"
    assert text.count("\n* * *\n") == 2
    assert not plan.unsure


def test_chapter_files_given_one_by_one(tmp_path: Path) -> None:
    plan, project = imported("by-file", tmp_path)
    assert project.work.title == "First Frost"
    assert project.work.summary.startswith("Two neighbours")
    assert [c.title for c in project.chapters] == ["The Fence", "The Kettle", ""]
    assert project.chapters[1].notes == "Thank you for the kudos on chapter one!"
    assert [c.text for c in plan.consumed if c.kind == "repeat"] == ["First Frost", "hollis_wren"]
    assert [u.file for u in plan.unsure] == ["03-untitled.txt"]
    assert chapter_texts(project)[2].startswith("In December the fence fell down")


@pytest.mark.parametrize("name", ["ao3-html", "ao3-epub"])
def test_ao3_download(name: str, tmp_path: Path) -> None:
    _, project = imported(name, tmp_path)
    work = project.work
    assert work.title == "Tin Can Telephone"
    assert work.authors == ["kestrel_quill"]
    assert work.rating == "Teen And Up Audiences" and work.source_rating == ""
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.categories == ["Gen"]
    assert work.fandoms == ["Original Work"]
    assert work.characters == ["Pip Harrow", "Oskar Lind"]
    assert work.tags == ["Childhood Friends", "Songfic"]
    assert work.status == "complete"
    assert work.summary.startswith("Two kids, two windows")
    assert (
        work.notes == "Written for a prompt about *old songs*. The song is invented, like the band."
    )
    assert work.end_notes == "Thank you for reading this small thing."
    chapters = project.chapters
    assert [c.title for c in chapters] == ["Waxed String", "Both Ends"]
    assert chapters[0].notes == "Pip is eleven here."
    assert chapters[0].end_notes.startswith("Yes, I made the song up.")
    assert chapters[1].summary == "Twenty years later."
    assert [(s, len(lines)) for s, lines in lyrics(project)] == [
        ("piece-of-twine", 4),
        ("piece-of-twine", 2),
    ]
    song = project.songs["piece-of-twine"]
    assert (song.title, song.artist) == ("Piece of Twine", "The Sparrowhawks")
    texts = chapter_texts(project)
    assert texts[0].count("\n* * *\n") == 1
    assert "Posted originally" not in "".join(texts) and "Chapter End Notes" not in "".join(texts)


def test_html_and_epub_give_the_same_project(tmp_path: Path) -> None:
    _, html = import_fic(CASES["ao3-html"][0], tmp_path / "html")
    _, epub = import_fic(CASES["ao3-epub"][0], tmp_path / "epub")
    assert html.toml_text() == epub.toml_text()
    assert chapter_texts(html) == chapter_texts(epub)


def test_summery_misspelling_bom_prologue_epilogue_and_xxx_breaks(tmp_path: Path) -> None:
    plan, project = imported("summery-bom", tmp_path)
    assert [(s.encoding, s.bom) for s in plan.sources] == [("utf-8", True)]
    work = project.work
    assert work.title == "What the Orchard Knew"  # no BOM glued to the first label
    assert work.summary.startswith("Three summers at the Aldous orchard")
    assert (work.rating, work.source_rating) == ("General Audiences", "K+")
    assert work.spoilers == "None, it's an original story."
    assert [c.title for c in project.chapters] == ["Prologue", "", "Epilogue"]
    texts = chapter_texts(project)
    assert [t.count("\n* * *\n") for t in texts] == [1, 1, 0]
    assert "xXx" not in "".join(texts)
    assert texts[1].startswith("*Climb with me*, Posy said")  # _…_ italics as Markdown
    assert "differant" in texts[0] and "sentance" in texts[1]  # typos kept as written
    song = project.songs["orchard-song"]
    assert (song.title, song.artist) == ("Orchard Song", "The Hollow Pines")
    assert [(s, len(lines)) for s, lines in lyrics(project)] == [("orchard-song", 4)]
    # "Song by Artist" with no quotes or dash is a guess, so it is reported.
    assert any("Orchard Song by The Hollow Pines" in u.message for u in plan.unsure)


def test_latin1_parts_and_slash_italics(tmp_path: Path) -> None:
    plan, project = imported("latin1", tmp_path)
    assert [s.encoding for s in plan.sources] == ["iso-8859-1"]
    work = project.work
    assert work.title == "Café Lumière"
    assert work.characters == ["Élodie", "Bastien"]
    assert (work.rating, work.source_rating) == ("Mature", "R")
    assert [c.title for c in project.chapters] == ["", "", ""]
    texts = chapter_texts(project)
    assert "*It will hold*, he said, *until it doesn't*." in texts[0]
    assert [t.count("\n* * *\n") for t in texts] == [1, 1, 0]
    assert "oOo" not in "".join(texts) and "\n---\n" not in "".join(texts)


def test_hard_wrapped_chapter_one_to_three(tmp_path: Path) -> None:
    plan, project = imported("wrapped", tmp_path)
    work = project.work
    assert work.relationships == ["Ada/Marguerite"]
    assert work.warnings == ["Graphic Depictions Of Violence"]
    assert work.categories == ["F/F"]
    assert work.notes.startswith("This story was first posted in three parts")
    assert work.notes.endswith("which was a habit I\nhad then.")
    assert [c.title for c in project.chapters] == ["", "", ""]
    assert [c.text for c in plan.consumed if c.kind == "heading"] == [
        "Chapter One",
        "Chapter Two",
        "Chapter Three",
    ]
    texts = chapter_texts(project)
    # A wrapped paragraph stays one paragraph (its lines are soft breaks).
    first = next(b for b in parse_blocks(texts[0]) if b.kind is BlockKind.PARAGRAPH)
    assert len(first.lines) == 4
    assert [t.count("\n* * *\n") for t in texts] == [1, 1, 0]
    assert not plan.unsure


@pytest.mark.parametrize("name", list(CASES))
def test_lyrics_checks_find_every_block_tied_to_a_credited_song(name: str, tmp_path: Path) -> None:
    """The lyrics package's own checks agree: no block without a known song, no song
    without a quotation, no song left uncredited."""
    _, project = imported(name, tmp_path)
    rules = {f.rule for f in lyrics_findings(project)}
    assert not rules & {
        "lyrics-unknown-song",
        "lyrics-no-song",
        "lyrics-never-quoted",
        "lyrics-uncredited",
    }
