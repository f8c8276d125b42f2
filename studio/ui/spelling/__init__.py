"""Spell checking in the window (Qt). The checking itself is `studio.spelling`."""

from studio.ui.spelling.feature import SpellingFeature, install
from studio.ui.spelling.layer import SpellLayer
from studio.ui.spelling.session import SpellingSession

__all__ = ["SpellLayer", "SpellingFeature", "SpellingSession", "install"]
