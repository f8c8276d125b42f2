"""Hypothesis feeds the importer random and fic-shaped text: it imports with no word lost,
or it refuses with StudioError and writes nothing. Never another exception."""

from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from studio.errors import StudioError
from studio.importers import import_fic
from tests.import_support import assert_no_word_lost, html_text

SOURCES_DIR = Path(__file__).parent / "fixtures" / "import" / "sources"

WORDS = st.sampled_from(
    [
        "the",
        "rain",
        "lantern",
        "river",
        "Maren",
        "didn't",
        "well-known",
        "café",
        "“quoted”",
        "sea,",
        "light.",
        "A/N",
        "by",
        "Chapter",
        "Part",
        "one",
        "Three",
        "xXx",
        "oOo",
        "Song",
        "Artist",
        "hold",
        "it",
        "high",
    ]
)
PHRASE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
LABELS = st.sampled_from(
    [
        "Title",
        "Author",
        "Rating",
        "Summary",
        "Summery",
        "Pairing",
        "Characters",
        "Fandom",
        "Warnings",
        "Category",
        "Disclaimer",
        "Spoilers",
        "A/N",
        "Note",
        "Notes",
        "Beta",
        "Genre",
        "Song",
        "Lyrics",
    ]
)
RATINGS = st.sampled_from(["G", "PG", "PG-13", "T", "K+", "M", "R", "NC-17", "Spicy", "None"])
HEADINGS = st.sampled_from(
    [
        "Chapter 1",
        "Chapter 2: Low Tide",
        "Chapter Three",
        "Prologue",
        "Epilogue",
        "Part One",
        "~Chapter 4~",
        "CHAPTER IV - the end",
    ]
)
BREAKS = st.sampled_from(["* * *", "~*~", "~*~*~", "xXx", "oOo", "---", "=====", "***", "-x-x-"])


def italic(text: str, mark: str) -> str:
    return f"{mark}{text}{mark}"


LINES = st.one_of(
    st.builds(lambda label, value: f"{label}: {value}", LABELS, PHRASE),
    st.builds(lambda rating: f"Rating: {rating}", RATINGS),
    HEADINGS,
    BREAKS,
    PHRASE,
    st.just(""),
    st.builds(italic, PHRASE, st.sampled_from(["*", "_", "/"])),
    st.builds(lambda a, b: f"- “{a}”, {b}", PHRASE, PHRASE),
    st.builds(lambda a, b: f"{a} by {b}", PHRASE, PHRASE),
    st.builds(lambda a, b: f"The lyrics are from “{a}” by {b}.", PHRASE, PHRASE),
    st.builds(lambda text: f"A/N: {text}", PHRASE),
    st.text(max_size=40),
)
FICS = st.lists(LINES, max_size=40)


def check(data: bytes, source_text: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="studio-import-"))
    try:
        fic = folder / "fic.txt"
        fic.write_bytes(data)
        dest = folder / "story"
        try:
            plan, project = import_fic([fic], dest)
        except StudioError as exc:
            assert str(exc)
            assert not dest.exists()
            assert sorted(p.name for p in folder.iterdir()) == ["fic.txt"]
            return
        assert_no_word_lost(plan, project, source_text)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FICS, st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from(["utf-8", "utf-8-sig"]))
def test_fic_shaped_text(lines: list[str], newline: str, encoding: str) -> None:
    text = newline.join(lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates cannot be written to a file
        return
    check(data, text)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(PHRASE, BREAKS, HEADINGS, st.just("")), max_size=20))
def test_windows_1252_text(lines: list[str]) -> None:
    text = "\r\n".join(["Title: Ça va", "Summary: “quoted” — café", *lines])
    check(text.encode("cp1252"), text)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    folder = Path(tempfile.mkdtemp(prefix="studio-import-"))
    try:
        fic = folder / "fic.txt"
        fic.write_bytes(data)
        dest = folder / "story"
        try:
            plan, project = import_fic([fic], dest)
        except StudioError:
            assert not dest.exists()
            return
        if text is not None:
            assert_no_word_lost(plan, project, text.removeprefix("\ufeff"))
    finally:
        shutil.rmtree(folder)


PARAGRAPHS = st.one_of(
    PHRASE.map(lambda t: f"<p>{html.escape(t)}</p>"),
    st.text(max_size=30).map(lambda t: f"<p>{html.escape(t)}</p>"),
    st.lists(PHRASE, min_size=2, max_size=4).map(
        lambda lines: "<p><em>" + "<br/>".join(map(html.escape, lines)) + "</em></p>"
    ),
    st.builds(lambda a, b: f"<p>— “{html.escape(a)}”, {html.escape(b)}</p>", PHRASE, PHRASE),
    st.just("<hr/>"),
    PHRASE.map(lambda t: f"<p>A/N: {html.escape(t)}</p>"),
    PHRASE.map(lambda t: f"<blockquote><p>{html.escape(t)}</p></blockquote>"),
    PHRASE.map(lambda t: f"<div>{html.escape(t)}</div> {html.escape(t)}"),
)
SKELETON = (SOURCES_DIR / "ao3-download.html").read_text(encoding="utf-8")


@settings(max_examples=40, deadline=None)
@given(st.lists(PARAGRAPHS, max_size=12), st.lists(PARAGRAPHS, max_size=6), PHRASE)
@example(["<p>0*0</p>"], [], "the")  # a literal asterisk, escaped in the chapter
def test_ao3_download_with_random_text(body: list[str], notes: list[str], title: str) -> None:
    """The fixture's layout with random chapter text, notes and heading."""
    page = SKELETON.replace("Both Ends", html.escape(title))
    start = page.index('<div class="userstuff">', page.index("Chapter 2"))
    end = page.index("</div>", start)
    page = page[:start] + '<div class="userstuff">' + "".join(body) + page[end:]
    page = page.replace("<p>Twenty years later.</p>", "".join(notes))
    data = page.encode("utf-8")
    folder = Path(tempfile.mkdtemp(prefix="studio-import-"))
    try:
        fic = folder / "work.html"
        fic.write_bytes(data)
        try:
            plan, project = import_fic([fic], folder / "story")
        except StudioError:
            assert not (folder / "story").exists()
            return
        assert_no_word_lost(plan, project, html_text(page))
    finally:
        shutil.rmtree(folder)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINES, max_size=15), min_size=2, max_size=3))
def test_chapter_files_with_random_text(files: list[list[str]]) -> None:
    try:
        texts = ["\n".join(lines) for lines in files]
        data = [text.encode("utf-8") for text in texts]
    except UnicodeEncodeError:  # lone surrogates cannot be written to a file
        return
    folder = Path(tempfile.mkdtemp(prefix="studio-import-"))
    try:
        paths = []
        for number, content in enumerate(data, start=1):
            path = folder / f"{number:02d}.txt"
            path.write_bytes(content)
            paths.append(path)
        try:
            plan, project = import_fic(paths, folder / "story")
        except StudioError:
            assert not (folder / "story").exists()
            return
        assert_no_word_lost(plan, project, "\n".join(texts))
    finally:
        shutil.rmtree(folder)


TAGS = ["div", "p", "b", "i", "em", "span", "blockquote", "ul", "li", "h2", "a", "table", "td"]
SOUP = st.lists(
    st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.just("<br>"),
        st.just("<hr>"),
        # Spaces round the words: whether a stray "</div>" between two letters splits a
        # word is for browsers to argue (they join them); the test is about structure.
        PHRASE.map(lambda t: f" {html.escape(t)} "),
    ),
    max_size=400,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SOUP)
def test_tag_soup(parts: list[str]) -> None:
    """Unclosed, crossed and deeply nested tags (lxml's recovery): the page imports with
    no word lost, or is refused with StudioError; never a traceback."""
    page = "<html><body>" + "".join(parts) + "</body></html>"
    folder = Path(tempfile.mkdtemp(prefix="studio-import-"))
    try:
        fic = folder / "soup.html"
        fic.write_text(page, encoding="utf-8")
        try:
            plan, project = import_fic([fic], folder / "story")
        except StudioError:
            assert not (folder / "story").exists()
            return
        assert_no_word_lost(plan, project, html_text(page))
    finally:
        shutil.rmtree(folder)
