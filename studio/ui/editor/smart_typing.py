"""Smart quotes and dashes as the author types (plain Python, so it is easy to test).

"…" and '…' become “…” and ‘…’ (an apostrophe inside a word is ’), and two hyphens
become an em dash. Fence lines (`::: {.lyrics song="x"}`) keep straight quotes, since
their attributes need them.
"""

from __future__ import annotations

_OPENING_AFTER = set(" \t([{<“‘—–-/")


def smart_replacement(typed: str, before: str, line: str) -> tuple[int, str] | None:
    """What to do instead of inserting `typed`: (characters to delete before, text to insert).

    `before` is the line's text before the cursor, `line` the whole line. None means
    insert `typed` as it is.
    """
    if line.lstrip().startswith(":::") or line.lstrip().startswith("```"):
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
