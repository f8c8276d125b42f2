"""Proofreading rules: each fires on its own example and stays silent on its counter-example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.proofread import (
    ChapterText,
    Rule,
    ignore_finding,
    ignore_rule,
    load_rules,
    project_findings,
    rule_findings,
)
from studio.proofread.rules import rules_from_file
from studio.resources import sample_project
from studio.story import Project

RULES = {rule.id: rule for rule in load_rules()}


def found(rule: Rule | str, text: str, tag: str = "en_US") -> list[tuple[str, tuple[str, ...]]]:
    rule = RULES[rule] if isinstance(rule, str) else rule
    return [
        (f.text, f.suggestions) for f in rule_findings([ChapterText("x.md", text)], tag, [rule])
    ]


@pytest.fixture(autouse=True)
def personal_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def sample(tmp_path: Path) -> Project:
    dest = tmp_path / "story"
    shutil.copytree(sample_project(), dest)
    return Project.load(dest)


def test_every_rule_has_examples_both_ways() -> None:
    assert len(RULES) >= 19
    for rule in RULES.values():
        assert rule.fires and rule.silent, rule.id
        assert rule.message, rule.id


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_rule_fires_on_its_examples(rule: Rule) -> None:
    for example in rule.fires:
        assert found(rule, example), f"{rule.id} should fire on {example!r}"


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_rule_is_silent_on_its_counter_examples(rule: Rule) -> None:
    for example in rule.silent:
        assert found(rule, example) == [], f"{rule.id} should not fire on {example!r}"


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("split-self", "She told her self it was duty.", ("her self", ("herself",))),
        ("split-without", "With out a word.", ("With out", ("Without",))),
        ("alot", "Alot of boats.", ("Alot", ("A lot",))),
        ("could-of", "You should of seen it.", ("of", ("have",))),
        ("their-was", "Their was a light.", ("Their was", ("There was",))),
        ("your-youre", "Your kidding.", ("Your kidding", ("You’re kidding",))),
        ("then-than", "more then she knew", ("then", ("than",))),
        ("its-own", "a mind of it's own", ("it's", ("its",))),
        ("doubled-word", "over the the water", ("the the", ("the",))),
        ("doubled-word", "The the lamp", ("The the", ("The",))),
        ("missing-space", "to Mr.Gordo.", ("Mr.", ("Mr. ",))),
        ("double-space", "The lamp  turned.", ("  ", (" ",))),
        ("half-and-hour", "half and hour", ("half and hour", ("half an hour",))),
        ("didnt-past", "She didn't knew.", ("didn't knew", ())),
    ],
)
def test_rule_suggestions(rule: str, text: str, expected: tuple[str, tuple[str, ...]]) -> None:
    assert found(rule, text) == [expected]


def test_mixed_checks_flag_the_minority_style() -> None:
    text = '“Hi,” she said.\n\n“Hello.”\n\n"Bye."\n'
    assert found("mixed-quotes", text) == [('"', ("“",)), ('"', ("”",))]
    text = "It faded… and came back…\n\nThen... nothing.\n"
    assert found("mixed-ellipsis", text) == [("...", ("…",))]
    text = "The colour of the sea.\n\nThe colours faded to grey.\n\nThe color.\n"
    assert found("mixed-spelling", text) == [("color", ("colour",))]


def test_mixed_spelling_tie_goes_with_the_story_dictionary() -> None:
    text = "The colour of the sea.\n\nThe color of the sky.\n"
    assert found("mixed-spelling", text, "en_GB") == [("color", ("colour",))]
    assert found("mixed-spelling", text, "en_US") == [("colour", ("color",))]


def test_unclosed_quote_points_at_the_opening_mark() -> None:
    chapter = ChapterText("x.md", "Calm.\n\nShe said, “Who are you?\n\nNo answer.\n")
    [finding] = rule_findings([chapter], "en_US", [RULES["unclosed-quote"]])
    assert (finding.line, finding.column, finding.text) == (3, 11, "“")


def test_lyrics_blocks_and_code_are_not_proofread() -> None:
    text = (
        "Prose with the the slip.\n\n"
        '::: {.lyrics song="x"}\nla la la, the the night\n:::\n\n'
        "```\nthe the\n```\n"
    )
    findings = rule_findings([ChapterText("x.md", text)], "en_US", [RULES["doubled-word"]])
    assert [(f.line, f.column) for f in findings] == [(1, 12)]


def test_columns_count_characters() -> None:
    [finding] = rule_findings(
        [ChapterText("x.md", "“Né” — café the the end")], "en_US", [RULES["doubled-word"]]
    )
    assert (finding.column, finding.end_column) == (13, 20)


def test_sample_story_has_exactly_its_planted_slips(sample: Project) -> None:
    assert [(f.file, f.line, f.rule, f.text) for f in project_findings(sample)] == [
        ("chapters/01-the-signal.md", 3, "split-self", "her self"),
        ("chapters/01-the-signal.md", 22, "split-without", "with out"),
        ("chapters/01-the-signal.md", 22, "doubled-word", "the the"),
        ("chapters/02-low-tide.md", 3, "spelling", "definately"),
        ("chapters/02-low-tide.md", 28, "spelling", "wierd"),
        ("story.toml", 16, "spelling", "chilhood"),
        ("story.toml", 19, "alot", "alot"),
    ]


def test_ignores_are_kept_in_story_toml(sample: Project) -> None:
    findings = project_findings(sample)
    doubled = next(f for f in findings if f.rule == "doubled-word")
    chapter = sample.chapters[0]
    line = sample.read_chapter(chapter).splitlines()[doubled.line - 1]
    ignore_finding(sample, doubled, line)
    ignore_rule(sample, "split-self")
    assert sample.save()
    toml = sample.story_file.read_text(encoding="utf-8")
    assert "# the story is written in British English" in toml  # comments kept
    assert 'ignore_rules = ["split-self"]' in toml
    assert 'context = "and looked out over the the dark water for a bo"' in toml

    fresh = Project.load(sample.root)
    assert [f.rule for f in project_findings(fresh)] == [
        "split-without", "spelling", "spelling", "spelling", "alot"
    ]  # fmt: skip

    # Lines above change: still ignored. Its own sentence changes: it comes back.
    text = sample.read_chapter(chapter)
    sample.write_chapter(chapter, "A new first paragraph.\n\n" + text)
    assert "doubled-word" not in [f.rule for f in project_findings(fresh)]
    sample.write_chapter(chapter, text.replace("over the the dark", "across the the dark"))
    assert "doubled-word" in [f.rule for f in project_findings(fresh)]


def test_a_broken_rules_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[rules]]\nid = "x"\nkind = "grammar"\nmessage = "m"\npattern = "("\n')
    with pytest.raises(StudioError, match=r"bad\.toml: rule “x”: bad pattern"):
        rules_from_file(path)
    path.write_text('[[rules]]\nid = "y"\nkind = "style"\nmessage = "m"\npattern = "a"\n')
    with pytest.raises(StudioError, match="rule “y”: missing or bad field"):
        rules_from_file(path)


CLEAN_PROSE = """\
“You’re late,” said Mr. Gordo, and he had had enough of waiting. “It’s nearly dawn.”

She said that that was fine. It was better then, before the radio; she would rather
stay than go, and she did not know what to use to fix it. Their boat was gone. Your
boat is here, and your so-called friend with it. The gull folded its wings.

“Wait… listen.” Bye bye, she thought. The U.S. Navy had a mind of its own, and
so did she. She told herself it was duty, without a doubt, and someone agreed.

“This speech runs on into a second paragraph, as speeches do.

“And here it ends,” she said. *Hold it high.* Half an hour later the sea was grey.
"""


def test_clean_fiction_trips_no_rule() -> None:
    assert rule_findings([ChapterText("x.md", CLEAN_PROSE)], "en_GB") == []


def test_a_rule_finding_replaces_the_spelling_finding_on_the_same_word(sample: Project) -> None:
    chapter = sample.chapters[2]
    sample.write_chapter(chapter, "She liked him alot. The color of the sea.\n")
    found = [(f.rule, f.text) for f in project_findings(sample) if f.file == chapter.file]
    assert found == [("alot", "alot"), ("mixed-spelling", "color")]


CLEAN_CHAPTER = """\
Maren didn’t answer at first. The kettle ticked on the hob; outside, the gulls
wheeled over the harbour, grey against greyer cloud.

“You’re certain?” Ezra asked. “Because I’ve checked the log twice — *twice* — and
there’s nothing on channel sixteen after midnight.”

“I’m certain.” She set the mug down. “It’s the same song. Mum’s song.”

He rubbed his eyes. It was half an hour before either of them spoke again, and when
Ezra did, it was only to say, “Well… then we listen again tonight.”

* * *

The lamp turned. The sea-green water went black, then silver, then black again, and
somewhere under the static a voice she hadn’t heard in twenty-six years began to sing.
"""


def test_a_clean_chapter_has_no_findings_at_all(sample: Project) -> None:
    chapter = sample.chapters[2]
    # The sample's other chapters use straight double quotes; so does this one.
    sample.write_chapter(chapter, CLEAN_CHAPTER.replace("“", '"').replace("”", '"'))
    assert [f for f in project_findings(sample) if f.file == chapter.file] == []
