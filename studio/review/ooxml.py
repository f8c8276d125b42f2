"""WordprocessingML names shared by the review export and the review import."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"

COMMENTS_EXTENDED_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
COMMENTS_EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def w(name: str) -> str:
    """`w:name` in Clark notation, as lxml spells it."""
    return f"{{{W_NS}}}{name}"


def w14(name: str) -> str:
    return f"{{{W14_NS}}}{name}"


def w15(name: str) -> str:
    return f"{{{W15_NS}}}{name}"


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
