"""Spelling with the real Enchant dictionaries (en_US and en_GB are installed)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.resources import sample_project
from studio.spelling import (
    Speller,
    add_personal_word,
    line_tokens,
    metadata_names,
    open_dictionary,
    personal_word_list_file,
    project_speller,
    project_spelling,
)
from studio.spelling.check import SpellingPass, token_places
from studio.spelling.text import TextLines
from studio.story import Project


@pytest.fixture(autouse=True)
def personal_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the personal word list out of the real user's data folder."""
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    return data


@pytest.fixture
def sample(tmp_path: Path) -> Project:
    dest = tmp_path / "story"
    shutil.copytree(sample_project(), dest)
    return Project.load(dest)


def words(line: str) -> list[str]:
    return [t.word for t in line_tokens(line)]


def test_tokens_keep_contractions_and_possessives_whole() -> None:
    line = "Buffy's and Buffy’s coat; didn't, didn’t, ’cause o'clock"
    assert words(line) == [
        "Buffy's", "and", "Buffy’s", "coat", "didn't", "didn’t", "cause", "o'clock"
    ]  # fmt: skip


def test_tokens_split_hyphenated_words_into_parts() -> None:
    assert words("a well-known sea-green door") == ["a", "well", "known", "sea", "green", "door"]


def test_tokens_leave_out_urls_numbers_code_and_markdown() -> None:
    line = (
        "See https://exmaple.org/pth and www.exmaple.com or mail qwz@exmaple.org, "
        "the 2nd B52 in 1987s, `cde` and [the lnk](chptr.md) and <span>tag</span> *bold*"
    )
    assert words(line) == [
        "See", "and", "or", "mail", "the", "in", "and", "the", "lnk", "and", "tag", "bold"
    ]  # fmt: skip


def test_token_columns_count_characters_not_bytes() -> None:
    [token] = [t for t in line_tokens("“Café” — wierd", 4) if t.word == "wierd"]
    assert (token.line, token.start, token.end) == (4, 9, 14)


def test_token_places_agrees_with_the_tokenizer() -> None:
    line = "the theme, the’s, bathe the, Othe the-end the"
    assert token_places(line, {"the"}) == [
        (t.start, t.word) for t in line_tokens(line) if t.word == "the"
    ]
    with_url = "the http://the.org/the the"
    assert token_places(with_url, {"the"}) == [(0, "the"), (23, "the")]


def test_real_dictionaries_differ_on_british_and_american_spelling() -> None:
    gb, us = Speller(open_dictionary("en_GB")), Speller(open_dictionary("en_US"))
    assert gb.is_correct("colour") and not us.is_correct("colour")
    assert us.is_correct("color")
    assert not gb.is_correct("definately")
    assert "definitely" in gb.suggest("definately")


def test_curly_apostrophes_possessives_and_accepted_names() -> None:
    speller = Speller(open_dictionary("en_US"), ["Maren"])
    for word in ["didn’t", "Maren", "Maren's", "Maren’s", "MAREN", "maren", "sailor’s"]:
        assert speller.is_correct(word), word
    assert not speller.is_correct("Marenn")


def test_shouting_is_skipped_unless_asked() -> None:
    assert Speller(open_dictionary("en_US")).is_correct("NOOO")
    assert not Speller(open_dictionary("en_US"), check_caps=True).is_correct("NOOO")


def test_each_distinct_word_is_checked_once() -> None:
    speller = Speller(open_dictionary("en_US"))
    text = TextLines("x.md", "the the the wierd wierd\nthe wierd\n" * 100)
    findings = SpellingPass(speller).lines_findings(text)
    assert len(findings) == 300
    _hits, misses = speller.cache_info()
    assert misses == 2


def test_the_cache_is_bounded() -> None:
    speller = Speller(open_dictionary("en_US"), cache_size=10)
    speller.misspelled(f"word{n}" for n in range(100))
    assert speller._cached.cache_info().currsize == 10


def test_missing_dictionary_says_what_to_install() -> None:
    dictionary = open_dictionary("xx_YY")
    assert not dictionary.available
    assert "sudo apt-get install hunspell-xx-yy" in dictionary.problem
    assert dictionary.check("anythign") and dictionary.suggest("anythign") == []


def test_missing_enchant_library_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "enchant", None)  # `import enchant` now fails
    dictionary = open_dictionary("en_GB")
    assert not dictionary.available
    assert "sudo apt-get install libenchant-2-2 hunspell-en-gb" in dictionary.problem
    assert SpellingPass(Speller(dictionary)).text_findings("x.md", "wierd") == []


def test_names_from_metadata(sample: Project) -> None:
    names = metadata_names(sample)
    assert {"Maren", "Holt", "Ezra", "Vance", "Tamsin", "Tidewater", "Harbour"} <= names


def test_sample_story_has_exactly_its_two_misspellings(sample: Project) -> None:
    found = [(f.file, f.line, f.column, f.text) for f in project_spelling(sample)]
    assert found == [
        ("chapters/02-low-tide.md", 3, 16, "definately"),
        ("chapters/02-low-tide.md", 28, 57, "wierd"),
    ]


def test_story_word_list_and_personal_word_list(sample: Project, personal_dir: Path) -> None:
    chapter = sample.chapters[0]
    sample.write_chapter(chapter, "Zorblat met Quix at the gate.\n")
    assert [f.text for f in project_spelling(sample)][:2] == ["Zorblat", "Quix"]
    sample.add_word("Zorblat")
    add_personal_word("Quix")
    assert personal_word_list_file() == personal_dir / "studio" / "dictionary.txt"
    assert personal_word_list_file().read_text(encoding="utf-8") == "Quix\n"
    assert [f.text for f in project_spelling(sample)] == ["definately", "wierd"]


def test_lyrics_are_spell_checked_but_fences_and_code_are_not(sample: Project) -> None:
    text = '::: {.lyrics song="hrbr-lghts"}\nHold the lihgt\n:::\n\n```\nprnt(x)\n```\n'
    found = SpellingPass(project_speller(sample)).text_findings("x.md", text)
    assert [(f.line, f.text) for f in found] == [(2, "lihgt")]


def test_story_can_ask_for_shouting_to_be_checked(sample: Project) -> None:
    sample.write_chapter(sample.chapters[2], "“NOOO,” she said. “STOPP.”\n")
    assert [f.text for f in project_spelling(sample) if f.file == sample.chapters[2].file] == []
    sample.doc["spelling"]["check_caps"] = True
    found = [f.text for f in project_spelling(sample) if f.file == sample.chapters[2].file]
    assert found == ["NOOO", "STOPP"]


def test_distinct_words_match_the_tokenizer() -> None:
    from studio.spelling.text import distinct_words
    from studio.spelling.tokens import WORD

    text = (
        "“Maren’s coat,” she said—twice—and the well-known sea-green door\n"
        "opened… Café déjà vu, naïve  NO! 2nd B52 x_y https://a.org/b don't\tit’s."
    )
    assert distinct_words(text) == set(WORD.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_distinct_words_match_the_tokenizer_on_any_text(text: str) -> None:
    from studio.spelling.text import distinct_words
    from studio.spelling.tokens import WORD

    assert distinct_words(text) == set(WORD.findall(text))


@pytest.mark.parametrize("tag", ["en_GB", "en_US", "en_AU"])
def test_english_is_checked_by_hunspell_whatever_else_is_installed(tag: str) -> None:
    """Debian's enchant.ordering prefers Aspell for English; Studio's broker does not, so
    a machine with aspell-en checks the same as one without it."""
    from studio.spelling.dictionary import installed_tags, open_dictionary, provider_name

    if tag not in installed_tags():
        pytest.skip(f"no {tag} dictionary here (./bootstrap installs hunspell-{tag[3:].lower()})")
    dictionary = open_dictionary(tag)
    assert provider_name(dictionary) == "hunspell"
    assert not dictionary.check("definately")
