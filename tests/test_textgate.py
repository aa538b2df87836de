"""Substring tests before pattern scans (kg.textgate): they may pass where nothing matches, never fail
where something does."""

import re
import string

from kg.textgate import lowered, may_match

#: every character but the surrogates
_ALL = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_lowered_mirrors_ignorecase_for_ascii_letters():
    # a character re.IGNORECASE matches to an ASCII letter lowers to that letter, unless lowered() says None
    for letter in string.ascii_lowercase:
        for ch in re.findall(letter, _ALL, re.IGNORECASE):
            assert lowered(ch) is None or lowered(ch) == letter, (hex(ord(ch)), letter)


def test_lowered_gives_up_on_unfoldable_letters():
    assert lowered("Signed in Istanbul") == "signed in istanbul"
    for text in ("\u0130stanbul", "s\u0131gned", "\u017figned"):
        assert lowered(text) is None


def test_may_match():
    assert may_match("The SUMMIT opened", ("summit",))
    assert not may_match("The meeting opened", ("summit",))
    assert may_match("the \u017fummit", ("summit",))  # re.IGNORECASE matches it: no ruling out
    assert re.search(r"summit", "the \u017fummit", re.IGNORECASE)
