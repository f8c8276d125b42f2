"""Colours of the safety bars and the compare view, for the light and the dark palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Tone:
    background: str
    border: str
    text: str


@dataclass(frozen=True)
class DiffColors:
    removed_line: str
    removed_word: str
    added_line: str
    added_word: str
    fold: str
    number: str


_BARS = {
    # tone: (light, dark)
    "warning": (Tone("#fcefd2", "#e0b85c", "#4a3a12"), Tone("#3b3120", "#8a6d2f", "#f0dfb8")),
    "error": (Tone("#fbe3e0", "#d9776b", "#5c1d16"), Tone("#422623", "#a4544a", "#f4cdc7")),
    "info": (Tone("#e3ecf7", "#8fb0dd", "#1d3557"), Tone("#243041", "#4f6d96", "#d3e0f2")),
}

_DIFF = (
    DiffColors("#fbe9e7", "#f4b8ae", "#e8f5e6", "#a9dba1", "#8a8179", "#a39b92"),
    DiffColors("#3a2523", "#7a3b33", "#1f3322", "#2f6b37", "#8a837b", "#6f6962"),
)


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def bar_tone(widget: QWidget, tone: str) -> Tone:
    light, dark = _BARS[tone]
    return dark if is_dark(widget) else light


def diff_colors(widget: QWidget) -> DiffColors:
    return _DIFF[1] if is_dark(widget) else _DIFF[0]
