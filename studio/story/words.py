"""Words as a reader counts them: "didn't", "Buffy’s" and "well-known" are one word each."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+(?:['’][^\W_]+)*)*")


def count_words(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))
