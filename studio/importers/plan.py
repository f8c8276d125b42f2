"""What the importer found in the input: the plan it writes as a project.

The plan is plain data so that the command line can print it (`--json`), the
window can show it before anything is written, and tests can check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.story.blocks import lyrics_fence
from studio.story.words import WORD, count_words

# Work fields that are lists in story.toml; every other work field is text.
LIST_FIELDS = (
    "authors",
    "fandoms",
    "warnings",
    "categories",
    "relationships",
    "characters",
    "tags",
    "collections",
)


@dataclass(slots=True)
class Unsure:
    """Something the importer decided without being sure: the author should look."""

    message: str
    file: str = ""
    line: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.message}

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True, slots=True)
class Consumed:
    """Input text that became structure rather than text: a label, a heading, a break.

    Kept so that the no-word-lost check can account for every word of the input.
    `kind` is one of: label, heading, scene_break, attribution, boilerplate.
    """

    kind: str
    text: str
    file: str = ""
    line: int | None = None


@dataclass(slots=True)
class LyricsBlock:
    """A lyrics block found in a chapter; its song is settled once the whole fic is read."""

    lines: list[str]
    file: str
    line: int
    attribution: tuple[str, str] | None = None  # (title, artist) from the line below it
    song: str = ""
    raw: list[str] = field(default_factory=list)  # the lines as written, for a revert
    # Plain short lines not yet known to be lyrics: how to put them back if they are
    # not ("breaks": one paragraph with line breaks; "paragraphs": one a line); "" = lyrics.
    plain: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(_normal(line) for line in self.lines if line.strip())


@dataclass(slots=True)
class PlannedSong:
    id: str
    title: str
    artist: str
    source: str  # "attribution", "header note" or "none"


@dataclass(slots=True)
class PlannedChapter:
    title: str = ""
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    # The chapter as Markdown pieces; a LyricsBlock is rendered once its song is known.
    parts: list[str | LyricsBlock] = field(default_factory=list)
    file: str = ""
    line: int = 1
    heading_number: int | None = None  # the number in "Chapter 3", to check the order

    def markdown(self) -> str:
        pieces: list[str] = []
        for part in self.parts:
            if isinstance(part, LyricsBlock):
                body = "\n".join(part.lines).strip("\n")
                pieces.append(f"{lyrics_fence(part.song)}\n{body}\n:::")
            else:
                pieces.append(part)
        return "\n\n".join(pieces) + "\n" if pieces else ""

    @property
    def lyrics_blocks(self) -> list[LyricsBlock]:
        return [p for p in self.parts if isinstance(p, LyricsBlock)]

    @property
    def scene_breaks(self) -> int:
        return sum(1 for p in self.parts if p == "* * *")

    def words(self) -> int:
        total = 0
        for part in self.parts:
            total += count_words("\n".join(part.lines) if isinstance(part, LyricsBlock) else part)
        return total


@dataclass(frozen=True, slots=True)
class SourceInfo:
    file: str
    kind: str  # "text", "ao3-html", "ao3-epub"
    encoding: str
    bom: bool
    line_ends: str


@dataclass(slots=True)
class ImportPlan:
    work: dict[str, str | list[str]] = field(default_factory=dict)
    chapters: list[PlannedChapter] = field(default_factory=list)
    songs: dict[str, PlannedSong] = field(default_factory=dict)
    sources: list[SourceInfo] = field(default_factory=list)
    unsure: list[Unsure] = field(default_factory=list)
    consumed: list[Consumed] = field(default_factory=list)
    # `[lyrics] credit` for story.toml: "block", "notes" or "both" (see studio.lyrics.credit)
    lyrics_credit: str = ""
    # A Studio bundle is unpacked as it is, not written from this plan.
    bundle: Path | None = None
    # `[spelling] dictionary`: the language's, and for English the dialect spelled.
    dictionary: str = ""
    dialect_evidence: tuple[str, ...] = ()
    # (series name, part number) pairs from an AO3 download's "Series:" line.
    series: list[tuple[str, int]] = field(default_factory=list)
    # Where `--force` moved what DEST held before (nothing is deleted), once written.
    backup: Path | None = None

    def set_backup(self, path: Path) -> None:
        self.backup = path

    def add_text(self, key: str, value: str) -> None:
        """Add to a text field, keeping what is there (two notes become two paragraphs)."""
        value = value.strip()
        if not value:
            return
        old = str(self.work.get(key, ""))
        self.work[key] = f"{old}\n\n{value}" if old else value

    def add_items(self, key: str, values: list[str]) -> None:
        old = self.work.get(key, [])
        items = list(old) if isinstance(old, list) else []
        items.extend(v for v in values if v.strip())
        self.work[key] = items

    def as_json(self, destination: Path | None = None) -> dict[str, Any]:
        return {
            "destination": str(destination) if destination else None,
            "sources": [
                {
                    "file": s.file,
                    "kind": s.kind,
                    "encoding": s.encoding,
                    "bom": s.bom,
                    "line_ends": s.line_ends,
                }
                for s in self.sources
            ],
            "work": dict(self.work),
            "series": [{"name": name, "part": part} for name, part in self.series],
            "chapters": [
                {
                    "number": n,
                    "title": c.title,
                    "words": c.words(),
                    "summary": c.summary,
                    "notes": c.notes,
                    "end_notes": c.end_notes,
                    "scene_breaks": c.scene_breaks,
                    "lyrics_blocks": len(c.lyrics_blocks),
                    "source": {"file": c.file, "line": c.line},
                }
                for n, c in enumerate(self.chapters, start=1)
            ],
            "songs": [
                {"id": s.id, "title": s.title, "artist": s.artist, "credited_by": s.source}
                for s in self.songs.values()
            ],
            "blocks": [
                {
                    "chapter": n,
                    "song": b.song,
                    "lines": len([line for line in b.lines if line.strip()]),
                    "words": count_words("\n".join(b.lines)),
                    "source": {"file": b.file, "line": b.line},
                }
                for n, c in enumerate(self.chapters, start=1)
                for b in c.lyrics_blocks
            ],
            "dictionary": self.dictionary or None,
            "dialect_evidence": list(self.dialect_evidence),
            "lyrics_credit": self.lyrics_credit or None,
            "backup": str(self.backup) if self.backup else None,
            "unsure": [u.as_json() for u in self.unsure],
        }


def _normal(line: str) -> str:
    """A verse line reduced to its words, for telling a repeated refrain."""
    return " ".join(m.group(0).casefold() for m in WORD.finditer(line))
