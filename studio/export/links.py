"""Which link addresses an export keeps as links, the Archive's rule for every format.

The Archive's sanitizer keeps `<a href>` for http, https, mailto and relative
addresses (it adds `rel="nofollow"` itself); anything else (`javascript:`, `data:`,
`file:`) is markup rather than a link, and is written as text or not at all.
"""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def allowed_href(href: str | None) -> str | None:
    """`href` when it is a link every format may keep; None for any other address."""
    if not href:
        return None
    href = _CONTROL.sub("", href).strip()
    if not href:
        return None
    scheme = _SCHEME.match(href)
    if scheme is None:
        return href  # relative: "../notes.html", "#end", "//host/path"
    return href if scheme.group(1).lower() in ALLOWED_SCHEMES else None


def is_absolute(href: str) -> bool:
    """True for an address with a scheme (https:, mailto:), false for a relative one."""
    return _SCHEME.match(href) is not None
