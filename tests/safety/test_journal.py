"""The recovery journal: unsaved text journaled atomically with its base, recoverable."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from studio.safety import Journal
from studio.safety.journal import JournalWriter, fallback_dir

CHAPTER = "chapters/01-the-signal.md"


def test_unsaved_text_is_journaled_with_its_base_and_offered_back(story: Path) -> None:
    on_disk = (story / CHAPTER).read_text(encoding="utf-8")
    typed = on_disk + "\nMaren’s new line — with “quotes”.\n"
    journal = Journal(story)
    assert journal.record(CHAPTER, typed, on_disk)

    entry_file = journal.entry_path(CHAPTER)
    assert entry_file.parent == story / ".studio" / "journal"
    data = json.loads(entry_file.read_text(encoding="utf-8"))
    assert data["file"] == CHAPTER and data["text"] == typed and data["base"] == on_disk

    # A new Studio (after a crash) finds it.
    [entry] = Journal(story).recoverable()
    assert entry.file == CHAPTER
    assert entry.text == typed
    assert entry.base == on_disk


def test_nothing_unsaved_means_no_entry(story: Path) -> None:
    text = (story / CHAPTER).read_text(encoding="utf-8")
    journal = Journal(story)
    journal.record(CHAPTER, text + "x", text)
    assert journal.entry_path(CHAPTER).exists()
    assert not journal.record(CHAPTER, text, text)
    assert not journal.entry_path(CHAPTER).exists()
    assert journal.entries() == []


def test_the_same_text_is_not_written_twice(story: Path) -> None:
    journal = Journal(story)
    assert journal.record(CHAPTER, "one", "base")
    assert not journal.record(CHAPTER, "one", "base")
    assert journal.record(CHAPTER, "one two", "base")
    assert [e.text for e in journal.entries()] == ["one two"]


def test_an_entry_already_saved_to_disk_is_not_offered(story: Path) -> None:
    journal = Journal(story)
    journal.record(CHAPTER, "saved after all", "old")
    (story / CHAPTER).write_text("saved after all", encoding="utf-8")
    assert Journal(story).recoverable() == []
    assert not journal.entry_path(CHAPTER).exists()


def test_a_damaged_entry_is_set_aside_and_the_rest_still_load(story: Path) -> None:
    journal = Journal(story)
    journal.record(CHAPTER, "kept", "old")
    bad = journal.folder / "0000.json"
    bad.write_text("{not json", encoding="utf-8")
    escaping = journal.folder / "1111.json"
    escaping.write_text(
        json.dumps({"file": "../../etc/passwd", "text": "x", "base": None, "saved_at": "x"}),
        encoding="utf-8",
    )
    assert [e.text for e in Journal(story).entries()] == ["kept"]
    assert bad.with_suffix(".damaged").exists()
    assert escaping.with_suffix(".damaged").exists()


def test_when_the_project_folder_refuses_the_journal_the_user_folder_takes_it(
    story: Path, private_state: Path
) -> None:
    journal = Journal(story)
    # .studio/journal is a file here, so nothing can be written under it.
    (story / ".studio").mkdir()
    (story / ".studio" / "journal").write_text("in the way", encoding="utf-8")
    assert journal.record(CHAPTER, "rescued text", "old")
    fallback = fallback_dir(story)
    assert fallback.is_relative_to(private_state)
    assert journal.entry_path(CHAPTER, folder=fallback).exists()
    [entry] = Journal(story).recoverable()
    assert entry.text == "rescued text"
    journal.discard(CHAPTER)
    assert Journal(story).entries() == []


def test_the_writer_thread_writes_the_newest_text_and_discards_in_order(story: Path) -> None:
    errors: list[Exception] = []
    writer = JournalWriter(Journal(story), errors.append)
    for n in range(50):
        writer.record(CHAPTER, f"draft {n}", "base")
    assert writer.has(CHAPTER)
    assert writer.flush()
    assert [e.text for e in Journal(story).entries()] == ["draft 49"]
    writer.discard(CHAPTER)
    writer.record("chapters/02-low-tide.md", "other", "base")
    writer.close()
    assert not writer.has(CHAPTER)
    assert [e.file for e in Journal(story).entries()] == ["chapters/02-low-tide.md"]
    assert errors == []


def test_the_writer_reports_an_entry_it_cannot_write_anywhere(story: Path, tmp_path: Path) -> None:
    errors: list[Exception] = []
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    (story / ".studio").mkdir()
    (story / ".studio" / "journal").write_text("in the way", encoding="utf-8")
    writer = JournalWriter(Journal(story, fallback=blocked / "journal"), errors.append)
    writer.record(CHAPTER, "text", "base")
    writer.close()
    assert len(errors) == 1 and "could not save" in str(errors[0])


def test_a_deferred_entry_outlives_new_journaling_and_saves(story: Path) -> None:
    journal = Journal(story)
    journal.record(CHAPTER, "from the crash", "old")
    [crashed] = journal.recoverable()
    kept = journal.defer(crashed)
    assert kept.deferred
    journal.record(CHAPTER, "typed since", "old")
    journal.discard(CHAPTER)  # saved
    [again] = Journal(story).recoverable()
    assert again.text == "from the crash" and again.deferred
    journal.record(CHAPTER, "typed again", "old")
    assert sorted(e.text for e in Journal(story).recoverable()) == ["from the crash", "typed again"]
    journal.remove(again)
    assert [e.text for e in Journal(story).recoverable()] == ["typed again"]


def test_the_writer_makes_a_handed_over_text_on_its_own_thread(story: Path) -> None:
    """The window hands over a function making the file's text; the writer calls it
    on its thread (never the caller's) and journals the result, and a text equal to
    its base leaves no entry."""
    on_disk = (story / CHAPTER).read_text(encoding="utf-8")
    made_on: list[str] = []

    def make(text: str) -> object:
        def maker() -> str:
            made_on.append(threading.current_thread().name)
            return text

        return maker

    writer = JournalWriter(Journal(story))
    writer.record(CHAPTER, make(on_disk + " more"), on_disk)  # type: ignore[arg-type]
    assert writer.flush()
    [entry] = Journal(story).entries()
    assert entry.text == on_disk + " more"
    writer.record(CHAPTER, make(on_disk), on_disk)  # type: ignore[arg-type]
    writer.close()
    assert Journal(story).entries() == []
    assert made_on == ["studio-journal", "studio-journal"]
