"""Word accounting for the importer's tests: every word of the input must be in the project.

The input's words are read here independently of the importer (the fixture's known
encoding; HTML text with the standard library). The project's words are read from
what was written: story.toml fields, chapter files (without the lyrics fence lines),
song entries. Words the importer turned into structure are in `plan.consumed`; each
consumed item is accepted only if it matches this file's own idea of a label, a
heading, a row of symbols, an attribution that a song entry now holds, or AO3's own
boilerplate, so a dropped sentence can never hide behind a "label".
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import langcodes

from studio.importers.plan import ImportPlan
from studio.story import Project
from studio.story.words import WORD

# Header and note labels (lower case, punctuation and spaces squeezed out).
LABELS = {
    "title", "storytitle", "fictitle", "author", "authors", "authorname", "by", "writtenby",
    "writer", "penname", "rating", "rated", "summary", "summery", "sumary",
    "summarydescription", "description", "spoilers", "spoiler", "spoilerwarning",
    "disclaimer", "disclaimers", "pairing", "pairings", "relationship", "relationships",
    "ship", "ships", "characters", "character", "fandom", "fandoms", "category",
    "categories", "warnings", "warning", "archivewarning", "archivewarnings", "genre",
    "genres", "tags", "additionaltags", "note", "notes", "an", "authorsnote",
    "authorsnotes", "authornote", "song", "songs", "lyrics", "music", "soundtrack",
    "language", "stats", "series", "collections", "collection", "chapternotes",
    "chaptersummary", "chapterendnotes", "endnotes", "packaged", "publisher", "words",
    "chapters", "published", "updated", "completed", "status",
}  # fmt: skip
NUMBER = (
    r"(?:\d+|[ivxlc]+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    r"|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
HEADING = re.compile(rf"^\W*(?:chapter|chap|ch|part|book)\W+{NUMBER}\W*$", re.I)
SCENE_BREAK = re.compile(r"^[\W_xXoO0]*$")
NO_WARNINGS = re.compile(r"^(?:none|no warnings?|n/?a|nothing)\.?$", re.I)
AO3_BOILERPLATE = [
    re.compile(r"^Posted originally on the Archive of Our Own at https?://\S+ ?\.$"),
    re.compile(r"^by$"),
    re.compile(r"^Afterword$"),
    re.compile(r"^\(?See the end of the (?:work|chapter) for more notes\.?\)?\.?$"),
    re.compile(
        r"^Please drop by the archive and comment to let the creator know if you enjoyed"
        r" their work!$",
        re.I,
    ),
    re.compile(
        r"^(?:Published|Updated|Completed|Words|Chapters|Comments|Kudos|Hits|"
        r"Bookmarks|:|\s|[\d,/?-])+$"
    ),
    re.compile(r"^(?:Preface|Afterword)$"),
    re.compile(r"^Part \d+ of$"),
    re.compile(r"^Table of Contents$"),
    re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$"),  # FanFicFare's publisher: the site
    re.compile(r"^\[\d+\]$"),  # a series part, "[4]"
]


_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
# A Markdown backslash escape: "0\*0" in a chapter is the text "0*0".
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def words(text: str, *, markdown: bool = False) -> Counter[str]:
    """The words of a text; a Markdown link counts its text, not its address (which
    was an attribute in the input, not text), and asterisks split no word, whether
    emphasis ("the**the**" is the one word "thethe", half of it bold) or a literal
    asterisk the chapter escapes ("0\\*0" is the input's "0*0": both are "00")."""
    text = _LINK.sub(r"\1", text)
    if markdown:
        text = _ESCAPE.sub(r"\1", text)
    return Counter(m.group(0) for m in WORD.finditer(text.replace("*", "")))


# -- the input -----------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("title", "style", "script"):
            self.skip += 1
        elif tag in ("br", "p", "div", "hr", "dd", "dt"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "style", "script"):
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as epub:
        container = ElementTree.fromstring(epub.read("META-INF/container.xml"))
        opf_name = next(e.get("full-path") for e in container.iter() if e.get("full-path"))
        assert opf_name
        opf = ElementTree.fromstring(epub.read(opf_name))
        hrefs = {e.get("id"): e.get("href") for e in opf.iter() if e.tag.endswith("}item")}
        spine = [hrefs[e.get("idref")] for e in opf.iter() if e.tag.endswith("}itemref")]
        base = posixpath.dirname(opf_name)
        return " ".join(
            html_text(epub.read(posixpath.join(base, str(href))).decode("utf-8")) for href in spine
        )


def input_text(path: Path, encoding: str = "utf-8") -> str:
    if path.suffix == ".epub":
        return epub_text(path)
    text = path.read_bytes().decode(encoding)
    return html_text(text) if path.suffix == ".html" else text


# -- the project ---------------------------------------------------------------------

# Fields the importer fills from the input's own words (anything else is derived:
# the archive's rating name, "No Archive Warnings Apply", the language code, a status).
TEXT_FIELDS = (
    "title", "authors", "fandoms", "source_rating", "categories", "relationships",
    "characters", "tags", "summary", "spoilers", "disclaimer", "notes", "end_notes",
)  # fmt: skip


def project_words(project: Project) -> tuple[Counter[str], Counter[str]]:
    """(words from the author's text, words Studio derived: rating names, song entries)."""
    text: Counter[str] = Counter()
    derived: Counter[str] = Counter()
    work = project.doc["work"]
    for key, value in work.items():
        target = text if key in TEXT_FIELDS else derived
        values = value if isinstance(value, list) else [value]
        for item in values:
            target.update(words(str(item)))
    for chapter in project.chapters:
        for part in (chapter.title, chapter.summary, chapter.notes, chapter.end_notes):
            text.update(words(part))
        body = project.read_chapter(chapter)
        prose = "\n".join(line for line in body.split("\n") if not line.startswith(":::"))
        text.update(words(prose, markdown=True))
    for song in project.songs.values():
        derived.update(words(song.title))
        derived.update(words(song.artist))
    return text, derived


# -- the check -----------------------------------------------------------------------


def consumed_words(plan: ImportPlan, project: Project) -> Counter[str]:
    """Words of what the importer consumed, after checking each item is what it claims."""
    songs = Counter[str]()
    for song in project.songs.values():
        songs.update(words(f"{song.title} {song.artist}"))
    text, _derived = project_words(project)
    total: Counter[str] = Counter()
    for item in plan.consumed:
        found = words(item.text)
        squeezed = re.sub(r"[\W_]+", "", item.text).casefold()
        if item.kind == "label":
            assert squeezed in LABELS or squeezed.rstrip("s") in LABELS, item
        elif item.kind == "heading":
            assert HEADING.match(item.text), item
        elif item.kind == "scene_break":
            assert SCENE_BREAK.match(item.text), item
        elif item.kind == "attribution":
            held = found - Counter({"by": found["by"], "from": found["from"]})
            assert not held - songs, (item, "attribution words not in any song entry")
        elif item.kind == "repeat":
            assert not found - text, (item, "a repeated field whose value is not kept")
        elif item.kind == "language":
            assert langcodes.find(item.text).is_valid(), item
        elif item.kind == "status":
            assert item.text.casefold() in ("completed", "complete", "in-progress"), item
        elif item.kind == "toc":
            # A table of contents: chapter titles the project holds, and their labels.
            left = [
                w for w in found - text if not re.fullmatch(r"Chapter|Preface|Afterword|\d+", w)
            ]
            assert not left, (item, "a table of contents with words no chapter has")
        elif item.kind == "value":
            assert NO_WARNINGS.match(item.text), item
        elif item.kind == "boilerplate":
            assert any(p.match(item.text) for p in AO3_BOILERPLATE), item
        else:
            raise AssertionError(f"unknown kind of consumed text: {item}")
        total.update(found)
    return total


def assert_no_word_lost(plan: ImportPlan, project: Project, source_text: str) -> None:
    """Every input word is in the project or in a checked label; no prose word is invented."""
    given = words(source_text)
    text, derived = project_words(project)
    missing = given - text - derived
    unexplained = missing - consumed_words(plan, project)
    assert not unexplained, f"words lost on import: {dict(unexplained)}"
    invented = text - given
    if any(u.message.startswith("no title found") for u in plan.unsure):
        invented -= Counter({"Untitled": 1})
    assert not invented, f"words in the project's text that the input did not have: {invented}"
