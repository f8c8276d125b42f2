"""Which character of a chapter file each character of an exported paragraph came from.

A DOCX paragraph shows the chapter's words without their Markdown (`*Hold* it` is shown
as "Hold it", a soft line break as a space). To put a comment or a tracked change on the
right words in Word, and to bring an editor's changes back onto the right characters of
the file, every shown character is mapped to its offset in the file. The shown text is,
character for character, a subsequence of the source (marks, link targets and escapes
are only ever removed), so a greedy left-to-right match finds the map in linear time;
a soft line break matches the newline it replaced, and a character the source does not
hold (an entity such as `&mdash;`) maps to where the search stands.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from studio.export.parts import clean

_CLEANED = re.compile("\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_offsets(raw: str) -> list[int] | None:
    """For each character of `clean(raw)` its offset in `raw`; None when they are equal
    (the usual case: a chapter saved by Studio has no CR and no control characters)."""
    if clean(raw) == raw:
        return None
    offsets: list[int] = []
    at = 0
    for match in _CLEANED.finditer(raw):
        offsets.extend(range(at, match.start()))
        if match.group() == "\r\n":
            offsets.append(match.start() + 1)  # the LF is kept, the CR dropped
        elif match.group() == "\r":
            offsets.append(match.start())  # a lone CR becomes an LF in place
        at = match.end()
    offsets.extend(range(at, len(raw)))
    return offsets


def align(shown: str, source: str, start: int, end: int) -> list[int]:
    """The offset in `source[start:end]` of each character of `shown`."""
    if source.startswith(shown, start, end):  # no marks, no line breaks: most prose
        return list(range(start, start + len(shown)))
    offsets: list[int] = []
    at = start
    for ch in shown:
        found = source.find(ch, at, end)
        if ch in " \n":
            other = source.find("\n" if ch == " " else " ", at, end)
            if ch == " " and other != -1 and (found == -1 or other < found):
                found = other
        if found == -1:
            offsets.append(min(at, max(start, end - 1)))
            continue
        offsets.append(found)
        at = found + 1
    return offsets


@dataclass(slots=True)
class ShownParagraph:
    """One exported paragraph of a chapter: its shown text and where each character is
    in the chapter file (`offsets`, one per character, never decreasing)."""

    text: str
    offsets: list[int]

    @property
    def first(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        """The file offset just after the paragraph's last shown character."""
        return self.offsets[-1] + 1 if self.offsets else 0

    def shown_at(self, offset: int) -> int:
        """The shown position of a file offset: before the first character at or after it."""
        return bisect_left(self.offsets, offset)

    def source_at(self, position: int, side: str = "start") -> int:
        """The file offset of a shown position. A range starts on its first character
        ("start"); it ends, and a point sits, just after the character before it
        ("end", "point"), so Markdown marks between two shown characters (`*` before an
        italic word) stay outside the range and a point lands before them."""
        if not self.offsets:
            return 0
        if side != "start" and position > 0:
            return self.offsets[min(position, len(self.offsets)) - 1] + 1
        if position >= len(self.offsets):
            return self.end
        return self.offsets[max(0, position)]
