"""Language names as fic sites write them → BCP 47 codes, from langcodes' tables.

AO3 names each language in itself ("Русский", "Deutsch", "日本語", "Español");
FanFicFare writes the English name ("Russian"). langcodes (with language_data) knows
both, for every language the Archive lists, so no hand-kept table is needed.
"""

from __future__ import annotations

import re

import langcodes


def language_code(name: str) -> str | None:
    """ "Русский" → "ru", "English" → "en", "pt-BR" → "pt-BR"; None when unknown."""
    text = " ".join(name.split()).strip()
    if not text or len(text) > 80:
        return None
    if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", text):
        try:
            tag = langcodes.Language.get(text.replace("_", "-"))
        except (ValueError, LookupError):
            tag = None
        if tag is not None and tag.is_valid() and tag.language:
            return str(tag.to_tag())
    try:
        return str(langcodes.find(text).to_tag())
    except LookupError:
        pass
    # "中文-普通话 國語", "Bahasa Indonesia": the first word alone is often the name.
    first = re.split(r"[\s\-–(/]+", text)[0]
    if first and first != text:
        try:
            return str(langcodes.find(first).to_tag())
        except LookupError:
            return None
    return None
