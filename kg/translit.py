"""Spelling variants of romanised Russian names: "Sergey/Sergei", "Dmitry/Dmitri", "Yevgeny/Evgeny".

Russian names reach English text through several romanisations (BGN/PCGN, scholarly, the press's
own habits), and one article may write "Yury Trutnev" where another writes "Yuri Trutnev". The
reference set lists each person once; these variants let the lexicon recognise the other spellings
as the same person. They are derived, not curated: each rule is a regular correspondence between
the romanisations in use, applied to one word of a name at a time.
"""

from __future__ import annotations

import re
from itertools import product

#: states whose officials' names come from Cyrillic (their romanisations vary the same way)
CYRILLIC_NAME_STATES = frozenset({"russia", "belarus", "ukraine", "kazakhstan", "kyrgyzstan", "tajikistan",
                                  "uzbekistan", "turkmenistan", "mongolia"})

#: (pattern, replacements) on one word; each rule gives the word its alternatives
_RULES: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (re.compile(r"(?<=[aeo])[yi]$"), ("y", "i")),  # Sergey/Sergei, Nikolay/Nikolai, Andrey/Andrei
    (re.compile(r"(?<=[bcdfghklmnprstvz])(?:y|i|iy|ii)$"), ("y", "i", "iy")),  # Dmitry/Dmitri/Dmitriy, Yury/Yuri
    (re.compile(r"^Ye(?=[a-z])"), ("Ye", "E")),  # Yevgeny/Evgeny, Yelena/Elena
    (re.compile(r"(?<=[AaEe]le)(?:ks|x)"), ("ks", "x")),  # Aleksey/Alexey, Aleksandr/Alexandr
    (re.compile(r"(?<=[aeiou])[yi](?=[gkmnv])"), ("y", "i")),  # Shoigu/Shoygu
    (re.compile(r"(?<=[bcdfghklmnprstvzBCDFGHKLMNPRSTVZ])[iy](?=[ae])"), ("i", "y")),  # Ryabkov/Riabkov
    (re.compile(r"iye"), ("iye", "ie")),  # Matviyenko/Matvienko
)
#: whole-word alternatives no single rule gives
_WORDS = {"Aleksandr": ("Alexander", "Alexandr"), "Alexander": ("Aleksandr", "Alexandr")}
_MAX_VARIANTS = 16  # per name form: the rules combine, and a long name must not explode


def word_variants(word: str) -> tuple[str, ...]:
    """The word and its spellings under the rules (the word itself first)."""
    if len(word) < 3 or not word.isalpha():
        return (word,)
    out = [word, *_WORDS.get(word, ())]
    for pattern, replacements in _RULES:
        for w in list(out):
            m = pattern.search(w)
            if m:
                out += [w[:m.start()] + r + w[m.end():] for r in replacements]
    return tuple(dict.fromkeys(out))


def name_variants(name: str) -> tuple[str, ...]:
    """Other spellings of a romanised name ("Sergey Lavrov" -> "Sergei Lavrov", ...), the name itself excluded."""
    words = name.split(" ")
    combos = product(*(word_variants(w) for w in words))
    out = []
    for combo in combos:
        variant = " ".join(combo)
        if variant != name:
            out.append(variant)
        if len(out) >= _MAX_VARIANTS:
            break
    return tuple(out)
