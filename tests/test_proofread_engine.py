"""The grammar engine under Studio's rules, story.toml fields, likely names, the cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from studio.findings import Finding
from studio.proofread import ChapterText, StorySettings, check_texts, project_findings
from studio.proofread.fields import STORY_FILE, field_texts
from studio.proofread.grammar_cache import CACHE_FILE, GrammarCache
from studio.proofread.grammar_tier import grammar_findings, merge
from studio.proofread.harper_lints import HarperChecker
from studio.resources import sample_project
from studio.story import Project

SETTINGS = StorySettings("en_US", frozenset(), frozenset(), frozenset())


@pytest.fixture(autouse=True)
def personal_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def sample(tmp_path: Path) -> Project:
    dest = tmp_path / "story"
    shutil.copytree(sample_project(), dest, ignore=shutil.ignore_patterns(".studio"))
    return Project.load(dest)


def check(text: str) -> list[Finding]:
    return check_texts(SETTINGS, [ChapterText("x.md", text)], grammar=SETTINGS.grammar_checker())


def test_harper_finds_what_no_studio_rule_does() -> None:
    found = {(f.rule, f.text) for f in check("He had went home.\n")}
    assert found == {("harper:SimplePastToPastParticiple", "went")}


def test_dialect_in_dialogue_stays_quiet() -> None:
    assert check('"They was late," he said. "He had went home."\n') == []
    assert [f.rule for f in check("They was late.\n")] == ["harper:PronounInflectionBe"]


def test_what_fiction_does_on_purpose_is_not_a_harper_finding() -> None:
    # a spaced dash, a speech cut off, "had had", "every one of"
    meant = (
        "He went sideways — and then he stood.\n\n"
        '"Boone —"\n\n'
        "She had had enough. He wrote every one of them.\n"
    )
    assert [f.rule for f in check(meant)] == []
    # the same lints still find real slips
    slips = "It was  late.\n\nShe opened the the door.\n"
    rules = {f.rule for f in check(slips)}
    assert "double-space" in rules or "harper:Spaces" in rules
    assert "doubled-word" in rules or "harper:RepeatedWords" in rules


def test_profile_keeps_confusions_harper_files_under_a_dropped_kind() -> None:
    # Harper calls "cant" an Enhancement (a kind the profile drops); `keep` keeps it.
    lints = HarperChecker("en_US").lint("The dog cant swim.")
    assert [(lint.rule, lint.kind) for lint in lints] == [("harper:Cant", "grammar")]


def test_one_finding_per_span_and_studio_wins() -> None:
    findings = check("He could of gone home.\n")
    on_of = [f for f in findings if f.column <= 10 < f.end_column]
    assert [f.rule for f in on_of] == ["could-of"]


def test_merge_keeps_ours_and_drops_overlaps() -> None:
    def at(rule: str, start: int, end: int) -> Finding:
        return Finding("x.md", 1, start, end, "grammar", rule, "t", "m")  # type: ignore[arg-type]

    kept = merge([at("ours", 5, 9)], [at("a", 7, 12), at("b", 12, 14), at("c", 13, 15)])
    assert [f.rule for f in kept] == ["ours", "b"]


def test_fiction_stays_quiet() -> None:
    text = (
        "Okay. Alright, fine. And then she left, which was the whole point, really, and the\n"
        "rain came down on the roofs, the cars, the long grey road.\n\n"
        '"Ain\'t nobody gonna stop me," Jess said. "Not now. Not ever."\n\n'
        "Red, white, and blue. A fragment. Another.\n"
    )
    assert [(f.rule, f.text) for f in check(text) if f.kind != "spelling"] == []


def test_likely_name_is_one_grouped_finding() -> None:
    text = "Kessler ran.\n\nThey called Kessler twice, and Kessler came; even Kessler's dog did.\n"
    findings = [f for f in check(text) if f.kind == "spelling"]
    assert [(f.rule, f.line, f.text) for f in findings] == [("likely-name", 1, "Kessler")]
    assert "4 times" in findings[0].message


def test_a_story_word_used_three_times_is_one_grouped_finding() -> None:
    """A world's own lower-case word ("wyrdlight") is grouped like a name; a word the
    dictionary lacks that is used once or twice stays a spelling finding."""
    text = (
        "The wyrdlight rose.\n\nShe watched the wyrdlight fade, and the wyrdlight's glow.\n\n"
        "It was definately late. He said so, definately.\n"
    )
    findings = [f for f in check(text) if f.kind == "spelling"]
    assert [(f.rule, f.line, f.text) for f in findings] == [
        ("likely-name", 1, "wyrdlight"),
        ("spelling", 5, "definately"),
        ("spelling", 5, "definately"),
    ]
    assert "3 times" in findings[0].message and "own" in findings[0].message


def test_a_typo_at_a_sentence_start_is_not_a_name() -> None:
    findings = [f for f in check("Teh boat sank.\n") if f.kind == "spelling"]
    assert [(f.rule, f.text) for f in findings] == [("spelling", "Teh")]


def test_fields_are_placed_where_they_are_in_story_toml() -> None:
    source = (
        '[work]\ntitle = "Salt"\nsummary = """\nA tale.\nOf the see."""\n'
        'tags = ["Fluff", "Fluff and Angst"]\n\n[[chapters]]\ntitle = "One"\n'
    )
    lines = source.splitlines()
    for field in field_texts(source):
        line, column = field.start
        value = field.text.lstrip("\n ")
        assert lines[line - 1][column - 1 :].startswith(value.split("\n")[0]), field.key
    keys = [f.key for f in field_texts(source)]
    assert keys == [
        "work.title", "work.summary", "work.tags[0]", "work.tags[1]", "chapters[0].title"
    ]  # fmt: skip
    tags = [f for f in field_texts(source) if f.key.startswith("work.tags")]
    assert [f.start for f in tags] == [(6, 10), (6, 19)]


def test_slips_in_story_toml_point_at_file_key_and_column(sample: Project) -> None:
    sample.work.summary = "Their going to the harbour, where the singal waits."
    sample.chapters[0].title = "The Sginal"
    sample.save()
    sample = Project.load(sample.root)
    found = [f for f in project_findings(sample) if f.file == STORY_FILE]
    lines = (sample.root / STORY_FILE).read_text(encoding="utf-8").splitlines()
    by_text = {f.text: f for f in found}
    for text, key in (("Their", "work.summary"), ("singal", "work.summary"),
                      ("Sginal", "chapters[0].title")):  # fmt: skip
        finding = by_text[text]
        assert finding.field == key
        line = lines[finding.line - 1]
        assert line[finding.column - 1 : finding.end_column - 1] == text


def test_a_slip_after_an_escape_in_story_toml_points_at_its_column(sample: Project) -> None:
    sample.work.summary = 'She says "wait" and\tthe singal waits.'  # saved as \" and \t
    sample.save()
    sample = Project.load(sample.root)
    lines = (sample.root / STORY_FILE).read_text(encoding="utf-8").splitlines()
    assert any('\\"wait\\"' in line for line in lines)  # written with escapes
    found = [f for f in project_findings(sample) if f.file == STORY_FILE and f.text == "singal"]
    assert [f.field for f in found] == ["work.summary"]
    line = lines[found[0].line - 1]
    assert line[found[0].column - 1 : found[0].end_column - 1] == "singal"


def test_grammar_cache_rechecks_only_what_changed(sample: Project) -> None:
    checker = HarperChecker("en_US")
    chapters = [ChapterText(c.file, sample.read_chapter(c)) for c in sample.chapters]
    folder = sample.root / ".studio"
    first = GrammarCache.load(folder, checker.digest)
    before = grammar_findings(chapters, checker, first)
    first.save(folder)
    assert (folder / CACHE_FILE).is_file() and first.misses > 0

    again = GrammarCache.load(folder, checker.digest)
    assert grammar_findings(chapters, checker, again) == before
    assert again.misses == 0 and again.hits == first.hits + first.misses

    changed = [*chapters[:-1], ChapterText(chapters[-1].file, "A new paragraph, alone.\n")]
    third = GrammarCache.load(folder, checker.digest)
    grammar_findings(changed, checker, third)
    assert third.misses == 1

    other = GrammarCache.load(folder, "another-engine")
    grammar_findings(chapters, checker, other)
    assert other.misses == first.misses  # another engine: nothing from the old cache


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_text("{not json", encoding="utf-8")
    cache = GrammarCache.load(tmp_path, "x")
    assert cache.get("anything") is None


@pytest.mark.parametrize(
    ("word", "vowel"),
    [
        ("hour", True), ("honest", True), ("house", False), ("university", False),
        ("umbrella", True), ("unidentified", True), ("unicorn", False), ("usual", False),
        ("European", False), ("one-off", False), ("only", True), ("MRI", True),
        ("UFO", False), ("NASA", False), ("8", True), ("18", True), ("1", False),
        ("apple", True), ("yacht", False),
    ],
)  # fmt: skip
def test_vowel_sound(word: str, vowel: bool) -> None:
    from studio.proofread.articles import starts_with_vowel_sound
    from studio.spelling.dictionary import open_dictionary

    assert starts_with_vowel_sound(word, open_dictionary("en_US").check) is vowel


def test_check_without_grammar_leaves_harper_out(
    sample: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    from studio.cli import main

    sample.write_chapter(sample.chapters[0], "She waited for a hour. He had went home.\n")
    main(["check", str(sample.root), "--json", "--no-grammar"])
    without = capsys.readouterr().out
    assert '"rule": "a-an"' in without and "harper:" not in without
    cache_file = sample.root / ".studio" / CACHE_FILE

    def kinds() -> set[str]:
        return {key[0] for key in json.loads(cache_file.read_text("utf-8"))["paragraphs"]}

    assert kinds() == {"r"}  # the rules' findings per chapter, no paragraph linted
    main(["check", str(sample.root), "--json"])
    with_grammar = capsys.readouterr().out
    assert (
        '"rule": "a-an"' in with_grammar
        and '"rule": "harper:SimplePastToPastParticiple"' in with_grammar
    )
    assert kinds() == {"r", "p"}
    main(["check", str(sample.root), "--json", "--no-grammar"])
    assert kinds() == {"r", "p"}  # a run without the engine keeps its paragraphs


# Slips of several kinds, in the author's own words, as they might sit in story.toml.
FIELD_PROSE = (
    "The keeper walks the the shore at dusk and counts a eel in the nets.",
    "i never meant to write this, but the harbour got into my head.",
    "She has went to the lighthouse twice,and nobody knows why.",
    "Thanks for reading  every chapter, it means alot.",
    "The signal waits.nobody answers it.",
)


def _in_story_toml(value: str) -> tuple[str, int, int]:
    """A story.toml with `value` as the work's summary: source, its line and column."""
    source = f'[work]\ntitle = "Salt"\nsummary = "{value}"\n\n[[chapters]]\ntitle = "One"\n'
    return source, 3, len('summary = "') + 1


@pytest.mark.parametrize("value", FIELD_PROSE)
def test_a_prose_field_gets_every_check_chapter_prose_gets(value: str) -> None:
    """Not a list of expected rules: whatever the checks find in the value as a chapter
    line they must find in the field too, at the same column of story.toml. (Which rule
    names a span may differ: a paragraph-start rule sees the field's padding, and Harper
    then names the same lowercase "i".)"""
    source, line, column = _in_story_toml(value)
    grammar = SETTINGS.grammar_checker()
    as_chapter = check_texts(SETTINGS, [ChapterText("x.md", value + "\n")], grammar=grammar)
    as_field = check_texts(SETTINGS, field_texts(source), grammar=grammar, story_source=source)
    assert as_chapter  # each value holds a slip some check knows
    expected = [(f.text, f.column + column - 1) for f in as_chapter]
    found = [(f.text, f.column) for f in as_field if f.line == line]
    assert found == expected
    assert {f.field for f in as_field} == {"work.summary"}
    text_line = source.splitlines()[line - 1]
    for f in as_field:
        assert text_line[f.column - 1 : f.end_column - 1] == f.text


def test_clean_fields_and_tags_stay_quiet() -> None:
    source = (
        '[work]\ntitle = "Salt and Static"\n'
        'summary = "A lighthouse keeper hears a voice in the static. She answers it."\n'
        'notes = "Written for the winter exchange. Thank you to my beta!"\n'
        'tags = ["Slow Burn", "Hurt/Comfort", "Found Family"]\n\n'
        '[[chapters]]\ntitle = "The Long Night"\nsummary = "Mira climbs the tower."\n'
    )
    grammar = SETTINGS.grammar_checker()
    assert check_texts(SETTINGS, field_texts(source), grammar=grammar, story_source=source) == []


def test_tags_are_checked_for_spelling_only() -> None:
    source = '[work]\ntitle = "Salt"\ntags = ["Slow Brun", "the the fluff"]\n'
    grammar = SETTINGS.grammar_checker()
    found = check_texts(SETTINGS, field_texts(source), grammar=grammar, story_source=source)
    assert [(f.kind, f.text, f.field) for f in found] == [("spelling", "Brun", "work.tags[0]")]
