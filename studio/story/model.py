"""The story's parts as typed views onto story.toml (see docs/project-format.md)."""

from __future__ import annotations

from typing import Any

import tomlkit

from studio.story.fields import TableView, Text, TextList, Whole


class Work(TableView):
    """The `[work]` table: everything the archives ask about a work."""

    title = Text()
    authors = TextList()
    fandoms = TextList()
    rating = Text("Not Rated")
    source_rating = Text()
    warnings = TextList()
    categories = TextList()
    relationships = TextList()
    characters = TextList()
    tags = TextList()
    language = Text("en")
    summary = Text()
    spoilers = Text()
    disclaimer = Text()
    notes = Text()
    end_notes = Text()
    status = Text("in-progress")


class Chapter(TableView):
    """One `[[chapters]]` entry. The prose lives in the file it names."""

    file = Text()
    title = Text()
    summary = Text()
    notes = Text()
    end_notes = Text()
    # Posting (see studio.story.posting): "draft", "ready" or "posted"; when posted,
    # the day ("2026-11-28") and, optionally, the chapter's address on the archive.
    status = Text("draft")
    posted = Text()
    url = Text()
    word_target = Whole()


class Progress(TableView):
    """The `[progress]` table: the story's word-count target and the daily goal.

    Reading it never adds the table (an untouched story saves byte for byte); the
    first value set adds it to `doc`.
    """

    def __init__(self, doc: Any) -> None:
        super().__init__(doc.get("progress") if "progress" in doc else tomlkit.table())
        self._doc = doc

    def _set(self, key: str, value: Any) -> None:
        if "progress" not in self._doc:
            self._doc.add("progress", self._table)
            self._table = self._doc["progress"]
        super()._set(key, value)

    word_target = Whole()
    daily_goal = Whole()


class Song(TableView):
    """One `[songs.<id>]` entry: the song that lyrics blocks with `song="<id>"` quote."""

    def __init__(self, song_id: str, table: object) -> None:
        super().__init__(table)
        self.id = song_id

    title = Text()
    artist = Text()
    album = Text()
    writers = TextList()
    url = Text()
    lyrics = Text()
    credit = Text()

    @property
    def year(self) -> str:
        value = self.table.get("year")
        return "" if value is None else str(value)


class Spelling(TableView):
    """The `[spelling]` table."""

    dictionary = Text("en_US")
