"""its/it's, your/you're, their/there/they're, decided by the class of the next word.

These pairs are the most common sound-alike slips in fiction, and a word list after each
("its + not", "their + going") catches only the cases someone thought of. The question
is the same for every noun and adjective: "it's" (it is) cannot stand before a bare
countable noun ("it's wings"), a possessive cannot end a phrase ("your sure.", "over
their."), "there" cannot stand before a noun it does not own ("there car"). The word
classes come from `lexicon` (Hunspell's en_US flags); without them the checks are quiet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studio.findings import Finding
from studio.proofread.context_checks import _START, comparative, finding, prose_lines
from studio.proofread.lexicon import Lexicon, lexicon
from studio.proofread.rules import Rule
from studio.proofread.text import ChapterText


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns that do stand bare after "it's/you're/they're": mass nouns, times, materials,
# people called by what they are to the speaker ("it's Mum" written lower case).
_BARE_PREDICATES = _words("""
time fun love work money water home magic chaos war fate business luck life death hell
heaven art science history news weather cold dark night day morning evening noon midnight
summer winter spring autumn fall lunch dinner breakfast supper tea coffee bedtime school
church college gold silver glass wood stone metal paper plastic blood fire ice snow rain
nothing something everything anything okay fine kind sort part half enough rubbish
nonsense crap shit bullshit progress tradition policy protocol procedure payback karma
instinct habit math maths physics chemistry biology family trouble royalty toast company
boss man kid baby mum mom dad mother father gran nan grandma grandpa mama papa sir madam
ma'am miss dude mate pal bro sis honey love babe darling sweetheart kiddo son
fault mine yours hers ours theirs one next safe fair free wrong right true real weird
nuts dynamite poison perfection heaven agony torture murder suicide treason madness war
peace quiet silence luck skill talent genius courage nerve class style taste practice
duty honour honor pride shame guilt grief joy fear hope faith trust respect routine
ours dead gone over done out up down off back
""")
# Words after that show a noun is a time or a name ("it's party time", "it's game over").
_AFTER_BARE = frozenset(("time", "day", "night", "season", "week", "hour", "over", "out"))
# Nouns a possessive can stand for on its own ("buried their dead", "took their fill").
_NOUN_ADJECTIVES = _words("""
dead wounded injured fallen young old poor rich sick elderly missing departed beloved
best worst own last due fill right left lot share turn betters elders kind sort type like
ilk usual hardest finest utmost damnedest bit part
""")


def _ing_form(lex: Lexicon, word: str) -> bool:
    if not word.endswith("ing") or len(word) < 5:
        return False
    stems = [s for s in (word[:-3], word[:-3] + "e", word[:-4]) if len(s) > 1]
    return any("G" in lex.flags.get(s, "") or s in lex.bases for s in stems)


def _countable(lex: Lexicon, word: str) -> bool:
    """A noun in the singular ("wing", "car"): takes a plural (S) or a possessive (M),
    and is not an adjective, a function word or a verb form. (The word list does not
    always say S: "wings" is made another way, so M counts too.)"""
    if word in lex.function or word.endswith("ly") or lex.is_past(word):
        return False
    if _ing_form(lex, word):
        return False  # a verb's -ing form ("going", "letting"), not "wing" or "king"
    flags = lex.flags.get(word, "")
    return ("S" in flags or "M" in flags) and not lex.is_adjective(word)


def _plural_of_noun(lex: Lexicon, word: str) -> bool:
    """A regular plural of a noun the list knows ("wings", "boxes", "stories")."""
    if not word.endswith("s") or len(word) < 4 or word in lex.adjuncts:
        return False
    stems = [word[:-1]]
    if word.endswith("es"):
        stems.append(word[:-2])
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    return any(_countable(lex, stem) for stem in stems)


def _noun_head(lex: Lexicon, word: str) -> bool:
    """A countable noun, singular or a regular plural ("wing", "wings")."""
    return _countable(lex, word) or _plural_of_noun(lex, word)


_ADJECTIVE_ENDINGS = ("ic", "al", "ous", "ive", "ful", "less", "able", "ible", "ent", "ant",
                      "ary", "ish", "teen", "ty", "est")  # fmt: skip


def _bare_countable(lex: Lexicon, word: str) -> bool:
    """A singular noun that takes a plural (S) and cannot be a predicate on its own:
    not an adjective by its ending ("genetic", "eighteen"), not a comparative."""
    if word.endswith(_ADJECTIVE_ENDINGS) or word in ("better", "worse", "hundred", "dozen"):
        return False
    if word in lex.bases:
        return False  # "it's set", "it's cut": a past participle like its plain form
    if word.endswith("er") and comparative(lex, word):
        return False
    return _countable(lex, word) and "S" in lex.flags.get(word, "")


_CONTRACTION_NOUN = re.compile(
    _START + r"(?P<x>(?P<who>[Ii]t|[Yy]ou|[Tt]hey)['’](?:s|re)) (?P<y>[a-z]+)(?P<z> [a-z]+)?"
)
_POSSESSIVE = {"it": "its", "you": "your", "they": "their"}
_PREPOSITIONS = _words("""
of on in into at by with from to for under over through across against onto off behind
beneath inside outside around along toward towards without about near past upon among
""")
# Verbs that take a clause ("I knew it's true", "she said you're home"): after them the
# contraction is the start of that clause.
_CLAUSE_VERBS = _words("""
knew know knows think thought thinks said say says guess guessed hope hoped hopes bet
swear swore realised realized realise realize figured figure felt feel feels seemed seems
suppose supposed believe believed believes saw see sees heard hear hears noticed notice
reckon reckoned reckons told tell tells wish wished meant mean means decided promise
promised admit admitted understand understood remember remembered forgot forget sure
is was are were am be been
""")
_FINITE_BE_HAVE = _words("is was are were has had isn't wasn't hasn't hadn't isn’t wasn’t")


def _verb_follows(lex: Lexicon, word: str) -> bool:
    """Is `word` a finite verb, so the noun before it is a subject ("it's engine roared",
    "you're mom called"), which "it is"/"you are" + noun cannot be?"""
    return word in _FINITE_BE_HAVE or word in lex.past or lex.is_past(word)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)(?:[’'][a-z]+)? $")


def _object_position(lex: Lexicon, line: str, start: int) -> bool:
    """Is the word at `start` where a possessive goes, after a preposition or a verb
    that takes an object ("folded it's wings", "in you're car"), not at a clause start?"""
    before = _WORD_BEFORE.search(line, 0, start)
    if before is None:
        return False
    word = before.group(1).lower()
    if word in _PREPOSITIONS:
        return True
    if word in _CLAUSE_VERBS or word in lex.function:
        return False
    return lex.is_past(word) or word in lex.past or lex.can_be_verb(word)


def contraction_before_noun(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "The gull folded it's wings", "in you're car", "sold they're house": after a
    preposition or a verb that takes an object, "it is", "you are", "they are" cannot
    stand before a bare countable noun; the possessive is meant. Plurals only after
    "it's" ("you're friends" is right); at a clause start nothing is said, since "it's
    chapter three" and "you're boss now" are fiction's own."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "'" not in line and "’" not in line:
            continue
        for match in _CONTRACTION_NOUN.finditer(line):
            who, y = match.group("who").lower(), match.group("y")
            if (who == "it") != match.group("x").lower().endswith("s"):
                continue  # "it're", "you's": not these
            if y in _BARE_PREDICATES or y in lex.adjuncts:
                continue
            z = (match.group("z") or "").strip()
            if z in _AFTER_BARE:
                continue
            owned = _bare_countable(lex, y) or (who == "it" and _plural_of_noun(lex, y))
            if not (owned or (_countable(lex, y) and _verb_follows(lex, z))):
                continue  # "it's execution was flawless": a subject, so "its"
            if not (_object_position(lex, line, match.start()) or _verb_follows(lex, z)):
                continue
            right = _POSSESSIVE[who]
            right = right.capitalize() if match.group("x")[0].isupper() else right
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, right))
    return findings


_POSSESSIVE_ENDS = re.compile(
    r"(?<![\w-])(?<![\w-]['’])(?P<x>[Yy]our|[Ii]ts|[Tt]heir) (?P<y>[a-z]+)"
    r"(?=[.!?,;:”\"]|$| (?:to|that|about|enough|now|again|anyway|though)\b)"
)
_SIDES = frozenset(("right", "left"))
_ON_A_SIDE = re.compile(r"(?i:on|to|at|from|by|in|with|of|and|or) $")
_CONTRACTED = {"your": "you’re", "its": "it’s", "their": "they’re"}


def possessive_before_predicate(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "I think your right.", "its broken.", "their sure to win": a possessive needs a
    noun after it; before an adjective or a past form that ends the phrase, "you're",
    "it's", "they're" is meant."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        for match in _POSSESSIVE_ENDS.finditer(line):
            y = match.group("y")
            if y in _SIDES and _ON_A_SIDE.search(line, 0, match.start()):
                continue  # "on your right"
            if (y in _NOUN_ADJECTIVES and y not in _SIDES) or y in lex.function:
                continue
            describes = lex.is_adjective(y) or "Y" in lex.flags.get(y, "")  # takes -ly
            adjective = describes and (
                not _countable(lex, y) or y.endswith(_ADJECTIVE_ENDINGS)
            )  # "its brilliant.": an adjective that is a noun too, by its ending
            past = lex.is_past(y) or y in lex.participles
            if not (adjective or past):
                continue
            x = match.group("x")
            right = _CONTRACTED[x.lower()]
            right = right.capitalize() if x[0].isupper() else right
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, right))
    return findings


_THERE_NOUN = re.compile(_START + r"(?P<x>[Tt]here) (?P<y>[a-z]+)(?P<z> [a-z]+)?(?![\w'’-])")
_PREVIOUS = re.compile(r"([A-Za-z]+(?:['’][a-z]+)?) $")
# Words before a "there" that is a place or the start of "there is": "over there boats".
_BEFORE_PLACE = _words("""
is are was were be been being isn't wasn't aren't weren't isn’t wasn’t aren’t weren’t
over out in up down from back right to get got go went here
""")
# Words "there" is followed by as an adverb or an existential: verbs, times.
_AFTER_THERE = _words("""
stands stood comes came goes went lies lay lives lived remains remained exists existed
seems seemed appears appeared sits sat hangs hung rises rose runs ran follows followed grows
grew used arose emerged rests rested waits waited burns burned shone shines floats floated
hovers hovered looms loomed sprang begins began opens opened falls fell happens happened
occurs occurred forms formed broke sounds sounded rings rang echoes echoed flashes flashed
glows glowed sleeps slept walks walked lurks lurked gathers gathered passes passed lives
days weeks years months hours minutes seconds nights mornings evenings times ages decades
years day week year month hour minute second night morning evening afternoon time once
twice yesterday today tomorrow tonight lately
""")
# Nouns that often have verb flags too ("hand", "mother") but after "there" are owned.
_OWNED = _words("""
mother father mom mum dad parents brother sister son daughter kids children friends family
hands hand eyes faces heads names car house home room rooms bags bag things stuff clothes
coats shoes boots keys phones lives way money jobs work own wives husbands horses dogs
""")


def there_before_noun(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "They packed there bags", "there mother called": "there" before a noun it is
    not the subject of is the possessive "their"."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "here " not in line:
            continue
        for match in _THERE_NOUN.finditer(line):
            previous = _PREVIOUS.search(line, 0, match.start())
            if previous is not None and previous.group(1).lower() in _BEFORE_PLACE:
                continue
            if line[: match.start()].lower().endswith("here and "):
                continue  # "here and there"
            y = match.group("y")
            if y in _AFTER_THERE or y in lex.function or y in lex.adjuncts:
                continue
            z = (match.group("z") or "").strip()
            if z in ("ago", "later", "earlier", "before", "after", "long"):
                continue
            owned = y in _OWNED or _plural_of_noun(lex, y)
            if not owned and (not _countable(lex, y) or lex.can_be_verb(y)):
                continue
            start, end = match.span("x")
            right = "Their" if match.group("x")[0] == "T" else "their"
            findings.append(finding(rule, chapter, number, start, end, right))
    return findings


PRONOUN_CHECKS = {
    "contraction-before-noun": contraction_before_noun,
    "possessive-before-predicate": possessive_before_predicate,
    "there-before-noun": there_before_noun,
}
