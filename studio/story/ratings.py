"""The Archive of Our Own's ratings, and how older header ratings map onto them."""

from __future__ import annotations

ARCHIVE_RATINGS: tuple[str, ...] = (
    "Not Rated",
    "General Audiences",
    "Teen And Up Audiences",
    "Mature",
    "Explicit",
)

ARCHIVE_WARNINGS: tuple[str, ...] = (
    "Creator Chose Not To Use Archive Warnings",
    "No Archive Warnings Apply",
    "Graphic Depictions Of Violence",
    "Major Character Death",
    "Rape/Non-Con",
    "Underage Sex",
)

# The posting form's checkbox is "Choose Not To Use Archive Warnings"; the posted work
# shows the tag "Creator Chose Not To Use Archive Warnings". Both name one warning.
CHOSE_NOT_TO_WARN = "Creator Chose Not To Use Archive Warnings"
WARNING_ALIASES: dict[str, str] = {"Choose Not To Use Archive Warnings": CHOSE_NOT_TO_WARN}


def archive_warning(name: str) -> str | None:
    """The Archive warning `name` stands for (either spelling), or None."""
    cleaned = " ".join(name.split())
    for warning in (*ARCHIVE_WARNINGS, *WARNING_ALIASES):
        if cleaned.casefold() == warning.casefold():
            return WARNING_ALIASES.get(warning, warning)
    return None


CATEGORIES: tuple[str, ...] = ("F/F", "F/M", "Gen", "M/M", "Multi", "Other")

# As the Archive's own importer maps them (see the project format).
_OLD_RATINGS: dict[str, str] = {
    "G": "General Audiences",
    "PG": "General Audiences",
    "K": "General Audiences",
    "K+": "General Audiences",
    "PG-13": "Teen And Up Audiences",
    "PG-15": "Teen And Up Audiences",
    "T": "Teen And Up Audiences",
    "R": "Mature",
    "M": "Mature",
    "NC-17": "Explicit",
    "NC-18": "Explicit",
    "X": "Explicit",
    "MA": "Explicit",
}


def archive_rating(source: str) -> str:
    """The archive rating for a rating as an author wrote it ("pg-13", "K+", "Mature")."""
    cleaned = source.strip()
    for name in ARCHIVE_RATINGS:
        if cleaned.casefold() == name.casefold():
            return name
    key = cleaned.upper().replace(" ", "")
    if key.startswith("FR"):  # FicRatings: FRC, FR13, FR15, FR18 name the same bands
        key = {"FRC": "G", "FR7": "PG", "FR13": "PG-13", "FR15": "PG-15", "FR18": "NC-17"}.get(
            key, key
        )
    return _OLD_RATINGS.get(key, "Not Rated")
