"""The sound-alike topic table (resources/rules/topics.toml): each entry fires on its own
examples, on the word it names, and stays quiet on its counter-examples."""

from __future__ import annotations

import pytest

from studio.proofread import ChapterText, load_rules, rule_findings
from studio.proofread.lexicon import lexicon
from studio.proofread.soundalike_checks import Topic, topics

RULE = next(r for r in load_rules() if r.id == "soundalike-by-topic")


def flagged(text: str) -> list[tuple[str, tuple[str, ...]]]:
    findings = rule_findings([ChapterText("x.md", text)], "en_US", [RULE])
    return [(f.text, f.suggestions) for f in findings]


def test_every_entry_has_examples_both_ways() -> None:
    for topic in topics().topics:
        assert topic.fires and topic.silent and topic.cues, topic.wrong


@pytest.mark.parametrize("topic", topics().topics, ids=lambda t: f"{t.wrong}-{t.right}")
def test_topic_fires_on_the_wrong_word(topic: Topic) -> None:
    for example in topic.fires:
        found = flagged(example)
        assert found, f"{topic.wrong} should fire on {example!r}"
        text, suggestions = found[0]
        assert text.lower().startswith(topic.wrong), example
        assert suggestions[0].lower().startswith(topic.right), example


@pytest.mark.parametrize("topic", topics().topics, ids=lambda t: f"{t.wrong}-{t.right}")
def test_topic_is_silent_on_its_counter_examples(topic: Topic) -> None:
    for example in topic.silent:
        assert flagged(example) == [], f"{topic.wrong} should not fire on {example!r}"


def test_verb_slot_words_are_never_verbs_in_the_word_list() -> None:
    """An entry the word list knows as a verb would never fire: the table says so."""
    lex = lexicon()
    for wrong in topics().verb_slot:
        assert not lex.can_be_verb(wrong), wrong
