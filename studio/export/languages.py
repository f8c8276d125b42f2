"""Language names as the Archive shows them: its own spelling for the codes stories
mostly use, and the language's own name from langcodes (CLDR data) for every other
valid tag, so "eo" is "Esperanto" rather than the code."""

from __future__ import annotations

import langcodes

_NAMES = {
    "ar": "العربية",
    "ca": "Català",
    "cs": "Čeština",
    "da": "Dansk",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fi": "Suomi",
    "fr": "Français",
    "he": "עברית",
    "hu": "Magyar",
    "id": "Bahasa Indonesia",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "nl": "Nederlands",
    "no": "Norsk",
    "pl": "Polski",
    "pt": "Português",
    "ro": "Română",
    "ru": "Русский",
    "sv": "Svenska",
    "th": "ไทย",
    "tr": "Türkçe",
    "uk": "Українська",
    "vi": "Tiếng Việt",
    "zh": "中文",
}


def language_name(code: str) -> str:
    """ "English" for "en" or "en-GB"; the code itself when it names no language."""
    code = code.strip()
    primary = code.replace("_", "-").split("-")[0].lower()
    if primary in _NAMES:
        return _NAMES[primary]
    try:
        language = langcodes.Language.get(primary)
    except (ValueError, LookupError):
        return code
    if not primary or not language.is_valid() or primary == "und":
        return code
    name = language.autonym()
    if name.startswith("Unknown language"):
        return code
    return name[:1].upper() + name[1:]
