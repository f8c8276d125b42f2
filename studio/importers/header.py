"""The header of labelled fields at the top of a fic file: Title, Author, Rating…

A header is a run of paragraphs at the very start of the file, each starting with
a label ("Summary:", "Summery:", "Pairing:"); a field runs over following lines
until the next label. It ends at the first paragraph that does not start with a
label, at a chapter heading, or at a row of symbols.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studio.importers.patterns import chapter_heading, is_scene_break

# Label (as written, lower case, without the colon) → the story.toml field it fills.
# "notes" collects every kind of note; "other" keeps the line as written in the notes.
FIELD_LABELS: dict[str, str] = {
    "title": "title",
    "story title": "title",
    "fic title": "title",
    "author": "authors",
    "authors": "authors",
    "author name": "authors",
    "by": "authors",
    "written by": "authors",
    "writer": "authors",
    "pen name": "authors",
    "rating": "rating",
    "rated": "rating",
    "summary": "summary",
    "summery": "summary",
    "sumary": "summary",
    "summary/description": "summary",
    "description": "summary",
    "spoilers": "spoilers",
    "spoiler": "spoilers",
    "spoiler warning": "spoilers",
    "disclaimer": "disclaimer",
    "disclaimers": "disclaimer",
    "pairing": "relationships",
    "pairings": "relationships",
    "relationship": "relationships",
    "relationships": "relationships",
    "ship": "relationships",
    "ships": "relationships",
    "characters": "characters",
    "character": "characters",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "category": "categories",
    "categories": "categories",
    "warnings": "warnings",
    "warning": "warnings",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "genre": "tags",
    "genres": "tags",
    "tags": "tags",
    "additional tags": "tags",
    "note": "notes",
    "notes": "notes",
    "a/n": "notes",
    "an": "notes",
    "author's note": "notes",
    "authors note": "notes",
    "author's notes": "notes",
    "authors notes": "notes",
    "author note": "notes",
    "song": "notes",
    "songs": "notes",
    "lyrics": "notes",
    "music": "notes",
    "soundtrack": "notes",
}
# Labels whose values are lists, and how their items are separated.
LIST_SPLIT = re.compile(r"\s*[,;]\s*|\s+&\s+(?=\S+/)")
# Any short label: "Beta:", "Word count:", "Dedication:". Unknown labels are kept in the notes.
_LABEL = re.compile(r"^\s*[*_]*(?P<label>[A-Za-z][A-Za-z/'’ .-]{0,28}?)[*_]*\s*:[*_]*(?:\s+|$)")


@dataclass(slots=True)
class HeaderField:
    label: str  # as written, with its colon: "Summery:"
    key: str  # a story.toml field, "notes", or "other" for an unknown label
    lines: list[str]
    line: int  # 1-based line of the label

    @property
    def value(self) -> str:
        return "\n".join(self.lines).strip()


def label_of(line: str) -> tuple[str, str, str] | None:
    """(label as written, field key, rest of the line) for a header label line."""
    match = _LABEL.match(line)
    if not match:
        return None
    name = re.sub(r"\s+", " ", match.group("label").strip()).lower().replace("’", "'")
    if len(name.split()) > 3:
        return None
    key = FIELD_LABELS.get(name, "other")
    return match.group(0).strip(), key, line[match.end() :]


# Fields of one line: the next line without a label is not more of them.
_ONE_LINE = {"title", "authors", "rating"}
_BY = re.compile(r"^\s*(?P<label>by|written by)\s+(?P<rest>\S.{0,60})$", re.IGNORECASE)


def parse_header(lines: list[str]) -> tuple[list[HeaderField], int]:
    """The header's fields and the index of the first line after the header."""
    i = _skip_blank(lines, 0)
    if i >= len(lines):
        return [], 0
    first = label_of(lines[i])
    if first is None or first[1] == "other":
        return _unlabelled_title(lines, i)
    return _labelled(lines, i, [])


def _labelled(lines: list[str], i: int, fields: list[HeaderField]) -> tuple[list[HeaderField], int]:
    end = i
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if chapter_heading(line) or is_scene_break(line):
            break
        found = label_of(line)
        if found is not None and (found[1] != "other" or fields):
            label, key, rest = found
            fields.append(HeaderField(label, key, [rest], i + 1))
        elif (
            fields
            and fields[-1].key not in _ONE_LINE
            and (lines[i - 1].strip() or _more_labels_follow(lines, i))
        ):
            if not lines[i - 1].strip() and fields[-1].value:
                fields[-1].lines.append("")  # a new paragraph of the same field
            fields[-1].lines.append(line)  # the field runs on, maybe over a blank line
        else:
            break
        i += 1
        end = i
    return fields, end


def _unlabelled_title(lines: list[str], i: int) -> tuple[list[HeaderField], int]:
    """A title line (and a "by Author" line) above a header of labels:

    Paper Lanterns
    by wrenfield

    Rating: PG
    """
    block: list[int] = []
    j = i
    while j < len(lines) and lines[j].strip() and len(block) < 3:
        block.append(j)
        j += 1
    k = _skip_blank(lines, j)
    if not 1 <= len(block) <= 2 or k >= len(lines) or k == j:
        return [], 0
    following = label_of(lines[k])
    if following is None or following[1] in ("other", "title"):
        return [], 0
    title = lines[block[0]].strip()
    if len(title) > 100 or chapter_heading(title) or is_scene_break(title):
        return [], 0
    fields = [HeaderField("", "title", [title], block[0] + 1)]
    if len(block) == 2:
        by = _BY.match(lines[block[1]])
        if by is None:
            return [], 0
        fields.append(HeaderField(by["label"], "authors", [by["rest"]], block[1] + 1))
    return _labelled(lines, k, fields)


def _more_labels_follow(lines: list[str], start: int) -> bool:
    """A paragraph after a blank line stays in the header if a label starts one of the
    next three paragraphs (a summary of several paragraphs); else the prose has begun."""
    paragraphs = 0
    previous_blank = True
    for line in lines[start:]:
        if not line.strip():
            previous_blank = True
            continue
        if previous_blank:
            paragraphs += 1
            if paragraphs > 4 or chapter_heading(line) or is_scene_break(line):
                return False
            found = label_of(line)
            if paragraphs > 1 and found is not None and found[1] != "other":
                return True
        previous_blank = False
    return False


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i
