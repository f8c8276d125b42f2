"""Sound-alikes decided by what kind of word stands beside them (word classes from `lexicon`).

A list of the nouns that follow a slipped "who's" ("who's car", "who's idea") catches only
the nouns someone thought of; the question is the same for every noun: "who is" cannot
stand before a bare noun that a verb then follows ("who's handle is better"). Each check
here asks one such question of the neighbours, by class: determiners, subjects,
auxiliaries, prepositions, nouns, adjectives, participles. Without the word list every
check is quiet (precision over recall), as in `context_checks`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from studio.errors import StudioError
from studio.findings import Finding
from studio.proofread.context_checks import (
    _names,
    comparative,
    finding,
    prose_lines,
    told_in_past,
)
from studio.proofread.lexicon import Lexicon, lexicon
from studio.proofread.pronoun_checks import (
    _BARE_PREDICATES,
    _countable,
    _ing_form,
    _noun_head,
    _object_position,
)
from studio.proofread.rules import Rule
from studio.proofread.text import ChapterText
from studio.resources import resource_path

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[.!?,;:—–“”\"()…]")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def word(self) -> bool:
        return self.text[0].isalpha()


def tokens(line: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(line)]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DETERMINERS = _words("a an the my your his her its our their this that these those every each")
_SUBJECTS = _words("i you he she it we they")
_OBJECTS = _words("me you him her it us them")
_MODALS = _words("""
will would could should might must may can shall 'll 'd won't wouldn't couldn't shouldn't
can't cannot mustn't to
""")
_FINITE = _words("""
is was were are has had does did will would could can should might must 's
isn't wasn't weren't aren't hasn't hadn't doesn't didn't won't wouldn't couldn't can't
""")
_CLAUSE_BREAK = frozenset('.!?;:—–“”"(…')


def _name(lex: Lexicon, token: Token, names: frozenset[str] = frozenset()) -> bool:
    """A capitalised word the dictionary does not know in lower case, or one the chapter
    uses mid-sentence (`names`): a name."""
    text = token.text
    if not (text[:1].isupper() and text[1:].islower() and len(text) > 2):
        return False
    if token.lower in lex.function:
        return False
    return token.lower not in lex.flags or text in names


Scan = Callable[["Context"], Iterator[tuple[Token, str]]]


def _findings(
    rule: Rule, chapters: Sequence[ChapterText], scan: Scan, lex: Lexicon | None
) -> list[Finding]:
    lex = lex or lexicon()
    if not lex.flags:
        return []
    found = []
    names = {chapter.file: _names(chapter) for chapter in chapters}
    for chapter, number, line in prose_lines(chapters):
        context = Context(lex, chapter, line, tokens(line), names[chapter.file])
        for token, right in scan(context):
            found.append(finding(rule, chapter, number, token.start, token.end, right))
    return found


@dataclass
class Context:
    """One prose line, its tokens and the word classes; what every scan reads."""

    lex: Lexicon
    chapter: ChapterText
    line: str
    toks: list[Token]

    names: frozenset[str]  # capitalised words the chapter uses mid-sentence

    def at(self, i: int) -> str:
        """The lower-case token at i ("" off either end)."""
        return self.toks[i].lower if 0 <= i < len(self.toks) else ""

    def clause_start(self, i: int) -> bool:
        return i == 0 or self.toks[i - 1].text in _CLAUSE_BREAK or self.toks[i - 1].text == ","


def _same_case(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[:1].isupper() else word


# --- who's / whose ------------------------------------------------------------------

_WHOSE_BEFORE = _words("been not never always just really still already gonna going gotten to")


def _scan_whose(c: Context) -> Iterator[tuple[Token, str]]:
    lex = c.lex
    for i, tok in enumerate(c.toks):
        low = tok.lower
        if low == "who's":
            w1, w2 = c.at(i + 1), c.at(i + 2)
            if not w1 or not c.toks[i + 1].text.islower() or w1 in _BARE_PREDICATES:
                continue
            if w1 in lex.function or w1 in lex.participles or _ing_form(lex, w1):
                continue
            if lex.is_past(w1) or lex.is_adjective(w1) or not _noun_head(lex, w1):
                continue
            past = bool(w2) and lex.is_past(w2) and w2 not in lex.participles
            verb_follows = w2 in _FINITE or past
            if lex.can_be_verb(w1) and not verb_follows:
                continue
            yield tok, _same_case("whose", tok.text)
        elif low == "whose":
            w1, w2 = c.at(i + 1), c.at(i + 2)
            if w1 in _WHOSE_BEFORE or (_ing_form(lex, w1) and w2 not in _FINITE):
                yield tok, _same_case("who’s", tok.text)


# --- quite / quiet --------------------------------------------------------------------

_LINKING = _words("""
is was were are am be been being 's not seems seemed looks looked feel felt sounds sounded
isn't wasn't aren't weren't
""")


def _plain_noun(lex: Lexicon, w: str) -> bool:
    """A noun that is no adjective, adverb or verb form ("voice", "dignity")."""
    if not w or w in lex.function or lex.is_adjective(w) or _ing_form(lex, w):
        return False
    return not lex.is_past(w) and _noun_head(lex, w) and not w.endswith("ly")


_ADJECTIVE_ENDINGS = ("ible", "able", "ous", "ful", "ive", "ical", "ic", "ent", "ant", "less")


def _adjectival(lex: Lexicon, w: str) -> bool:
    """An adjective by its flags or, for a word the list knows, by its ending."""
    return lex.is_adjective(w) or (w in lex.flags and w.endswith(_ADJECTIVE_ENDINGS))


def _scan_quite_quiet(c: Context) -> Iterator[tuple[Token, str]]:
    lex = c.lex
    for i, tok in enumerate(c.toks):
        low = tok.lower
        if low == "quite" and c.at(i - 1) in _DETERMINERS:
            w = c.at(i + 1)  # "a quite voice": quite is no adjective
            if _plain_noun(lex, w):
                yield tok, _same_case("quiet", tok.text)
        elif low == "quite" and c.at(i - 1) in ("keep", "keeps", "kept", "keeping", "stay"):
            if c.at(i + 1) in ("about", "") or c.toks[i + 1].text in _END:
                yield tok, _same_case("quiet", tok.text)  # "keep quite about it"
        elif low == "quiet" and (c.at(i - 1) in _LINKING or c.at(i - 1).endswith(("'s", "'re"))):
            w = c.at(i + 1)  # "I'm not quiet sure", "it was quiet good"
            if not w or w in lex.function:
                continue
            adjective = _adjectival(lex, w) and not _countable(lex, w)
            participle = (lex.is_past(w) or w in lex.participles) and not _countable(lex, w)
            if adjective or participle:
                yield tok, _same_case("quite", tok.text)


# --- where / were / we're -------------------------------------------------------------

_AUX = _words("do does did is are was were 's have has had can could would will should")
_STRONG_PAST = _words("""
went saw knew came took gave wrote ate ran began drank sang swam rode rose drove flew grew
threw spoke broke chose froze stole wore tore woke fell forgot hid bit shook did drew blew
""")
_WERE_FINITE = _words("was is had has 'd 'll could would will did does can might should must")
_WHERE_AFTER_CLAUSE = _words("""
think thought know knew guess hope hoped said say says sure maybe reckon bet swear mean
because cause if unless until till once when now where
""")
_WERE_PREDICATE = _words("""
not all just so still already never always here there out back almost nearly going gonna
done fine okay ok late lost stuck safe ready good through finished leaving coming
""")


def _predicate_word(lex: Lexicon, w: str) -> bool:
    """What stands after "we are" with no noun: an adjective, a participle, -ing, "not"."""
    if w in _WERE_PREDICATE:
        return True
    if w in lex.function or not w:
        return False
    if _ing_form(lex, w):
        return True
    if lex.is_past(w) or w in lex.participles:
        return True
    return lex.is_adjective(w) and not _countable(lex, w)


def _scan_where_were(c: Context) -> Iterator[tuple[Token, str]]:
    lex = c.lex
    n = len(c.toks)
    for i, tok in enumerate(c.toks):
        low = tok.lower
        if low == "where" and c.clause_start(i) and c.at(i + 1) in _SUBJECTS - {"it"}:
            w = c.at(i + 2)  # "Where you there?": were + subject + what "be" takes
            if w in ("there", "here", "ever", "really", "born", "hurt", "alone", "awake") or (
                w and not _ing_form(lex, w) and _predicative(lex, w) and _question(c, i)
            ):
                yield tok, _same_case("were", tok.text)
            continue
        if low not in ("were", "we're"):
            continue
        w1, w2 = c.at(i + 1), c.at(i + 2)
        # "So we're do we get…", "Were are you going?": where + auxiliary + subject.
        if w1 in _AUX and (w2 in _SUBJECTS or w2 == "the") and low == "we're":
            yield tok, _same_case("where", tok.text)
            continue
        if low == "were" and w1 in ("do", "does", "did", "are", "is") and w2 in _SUBJECTS:
            yield tok, _same_case("where", tok.text)
            continue
        if low != "were":
            continue
        # "…towards plot seven, were Callum was": where + subject + finite verb.
        subject = i + 1 < n and (w1 in _SUBJECTS - {"you"} or _name(lex, c.toks[i + 1], c.names))
        finite = w2 in _WERE_FINITE or w2 in _STRONG_PAST
        if subject and i > 0 and finite and c.at(i - 1) not in _SUBJECTS:
            yield tok, _same_case("where", tok.text)
            continue
        # "Were not doing this twice.", "I think were lost.": no subject before "were".
        starts = i == 0 or c.toks[i - 1].text in _CLAUSE_BREAK
        after_clause = c.at(i - 1) in _WHERE_AFTER_CLAUSE
        if (starts or after_clause) and _predicate_word(lex, w1):
            if _question(c, i):
                continue
            yield tok, _same_case("we’re", tok.text)


def _question(c: Context, i: int) -> bool:
    """Does the sentence from token i end with a question mark?"""
    for tok in c.toks[i + 1 :]:
        if tok.text in ".!…":
            return False
        if tok.text == "?":
            return True
    return False


# --- of / off -------------------------------------------------------------------------

_OFF_VERBS = _words("""
fall fell fallen jump step climb roll slide slid slip drop hop push scrape wipe brush knock
kick tear tore torn rip cut shut turn switch take took taken get got gotten head back run
ran drive drove driven fly flew flown walk storm peel lift wash rinse dust shake shook
shaken shrug throw threw thrown toss bite bit bitten break broke broken tip blow blew
blown fend ward doze nod paid slough shave
""")
_OFF_TOWARD = _words("into to towards toward down across through along home")
_OFF_END = frozenset((".", "!", "?", ",", ";", "”", '"', "and", "again", "then", "now", "before"))


def _verb_forms(lex: Lexicon, word: str) -> str | None:
    """The plain form of a regular or listed form of an off-verb ("jumped" → "jump")."""
    if word in _OFF_VERBS:
        return word
    for suffix, add in (("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", "")):
        if word.endswith(suffix):
            stem = word[: -len(suffix)] + add
            if stem in _OFF_VERBS:
                return stem
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in _OFF_VERBS:
                return stem[:-1]  # stepped, dropped
    return None


def _scan_of_off(c: Context) -> Iterator[tuple[Token, str]]:
    lex = c.lex
    for i, tok in enumerate(c.toks):
        if tok.lower != "of" or i == 0:
            continue
        j = i - 1
        after = c.at(i + 1)
        if c.at(j) in _OBJECTS - {"you"} and after in _OFF_END:
            j -= 1  # "turned it of and…"
        elif after in _OFF_END and c.at(j - 1) in _DETERMINERS and j >= 2:
            j -= 2  # "turn the tap of.", "took the day of."
        elif after in _OFF_END - {","} or after in _OFF_TOWARD:
            pass
        elif c.at(i + 1) not in _DETERMINERS | _OBJECTS and not _name_at(c, i + 1):
            continue
        verb = c.at(j)
        if not verb or _verb_forms(lex, verb) is None:
            continue
        before = c.at(j - 1)
        if before in _DETERMINERS or before in _PREPOSITIONS_OF or before.endswith("'s"):
            continue  # "the turn of the tide", "a shake of the head", "in back of"
        if verb.endswith("s") and not verb.endswith("ss") and before not in ("he", "she", "it"):
            continue  # "heads of state", "slips of paper"
        if before and lex.is_adjective(before) and not lex.can_be_verb(before):
            continue  # "a quick turn of the wheel"
        if verb == _verb_forms(lex, verb) and lex.is_noun(verb) and not _verb_slot(c, j):
            continue  # "became head of the family", "at break of day": the noun
        yield tok, "off"


def _verb_slot(c: Context, j: int) -> bool:
    """Does the word at j stand where a verb's plain form does: after a subject, a
    modal, "to" or a negative, or first in its clause (an order: "Turn of the light")?"""
    before = c.at(j - 1)
    if j == 0 or c.toks[j - 1].text in _CLAUSE_BREAK:
        return True
    return before in _SUBJECTS | _MODALS | {"please", "and", "then", "just", "did", "do"} or (
        before.endswith(("n't", "'ll", "'d"))
    )


_PREPOSITIONS_OF = _words("""
of in on at by with from for into onto over under every one another no any some first
last whole entire same
""")


def _name_at(c: Context, i: int) -> bool:
    return 0 <= i < len(c.toks) and _name(c.lex, c.toks[i])


# --- accept / except, advice / advise -------------------------------------------------

_VERB_BEFORE = _words("""
i you we they he she to 'll 'd will would could should might must may can cannot did do
does please and or not never always finally just gladly reluctantly simply also even
quickly happily ever only now then who that which
""")
_PLACES = _words("""
indoors outdoors inside outside here there home away everywhere anywhere nowhere upstairs
downstairs abroad ashore aboard overhead
""")


def _scan_accept(c: Context) -> Iterator[tuple[Token, str]]:
    lex = c.lex
    for i, tok in enumerate(c.toks):
        if tok.lower != "accept" or i == 0:
            continue
        before, after = c.at(i - 1), c.at(i + 1)
        if not after or before in _VERB_BEFORE or before.endswith(("n't", "'ll", "'d")):
            continue
        if before in lex.function and before not in _PLACES:
            continue  # "they all accept it"
        plain = lex.stem_of_plural(before) is None
        if (
            before == ","
            or before in _PLACES
            or (lex.is_past(before) and before not in ("did", "was", "were"))
            or (lex.is_adjective(before) and not lex.can_be_verb(before))
            or (plain and _countable(lex, before))  # "everything in the house accept…"
            or after == "for"
        ):
            yield tok, _same_case("except", tok.text)


# --- lead / led -----------------------------------------------------------------------

_LEAD_AFTER = _words("""
the a an him her them me us it his my their our your everyone everybody down up into out
to back away through across along onto off toward towards straight
""")
_SINGULAR_SUBJECTS = _words("he she it who which that")
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def _scan_lead(c: Context) -> Iterator[tuple[Token, str]]:
    lex = c.lex
    past: bool | None = None
    quoted: list[tuple[int, int]] | None = None
    for i, tok in enumerate(c.toks):
        if tok.lower != "lead" or i == 0 or c.at(i + 1) not in _LEAD_AFTER:
            continue
        prev = c.toks[i - 1]
        before = prev.lower
        if c.at(i - 2) in _MODALS | {"did", "does", "do", "let", "help", "make", "made"}:
            continue  # "will he lead", "let them lead"
        singular = before in ("he", "she", "it") or _name(lex, prev, c.names)
        if not singular and prev.text.islower() and before not in lex.function:
            stem = lex.stem_of_plural(before)
            singular = stem is None and _countable(lex, before)  # "the path lead down"
            plural = stem is not None
        else:
            plural = before in ("they", "we", "i", "you")
        if not (singular or plural):
            continue
        if not singular:
            past = told_in_past(c.chapter) if past is None else past
            quoted = [m.span() for m in _QUOTED.finditer(c.line)] if quoted is None else quoted
            if not past or any(a <= tok.start < b for a, b in quoted):
                continue  # "they lead the league" in the present, or said aloud
        yield tok, "led"


# --- to / too -------------------------------------------------------------------------

_TAKES_OBJECT_AND_TO = _words("""
ask tell want expect need allow force make get beg order teach help remind
urge invite encourage convince persuade dare trust pay mean warn forbid permit require
advise cause send call pick choose train prefer intend give show sell lend pass hand write
read bring take owe offer explain say mention told taught made got gave shown sold lent
brought took paid meant sent chose said wrote written given taken for
""")
_WISHES = _words("like love hate prefer")  # "I'd like you to.", but "I love you to."
_DEGREE = _words("far fast soon often quickly slowly early loudly badly easily long")
_VERB_DEGREE = _words("fast long")  # "to fast", "to long for": verbs too
_TAKES_TO = _words("""
want wants wanted need needs needed going have has had used try tried able like love hate
began begin start started decided ought got from close next up seemed seem
""")
_END = frozenset('.!?,;:”"—–…)')


def _lemma_in(word: str, lemmas: frozenset[str]) -> bool:
    """Is `word` one of `lemmas` or its regular -s, -ed, -ing form ("asked", "telling")?"""
    if word in lemmas:
        return True
    for suffix, add in (("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and word[: -len(suffix)] + add in lemmas:
            return True
    return False


def _predicative(lex: Lexicon, w: str) -> bool:
    """An adjective that is no noun, or a participle ("tired", "gone")."""
    adjective = lex.is_adjective(w) and not _countable(lex, w)
    return adjective or lex.is_past(w) or w in lex.participles


def _scan_to_too(c: Context) -> Iterator[tuple[Token, str]]:
    lex = c.lex
    for i, tok in enumerate(c.toks):
        if tok.lower != "to":
            continue
        after = c.toks[i + 1].text if i + 1 < len(c.toks) else ""
        if not after or after in _END:
            # "I love you to.", "Me to!": "to" cannot end a phrase after an object
            # unless a verb before it takes one and an infinitive ("I asked him to.").
            pronoun = c.at(i - 1)
            if pronoun == "me" and (i == 1 or c.toks[i - 2].text in _CLAUSE_BREAK):
                yield tok, _same_case("too", tok.text)
            elif pronoun in _OBJECTS - {"it"} and i >= 2 and c.toks[i - 1].text.islower():
                verb = c.at(i - 2)
                wish = _lemma_in(verb, _WISHES) and (
                    c.at(i - 3).endswith("'d") or c.at(i - 3) in ("would", "should")
                )
                if verb.isalpha() and not wish and not _lemma_in(verb, _TAKES_OBJECT_AND_TO):
                    yield tok, "too"
            continue
        y, z = after.lower(), c.at(i + 2)
        if y not in _DEGREE:
            continue
        # "to far gone", "springs back to fast it needs", "been here to long."
        if y in _VERB_DEGREE and (c.at(i - 1) in _TAKES_TO or z == "for"):
            continue
        if "from" in (c.at(i - 1), c.at(i - 2), c.at(i - 3)):
            continue  # "from near to far"
        ends = not z or z in _END or z in ("to", "it", "that")
        adjective = bool(z) and z not in lex.function and _predicative(lex, z)
        if ends or adjective:
            yield tok, "too"


# --- there / their / they're -----------------------------------------------------------

_THERE_STARTERS = _words("""
when if because cause since said says think thought know knew hope guess sure maybe unless
until while whether
""")
_THERE_NOT_PREDICATE = _words("being used too still just always never")


def _scan_there_theyre(c: Context) -> Iterator[tuple[Token, str]]:
    """ "When there ready", "she said there leaving": "there" as the subject of a
    predicate (an adjective, an -ing verb, a participle) is "they're"."""
    lex = c.lex
    for i, tok in enumerate(c.toks):
        if tok.lower != "there":
            continue
        starts = i == 0 or c.toks[i - 1].text in _CLAUSE_BREAK or c.at(i - 1) in _THERE_STARTERS
        w, z = c.at(i + 1), c.at(i + 2)
        if not starts or not w or w in _THERE_NOT_PREDICATE or not c.toks[i + 1].word:
            continue
        if w in ("not", "gonna"):
            yield tok, _same_case("they’re", tok.text)
            continue
        if w in lex.function or w in lex.past or lex.is_past(w):
            continue  # "there stood", "there lived"
        ing = _ing_form(lex, w) and z not in _FINITE
        participle = w in lex.participles
        ends = not z or z in _END or z in ("to", "for", "and")
        adjective = lex.is_adjective(w) and not _countable(lex, w)
        adjective = adjective and (ends or not lex.can_be_verb(w))
        if ing or participle or adjective:
            yield tok, _same_case("they’re", tok.text)


# --- it's / you're / they're before an adjective and a noun ---------------------------

_CONTRACTION = {"it's": "its", "you're": "your", "they're": "their"}
_DESCRIBING = _words("first last next only own new old best worst biggest favourite favorite")


def _scan_contraction_adjective(c: Context) -> Iterator[tuple[Token, str]]:
    """ "The company lost it's biggest client": after a preposition or a verb that takes
    an object, a contraction before an adjective and a noun is the possessive."""
    lex = c.lex
    for i, tok in enumerate(c.toks):
        right = _CONTRACTION.get(tok.lower)
        if right is None:
            continue
        adj, noun = c.at(i + 1), c.at(i + 2)
        if not adj or not noun or not c.toks[i + 1].text.islower():
            continue
        describing = adj in _DESCRIBING or lex.is_adjective(adj)
        if not describing or not _noun_head(lex, noun) or lex.is_adjective(noun):
            continue
        if noun in _BARE_PREDICATES or noun in lex.function:
            continue
        if _object_position(lex, c.line, tok.start):
            yield tok, _same_case(right, tok.text)


# --- contractions where a possessive goes ----------------------------------------------

_OWNING_BEFORE = _words("""
of on in into at by with from under over through across against onto off behind beneath
inside outside around along toward towards without about near upon among has had have having
""")


def _scan_contraction_owned(c: Context) -> Iterator[tuple[Token, str]]:
    """ "took off they're shoes", "has it's day": after a preposition or "has", a
    contraction before a noun (singular or plural) is the possessive."""
    lex = c.lex
    for i, tok in enumerate(c.toks):
        right = _CONTRACTION.get(tok.lower)
        if right is None or c.at(i - 1) not in _OWNING_BEFORE:
            continue
        noun = c.at(i + 1)
        if not noun or not c.toks[i + 1].text.islower() or noun in _BARE_PREDICATES:
            continue
        if noun in lex.function or noun in lex.adjuncts or not _plain_noun(lex, noun):
            continue
        if c.at(i - 1) in ("has", "had", "have", "having") and c.at(i - 2) in _SUBJECTS:
            continue  # "she has, it's…" is not written without a comma; "he had it's" is
        yield tok, _same_case(right, tok.text)


# --- then / than ------------------------------------------------------------------------

_COMPARED = _words("""
never ever usual expected planned anticipated imagined i you he she we they me him her us
them anyone anybody anything everyone everybody everything before
""")
_MORE = _words("more less rather sooner better worse further farther longer fewer")
_CLAUSE_WORDS = _words("and but when if so because while as then")


def _comparative_word(lex: Lexicon, w: str) -> bool:
    if w in lex.function:
        return w in _MORE  # "her", "after", "ever" end in -er but compare nothing
    return w in _MORE or comparative(lex, w)


def _clause_follows(lex: Lexicon, word: str) -> bool:
    """After ", than": a subject ("we ran") or a past verb ("walked away") starts a clause."""
    if word in _SUBJECTS - {"it", "you"}:
        return True
    if word in lex.bases and word not in lex.function:
        return True  # ", than put it away"
    return (word not in lex.participles and word in lex.past) or (
        word.endswith("ed") and lex.is_past(word)
    )


def _scan_then_than(c: Context) -> Iterator[tuple[Token, str]]:
    """ "Better late then never", "more people came then expected": a comparative a
    few words back, and what a comparison ends with after "then"; and ", than we ran",
    "than" after a comma with a clause and no comparative before it."""
    lex = c.lex
    for i, tok in enumerate(c.toks):
        low = tok.lower
        if low == "then" and c.at(i + 1) in _COMPARED and c.toks[i + 1].text != "I'":
            for back in (2, 3):
                gap = c.toks[i - back + 1 : i]
                if i - back < 0 or any(not g.word or g.lower in _CLAUSE_WORDS for g in gap):
                    break
                if _comparative_word(lex, c.at(i - back)):
                    yield tok, "than"
                    break
        elif low == "than" and c.at(i - 1) == "," and _clause_follows(lex, c.at(i + 1)):
            before = [t.lower for t in c.toks[max(0, i - 8) : i - 1] if t.word]
            if not any(_comparative_word(lex, w) for w in before):
                yield tok, "then"


# --- past / passed ----------------------------------------------------------------------

_PAST_AFTER = _words("""
the a an his her my your their our its him them me us away out by through on quickly slowly
""")


def _scan_past_passed(c: Context) -> Iterator[tuple[Token, str]]:
    """ "She past the ball", "the storm past quickly": "past" after a subject, where a
    verb stands, is "passed"."""
    lex = c.lex
    for i, tok in enumerate(c.toks):
        if tok.lower != "past" or i == 0:
            continue
        before, after = c.at(i - 1), c.at(i + 1)
        nxt = c.toks[i + 1].text if i + 1 < len(c.toks) else ""
        ends = after in _PAST_AFTER or after in _PAST_TIME_AFTER or after.endswith("ly")
        if not (ends or nxt in (".", "!", ",")):
            continue
        subject = before in ("i", "he", "she", "we", "they") and c.clause_start(i - 1)
        if not subject and c.at(i - 2) in ("the", "a", "an", "his", "her", "my", "their"):
            subject = _countable(lex, before) and lex.stem_of_plural(before) is None
            subject = subject and before not in _TIMES
        timed = (before in _TIMES or (lex.stem_of_plural(before) or "") in _TIMES) and (
            after in _PAST_TIME_AFTER or after.endswith("ly")
        )  # "ten minutes past before anyone spoke", "time past slowly"
        if subject or timed:
            yield tok, _same_case("passed", tok.text)


_PAST_TIME_AFTER = _words("before and as without until like in slowly quickly")
_TIMES = _words("""
night day week month year hour minute moment time morning evening afternoon summer winter
spring autumn fall season decade century age
""")


# --- sound-alikes by topic and by slot (resources/rules/topics.toml) -------------------


@dataclass(frozen=True)
class Topic:
    """One sound-alike told apart by what its sentence is about (see topics.toml)."""

    wrong: str
    right: str
    cues: frozenset[str]
    against: frozenset[str]
    fires: tuple[str, ...]
    silent: tuple[str, ...]


@dataclass(frozen=True)
class Topics:
    topics: tuple[Topic, ...]
    verb_slot: dict[str, str]


@cache
def topics() -> Topics:
    """The table, read once (a bad file is a StudioError naming it)."""
    path = resource_path("rules", "topics.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        entries = tuple(
            Topic(
                wrong=str(t["wrong"]),
                right=str(t["right"]),
                cues=frozenset(str(c).lower() for c in t["cues"]),
                against=frozenset(str(c).lower() for c in t.get("against", [])),
                fires=tuple(str(x) for x in t.get("fires", [])),
                silent=tuple(str(x) for x in t.get("silent", [])),
            )
            for t in data.get("topic", [])
        )
        slots = {str(k): str(v) for k, v in data.get("verb_slot", {}).items()}
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise StudioError(f"cannot read the sound-alike topics: {error}", path=path) from None
    return Topics(entries, slots)


_SENTENCE_END = frozenset(".!?…")


def _sentences(toks: list[Token]) -> Iterator[list[Token]]:
    current: list[Token] = []
    for tok in toks:
        current.append(tok)
        if tok.text in _SENTENCE_END:
            yield current
            current = []
    if current:
        yield current


def _holds(joined: str, wanted: frozenset[str]) -> bool:
    """Does the sentence (its words joined by spaces, padded) hold one of `wanted`?"""
    return any(f" {w} " in joined for w in wanted)


def _scan_topic(c: Context) -> Iterator[tuple[Token, str]]:
    """ "We had desert after dinner", "the dog wagged its tale": a sound-alike whose
    sentence speaks only of the other word's subject."""
    table = topics().topics
    by_wrong: dict[str, list[Topic]] = {}
    for topic in table:
        by_wrong.setdefault(topic.wrong, []).append(topic)
    for sentence in _sentences(c.toks):
        hits = [t for t in sentence if t.word and _bare(t.lower) in by_wrong]
        if not hits:
            continue
        joined = " " + " ".join(_bare(t.lower) for t in sentence if t.word) + " "
        for tok in hits:
            for topic in by_wrong[_bare(tok.lower)]:
                if _holds(joined, topic.cues) and not _holds(joined, topic.against):
                    right = topic.right + tok.text[len(_bare(tok.lower)) :]
                    yield tok, _same_case(right, tok.text)


def _bare(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


_SLOT_BEFORE = _words("""
will would could should might must may can shall cannot 'll 'd did do does gonna wanna
""")
_SLOT_ADVERBS = _words("just really never ever always also even only not probably")
_BUY_OBJECTS = _words("""
you me him her us them it a an some one myself yourself himself herself ourselves
themselves more another new everyone lunch dinner drinks tickets food
""")


def _scan_verb_slot(c: Context) -> Iterator[tuple[Token, str]]:
    """ "I could sea the lights", "I'll by you a drink": after a modal or a negative, a
    word that is never a verb is its sound-alike that is one."""
    lex, table = c.lex, topics().verb_slot
    for i, tok in enumerate(c.toks):
        right = table.get(tok.lower)
        if right is None or i == 0 or lex.can_be_verb(tok.lower) or tok.lower in lex.bases:
            continue
        j = i - 1
        if c.at(j) in _SLOT_ADVERBS:
            j -= 1
        before = c.at(j)
        slot = before in _SLOT_BEFORE or before.endswith(("n't", "'ll", "'d"))
        if not slot or (tok.lower in ("by", "bye") and c.at(i + 1) not in _BUY_OBJECTS):
            continue
        if tok.lower in ("where", "ware") and c.at(i + 1) not in _DETERMINERS | _OBJECTS:
            continue  # "I'll where my dress", not "go where you like"
        yield tok, _same_case(right, tok.text)


SOUNDALIKE_SCANS = {
    "whose-by-class": _scan_whose,
    "quite-quiet-by-class": _scan_quite_quiet,
    "where-were-by-class": _scan_where_were,
    "of-off-by-class": _scan_of_off,
    "accept-except-by-class": _scan_accept,
    "lead-led-by-class": _scan_lead,
    "to-too-by-class": _scan_to_too,
    "there-theyre-by-class": _scan_there_theyre,
    "contraction-adjective-noun": _scan_contraction_adjective,
    "contraction-owned": _scan_contraction_owned,
    "then-than-by-class": _scan_then_than,
    "past-passed-by-class": _scan_past_passed,
    "soundalike-by-topic": _scan_topic,
    "soundalike-verb-slot": _scan_verb_slot,
}


def _check(scan: Scan) -> Callable[..., list[Finding]]:
    """A story check (as in `story_checks.STORY_CHECKS`) that runs one scan."""

    def check(
        rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
    ) -> list[Finding]:
        return _findings(rule, chapters, scan, lex)

    check.__doc__ = scan.__doc__
    return check


SOUNDALIKE_CHECKS = {name: _check(scan) for name, scan in SOUNDALIKE_SCANS.items()}
