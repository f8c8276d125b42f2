"""The shapes of lines in a fic file: header labels, chapter headings, breaks, notes.

Each function looks at one line and says what it is; the parsing lives elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
]
_NUMBER = (
    r"(?:\d{1,3}|[ivxlc]{1,7}|(?:"
    + "|".join(NUMBER_WORDS)
    + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
# Decoration around a heading: "~Chapter 1~", "**Chapter 1**", "=== Part One ===".
_DECOR = r"[\s*_~=#+\[\](){}<>|.:-]*"
_HEADING = re.compile(
    rf"^{_DECOR}(?P<label>(?:chapter|chap\.?|ch\.?|part|book)\s+(?P<number>{_NUMBER})\b)"
    rf"(?:\s*[:.\-–—)]+\s*(?P<title>.*?))?{_DECOR}$",
    re.IGNORECASE,
)
_NAMED = re.compile(
    rf"^{_DECOR}(?P<title>(?:prologue|epilogue|interlude|afterword|coda)\b"
    rf"(?:\s*[:.\-–—]\s*[^*_~=]*?)?){_DECOR}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Heading:
    """A chapter heading: `label` ("Chapter 2") is consumed, `title` kept."""

    label: str
    number: str
    title: str


def chapter_heading(line: str) -> Heading | None:
    text = line.strip()
    if not text or len(text) > 120:
        return None
    match = _HEADING.match(text)
    if match:
        title = (match.group("title") or "").strip()
        return Heading(text if not title else _label_part(text, title), match["number"], title)
    match = _NAMED.match(text)
    if match:
        return Heading("", "", match.group("title").strip())
    return None


def _label_part(text: str, title: str) -> str:
    """The heading without its title: "Chapter 2: Low Tide" → "Chapter 2:"."""
    index = text.rfind(title)
    return (text[:index] + text[index + len(title) :]).strip()


def number_value(number: str) -> int | None:
    """ "3", "three", "iii", "twenty-one" → 3, 3, 3, 21; None when it is not a number."""
    word = number.lower().replace(" ", "-")
    if word.isdigit():
        return int(word)
    if re.fullmatch(r"[ivxlc]+", word):
        values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
        total = 0
        for a, b in zip(word, [*word[1:], ""], strict=True):
            total += -values[a] if b and values[b] > values[a] else values[a]
        return total
    parts = word.split("-")
    units = {w: i + 1 for i, w in enumerate(NUMBER_WORDS[:20])}
    tens = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
    if len(parts) == 1:
        return units.get(parts[0], tens.get(parts[0]))
    if len(parts) == 2 and parts[0] in tens and parts[1] in units and units[parts[1]] < 10:
        return tens[parts[0]] + units[parts[1]]
    return None


# A row of symbols: "* * *", "~*~*~", "-----", "=====", "+~+~+", "-x-x-"...
_SYMBOLS = set("*~=#+_.-•·◦°º<>|\\/^")
_FIRST = _SYMBOLS | set("xXoO0")
_ALTERNATING = re.compile(r"^(?:(?:xX)+x?|(?:Xx)+X?|(?:oO)+o?|(?:Oo)+O?|o0o|0o0|(?:x-)+x)$")


def is_scene_break(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or stripped[0] not in _FIRST:
        return False  # prose: the fast answer for nearly every line
    squeezed = re.sub(r"\s+", "", stripped)
    if not squeezed or len(squeezed) > 60:
        return False
    if _ALTERNATING.match(squeezed):
        return True
    if len(squeezed) < 3 and squeezed not in ("**",):
        return False
    symbols = sum(1 for c in squeezed if c in _SYMBOLS)
    letters = sum(1 for c in squeezed if c.isalnum())
    # Mostly symbols, and any letters are ornament ("~*~x~*~", "-oOo-"), never a word.
    return symbols >= 3 and letters <= symbols and set(squeezed.lower()) <= _SYMBOLS | set("xo0")


# Author's notes at the start or end of a chapter: "A/N: …", "Author's Note: …".
_NOTE = re.compile(
    r"^(?P<label>[\s*_~(\[]*(?:a/n|a\.n\.|author'?s'?\s+notes?|notes?|an)\s*(?::|-|–|—|\.(?=\s))"
    r"[*_~\])]*)\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def note_label(line: str) -> tuple[str, str] | None:
    """("A/N:", "the note") for an author's-note line, else None."""
    match = _NOTE.match(line.strip())
    if not match:
        return None
    label = match.group("label").strip()
    if label.lower().startswith("an") and ":" not in label:
        return None  # "An hour later..." is prose
    return label, match.group("text")
