"""The story's parts as typed views onto story.toml (see docs/project-format.md)."""

from __future__ import annotations

from studio.story.fields import TableView, Text, TextList


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
