"""The Songs tab, driven as an author would: the usage list, jumps, add, edit, remove."""

from __future__ import annotations

import tomlkit
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from studio.lyrics import CreditPlacement, credit_placement
from studio.lyrics.library import all_quotations
from studio.story import Project
from studio.ui.lyrics.song_dialog import SongDialog
from studio.ui.lyrics.songs_tab import SongsTab
from tests.lyrics.modal import answer_modal


def make_tab(qtbot: QtBot, project: Project, texts: dict[str, str] | None = None) -> SongsTab:
    tab = SongsTab(project, (lambda: texts if texts is not None else {}))
    qtbot.addWidget(tab)
    tab.resize(420, 600)
    return tab


def test_lists_each_song_with_where_it_is_quoted(qtbot: QtBot, sample: Project) -> None:
    tab = make_tab(qtbot, sample)
    top = tab.tree.topLevelItem(0)
    assert top is not None and tab.tree.topLevelItemCount() == 1
    assert top.text(0) == "“Harbour Lights” by The Tidewater Band"
    assert top.text(1) == "3 places"
    children = [top.child(i) for i in range(top.childCount())]
    assert [(c.text(0), c.text(1)) for c in children if c is not None] == [
        ("Chapter 1 · The Signal", "line 11"),
        ("Chapter 2 · Low Tide", "line 21"),
        ("Chapter 3 · Harbour Lights", "line 17"),
    ]
    assert tab.places("harbour-lights") == [
        ("chapters/01-the-signal.md", 11),
        ("chapters/02-low-tide.md", 21),
        ("chapters/03-harbour-lights.md", 17),
    ]
    assert "Hold the light for me" in top.child(1).toolTip(0)


def test_click_on_a_place_asks_to_jump_there(qtbot: QtBot, sample: Project) -> None:
    tab = make_tab(qtbot, sample)
    tab.show()
    qtbot.waitExposed(tab)
    top = tab.tree.topLevelItem(0)
    assert top is not None
    child = top.child(1)
    assert child is not None
    rect = tab.tree.visualItemRect(child)
    with qtbot.waitSignal(tab.jump_requested) as blocker:
        qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["chapters/02-low-tide.md", 21]


def test_unsaved_text_and_unknown_songs_are_listed(qtbot: QtBot, sample: Project) -> None:
    first = sample.chapters[0].file
    texts = {first: 'Prose.\n\n::: {.lyrics song="gull-song"}\nGulls\n:::\n'}
    tab = make_tab(qtbot, sample, texts)
    labels = [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert labels == [
        "“Harbour Lights” by The Tidewater Band",
        "“gull-song”: not in the song library",
    ]
    assert tab.places("harbour-lights")[0] == ("chapters/02-low-tide.md", 21)
    assert tab.places("gull-song") == [(first, 3)]


def test_add_song_through_the_dialog(qtbot: QtBot, sample: Project) -> None:
    tab = make_tab(qtbot, sample)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SongDialog)
        dialog.title.setText("Gull Song")
        dialog.artist.setText("The Pier Ends")
        dialog.year.setText("1979")
        dialog.lyrics.setPlainText("Gulls on the roof\nGulls on the sea")
        dialog.accept()

    seen = answer_modal(SongDialog, fill)
    with qtbot.waitSignal(tab.library_changed):
        assert tab.add_button.isEnabled()
        tab.add_button.click()
    assert seen == ["Add song"]
    saved = Project.load(sample.root).songs["gull-song"]
    assert (saved.title, saved.artist, saved.year) == ("Gull Song", "The Pier Ends", "1979")
    assert saved.lyrics == "Gulls on the roof\nGulls on the sea\n"
    assert tab.selected_song() == "gull-song"
    assert tab.tree.currentItem().text(1) == "not quoted"  # type: ignore[union-attr]


def test_edit_song_through_the_dialog(qtbot: QtBot, sample: Project) -> None:
    tab = make_tab(qtbot, sample)
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    assert tab.edit_button.isEnabled()

    def change(dialog: QWidget) -> None:
        assert isinstance(dialog, SongDialog)
        assert dialog.title.text() == "Harbour Lights"
        assert "Hold the light for me" in dialog.lyrics.toPlainText()
        dialog.album.setText("Sea Fret")
        dialog.accept()

    answer_modal(SongDialog, change)
    tab.edit_button.click()
    text = sample.story_file.read_text(encoding="utf-8")
    assert 'album = "Sea Fret"' in text
    assert "# Salt and Static: Studio's sample story." in text


def test_a_song_dialog_without_title_stays_open(qtbot: QtBot) -> None:
    dialog = SongDialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.text() == "A song needs a title."


def test_removing_a_quoted_song_asks_first(qtbot: QtBot, sample: Project) -> None:
    tab = make_tab(qtbot, sample)
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    questions: list[str] = []

    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        questions.append(box.text() + "\n" + box.informativeText())
        box.button(QMessageBox.StandardButton.Cancel).click()  # type: ignore[union-attr]

    answer_modal(QMessageBox, cancel)
    tab.remove_button.click()
    assert "still quoted in 3 places" in questions[0]
    assert "chapters/02-low-tide.md, line 21" in questions[0]
    assert "harbour-lights" in Project.load(sample.root).songs

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        remove = next(b for b in box.buttons() if b.text() == "Remove Song")
        remove.click()

    answer_modal(QMessageBox, confirm)
    tab.remove_button.click()
    assert Project.load(sample.root).songs == {}
    labels = [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert labels == ["“harbour-lights”: not in the song library"]
    assert not tab.remove_button.isEnabled()


def test_removing_an_unquoted_song_does_not_ask(qtbot: QtBot, sample: Project) -> None:
    from studio.lyrics import SongDetails, add_song

    add_song(sample, SongDetails(title="Unused"))
    tab = make_tab(qtbot, sample)
    assert tab.remove_song("unused")
    assert "unused" not in Project.load(sample.root).songs


def test_credit_placement_choice_is_saved(qtbot: QtBot, sample: Project) -> None:
    tab = make_tab(qtbot, sample)
    assert tab.placement.currentData() == "both"
    tab.placement.setCurrentIndex(tab.placement.findData("notes"))
    saved = tomlkit.parse(sample.story_file.read_text(encoding="utf-8"))
    assert saved["lyrics"]["credit"] == "notes"
    assert credit_placement(Project.load(sample.root)) is CreditPlacement.NOTES


def test_refreshes_after_typing_and_when_shown(qtbot: QtBot, sample: Project) -> None:
    texts: dict[str, str] = {}
    tab = make_tab(qtbot, sample, texts)
    first = sample.chapters[0].file
    texts[first] = "Prose only now.\n"
    tab.schedule_refresh()  # hidden: no refresh is even scheduled, only noted for showing
    assert not tab._refresh_timer.isActive()
    assert len(tab.places("harbour-lights")) == 3
    tab.show()
    qtbot.waitExposed(tab)
    assert len(tab.places("harbour-lights")) == 2
    texts[first] = 'A.\n\n::: {.lyrics song="harbour-lights"}\nHold\n:::\n'
    tab.schedule_refresh()
    qtbot.waitUntil(lambda: tab.places("harbour-lights")[0] == (first, 3), timeout=3000)


def test_add_a_song_that_blocks_already_name(qtbot: QtBot, sample: Project) -> None:
    first = sample.chapters[0].file
    texts = {first: 'Prose.\n\n::: {.lyrics song="gull-song"}\nGulls\n:::\n'}
    tab = make_tab(qtbot, sample, texts)
    unknown = next(
        item for item in tab._song_items() if item.data(0, Qt.ItemDataRole.UserRole) == "gull-song"
    )
    tab.tree.setCurrentItem(unknown)
    assert not tab.edit_button.isEnabled()
    titles: list[str] = []

    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, SongDialog)
        titles.append(dialog.title.text())
        dialog.artist.setText("The Pier Ends")
        dialog.accept()

    answer_modal(SongDialog, accept)
    assert tab.add_song() == "gull-song"
    assert titles == ["Gull Song"]
    assert Project.load(sample.root).songs["gull-song"].artist == "The Pier Ends"
    labels = [item.text(0) for item in tab._song_items()]
    assert labels == [
        "“Harbour Lights” by The Tidewater Band",
        "“Gull Song” by The Pier Ends",
    ]


def test_a_hidden_tab_reads_the_chapters_only_when_first_shown(
    qtbot: QtBot, sample: Project
) -> None:
    """Opening a story does not wait for the Songs tab while it is not on screen."""
    tab = SongsTab(None)
    qtbot.addWidget(tab)
    tab.set_project(sample)
    assert tab.tree.topLevelItemCount() == 0
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.places("harbour-lights") == [
        (q.file, q.line) for q in all_quotations(sample) if q.song_id == "harbour-lights"
    ]
    assert len(tab.places("harbour-lights")) == 3


def test_the_add_song_fields_say_what_goes_in_them(qtbot: QtBot, sample: Project) -> None:
    """Every empty field shows a greyed placeholder, and none reads as a value (it was
    the sample's own "Harbour Lights" by "The Tidewater Band", and looked filled in)."""
    dialog = SongDialog()
    qtbot.addWidget(dialog)
    fields = [w for w in dialog.findChildren(QLineEdit) if not w.text()]
    assert len(fields) == 7
    values = {v for song in sample.songs.values() for v in (song.title, song.artist) if v}
    assert values
    for field in fields:
        hint = field.placeholderText()
        assert hint and hint not in values, field
    shown = dialog.palette()
    placeholder = shown.color(QPalette.ColorRole.PlaceholderText)
    assert placeholder != shown.color(QPalette.ColorRole.Text)  # greyed, not ink
