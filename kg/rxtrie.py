"""Patterns for "does any of these literal words occur?", factored into a prefix tree.

Python's re engine tries every alternative of "sign|seal|statement|..." at each position of the
text; the same set written as "s(?:eal|ign|tatement)|..." rejects most positions after one
character. Only for existence tests: where one word is a prefix of another the branch stops at
the shorter one, so a match may be shorter than the plain alternation's (whether one occurs, and
where the first one starts, are the same).
"""

from __future__ import annotations

import re


def any_word_pattern(words) -> str:
    """A pattern that finds an occurrence of any of `words` (literal strings) wherever the plain
    alternation would, at the same start."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node:
            return ""  # a whole word ends here: what follows does not matter
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree)


def word_start_alternation(words) -> str:
    r"""The pattern \b(?:w1|w2|...) for words that start with a word character, written to start with
    the words' letters: each word is followed by a look-behind for the boundary before it. A pattern
    that starts with literal alternatives lets the engine skip in C to the next of their first letters;
    one that starts with \b or a look-ahead is tried at every position. Same matches, same order."""
    return "(?:" + "|".join(rf"{re.escape(w)}(?<!\w{re.escape(w)})" for w in words) + ")"
