import re

from kg.rxtrie import any_word_pattern


def test_any_word_pattern_finds_what_the_alternation_finds():
    words = ("sign", "seal", "statement", "memo", "member", "mou", "$", "plan", "planned")
    rx = re.compile(any_word_pattern(words))
    plain = re.compile("|".join(map(re.escape, words)))
    for text in ("they signed it", "a memorandum", "members only", "$5", "no cue here", "mo u", "", "planned"):
        a, b = rx.search(text), plain.search(text)
        assert (a is None) == (b is None), text
        if a is not None:
            assert a.start() == b.start(), text
