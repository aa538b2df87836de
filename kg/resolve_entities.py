"""Entities and posts across an article and the corpus: one slug per real person, dated tenures.

Used by kg.resolve (and the narrative extractor for titles):
- names are folded across transliteration variants ("Yury"/"Yuri", "Sergey"/"Sergei",
  "Aleksandr"/"Alexandr") and middle names ("Andrey Ivanovich Denisov" = "Andrey Denisov");
  a discovered name that a reference entity carries maps onto it (reference entities win);
  other discovered persons get a slug from their fullest spelling;
- a short form ("Wang") resolves to the one full-named person of the article it can be, by the
  title written with it ("Vice Premier Wang"), then by the nearest full mention before it; if it
  stays ambiguous it is dropped (and reported) rather than guessed;
- a title as written ("Russian Deputy Foreign Minister") becomes a role ("Deputy Foreign
  Minister") of an organisation (Russia) held on the date observed; ranks alone are no post.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.iris import slugify
from kg.records import ArticleRecords, EntityRef, EventRecord, Passage, TenureRecord, replace

_PERSONISH = {"Person"}
_RANKS = {"gen", "general", "adm", "admiral", "col", "colonel", "lt", "maj", "major", "capt", "captain",
          "mr", "mrs", "ms", "dr", "prof", "professor", "sir", "madam", "marshal", "vice", "rear"}


# --- name folding -----------------------------------------------------------------------------
#: one key for the romanisations kg.translit spells out (a test holds the two together)
_FOLD_RULES = [(re.compile(r"ks"), "x"), (re.compile(r"kh"), "h"), (re.compile(r"y"), "i"),
               (re.compile(r"^ie(?=[a-z])"), "e"), (re.compile(r"ander$"), "andr"), (re.compile(r"(.)\1+"), r"\1")]
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1 << 16)
def fold_name(label: str) -> str:
    """Spelling-insensitive key: 'Yury Trutnev' and 'Yuri Trutnev' -> 'iuri trutnev', 'Yevgeny'/'Evgeny' -> 'evgeni'.

    Memoised: a corpus folds the same few thousand names over and over (1000 articles: 400k calls)."""
    label = re.sub(r"['\u2019]s$", "", label.strip())  # "Wei Fenghe's" is Wei Fenghe
    label = re.sub(r"(?<=[^\W\d_])[\-\u00ad\u2010](?=[^\W\d_])", "", label)  # "Intelli-gence" (a PDF line break)
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    words = []
    for w in _WORD.findall(ascii_text):
        for rx, rep in _FOLD_RULES:
            w = rx.sub(rep, w)
        words.append(w)
    return " ".join(words)


# --- titles -----------------------------------------------------------------------------------
_OFFICE_NOUNS = {"minister", "president", "premier", "secretary", "ambassador", "councilor", "councillor", "commander",
                 "director", "chief", "head", "leader", "envoy", "representative", "chairperson", "chairman", "spokesperson",
                 "spokesman", "governor", "mayor", "general", "admiral", "speaker", "deputy", "counterpart", "officer"}


def _singular(word: str) -> str:
    """'Ministers' -> 'Minister', 'Chairmen' -> 'Chairman'; other words ('Affairs') unchanged."""
    low = word.casefold()
    if low.endswith("men") and low[:-3] + "man" in _OFFICE_NOUNS:
        return word[:-3] + "man"
    if low.endswith("ies") and low[:-3] + "y" in _OFFICE_NOUNS:
        return word[:-3] + "y"
    if low.endswith("s") and low[:-1] in _OFFICE_NOUNS:
        return word[:-1]
    return word


class Demonyms:
    """State adjectives ('Russian', "China's") -> State slug, from the reference entities."""

    def __init__(self, lexicon) -> None:
        self.map: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        for e in getattr(lexicon, "entities", ()) or ():
            if e.type != "State":
                continue
            self.labels[e.slug] = e.label
            forms = [e.label, *e.alt_labels]
            for f in forms:
                self.map[f.casefold() + "'s"] = e.slug
                self.map[f.casefold() + "\u2019s"] = e.slug
            for d in e.extra_values("demonym"):
                self.map[d.casefold()] = e.slug

    def split(self, title: str) -> tuple[str | None, str]:
        """'Russian Deputy Foreign Minister' -> ('russia', 'Deputy Foreign Minister')."""
        words = title.split()
        if words and words[0].casefold() in self.map:
            return self.map[words[0].casefold()], " ".join(words[1:])
        return None, title


def clean_role_title(title: str) -> str | None:
    """'Foreign Ministers' -> 'Foreign Minister'; None for ranks and honorifics alone ('Gen.')."""
    words = [w for w in re.split(r"\s+", title.strip().strip(",;:")) if w]
    if not words:
        return None
    if all(w.strip(".").casefold() in _RANKS for w in words):
        return None
    while len(words) > 1 and words[-1].strip(".").casefold() in _RANKS and words[-1][:1].isupper() and (
            words[-1].endswith(".") or words[-2].strip(".").casefold() not in _RANKS):
        words.pop()  # 'Navy Commander Gen.' -> 'Navy Commander'
        if len(words) > 1 and words[-1] in ("Army", "Navy", "Air", "Fleet"):
            words.pop()  # '... General Staff Army Gen.': 'Army General' is the rank
    while len(words) > 1 and words[0].strip(".").casefold() in _RANKS and words[0].endswith("."):
        words.pop(0)  # 'Gen. Chief of Staff' -> 'Chief of Staff'
    words[-1] = _singular(words[-1])
    return " ".join(words)


def _title_key(title: str | None) -> str:
    if not title:
        return ""
    return " ".join(_singular(w) for w in _WORD.findall(title.casefold()))


# --- entity resolution ------------------------------------------------------------------------
@dataclass
class _Occurrence:
    ref: EntityRef
    file: str
    start: int


class EntityResolver:
    """Maps every EntityRef of the corpus to its canonical form (slug, label)."""

    def __init__(self, lexicon, articles: list[ArticleRecords]) -> None:
        self.lexicon = lexicon
        self.ref_index: dict[tuple[str, str], EntityRef] = {}  # (kind, folded label) -> reference ref
        self.ref_titles: dict[str, str] = {}
        for e in getattr(lexicon, "entities", ()) or ():
            kind = "person" if e.type in _PERSONISH else "other"
            ref = EntityRef(slug=e.slug, label=e.label, type=e.type, country=e.country)
            for form in (e.label, *e.alt_labels):
                self.ref_index.setdefault((kind, fold_name(form)), ref)
            t = e.extra_value("title")
            if t:
                self.ref_titles[e.slug] = _title_key(t)
        # discovered full names: folded key -> canonical (slug, label)
        self.canonical: dict[tuple[str, str], EntityRef] = {}
        self._build(articles)

    @staticmethod
    def _kind(ref: EntityRef) -> str:
        return "person" if ref.type in _PERSONISH else "other"

    def _build(self, articles: list[ArticleRecords]) -> None:
        groups: dict[tuple[str, str], list[EntityRef]] = defaultdict(list)
        for art in articles:
            for ref in _all_refs(art):
                if not ref.discovered or self._is_short(ref):
                    continue
                groups[(self._kind(ref), fold_name(ref.label))].append(ref)
        # collapse middle names: 'andrei ivanovich denisov' ~ 'andrei denisov'
        keys = sorted(groups)
        alias: dict[tuple[str, str], tuple[str, str]] = {}
        by_ends: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        for k in keys:
            words = k[1].split()
            if k[0] == "person" and len(words) >= 2:
                by_ends[(k[0], words[0], words[-1])].append(k)
        for members in by_ends.values():
            if len(members) > 1:
                target = min(members, key=lambda k: (len(k[1].split()), k[1]))
                for k in members:
                    if k != target:
                        alias[k] = target
        merged: dict[tuple[str, str], list[EntityRef]] = defaultdict(list)
        for k in keys:
            merged[alias.get(k, k)].extend(groups[k])
        for k, refs in merged.items():
            ref_hit = self.ref_index.get(k)
            if ref_hit is None:
                for alias_key, target in alias.items():
                    if target == k and alias_key in self.ref_index:
                        ref_hit = self.ref_index[alias_key]
                        break
            if ref_hit is not None:
                canon = ref_hit
            else:
                label = _best_label(r.label for r in refs)
                country = sorted({r.country for r in refs if r.country}) or [None]
                typ = sorted({r.type for r in refs})[0]
                canon = EntityRef(slug=self._discovered_slug(label), label=label, type=typ,
                                  discovered=True, country=country[0])
            self.canonical[k] = canon
            for a, target in alias.items():
                if target == k:
                    self.canonical[a] = canon

    def _discovered_slug(self, label: str) -> str:
        slug = slugify(label)
        if self.lexicon is not None and slug in self.lexicon:
            slug = f"{slug}-{fold_name(label).replace(' ', '')[:4]}-x"
        return slug

    @staticmethod
    def _is_short(ref: EntityRef) -> bool:
        return ref.type in _PERSONISH and len(_WORD.findall(ref.label)) == 1

    def resolve(self, ref: EntityRef, ctx: "ArticleContext", passage: Passage | None) -> EntityRef | None:
        """The canonical ref, keeping the mention's title; None when a short form stays ambiguous."""
        if not ref.discovered:
            return ref
        kind = self._kind(ref)
        if self._is_short(ref):
            target = ctx.resolve_short(ref, passage, self)
            if target is None:
                return None
            return replace(target, title=ref.title)
        key = (kind, fold_name(ref.label))
        canon = self.canonical.get(key) or self.ref_index.get(key)
        if canon is None:
            return ref
        if canon.title == ref.title and (canon.country or not ref.country):
            return canon  # nothing to carry over (most mentions): no copy
        return replace(canon, title=ref.title, country=canon.country or ref.country)


def _best_label(labels: Iterable[str]) -> str:
    """Most frequent spelling; ties to the longest, then alphabetical (deterministic)."""
    counts: dict[str, int] = defaultdict(int)
    for lab in labels:
        counts[re.sub(r"['\u2019]s$", "", lab.strip())] += 1
    return sorted(counts, key=lambda s: (-counts[s], s.count("-"), -len(s), s))[0]


class ArticleContext:
    """Per-article knowledge used for short forms: full-name persons, their titles and positions."""

    def __init__(self, art: ArticleRecords, resolver: EntityResolver) -> None:
        self.persons: dict[str, EntityRef] = {}
        self.titles: dict[str, set[str]] = defaultdict(set)
        self.positions: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for ref, passage in _refs_with_passages(art):
            if ref.type not in _PERSONISH or EntityResolver._is_short(ref):
                continue
            canon = resolver.resolve(ref, self, passage) if ref.discovered else ref
            if canon is None:
                continue
            self.persons[canon.slug] = canon if canon.title is None else replace(canon, title=None)
            if ref.title:
                self.titles[canon.slug].add(_title_key(_strip_demonym(ref.title)))
            t = resolver.ref_titles.get(canon.slug)
            if t:
                self.titles[canon.slug].add(t)
            if passage is not None:
                self.positions[canon.slug].append((passage.file.name, passage.start))
        for t in art.tenures:
            canon = resolver.resolve(t.holder, self, t.passage) if t.holder.discovered else t.holder
            if canon is not None and not EntityResolver._is_short(t.holder):
                self.titles[canon.slug].add(_title_key(_strip_demonym(t.role_title)))

    def resolve_short(self, ref: EntityRef, passage: Passage | None, resolver: EntityResolver) -> EntityRef | None:
        short = fold_name(ref.label)
        cands = sorted(
            slug for slug, p in self.persons.items()
            if short in (fold_name(p.label).split()[0], fold_name(p.label).split()[-1])
        )
        lex = resolver.lexicon
        if lex is not None and hasattr(lex, "ambiguous_short_forms"):
            for e in lex.ambiguous_short_forms(ref.label):
                if e.slug not in cands and e.slug in self.persons:
                    cands.append(e.slug)
        if len(cands) == 1:
            return self.persons[cands[0]]
        if not cands:
            return None
        if ref.title:
            want = _title_key(_strip_demonym(ref.title))
            hits = [c for c in cands if want and want in self.titles.get(c, ())]
            if len(hits) == 1:
                return self.persons[hits[0]]
            cands = hits or cands
        if passage is not None:
            best: tuple[int, str] | None = None
            for c in cands:
                for fname, start in self.positions.get(c, ()):
                    if fname == passage.file.name and start <= passage.start:
                        if best is None or start > best[0]:
                            best = (start, c)
            if best is not None:
                return self.persons[best[1]]
        return None


def _strip_demonym(title: str) -> str:
    words = title.split()
    if len(words) > 1 and (words[0][:1].isupper() and (words[0].endswith(("ian", "ese", "'s", "\u2019s")))):
        return " ".join(words[1:])
    return title


# --- walking records --------------------------------------------------------------------------
def _event_refs(ev: EventRecord) -> Iterable[EntityRef]:
    yield from ev.participants
    yield from ev.hosts
    yield from ev.organizations
    if ev.place is not None:
        yield ev.place


def _refs_with_passages(art: ArticleRecords) -> Iterable[tuple[EntityRef, Passage | None]]:
    for ev in art.events:
        for r in _event_refs(ev):
            yield r, ev.passage
    for ag in art.agreements:
        for r in (*ag.parties, *ag.signatories):
            yield r, ag.passage
    for t in art.tenures:
        yield t.holder, t.passage
        if t.organization is not None:
            yield t.organization, t.passage
    for m in art.memberships:
        yield m.member, m.passage
        yield m.organization, m.passage
    for i in art.initiatives:
        for r in i.participants:
            yield r, i.passage
    for r in art.entities:
        yield r, None


def _all_refs(art: ArticleRecords) -> Iterable[EntityRef]:
    for r, _p in _refs_with_passages(art):
        yield r


def _dedupe_refs(refs: Iterable[EntityRef]) -> tuple[EntityRef, ...]:
    """One ref per slug, first title kept; order of first appearance (stable)."""
    seen: dict[str, EntityRef] = {}
    for r in refs:
        if r is None:
            continue
        if r.slug not in seen:
            seen[r.slug] = r
        elif seen[r.slug].title is None and r.title:
            seen[r.slug] = r
    return tuple(seen.values())


def tenures_from_events(events: Iterable[EventRecord], demonyms: Demonyms) -> list[TenureRecord]:
    """A titled participant of a dated event held that post on the event's first day."""
    out = []
    for ev in events:
        if ev.status != "held":
            continue
        for ref in (*ev.participants, *ev.hosts):
            if ref.type not in _PERSONISH or not ref.title:
                continue
            t = make_tenure(ref, ref.title, ev.date.start, ev.passage, demonyms)
            if t is not None:
                out.append(t)
    return out


def make_tenure(holder: EntityRef, title: str, observed_on, passage: Passage, demonyms: Demonyms,
                organization: EntityRef | None = None) -> TenureRecord | None:
    """TenureRecord from a title as written ('Russian Deputy Foreign Minister'); None for bare ranks."""
    state, rest = demonyms.split(title.strip())
    role = clean_role_title(rest)
    if role is None:
        return None
    if organization is None:
        slug = state or holder.country
        if slug:
            organization = EntityRef(slug=slug, label=demonyms.labels.get(slug, slug.replace("-", " ").title()),
                                     type="State")
    holder = replace(holder, title=None)
    key = f"{holder.slug}/{slugify(role)}" + (f"/{organization.slug}" if organization else "")
    return TenureRecord(key=key, holder=holder, role_title=role, organization=organization,
                        observed_on=observed_on, passage=passage)


def merge_tenures(items: list[TenureRecord]) -> list[TenureRecord]:
    """One tenure per (holder, post, organisation): the earliest observation, with its passage."""
    best: dict[str, TenureRecord] = {}
    for t in items:
        cur = best.get(t.key)
        if cur is None or (t.observed_on, t.passage.file.name, t.passage.start) < (
            cur.observed_on, cur.passage.file.name, cur.passage.start
        ):
            if cur is not None:
                t = replace(t, start=t.start or cur.start, end=t.end or cur.end)
            best[t.key] = t
        else:
            best[t.key] = replace(cur, start=cur.start or t.start, end=cur.end or t.end)
    return sorted(best.values(), key=lambda t: t.key)
