"""Facts from the prose: dated events, exercises, agreements, posts, memberships, initiatives.

The narrative half of a Comparative Connections article retells the period's happenings among
analysis, history and quotation. We read it sentence by sentence and keep what the genre states
plainly, preferring precision to recall:

- an event needs a date inside the article's period (± a few weeks: the narrative reaches back
  to the weeks before the chronology starts), a trigger close to that date ("visited", "summit",
  "conducted ... exercise", "by telephone"), an agent on the China/Russia side, and no negation
  or speculation governing the trigger; "will visit" gives status "planned"; "since March 2013"
  is history, not an event;
- exercises are found by their code names ("Joint Sea-2014") or by "the exercise/drill" after a
  code name in the same paragraph, with size ("more than 7,000 troops", "13 surface ships");
- summits by ordinal + organisation ("the ninth BRICS summit ... in Xiamen"), the host being the
  country of the place;
- agreements by a signing verb + an agreement noun, or by a title-case name ("Xiamen
  Declaration"), with value ("$400 billion", "400 billion rubles ($6.2 billion)") and duration;
- memberships from lists and accession phrases; tenures from titled persons; initiatives from
  the reference set and title-case names ending in Initiative/Corridor/Project;
- a yearless date takes the past year the previous sentence is about ("... Victory Day in 2015.
  On May 9, ..."); relative dates ("The next day, he met ...") are counted by kg.dates from the
  date written before them; "A year before, when India hosted the summit in Goa" is the earlier
  summit of the series just named (year precision); "He also met separately with X" after a visit
  makes X a participant of it; "the six SCO members" names the reference's members when the count
  agrees (kg.narrative_facts);
- an undated visit report ("Putin spent less than 24 hours in China for his 15th visit to China") is
  the visit of the one chronology entry of the period in which that person is the visitor: it takes
  the entry's date and persons, the one city of the destination country the paragraph names, and
  then the persons "he also met".

A code name whose year contradicts the dates around it ("Joint Sea 2007" among Sept. 2017 dates)
is recorded as a text issue on the event, never silently corrected. Chronology entries are read
too, for the agreements and memberships they state (their events are kg.chronology's).

Events live here; agreements, memberships, tenures and initiatives in kg.narrative_facts; the cue
vocabulary and text helpers in kg.narrative_cues.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.dates import DateError, parse_date_span
from kg.eventtypes import EXERCISE_TYPES, classify_by_cues
from kg.iris import slugify
from kg.rxtrie import any_word_pattern
from kg.records import (
    AgreementRecord,
    DateSpan,
    Document,
    EntityRef,
    EventRecord,
    InitiativeRecord,
    MembershipRecord,
    Precision,
    SectionKind,
    TenureRecord,
)
from kg.narrative_cues import (
    _MemoLexicon,
    _Reader,
    _Cues,
    _Sentence,
    DYAD,
    ORDINAL,
    _ANCHOR_BEFORE,
    _CLAUSE_BREAK,
    _DYAD_PHRASE,
    _DYAD_WORDS,
    _ENDED,
    _EXERCISE_BACKREF,
    _EXERCISE_BACKREF_WORDS,
    ORDINAL_FIRST,
    _EXERCISE_CUE,
    _EXERCISE_CUE_WORDS,
    _EX_KINDS,
    _EX_PLAN_AFTER,
    _EX_PLAN_BEFORE,
    _FUTURE,
    _HISTORY_PREP,
    _INTRO,
    _MONTH_START,
    _NATIONAL_BEFORE,
    _N_DAY,
    _ORG_TYPES,
    _PLACE_TYPES,
    _PRONOUN_START,
    _PROPOSAL_BEFORE,
    _AGENT_SPAN_END,
    _HISTORY_TYPES,
    _both_sides,
    _RELATIVE,
    _SIZE,
    _SIZE_UNITS,
    _TRIGGERS,
    _TRIGGER_WORDS,
    _clause_bounds,
    _is_abstract,
    _is_dyad_side,
    _local_segment,
    _ordinal_word,
    _ref,
    _relevant,
    _resplit,
    _status,
    _unique,
    number_value,
    ordinal_value,
    typ_label,
)
from kg.narrative_facts import FactsMixin, _agreement_cue
from kg.tables import codes_for


# --- result -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class NarrativeResult:
    """Everything one document's prose states (kg.resolve merges it with the chronology's events)."""

    events: tuple[EventRecord, ...] = ()
    agreements: tuple[AgreementRecord, ...] = ()
    tenures: tuple[TenureRecord, ...] = ()
    memberships: tuple[MembershipRecord, ...] = ()
    initiatives: tuple[InitiativeRecord, ...] = ()
    entities: tuple[EntityRef, ...] = ()
    warnings: tuple[str, ...] = ()


# --- the extractor --------------------------------------------------------------------------
class NarrativeExtractor(FactsMixin, _Reader):
    def __init__(self, doc: Document, lexicon) -> None:
        super().__init__(doc, lexicon)
        self.events: dict[str, EventRecord] = {}
        self.agreements: dict[str, AgreementRecord] = {}
        self.tenures: dict[str, TenureRecord] = {}
        self.memberships: dict[str, MembershipRecord] = {}
        self.initiatives: dict[str, InitiativeRecord] = {}
        self._kind_votes: dict[str, list[str]] = {}
        self._last_person: EntityRef | None = None
        self._last_pair: tuple[int, list[EntityRef]] | None = None  # (paragraph, the last persons named together)
        self._last_exercise_sentence: tuple[int, int] | None = None  # (paragraph, sentence no.) naming an exercise
        self._sent_no = 0
        self._para_event: dict[int, EventRecord] = {}  # last meeting-like event reported in each paragraph
        self._para_summit: dict[int, EventRecord] = {}  # last summit reported (with its date) in each paragraph
        self._para_org: dict[int, EntityRef] = {}  # last international organisation named in each paragraph
        self._para_initiative: dict[int, str] = {}  # last initiative/project named in each paragraph
        self._last_para = -1
        self._pending_counts: list = []  # (organisation, count, sentence, date) of "the six SCO members"
        self._trigger_hits: tuple[_Sentence | None, list] = (None, [])  # the last sentence's trigger matches
        self._para_places: dict[int, list[EntityRef]] = {}  # places named so far in each paragraph
        self._entry_agents: dict[int, list] = {}  # chronology entry index -> its agents (read on demand)

    # sentences ----------------------------------------------------------------------------
    def sentences(self) -> Iterable[_Sentence]:
        from kg.documents import split_sentences

        paras = [p for p in getattr(self.doc, "front", ()) if _is_abstract(p)] + list(self.doc.paragraphs)
        for pi, para in enumerate(paras):
            if para.section not in (SectionKind.NARRATIVE, SectionKind.FRONT):
                continue
            carried: int | None = None  # a past year the previous sentence is about ("Victory Day in 2015.")
            spans = [(i, j) for i, j in _resplit(para.text, split_sentences(para.text)) if j - i >= 12]
            if isinstance(self.lexicon, _MemoLexicon):
                self.lexicon.prime(para.text, spans)
            para_agents = self.agents(para.text)  # once per paragraph (kg.mentions is the costly step)
            agent_at = [a for a, _b, _r in para_agents]  # sorted: each sentence reads its slice
            cues = _Cues(para.text)
            written = ([self.written_dates(para.text[i:j]) for i, j in spans] if cues.search(_MONTH_START)
                       else [[] for _ in spans])  # no month name in the paragraph: no date
            relative = self._relative_dates(para.text, spans, written)
            for (i, j), rel, own in zip(spans, relative, written):
                text = para.text[i:j]
                s = _Sentence(text, pi, para.text, cues=cues, cut=(self.doc.source, para, i, j))
                s.years = [int(y) for y in _YEAR_IN_TEXT.findall(text)] if "19" in text or "20" in text else []
                s.dates = self.dates(own, carried if not s.years else None)
                if rel:
                    s.dates = sorted([*s.dates, *rel], key=lambda d: d[0])
                if carried is not None and not s.years:
                    s.carried = frozenset(d[0] for d in s.dates if d[2].start.year == carried)
                carried = self._past_year(text, s.years)
                s.agents = [(a - i, b - i, r) for a, b, r in para_agents[bisect_left(agent_at, i):bisect_right(agent_at, j)]
                            if b <= j]
                yield s

    def chronology_sentences(self) -> Iterable[_Sentence]:
        """Each chronology entry as one sentence: its body, its entry date, its passage."""
        for idx, entry in enumerate(self.doc.chronology):
            try:
                span = parse_date_span(entry.date_text, default_year=entry.heading_year)
            except DateError:
                continue
            s = _Sentence(entry.body, -1 - idx, entry.body, passage=entry.passage, from_chronology=True)
            s.dates = [(0, 0, span)] if self.in_window(span) else []
            if not _fact_cue(entry.body):
                continue  # no agreement, amount or membership word: nothing for this pass (saves kg.mentions)
            s.years = [int(y) for y in _YEAR_IN_TEXT.findall(entry.body)]
            s.agents = self.agents(entry.body)
            yield s

    def run(self) -> NarrativeResult:
        last_exercise: dict[int, tuple[str, str, int]] = {}  # paragraph -> (name, series, year)
        for s in self.sentences():
            self._sent_no += 1
            claimed: set[int] = set()
            self._exercises(s, last_exercise, claimed)
            self._summits(s, claimed)
            self._hosted_summits(s)
            self._generic_events(s, claimed)
            if not s.kinds.isdisjoint(_PLACE_TYPES):
                self._para_places.setdefault(s.para_index, []).extend(r for _a, _b, r in s.agents if r.type in _PLACE_TYPES)
            self._chronology_visit(s)
            self._summit_side_meeting(s)
            self._also_met(s)
            # no signing verb, agreement noun or amount: no agreement (_agreement_cue's substring tests decide most
            # sentences, and nothing it rules out could make one)
            if _agreement_cue(s) and _fact_cue(s.text):
                self._agreements(s)
            self._memberships(s)
            self._member_count(s)
            self._tenures(s)
            self._initiatives(s)
            first_person = next((r for _a, _b, r in s.agents if r.type == "Person"), None) if "Person" in s.kinds else None
            if first_person is not None:
                named = _unique([replace(r, title=None) for _a, _b, r in s.agents if r.type == "Person"])
                if len(named) >= 2:
                    self._last_pair = (s.para_index, named)
                self._last_person = replace(first_person, title=None) if first_person.title is not None else first_person
            elif s.para_index != self._last_para and not _PRONOUN_START.match(s.text):
                self._last_person = None
            self._last_para = s.para_index
        for cs in self.chronology_sentences():
            # chronology entries are events of kg.chronology; here they only yield the agreements and
            # memberships they state ("Gazprom and CNPC sign a $400 billion contract", "India joins the SCO")
            self._agreements(cs)
            self._memberships(cs)
        self._resolve_member_counts()
        kinds = [k for k, _rx in _EX_KINDS]
        for key, ev in list(self.events.items()):
            votes = [v for v in self._kind_votes.get(ev.name or "", []) if v != "MilitaryExercise"]
            if ev.type == "MilitaryExercise" and votes:
                kind = min(votes, key=kinds.index)
                self.events[key] = replace(ev, type=kind, **codes_for(kind, ev.passage.text, status=ev.status))
        return NarrativeResult(
            events=tuple(sorted(self.events.values(), key=lambda e: (e.date.start, e.key))),
            agreements=tuple(sorted(self.agreements.values(), key=lambda a: a.key)),
            tenures=tuple(sorted(self.tenures.values(), key=lambda t: t.key)),
            memberships=tuple(sorted(self.memberships.values(), key=lambda m: m.key)),
            initiatives=tuple(sorted(self.initiatives.values(), key=lambda i: i.key)),
            entities=self._used_discovered(),
            warnings=tuple(self.warnings),
        )

    def _used_discovered(self) -> tuple[EntityRef, ...]:
        """Discovered entities that some record refers to (a name seen in passing is no fact)."""
        refs: list[EntityRef | None] = []
        for e in self.events.values():
            refs.extend((*e.participants, *e.hosts, *e.organizations, e.place))
        for a in self.agreements.values():
            refs.extend((*a.parties, *a.signatories))
        for t in self.tenures.values():
            refs.extend((t.holder, t.organization))
        for m in self.memberships.values():
            refs.extend((m.member, m.organization))
        for i in self.initiatives.values():
            refs.extend(i.participants)
        used = {r.slug: replace(r, title=None) for r in refs if r is not None and r.discovered}
        return tuple(sorted(used.values(), key=lambda r: r.slug))

    # shared -------------------------------------------------------------------------------
    def _usable_dates(self, s: _Sentence, ends: bool = False, history: bool = False) -> list[tuple[int, int, DateSpan]]:
        """In-window dates of the sentence (with `history`: the dates before the window instead), without
        'since X' and, unless `ends`, 'ended on X' (worked out once per sentence: most handlers ask)."""
        if not s.dates:
            return []
        out = s.usable.get((ends, history))
        if out is not None:
            return out
        out = s.usable[(ends, history)] = []
        for ds, de, span in s.dates:
            before = s.text[max(0, ds - 12):ds]
            if _HISTORY_PREP.search(before) or (not ends and _ENDED.search(s.text[max(0, ds - 20):ds])):
                continue
            if history:
                if not (self._past(span) or ds in s.carried):
                    continue
            elif not self.in_window(span):
                continue
            out.append((ds, de, span))
        return out

    def _past(self, span: DateSpan) -> bool:
        """A date before the window that the text pins down: a written year ('in March 2013'), or a month of
        the period's own year ('Xi's July visit' in a September-December article)."""
        if self.window is None or self.in_window(span) or span.start >= self.window[0] or span.start.year < 1991:
            return False
        if re.search(r"(?:19|20)\d\d", span.text):
            return True
        return span.start.year == self.period[0].year

    def _participants(self, s: _Sentence, lo: int = 0, hi: int | None = None) -> tuple[list[EntityRef], list[EntityRef], EntityRef | None]:
        """(persons and states, organisations, place) named within [lo, hi) of the sentence."""
        hi = len(s.text) if hi is None else hi
        people, orgs = [], []
        place = None
        for a, b, ref in s.agents:
            if a < lo or b > hi:
                continue
            if ref.type in _PLACE_TYPES:
                if place is None:
                    place = ref
            elif ref.type in _ORG_TYPES:
                if ref.country is None:
                    adj = re.search(r"([A-Z][\w\u2019']+)\s+$", s.text[max(0, a - 20):a])
                    slug = self.demonyms.map.get(adj.group(1).casefold()) if adj else None
                    if slug:
                        ref = replace(ref, country=slug)
                orgs.append(ref)
            elif ref.type in ("Person", "State"):
                people.append(ref)
        if s.may(_DYAD_WORDS) and _DYAD_PHRASE.search(s.text[lo:hi]):
            for slug in DYAD:
                ent = self.lexicon.get(slug) if self.lexicon is not None else None
                if ent is not None:
                    people.append(_ref(ent))
        return _unique(people), _unique(orgs), place

    def _add_event(self, ev: EventRecord) -> None:
        cur = self.events.get(ev.key)
        if cur is None:
            self.events[ev.key] = ev
            return
        if cur.date.end < ev.date.start or ev.date.end < cur.date.start:
            # another phase of the same exercise ("the first phase of Joint Sea-2017 ... in July")
            self._add_event(replace(ev, key=f"{ev.key}/{ev.date.start.isoformat()}"))
            return
        from kg.resolve import merge_event_cluster

        self.events[ev.key] = merge_event_cluster([cur, ev])

    def _event(self, s: _Sentence, typ: str, span: DateSpan, label: str, people, orgs, place, status="held",
               key_extra: str = "", **kw) -> EventRecord:
        hosts = kw.pop("hosts", ())
        clause = kw.pop("clause", s.text)  # the words that report this event (codes are read from them)
        disc = key_extra or (kw.get("name") and slugify(kw["name"])) or "-".join(
            sorted(r.slug for r in people if r.type == "Person")[:3]) or (place.slug if place else "") or (
            "-".join(sorted(r.slug for r in orgs)[:2]))
        key = f"{span.start.isoformat()}/{typ.lower()}/{disc or 'event'}"
        n_states = len({p.slug if p.type == "State" else p.country for p in people if p.type in ("State", "Person")} - {None})
        codes = codes_for(typ, clause, status=status, n_states=max(n_states, 2 if typ != "Summit" else n_states),
                       multilateral=typ == "Summit" or any(o.type == "InternationalOrganization" for o in orgs))
        return EventRecord(key=key, type=typ, date=span, passage=s.passage, label=label,
                           participants=tuple(people), hosts=tuple(hosts), organizations=tuple(orgs),
                           place=place, status=status, **kw, **codes)

    # exercises ----------------------------------------------------------------------------
    def _exercise_names(self, s: _Sentence) -> list[tuple[int, int, str, str, int]]:
        """(start, end, name, series slug, year) of exercise code names in the sentence."""
        out = []
        if self.lexicon is not None:
            for m in self.lexicon.find(s.text):
                if m.year and m.entity.type == "ExerciseSeries":
                    out.append((m.start, m.end, f"{m.entity.label}-{m.year}", m.entity.slug, m.year))
        taken = [(a, b) for a, b, *_ in out]
        cue = None  # whether the paragraph speaks of exercises, read once and only for a code name
        for m in (_CODE_NAME.finditer(s.text) if "19" in s.text or "20" in s.text else ()):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if cue is None:
                cue = s.cues.search(_EXERCISE_CUE, _EXERCISE_CUE_WORDS)
            if not cue:
                continue
            base = m["base"]
            if base.split()[0] in ("In", "Since", "By", "From", "Until", "The", "Before", "After", "Early", "Late"):
                continue
            if re.match(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                        r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\b", base):
                continue
            # a series the mention finder resolved from the context (an ambiguous short form: "Vostok" of a
            # "strategic command-staff exercise in the Eastern Military District"), else one of the text's own
            series = next((r.slug for a, b, r in s.agents if r.type == "ExerciseSeries" and a <= m.start() < b), None)
            out.append((m.start(), m.end(), f"{base}-{m['year']}", series or slugify(base), int(m["year"])))
        # a code name written twice ("Vostok 2018 (East-2018)") keeps the series the lexicon read in either form
        known = {item[2]: item[3] for item in out[:len(taken)]}
        seen: set[str] = set()
        uniq = []
        for item in sorted(out):
            if item[2] not in seen:
                seen.add(item[2])
                uniq.append(item if item[2] not in known else (*item[:3], known[item[2]], item[4]))
        return uniq

    def _exercise_kind(self, text: str, place: EntityRef | None) -> str:
        for kind, rx in _EX_KINDS:
            if rx.search(text):
                return kind
        if place is not None and place.type == "WaterBody":
            return "NavalExercise"
        return "MilitaryExercise"

    def _sizes(self, s: _Sentence, contingents: bool = True, host: str | None = None) -> dict[str, int]:
        """Force sizes a sentence states. A side's contingent ("3,200 Chinese troops", "China sent 2,000 troops")
        counts only when the sentence gives no total, and not at all with `contingents=False`; what the exercise's
        own state (`host`) sends is no contingent ("Russia deployed 297,000 troops")."""
        sizes: dict[str, int] = {}
        contingent: dict[str, int] = {}
        sm = _SENDS.match(s.text) if s.may(_SENDS_WORDS) else None
        sends = sm is not None and (host is None or self._state_named(sm["who"]) != host)
        for m in (_SIZE.finditer(s.text) if s.may(_SIZE_UNITS) else ()):
            if _NATIONAL_BEFORE.search(s.text[max(0, m.start() - 30):m.start()]):
                continue
            if s.text[max(0, m.start() - 10):m.start()].rstrip().endswith(("including", "of whom", "from")):
                continue
            n = number_value(m["n"])
            if n is None:
                continue
            unit = m["unit"].casefold()
            slot = ("personnel" if unit in ("troops", "personnel", "servicemen", "soldiers", "service members", "people")
                    else "ships" if unit in ("warships", "ships", "vessels", "submarines")
                    else "vehicles" if "vehicle" in unit or unit == "tanks" else "aircraft")
            # "3,200 Chinese troops joined ... (297,000 service members ...)": a count of one side's contingent
            # gives way to an unqualified count of the same kind (the exercise's own size) in the sentence
            into = contingent if sends or _NATIONAL_INSIDE.search(s.text, m.end("n"), m.start("unit")) else sizes
            if slot == "ships" and "ships" in into:
                into["ships"] += n
            else:
                into.setdefault(slot, n)
        if contingents:
            for slot, n in contingent.items():
                sizes.setdefault(slot, n)
        return sizes

    def _exercises(self, s: _Sentence, last: dict[int, tuple[str, str, int]], claimed: set[int]) -> None:
        """Exercises by code name (or 'the exercise' after one): dates, place, kind, size; contradictions recorded."""
        names = self._exercise_names(s)
        dates = None  # the sentence's usable dates, read only once a code name or back-reference is found
        backref = False
        if names:
            last[s.para_index] = names[0][2:]
            for _a, _b, name, _series, _year in names:
                lo, hi = _local_segment(s.text, _a, _b)
                self._kind_votes.setdefault(name, []).append(self._exercise_kind(s.text[lo:hi], None))
        elif s.para_index in last and s.may(_EXERCISE_BACKREF_WORDS) and _EXERCISE_BACKREF.search(s.text):
            n, series, year = last[s.para_index]
            m = _EXERCISE_BACKREF.search(s.text)
            if _TIME_ANCHOR_BEFORE.search(s.text, max(0, m.start() - 20), m.start()):
                return  # "After the exercise, the two navies conducted a joint patrol": a time anchor, not the subject
            dates = self._usable_dates(s, ends=True)
            if not dates:
                self._fill_sizes(n, s)  # "More than 10,000 troops ... joined the exercise."
            elif all(d[2].start.year == year for d in dates):
                names = [(m.start(), m.end(), n, series, year)]
                backref = True
        elif s.para_index in last and self._last_exercise_sentence == (s.para_index, self._sent_no - 1):
            # the sentence right after a code name: "... 'Center 2019' exercises ... 13,000 servicemen will be involved";
            # a run of such size sentences goes on describing it ("... 600 aircraft ... will be involved")
            if self._fill_sizes(last[s.para_index][0], s):
                self._last_exercise_sentence = (s.para_index, self._sent_no)
        if names:
            self._last_exercise_sentence = (s.para_index, self._sent_no)
        if not names:
            return
        if dates is None:
            dates = self._usable_dates(s, ends=True)
        past = self._usable_dates(s, ends=True, history=True)
        if not dates and len(names) == 1:
            self._fill_sizes(names[0][2], s)
        for idx, (a, b, name, series, year) in enumerate(names):
            planned = bool(_EX_PLAN_BEFORE.search(s.text[max(0, a - 45):a]) or _EX_PLAN_AFTER.match(s.text, b))
            usable = []
            # a past date counts when the code name carries its year ("Joint Sea-2017 ... in July";
            # "In September 2018 ... Vostok 2018"): not history retold as this period's news
            for d in sorted(dates + [p for p in past if p[2].start.year == year], key=lambda t: t[0]):
                if planned and not (d[0] > b and _FUTURE.search(s.text[b:d[0]])):
                    continue  # "traveled ... on April 25-26 to discuss the Peace Mission 2007 exercise, which will"
                if self._talk_closer(s, d, a, b):
                    continue  # the date belongs to the visit/meeting that mentions the exercise
                usable.append(d)
            dates_for_name = usable
            if len(names) == 1:
                mine = [d for d in dates_for_name if d[0] > a] or dates_for_name
            else:  # several names: each takes the nearest date after it, before the next name
                nxt = names[idx + 1][0] if idx + 1 < len(names) else len(s.text)
                mine = [d for d in dates_for_name if b <= d[0] < nxt][:1]
                if not mine and idx == 0:
                    mine = [d for d in dates_for_name if d[1] <= a][-1:]
            issues = []
            if mine:
                span = DateSpan(min(d[2].start for d in mine), max(d[2].end for d in mine),
                                max((d[2].precision for d in mine), key=lambda p: ["day", "month", "year"].index(p.value)),
                                "; ".join(d[2].text for d in mine))
                if year != span.start.year and year != span.end.year and not backref:
                    redated = None if re.search(r"(?:19|20)\d\d", span.text) else self._redate(mine, year)
                    if redated is not None and not self._current_edition(s, name, span.start.year):
                        # "Joint Sea-2018 was held on April 29-May 4" in a 2019 article: last year's edition,
                        # the yearless dates take the code name's year
                        span = redated
                    else:
                        # "The eight-day Joint Sea 2007 ... (Sept. 18-21)" beside "Joint Sea 2017": a typo, recorded
                        issues.append(f"the code name {s.text[a:b]!r} gives the year {year}, but the passage dates "
                                      f"it {span.text} {span.start.year}")
                        name = f"{name.rsplit('-', 1)[0]}-{span.start.year}"
                        year = span.start.year
            else:
                # an undated mention is no event of its own, but the size, place and kind it states belong to
                # the exercise the article's chronology dates ("Vostok-2018 ... with about 300,000 troops")
                span = self._chronology_date(name, year) if self._sizes(s) and not planned else None
                if span is None:
                    continue
            for d in mine:
                claimed.add(d[0])
            lo, hi = _local_segment(s.text, a, b)
            people, _orgs, place = self._participants(s, lo, hi)
            after = [r for x, _y, r in s.agents if r.type in _PLACE_TYPES and b <= x < hi]
            place = after[0] if after else place
            orgs = [r for x, y, r in s.agents if r.type == "InternationalOrganization" and abs(x - a) < 90
                    and not _CLAUSE_BREAK.search(s.text[min(x, a):max(y, b)])]
            place = place or self._exercise_place(s)
            states = [p for p in people if p.type == "State"]
            if self._dyad_exercise(s) or (states and any(st.slug in DYAD for st in states) and orgs):
                states = _unique([*states, *(self._state(x) for x in DYAD)])
            host = self._series_state(series)
            if host is not None and any(st.slug != host.slug for st in states):
                # another state's forces in a national exercise series ("Chinese troops joined Vostok-2018"):
                # the series' own state holds it
                states = _unique([*states, host])
            status = "planned" if planned else ((_status(s, a, mine[0][0]) if mine else None) or "held")
            kind = self._exercise_kind(s.text[lo:hi], place)
            if kind == "MilitaryExercise":
                # "... missile defense exercise, named Aerospace Security 2016": the words just around the name
                kind = self._exercise_kind(s.text[max(0, a - 60):b + 60], place)
            if kind == "MilitaryExercise":
                kind = _kind_of_series(name)  # "Peace Mission 2009 was held near Chelyabinsk": the series says
            ev = self._event(
                s, kind, span, name, _unique([*states, *[p for p in people if p.type == "Person"]]), orgs, place,
                status=status, key_extra=slugify(name), name=name, series=series, text_issues=tuple(issues),
                **self._sizes(s),
            )
            ev = replace(ev, key=f"{year}/exercise/{slugify(name)}")
            self._add_event(ev)

    def _redate(self, mine, year: int) -> DateSpan | None:
        """The yearless dates of `mine` read in the code name's year."""
        try:
            spans = [parse_date_span(d[2].text, default_year=year) for d in mine]
        except DateError:
            return None
        return DateSpan(min(x.start for x in spans), max(x.end for x in spans), spans[0].precision,
                        "; ".join(x.text for x in spans))

    def _current_edition(self, s: _Sentence, name: str, year: int) -> bool:
        """The article also names this series' edition of `year` ("Joint Sea 2017" beside "Joint Sea 2007")."""
        base = _series_pattern(name)
        rx = re.compile(rf"\b{base}[\s\-\u2013]*{year}\b", re.I)
        if rx.search(s.para_text) or any(rx.search(e.body) for e in self.doc.chronology):
            return True
        return any(e.name and rx.fullmatch(e.name) for e in self.events.values())

    def _chronology_date(self, name: str, year: int) -> DateSpan | None:
        """The date of the one chronology entry that names the exercise (code name and year)."""
        base = _series_pattern(name)
        rx = re.compile(rf"\b{base}[\s\-\u2013]*{year}\b", re.I)
        found = []
        for entry in self.doc.chronology:
            if rx.search(entry.body):
                try:
                    found.append(parse_date_span(entry.date_text, default_year=entry.heading_year))
                except DateError:
                    continue
        spans = {(d.start, d.end): d for d in found}
        return next(iter(spans.values())) if len(spans) == 1 else None

    def _talk_closer(self, s: _Sentence, d: tuple[int, int, DateSpan], a: int, b: int) -> bool:
        """A visit/meeting/call trigger sits closer to the date than the exercise name does."""
        ds, de, _span = d
        name_dist = a - de if a >= de else ds - b
        for _score, typ, m, _when in self._trigger_candidates(s, ds, de):
            if typ in ("Visit", "BilateralMeeting", "PhoneCall", "Consultation", "CommissionSession"):
                dist = m.start() - de if m.start() >= de else ds - m.end()
                if dist < name_dist:
                    return True
        return False

    def _fill_sizes(self, name: str, s: _Sentence) -> bool:
        """Force sizes stated in an undated sentence about an exercise already extracted (False: it states none).
        A side's contingent told apart ("China sent more than 2,000 troops ...") is no size of the exercise."""
        named = [ev for ev in self.events.values() if ev.name == name]
        series = self.lexicon.get(named[0].series or "") if named and self.lexicon is not None else None
        sizes = self._sizes(s, contingents=False, host=series.country if series is not None else None)
        if not sizes:
            return False
        for key, ev in self.events.items():
            if ev.name == name:
                fill = {k: v for k, v in sizes.items() if getattr(ev, k) is None}
                if fill:
                    self.events[key] = replace(ev, **fill, extra_passages=(*ev.extra_passages, s.passage))
        return True

    def _dyad_exercise(self, s: _Sentence) -> bool:
        """The sentence (or its paragraph) presents the exercise as a joint one of the two states."""
        return s.cues.search(_DYAD_EXERCISE)

    def _state_named(self, words: str) -> str | None:
        """The state a subject names, by its name or its adjective ("Russia", "The Chinese side" -> its slug)."""
        ent = self.lexicon.lookup(words) if self.lexicon is not None else None
        if ent is not None and ent.type == "State":
            return ent.slug
        return self.demonyms.map.get(words.split()[0].casefold()) if words else None

    def _series_org(self, series: str) -> EntityRef | None:
        """The organisation whose summits or meetings the series `series` is (the lexicon's `organization`)."""
        ent = self.lexicon.get(series) if self.lexicon is not None else None
        org = self.lexicon.get(ent.extra_value("organization") or "") if ent is not None else None
        return _ref(org) if org is not None else None

    def _series_state(self, series: str) -> EntityRef | None:
        """The state whose national exercise series `series` is (the lexicon's country of the series)."""
        ent = self.lexicon.get(series) if self.lexicon is not None else None
        if ent is None or ent.type != "ExerciseSeries" or not ent.country:
            return None
        return self._state(ent.country)

    def _state(self, slug: str) -> EntityRef | None:
        ent = self.lexicon.get(slug) if self.lexicon is not None else None
        return _ref(ent) if ent is not None else None

    def _exercise_place(self, s: _Sentence) -> EntityRef | None:
        m = re.search(r"\b(?:in|at|near|off)\s+(?:the\s+)?(?P<p>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3}"
                      r"(?:\s+(?:training base|training ground|test grounds?|drill base|base|range))?)", s.text)
        if not m:
            return None
        label = m["p"]
        if any(a <= m.start("p") < b for a, b, _r in s.agents):
            return None
        if re.match(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                    r"Jan|Feb|Aug|Sept|Oct|Nov|Dec)\b", label):
            return None
        typ = ("TrainingGround" if re.search(r"(?i)\b(?:base|ground|grounds|range)\b", label)
               else "WaterBody" if re.search(r"\b(?:Sea|Gulf|Ocean|Strait|Bay)\b", label) else "Place")
        ref = EntityRef(slug=slugify(label), label=label, type=typ, discovered=True)
        self.discovered.setdefault(ref.slug, ref)
        return ref

    # summits ------------------------------------------------------------------------------
    _SUMMIT = re.compile(
        rf"\b(?={ORDINAL_FIRST})(?P<ord>{ORDINAL})\s+(?:annual\s+)?(?P<body>(?:[\w\-()]+\s+){{0,8}}?)(?:[Ss]ummit|meeting of the heads of state)\b"
    )

    def _summits(self, s: _Sentence, claimed: set[int]) -> None:
        """'the ninth BRICS summit ... Sept. 3 in Xiamen': ordinal, organisation/series, place, host = its country."""
        if "ummit" not in s.text and "meeting of the heads of state" not in s.text:
            return  # every match ends in one of these (a substring test is far cheaper than the scan)
        for m in self._SUMMIT.finditer(s.text):
            ordinal = ordinal_value(m["ord"])
            series = None
            orgs = [ref for a, b, ref in s.agents if m.start("body") <= a and b <= m.end() and ref.type in _ORG_TYPES]
            for a, b, ref in s.agents:
                if ref.type == "SummitSeries" and m.start("body") <= a and b <= m.end() + 2:
                    series = ref.slug
                    ent = self.lexicon.get(ref.slug) if self.lexicon is not None else None
                    org_slug = ent.extra_value("organization") if ent is not None else None
                    org_ent = self.lexicon.get(org_slug) if org_slug else None
                    if org_ent is not None:
                        orgs = [_ref(org_ent)]
            # "the BRICS ... held their sixth annual summit": the organisation before the ordinal
            if not orgs:
                orgs = [ref for a, b, ref in s.agents if b <= m.start() and ref.type == "InternationalOrganization"][-1:]
            if not orgs or ordinal is None:
                continue
            org = orgs[0]
            dates = [d for d in self._usable_dates(s) if d[0] >= m.start() - 80]
            if not dates:
                continue
            ds, de, span = min(dates, key=lambda d: abs(d[0] - m.end()))
            claimed.add(ds)
            people, _orgs, place = self._participants(s)
            place = place or self._city_after(s, m.end())
            hosts = []
            if place is not None and place.country:
                st = self._state(place.country)
                if st:
                    hosts.append(st)
            status = _status(s, m.start(), ds) or "held"
            label = f"{_ordinal_word(ordinal)} {org.label} summit" + (f", {place.label}" if place else "")
            ev = self._event(s, "Summit", span, label[0].upper() + label[1:], people, [org], place, status=status,
                             key_extra=org.slug, ordinal=ordinal, series=series or f"{org.slug}-summit", hosts=hosts)
            self._add_event(ev)
            if status == "held":
                self._para_summit[s.para_index] = self.events.get(ev.key, ev)

    def _city_after(self, s: _Sentence, pos: int) -> EntityRef | None:
        m = re.compile(r"\s+(?:was\s+held\s+)?(?:[\w.,\s]{0,20}?)\bin\s+(?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
                       r"(?:,\s*(?P<country>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))?").match(s.text, pos)
        if not m:
            return None
        label = m["city"]
        if re.match(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)$", label):
            return None
        if self.lexicon is not None:
            ent = self.lexicon.lookup(label)
            if ent is not None:
                return _ref(ent) if ent.type in _PLACE_TYPES else None
        country = None
        if m["country"] and self.lexicon is not None:
            ent = self.lexicon.lookup(m["country"])
            if ent is not None and ent.type == "State":
                country = ent.slug
        ref = EntityRef(slug=slugify(label), label=label, type="City", discovered=True, country=country)
        self.discovered.setdefault(ref.slug, ref)
        return ref

    # generic events -----------------------------------------------------------------------
    def _generic_events(self, s: _Sentence, claimed: set[int]) -> None:
        """One event per in-window date: the nearest trigger that passes its checks reports it."""
        if not s.dates:
            return
        for history in (False, True):
            for ds, de, span in self._usable_dates(s, history=history):
                if ds in claimed:
                    continue
                for _score, typ, m, when in self._trigger_candidates(s, ds, de):
                    if history and typ not in _HISTORY_TYPES:
                        continue
                    ev = self._generic_event(s, typ, m, ds, de, span, when, history=history)
                    if ev is not None:
                        self._add_event(ev)
                        if not history:
                            self._para_event[s.para_index] = ev
                        break

    def _chronology_visit(self, s: _Sentence) -> None:
        """An undated report of a visit ('Putin spent less than 24 hours in China for his 15th visit to China')
        is the visit the article's chronology dates: the one entry of the period in which the same person
        visits (the destination, if the entry names one, in the same country). The narrative adds what the
        entry leaves out: the city (the paragraph names one city of that country) and, through 'He also met
        separately with ...', who else took part."""
        ev = self._para_event.get(s.para_index)
        if s.dates or (ev is not None and ev.type == "Visit") or "isit" not in s.text:
            return
        for m in _VISIT_TRIGGER.finditer(s.text):
            if _status(s, m.start(), m.start()) != "held" or _RELATIVE.search(s.text):
                continue
            lo, _hi = _clause_bounds(s, m.start())
            before = [r for a, _b, r in s.agents if r.type == "Person" and lo <= a < m.start() and r.country in DYAD]
            if not before:
                continue
            visitor = replace(before[-1], title=None)
            _people, _orgs, place = self._participants(s, lo)
            dest = self._destination(s, m, lo, place)
            dest_state = dest if dest is not None and dest.type == "State" else (
                self._state(dest.country) if dest is not None and dest.country else None)
            if dest_state is None or dest_state.slug == visitor.country:
                continue
            found = self._entry_visit_date(visitor, dest_state.slug)
            if found is None:
                continue
            span, met = found
            cities = _unique([r for r in self._para_places.get(s.para_index, ())
                              if r.type == "City" and r.country == dest_state.slug])
            where = cities[0] if len(cities) == 1 else dest
            # the entry's persons took part in the visit it reports (the narrative often names only the visitor)
            people = _unique([visitor, *met])
            ev = self._event(s, "Visit", span, f"Visit: {visitor.label}", people, [], where, hosts=[dest_state],
                             clause=s.text[max(0, m.start() - 60):m.end() + 40])
            self._add_event(ev)
            self._para_event[s.para_index] = self.events.get(ev.key, ev)
            return

    def _counterparts(self, people: list[EntityRef], host: EntityRef, span: DateSpan) -> list[EntityRef]:
        """'When Xi visited Moscow ..., the two leaders ...': the visiting leader and the host state's holder of the
        same post, as the article titles them (one holder, not known to have taken the post after the visit);
        nothing when the visit names two persons."""
        visitors = [p for p in people if p.type == "Person"]
        if len(visitors) != 1 or visitors[0].country == host.slug:
            return []
        roles = {t.role_title for t in self.tenures.values() if t.holder.slug == visitors[0].slug}
        holders = {t.holder.slug: t.holder for t in self.tenures.values() if t.role_title in roles
                   and t.organization is not None and t.organization.slug == host.slug}
        if any(t.start is not None and t.start > span.start for t in self.tenures.values() if t.holder.slug in holders):
            return []
        return list(holders.values()) if len(holders) == 1 else []

    def _summit_side_meeting(self, s: _Sentence) -> None:
        """An undated meeting of the two sides' leaders in a city, told against the summit held there ("Presidents
        X and Y met briefly in <city> ahead of the formal <org> sessions", "... on the sidelines of the summit"),
        happened during that summit: it takes the dates the article's chronology gives the summit in that city."""
        if s.dates or "Person" not in s.kinds or not s.may(("summit", "session")) or not s.may(("met", "meet", "talk")):
            return
        m = _MEETING_TRIGGER.search(s.text)
        if m is None or _status(s, m.start(), m.start()) != "held":
            return
        anchor = _SESSION_ANCHOR.search(s.text, m.end())
        if anchor is None:
            return
        lo, _hi = _clause_bounds(s, m.start())
        persons = _unique([replace(r, title=None) for a, _b, r in s.agents if r.type == "Person" and lo <= a < m.start()])
        if not set(DYAD) <= {p.country for p in persons}:
            return  # one leader of each side
        city = next((r for a, _b, r in s.agents if r.type == "City" and m.end() <= a < anchor.start()), None)
        if city is None:
            # "The eighth SCO summit was held in Dushanbe on Aug. 28. Hu and Medvedev met on the sidelines of the
            # summit": the summit the paragraph has just reported, with its days and city
            summit = self._para_summit.get(s.para_index)
            if summit is None or summit.place is None or not _THE_SUMMIT.search(anchor.group()):
                return
            city, span = summit.place, summit.date
        else:
            orgs = _unique(r for a, _b, r in s.agents if r.type == "InternationalOrganization" and anchor.start() <= a < anchor.end())
            span = self._entry_summit_span(city, orgs)
            if span is None:
                return
        label = f"{typ_label('BilateralMeeting')}: " + ", ".join(p.label for p in persons[:3])
        self._add_event(self._event(s, "BilateralMeeting", span, label, persons, [], city,
                                    clause=s.text[lo:anchor.end()]))

    def _entry_summit_span(self, city: EntityRef, orgs: list[EntityRef]) -> DateSpan | None:
        """The days of the summit the period's chronology holds in `city` (of one of `orgs`, if any): the hull of
        the entries that name a summit there, when they agree to within a week."""
        spans = []
        names = [n for o in orgs for ent in [self.lexicon.get(o.slug) if self.lexicon is not None else None]
                 for n in ((o.label,) if ent is None else (ent.label, *ent.alt_labels))]
        for entry in self.doc.chronology:
            if city.label not in entry.body or not re.search(r"\bsummit\b", entry.body, re.I):
                continue
            if orgs and not any(re.search(rf"\b{re.escape(n)}\b", entry.body) for n in names):
                continue
            try:
                span = parse_date_span(entry.date_text, default_year=entry.heading_year)
            except DateError:
                continue
            if self.in_window(span):
                spans.append(span)
        if not spans:
            return None
        start, end = min(x.start for x in spans), max(x.end for x in spans)
        if (end - start).days > 7:
            return None
        return DateSpan(start, end, Precision.DAY, "; ".join(dict.fromkeys(x.text for x in spans)))

    def _entry_visit_date(self, visitor: EntityRef, dest_state: str) -> tuple[DateSpan, list[EntityRef]] | None:
        """The date and persons of the one chronology entry of the period that reports `visitor` visiting (to a
        place in `dest_state`, or to no place named)."""
        names = [w for w in visitor.label.split() if len(w) > 1]  # "President Xi", "Minister Lavrov"
        spans = {}
        for idx, entry in enumerate(self.doc.chronology):
            if not any(w in entry.body for w in names):
                continue
            m = _VISIT_TRIGGER.search(entry.body)
            if m is None:
                continue
            try:
                span = parse_date_span(entry.date_text, default_year=entry.heading_year)
            except DateError:
                continue
            if not self.in_window(span):
                continue
            agents = self._entry_agents.get(idx)
            if agents is None:
                agents = self._entry_agents[idx] = self.agents(entry.body)
            first = next((r for a, _b, r in agents if r.type == "Person" and a < m.start()), None)
            if first is None or first.slug != visitor.slug:
                continue  # the entry's visitor is its first person: "Wang Yang ... meet ... to prepare Putin's visit"
            where = {r.slug if r.type == "State" else r.country for a, _b, r in agents
                     if a >= m.start() and (r.type == "State" or r.type in _PLACE_TYPES)}
            if where - {None} and dest_state not in where:
                continue
            spans[(span.start, span.end)] = (span, [replace(r, title=None) for _a, _b, r in agents if r.type == "Person"])
        return next(iter(spans.values())) if len(spans) == 1 else None

    def _destination(self, s: _Sentence, m: re.Match, lo: int, place: EntityRef | None) -> EntityRef | None:
        """Where a visit went: the place or country right after the verb ('flew to Vladivostok', 'visited the
        DPRK'), or introduced by 'to' after the visitor ('dispatching Song Tao, director of ..., to the DPRK')."""
        for a, _b, r in s.agents:
            if a < m.end() or r.type not in _PLACE_TYPES | {"State"}:
                continue
            gap = s.text[m.end():a]
            if len(gap) < 25 and not re.search(r"[,;]", gap):
                return r
            if len(gap) < 160 and re.search(r"\b(?:to|in)\s+(?:the\s+)?$", gap):
                return r
        if place is not None and not _CLAUSE_BREAK.search(s.text[lo:m.start()]) and place.type != "State":
            return place
        return None

    def _trigger_candidates(self, s: _Sentence, ds: int, de: int) -> list[tuple[int, str, re.Match, bool]]:
        """Triggers that may report the date at [ds, de), best (closest, most specific) first."""
        when = _WHEN_AFTER.match(s.text, de, de + 10) is not None  # "until Dec. 13, when ... started a visit"
        intro = _INTRO.match(s.text)
        intro_end = intro.end() if intro and de <= intro.end() else None  # "One day after X (June 22-23), ..."
        out = []
        if self._trigger_hits[0] is not s:  # each date of a sentence looks at the same matches
            self._trigger_hits = (s, [(rank, typ, list(rx.finditer(s.text)) if s.may(_TRIGGER_WORDS[typ]) else [])
                                      for rank, (typ, rx) in enumerate(_TRIGGERS)])
        for rank, typ, matches in self._trigger_hits[1]:
            for m in matches:
                after_when = when and m.start() > de
                if intro_end is not None and m.start() >= intro_end:
                    continue  # the main clause happened relative to the intro's date, not on it
                dist = m.start() - de if m.start() >= de else ds - m.end()
                if dist > (230 if after_when else 110):
                    continue
                if after_when:
                    dist = min(dist, 60)
                c_lo, c_hi = _clause_bounds(s, m.start())
                if not (c_lo <= ds <= c_hi or abs(dist) < 25 or after_when):
                    continue
                between = s.text[min(m.end(), de):max(m.start(), ds)]
                if _RELATIVE.search(between):
                    continue
                if m.start() > de and _PURPOSE.search(s.text, de, m.end()):
                    # "on Nov. 17 to brief the Koreans on the Party Congress", "visited Beijing on Nov. 23 to
                    # co-chair the commission's session": a purpose, not the event
                    continue
                if m.start() > de and any(de < d2 and m.end() <= d2 < m.end() + 40 for d2, _e2, _s2 in s.dates):
                    continue  # "was in Moscow on Oct. 22-23 and met Putin on Oct. 23": 'met' has its own date
                before = s.text[max(0, m.start() - 30):m.start()]
                if _PROPOSAL_BEFORE.search(before):
                    continue  # "calling for a summit of the five": proposed, not held
                if _ANCHOR_BEFORE.search(before):
                    continue  # "the first visit after the 19th Congress in late October": a time anchor
                if _SIDELINES_OF.search(before):
                    continue  # "met on the sidelines of the summit on June 14": the meeting is the event
                if typ == "Summit" and _DURING.search(before) and any(
                        t in ("BilateralMeeting", "Visit") and any(x.start() < m.start() for x in xs)
                        for _r, t, xs in self._trigger_hits[1]):
                    continue  # "Xi and Putin met again in Lima on Nov. 19 during the APEC summit": the meeting is the event
                out.append((max(dist, 0) + rank * 2, typ, m, after_when))
        out.sort(key=lambda t: (t[0], t[2].start()))
        return out

    def _generic_event(self, s: _Sentence, typ: str, m: re.Match, ds: int, de: int, span: DateSpan,
                       when: bool, history: bool = False) -> EventRecord | None:
        status = _status(s, m.start(), ds)
        if status is None:
            return None
        lo, _hi = _clause_bounds(s, m.start() if when else min(m.start(), ds))
        hi = min(len(s.text), max(m.end(), de) + 100)
        cut = _AGENT_SPAN_END.search(s.text, max(m.end(), de), hi)
        if cut:
            hi = cut.start()  # "... meeting in Geneva on Dec. 8 when the minister told ... that North Korea ..."
        intro = _INTRO.match(s.text)
        if intro and max(m.end(), de) <= intro.end():
            hi = intro.end()  # "Prior to the SCO Summit in June, Xi visited ...": the summit's own agents only
        people, orgs, place = self._participants(s, lo, hi)
        if typ == "UNAction":
            # the states that vote are the subject; a state after the verb is what the resolution is about
            voters, _o, _p = self._participants(s, lo, m.start())
            people = [p for p in people if p.type != "State" or p in voters]
        near = [(min(abs(a - m.start()), abs(a - ds)), r) for a, _b, r in s.agents if r.type in _PLACE_TYPES and lo <= a < hi]
        if len(s.dates) > 1:
            # "met in Bishkek ... on June 14, and in Dushanbe ... on June 15": each date's place is written between
            # the date before it and itself
            prev_end = max((e for _d, e, _sp in s.dates if e <= ds), default=lo)
            own = [(ds - a, r) for a, _b, r in s.agents if r.type in _PLACE_TYPES and max(lo, prev_end) <= a < ds]
            if own:
                near = own
        if near:
            place = min(near, key=lambda t: t[0])[1]  # the place written nearest the trigger or the date
        in_dyad_place = place is not None and (place.slug in DYAD or place.country in DYAD)
        dyad_named = any(r.slug in DYAD or (r.type == "State" and r.country in DYAD) for _a, _b, r in s.agents)
        pronoun = bool(_PRONOUN_START.match(s.text) and self._last_person)
        if self._last_pair is not None and self._last_pair[0] == s.para_index and not any(p.type == "Person" for p in people) \
                and (s.text.startswith("They ") or (s.may(("the two",)) and _TWO_LEADERS.search(s.text, lo, m.start()))):
            # "They met for the third time on June 28", "the two leaders met again in Bishkek": the pair named last
            people = _unique([*self._last_pair[1], *people])
        series = None
        if typ == "Summit":
            # the series named nearest the trigger: "in Bishkek at the SCO summit on June 14, and in Dushanbe at the
            # CICA summit on June 15" tells two summits, each of its own organisation
            named = [(abs(a - m.start()), r) for a, _b, r in s.agents if r.type == "SummitSeries" and abs(a - m.start()) < 60]
            if named:
                series = min(named, key=lambda t: t[0])[1].slug
                own = self._series_org(series)
                if own is not None:
                    others = {o.slug for _d, x in named if x.slug != series and (o := self._series_org(x.slug)) is not None}
                    orgs = _unique([own, *(o for o in orgs if o.slug not in others)])
            if not orgs and series is None:
                return None
        summit_of_org = typ == "Summit" and any(o.type == "InternationalOrganization" for o in orgs)
        if not (_relevant(people, orgs) or pronoun or (summit_of_org and span.precision == Precision.DAY)
                or (any(p.type == "Person" for p in people) and (in_dyad_place or dyad_named))):
            return None
        if span.precision != Precision.DAY and not any(p.type == "Person" and _is_dyad_side(p) for p in people):
            return None
        hosts = []
        if typ == "Summit" and place is not None and place.country and self._state(place.country) is not None:
            hosts.append(self._state(place.country))  # the summit's city is in the host country
        if typ == "Visit":
            place = self._destination(s, m, lo, place)
            visitors = {p.country for a, _b, p in s.agents if p.type == "Person" and lo <= a < m.start()} or {
                p.country for p in people if p.type == "Person"}
            if place is not None and place.type == "State":
                hosts.append(place)  # "visited the DPRK": a country as the place visited
            elif place is not None and place.country and place.country not in visitors:
                st = self._state(place.country)
                if st is not None:
                    hosts.append(st)
            if hosts and s.may(("the two",)) and _TWO_LEADERS.search(s.text):
                people = _unique([*people, *self._counterparts(people, hosts[0], span)])
        if pronoun and self._last_person.slug not in {p.slug for p in people}:
            # "He reiterated this ... on July 1", "His talks with Putin": the previous subject; but in
            # "In his speech ..., Putin warned" the person named after the comma is 'his'
            cataphoric = re.match(r"(?:In|At|During|After) (?:his|her)\s", s.text)
            if not (cataphoric and any(p.type == "Person" for p in people)):
                people = _unique([self._last_person, *people])
        nd = _N_DAY.search(s.text[max(0, m.start() - 40):m.start()])
        if nd and span.precision == Precision.DAY and not span.is_range:
            n = number_value(nd["n"]) or 1
            span = DateSpan(span.start, span.start + dt.timedelta(days=n - 1), span.precision, span.text)
        if history and not _both_sides(people, orgs, place, hosts):
            return None  # a past happening is kept only as a China-Russia one ("Xi's first Russia visit in March 2013")
        label = f"{typ_label(typ)}: " + ", ".join(r.label for r in (people or orgs)[:3])
        if typ == "Summit" and orgs:
            label = f"{orgs[0].label} summit" + (f", {place.label}" if place is not None else "")
        concerns: tuple[str, ...] = ()
        if typ == "Launch" and self.lexicon is not None:
            # "Putin inaugurated ... at the Yamal LNG field": the project launched
            concerns = tuple(sorted({mm.entity.slug for mm in self.lexicon.find(s.text)
                                     if mm.entity.type in ("Initiative", "Project")}))
            if concerns:
                label = f"Launch: {self.lexicon.get(concerns[0]).label}"
        clause = s.text[max(0, min(m.start(), ds) - 40):max(m.end(), de) + 20]
        return self._event(s, typ, span, label, people, orgs, place, status=status, hosts=hosts, series=series,
                           concerns=concerns, clause=clause)

    # agreements ---------------------------------------------------------------------------
#: stems one of which any agreement, amount or membership a sentence states contains (a superset of the
#: cues of kg.narrative_facts: signing verbs, agreement nouns, currencies, membership words); a plain
#: substring test is far cheaper than running those patterns on every sentence
_FACT_STEMS = ("sign", "ink", "conclu", "seal", "clinch", "initial", "agree", "issue", "adopt", "memo", "mou",
               "treat", "statement", "communiq", "declaration", "loan", "credit", "contract", "deal", "plan",
               "road", "program", "accord", "document", "member", "join", "observer", "accession", "admi",
               "partner", "rubl", "roubl", "yuan", "renminbi", "rmb", "usd", "dollar", "euro", "billion",
               "million", "trillion", "$", "\u20ac", "\u00a5")


def _kind_of_series(name: str) -> str:
    """The kind an exercise's series has where the chronology reads it (kg.eventtypes: Peace Mission and Vostok
    are ground exercises, Joint Sea a naval one), else MilitaryExercise."""
    cue = classify_by_cues(name)
    return cue.type if cue is not None and cue.type in EXERCISE_TYPES else "MilitaryExercise"


#: a visit's trigger (kg.narrative_cues._TRIGGERS)
_VISIT_TRIGGER = dict(_TRIGGERS)["Visit"]
_MEETING_TRIGGER = dict(_TRIGGERS)["BilateralMeeting"]
#: the anchor names the summit by the definite article alone ("on the sidelines of the summit"): the one just told
_THE_SUMMIT = re.compile(r"\bthe\s+(?:[\w\-]+\s+){0,2}?summit\b", re.I)
#: the visitor and the host together ("the two leaders reached a consensus")
_TWO_LEADERS = re.compile(r"\bthe two (?:leaders|presidents|heads of state|premiers|prime ministers)\b", re.I)
#: a meeting told against a summit: "ahead of the formal SCO sessions", "on the sidelines of the summit"
_SESSION_ANCHOR = re.compile(r"\s(?:ahead of|before|prior to|on the (?:sidelines|margins) of|at|during)\s+(?:the\s+)?"
                             r"(?:[\w\-]+\s+){0,3}?(?:summit|sessions?)\b", re.I)
#: an exercise code name with its year ("Joint Sea-2017", "Peace Mission 2007"); a match holds "19" or "20"
_CODE_NAME = re.compile(r"\b(?=[A-Z])(?P<base>[A-Z][a-z]+(?:[ \-/][A-Z][a-z]+){0,2})[ \-\u2013](?P<year>(?:19|20)\d\d)\b")
#: a nationality among the words between a count and its unit ("3,200 Chinese troops")
_NATIONAL_INSIDE = re.compile(r"\b(?:Chinese|Russian|[A-Z][a-z]+(?:ian|ese))\b")
_DYAD_EXERCISE = re.compile(r"\b(?:joint|two militaries|two navies|two air forces|China and Russia|Russia and China|"
                            r"Sino-Russian|Russian-Chinese|Chinese and Russian|Russian and Chinese)\b", re.I)
#: ", when" after a date; "to brief ..." (a purpose) between a date and a trigger; "on the sidelines of"
_WHEN_AFTER = re.compile(r",\s+when\b")
_PURPOSE = re.compile(r"\bto\s+(?!the\b|a\b|an\b)[a-z]+\b")
#: one side's contribution as the sentence's subject: "China sent more than 2,000 troops, 300 vehicles ..."
_SENDS = re.compile(r"(?:(?:The|A)\s+)?(?P<who>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\s+(?:also\s+)?"
                    r"(?:sent|dispatched|contributed|deployed|provided|fielded|committed)\b")
#: substrings one of which every _SENDS match contains (as _TRIGGER_WORDS)
_SENDS_WORDS = ("sent", "dispatched", "contributed", "deployed", "provided", "fielded", "committed")
_TIME_ANCHOR_BEFORE = re.compile(r"\b(?:after|before|following|since|ahead of|prior to|until)\s+$", re.I)
_DURING = re.compile(r"\b(?:during|at)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}$", re.I)
_SIDELINES_OF = re.compile(r"\b(?:sidelines|margins?) of (?:the\s+)?(?:[\w\-]+\s+){0,3}$", re.I)
_YEAR_IN_TEXT = re.compile(r"(?<![\d\-–$])((?:19|20)\d\d)(?![\d])")
_FACT_STEM_RX = re.compile(any_word_pattern(_FACT_STEMS))  # one C-level scan for any stem (prefix-factored)


def _fact_cue(text: str) -> bool:
    return _FACT_STEM_RX.search(text.lower()) is not None


def _series_pattern(name: str) -> str:
    """'Joint Sea-2017' -> a pattern for 'Joint Sea', 'Joint-Sea' (the year is matched by the caller)."""
    return r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", name.rsplit("-", 1)[0]) if w)


def extract_narrative(doc: Document, lexicon) -> NarrativeResult:
    """All narrative facts of one document (see the module docstring for the rules)."""
    return NarrativeExtractor(doc, lexicon).run()


__all__ = ["extract_narrative", "NarrativeResult", "NarrativeExtractor", "ordinal_value", "number_value"]
