"""Spell checking for fiction: Enchant, a fast tokenizer, and a story's own words. No Qt."""

from studio.spelling.check import SpellingPass, project_speller, project_spelling
from studio.spelling.dictionary import (
    Dictionary,
    MissingDictionary,
    installed_tags,
    open_dictionary,
)
from studio.spelling.speller import Speller
from studio.spelling.text import TextLines
from studio.spelling.tokens import TOKEN, Token, line_tokens
from studio.spelling.wordlists import (
    accepted_words,
    add_personal_word,
    metadata_names,
    personal_word_list_file,
)

__all__ = [
    "TOKEN",
    "Dictionary",
    "MissingDictionary",
    "Speller",
    "SpellingPass",
    "TextLines",
    "Token",
    "accepted_words",
    "add_personal_word",
    "installed_tags",
    "line_tokens",
    "metadata_names",
    "open_dictionary",
    "personal_word_list_file",
    "project_speller",
    "project_spelling",
]
