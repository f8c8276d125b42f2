"""Words as a reader counts them: "didn't", "Buffy’s" and "well-known" are one word each."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+(?:['’][^\W_]+)*)*")


def count_words(text: str) -> int:
    return len(WORD.findall(text))  # a list built in C: far quicker than counting matches
