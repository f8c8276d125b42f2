"""Context checks with word classes: from a Hunspell word list written here, so the
outcome does not depend on which dictionary version is installed, and quiet (with a
clear problem) when there is no word list at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.proofread import ChapterText, load_rules
from studio.proofread.context_checks import auxiliary_past, name_possessive, possessive_plural
from studio.proofread.lexicon import Lexicon, load_lexicon, problem

RULES = {rule.id: rule for rule in load_rules()}

# A few stems with SCOWL's en_US flags: S plural, D -ed, G -ing, M possessive, T -est.
WORDS = ["captain/MS", "log/MSDG", "sister/MS", "car/MS", "bark/MSDG", "dog/MS", "old/TP",
         "want/SDG", "listen/SDG", "know/SG", "rook/MS", "wrist/MS"]  # fmt: skip


@pytest.fixture
def lex(tmp_path: Path) -> Lexicon:
    dic = tmp_path / "en_US.dic"
    dic.write_text(f"{len(WORDS)}\n" + "\n".join(WORDS) + "\n", encoding="utf-8")
    return load_lexicon(dic)


def spans(findings: list[object]) -> list[str]:
    return [f.text for f in findings]  # type: ignore[attr-defined]


def test_word_classes_come_from_the_flags(lex: Lexicon) -> None:
    assert lex.stem_of_plural("captains") == "captain"
    assert lex.stem_of_plural("logs") == "log"
    assert lex.can_be_verb("log") and not lex.can_be_verb("car")
    assert lex.is_past("wanted") and lex.is_past("knew") and not lex.is_past("car")
    assert lex.is_adjective("old") and not lex.is_adjective("dog")


def test_possessive_plural_fires_on_a_noun_and_not_on_a_verb(lex: Lexicon) -> None:
    rule = RULES["possessive-plural-any"]
    text = [ChapterText("x.md", "She was out. She had borrowed my sisters car.")]
    assert spans(possessive_plural(rule, text, "en_US", lex=lex)) == ["sisters"]
    quiet = [ChapterText("x.md", "The dogs bark at night.")]
    assert possessive_plural(rule, quiet, "en_US", lex=lex) == []


def test_name_possessive_needs_the_name_elsewhere(lex: Lexicon) -> None:
    rule = RULES["name-possessive"]
    text = [ChapterText("x.md", "Ask Rook. She held Rooks wrist.")]
    assert spans(name_possessive(rule, text, "en_US", lex=lex)) == ["Rooks"]
    alone = [ChapterText("x.md", "She held Rooks wrist.")]
    assert name_possessive(rule, alone, "en_US", lex=lex) == []


def test_auxiliary_past_flags_the_verb(lex: Lexicon) -> None:
    rule = RULES["auxiliary-past"]
    text = [ChapterText("x.md", "Did you really listened to this? Does she knew?")]
    assert spans(auxiliary_past(rule, text, "en_US", lex=lex)) == ["listened", "knew"]


def test_without_a_word_list_the_checks_are_quiet_and_say_why(tmp_path: Path) -> None:
    lex = load_lexicon(None)
    assert lex.flags == {}
    rule = RULES["possessive-plural-any"]
    text = [ChapterText("x.md", "She was out. She had borrowed my sisters car.")]
    assert possessive_plural(rule, text, "en_US", lex=lex) == []
    assert "sudo apt-get install hunspell-en-us" in problem(lex)
    unreadable = load_lexicon(tmp_path / "missing" / "en_US.dic")
    assert unreadable.flags == {}


def test_no_problem_with_a_word_list(lex: Lexicon) -> None:
    assert problem(lex) == ""
