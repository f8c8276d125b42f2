"""The spell checker of an open story, shared by every chapter's highlight layer.

Word verdicts are cached here (word → correct?) on the GUI thread; words not yet known
are collected and checked together, debounced, on a worker thread. A word's verdict
does not depend on where it stands, so a verdict is never stale because text moved or
changed; what makes one stale is a change to the accepted words (Add to dictionary,
another language). Each such change starts a new *generation*, and verdicts computed
for an older generation are dropped when they arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future

from PySide6.QtCore import QObject, QTimer, Signal

from studio.errors import StudioError
from studio.spelling import Speller, add_personal_word, metadata_names
from studio.spelling.dictionary import open_dictionary
from studio.spelling.wordlists import accepted_words, checks_caps
from studio.story import Project
from studio.ui.runner import LatestRunner

DEBOUNCE_MS = 250
OPEN_KEY, CHECK_KEY = "spelling.open", "spelling.words"
CACHE_LIMIT = 200_000


class SpellingSession(QObject):
    """Verdicts for one project (see module docstring)."""

    updated = Signal()  # new verdicts arrived: layers repaint what is on screen
    words_changed = Signal()  # accepted words or the dictionary changed: repaint everything
    ready = Signal()  # the speller is open (`problem` can be read without waiting)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        # How a word reaches dictionary.txt: the window's StorySession.add_word (refused
        # when read-only); the project's own method where there is no window.
        self.write_story_word: Callable[[str], None] = project.add_word
        self.words_problem = ""
        self.enabled = True
        self.known: dict[str, bool] = {}
        self.generation = 0
        self._pending: set[str] = set()
        self._ignored: set[str] = set()
        # Its own runner (one thread: Enchant is not made for concurrent use), so a
        # verdict never waits behind the window's slow jobs. One batch of words is out
        # at a time; words asked for meanwhile go in the next (the runner delivers only
        # a key's newest job, and each batch holds other words).
        self.runner = LatestRunner(self)
        self._in_flight = False
        self._speller = self._open_in_background()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._check_pending)

    @property
    def problem(self) -> str:
        """Why spell checking is off ("" when it works)."""
        return self.words_problem or self.speller.dictionary.problem

    @property
    def speller(self) -> Speller:
        """The story's speller (waiting, the first moments after opening, for the
        worker thread to have opened it)."""
        return self._speller.result()

    def _open_in_background(self) -> Future[Speller]:
        """The story's speller, opened on the worker thread: Enchant loading and parsing
        a dictionary took 0.2-0.4 s of every story's opening, before its text showed.
        Verdicts are asked for on that thread after it anyway; what needs the speller
        here (a right-click, Add to Dictionary) waits for it."""
        future: Future[Speller] = Future()
        tag, words, caps = self._speller_parts()

        def work() -> None:
            try:
                future.set_result(Speller(open_dictionary(tag), words, check_caps=caps))
            except BaseException as error:  # never leave a waiter waiting
                future.set_exception(error)
                raise

        self.runner.run(OPEN_KEY, work, self._opened)
        return future

    def _opened(self, result: object) -> None:
        if not isinstance(result, Exception):  # else `speller` raises why, when asked
            self.ready.emit()

    def _open_speller(self) -> Speller:
        """The story's speller, opened here and now."""
        tag, words, caps = self._speller_parts()
        return Speller(open_dictionary(tag), words, check_caps=caps)

    def _speller_parts(self) -> tuple[str, list[str], bool]:
        """The dictionary's tag, the story's accepted words and whether capitals are
        checked, read on this thread (story.toml's document is the GUI thread's); when
        the words cannot be read (a FIFO as dictionary.txt, a damaged file) the
        dictionary alone, and `problem` says why."""
        tag = self.project.spelling.dictionary
        try:
            words, caps = list(accepted_words(self.project)), checks_caps(self.project)
        except StudioError as error:
            self.words_problem = f"The story's own words are not used: {error}"
            try:
                caps = checks_caps(self.project)
            except StudioError:
                caps = False
            return tag, [], caps
        self.words_problem = ""
        return tag, words, caps

    # -- verdicts --------------------------------------------------------------------

    def verdict(self, word: str) -> bool | None:
        """True/False when known, None when not checked yet (then it is queued)."""
        known = self.known.get(word)
        if known is None:
            self._pending.add(word)
            if not self._timer.isActive():
                self._timer.start()
        return known

    def is_misspelled_now(self, word: str) -> bool:
        """Checked at once, on this thread (for the right-click menu)."""
        if word in self._ignored:
            return False
        known = self.known.get(word)
        if known is None:
            known = self.known[word] = self.speller.is_correct(word)
        return not known

    @property
    def busy(self) -> bool:
        """Whether words are being checked, or wait for the next batch."""
        return self._in_flight or bool(self._pending) or self._timer.isActive()

    def _check_pending(self) -> None:
        if not self._pending or self._in_flight:
            return  # the batch out now comes back first, then these go
        words, self._pending = frozenset(self._pending), set()
        # The speller as it is now, perhaps still opening: its opening job was queued on
        # the same one-thread worker before this one, so it is done when this runs.
        generation, speller = self.generation, self._speller
        self._in_flight = True
        self.runner.run(
            CHECK_KEY,
            lambda: {word: speller.result().is_correct(word) for word in words},
            lambda verdicts: self._checked(generation, verdicts),
        )

    def _checked(self, generation: int, result: object) -> None:
        self._in_flight = False
        if isinstance(result, dict):
            self._merge(generation, result)
        if self._pending and not self._timer.isActive():
            self._timer.start()

    def _merge(self, generation: int, verdicts: dict[str, bool]) -> None:
        if generation != self.generation:
            return  # checked against words or a dictionary since changed: ask again
        if len(self.known) > CACHE_LIMIT:
            self.known.clear()
        self.known.update(verdicts)
        self.known.update(dict.fromkeys(self._ignored & verdicts.keys(), True))
        self.updated.emit()

    def suggestions(self, word: str) -> list[str]:
        return self.speller.suggest(word, limit=7)

    # -- changing what is accepted ----------------------------------------------------

    def add_to_story(self, word: str) -> None:
        """Add `word` to the story's dictionary.txt and accept it from now on."""
        self.write_story_word(word)
        self._accept([word])

    def add_to_mine(self, word: str) -> None:
        """Add `word` to the author's personal word list (every story) and accept it."""
        add_personal_word(word)
        self._accept([word])

    def ignore(self, word: str) -> None:
        """Accept `word` until the story is closed (written nowhere)."""
        self._ignored.add(word)
        self._accept([word], remember=False)

    def _accept(self, words: Iterable[str], remember: bool = True) -> None:
        words = list(words)
        if remember:
            self.speller.accept_all(words)
        self._new_generation(keep_correct=True)
        self.known.update(dict.fromkeys(words, True))
        self.words_changed.emit()

    def accept_words(self, words: Iterable[str]) -> None:
        """Accept whichever of `words` (the story's own, read again) are new."""
        new = {w for w in words if not self.speller.is_correct(w)}
        if new:
            self._accept(new)

    def accept_names(self) -> None:
        """The metadata changed: accept its names (characters, fandoms, …) as well."""
        names = metadata_names(self.project)
        new = {n for n in names if not self.speller.is_correct(n)}
        if new:
            self._accept(new)

    def reload(self) -> None:
        """The dictionary tag or the story's words changed: start over."""
        self._speller.result()  # the one opening (if it still is) is not left running
        speller = self._open_speller()
        speller.accept_all(self._ignored)
        self._speller = Future()
        self._speller.set_result(speller)
        self._new_generation(keep_correct=False)
        self.words_changed.emit()

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.words_changed.emit()

    def _new_generation(self, keep_correct: bool) -> None:
        self.generation += 1
        if keep_correct:  # adding words only turns wrong into right
            self.known = {w: ok for w, ok in self.known.items() if ok}
        else:
            self.known.clear()
        self._pending.clear()

    def shutdown(self) -> None:
        """Nothing more is checked or delivered. Jobs already sent still run (the
        speller's opening among them, so nothing is left waiting for it); their
        results go nowhere."""
        self._timer.stop()
        self._pending.clear()
        self.runner.drop()
        self._in_flight = False
