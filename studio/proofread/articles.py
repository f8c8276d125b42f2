"""“a” or “an” by the sound of the next word, not its first letter.

“an hour”, “an honest”, “a university”, “a one-off”, “a European”, “an MRI”, “a UFO”,
“an 8”, “an unidentified” (the prefix un- before a word the dictionary knows). Letters
decide for most words; the exceptions are classes, not a list of sentences: silent h,
u and eu said "you", o said "wun", initialisms read letter by letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from studio.findings import Finding
from studio.proofread.rules import Rule
from studio.proofread.text import ChapterText

_ARTICLE = re.compile(r"(?<![\w-])(?<![\w-]['’])([aA][nN]?)[ \t]+[*_“\"‘(]*([A-Za-z0-9][\w'’-]*)")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir", "herb")  # herb: American "erb"
_SOFT_H = ("historic", "hotel", "hysteric", "heroic", "habitual", "hilarious")  # "an historic"
_YOU_WORDS = ("eu", "ewe", "uk", "usur")
_WUN = re.compile(r"^(?:one|ones|once|oneself|one-)")
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")  # letters whose names start with a vowel sound
_ACRONYM_AS_WORD = re.compile(r"^[B-DF-HJ-NP-TV-Z]?[AEIOU][A-Z]{2,}$")  # NASA, NATO, UNESCO?

Known = Callable[[str], bool]


def starts_with_vowel_sound(word: str, known: Known) -> bool | None:
    """Does `word` start with a vowel sound? None when it cannot be told (a symbol)."""
    if word[0].isdigit():
        return word[0] == "8" or re.match(r"^1[18](?:\D|$|,\d{3}(?!,))", word) is not None
    if word.isupper() and len(word) > 1:
        if _ACRONYM_AS_WORD.match(word) and len(word) >= 4:
            return word[0] in "AEIO"
        return word[0] in _VOWEL_LETTERS
    if len(word) == 1:
        return word.upper() in _VOWEL_LETTERS
    lower = word.lower()
    if lower.startswith(_SILENT_H):
        return True
    if lower[0] == "h":
        return None if lower.startswith(_SOFT_H) else False  # both are written
    if _WUN.match(lower) or lower.startswith(_YOU_WORDS):
        return False
    if lower[0] == "u":
        return _u_is_vowel(lower, known)
    return lower[0] in "aeio"


def _u_is_vowel(lower: str, known: Known) -> bool:
    """“an umbrella”, “an unusual”, “an unidentified”, but “a unit”, “a usual”, “a unicorn”."""
    if lower.startswith("un") and len(lower) >= 6 and known(lower[2:]):
        return True  # the prefix un-: unidentified, unaware, unusual
    if lower in ("upon", "unto", "uh", "um", "umm", "uhh"):
        return True
    # u + one consonant + vowel is said "you" (unit, usual, utopia, ukulele, urine)
    return not (len(lower) > 2 and lower[1] not in "aeiou" and lower[2] in "aeiouy")


def a_an(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, known: Known | None = None
) -> list[Finding]:
    """Findings for an article that does not match the sound of the word after it."""
    if known is None:
        from studio.spelling.dictionary import open_dictionary  # noqa: PLC0415

        dictionary = open_dictionary(tag)
        known = dictionary.check if dictionary.available else (lambda word: False)
    findings = []
    sounds: dict[str, bool | None] = {}  # each distinct word's sound, worked out once
    for chapter in chapters:
        for match in _ARTICLE.finditer(chapter.text):
            article, word = match.group(1), match.group(2)
            if len(word) == 1 and word.islower():
                continue  # "a a kettle" is a doubled word, not a wrong article
            if word in sounds:
                vowel = sounds[word]
            else:
                vowel = sounds[word] = starts_with_vowel_sound(word, known)
            if vowel is None or (len(article) == 2) == vowel:
                continue
            number, column = chapter.position(match.start())
            if not chapter.prose[number]:
                continue
            before = chapter.lines[number][:column].rstrip(" *_")
            if article[0] == "A" and before and before[-1] not in ".!?\"“‘'(—–:…":
                continue  # a capital A mid-sentence is a letter: "Plan A is fine"
            fix = ("an" if vowel else "a") if article.islower() else ("An" if vowel else "A")
            start, end = column, column + len(article)
            findings.append(
                Finding(
                    file=chapter.file,
                    line=number + 1,
                    column=start + 1,
                    end_column=end + 1,
                    kind=rule.kind,
                    rule=rule.id,
                    text=article,
                    message=f"{rule.message}: “{fix} {word}”",
                    suggestions=(fix,),
                )
            )
    return findings
