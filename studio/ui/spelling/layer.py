"""The red wavy underline under unknown words: a layer of the chapter highlighter.

`formats()` runs inside `highlightBlock`, while the author types, so it only tokenizes
the block (one compiled regex) and looks its words up in the session's verdicts. Words
not known yet are queued for the worker thread and the block is marked *stale*; when
verdicts arrive, or the editor scrolls, only the stale blocks on screen are
rehighlighted. So typing never waits on Enchant, and a 50,000-word chapter costs a
screenful of rehighlighting, not the whole chapter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from studio.spelling import line_tokens
from studio.ui.spelling.session import SpellingSession

UNDERLINE = QColor("#e0443e")
_NOT_CHECKED = re.compile(r"^\s*(?::{3,}|`{3,}|~{3,})")  # fence lines


def misspelt_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(UNDERLINE)
    return fmt


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Python string index → Qt (UTF-16) position in `text`."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda index: index
    return lambda index: len(text[:index].encode("utf-16-le")) // 2


class SpellLayer(QObject):
    """Underlines for one chapter document (shared by the panes that show it)."""

    def __init__(
        self,
        document: QTextDocument,
        highlighter: QSyntaxHighlighter,
        session: SpellingSession,
        editors: Callable[[], Sequence[QPlainTextEdit]],
    ) -> None:
        super().__init__(document)
        self.document = document
        self.highlighter = highlighter
        self.session = session
        self.editors = editors
        self.stale: set[int] = set()
        self._format = misspelt_format()
        session.updated.connect(self.refresh_visible)
        session.words_changed.connect(self.refresh_all)

    def formats(self, text: str, block_number: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        if not self.session.enabled or not text or _NOT_CHECKED.match(text):
            self.stale.discard(block_number)
            return []
        verdict = self.session.verdict
        runs, waiting = [], False
        position = utf16_offsets(text)
        for token in line_tokens(text, block_number):
            ok = verdict(token.word)
            if ok is None:
                waiting = True
            elif not ok:
                start = position(token.start)
                runs.append((start, position(token.end) - start, self._format))
        if waiting:
            self.stale.add(block_number)
        else:
            self.stale.discard(block_number)
        return runs

    def refresh_visible(self) -> None:
        """Rehighlight the stale blocks on screen in any editor showing this document."""
        if not self.stale:
            return
        for editor in self.editors():
            first, last = _visible_range(editor)
            for number in sorted(n for n in self.stale if first <= n <= last):
                block = self.document.findBlockByNumber(number)
                if block.isValid():
                    self.highlighter.rehighlightBlock(block)

    def refresh_all(self) -> None:
        """Every block may read differently now: mark all stale, repaint what shows."""
        self.stale = set(range(self.document.blockCount()))
        self.refresh_visible()


def _visible_range(editor: QPlainTextEdit) -> tuple[int, int]:
    visible = getattr(editor, "visible_block_range", None)
    if callable(visible):
        first, last = visible()
        return int(first), int(last)
    block = editor.firstVisibleBlock()
    return block.blockNumber(), block.blockNumber() + 100
