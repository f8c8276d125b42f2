"""Proofreading in the window (Qt): the panel and its wiring. The rules are
`studio.proofread`."""

from studio.ui.proofread.feature import ProofreadFeature, install
from studio.ui.proofread.panel import ProofreadPanel

__all__ = ["ProofreadFeature", "ProofreadPanel", "install"]
