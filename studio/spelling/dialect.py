"""Which English a text is spelled in: en_GB, en_US or en_AU, from the words that differ.

British and American spelling differ in a few regular ways (colour/color,
realise/realize, centre/center, travelled/traveled, defence/defense) and in a list
of single words (grey/gray, draught/draft, tyre/tire, mum/mom…). Each spelling a
text uses is evidence; the side with more wins, and the confidence says how clear
the win was. Australian English spells as British does, so en_AU needs words only
Australians use (arvo, servo, doona…) besides British spellings. No dictionary is
read, so the guess is the same on every machine. No Qt.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

_OUR = [
    "arb",
    "ard",
    "behavi",
    "cand",
    "clam",
    "col",
    "dem",
    "endeav",
    "fav",
    "flav",
    "glam",
    "harb",
    "hon",
    "hum",
    "lab",
    "neighb",
    "odo",
    "parl",
    "rig",
    "rum",
    "sav",
    "savi",
    "splend",
    "succ",
    "tum",
    "val",
    "vap",
    "vig",
]
_ISE = [
    "agon",
    "apolog",
    "author",
    "baptis",
    "brutal",
    "capital",
    "categor",
    "central",
    "character",
    "civil",
    "colon",
    "critic",
    "crystal",
    "custom",
    "democrat",
    "dramat",
    "econom",
    "emphas",
    "energ",
    "equal",
    "familiar",
    "fantas",
    "fertil",
    "final",
    "formal",
    "fossil",
    "general",
    "global",
    "harmon",
    "hospital",
    "hypothes",
    "ideal",
    "immortal",
    "industrial",
    "initial",
    "jeopard",
    "legal",
    "liberal",
    "local",
    "magnet",
    "marginal",
    "maxim",
    "memor",
    "minim",
    "mobil",
    "moral",
    "national",
    "natural",
    "neutral",
    "normal",
    "optim",
    "organ",
    "patron",
    "person",
    "philosoph",
    "polar",
    "popular",
    "prior",
    "priorit",
    "radical",
    "rational",
    "real",
    "recogn",
    "revolution",
    "romantic",
    "scrutin",
    "sensat",
    "sentimental",
    "social",
    "special",
    "stabil",
    "standard",
    "steril",
    "stigmat",
    "subsid",
    "summar",
    "symbol",
    "sympath",
    "synchron",
    "tantal",
    "terror",
    "theor",
    "tranquil",
    "trivial",
    "util",
    "vandal",
    "vapor",
    "victim",
    "visual",
    "vocal",
    "weapon",
]
_RE = [
    "cent",
    "theat",
    "met",
    "lit",
    "fib",
    "calib",
    "somb",
    "spect",
    "lust",
    "sab",
    "meag",
    "manoeuv",
    "sepul",
]
_LL = [
    "travel",
    "cancel",
    "label",
    "model",
    "fuel",
    "signal",
    "marvel",
    "counsel",
    "quarrel",
    "jewel",
    "level",
    "tunnel",
]
# (British, American) single words, each with its own inflections.
_PAIRS = [
    ("grey", "gray"), ("greys", "grays"), ("greyish", "grayish"), ("draught", "draft"),
    ("draughts", "drafts"), ("tyre", "tire"), ("tyres", "tires"), ("kerb", "curb"),
    ("cheque", "check"), ("cheques", "checks"), ("aluminium", "aluminum"),
    ("plough", "plow"), ("ploughed", "plowed"), ("mould", "mold"), ("mouldy", "moldy"),
    ("pyjamas", "pajamas"), ("programme", "program"), ("programmes", "programs"),
    ("catalogue", "catalog"), ("defence", "defense"), ("offence", "offense"),
    ("pretence", "pretense"), ("licence", "license"), ("mum", "mom"), ("mummy", "mommy"),
    ("mums", "moms"), ("arse", "ass"), ("sceptical", "skeptical"), ("sceptic", "skeptic"),
    ("aeroplane", "airplane"), ("aeroplanes", "airplanes"), ("moustache", "mustache"),
    ("storey", "story"), ("jewellery", "jewelry"), ("woollen", "woolen"),
    ("whilst", ""), ("amongst", ""), ("learnt", ""), ("judgement", "judgment"),
    ("ageing", "aging"), ("analyse", "analyze"), ("analysed", "analyzed"),
    ("paralysed", "paralyzed"), ("anaesthetic", "anesthetic"), ("foetus", "fetus"),
    ("oesophagus", "esophagus"), ("paediatric", "pediatric"), ("encyclopaedia", ""),
    ("maths", "math"), ("autumn", ""), ("lorry", "truck"), ("flat", ""), ("queue", ""),
    ("practise", ""), ("practised", ""), ("enrol", "enroll"), ("fulfil", "fulfill"),
    ("skilful", "skillful"), ("wilful", "willful"),
    ("doughnut", "donut"), ("colour", "color"),
]  # fmt: skip
# Words only the one side uses, with no spelling of the other (kept apart: weaker).
_WEAK = {"autumn", "flat", "queue", "amongst", "whilst", "learnt"}
_AUSTRALIAN = {
    "arvo", "servo", "doona", "esky", "bogan", "sunnies", "brekkie", "mozzie", "ute",
    "dunny", "drongo", "dinkum", "g'day", "larrikin", "tradie", "bottle-o", "footy",
    "maccas", "rellies", "hooroo", "chook",
}  # fmt: skip


def _table() -> dict[str, str]:
    """word → "GB" or "US" for every spelling the rules above produce."""
    table: dict[str, str] = {}

    def pair(gb: str, us: str) -> None:
        if gb:
            table[gb] = "GB"
        if us:
            table[us] = "US"

    for stem in _OUR:
        for tail in ("", "s", "ed", "ing", "ful", "ite", "ites", "able", "er", "ers"):
            pair(f"{stem}our{tail}", f"{stem}or{tail}")
    for stem in _ISE:
        for tail in ("e", "es", "ed", "ing", "ation", "ations", "er", "ers"):
            pair(f"{stem}is{tail}", f"{stem}iz{tail}")
    for stem in _RE:
        for tail in ("", "s", "d"):
            pair(f"{stem}re{tail}", f"{stem}er{tail}")
    for stem in _LL:
        for tail in ("ed", "ing", "er", "ers"):
            pair(f"{stem}l{tail}", f"{stem}{tail}")
    for gb, us in _PAIRS:
        pair(gb, us)
    # A few that collide with everyday words of both sides.
    for word in ("met", "meter", "cent", "center", "lit", "liter", "check", "checks", "story"):
        table.pop(word, None)
    table.update({"center": "US", "centers": "US", "liter": "US", "meter": "US"})
    table.pop("modeler", None)
    table.pop("level", None)
    return table


_SPELLINGS = _table()
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


@dataclass(frozen=True, slots=True)
class DialectGuess:
    """The English a text is spelled in, how sure, and the words that showed it."""

    tag: str | None  # "en_GB", "en_US", "en_AU", or None when nothing showed it
    confidence: float  # 0 (no evidence) … 1 (every telling word agrees, and many)
    evidence: tuple[str, ...]  # the telling words as written, most frequent first

    @property
    def unsure(self) -> bool:
        return self.tag is None or self.confidence < 0.5


def guess_dialect(text: str) -> DialectGuess:
    """en_GB for "colour", "grey", "realise", "draught"; en_US for their American
    spellings; en_AU for British spelling with Australian words. Proper nouns
    in mid-sentence ("Mr Gray", "Center Street") do not count."""
    votes: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    australian: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group(0)
        lower = word.lower().replace("’", "'")
        if lower in _AUSTRALIAN:
            australian[lower] += 1
        side = _SPELLINGS.get(lower)
        if side is None or (word[0].isupper() and not _sentence_start(text, match.start())):
            continue  # a name in mid-sentence: "Mr Gray", "Center Street"
        weight = 1 if lower in _WEAK else 2
        votes[side] += weight
        seen[lower] += 1
    gb, us = votes["GB"], votes["US"]
    total = gb + us
    if total == 0:
        return DialectGuess(None, 0.0, ())
    side = "GB" if gb > us else "US" if us > gb else ""
    evidence = tuple(w for w, _ in seen.most_common() if _SPELLINGS[w] == side or not side)
    if not side:
        return DialectGuess(None, 0.0, evidence)
    agreement = abs(gb - us) / total
    amount = min(1.0, total / 6)  # three strong words are plenty
    confidence = round(agreement * (0.4 + 0.6 * amount), 2)
    tag = "en_GB" if side == "GB" else "en_US"
    if side == "GB" and australian:
        tag = "en_AU"
        evidence = tuple(w for w, _ in australian.most_common()) + evidence
    return DialectGuess(tag, confidence, evidence[:12])


def _sentence_start(text: str, index: int) -> bool:
    before = text[max(0, index - 8) : index].rstrip(" \t\"“‘'*_(")
    return not before or before[-1] in ".!?\n:;—"


# Locales whose English is spelled the British way (colour, realise); Canada writes
# colour too, and en_GB's word list takes -ize as well.
_BRITISH_SPELLING_REGIONS = frozenset(("GB", "UK", "IE", "NZ", "ZA", "IN", "CA"))
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def dialect_from_locale(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(en_GB/en_US/en_AU, the locale it came from) for an English locale in `environ`
    (LC_ALL, then LC_MESSAGES, LANG, LANGUAGE, as the C library reads them), or None
    for any other language, "C" or "POSIX"."""
    for name in _LOCALE_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        locale = value.split(":")[0]
        language, _, rest = locale.partition("_")
        region = rest.split(".")[0].split("@")[0].upper()
        if language.lower() != "en":
            return None  # the first variable set decides, as for the C library
        if region in ("US", "AU", "GB"):
            return f"en_{region}", locale
        if region in _BRITISH_SPELLING_REGIONS:
            return "en_GB", locale
        return "en_US", locale
    return None


def dialect_for_new_story(text: str, environ: Mapping[str, str]) -> tuple[str, str]:
    """The dictionary a new story starts with, and why (for the message `studio new`
    prints): the spelling of `text` (its title) when that shows a dialect, else the
    user's English locale, else en_US."""
    guess = guess_dialect(text.lower())  # a title is in title case: every word counts
    if guess.tag is not None and not guess.unsure:
        return guess.tag, f"from the spelling of {', '.join(guess.evidence[:3])}"
    found = dialect_from_locale(environ)
    if found is not None:
        return found[0], f"from the locale {found[1]}"
    return "en_US", "the default: no English locale is set"
