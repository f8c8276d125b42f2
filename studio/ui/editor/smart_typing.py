"""Smart quotes and dashes as the author types (plain Python, so it is easy to test).

"…" and '…' become “…” and ‘…’ (an apostrophe inside a word is ’), and two hyphens
become an em dash. Fence lines (`::: {.lyrics song="x"}`) keep straight quotes, since
their attributes need them. Quotes follow the style the text already uses: in a story
written with straight quotes they stay straight (`quote_style`), so Studio's own
proofreader does not flag the author's typing as mixed quotes.
"""

from __future__ import annotations

_OPENING_AFTER = set(" \t([{<“‘—–-/")
CURLY = "curly"
STRAIGHT = "straight"


def quote_style(text: str, default: str = CURLY) -> str:
    """ "straight" when the text's double quotes are mostly straight, "curly" when they
    are mostly curly, `default` when it has none."""
    straight = text.count('"')
    curly = text.count("“") + text.count("”")
    if straight == curly:
        return default
    return STRAIGHT if straight > curly else CURLY


def smart_replacement(
    typed: str, before: str, line: str, quotes: str = CURLY
) -> tuple[int, str] | None:
    """What to do instead of inserting `typed`: (characters to delete before, text to insert).

    `before` is the line's text before the cursor, `line` the whole line. None means
    insert `typed` as it is.
    """
    if line.lstrip().startswith(":::") or line.lstrip().startswith("```"):
        return None
    if typed in "\"'" and quotes == STRAIGHT:
        return None
    previous = before[-1:] if before else ""
    opening = previous == "" or previous in _OPENING_AFTER
    if typed == '"':
        return 0, "“" if opening else "”"
    if typed == "'":
        return 0, "‘" if opening else "’"
    if typed == "-" and previous == "-" and before.strip() != "-":  # "---" stays a break
        return 1, "—"
    return None
