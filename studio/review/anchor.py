"""Where a comment or suggestion sits: a W3C Web Annotation text-quote selector.

An anchor holds the quoted text (`exact`) with up to CONTEXT characters on either side
(`prefix`, `suffix`) and a position hint (`start`, a character offset in the chapter
file). Offsets are Python string indices (code points) into the chapter's text exactly
as on disk. The quote, not the offset, is the truth: after the chapter was changed in
another editor, `locate` finds the quote again, and when even a fuzzy search cannot, the
anchor is *detached*: still listed, with its quoted text, never dropped.

While Studio itself edits the text, `shift` moves anchors with each edit, as a text
cursor moves, so they need no search at all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher

CONTEXT = 32
"""Characters of context kept on each side: enough to tell repeated phrases apart."""

_FUZZY_RATIO = 0.5
"""How alike a rewritten quote must still be to its old words to stay anchored."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """A range `[start, start + len(exact))` of a chapter, found again by its quote."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    detached: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.exact)

    @property
    def is_point(self) -> bool:
        """A point anchor (an insertion, a comment on a caret) quotes nothing."""
        return not self.exact


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of `text[start:end]`, with its context."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range {start}..{end} is outside a text of {len(text)} characters")
    return Anchor(
        text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start
    )


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to a text: `removed` characters at `start` replaced by `inserted` ones."""

    start: int
    removed: int
    inserted: int

    @property
    def delta(self) -> int:
        return self.inserted - self.removed


def shift(anchor: Anchor, edit: Edit, new_text: str) -> Anchor:
    """The anchor after `edit` made `new_text`, moved the way a text cursor would move.

    An edit before the range moves it; an edit inside it grows or shrinks it; text typed
    at either edge stays outside it; an edit that removes all of it detaches it (the
    quote is kept). The context is refreshed from the new text.
    """
    if anchor.detached:
        return anchor
    a, b, n = edit.start, edit.start + edit.removed, edit.inserted

    def moved_start(x: int) -> int:
        if x < a:
            return x
        return x + edit.delta if x >= b else a + n

    def moved_end(x: int) -> int:
        if x <= a:
            return x
        return x + edit.delta if x >= b else a

    start = moved_start(anchor.start)
    if anchor.is_point:
        return make_anchor(new_text, start, start)
    end = moved_end(anchor.end)
    if end <= start:
        return replace(anchor, detached=True)
    return make_anchor(new_text, start, end)


def locate(anchor: Anchor, text: str) -> Anchor:
    """The anchor found in `text` (moved, or with a rewritten quote), or detached."""
    if anchor.detached:
        return anchor
    unmoved = text[anchor.start : anchor.end] == anchor.exact
    if unmoved and _context_fits(anchor, text, anchor.start):
        return make_anchor(text, anchor.start, anchor.end)  # nothing moved: the common case
    found = _exact_match(anchor, text) if anchor.exact else _point_match(anchor, text)
    if found is None and anchor.exact:
        found = _fuzzy_match(anchor, text)
    if found is None:
        return replace(anchor, detached=True)
    return make_anchor(text, *found)


def refind(anchor: Anchor, text: str) -> Anchor:
    """`locate`, and a detached anchor put back on its words when they are in `text`
    again exactly as they were, with the whole of their context on both sides (the
    text was replaced as a whole: restored from the journal, the file's version taken).
    Anything less keeps it detached: a comment is never moved onto words that merely
    look like its own."""
    if not anchor.detached:
        return locate(anchor, text)
    if not anchor.exact or not (anchor.prefix or anchor.suffix):
        return anchor
    fitting = [at for at in _occurrences(text, anchor.exact) if _context_fits(anchor, text, at)]
    if not fitting:
        return anchor
    at = min(fitting, key=lambda found: abs(found - anchor.start))
    return make_anchor(text, at, at + len(anchor.exact))


def _context_fits(anchor: Anchor, text: str, start: int) -> bool:
    end = start + len(anchor.exact)
    return text.endswith(anchor.prefix, 0, start) and text.startswith(anchor.suffix, end)


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _context_score(anchor: Anchor, text: str, start: int) -> int:
    """How many characters of context agree around a candidate (the longer, the surer)."""
    end = start + len(anchor.exact)
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(anchor.prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, anchor.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _best(anchor: Anchor, text: str, candidates: list[int]) -> int:
    """The candidate whose context agrees most, the nearest to the hint among equals."""
    return max(
        candidates,
        key=lambda at: (_context_score(anchor, text, at), -abs(at - anchor.start)),
    )


def _exact_match(anchor: Anchor, text: str) -> tuple[int, int] | None:
    candidates = _occurrences(text, anchor.exact)
    if not candidates:
        return None
    at = _best(anchor, text, candidates)
    return at, at + len(anchor.exact)


def _point_match(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """A point is found by its context: both sides together, else the longer side alone."""
    if not anchor.prefix and not anchor.suffix:
        return (min(anchor.start, len(text)),) * 2
    joined = _occurrences(text, anchor.prefix + anchor.suffix)
    if joined:
        at = _best(anchor, text, [j + len(anchor.prefix) for j in joined])
        return at, at
    if len(anchor.prefix) >= len(anchor.suffix) and len(anchor.prefix) >= CONTEXT // 2:
        hits = [j + len(anchor.prefix) for j in _occurrences(text, anchor.prefix)]
    elif len(anchor.suffix) >= CONTEXT // 2:
        hits = _occurrences(text, anchor.suffix)
    else:
        return None
    if not hits:
        return None
    at = min(hits, key=lambda h: abs(h - anchor.start))
    return at, at


def _fuzzy_match(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """The quote was rewritten: find its context on both sides and take what lies
    between, if it still reads like the old words."""
    if not anchor.prefix or not anchor.suffix:
        return None
    limit = 2 * len(anchor.exact) + CONTEXT
    best: tuple[float, int, int] | None = None
    for p in _occurrences(text, anchor.prefix):
        start = p + len(anchor.prefix)
        end = text.find(anchor.suffix, start, start + limit + len(anchor.suffix))
        if end == -1:
            continue
        ratio = SequenceMatcher(None, anchor.exact, text[start:end], autojunk=False).ratio()
        if ratio >= _FUZZY_RATIO and end > start:
            score = (ratio, -abs(start - anchor.start))
            if best is None or score > (best[0], -abs(best[1] - anchor.start)):
                best = (ratio, start, end)
    return None if best is None else (best[1], best[2])
