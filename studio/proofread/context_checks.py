"""Checks that look at the words around a word, with the word classes of `lexicon`.

A pattern can list "the captains log" but not every noun a writer might use, so these
checks ask what kind of word stands where: a possessive written as a plural ("my sisters
car", "Rooks wrist") is a determiner or a name, a plural, then a noun that is not a
verb, an adverb or a function word; "did/does + past" ("didn't saw", "does your mum
knew") is an auxiliary, a subject, then a past form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from studio.findings import Finding
from studio.proofread.lexicon import Lexicon, lexicon
from studio.proofread.rules import Rule
from studio.proofread.text import ChapterText

# A word's start: not inside a word or a contraction; an opening single quote may stand
# before it ('Its not fair,' in British dialogue).
_START = r"(?<![\w-])(?<![\w-]['’])"
_DETERMINER = r"(?:[Tt]he|[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Aa]n?|[Ee]very|[Ww]hose)"
_PLURAL_THEN_WORD = re.compile(
    _START + _DETERMINER + r" (?P<x>[a-z]{3,}s) (?P<y>[a-z]+)(?![\w'’-])(?P<z>\S*)"
)
_NAME_THEN_WORD = re.compile(
    r"(?<![\w-])(?<![\w-]['’])(?P<x>[A-Z][a-z]{2,}s) (?P<y>[a-z]+)(?![\w'’-])(?P<z>\S*)"
)
_NAME_MID_SENTENCE = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}(?![\w'’-])")
_AFTER_VERB_NOUN = frozenset((
    "was", "is", "had", "has", "were", "are", "would", "could", "will", "looked", "seemed",
    "lay", "sat", "stood", "hung", "felt", "smelled", "stayed", "remained", "went", "came",
))  # fmt: skip

_AUX_PAST = re.compile(
    r"(?<![\w-])(?<![\w-]['’])(?:(?P<neg>(?:[Dd]id|[Dd]oes|[Dd]o)(?:n['’]t| not))"
    r"|(?P<aux>[Dd]id|[Dd]oes|[Dd]o)"
    r"(?= (?:I|you|he|she|it|we|they|(?:my|your|his|her|our|their|the) [a-z]+) ))"
    r"(?: (?:I|you|he|she|it|we|they|(?:my|your|his|her|our|their|the) [a-z]+))?"
    r"(?: (?:really|even|ever|actually|just|never|honestly|seriously|truly|already|still))?"
    r" (?P<verb>[a-z]+)(?![\w'’-])"
)


def prose_lines(chapters: Sequence[ChapterText]) -> Iterator[tuple[ChapterText, int, str]]:
    for chapter in chapters:
        for number, line in enumerate(chapter.lines):
            if chapter.prose[number] and line.strip():
                yield chapter, number, line


def finding(
    rule: Rule,
    chapter: ChapterText,
    line: int,
    start: int,
    end: int,
    *suggestions: str,
    message: str = "",
) -> Finding:
    """The finding of `rule` on a 0-based line's [start, end) (shared by the story checks)."""
    return Finding(
        file=chapter.file,
        line=line + 1,
        column=start + 1,
        end_column=end + 1,
        kind=rule.kind,
        rule=rule.id,
        text=chapter.lines[line][start:end],
        message=message or rule.message,
        suggestions=tuple(s for s in suggestions if s),
    )


_PAST_MARKS = re.compile(r"(?<!\w)(?<!\w['’])(?:was|were|had|said|did)(?![\w'’])")
_PRESENT_MARKS = re.compile(r"(?<!\w)(?<!\w['’])(?:is|are|has|says|does)(?![\w'’])")


def told_in_past(chapter: ChapterText) -> bool:
    """Is the chapter told in the past tense? Then "the dogs bark." is not its
    narration, and a plural before a word that could be a verb reads as a possessive."""
    past = len(_PAST_MARKS.findall(chapter.text))
    return past > 2 * len(_PRESENT_MARKS.findall(chapter.text))


def _possessed(lex: Lexicon, line: str, match: re.Match[str], past: bool) -> bool:
    """Is the match's `y` the thing a possessive owns?

    Not a function word, adverb, -ing or past form. A word that could also be a verb
    ("the dogs bark") only when a verb that needs a subject follows ("…bowl was
    empty"), or, in a chapter told in the past, when no function word follows
    ("…took my sisters car." but not "the dogs bark at night").
    """
    y, z = match.group("y"), match.group("z")
    if y in lex.function or y.endswith(("ly", "ing")) or lex.is_past(y):
        return False
    if y in lex.participles or not lex.is_noun(y) or lex.is_adjective(y):
        return False  # "the shutters thin and cold", "the results depend", "fonts available"
    if not lex.can_be_verb(y):
        return True
    after = re.match(r" ([a-z]+)", line[match.end() :])
    if not z and after is not None and after.group(1) in _AFTER_VERB_NOUN:
        return True
    if not past:
        return False
    return bool(z) or after is None or after.group(1) not in lex.function


def possessive_plural(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "the captains log", "my sisters car": a possessive's apostrophe left out."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    tenses = {chapter.file: told_in_past(chapter) for chapter in chapters}
    for chapter, number, line in prose_lines(chapters):
        for match in _PLURAL_THEN_WORD.finditer(line):
            x = match.group("x")
            if x in lex.adjuncts or x in lex.function or x in lex.flags:
                continue
            stem = lex.stem_of_plural(x)
            if stem is None or not stem.isalpha():
                continue
            if _possessed(lex, line, match, tenses[chapter.file]):
                start, end = match.span("x")
                findings.append(finding(rule, chapter, number, start, end, x[:-1] + "’s"))
    return findings


def _names(chapter: ChapterText) -> frozenset[str]:
    """Capitalised words used mid-sentence in the chapter: its names."""
    return frozenset(m.group() for m in _NAME_MID_SENTENCE.finditer(chapter.text))


def name_possessive(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "Rooks wrist": a name used elsewhere in the chapter, an s, then a noun."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    names = {chapter.file: _names(chapter) for chapter in chapters}
    tenses = {chapter.file: told_in_past(chapter) for chapter in chapters}
    for chapter, number, line in prose_lines(chapters):
        known = names[chapter.file]
        for match in _NAME_THEN_WORD.finditer(line):
            x = match.group("x")
            if x[:-1] not in known or x.lower() in lex.function:
                continue
            if _possessed(lex, line, match, tenses[chapter.file]):
                start, end = match.span("x")
                findings.append(finding(rule, chapter, number, start, end, x[:-1] + "’s"))
    return findings


def auxiliary_past(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "didn't saw", "does your mum knew", "did you really listened": after do, does or
    did the verb takes its plain form."""
    lex = lex or lexicon()
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "d" not in line.lower():
            continue
        for match in _AUX_PAST.finditer(line):
            verb = match.group("verb")
            if verb in ("was", "were") or not lex.is_past(verb):
                continue
            start, end = match.span("verb")
            findings.append(finding(rule, chapter, number, start, end, ""))
    return findings


CONTEXT_CHECKS = {
    "possessive-plural": possessive_plural,
    "name-possessive": name_possessive,
    "auxiliary-past": auxiliary_past,
}


# --- Sound-alikes decided by the class of the next word ---------------------------

_WORD = r"(?P<y>[a-z]+)(?![\w'’-])"
_YOURE_ING = re.compile(
    r"(?:^|[.!?][”\"]? |[“\"]|, |— |(?<!\w)(?<!\w['’])(?i:and|but|so|if|because|when|now"
    r"|think|guess|know|hope|since|unless|cause|say|said|bet|mean|swear|promise|while"
    r"|whether|sure) )"
    r"(?P<x>[Yy]our|[Ii]ts) (?P<y>[a-z]+ing) (?P<z>[a-z]+|[!?])"
)
_FOLLOWS_PROGRESSIVE = frozenset((
    "the", "a", "an", "me", "him", "her", "us", "them", "it", "this", "that", "my", "his",
    "their", "our", "your", "to", "so", "too", "up", "out", "back", "home", "now", "really",
    "just", "all", "off", "down", "in", "at", "for", "with", "again", "anywhere", "nowhere",
    "something", "anything", "nothing", "everything", "somewhere", "?", "!",
))  # fmt: skip
# After an -ing word that is also a countable noun ("makings", "feelings"), only what
# a noun never takes: an object pronoun or a particle.
_FOLLOWS_VERB_ONLY = frozenset((
    "me", "him", "her", "us", "them", "it", "so", "up", "out", "back", "home", "now",
    "really", "just", "again", "?", "!",
))  # fmt: skip
_IRREGULAR_ING = {"lying": "lie", "dying": "die", "tying": "tie", "being": "be"}


def _progressive(lex: Lexicon, word: str, after: str) -> bool:
    """Is `word` a verb's -ing form, given the word `after` it? A countable -ing noun
    ("wedding", "building") only before what a noun never takes."""
    if word in _IRREGULAR_ING:
        return word != "being"  # "your being here" is a correct gerund
    stem = word[:-3]
    stems = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        stems.append(stem[:-1])  # getting, kidding
    if not any("G" in lex.flags.get(s, "") or s in lex.bases for s in stems):
        return False
    return "S" not in lex.flags.get(word, "") or after in _FOLLOWS_VERB_ONLY


def youre_its_progressive(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "Your going to love it", "its raining again": a possessive before a verb's -ing
    form and what only a verb takes (an object, a particle, "to") is "you're", "it's"."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "ing " not in line:
            continue
        for match in _YOURE_ING.finditer(line):
            if match.group("z") not in _FOLLOWS_PROGRESSIVE:
                continue
            if not _progressive(lex, match.group("y"), match.group("z")):
                continue
            x = match.group("x")
            right = {"your": "you’re", "its": "it’s"}[x.lower()]
            right = right.capitalize() if x[0].isupper() else right
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, right))
    return findings


_COMPARATIVE_THEN = re.compile(
    r"(?<![\w-])(?<![\w-]['’])(?:(?P<more>[Mm]ore|[Ll]ess) (?P<adj>[a-z]+)"
    r"|(?P<er>[A-Za-z][a-z]{2,}er))"
    r" (?P<x>then) (?P<z>[A-Za-z“\"'‘]\S*)"
)
_NOT_AFTER_THEN = frozenset(("and", "again", "on", "there", "too", "than", "onwards", "onward"))


def comparative(lex: Lexicon, word: str) -> bool:
    """ "bigger", "later", "happier", "wiser": an adjective's -er form (flag T)."""
    if not word.endswith("er"):
        return False
    stem = word[:-2]
    stems = [stem, word[:-1], stem[:-1] + "y" if stem.endswith("i") else ""]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        stems.append(stem[:-1])  # bigger
    return any(s and "T" in lex.flags.get(s, "") for s in stems)


def comparative_then(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "bigger then me", "more interesting then a staircase": after a comparative the
    word is "than"; "then" there is a time ("better then, before the war")."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if " then " not in line:
            continue
        for match in _COMPARATIVE_THEN.finditer(line):
            z = match.group("z").rstrip(".,;:!?”\"’'")
            if z.lower() in _NOT_AFTER_THEN or match.group("z")[-1:] in ",;:":
                continue
            er = match.group("er")
            if er is not None and not comparative(lex, er.lower()):
                continue
            adj = match.group("adj")
            if adj is not None and (adj in lex.function or not lex.known(adj)):
                continue
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, "than"))
    return findings


_TO_ADJECTIVE = re.compile(
    r"(?<![\w-])(?<![\w-]['’])(?:was|is|are|were|be|been|being|am|far|way|much|not|got|getting|get|gets"
    r"|felt|feel|feels|feeling|looked|look|looks|seemed|seem|seems|sounds|sounded|grew|went"
    r"|[A-Za-z][a-z]*['’](?:s|m|re)) (?P<x>to) (?P<y>[a-z]+)(?=[.!?,;:”\"]|$| to | for | and | of )"
)
_TOO_VERB = re.compile(r"(?<![\w-])(?<![\w-]['’])(?P<x>too) (?P<y>[a-z]+) (?P<z>[a-z]+)")
_NOT_TOO_TO = frozenset((
    "damn", "bloody", "freaking", "fucking", "goddamn", "please", "much", "many", "late",
    "long", "soon", "far", "well", "fast", "hard", "little", "few", "often", "close", "near",
    "busy", "quiet", "right", "high", "low", "deep", "short", "slow", "quick", "loud",
    "light", "dark", "bright", "clear", "open", "free", "full", "empty", "tight", "loose",
    "warm", "cool", "cold", "hot", "wet", "dry", "clean", "rough", "smooth", "thin", "fat",
    "like", "mean", "kind", "fine", "sure", "young", "old", "big", "small", "good", "bad",
    "sorry", "weird", "calm", "still", "easy", "heavy", "tired", "scared", "pretty",
    "soft", "harsh", "brief", "proud", "plain", "flat", "sharp", "blunt", "rich", "poor",
    "cheap", "shy", "bold", "ill", "sick", "numb", "raw", "ripe", "fit", "even", "alert",
    "late", "early", "slight", "real", "true", "green", "square", "level", "direct",
))  # fmt: skip


def to_too(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "It was to cold.", "far to tired to": "to" between a linking verb and an
    adjective (or a past form, "to tired") that ends the phrase is "too"."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if " to " not in line:
            continue
        for match in _TO_ADJECTIVE.finditer(line):
            y = match.group("y")
            if y in lex.function or y in lex.bases:
                continue
            verb = lex.can_be_verb(y) and line[match.end("y") : match.end("y") + 1] != " "
            adjective = lex.is_adjective(y) and not verb  # "to sick to come", not "to close."
            if not (adjective or (lex.is_past(y) and y not in lex.past)):
                continue
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, "too"))
    return findings


def too_to(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "I want too go", "she went too see him": "too" before a verb's plain form, then
    its object or a particle, is "to"."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "too " not in line:
            continue
        for match in _TOO_VERB.finditer(line):
            y, z = match.group("y"), match.group("z")
            if y in _NOT_TOO_TO or y in lex.function or lex.is_adjective(y):
                continue
            if y.endswith(("ly", "ed", "ing", "s")) or y in lex.past:
                continue
            plain_verb = y in lex.bases or "D" in lex.flags.get(y, "")
            if not plain_verb or z not in _FOLLOWS_PROGRESSIVE:
                continue
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, "to"))
    return findings


CONTEXT_CHECKS.update({
    "youre-its-progressive": youre_its_progressive,
    "comparative-then": comparative_then,
    "to-too": to_too,
    "too-to": too_to,
})  # fmt: skip


# --- Apostrophes that leave a real word -------------------------------------------

_LEFT_OUT = {"wont": "won’t", "cant": "can’t", "ill": "I’ll", "id": "I’d"}
_CONTRACTION_THEN_WORD = re.compile(
    _START + r"(?P<x>[Ww]ont|[Cc]ant|Ill|Id|(?<=[.!?,;:—“\"] )ill|(?<=^)ill) (?P<y>[a-z]+)"
    r"(?![\w'’-])"
)
_SUBJECT_CONTEXT = (
    r"(?:^|[.!?][”\"]? |[“\"]|, |— |(?<!\w)(?<!\w['’])(?i:and|but|so|if|because|when|then|that|said"
    r"|says|thought|think|knew|know|hoped|hope|promised|swore|guess|reckon|maybe|bet|unless"
    r"|until|once|before|after|while) )"
)
_SHED_WED = re.compile(_SUBJECT_CONTEXT + r"(?P<x>[Ss]hed|[Ww]ed) (?P<y>[a-z]+)(?![\w'’-])")
_AFTER_WOULD_HAD = frozenset((
    "be", "have", "never", "rather", "better", "been", "had", "always", "just", "already",
    "probably", "ever", "only", "even", "really", "gone", "done", "seen", "taken", "told",
    "said", "left", "made", "found", "lost", "forgotten", "known", "given", "come", "got",
))  # fmt: skip


def _plain_verb(lex: Lexicon, word: str) -> bool:
    """A verb's plain form ("go", "listen", "be"), not its -s, -ed or -ing form."""
    if word in lex.function and word not in ("be", "have", "do"):
        return False
    if word.endswith(("ed", "ing")) or word in lex.past or word in lex.participles:
        return False
    return word in lex.bases or word in ("be", "have", "do") or "D" in lex.flags.get(word, "")


def missing_apostrophe(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "He wont listen", "Ill be there", "she said shed call": a contraction without its
    apostrophe that spells another word (wont, cant, ill, id, shed, wed), before a verb
    only the contraction could take."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        for match in _CONTRACTION_THEN_WORD.finditer(line):
            y = match.group("y")
            if y == "to" or not (_plain_verb(lex, y) or y in _AFTER_WOULD_HAD):
                continue
            x = match.group("x")
            right = _LEFT_OUT[x.lower()]
            right = right[0].upper() + right[1:] if x[0].isupper() else right
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, right))
        for match in _SHED_WED.finditer(line):
            if match.group("y") not in _AFTER_WOULD_HAD:
                continue
            x = match.group("x")
            right = x[0] + ("he’d" if x.lower() == "shed" else "e’d")
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, right))
    return findings


_PLURAL_APOSTROPHE = re.compile(
    r"(?<![\w-])(?<![\w-]['’])(?P<x>(?P<stem>[A-Za-z][a-z]{2,})['’]s) (?P<y>are|were|have|aren['’]t"
    r"|weren['’]t|haven['’]t|all|both|themselves)(?![\w'’-])"
    r"|(?<![\w-])(?<![\w-]['’])(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred"
    r"|many|several|few|these|those|both|some|dozens of|lots of|hundreds of|thousands of)"
    r" (?P<x2>(?P<stem2>[a-z]{3,})['’]s)(?=[.!?,;:”\"]|$| and | or | were | are | had )"
)
_IRREGULAR_PLURALS = frozenset(("people", "men", "women", "children", "police", "cattle"))
_VERB_APOSTROPHE = re.compile(
    r"(?<![\w-])(?<![\w-]['’])(?:[Hh]e|[Ss]he|[Ii]t|[Ww]ho|[Ee]veryone|[Nn]obody|[Ss]omeone|[Aa]nyone"
    r"|[Ee]verybody|[Ss]omebody|[Nn]othing|[Ss]omething|[Ee]verything)"
    r"(?: (?:always|never|just|finally|then|really|still|only|even|also|usually|often))?"
    r" (?P<x>(?P<stem>[a-z]{2,})['’]s)(?![\w'’-])"
)


def apostrophe_plural(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "The dog's are barking", "three apple's", "she want's": an apostrophe added to a
    plural or to a verb's -s."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    for chapter, number, line in prose_lines(chapters):
        if "'s" not in line and "’s" not in line:
            continue
        for match in _PLURAL_APOSTROPHE.finditer(line):
            group = "x" if match.group("x") else "x2"
            stem = match.group("stem" if group == "x" else "stem2").lower()
            if stem in lex.function or stem in _IRREGULAR_PLURALS:
                continue
            named = match.group(group)[0].isupper()  # "the Smith's were out"
            if "S" not in lex.flags.get(stem, "") and not named:
                continue
            start, end = match.span(group)
            findings.append(finding(rule, chapter, number, start, end, stem + "s"))
        for match in _VERB_APOSTROPHE.finditer(line):
            stem = match.group("stem")
            if stem in lex.function or not _plain_verb(lex, stem):
                continue
            start, end = match.span("x")
            findings.append(finding(rule, chapter, number, start, end, stem + "s"))
    return findings


CONTEXT_CHECKS.update({
    "missing-apostrophe": missing_apostrophe,
    "apostrophe-plural": apostrophe_plural,
})  # fmt: skip
