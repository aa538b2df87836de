"""Event-level links made after merging: sidelines meetings, visit participants, congratulation senders.

kg.resolve folds the reports of one happening into one event; this module then relates events to
each other the way the genre writes them: "X met Y on the sidelines of the G20 summit" (a sub-event
of that summit, created from the phrase when the article reports no such event), "They meet Zhang
Dejiang ... and President Xi" during a visit (participants of the visit), "Both Presidents Putin and
Xi send congratulations to the event" (a Statement about the ceremony, not attendance). It also
holds the small text helpers kg.resolve shares with it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from kg.iris import slugify
from kg.records import DateSpan, EntityRef, EventRecord, Passage, Precision, SectionKind, replace
from kg.resolve_entities import _PERSONISH, _WORD, _dedupe_refs, fold_name

_FAMILY = {
    "Summit": "multilateral",
    "ConferenceOrForum": "multilateral",
    "BilateralMeeting": "bilateral",
    "Visit": "bilateral",
    "Consultation": "bilateral",
    "CommissionSession": "bilateral",
    "MilitaryExercise": "exercise",
    "NavalExercise": "exercise",
    "GroundExercise": "exercise",
    "AirExercise": "exercise",
    "MissileDefenceSimulation": "exercise",
    "LawEnforcementExercise": "exercise",
}
def family(event_type: str) -> str:
    """Types that may describe the same happening share a family ("Visit" ~ "BilateralMeeting")."""
    return _FAMILY.get(event_type, event_type)


def _norm_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=8192)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_norm_text(text)))




def _passage_id(p: Passage) -> tuple[str, int, int]:
    return (p.file.name, p.start, p.end)




def _merge_passages(primary, others) -> tuple[Passage, ...]:
    seen = {_passage_id(primary.passage)}
    extra = list(getattr(primary, "extra_passages", ()))
    seen.update(_passage_id(p) for p in extra)
    for o in others:
        for p in (o.passage, *getattr(o, "extra_passages", ())):
            if _passage_id(p) not in seen:
                seen.add(_passage_id(p))
                extra.append(p)
    return tuple(sorted(extra, key=lambda p: (p.file.name, p.start)))


_STOP = frozenset("a an the of on for in to and with between by at its their this that".split())


def _content_words(label: str) -> frozenset[str]:
    return frozenset(w for w in _word_set(label) if w not in _STOP and not w.isdigit())




_SENDERS = re.compile(
    r"(?:^|(?<=[.;:]\s))(?P<who>[^.;:]{3,160}?)\s+(?:send|sends|sent|extend|extends|extended|convey|conveys|conveyed)\s+"
    r"(?:their\s+|his\s+|her\s+|warm\s+)*(?:congratulations|congratulatory\s+\w+|greetings|(?:a\s+)?messages?)\b"
    r"(?P<to>\s+to\s+(?:the\s+)?(?:event|ceremony|celebrations?|gathering|forum|conference|participants|meeting)\b)?",
    re.I)


def congratulation_senders(events: list[EventRecord]) -> list[EventRecord]:
    """"Both Presidents Putin and Xi send congratulations to the event": the senders did not attend the
    ceremony; they are the agents of a Statement about it (their message), not participants of it."""
    from kg.tables import codes_for

    keys = {e.key for e in events}
    out = []
    for e in events:
        m = _SENDERS.search(e.passage.text) if e.type not in ("Statement", "PhoneCall") else None
        if m is None or not m["to"] or e.passage.section != SectionKind.CHRONOLOGY:
            out.append(e)
            continue
        rest = _word_set(e.passage.text[:m.start("who")] + " " + e.passage.text[m.end():])
        who = _word_set(m["who"])
        senders = [r for r in e.participants if r.type in _PERSONISH and (_word_set(r.label) & who)
                   and not (_word_set(r.label) & rest)]
        if not senders:
            out.append(e)
            continue
        gone = {r.slug for r in senders}
        out.append(replace(e, participants=tuple(r for r in e.participants if r.slug not in gone)))
        key = f"{e.date.start.isoformat()}/statement/" + "-".join(sorted(gone)[:3])
        if key not in keys:
            keys.add(key)
            states = _dedupe_refs(r for r in e.participants if r.type == "State")
            out.append(EventRecord(
                key=key, type="Statement", date=e.date, passage=e.passage,
                label="Statement: " + ", ".join(r.label for r in senders) + f" (congratulations: {e.label})",
                participants=_dedupe_refs([*senders, *states]), concerns=(e.key,), status="held",
                **codes_for("Statement", m.group(), n_states=max(2, len(states)))))
    return out


def visit_participants(events: list[EventRecord]) -> list[EventRecord]:
    """Persons a visitor meets during a visit took part in it ("They meet Zhang Dejiang ... and President Xi"):
    the persons of the visit's meetings become participants of the visit too."""
    met: dict[str, list[EntityRef]] = defaultdict(list)
    visits = {e.key for e in events if e.type == "Visit"}
    for e in events:
        if e.sub_event_of in visits and family(e.type) == "bilateral":
            met[e.sub_event_of].extend(r for r in e.participants if r.type in _PERSONISH)
    if not met:
        return events
    return [replace(e, participants=_dedupe_refs([*e.participants, *met[e.key]])) if e.key in met else e
            for e in events]


def link_sidelines(events: list[EventRecord], lexicon=None) -> list[EventRecord]:
    """'X met Y on the sidelines of the G20 summit': a sub-event of that summit.

    The enclosing event is the one held then that the phrase names (series, organisation, ordinal,
    distinctive words); a phrase naming nothing specific ("of the summit") takes the one multilateral
    event held then. When the article reports no such event, the phrase itself dates it (the meeting
    shows it in session), so it is created from the phrase (one per named event, spanning all its
    sidelines meetings); a phrase with no event noun only adds the organisation it names.
    """
    by_key = {e.key: e for e in events}
    created: dict[tuple, EventRecord] = {}
    links: dict[str, str] = {}
    adopted: dict[str, _Enclosing] = {}
    placed: dict[str, EntityRef] = {}
    extra_orgs: dict[str, list[EntityRef]] = {}
    for e in events:
        if e.sub_event_of is not None or e.date.precision == Precision.YEAR:
            continue
        hit = _sidelines_phrase(e, lexicon)
        if hit is None:
            continue
        x = hit
        cands = [c for c in events if c.key != e.key and c.sub_event_of != e.key and c.type in _CONTAINER_TYPES
                 and c.date.start <= e.date.end and e.date.start <= c.date.end]
        if x.named:
            pick = [c for c in cands if x.names(c)]
        elif family(e.type) == "bilateral":
            pick = [c for c in cands if family(c.type) == "multilateral"]
        else:
            continue
        if len(pick) > 1 and x.named:  # the one that shares the series, then the chronology's
            best = max(x.rank(c) for c in pick)
            pick = [c for c in pick if x.rank(c) == best]
        if not pick and x.named:
            # "met at the annual APEC forum in Vietnam in late November": the prose's report of that event,
            # read as a forum of the leaders; the phrase gives it its name and organisation
            loose = [c for c in cands if family(c.type) == "multilateral" and c.series is None and c.name is None
                     and x.words and x.words <= _word_set(c.passage.text)]
            if len(loose) == 1:
                adopted[loose[0].key] = x
                pick = loose
        if len(pick) == 1:
            links[e.key] = pick[0].key
            continue
        if pick or not x.named:
            continue
        if x.type is None:  # "on the sidelines of ASEAN": the organisation, no event to hang it on
            extra_orgs[e.key] = [o for o in (x.org,) if o is not None]
            continue
        ident = (x.series or (x.org.slug if x.org else fold_name(x.label)), x.ordinal)
        cur = created.get(ident)
        if cur is not None and (e.date.start - cur.date.end).days <= 7 and (cur.date.start - e.date.end).days <= 7:
            start, end = min(cur.date.start, e.date.start), max(cur.date.end, e.date.end)
            created[ident] = replace(cur, date=DateSpan(start, end, cur.date.precision, ""),
                                     place=cur.place or e.place,
                                     extra_passages=_merge_passages(cur, [e]))
        else:
            created[ident] = x.container(e, lexicon)
        links[e.key] = ident
        if x.place is not None:
            placed[e.key] = x.place
    if not links and not extra_orgs:
        return events
    events = [x.name_event(e) if (x := adopted.get(e.key)) is not None else e for e in events]
    # the created events keep the key of their first day: rename when a later merge moved the start
    final: dict[tuple, EventRecord] = {}
    for ident, ev in created.items():
        key = f"{ev.date.start.isoformat()}/{ev.type.lower()}/{slugify(ev.series or ident[0])}"
        if ev.ordinal is not None:
            key += f"-{ev.ordinal}"
        if key in by_key:
            final[ident] = by_key[key]  # an event of that key exists (another type reading): use it
        else:
            final[ident] = replace(ev, key=key)
    out = []
    for e in events:
        target = links.get(e.key)
        if isinstance(target, tuple):
            target = final[target].key
        if target is not None:
            e = replace(e, sub_event_of=target)
            if e.place is None and e.key in placed:
                e = replace(e, place=placed[e.key])  # met at the forum: where the forum was
        if e.key in extra_orgs:
            e = replace(e, organizations=_dedupe_refs([*e.organizations, *extra_orgs[e.key]]))
        out.append(e)
    out.extend(ev for ev in final.values() if ev.key not in by_key)
    return sorted(out, key=lambda e: (e.date.start, e.date.end, e.key))


_SIDELINES = re.compile(
    r"\b(?:on|at)\s+(?:the\s+)?(?:sidelines|margins?)\s+of\s+(?:the\s+)?"
    r"(?P<x>(?:St\.\s|[^.;,:])+?)(?=\s+(?:in|at|on|to|and|where|when|which|with|held|this|last|earlier)\b|[,;:]|\.(?:\s|$)|$)",
    re.I)
_CONTAINER_TYPES = frozenset({"Summit", "ConferenceOrForum", "CommissionSession", "Consultation", "OtherEvent"})
_EVENT_HEAD = [("Summit", re.compile(r"\bsummits?\b|\bleaders'?\s+meeting\b|\bheads of state\b", re.I)),
               ("ConferenceOrForum", re.compile(r"\b(?:forums?|conferences?|assembly|sessions?|meetings?|expo|"
                                                r"exhibition|congress|dialogue|talks)\b", re.I)),
               ("OtherEvent", re.compile(r"\b(?:games|olympics|celebrations?|festival|parade|ceremony)\b", re.I))]
_GENERIC = frozenset("summit summits meeting meetings forum session sessions annual regular leaders ministers "
                     "minister foreign economic international heads state states events related".split())
_SENTENCE_END = re.compile(r"(?<!\bSt)(?<!\bNo)(?<!\b[A-Z])\.\s+(?=[A-Z])")


@dataclasses.dataclass
class _Enclosing:
    """The event an 'on the sidelines of X' phrase names."""

    label: str
    words: frozenset[str]
    series: str | None = None
    org: EntityRef | None = None
    ordinal: int | None = None
    type: str | None = None
    country: str | None = None  # the state a national forum belongs to (SPIEF: Russia)
    place: EntityRef | None = None  # the city its name carries

    @property
    def named(self) -> bool:
        return bool(self.series or self.org or self.words)

    def names(self, c: EventRecord) -> bool:
        if self.ordinal is not None and c.ordinal is not None and c.ordinal != self.ordinal:
            return False
        if self.series and c.series:
            return self.series == c.series
        if self.org is not None and self.org.slug in {r.slug for r in (*c.organizations, *c.participants)}:
            return True
        return bool(self.words & _content_words(" ".join([c.label, c.name or ""])) - _GENERIC)

    def rank(self, c: EventRecord) -> tuple[bool, bool, bool]:
        return (bool(self.series) and c.series == self.series,
                self.org is not None and self.org.slug in {r.slug for r in c.organizations},
                c.passage.section == SectionKind.CHRONOLOGY)

    def name_event(self, c: EventRecord) -> EventRecord:
        """An event adopted as the enclosing one takes the phrase's name, series and organisation."""
        orgs = _dedupe_refs([*c.organizations, *((self.org,) if self.org is not None else ())])
        return replace(c, label=self.label, series=self.series, organizations=orgs,
                       ordinal=c.ordinal if c.ordinal is not None else self.ordinal)

    def container(self, e: EventRecord, lexicon) -> EventRecord:
        from kg.tables import codes_for

        hosts = []
        place = e.place or self.place
        host_slug = self.country or (None if place is None else place.slug if place.type == "State" else place.country)
        host = lexicon.get(host_slug) if lexicon is not None and host_slug else None
        if host is not None and (self.type == "Summit" or self.country):
            hosts.append(EntityRef(slug=host.slug, label=host.label, type=host.type))
        # the organisation holding it; else its host country (a national forum: SPIEF); else those who met there
        participants = ((self.org,) if self.org is not None else tuple(hosts) if self.country
                        else tuple(r for r in e.participants if r.type in _PERSONISH))
        return EventRecord(
            key="", type=self.type, date=DateSpan(e.date.start, e.date.end, e.date.precision, ""),
            passage=e.passage, label=self.label, participants=participants,
            hosts=tuple(hosts), organizations=(self.org,) if self.org is not None else (), place=place,
            series=self.series, ordinal=self.ordinal, status="held",
            extra_passages=tuple(p for p in e.extra_passages if p.section == e.passage.section),
            **codes_for(self.type, self.label, multilateral=True))


def _place_in_name(label: str, lexicon) -> EntityRef | None:
    """The city an event's own name carries ("St Petersburg International Economic Forum")."""
    if lexicon is None:
        return None
    words = label.split()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            ent = lexicon.lookup(" ".join(words[i:i + n]))
            if ent is not None and ent.type == "City":
                return EntityRef(slug=ent.slug, label=ent.label, type=ent.type, country=ent.country)
    return None


def _sidelines_phrase(e: EventRecord, lexicon) -> _Enclosing | None:
    """The 'sidelines of X' phrase of the sentence that reports e (the first of a chronology entry, unless
    e is a meeting: a later sentence of the entry may report it)."""
    from kg.narrative_cues import ORDINAL, ordinal_value

    meeting = family(e.type) == "bilateral"
    for p in (e.passage, *e.extra_passages) if meeting else (e.passage,):
        text = p.text
        if not meeting:
            if p.section != SectionKind.CHRONOLOGY:
                return None  # a sentence of the prose reports several happenings: whose sidelines is unclear
            cut = _SENTENCE_END.search(text, text.find(":") + 1)
            text = text[:cut.start()] if cut else text
        m = _SIDELINES.search(text)
        if not m:
            continue
        x = m["x"].strip()
        label = x
        ordinal = None
        om = re.match(rf"({ORDINAL})\s+(?:annual\s+|regular\s+)?", x, re.I)
        if om:
            ordinal = ordinal_value(om.group(1))
            label = x[om.end():] if ordinal is not None else x
        series = org = country = None
        typ = next((t for t, rx in _EVENT_HEAD if rx.search(x)), None)
        if lexicon is not None:
            for mm in lexicon.find(text[m.start("x"):m.end("x") + 60]):
                if mm.start >= len(m["x"]):
                    break
                ent = mm.entity
                if ent.type in ("SummitSeries", "MeetingSeries") and series is None:
                    series = ent.slug
                    country = ent.country
                    typ = "Summit" if ent.type == "SummitSeries" else (typ or "ConferenceOrForum")
                    org_slug = ent.extra_value("organization")
                    org_ent = lexicon.get(org_slug) if org_slug else None
                    if org_ent is not None:
                        org = EntityRef(slug=org_ent.slug, label=org_ent.label, type=org_ent.type,
                                        country=org_ent.country)
                elif org is None and ent.type in ("InternationalOrganization", "Organization", "Commission"):
                    org = EntityRef(slug=ent.slug, label=ent.label, type=ent.type, country=ent.country)
        words = _content_words(label) - _GENERIC
        if series is None and org is None and not label[:1].isupper():
            words = frozenset()  # "the summit", "the meeting": names nothing specific
            typ = None
        if series is None and e.series is not None and org is not None and org.slug in {
                r.slug for r in e.organizations} and e.type == typ:
            return None
        if e.series is not None and e.series == series:
            return None  # the phrase names e's own series: e is the enclosing event
        return _Enclosing(label=label[:1].upper() + label[1:], words=words, series=series, org=org,
                          ordinal=ordinal, type=typ, country=country, place=_place_in_name(label, lexicon))
    return None


# --- other record kinds -------------------------------------------------------------------------
