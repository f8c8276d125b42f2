"""Chapter-text offsets (Python code points, CRLF as on disk) ↔ Qt document positions.

The review core counts code points in the chapter file's text exactly as on disk; the
editor's QTextDocument counts UTF-16 units and keeps one character per line break. Only
characters outside the Basic Multilingual Plane (one code point, two units) and the
`\\r` of a CRLF line end (on disk, not in the document) make the two differ, so a
`Positions` keeps the sorted indices of those few and converts with a bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CRLF = re.compile("\r(?=\n)")


class Positions:
    """Offsets of one version of a chapter text (build a new one after an edit)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self._cr = [m.start() for m in _CRLF.finditer(text)] if "\r" in text else []
        self.identity = not self._astral and not self._cr

    def to_qt(self, index: int) -> int:
        """The document position of chapter-text index `index`."""
        if self.identity:
            return index
        return index + bisect_left(self._astral, index) - bisect_left(self._cr, index)

    def to_py(self, position: int) -> int:
        """The chapter-text index of document position `position` (the first index there)."""
        if self.identity:
            return min(position, self.length)
        low, high = 0, self.length
        while low < high:
            middle = (low + high) // 2
            if self.to_qt(middle) < position:
                low = middle + 1
            else:
                high = middle
        return low
