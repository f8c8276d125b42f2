"""The proofreading panel: every finding of the story, grouped by chapter and kind.

A click on a finding asks to go there; the buttons apply a suggestion, ignore this
finding, or ignore its rule for the whole story. Invented names the dictionary lacks
come first, as one group ("Kessler — 5 times"), each added to the story's dictionary
(every use at once) with one click, or all of them with Add All. The summary counts
each class of finding. The panel only shows and asks (via signals); `ProofreadFeature`
does the work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.findings import Finding, Kind
from studio.proofread.fields import STORY_FILE
from studio.spelling.names import RULE as NAME_RULE

KIND_TITLES = {
    Kind.SPELLING: "Spelling",
    Kind.GRAMMAR: "Grammar",
    Kind.TYPOGRAPHY: "Typography",
    Kind.LYRICS: "Lyrics",
    Kind.ARCHIVE: "Archive",
}
_ROLE = Qt.ItemDataRole.UserRole
NAMES_KEY = ("names",)


def name_of(finding: Finding) -> str:
    """The name a likely-name finding stands for ("Kessler" for "Kessler's")."""
    text = finding.text
    return text[:-2] if text[-2:] in ("'s", "’s") else text


def _uses(finding: Finding) -> str:
    """ "5 times", from the grouped finding's message ("Kessler — 5 times — …")."""
    parts = finding.message.split(" — ")
    return parts[1] if len(parts) > 2 else ""


def class_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each class, likely names counted apart from spelling."""
    order = ["spelling", "names", *(KIND_TITLES[k].lower() for k in list(Kind)[1:])]
    counts = dict.fromkeys(order, 0)
    for f in findings:
        key = "names" if f.rule == NAME_RULE else KIND_TITLES.get(f.kind, str(f.kind)).lower()
        counts[key] = counts.get(key, 0) + 1
    return {key: n for key, n in counts.items() if n}


def elided_label(text: str, metrics: QtGui.QFontMetrics, room: int) -> str:
    """`text` cut to `room` pixels: inside its quotes first ("Apply “extraord…”" keeps
    what the button does), else at its end."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    start, end = text.find("“"), text.rfind("”")
    if 0 <= start < end:
        before, inner, after = text[: start + 1], text[start + 1 : end], text[end:]
        left = room - metrics.horizontalAdvance(before + after)
        if left >= metrics.horizontalAdvance(inner[:3] + "…"):
            return before + metrics.elidedText(inner, Qt.TextElideMode.ElideRight, left) + after
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)


class ElidedButton(QPushButton):
    """A button whose label is cut with "…" to the room it has: its text names the
    finding ("Add “Kessrinovanderbeek” to Story Dictionary"), and a button that asks
    for its whole label widened the side panel as the author stepped through the
    findings, moving the text column each time. `text()` is the whole label (also the
    tooltip when it is cut)."""

    SHORTEST = "Apply…"

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._pad: int | None = None
        policy = self.sizePolicy()  # a push button may not shrink below its label
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self._fit()
        self.updateGeometry()

    def text(self) -> str:
        return self._full

    def _padding(self) -> int:
        """The button's width beyond its label's (measured once per font and style, on
        a long label: a push button's size hint has a floor a short one hides under)."""
        if self._pad is None:
            probe = "M" * 24
            button = QPushButton(probe)
            button.setFont(self.font())
            button.setStyle(self.style())
            self._pad = button.sizeHint().width() - self.fontMetrics().horizontalAdvance(probe)
            button.deleteLater()
        return self._pad

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._pad = None
            self._fit()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        width = self._padding() + self.fontMetrics().horizontalAdvance(self._full)
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        shortest = self.fontMetrics().horizontalAdvance(self.SHORTEST)
        return QSize(self._padding() + shortest, super().minimumSizeHint().height())

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(0, self.width() - self._padding())
        shown = elided_label(self._full, self.fontMetrics(), room)
        if shown != QPushButton.text(self):
            QPushButton.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")


class ProofreadPanel(QWidget):
    """Findings in a tree: chapter (count) ▸ kind (count) ▸ finding."""

    go_to = Signal(object)  # Finding
    apply_suggestion = Signal(object, str)  # Finding, replacement
    ignore_finding = Signal(object)  # Finding
    ignore_rule = Signal(str)  # rule id
    add_names = Signal(list)  # words for the story's dictionary
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proofreadPanel")
        self.setMinimumWidth(320)
        self.findings: list[Finding] = []
        self._next_after_apply: int | None = None  # the row to select once it is gone
        self.summary = QLabel("Not checked yet")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("proofreadSummary")
        # It wraps in the panel's width: a label that does not asks for its whole text,
        # and filling in it widened the side panel and moved the text column.
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(1)
        self.refresh_button = QToolButton()
        self.refresh_button.setText("Check Again")
        self.refresh_button.clicked.connect(self.refresh_requested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.counts.setObjectName("proofreadCounts")
        self.counts.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())

        # A finding's message quotes the story: it is shown as text, never as HTML.
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setObjectName("proofreadMessage")
        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addLayout(self._build_names_row())
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._update_buttons()

    def sizeHint(self) -> QSize:  # noqa: N802
        """As wide as its minimum: a side dock grows to its widget's size hint, and the
        hint follows the labels (the finding's message, the Apply button naming the
        suggestion), so stepping through the findings moved the text column. Wider
        only when the author drags it so."""
        hint = super().sizeHint()
        return QSize(
            min(hint.width(), max(self.minimumWidth(), self.minimumSizeHint().width())),
            hint.height(),
        )

    def _build_names_row(self) -> QHBoxLayout:
        self.add_all_button = QPushButton("Add All Names to Story Dictionary")
        self.add_all_button.setObjectName("proofreadAddAllNames")
        self.add_all_button.setToolTip(
            "Every likely name below goes into this story's dictionary.txt"
        )
        self.add_all_button.clicked.connect(self._add_all_names)
        self.add_all_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.add_all_button)
        row.addStretch(1)
        return row

    def _build_buttons(self) -> QVBoxLayout:
        self.apply_button = ElidedButton("Apply")
        self.apply_button.clicked.connect(self._apply_first)
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setToolTip("Other suggestions")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.ignore_button = QPushButton("Ignore")
        self.ignore_button.setToolTip("Leave this one as written (kept in story.toml)")
        self.ignore_button.clicked.connect(self._ignore)
        self.rule_button = QPushButton("Ignore Rule")
        self.rule_button.setToolTip("Turn this rule off for this story (kept in story.toml)")
        self.rule_button.clicked.connect(self._ignore_rule)
        # The fix on a row of its own, so its label ("Apply “extraordinary”") has the
        # panel's width; Ignore and Ignore Rule below it.
        fix = QHBoxLayout()
        fix.setSpacing(6)
        fix.addWidget(self.apply_button)
        fix.addWidget(self.more_button)
        fix.addStretch(1)
        ignores = QHBoxLayout()
        ignores.setSpacing(6)
        ignores.addStretch(1)
        ignores.addWidget(self.ignore_button)
        ignores.addWidget(self.rule_button)
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        buttons.addLayout(fix)
        buttons.addLayout(ignores)
        return buttons

    # -- filling -----------------------------------------------------------------------

    def set_findings(
        self,
        findings: Sequence[Finding],
        chapter_title: Callable[[str], str] = lambda file: file,
    ) -> None:
        """Show `findings` (sorted by file and place), keeping the selection if it stays."""
        selected = self.selected()
        collapsed = self._collapsed_keys()  # what the author folded stays folded
        self.findings = list(findings)
        self.tree.clear()
        by_file: dict[str, dict[Kind, list[Finding]]] = defaultdict(lambda: defaultdict(list))
        names = [f for f in self.findings if f.rule == NAME_RULE]
        for finding in self.findings:
            if finding.rule != NAME_RULE:
                by_file[finding.file][finding.kind].append(finding)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        current = self._fill_names(names, bold, selected, collapsed)
        for file, kinds in by_file.items():
            count = sum(len(v) for v in kinds.values())
            chapter = QTreeWidgetItem([chapter_title(file), str(count)])
            chapter.setFont(0, bold)
            chapter.setData(0, _ROLE, ("file", file))
            chapter.setToolTip(0, file)
            self.tree.addTopLevelItem(chapter)
            for kind in sorted(kinds, key=list(Kind).index):
                items = kinds[kind]
                group = QTreeWidgetItem([KIND_TITLES.get(kind, str(kind)), str(len(items))])
                group.setData(0, _ROLE, ("kind", file, str(kind)))
                chapter.addChild(group)
                for finding in items:
                    leaf = QTreeWidgetItem([_leaf_text(finding), f"line {finding.line}"])
                    leaf.setData(0, _ROLE, finding)
                    leaf.setToolTip(0, QtGui.Qt.convertFromPlainText(finding.message))
                    group.addChild(leaf)
                    if finding == selected:
                        current = leaf
                group.setExpanded(("kind", file, str(kind)) not in collapsed)
            chapter.setExpanded(("file", file) not in collapsed)
        self.tree.resizeColumnToContents(1)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        leaves = self.items()
        if self._next_after_apply is not None and leaves and current is None:
            # After Apply the panel moves on to the next finding, as a reader does.
            current = leaves[min(self._next_after_apply, len(leaves) - 1)]
            self._next_after_apply = None
        if current is not None:
            self.tree.setCurrentItem(current)
        self.add_all_button.setVisible(bool(names))
        self.add_all_button.setText(
            f"Add All {len(names)} Names to Story Dictionary"
            if len(names) > 1
            else "Add the Name to Story Dictionary"
        )
        counts = class_counts(self.findings)
        # A no-break space inside each count: the line wraps between counts only.
        self.counts.setText(" · ".join(f"{n}\u00a0{_counted(key, n)}" for key, n in counts.items()))
        self.counts.setVisible(bool(counts))
        self.summary.setText(_summary(len(self.findings), {f.file for f in self.findings}))
        self._update_buttons()

    def _fill_names(
        self,
        names: list[Finding],
        bold: QFont,
        selected: Finding | None,
        collapsed: set[object],
    ) -> QTreeWidgetItem | None:
        """The likely-names group at the top: one row per name, with how often."""
        if not names:
            return None
        group = QTreeWidgetItem(["Likely names", str(len(names))])
        group.setFont(0, bold)
        group.setData(0, _ROLE, NAMES_KEY)
        group.setToolTip(0, "Capitalised words the dictionary lacks, used mid-sentence")
        self.tree.addTopLevelItem(group)
        current = None
        for finding in names:
            leaf = QTreeWidgetItem([f"{name_of(finding)} — {_uses(finding)}", "Add"])
            leaf.setData(0, _ROLE, finding)
            leaf.setToolTip(0, QtGui.Qt.convertFromPlainText(finding.message))
            leaf.setToolTip(1, "Add to the story dictionary (every use)")
            group.addChild(leaf)
            if finding == selected:
                current = leaf
        group.setExpanded(NAMES_KEY not in collapsed)
        return current

    def name_items(self) -> list[QTreeWidgetItem]:
        """The rows of the likely-names group."""
        tops = [t for t in _top_items(self.tree) if t.data(0, _ROLE) == NAMES_KEY]
        return _children(tops[0]) if tops else []

    def _add_all_names(self) -> None:
        words = [name_of(f) for f in self.findings if f.rule == NAME_RULE]
        if words:
            self.add_names.emit(list(dict.fromkeys(words)))

    def _collapsed_keys(self) -> set[object]:
        keys: set[object] = set()
        for top in _top_items(self.tree):
            for item in [top, *_children(top)]:
                if not item.isExpanded():
                    keys.add(item.data(0, _ROLE))
        return keys

    def items(self) -> list[QTreeWidgetItem]:
        """The finding rows, in order."""
        leaves: list[QTreeWidgetItem] = []
        for top in _top_items(self.tree):
            if top.data(0, _ROLE) == NAMES_KEY:
                leaves += _children(top)
            else:
                leaves += [leaf for group in _children(top) for leaf in _children(group)]
        return leaves

    def item_for(self, finding: Finding) -> QTreeWidgetItem | None:
        return next((item for item in self.items() if item.data(0, _ROLE) == finding), None)

    # -- acting --------------------------------------------------------------------------

    def selected(self) -> Finding | None:
        item = self.tree.currentItem()
        data = item.data(0, _ROLE) if item is not None else None
        return data if isinstance(data, Finding) else None

    def _clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        data = item.data(0, _ROLE)
        if isinstance(data, Finding) and data.rule == NAME_RULE and column == 1:
            self.add_names.emit([name_of(data)])  # the row's "Add"
        elif isinstance(data, Finding):
            self.go_to.emit(data)

    def _update_buttons(self) -> None:
        finding = self.selected()
        suggestions = finding.suggestions if finding is not None else ()
        is_name = finding is not None and finding.rule == NAME_RULE
        self.apply_button.setEnabled(bool(suggestions) or is_name)
        if is_name:
            assert finding is not None
            self.apply_button.setText(f"Add “{name_of(finding)}” to Story Dictionary")
        else:
            self.apply_button.setText(f"Apply “{suggestions[0]}”" if suggestions else "Apply")
        self.more_button.setVisible(len(suggestions) > 1)
        if len(suggestions) > 1:
            menu = QMenu(self.more_button)
            for suggestion in suggestions[1:]:
                menu.addAction(suggestion).triggered.connect(
                    lambda _=False, s=suggestion: self._apply(s)
                )
            self.more_button.setMenu(menu)
        self.ignore_button.setEnabled(finding is not None)
        self.rule_button.setEnabled(finding is not None)
        self.message.setText(finding.message if finding is not None else "")
        self.message.setVisible(finding is not None)

    def _apply_first(self) -> None:
        finding = self.selected()
        if finding is not None and finding.rule == NAME_RULE:
            self.add_names.emit([name_of(finding)])
        elif finding is not None and finding.suggestions:
            self._apply(finding.suggestions[0])

    def _apply(self, suggestion: str) -> None:
        finding = self.selected()
        if finding is not None:
            item = self.tree.currentItem()
            leaves = self.items()
            self._next_after_apply = leaves.index(item) if item in leaves else None
            self.apply_suggestion.emit(finding, suggestion)

    def _ignore(self) -> None:
        finding = self.selected()
        if finding is not None:
            self.ignore_finding.emit(finding)

    def _ignore_rule(self) -> None:
        finding = self.selected()
        if finding is not None:
            self.ignore_rule.emit(finding.rule)


def _top_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]


# Marks that read badly inside the label's own quotes: named in words instead.
_NAMED = {
    '"': "straight double quote",
    "'": "straight single quote",
    "“": "opening curly quote",
    "”": "closing curly quote",
    "‘": "opening curly single quote",
    "’": "curly apostrophe",
    "—": "em dash",
    "–": "en dash",
    "-": "hyphen",
    "\u00a0": "no-break space",
}


def _counted(key: str, n: int) -> str:
    """ "1 name", "2 names" (the other classes read the same either way)."""
    return "name" if key == "names" and n == 1 else key


def _summary(count: int, files: set[str]) -> str:
    """ "8 findings in 2 chapters and the story details" (story.toml is no chapter)."""
    if not count:
        return "No findings: the story reads clean"
    chapters = len(files - {STORY_FILE})
    where = [f"{chapters} chapter{'s' if chapters != 1 else ''}"] if chapters else []
    where += ["the story details"] if STORY_FILE in files else []
    others = ""
    if not where:
        others = f" in {len(files)} file{'s' if len(files) != 1 else ''}"
    return f"{count} finding{'s' if count != 1 else ''}" + (
        " in " + " and ".join(where) if where else others
    )


def _leaf_text(finding: Finding) -> str:
    suggestion = finding.suggestions[0] if finding.suggestions else None
    arrow = f"  →  {_shown(suggestion, quote=False)}" if suggestion is not None else ""
    return f"{_shown(finding.text)}{arrow}"


def _shown(text: str, *, quote: bool = True) -> str:
    """A finding's text for its label: quoted, or a mark or a run of spaces named in
    words (a label cannot show "  " → " ")."""
    if text in _NAMED:
        return _NAMED[text]
    if not text:
        return "nothing (remove it)"
    if not text.strip():
        if set(text) == {" "}:
            return "one space" if len(text) == 1 else f"{len(text)} spaces"
        return " + ".join(_NAMED.get(c, "tab" if c == "\t" else f"U+{ord(c):04X}") for c in text)
    return f"“{text}”" if quote else text
