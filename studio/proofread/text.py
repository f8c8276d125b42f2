"""A chapter's text prepared once for spelling and every proofreading rule."""

from __future__ import annotations

from functools import cached_property

from studio.spelling.text import TextLines

CONTEXT = 20


class ChapterText(TextLines):
    """A chapter (or any text) as the proofreader sees it: lines, prose, paragraphs.

    `grammar` False (a tag) means spelling only: no rules, no grammar engine.
    """

    grammar = True

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(first line, end line exclusive) of each run of non-blank prose lines."""
        result, start = [], None
        for number, (line, is_prose) in enumerate(zip(self.lines, self.prose, strict=True)):
            if is_prose and line.strip():
                if start is None:
                    start = number
            elif start is not None:
                result.append((start, number))
                start = None
        if start is not None:
            result.append((start, len(self.lines)))
        return result
