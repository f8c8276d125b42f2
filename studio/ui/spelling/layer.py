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
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from studio.spelling.tokens import TOKEN
from studio.story.lines import UNCHECKED_KINDS, kind_of
from studio.ui.editor.highlighter import HUGE_BLOCK, ChapterHighlighter
from studio.ui.editor.pieces import LONG_BLOCK, pieces, pieces_within
from studio.ui.spelling.session import SpellingSession

UNDERLINE = QColor("#e0443e")
_PIECES_KEPT = 20_000  # pieces of long blocks whose underlines are kept
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


@lru_cache(maxsize=4096)
def word_places(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each distinct word of a block (or of a piece of a long one) and where it stands
    (Python indices).

    Cached by text: a block is highlighted again whenever verdicts arrive, and a long
    paragraph is then looked up once per distinct word, not tokenized again (room for
    the pieces of a paragraph of a million characters).
    The result is shared: callers only read it.
    """
    places: dict[str, list[tuple[int, int]]] = {}
    for match in TOKEN.finditer(text):  # line_tokens' scan, without a Token per word
        word = match.group(1)
        if word:
            places.setdefault(word, []).append(match.span(1))
    return places


def misspelt_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(UNDERLINE)
    return fmt


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Python string index → Qt (UTF-16) position in `text`.

    Each character beyond the BMP (an emoji) takes two UTF-16 units: the position is
    the index plus how many of them come before it, found by binary search, so a
    block of a million characters costs no more per word than a short one.
    """
    if text.isascii():
        return lambda index: index
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return lambda index: index
    return lambda index: index + bisect_left(astral, index)


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
        self.typing_word = False  # the last key typed a letter: a word is being typed
        self._typed_block: int | None = None
        self._format = misspelt_format()
        # Underlines of the pieces of very long blocks, by piece text (see _long_formats).
        self._pieces: dict[str, tuple[tuple[int, int], ...]] = {}
        session.updated.connect(self.refresh_visible)
        session.words_changed.connect(self.refresh_all)

    def formats(self, text: str, block_number: int) -> Iterable[tuple[int, int, QTextCharFormat]]:
        block = self.document.findBlockByNumber(block_number)
        unchecked = kind_of(block.userState()) in UNCHECKED_KINDS  # as the highlighter read it
        if not self.session.enabled or not text or unchecked:
            self.stale.discard(block_number)
            return []
        if len(text) > LONG_BLOCK:
            return self._long_formats(text, block_number)
        verdict = self.session.verdict
        runs, waiting = [], False
        position = utf16_offsets(text)
        typing = self._typing_column(block_number)
        self._judged(block_number, typing)
        for word, places in word_places(text).items():
            ok = verdict(word)
            if ok is None:
                waiting = True
                continue
            if ok:
                continue
            for token_start, token_end in places:
                start, end = position(token_start), position(token_end)
                if end == typing:  # the word being typed is judged once it is left
                    self._typed_block = block_number
                else:
                    runs.append((start, end - start, self._format))
        runs.sort(key=lambda run: run[0])
        if waiting:
            self.stale.add(block_number)
        else:
            self.stale.discard(block_number)
        return runs

    def _long_formats(self, text: str, block_number: int) -> list[tuple[int, int, QTextCharFormat]]:
        """`formats` of a very long block, piece by piece (`studio.ui.editor.pieces`).

        A piece whose every word has its verdict keeps its underlines in a cache by
        its text, so a keystroke looks up the words of one piece, not of the block.
        Of a huge block only the pieces the highlighter styles now are looked at
        (around what the editors show): the rest waits until it is scrolled to.
        """
        if len(self._pieces) > _PIECES_KEPT:
            self._pieces.clear()
        position = utf16_offsets(text)
        typing = self._typing_column(block_number)
        self._judged(block_number, typing)
        runs: list[tuple[int, int, QTextCharFormat]] = []
        waiting = False
        cut = pieces(text)
        if len(text) > HUGE_BLOCK and isinstance(self.highlighter, ChapterHighlighter):
            cut = pieces_within(text, self.highlighter.current_spans)  # what is styled
        for start, end in cut:
            piece = text[start:end]
            found = self._pieces.get(piece)
            if found is None:
                found, unknown = self._partial_underlines(piece)
                if not unknown:
                    self._pieces[piece] = found
                for word_end in unknown:
                    # The word being typed is judged once it is left (`_judge_typed`):
                    # no need to come back for it sooner, which in a block this long
                    # would lay the whole block out again.
                    if typing is not None and position(start + word_end) == typing:
                        self._typed_block = block_number
                    else:
                        waiting = True
            offset = position(start)
            for at, length in found:
                if offset + at + length == typing:
                    self._typed_block = block_number
                else:
                    runs.append((offset + at, length, self._format))
        if waiting:
            self.stale.add(block_number)
        else:
            self.stale.discard(block_number)
        return runs

    def _partial_underlines(self, piece: str) -> tuple[tuple[tuple[int, int], ...], list[int]]:
        """The underlines of the words of `piece` known so far, and where (Python
        index in `piece`) each word still without a verdict ends."""
        verdict = self.session.verdict
        position = utf16_offsets(piece)
        underlines: list[tuple[int, int]] = []
        unknown: list[int] = []
        for word, places in word_places(piece).items():
            ok = verdict(word)
            if ok is None:
                unknown.extend(end for _, end in places)
            elif not ok:
                for token_start, token_end in places:
                    start = position(token_start)
                    underlines.append((start, position(token_end) - start))
        underlines.sort()
        return tuple(underlines), unknown

    # -- the word being typed ------------------------------------------------------------
    # A word is judged once the author leaves it (a space, punctuation, a click, an
    # arrow key), so no red line flickers under a word half typed.

    def key_pressed(self, text: str) -> None:
        """Called (by the feature's event filter) before the editor handles a key."""
        was = self.typing_word
        self.typing_word = bool(text) and all(c.isalpha() or c in "'’" for c in text)
        if was and not self.typing_word:
            QTimer.singleShot(0, self._judge_typed)

    def left_word(self) -> None:
        """The author clicked somewhere: judge the word that was being typed."""
        if self.typing_word:
            self.typing_word = False
            QTimer.singleShot(0, self._judge_typed)

    def _judged(self, block_number: int, typing: int | None) -> None:
        """This pass over the block of the word that was being typed judges it (no word
        is being typed in it now): `_judge_typed` need not highlight it once more. A
        space ends a word and is typed into its block, so every word typed used to
        cost its block two highlighting passes."""
        if typing is None and block_number == self._typed_block:
            self._typed_block = None

    def _judge_typed(self) -> None:
        number, self._typed_block = self._typed_block, None
        block = self.document.findBlockByNumber(number) if number is not None else None
        if block is not None and block.isValid():
            self.highlighter.rehighlightBlock(block)

    def _typing_column(self, block_number: int) -> int | None:
        """Column (UTF-16) of the cursor in this block while a word is being typed."""
        if not self.typing_word:
            return None
        for editor in self.editors():
            cursor = editor.textCursor()
            if cursor.blockNumber() == block_number and not cursor.hasSelection():
                return cursor.positionInBlock()
        return None

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
        self._pieces.clear()
        self.stale = set(range(self.document.blockCount()))
        self.refresh_visible()


def _visible_range(editor: QPlainTextEdit) -> tuple[int, int]:
    visible = getattr(editor, "visible_block_range", None)
    if callable(visible):
        first, last = visible()
        return int(first), int(last)
    block = editor.firstVisibleBlock()
    return block.blockNumber(), block.blockNumber() + 100
