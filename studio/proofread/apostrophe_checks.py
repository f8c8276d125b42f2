"""Apostrophes left out where what remains is still a word: decided by the words around it.

"well", "hell", "shell", "wed", "shed", "ill", "lets" and "its" are words, so a spell
checker passes "Then well talk" and "He says hell never know". The contraction stands
where a clause begins (no subject before it) and a verb's plain form follows; the word
itself almost never does. Likewise "the guards radio just went off", "from the janitors
closet": a plural noun cannot be the object of a preposition and the subject of the next
word at once, and in a story told in the past a plural subject does not take a plain
verb before a past one. Each check asks one such question by word class (`lexicon`),
with the word lists in `resources/rules/apostrophes.toml`; without the Hunspell word
list every check is quiet (precision over recall), as in `context_checks`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from studio.findings import Finding
from studio.proofread.context_checks import finding, prose_lines, told_in_past
from studio.proofread.lexicon import Lexicon, lexicon
from studio.proofread.rules import Rule, british_american_pairs
from studio.proofread.text import ChapterText
from studio.resources import resource_path

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[.!?,;:—–“”\"()…*]")
_SENTENCE_END = frozenset('.!?“"(—–:;…*')


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class _Words:
    """The word lists of `apostrophes.toml`."""

    left_out: dict[str, str]  # "well" → "we’ll"
    will_like: frozenset[str]  # contractions of will: a plain verb follows
    openers: frozenset[str]  # words after which a clause (and its subject) begins
    reporting: frozenset[str]  # said, says, think: a clause with its own subject follows
    after_would: frozenset[str]  # better, rather, never, been: what follows I'd, we'd
    not_after: dict[str, frozenset[str]]  # "Well look", "shed light": the word's own uses
    its_then: frozenset[str]  # its + one of these can only be "it is"
    lets_then: frozenset[str]  # let's + one of these
    determiners: frozenset[str]
    quantifiers: frozenset[str]  # two, several, many: a plural follows
    prepositions: frozenset[str]
    clause_verbs: frozenset[str]  # knew, saw, made: a clause or a bare verb may follow
    particles: frozenset[str]  # "burn out", "go up": the word before is a verb
    not_owned: frozenset[str]  # while, since: nouns by the word list, never owned here
    compounds: frozenset[str]  # plural first parts of compound nouns: sports, savings


@cache
def _words() -> _Words:
    path = resource_path("rules", "apostrophes.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))["words"]

    def split(key: str) -> frozenset[str]:
        return frozenset(str(data[key]).split())

    return _Words(
        left_out={str(k): str(v) for k, v in data["left_out"].items()},
        will_like=split("will_like"),
        openers=split("openers"),
        reporting=split("reporting"),
        after_would=split("after_would"),
        not_after={str(k): frozenset(str(v).split()) for k, v in data["not_after"].items()},
        its_then=split("its_then"),
        lets_then=split("lets_then"),
        determiners=split("determiners"),
        quantifiers=split("quantifiers"),
        prepositions=split("prepositions"),
        clause_verbs=split("clause_verbs"),
        particles=split("particles"),
        not_owned=split("not_owned"),
        compounds=split("plural_compounds"),
    )


def _tokens(line: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(line)]


@cache
def _pairs() -> dict[str, str]:
    return dict(british_american_pairs())


def _american(word: str) -> str:
    """The en_US form the word list knows: "neighbour" → "neighbor"."""
    pairs = _pairs()
    if word in pairs:
        return pairs[word]
    if word.endswith("our"):
        return word[:-3] + "or"
    return word


def _flags(lex: Lexicon, word: str) -> str:
    return lex.flags.get(word) or lex.flags.get(_american(word), "")


def plain_verb(lex: Lexicon, word: str) -> bool:
    """A verb's plain form ("go", "charge", "confess"), not its -s, -ed or -ing form."""
    if word in ("be", "have", "do"):
        return True
    if word in lex.function or word.endswith(("ed", "ing")) or word in lex.past:
        return False
    if word in lex.participles:
        return False
    if word in lex.bases or "D" in _flags(lex, word) or "G" in _flags(lex, word):
        return not _s_form(lex, word)
    return (word + "ed") in lex.flags or (word + "ing") in lex.flags


def _s_form(lex: Lexicon, word: str) -> bool:
    """ "tears", "watches": the -s form of a verb the word list knows."""
    if not word.endswith("s") or word.endswith("ss"):
        return False
    return any("D" in _flags(lex, s) or s in lex.bases for s in (word[:-1], word[:-2]))


def _noun(lex: Lexicon, word: str) -> bool:
    flags = _flags(lex, word)
    return "S" in flags or "M" in flags


def _clause_start(tokens: list[_Token], index: int, words: _Words, *, reported: bool) -> bool:
    """Does a clause begin at tokens[index]: at a sentence or quotation start, perhaps
    after an opener ("Then", "Okay,", "Tomorrow"), or after a reporting verb ("says")?"""
    back = index - 1
    if back >= 0 and tokens[back].text == ",":
        back -= 1
    if back < 0 or tokens[back].text in _SENTENCE_END:
        return True
    before = tokens[back].lower
    if before in words.openers:
        while back >= 0 and (tokens[back].lower in words.openers or tokens[back].text == ","):
            back -= 1  # "Then tomorrow", "Okay, so"
        return back < 0 or tokens[back].text in _SENTENCE_END
    return reported and before in words.reporting


def _cased(right: str, wrong: str) -> str:
    if wrong[0].isupper():
        return right[0].upper() + right[1:]
    return right


def left_out_contraction(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "Then well talk", "He says hell never know", "Tomorrow wed better decide":
    "we'll", "he'll", "we'd" without the apostrophe, where a clause begins and a verb's
    plain form (or never, better, rather…) follows."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    words = _words()
    findings = []
    for chapter, number, line in prose_lines(chapters):
        tokens = _tokens(line)
        for index, token in enumerate(tokens[:-1]):
            low = token.lower
            if low not in words.left_out or (low in ("ill", "id") and token.text[0] == "i"):
                continue
            after = tokens[index + 1].lower
            if after in words.not_after.get(low, ()):
                continue
            if not (plain_verb(lex, after) or after in words.after_would):
                continue
            if low in words.will_like and after in ("better", "rather"):
                continue
            if not _clause_start(tokens, index, words, reported=True):
                continue
            right = _cased(words.left_out[low], token.text)
            findings.append(finding(rule, chapter, number, token.start, token.end, right))
    return findings


def _comparative_than(lex: Lexicon, tokens: list[_Token], index: int) -> bool:
    """ "its smaller than": an -er form with "than" just after, so no noun for "its"."""
    word = tokens[index].lower
    if not word.endswith("er") or len(word) < 5:
        return False
    stems = (word[:-2], word[:-1], word[:-3], word[:-3] + "y")
    if not any("T" in _flags(lex, s) for s in stems):
        return False
    return any(t.lower == "than" for t in tokens[index + 1 : index + 3])


def _participle_alone(lex: Lexicon, tokens: list[_Token], index: int, words: _Words) -> bool:
    """ "its gone.", "its finished now": a past participle with no noun after it, so not
    "its tattered sails" but "it's" (it has, it is)."""
    word = tokens[index].lower
    if not (word in lex.participles or (word.endswith("ed") and _past(lex, word))):
        return False
    if index + 1 >= len(tokens):
        return True
    after = tokens[index + 1]
    return (
        after.text in ',.;:!?—–”"'
        or after.lower in words.prepositions
        or after.lower
        in ("now", "again", "already", "forever", "away", "off", "out", "too", "anyway")
    )


def its_it_is(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "Its my first time", "He says its smaller than that", "its rather late": the
    possessive cannot stand before a determiner, an adverb of degree, or a comparative
    that "than" follows: "it's" is meant."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    words = _words()
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "ts " not in line:
            continue
        tokens = _tokens(line)
        for index, token in enumerate(tokens[:-1]):
            if token.lower != "its":
                continue
            after = tokens[index + 1]
            its_then = after.lower in words.its_then or _comparative_than(lex, tokens, index + 1)
            if its_then or _participle_alone(lex, tokens, index + 1, words):
                fix = _cased("it’s", token.text)
                findings.append(finding(rule, chapter, number, token.start, token.end, fix))
    return findings


def lets_let_us(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "Lets sit down", "Okay, lets not", "Then lets at least agree": at a clause's
    start (no subject that "lets" could agree with) before a plain verb or "not"."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    words = _words()
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "ets " not in line:
            continue
        tokens = _tokens(line)
        for index, token in enumerate(tokens[:-1]):
            if token.lower != "lets":
                continue
            after = tokens[index + 1].lower
            if not (after in words.lets_then or plain_verb(lex, after)):
                continue
            if not _clause_start(tokens, index, words, reported=False):
                continue
            fix = _cased("let’s", token.text)
            findings.append(finding(rule, chapter, number, token.start, token.end, fix))
    return findings


def _plural_of_noun(lex: Lexicon, word: str, words: _Words) -> bool:
    """ "captains", "neighbours": a regular plural of a noun, not a word of its own."""
    if word in lex.adjuncts or word in lex.function or word in words.compounds:
        return False
    if word in lex.flags or not word.endswith("s") or len(word) < 4:
        return False
    stems = [word[:-1]]
    if word.endswith("es"):
        stems.append(word[:-2])
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    return any("S" in _flags(lex, s) or "M" in _flags(lex, s) for s in stems)


def _owned(lex: Lexicon, word: str, words: _Words) -> bool:
    """Could the word be the thing owned: a noun, not a function word, adverb or verb form."""
    if word in lex.function or word in words.not_owned or word.endswith(("ly", "ing")):
        return False
    if lex.is_past(word) or word in lex.past or word in lex.participles:
        return False
    if not _noun(lex, word):
        return _plural_of_noun(lex, word, words) and not lex.can_be_verb(word)  # "dogs"
    return not lex.is_adjective(word)


def _adjective_then_noun(lex: Lexicon, tokens: list[_Token], index: int, words: _Words) -> bool:
    """ "his sisters mischievous hand": an adjective, then a noun."""
    adjective = tokens[index].lower
    if index + 1 >= len(tokens) or not lex.is_adjective(adjective):
        return False
    if adjective in lex.function or adjective in words.not_owned:
        return False  # "across the tiles like somebody"
    return tokens[index + 1].text.islower() and _owned(lex, tokens[index + 1].lower, words)


def _after_preposition(
    lex: Lexicon, tokens: list[_Token], index: int, words: _Words, line: str
) -> bool:
    """Is tokens[index] (after a preposition's plural) the thing owned? A noun that no
    particle follows ("the fireworks burn out"), a name before a comma ("his cousins
    Buick,"), or an adjective and then a noun."""
    owned = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if owned.text[0].isupper():
        return following is not None and following.text in ",.;:!?" and owned.text[1:].islower()
    if following is not None and following.lower in words.particles:
        return False
    return _owned(lex, owned.lower, words) or _adjective_then_noun(lex, tokens, index, words)


def possessive_in_place(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """A possessive written as a plural where the plural cannot be the subject of the
    next word: after a preposition ("from the janitors closet", "of the other persons
    dog"), or, in a story told in the past, before a plain verb that a past verb follows
    ("the guards radio just went off", "the managers car left")."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    words = _words()
    findings = []
    tenses = {chapter.file: told_in_past(chapter) for chapter in chapters}
    for chapter, number, line in prose_lines(chapters):
        tokens = _tokens(line)
        for index in range(1, len(tokens) - 1):
            plural, owned = tokens[index], tokens[index + 1]
            if not plural.text.islower() or not _plural_of_noun(lex, plural.text, words):
                continue
            if line[plural.end : plural.end + 1] in ("'", "’"):
                continue  # "the musicians' gallery": written rightly
            det = index - 1
            if tokens[det].lower in ("other", "same", "old", "young", "little") and det > 0:
                det -= 1
            if plural.text == "peoples" and tokens[index - 1].lower == "other":
                ok = owned.text.islower() and _owned(lex, owned.text, words)  # "other peoples mail"
            elif tokens[det].lower not in words.determiners:
                continue
            elif owned.lower == "not" and (det == 0 or tokens[det - 1].text in _SENTENCE_END):
                ok = _is_not(tokens, index + 2)  # "The keys not the problem."
            elif det > 0 and _object_of_past_verb(lex, tokens[det - 1].lower, words):
                ok = owned.text.islower() and _owned(lex, owned.text, words)
            elif det > 0 and tokens[det - 1].lower in words.prepositions:
                ok = _after_preposition(lex, tokens, index + 1, words, line)
                if tokens[det - 1].lower == "with" and lex.can_be_verb(owned.lower):
                    ok = False  # "with his eyes shut", "with its wheels spin"
            else:
                ok = owned.text.islower() and _owned(lex, owned.text, words)
                ok = ok and _then_past(lex, tokens, index + 2, tenses, chapter)
            if not ok:
                continue
            right = plural.text[:-1] + "’s"
            findings.append(finding(rule, chapter, number, plural.start, plural.end, right))
    return findings


def _is_not(tokens: list[_Token], index: int) -> bool:
    """After "The keys not": a determiner, an adjective or the clause's end, not -ing
    ("the lights not working") or "yet": "is" was meant ("the key's not the problem")."""
    if index >= len(tokens):
        return True
    after = tokens[index]
    return not after.lower.endswith("ing") and after.lower not in ("yet", "only", "just")


def _object_of_past_verb(lex: Lexicon, word: str, words: _Words) -> bool:
    """ "grabbed the guards radio": after a past verb that takes an object, not a clause
    or a bare verb ("knew the dogs bark", "watched the boys run"), the plural is its
    object and cannot be the subject of the next word."""
    if word in words.clause_verbs or word in lex.function:
        return False
    return word in lex.past or (_past(lex, word) and word not in lex.participles)


def _past(lex: Lexicon, word: str) -> bool:
    """A past form, also of the verbs whose doubled consonant the word list leaves out of
    its flags ("grabbed": grab/MNS)."""
    if lex.is_past(word):
        return True
    if len(word) < 6 or not word.endswith("ed") or lex.flags.get(word):
        return False
    stem = word[:-2]
    return stem[-1] == stem[-2] and stem[:-1] in lex.flags


def _then_past(
    lex: Lexicon,
    tokens: list[_Token],
    index: int,
    tenses: dict[str, bool],
    chapter: ChapterText,
) -> bool:
    """In a story told in the past: a past verb next, perhaps after an adverb."""
    if not tenses[chapter.file] or index >= len(tokens):
        return False
    word = tokens[index].lower
    if word.endswith("ly") or word in ("just", "never", "always", "still", "suddenly", "then"):
        index += 1
        if index >= len(tokens):
            return False
        word = tokens[index].lower
    return word in lex.past or (lex.is_past(word) and word not in lex.participles)


_SUBJECT_PRONOUNS = frozenset(("i", "he", "she", "we", "they"))


def plural_apostrophe(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "three apple's for sale", "several guard's stood by": a number or quantifier, then
    a noun with 's that nothing owned follows (a preposition, a past verb, "to"), so it is
    a plural: "three people's lives" and "two day's walk" are left alone. Also "the
    place's he had been": neither a possessive nor "is" stands before a subject."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    words = _words()
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "'s " not in line and "’s " not in line:
            continue
        tokens = _tokens(line)
        for index in range(1, len(tokens) - 1):
            token = tokens[index]
            if not token.text.endswith(("'s", "’s")) or not token.text.islower():
                continue
            stem = token.text[:-2]
            if stem in lex.function or "S" not in _flags(lex, stem):
                continue
            after = tokens[index + 1].lower
            if tokens[index - 1].lower not in words.quantifiers:
                if after not in _SUBJECT_PRONOUNS or tokens[index - 1].lower != "the":
                    continue  # "all the place's he had been": a relative clause's plural
            elif not (after in words.prepositions or after == "to" or _past(lex, after)):
                continue
            if after in lex.participles and after not in lex.past:
                continue
            fix = stem + ("es" if stem.endswith(("s", "x", "ch", "sh")) else "s")
            findings.append(finding(rule, chapter, number, token.start, token.end, fix))
    return findings


def verb_apostrophe(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "The plan seem's fine", "nobody agree's": 's on a word that is only a verb (the
    word list gives it -ed, never a possessive), which owns nothing
    and cannot be followed by "is": the verb's -s form is meant."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "'s" not in line and "’s" not in line:
            continue
        for token in _tokens(line):
            if not token.text.endswith(("'s", "’s")) or not token.text.islower():
                continue
            stem = token.text[:-2]
            flags = lex.flags.get(stem, "")
            if stem in lex.function or "M" in flags or stem in lex.adjuncts:
                continue
            if "D" not in flags or len(stem) < 4:
                continue
            fix = stem + ("es" if stem.endswith(("s", "x", "ch", "sh", "o")) else "s")
            findings.append(finding(rule, chapter, number, token.start, token.end, fix))
    return findings


APOSTROPHE_CHECKS: dict[str, Callable[[Rule, Sequence[ChapterText], str], list[Finding]]] = {
    "left-out-contraction": left_out_contraction,
    "its-it-is": its_it_is,
    "lets-let-us": lets_let_us,
    "possessive-in-place": possessive_in_place,
    "plural-apostrophe": plural_apostrophe,
    "verb-apostrophe": verb_apostrophe,
}
