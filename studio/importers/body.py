"""A chapter's lines → Markdown: paragraphs, scene breaks, italics, lyrics, notes.

Nothing is dropped: a line is prose unless it is clearly something else, and what
becomes structure (a break's ornament, a note's "A/N:", an attribution line) is
recorded in the plan's `consumed` list so every word can be accounted for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studio.importers.patterns import is_scene_break, note_label
from studio.importers.plan import Consumed, ImportPlan, LyricsBlock, PlannedChapter, Unsure
from studio.importers.songs import parse_attribution

SCENE_BREAK = "* * *"
_MAX_VERSE = 90  # a verse line is short; a longer italic line is emphasis or thought


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based line in the source file
    text: str
    # "" for a line of a text file; "md" for a line already in Markdown (from HTML);
    # "list" for a Markdown list item ("- milk", "1. eggs"), kept as it is.
    style: str = ""

    def markdown(self) -> str:
        return self.text if self.style else markdown_line(self.text)


# -- italics and Markdown escapes ------------------------------------------------------

_SLASH_ITALIC = re.compile(r"(?<![\w/:<])/(?=[^\s/])([^/\n]*?[^\s/<])/(?![\w/>])")
_UNDERSCORE_ITALIC = re.compile(r"(?<![\w*\\])_(?=[^\s_])([^_\n]*?[^\s_\\])_(?!\w)")
_BLOCK_START = re.compile(r"^(?:#|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|:::|```|~~~|<|\[|=+\s*$)")


def italics_to_markdown(text: str) -> str:
    """`/word/` and `_word_` become `*word*`; `*word*` is already Markdown."""
    text = _SLASH_ITALIC.sub(r"*\1*", text)
    return _UNDERSCORE_ITALIC.sub(r"*\1*", text)


def markdown_line(text: str) -> str:
    """One line of prose or verse as Markdown that reads back as the same text."""
    line = italics_to_markdown(text.strip())
    if _BLOCK_START.match(line):
        line = "\\" + line  # a line that Markdown would read as a heading, list, fence…
    return line


# -- verse ---------------------------------------------------------------------------

_WRAPPED = re.compile(r"^(?P<mark>\*\*?|_|/)(?=\S)(?P<inner>.*\S)(?P=mark)$")
_NOTE_SIGN = re.compile(r"^[♪♫♬♩]")


def verse_line(text: str) -> str | None:
    """The verse text of a line set apart as lyrics (whole line in italics, or ♪), else None."""
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_VERSE or is_scene_break(stripped):
        return None
    match = _WRAPPED.match(stripped)
    if match and match["mark"] not in match["inner"]:
        return match["inner"].strip()
    if _NOTE_SIGN.match(stripped):
        return stripped
    return None


def _verse_group(lines: list[Line]) -> list[str] | None:
    """Verse lines of a group set apart as lyrics: each line italic, or one italic run."""
    verses = [verse_line(line.text) for line in lines]
    if all(v is not None for v in verses):
        return [v for v in verses if v is not None]
    first, last = lines[0].text.strip(), lines[-1].text.strip()
    if len(lines) >= 2 and all(len(line.text.strip()) <= _MAX_VERSE for line in lines):
        for mark in ("*", "_", "/"):
            inner = [line.text.strip() for line in lines]
            if (
                first.startswith(mark)
                and last.endswith(mark)
                and not first.startswith(mark * 2)
                and sum(line.count(mark) for line in inner) == 2
            ):
                inner[0], inner[-1] = inner[0][1:], inner[-1][:-1]
                return [v.strip() for v in inner]
    return None


# -- units -----------------------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    """A paragraph, a scene break, a verse group, an attribution or a note."""

    kind: str  # prose, break, verse, attribution, note
    lines: list[Line]
    verses: list[str] | None = None
    attribution: tuple[str, str, bool] | None = None
    group: int = 0  # which run of consecutive lines (between blank lines) it came from


def groups_of(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def is_wrapped(lines: list[Line]) -> bool:
    """True for hard-wrapped prose (paragraphs of short lines between blank lines)."""
    groups = groups_of(lines)
    nonblank = sum(len(g) for g in groups)
    multi = [g for g in groups if len(g) > 1]
    if len(groups) < 2 or not multi or nonblank == 0:
        return False
    in_multi = sum(len(g) for g in multi)
    widths = sorted(len(line.text.rstrip()) for g in multi for line in g[:-1])
    # Wrapped lines run close to a fixed width (60–80 characters), never much beyond.
    return in_multi >= 0.6 * nonblank and widths[-1] <= 100 and widths[len(widths) // 2] >= 45


def blank_separated(lines: list[Line]) -> bool:
    """True when paragraphs are set apart by blank lines, so a single newline inside one
    is a line break the author meant (a letter, texts, a poem); False for a text with a
    paragraph on every line and no blank lines between them."""
    groups = groups_of(lines)
    nonblank = [line for g in groups for line in g]
    if len(groups) < 2:
        return False  # not one blank line: every line is a paragraph
    if len(groups) >= 0.4 * len(nonblank):
        return True
    widths = sorted(len(line.text.strip()) for line in nonblank)
    return widths[len(widths) // 2] < 80


_SHORT = 60  # a verse line; prose paragraphs run far longer


def units_of(lines: list[Line], *, wrapped: bool, breaks: bool = False) -> list[Unit]:
    units: list[Unit] = []
    for number, group in enumerate(groups_of(lines)):
        for unit in _split_group(group, wrapped=wrapped, breaks=breaks):
            unit.group = number
            units.append(unit)
    _mark_attributions(units)
    return units


def _split_group(group: list[Line], *, wrapped: bool, breaks: bool = False) -> list[Unit]:
    if any(line.style == "list" for line in group):
        return _split_lists(group)
    verses = _verse_group(group)
    if verses is not None and (len(verses) >= 2 or not wrapped or len(group) == 1):
        return [Unit("verse", group, verses)]
    if wrapped:
        pieces: list[Unit] = []
        current: list[Line] = []
        for line in group:
            if is_scene_break(line.text):
                if current:
                    pieces.append(Unit("prose", current))
                pieces.append(Unit("break", [line]))
                current = []
            else:
                current.append(line)
        if current:
            # An attribution on the last line of a verse paragraph stands alone.
            if len(current) >= 3 and parse_attribution(current[-1].text):
                tail = current.pop()
                head = _verse_group(current)
                pieces.append(Unit("verse", current, head) if head else Unit("prose", current))
                pieces.append(Unit("prose", [tail]))
            elif breaks and len(current) >= 2 and _plain_verse(current):
                # Lines kept apart by <br> only, all short: maybe lyrics (settle_plain_verse).
                pieces.append(Unit("plainverse", current, [x.text.strip() for x in current]))
            else:
                pieces.append(Unit("prose", current))
        return pieces
    if breaks and len(group) >= 2 and _plain_verse(group):
        # A stanza of short plain lines: lyrics if the fic says so (see settle_plain_verse);
        # an attribution as its last line stands apart (and settles it).
        if len(group) >= 3 and parse_attribution(group[-1].text):
            stanza = group[:-1]
            candidate = Unit("plainverse", stanza, [line.text.strip() for line in stanza])
            return [candidate, Unit("prose", [group[-1]])]
        return [Unit("plainverse", group, [line.text.strip() for line in group])]
    pieces = []
    for line in group:
        verse = verse_line(line.text)
        if is_scene_break(line.text):
            pieces.append(Unit("break", [line]))
        elif verse is None and breaks and pieces and pieces[-1].kind == "prose":
            pieces[-1].lines.append(line)  # the next line of the same paragraph
        elif verse is not None and pieces and pieces[-1].kind == "verse":
            pieces[-1].lines.append(line)
            assert pieces[-1].verses is not None
            pieces[-1].verses.append(verse)
        elif verse is not None:
            pieces.append(Unit("verse", [line], [verse]))
        else:
            pieces.append(Unit("prose", [line]))
    return pieces if breaks else _short_runs(pieces)


def _plain_verse(lines: list[Line]) -> bool:
    """Short plain lines (no italics, no breaks): the shape lyrics have on the page."""
    return all(
        0 < len(line.text.strip()) <= _SHORT
        and verse_line(line.text) is None
        and not is_scene_break(line.text)
        and note_label(line.text) is None
        for line in lines
    )


def _short_runs(pieces: list[Unit]) -> list[Unit]:
    """In a text with a paragraph on every line, two or more short lines in a row
    among long ones may be lyrics: they become a candidate (settle_plain_verse)."""
    out: list[Unit] = []
    run: list[Unit] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(
                Unit(
                    "plainverse", [u.lines[0] for u in run], [u.lines[0].text.strip() for u in run]
                )
            )
        else:
            out.extend(run)
        run.clear()

    for unit in pieces:
        if unit.kind == "prose" and _plain_verse(unit.lines):
            run.append(unit)
        else:
            flush()
            out.append(unit)
    flush()
    return out


def _split_lists(group: list[Line]) -> list[Unit]:
    """A list stays one list; lines around it (there should be none) stay prose."""
    units: list[Unit] = []
    for line in group:
        kind = "list" if line.style == "list" else "prose"
        if units and units[-1].kind == kind:
            units[-1].lines.append(line)
        else:
            units.append(Unit(kind, [line]))
    return units


def _mark_attributions(units: list[Unit]) -> None:
    """An attribution line right after lyrics; plain short lines above one are lyrics too."""
    for i, unit in enumerate(units):
        if unit.kind != "prose" or len(unit.lines) != 1 or i == 0:
            continue
        found = parse_attribution(unit.lines[0].text)
        if found is None:
            continue
        before = units[i - 1]
        if before.kind in ("verse", "plainverse"):
            before.kind = "verse"
            unit.kind, unit.attribution = "attribution", found
            continue
        # Plain (not italic) verse: the short lines of the paragraph just above the
        # attribution (or of its own paragraph, when it is the verse's last line). An
        # unquoted "Song by Artist" only counts on the verse's own last line.
        group = before.group
        if group != unit.group and not found[2]:
            continue
        start = i
        while (
            start > 0
            and units[start - 1].kind == "prose"
            and units[start - 1].group == group
            and all(len(line.text.strip()) <= 60 for line in units[start - 1].lines)
        ):
            start -= 1
        verse_lines = [line for u in units[start:i] for line in u.lines]
        if len(verse_lines) >= 2:
            for u in units[start:i]:
                u.kind, u.verses = "verse", [line.text.strip() for line in u.lines]
            unit.kind, unit.attribution = "attribution", found


# -- a chapter -------------------------------------------------------------------------


def fill_chapter(
    chapter: PlannedChapter,
    lines: list[Line],
    *,
    plan: ImportPlan,
    file: str,
    wrapped: bool,
    breaks: bool = False,
    notes: bool = True,
) -> None:
    """Turn a chapter's lines into notes and Markdown parts of `chapter`.

    `breaks`: the lines of one paragraph are kept as lines (hard breaks: a letter, a
    text message, a poem); else they are the wrapped lines of one flowing paragraph."""
    units = units_of(lines, wrapped=wrapped, breaks=breaks)
    start_notes = end_notes = ""
    if notes:  # "A/N:" paragraphs; an AO3 download has its notes in their own places
        start_notes, units = _leading_notes(units, plan, file)
        end_notes, units = _trailing_notes(units, plan, file)
    chapter.notes = _join(chapter.notes, start_notes)
    chapter.end_notes = _join(chapter.end_notes, end_notes)
    _trim_breaks(units, plan, file)
    chapter.parts.extend(_parts(units, plan, file, breaks=breaks))


def _note_text(unit: Unit, plan: ImportPlan, file: str) -> str:
    found = note_label(unit.lines[0].text)
    assert found is not None
    label, first = found
    plan.consumed.append(Consumed("label", label, file, unit.lines[0].no))
    return "\n".join([first.strip(), *(line.text.strip() for line in unit.lines[1:])]).strip()


def _is_note(unit: Unit) -> bool:
    return unit.kind == "prose" and note_label(unit.lines[0].text) is not None


def _leading_notes(units: list[Unit], plan: ImportPlan, file: str) -> tuple[str, list[Unit]]:
    notes: list[str] = []
    i = 0
    while i < len(units) and _is_note(units[i]):
        notes.append(_note_text(units[i], plan, file))
        i += 1
    return "\n\n".join(n for n in notes if n), units[i:]


def _trailing_notes(units: list[Unit], plan: ImportPlan, file: str) -> tuple[str, list[Unit]]:
    """Notes at the end: from the last "A/N:" paragraph after the story's last prose on.

    A short line or two after the note ("Review please!") belongs to it.
    """
    last_note = None
    for i in range(len(units) - 1, max(-1, len(units) - 4), -1):
        if _is_note(units[i]):
            last_note = i
            break
        if units[i].kind != "prose" or len(units[i].lines) > 1 or len(units[i].lines[0].text) > 200:
            break
    if last_note is None or last_note == 0:
        return "", units
    first = last_note
    while first - 1 > 0 and _is_note(units[first - 1]):
        first -= 1
    notes = [_note_text(u, plan, file) for u in units[first : last_note + 1]]
    notes += ["\n".join(line.text.strip() for line in u.lines) for u in units[last_note + 1 :]]
    return "\n\n".join(n for n in notes if n), units[:first]


def _trim_breaks(units: list[Unit], plan: ImportPlan, file: str) -> None:
    """A row of symbols at the very start or end of a chapter separates, it breaks no scene."""
    while units and units[0].kind == "break":
        _consume_break(units.pop(0), plan, file)
    while units and units[-1].kind == "break":
        _consume_break(units.pop(), plan, file)


def _consume_break(unit: Unit, plan: ImportPlan, file: str) -> None:
    plan.consumed.append(
        Consumed("scene_break", unit.lines[0].text.strip(), file, unit.lines[0].no)
    )


def _parts(
    units: list[Unit], plan: ImportPlan, file: str, *, breaks: bool = False
) -> list[str | LyricsBlock]:
    parts: list[str | LyricsBlock] = []
    for i, unit in enumerate(units):
        if unit.kind == "break":
            _consume_break(unit, plan, file)
            if parts and parts[-1] != SCENE_BREAK:
                parts.append(SCENE_BREAK)
        elif unit.kind == "verse":
            assert unit.verses is not None
            styled = unit.lines[0].style == "md"
            verses = [v if styled else markdown_line(v) for v in unit.verses]
            previous = parts[-1] if parts else None
            joined = isinstance(previous, LyricsBlock) and units[i - 1].kind == "verse"
            if joined and isinstance(previous, LyricsBlock):
                # Stanzas: one line per paragraph stays one stanza; groups are stanzas.
                if len(unit.verses) > 1 or len(units[i - 1].lines) > 1:
                    previous.lines.append("")
                previous.lines.extend(verses)
                previous.raw.extend(x.text for x in unit.lines)
            else:
                parts.append(
                    LyricsBlock(verses, file, unit.lines[0].no, raw=[x.text for x in unit.lines])
                )
        elif unit.kind == "attribution":
            previous = parts[-1] if parts else None
            assert unit.attribution is not None and isinstance(previous, LyricsBlock)
            title, artist, sure = unit.attribution
            previous.attribution = (title, artist)
            plan.consumed.append(
                Consumed("attribution", unit.lines[0].text.strip(), file, unit.lines[0].no)
            )
            if not sure:
                plan.unsure.append(
                    Unsure(
                        f"read “{unit.lines[0].text.strip()}” as the credit for the lyrics above"
                        f" (song “{title}”, artist “{artist}”)",
                        file,
                        unit.lines[0].no,
                    )
                )
        elif unit.kind == "plainverse":
            assert unit.verses is not None
            styled = unit.lines[0].style == "md"
            verses = [v if styled else markdown_line(v) for v in unit.verses]
            previous = parts[-1] if parts else None
            if (
                isinstance(previous, LyricsBlock)
                and previous.plain
                and units[i - 1].kind == ("plainverse")
            ):
                # The next stanza: a blank line in the block, a paragraph break if reverted.
                previous.lines += ["", *verses]
                previous.raw += ["", *(x.text for x in unit.lines)]
                continue
            parts.append(
                LyricsBlock(
                    verses,
                    file,
                    unit.lines[0].no,
                    raw=[x.text for x in unit.lines],
                    plain="breaks" if breaks else "paragraphs",
                )
            )
        elif unit.kind == "list":
            parts.append("\n".join(line.text for line in unit.lines))
        else:
            # A hard break is a backslash at the end of the line (CommonMark).
            parts.append(("\\\n" if breaks else "\n").join(x.markdown() for x in unit.lines))
    return parts


def _join(old: str, new: str) -> str:
    return f"{old}\n\n{new}".strip() if old and new else (old or new)


def revert_lone_lines(plan: ImportPlan) -> None:
    """One italic line on its own is emphasis, not lyrics, unless it is a line of a song
    quoted elsewhere in the fic (or credited by an attribution under it)."""
    sung: set[str] = set()
    for chapter in plan.chapters:
        for block in chapter.lyrics_blocks:
            if len(block.key) > 1 or block.attribution:
                sung.update(block.key)
    for chapter in plan.chapters:
        for i, part in enumerate(chapter.parts):
            if (
                isinstance(part, LyricsBlock)
                and len(part.key) <= 1
                and not part.attribution
                and not (part.key and part.key[0] in sung)
            ):
                chapter.parts[i] = "\n\n".join(markdown_line(line) for line in part.raw)


def settle_plain_verse(plan: ImportPlan, *, quotes_songs: bool) -> None:
    """Keep a stanza of plain short lines as lyrics when the fic shows it is: its lines
    come back elsewhere (a refrain), an attribution follows it, or the notes say the fic
    quotes a song and the lines read like verse. Otherwise it goes back to what it was:
    one paragraph with its line breaks, or one paragraph a line."""
    blocks = [b for chapter in plan.chapters for b in chapter.lyrics_blocks]
    for chapter in plan.chapters:
        for i, part in enumerate(chapter.parts):
            if not isinstance(part, LyricsBlock) or not part.plain:
                continue
            lines = set(part.key)
            shared = max(
                (len(lines & set(other.key)) for other in blocks if other is not part),
                default=0,
            )
            refrain = shared >= 2 or (shared >= 1 and len(lines) <= 2)
            if refrain or (quotes_songs and _reads_like_verse(part.raw)):
                part.plain = ""
                continue
            joiner = "\\\n" if part.plain == "breaks" else "\n\n"
            stanzas = "\n".join(part.raw).split("\n\n")
            chapter.parts[i] = "\n\n".join(
                joiner.join(markdown_line(line) for line in stanza.split("\n"))
                for stanza in stanzas
            )


_LETTER = re.compile(r"^(?:dear|to|hi|hey|love|yours|from|sincerely|regards|[-–—~]\s*\w)\b", re.I)
_MESSAGE = re.compile(r"^[\w .'-]{1,24}:\s|^\[?\d{1,2}[:.]\d{2}")


def _reads_like_verse(lines: list[str]) -> bool:
    """Lines that end without a full stop, with no letter's greeting or sign-off and no
    "Name: message" lines (a text-message exchange is not a song)."""
    texts = [line.strip() for line in lines if line.strip()]
    if len(texts) < 2:
        return False
    if any(_LETTER.match(t) or _MESSAGE.match(t) for t in texts):
        return False
    open_ended = sum(1 for t in texts if not t.endswith((".", "?", "!", "…")))
    return open_ended >= len(texts) / 2
