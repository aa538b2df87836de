"""Substring tests that rule out a costly pattern scan.

A pattern every match of which contains one of a few words cannot match a text that holds none of them,
and testing that is far cheaper than the pattern's scan (most texts hold none). For a case-insensitive
pattern the test reads the text in lower case (`lowered`).
"""

from __future__ import annotations


def lowered(text: str) -> str | None:
    """The text in lower case; None when it holds a letter that re.IGNORECASE matches to an ASCII letter
    but lower() does not turn into it ("\u0130", "\u0131", "\u017f"): a test could then miss a match, and
    nothing is ruled out."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        return None
    return text.lower()


def may_match(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive pattern every match of which contains one of `words` (lower case) can
    match in `text`."""
    low = lowered(text)
    return low is None or any(w in low for w in words)
