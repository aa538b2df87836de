"""Find mentions of reference entities in text: a token trie built from ontology/entities.toml.

The text is cut into items (words, runs of whitespace/hyphens/dashes, apostrophes, other
punctuation) with their offsets, so matching is word-bounded by construction and tolerant of
typographic variants ("Belt-and-Road" = "Belt and Road", ’ = ', – = -, line breaks = spaces)
while offsets stay exact. Two tries: single words and short forms ("SCO", "Wang", "Xi") match
case-sensitively; longer multi-word names case-insensitively. Longest match wins, left to right,
no overlaps. Short forms shared by several entities are declared in entities.toml [ambiguous]
and never resolved here: the extractor decides them from context (`find_ambiguous`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, count
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from kg.errors import ConfigError
from kg.reference import DEFAULT_PATH, SERIES_TYPES, RefEntity, cached_reference_data
from kg.translit import CYRILLIC_NAME_STATES, name_variants

# word | separator run (whitespace, hyphens, dashes) | apostrophe | any other single mark
_ITEM = re.compile(r"([^\W_]+)|([\s\-\u2010-\u2015\u2212\u00ad]+)|(['\u2018\u2019\u02bc\u2032`])|([^\w\s]|_)")
_SP, _AP = " ", "'"
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_END = object()  # trie terminal marker


@dataclass(frozen=True)
class Mention:
    """A resolved mention: text[start:end] == surface names `entity`.

    kind: "label" | "alt" | "native" | "demonym" (an adjective like "Chinese" naming a state).
    year: for a series mention written with its edition ("Joint Sea-2014"), the year; the span
    then covers the year too.
    """

    start: int
    end: int
    surface: str
    entity: RefEntity
    kind: str = "label"
    year: int | None = None


@dataclass(frozen=True)
class AmbiguousMention:
    """A short form shared by several entities ("Wang"): the extractor picks from context."""

    start: int
    end: int
    surface: str
    candidates: tuple[RefEntity, ...]
    year: int | None = None


_ITEM_ANY = re.compile(_ITEM.pattern.replace("(", "(?:").replace("(?:?:", "(?:"))
_SEP_CHARS = frozenset(" \t\n\r\f\v-\u00ad\u2212" + "".join(chr(c) for c in range(0x2010, 0x2016)))
_AP_CHARS = frozenset("'\u2018\u2019\u02bc\u2032`")


class ItemMemo(dict):
    """item -> fn(item), filled on demand: memo[item] and `map(memo.__getitem__, items)` run in C for
    every item already seen. Only for single words or marks (a vocabulary), never for sentences."""

    __slots__ = ("_fn",)
    _MAX = 1 << 17

    def __init__(self, fn) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, item: str):
        v = self._fn(item)
        if len(self) >= self._MAX:
            self.clear()
        self[item] = v
        return v


def _norm_item(p: str) -> str:
    """The normalised form of an item: separator runs -> " ", apostrophes -> "'", others as written
    (a word item is all alphanumeric, any other item has none)."""
    if p.isalnum():
        return p
    return _SP if p[0] in _SEP_CHARS or p[0].isspace() else _AP if p in _AP_CHARS else p


_NORM_ITEM = ItemMemo(_norm_item)


def _items(text: str) -> list[str]:
    """The items of a text as written (words, separator runs, marks): they tile the text, so running
    sums of their lengths give their offsets."""
    return _ITEM_ANY.findall(text)


def _form_items(form: str) -> tuple[str, ...]:
    """The items of a surface form, without separators at either end."""
    vals = list(map(_NORM_ITEM.__getitem__, _items(form)))
    while vals and vals[0] == _SP:
        vals.pop(0)
    while vals and vals[-1] == _SP:
        vals.pop()
    return tuple(vals)


def _case_insensitive(items: tuple[str, ...]) -> bool:
    """Multi-word names of 8+ letters match in any case; acronyms, surnames, short forms do not."""
    words = [v for v in items if v[0].isalnum()]
    return len(words) >= 2 and sum(len(w) for w in words) >= 8


def _key(items: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    ci = _case_insensitive(items)
    return ci, tuple(v.casefold() for v in items) if ci else items


class Lexicon:
    """Reference entities plus the surface-form tries used to find them in text."""

    def __init__(self, entities: tuple[RefEntity, ...], ambiguous: dict[str, tuple[str, ...]], source: str = ""):
        self.entities: tuple[RefEntity, ...] = tuple(entities)
        self._by_slug = {e.slug: e for e in self.entities}
        self._key_cache: dict[str, tuple | None] = {}
        #: memos of the lexicon's users that depend on it (kg.mentions: which words can be part of a name)
        self.memos: dict[str, ItemMemo] = {}
        # key -> {slug: kind}; key = (case_insensitive, items)
        table: dict[tuple[bool, tuple[str, ...]], dict[str, str]] = {}
        order = {"label": 0, "alt": 1, "native": 2, "demonym": 3}
        for e in self.entities:
            forms = [(e.label, "label")] + [(a, "alt") for a in e.alt_labels]
            forms += [(t, "native") for t, _lang in e.native_labels]
            forms += [(d, "demonym") for d in e.extra_values("demonym")]
            for form, kind in forms:
                items = _form_items(form)
                if not items or not items[0][0].isalnum():
                    continue
                key = _key(items)
                if key[0] and e.extra_value("case") == "sensitive":  # e.g. "General Staff" vs "general staff"
                    key = (False, items)
                slot = table.setdefault(key, {})
                if e.slug not in slot or order[kind] < order[slot[e.slug]]:
                    slot[e.slug] = kind
        self._add_spelling_variants(table)
        self._ambiguous: dict[tuple[bool, tuple[str, ...]], tuple[RefEntity, ...]] = {}
        for surface, slugs in ambiguous.items():
            self._ambiguous[_key(_form_items(surface))] = tuple(self._by_slug[s] for s in slugs)
        clashes = [
            f"{' '.join(k[1])!r} -> {sorted(v)}"
            for k, v in table.items()
            if len(v) > 1 and k not in self._ambiguous
        ]
        if clashes:
            raise ConfigError(
                f"{source or 'entities'}: surface forms shared by several entities: {'; '.join(sorted(clashes))}",
                hint="make the labels distinct or declare the form under [ambiguous] in entities.toml",
            )
        self._resolved: dict[tuple[bool, tuple[str, ...]], tuple[RefEntity, str]] = {}
        for k, slots in table.items():
            if k in self._ambiguous:
                continue
            (slug, kind), = slots.items()
            self._resolved[k] = (self._by_slug[slug], kind)
        self._tries: tuple[dict, dict] = ({}, {})  # (case-sensitive, case-insensitive)
        for k in list(self._resolved) + list(self._ambiguous):
            node = self._tries[1 if k[0] else 0]
            for it in k[1]:
                node = node.setdefault(it, {})
            node[_END] = k
        self._first_items = (frozenset(self._tries[0]), frozenset(self._tries[1]))
        self._starts_name = ItemMemo(self._can_start_name)
        self.forms_count = len(self._resolved) + len(self._ambiguous)
        self._series_keys = {k for k, (e, _kind) in self._resolved.items() if e.type in SERIES_TYPES}
        self._series_keys |= {k for k, c in self._ambiguous.items() if all(e.type in SERIES_TYPES for e in c)}
        # "Cooperation", "Center": series names that are common words count only with a year
        self._needs_year = {k for k, (e, _kind) in self._resolved.items() if e.extra_value("match") == "with-year"}

    def _add_spelling_variants(self, table: dict) -> None:
        """Other romanisations of names from Cyrillic ("Sergei" for "Sergey", kg.translit) as alternative forms:
        only where no reference form has the spelling and only one person would get it."""
        variants: dict[tuple[bool, tuple[str, ...]], set[str]] = {}
        for e in self.entities:
            if e.type != "Person" or e.country not in CYRILLIC_NAME_STATES:
                continue
            for form in (e.label, *e.alt_labels):
                for variant in name_variants(form):
                    items = _form_items(variant)
                    if items:
                        variants.setdefault(_key(items), set()).add(e.slug)
        for key, slugs in variants.items():
            if key not in table and len(slugs) == 1:
                table[key] = {slugs.pop(): "alt"}

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> "Lexicon":
        """The lexicon of entities.toml (cached; rebuilt when the file changes)."""
        p = (Path(path) if path is not None else DEFAULT_PATH).resolve()
        try:
            mtime = p.stat().st_mtime_ns
        except FileNotFoundError as exc:
            raise ConfigError(f"reference entities file {p} not found", hint="restore ontology/entities.toml") from exc
        return _build(p, mtime)

    # --- lookups --------------------------------------------------------------------------
    def get(self, slug: str) -> RefEntity | None:
        return self._by_slug.get(slug)

    def __contains__(self, slug: str) -> bool:
        return slug in self._by_slug

    def __len__(self) -> int:
        return len(self.entities)

    def _exact_key(self, surface: str):
        """The trie key a whole surface form is filed under, or None (memoised: the extractors look up
        the same words again and again)."""
        try:
            return self._key_cache[surface]
        except KeyError:
            pass
        if len(self._key_cache) > 65536:
            self._key_cache.clear()
        k = self._key_cache[surface] = self._exact_key_uncached(surface)
        return k

    def _exact_key_uncached(self, surface: str):
        items = _form_items(surface)
        if not items:
            return None
        cs = (False, items)
        ci = (True, tuple(v.casefold() for v in items))
        for k in (cs, ci) if _case_insensitive(items) else (cs,):
            if k in self._resolved or k in self._ambiguous:
                return k
        return None

    def lookup(self, surface: str) -> RefEntity | None:
        """The entity a whole surface form names, or None (unknown or ambiguous)."""
        k = self._exact_key(surface)
        hit = self._resolved.get(k) if k else None
        return hit[0] if hit else None

    def ambiguous_short_forms(self, surface: str) -> tuple[RefEntity, ...]:
        """Candidates for a declared ambiguous form ("Wang" -> Wang Yi, Wang Yang); () otherwise."""
        k = self._exact_key(surface)
        return self._ambiguous.get(k, ()) if k else ()

    def by_type(self, *types: str) -> list[RefEntity]:
        return [e for e in self.entities if e.type in types]

    # --- scanning -------------------------------------------------------------------------
    def _can_start_name(self, item: str) -> bool:
        """The item is the first one of a surface form (as written, or casefolded for the
        case-insensitive trie)."""
        cs_first, ci_first = self._first_items
        return item in cs_first or item.casefold() in ci_first

    def _scan(self, text: str) -> Iterator[tuple[int, int, tuple, int | None]]:
        """(start, end, key, year) for every longest, non-overlapping match, left to right.

        Not memoised per text (a sentence cache would carry over from one article to the next): callers
        wanting both kinds of mention use find_both, and kg.narrative_cues._MemoLexicon shares the scans
        of one document.
        """
        parts = _items(text)
        norm = _NORM_ITEM.__getitem__  # items are normalised only where a walk reads them
        cs_root, ci_root = self._tries
        n = len(parts)
        after = 0  # first item not yet covered by a match
        # offsets are counted only up to the matches (from the last one on), not for every item
        at_item = at = 0  # an item index and its offset in the text
        # most items start no name: the candidates (words, which need no normalising) are picked in C,
        # by a memo lookup per item
        for i in compress(count(), map(self._starts_name.__getitem__, parts)):
            if i < after:
                continue
            found: list[tuple[int, bool, tuple]] = []  # (last item index, case-sensitive?, key)
            word = parts[i]
            for node, fold in ((cs_root.get(word), False), (ci_root.get(word.casefold()), True)):
                j = i
                while node is not None:
                    k = node.get(_END)
                    if k is not None:
                        found.append((j, not fold, k))
                    j += 1
                    if j == n:
                        break
                    node = node.get(norm(parts[j]).casefold() if fold else norm(parts[j]))
            if not found:
                continue  # (most candidates: "the" not followed by a name)
            for j, _cs, key in sorted(found, reverse=True):  # longest first, case-sensitive first
                year, end_j = self._year_after(parts, j) if key in self._series_keys else (None, j)
                if year is None and key in self._needs_year:
                    continue
                at += len("".join(parts[at_item:i]))
                at_item = i
                yield at, at + len("".join(parts[i:end_j + 1])), key, year
                after = end_j + 1
                break

    def _year_after(self, parts: list[str], j: int) -> tuple[int | None, int]:
        """A year written right after item j ("Joint Sea-2014", "Vostok 2018"), and its item index."""
        k = j + 1
        if k < len(parts) and _NORM_ITEM[parts[k]] == _SP:
            k += 1
        if k < len(parts) and parts[k].isalnum() and _YEAR.match(parts[k]):
            return int(parts[k]), k
        return None, j

    def find(self, text: str, kinds: frozenset[str] | None = None) -> list[Mention]:
        """Resolved mentions in order (ambiguous short forms left out; see find_ambiguous)."""
        out = []
        for start, end, key, year in self._scan(text):
            hit = self._resolved.get(key)
            if hit is None or (kinds is not None and hit[1] not in kinds):
                continue
            out.append(Mention(start, end, text[start:end], hit[0], hit[1], year))
        return out

    def find_both(self, text: str) -> tuple[list[Mention], list[AmbiguousMention]]:
        """find(text) and find_ambiguous(text) from one scan (callers wanting both halve the work)."""
        found: list[Mention] = []
        amb: list[AmbiguousMention] = []
        resolved, ambiguous = self._resolved, self._ambiguous
        for start, end, key, year in self._scan(text):
            hit = resolved.get(key)
            if hit is not None:
                found.append(Mention(start, end, text[start:end], hit[0], hit[1], year))
            if key in ambiguous:
                amb.append(AmbiguousMention(start, end, text[start:end], ambiguous[key], year))
        return found, amb

    def find_ambiguous(self, text: str) -> list[AmbiguousMention]:
        """Spans of declared ambiguous short forms not inside a longer resolved name."""
        return [
            AmbiguousMention(s, e, text[s:e], self._ambiguous[k], y)
            for s, e, k, y in self._scan(text)
            if k in self._ambiguous
        ]


@lru_cache(maxsize=4)
def _build(path: Path, mtime_ns: int) -> Lexicon:
    data = cached_reference_data(path)
    return Lexicon(data.entities, data.ambiguous, source=path.name)
