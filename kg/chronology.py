"""Chronology entries -> EventRecords.

One entry reports one happening, sometimes two ("Ninth BRICS summit is held in Xiamen. Xi meets
Putin on Sept. 3 on the sidelines" = a summit and a sidelines meeting). Rules, in order:

* date: the entry's date with the year from the chronology period when none is written; an
  impossible or unreadable date sends the entry to `unparsed` with a "file:line:" warning;
* a written year that contradicts the period is a text issue (recorded, never silently fixed).
  The heading's year is used instead only when the rest of the entry supports it (it names
  that year, e.g. "Joint Sea 2017"); otherwise the year as written is kept and flagged;
* type: the first sentence's main predicate, else its main cue (kg.eventtypes); a later sentence
  with a meeting-like predicate and new actors (not possessive owners: "Putin's visit") becomes a
  sub-event (date from "on Sept. 3" inside it);
* participants: persons and the states that act (named, by adjective, or as the persons'
  countries), not states that only locate a place ("in the Chinese city of Yinchuan");
* topics are no actors: states and bodies after "discuss", "talks on", "about" ("discuss North
  Korea and the EAEU") are neither participants nor organizations;
* place: the places named in the event's sentences; exercise name = series + year as written
  ("Vostok-2018", "Zapad/Interaction-2021"; a name two reference series share is decided by the
  context: a state's "strategic" exercise vs the SCO border services' operation); a series named
  only as the enclosing event ("on the sidelines of the G20 summit") is what it concerns, not its
  series; ordinal from "Ninth ... summit" / "21st session" / "twenty-first meeting"; status from
  modality ("to be held", "will").
Entries are never assumed to be in date order; keys are unique per article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from kg.dates import DateError, ImpossibleDateError, find_dates, parse_date_span, resolve_relative_dates
from kg.documents import split_sentences, sub_passage
from kg.eventtypes import EXERCISE_TYPES, SUB_EVENT_TYPES, classify, event_codes
from kg.iris import short_hash, slugify
from kg.mentions import AgentMention, ArticleContext, MentionFinder
from kg.records import ChronologyEntry, DateSpan, Document, EntityRef, EventRecord, Passage, Precision
from kg.textgate import may_match

#: events that can contain others (a meeting during a visit or on a summit's sidelines)
CONTAINER_TYPES = frozenset({"Summit", "ConferenceOrForum", "CommissionSession", "Visit", "Consultation"})
ORG_TYPES = frozenset({"Organization", "InternationalOrganization", "GovernmentBody", "Ministry", "Commission",
                       "Parliament", "ArmedService", "Company", "PoliticalParty", "MediaOrganization"})
PLACE_TYPES = frozenset({"Place", "City", "Region", "WaterBody", "TrainingGround"})
CONCERN_TYPES = frozenset({"Initiative", "Project", "Agreement", "Treaty", "JointStatement", "Declaration", "Plan"})

_ORDINALS = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
# "twenty-first" ... "ninety-ninth", "thirtieth" ...: compound ordinals as written
for _tens, _t in (("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70),
                  ("eighty", 80), ("ninety", 90)):
    _ORDINALS[_tens[:-1] + "ieth"] = _t
    for _unit, _u in list(_ORDINALS.items())[1:10]:
        _ORDINALS[f"{_tens}-{_unit}"] = _t + _u
#: the lookaheads: the characters an ordinal starts with (the engine passes over other positions at once)
_ORDINAL_FIRST = "(?=[0-9" + "".join(sorted({w[0] for w in _ORDINALS})) + "])"
_ORDINAL = re.compile(
    r"\b" + _ORDINAL_FIRST + r"(?P<ord>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"|\d{1,3}(?:st|nd|rd|th))\b"
    r"(?P<gap>(?:\s+[\w'\u2019\-()]+){0,6}?)\s+(?P<noun>summit|session|meeting|round|consultation|forum|conference|"
    r"exposition|talks|dialogue|sitting|congress)\b",
    re.IGNORECASE,
)
_ORDINAL_EXERCISE = re.compile(
    r"\b" + _ORDINAL_FIRST + r"(?P<ord>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"|\d{1,3}(?:st|nd|rd|th))\b"
    r"(?:\s+(?:ever|annual|joint|[\w\-]+)){0,5}?\s+(?:exercise|drill|war games|patrol)s?\b", re.IGNORECASE)
_NAMED_EXERCISE = re.compile(r"\b(?P<base>[A-Z][A-Za-z]+(?:(?:[ -]|/)[A-Z][A-Za-z]+){0,3})[ -](?P<year>(?:19|20)\d\d)\b")
_PLURAL_OBJECT = re.compile(r"\b(?:meets?|met|receives?|received|hosts?|joins?) (?:both|them|the two)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:He|She|They|Both|The two)\b")
_HOSTS = re.compile(r"\bhost(?:s|ed|ing)?\b|\bhosted by\b", re.IGNORECASE)
_VISITS_AND_MEETS = re.compile(r"\b(?:visits|visited)\s+and\s+(?:meets|met|holds talks with|held talks with)\b",
                               re.IGNORECASE)
_VISIT_OBJ = re.compile(r"\b(?:visits?|visited|travel(?:s|ed|led)? to|arrives? in|trip to|visit to)\s+$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TYPE_LABEL = {
    "Summit": "Summit", "BilateralMeeting": "Meeting", "Visit": "Visit", "PhoneCall": "Phone call",
    "MilitaryExercise": "Military exercise", "NavalExercise": "Naval exercise", "GroundExercise": "Ground exercise",
    "AirExercise": "Air exercise", "MissileDefenceSimulation": "Missile-defence simulation",
    "LawEnforcementExercise": "Law-enforcement exercise", "JointPatrol": "Joint patrol",
    "AgreementSigning": "Agreement signing", "CommissionSession": "Commission session", "Consultation": "Consultation",
    "ConferenceOrForum": "Conference", "ArmsDelivery": "Arms delivery", "Statement": "Statement",
    "UNAction": "UN action", "Appointment": "Appointment", "Election": "Election", "Launch": "Launch",
    "OtherEvent": "Event",
}
#: which events may belong to which kind of series (a meeting *during* a forum only concerns it)
_SERIES_FITS = {
    "ExerciseSeries": frozenset(EXERCISE_TYPES | {"JointPatrol"}),
    "SummitSeries": frozenset({"Summit", "ConferenceOrForum"}),
    "MeetingSeries": frozenset({"Summit", "CommissionSession", "Consultation", "ConferenceOrForum"}),
    "EventSeries": frozenset({"Summit", "CommissionSession", "Consultation", "ConferenceOrForum"} | EXERCISE_TYPES),
}
_MASK_ORG = re.compile(r"\b(?:Conference|Forum|Summit|Dialogue|Meeting|Exposition|Festival|Exercise|Consultation)", re.IGNORECASE)


@dataclass
class ChronologyResult:
    events: list[EventRecord] = field(default_factory=list)
    unparsed: list[Passage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: dict[str, EntityRef] = field(default_factory=dict)  # discovered, by slug


def extract_chronology(doc: Document, lexicon, ctx: ArticleContext | None = None) -> list[EventRecord]:
    """Every chronology entry of `doc` as EventRecords (see module docstring for the rules)."""
    return chronology_records(doc, lexicon, ctx).events


def chronology_records(doc: Document, lexicon, ctx: ArticleContext | None = None) -> ChronologyResult:
    res = ChronologyResult()
    finder = MentionFinder(lexicon, ctx)
    period = (doc.meta.period_start, doc.meta.period_end) if doc.meta.period_start and doc.meta.period_end else None
    keys: set[str] = set()
    for entry in doc.chronology:
        where = f"{doc.source.name}:{entry.line}"
        if not entry.body.strip():
            res.unparsed.append(entry.passage)
            res.warnings.append(f"{where}: chronology entry '{entry.date_text}' has no text; skipped")
            continue
        try:
            span, issues = _entry_date(entry, period)
        except ImpossibleDateError:
            res.unparsed.append(entry.passage)
            res.warnings.append(f"{where}: impossible date '{entry.date_text}'; entry flagged and not extracted")
            continue
        except DateError as exc:
            res.unparsed.append(entry.passage)
            res.warnings.append(f"{where}: unreadable date '{entry.date_text}' ({exc.message}); entry not extracted")
            continue
        for issue in issues:
            res.warnings.append(f"{where}: {issue}")
        events = _entry_events(entry, span, issues, finder, lexicon, keys)
        res.warnings.extend(f"{where}: {w}" for w in finder.ctx.warnings)
        finder.ctx.warnings.clear()
        if not events:
            res.unparsed.append(entry.passage)
            res.warnings.append(f"{where}: no event found in entry '{entry.date_text}'")
            continue
        for ev in events:
            res.events.append(ev)
            if ev.series and lexicon.get(ev.series) is None and ev.name:
                label = re.sub(r"[\s-]*(?:19|20)\d\d$", "", ev.name)
                res.entities.setdefault(ev.series, EntityRef(ev.series, label, "ExerciseSeries", discovered=True))
            for ref in (*ev.participants, *ev.hosts, *ev.organizations, *((ev.place,) if ev.place else ()), *ev.extra_places):
                if ref.discovered:
                    res.entities.setdefault(ref.slug, ref)
    for w in finder.ctx.warnings:
        res.warnings.append(f"{doc.source.name}: {w}")
    finder.ctx.warnings.clear()
    return res


# --- dates ------------------------------------------------------------------------------------------
def _entry_date(entry: ChronologyEntry, period) -> tuple[DateSpan, list[str]]:
    issues: list[str] = []
    written_year = _YEAR.search(entry.date_text)
    span = parse_date_span(entry.date_text, default_year=entry.heading_year)
    if not written_year and entry.heading_year and span.end.year == entry.heading_year and span.start.year < entry.heading_year \
            and period and span.start < period[0] - dt.timedelta(days=62):
        # "Dec. 30-Jan. 2" in a Sept-Dec period: the year runs from the start month
        span = parse_date_span(entry.date_text, default_year=entry.heading_year + 1)
    if period and written_year:
        lo, hi = period
        tolerance = dt.timedelta(days=62)
        if span.end < lo - tolerance or span.start > hi + tolerance:
            years = {lo.year, hi.year}
            body_years = {int(y) for y in _YEAR.findall(entry.body)}
            fitting = sorted(years & body_years)
            if fitting and span.start.year not in years:
                fixed_year = fitting[0]
                text = entry.date_text.replace(written_year.group(), str(fixed_year))
                try:
                    fixed = parse_date_span(text, default_year=fixed_year)
                    issues.append(
                        f"entry dated '{entry.date_text}' contradicts the chronology period "
                        f"{lo:%B %Y}-{hi:%B %Y}; the entry itself names {fixed_year}, so {fixed_year} is used"
                    )
                    return DateSpan(fixed.start, fixed.end, fixed.precision, entry.date_text), issues
                except DateError:
                    pass
            issues.append(
                f"entry dated '{entry.date_text}' lies outside the chronology period {lo:%B %Y}-{hi:%B %Y}; "
                "kept as written (nothing in the entry supports another year)"
            )
    return span, issues


# --- events --------------------------------------------------------------------------------------------
#: "; Xi and Putin meet on the sidelines": a clause after a semicolon that tells a meeting on the main event's margins
_SIDELINES_CLAUSE = re.compile(r";\s+(?=[^;.]{0,120}\bon the (?:sidelines|margins)\b)")


def _sidelines_clauses(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences with a sidelines clause after a semicolon cut in two, so that the clause is read as a happening of
    its own, as the genre's separate sentence would be ("BRICS summit is held in Brasilia; Xi and Putin meet on
    the sidelines.")."""
    out = []
    for a, b in sentences:
        for m in _SIDELINES_CLAUSE.finditer(text, a, b):
            out.append((a, m.start() + 1))
            a = m.end()
        out.append((a, b))
    return out


def _entry_events(entry: ChronologyEntry, span: DateSpan, issues: list[str], finder: MentionFinder, lexicon,
                  keys: set[str]) -> list[EventRecord]:
    text = entry.passage.text
    body_at = len(text) - len(entry.body)
    body = entry.body
    mentions = [_shift(m, body_at) for m in finder.find(body)]
    sentences = [(body_at + a, body_at + b) for a, b in split_sentences(body)] or [(body_at, len(text))]
    if ";" in body:
        sentences = _sidelines_clauses(text, sentences)
    # the main event: the first sentence with a cue (normally the first)
    main_i, cue = 0, None
    for i, (a, b) in enumerate(sentences):
        c = classify(_masked(text, a, b, mentions))
        if c is not None:
            main_i, cue = i, c
            break
    typ = cue.type if cue else "OtherEvent"
    status = cue.status if cue else "held"
    sidelines = cue.sidelines if cue else False
    # sentences reporting a happening of their own
    sub_sentences: list[tuple[int, object]] = []
    asides: set[int] = set()
    main_persons = {m.ref.slug for m in mentions if m.ref.type == "Person" and _inside(m, sentences[main_i])}
    for i, (a, b) in enumerate(sentences):
        if i <= main_i:
            continue
        c = classify(_masked(text, a, b, mentions))
        if c is None or c.status != "held":
            continue
        if c.type not in SUB_EVENT_TYPES:
            if c.type in _OWN_DATED_TYPES and _own_date(text[a:b], span) is not None:
                sub_sentences.append((i, c))  # "Hu attends the first BRIC summit the next day": a happening of its own
            elif c.type == "Statement" and _new_speaker(text, (a, b), mentions, main_persons):
                asides.add(i)  # "Sullivan says Washington opposes a ceasefire": someone else's comment, not the event
            continue
        persons = {m.ref.slug for m in mentions if m.ref.type == "Person" and _inside(m, (a, b)) and not _possessive(text, m)}
        if persons - main_persons:  # new actors ("Putin's visit" names a topic, not an actor)
            sub_sentences.append((i, c))
    sub_idx = {i for i, _ in sub_sentences}
    events: list[EventRecord] = []
    lead: list[tuple[int, int]] = []
    if cue is not None and main_i > 0 and any(
            m.ref.type in ("State", "Person", *ORG_TYPES) for m in mentions if sentences[0][0] <= m.start < sentences[main_i - 1][1]):
        # "Russia launches a 'special military operation' in Ukraine. Wang Yi talks by phone with Lavrov.":
        # the uncued opening reports a happening of its own, dated like the entry
        lead = sentences[:main_i]
        events.append(_build(entry, span, "OtherEvent", "held", False, lead, mentions, lexicon, issues, keys,
                             passage=entry.passage, clause=" ".join(text[a:b] for a, b in lead)))
    main_spans = [s for i, s in enumerate(sentences) if i not in sub_idx and i not in asides and s not in lead]
    main_text = " ".join(text[a:b] for a, b in main_spans)
    main_passage = sub_passage(entry.passage, entry.offsets, main_spans[0][0], main_spans[-1][1]) if lead else entry.passage
    main = _build(entry, span, typ, status, sidelines, main_spans, mentions, lexicon, [] if lead else issues, keys,
                  passage=main_passage, clause=main_text, cue_start=(sentences[main_i][0] + cue.start) if cue else None)
    events.append(main)
    for i, c in sub_sentences:
        a, b = sentences[i]
        sent = text[a:b]
        sub_span = span
        written = find_dates(sent, span.start.year)
        for s, e, ds in written:
            if span.start <= ds.start and ds.end <= span.end and ds.precision is Precision.DAY:
                sub_span = ds
                break
        own = _own_date(sent, span, written)
        if own is not None:
            sub_span = own
        # pronouns point back to the main sentence's persons: "He also meets Xi", "Putin meets both"
        extra_persons = []
        main_people = [m for m in mentions if m.ref.type == "Person" and _inside(m, sentences[main_i])]
        if _PRONOUN.match(sent):
            extra_persons = main_people[:1] if sent.startswith(("He", "She")) else main_people
        elif _PLURAL_OBJECT.search(sent):
            extra_persons = main_people
        passage = sub_passage(entry.passage, entry.offsets, a, b)
        # part of the main happening (a meeting during a visit, on a summit's sidelines) or a happening of its own
        inside = (main.type in CONTAINER_TYPES and own is None) or c.sidelines
        sub = _build(entry, sub_span, c.type, c.status, c.sidelines, [(a, b)], mentions, lexicon, [], keys,
                     passage=passage, clause=sent, extra_persons=extra_persons,
                     inherit_place=main if inside else None, cue_start=a + c.start)
        if inside:
            sub = replace(sub, sub_event_of=main.key)
        events.append(sub)
    if main.type in ("Summit", "ConferenceOrForum"):
        # those who meet on a summit's sidelines attended it
        subs = [ev for ev in events if ev.sub_event_of == main.key]
        seen = {p.slug for p in main.participants}
        extra = [p for ev in subs for p in ev.participants if p.slug not in seen and not seen.add(p.slug)]
        if extra:
            events[events.index(main)] = replace(main, participants=main.participants + tuple(extra))
    return events


#: happenings a later sentence of an entry may report with a date of their own
_OWN_DATED_TYPES = frozenset({"Summit", "ConferenceOrForum", "CommissionSession", "Consultation", "Visit"} | EXERCISE_TYPES)


def _own_date(sentence: str, span: DateSpan, written: list | None = None) -> DateSpan | None:
    """The day a later sentence dates itself to, relative to a one-day entry ("the next day",
    "two days later"), or None (`written`: find_dates(sentence, span.start.year), when read already)."""
    if span.is_range or span.precision is not Precision.DAY:
        return None
    (found,) = resolve_relative_dates([sentence], span.start.year, anchor=span.start,
                                      written=None if written is None else [written]) or [[]]
    days = [d for _s, _e, d in found if d.precision is Precision.DAY and d.start != span.start]
    return days[0] if days else None


def _new_speaker(text: str, span: tuple[int, int], mentions: list[AgentMention], main_persons: set[str]) -> bool:
    """A later sentence opening with a person the main sentence did not name ("Sullivan says ...")."""
    first = next((m for m in mentions if span[0] <= m.start < span[1] and m.ref.type in ("Person", "State")), None)
    return (first is not None and first.ref.type == "Person" and first.ref.slug not in main_persons
            and not text[span[0]:first.start].strip(" ,"))


def _shift(m: AgentMention, d: int) -> AgentMention:
    return AgentMention(m.start + d, m.end + d, m.surface, m.ref, None if m.title_start is None else m.title_start + d, m.role)


def _inside(m: AgentMention, span: tuple[int, int]) -> bool:
    return span[0] <= m.start < span[1]


def _masked(text: str, a: int, b: int, mentions: list[AgentMention]) -> str:
    """The clause with organisation names that contain cue words blanked ("Conference on Interaction ...")."""
    masked = [m for m in mentions if m.ref.type in ORG_TYPES and a <= m.start and m.end <= b and _MASK_ORG.search(m.surface)]
    if not masked:
        return text[a:b]  # (most clauses)
    clause = list(text[a:b])
    for m in masked:
        for k in range(m.start - a, m.end - a):
            if clause[k] != " ":
                clause[k] = "x"
    return "".join(clause)


def finder_state(lexicon, word: str) -> str | None:
    """The state a word names ('China', 'Russian', "China's"), via the lexicon."""
    word = word.strip(".,;:()\"\u201c\u201d")
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    e = lexicon.lookup(word) if word else None
    return e.slug if e is not None and e.type == "State" else None


def _state_ref(lexicon, slug: str) -> EntityRef | None:
    e = lexicon.get(slug)
    if e is None or e.type != "State":
        return None
    return EntityRef(slug=e.slug, label=e.label, type="State")


def _build(entry: ChronologyEntry, span: DateSpan, typ: str, status: str, sidelines: bool, spans, mentions,
           lexicon, issues, keys: set[str], *, passage: Passage, clause: str, extra_persons=(), inherit_place=None,
           cue_start: int | None = None) -> EventRecord:
    text = entry.passage.text
    ms = [m for m in mentions if any(_inside(m, s) for s in spans)]
    first = spans[0]
    persons: dict[str, EntityRef] = {}
    for m in list(extra_persons) + ms:
        if m.ref.type == "Person" and not _possessive(text, m):
            old = persons.get(m.ref.slug)
            if old is None or (m.ref.title and not old.title):
                persons[m.ref.slug] = m.ref
    # places: where it happened ("in", "at", "off" ...), plus places listed after such a place;
    # in later sentences only places that are introduced as locations
    places = []
    topics = _topic_spans(text, spans)
    for m in ms:
        if not (m.role == "place" or m.ref.type in PLACE_TYPES):
            continue
        if any(a <= m.start < b for a, b in topics):
            continue  # "discuss the situation in Idlib": a topic, not where it happened
        located = bool(_LOCATED.search(text[max(0, m.start - 30):m.start]))
        listed = False
        if places and not located:
            between = text[places[-1].end:m.start]
            listed = bool(_LIST_BETWEEN.match(between)) and not _VERBISH.search(between)
        if located or listed:
            places.append(m)
    if not places:
        places = [m for m in ms if (m.role == "place" or m.ref.type in PLACE_TYPES) and _inside(m, first)
                  and not _LOCATED_TOPIC.search(text[m.end:m.end + 12]) and not any(a <= m.start < b for a, b in topics)
                  and not _IN_A_NAME.match(text, m.end) and text[m.start - 1:m.start] != "-"]
    place_spans = [(p.start, p.end) for p in ms if p.role == "place" or p.ref.type in PLACE_TYPES]
    # states that act: named in the main sentence (or a sentence opening with them), not as a
    # location ("in Vietnam", "the Chinese city of"), plus the persons' countries
    states: dict[str, EntityRef] = {}
    located_states: list[EntityRef] = []
    for m in ms:
        if m.ref.type != "State":
            continue
        if not _inside(m, first):
            continue
        if any(a <= m.start < b for a, b in topics):
            continue  # "discuss North Korea": a topic, not an actor
        if _in_place_phrase(text, m, place_spans):
            continue
        if _LOCATED_STRICT.search(text[max(0, m.start - 12):m.start]) and not _possessive(text, m):
            located_states.append(m.ref)  # "in Vietnam": where, not who
            continue
        if (_possessive(text, m) and m.start - first[0] > 20 and _LOWER_AFTER_POSSESSIVE.match(text, m.end)
                and typ not in EXERCISE_TYPES and typ != "JointPatrol"):
            continue  # "... support China's policies": the owner of a topic, not an actor
        states.setdefault(m.ref.slug, m.ref)
    for p in persons.values():
        if p.country and p.country not in states:
            st = _state_ref(lexicon, p.country)
            if st:
                states[st.slug] = st
    # a bilateral body named by its states acts for both: "the China-Russian Committee of ..."
    for m in ms:
        if m.ref.type in ("Commission", "GovernmentBody") and _inside(m, first):
            for tok in _NAME_PARTS.split(m.surface):
                st = _state_ref(lexicon, finder_state(lexicon, tok) or "")
                if st is not None:
                    states.setdefault(st.slug, st)
    orgs: dict[str, EntityRef] = {}
    for m in ms:
        if _source_only(text[max(0, m.start - 40):m.start]):
            continue  # "according to a Russian Defense Ministry statement": a source, not an actor
        if typ != "Statement" and m.ref.type != "InternationalOrganization" and _inside(m, first) \
                and _REPORTS.match(text, m.end) and _THE_ONLY.fullmatch(text, first[0], m.start):
            continue  # "Russia's Defense Ministry says ... navies hold ...": who reports it, not who acts
        if any(a <= m.start < b for a, b in topics):
            continue  # "discuss ... the EAEU", "talks on the UN Security Council": what they talk about
        if m.ref.type in ORG_TYPES and (_inside(m, first) or m.ref.type != "InternationalOrganization"):
            orgs.setdefault(m.ref.slug, m.ref)
            if m.ref.type != "InternationalOrganization" and m.ref.country and typ not in ("Statement",):
                st = _state_ref(lexicon, m.ref.country)
                if st and st.slug not in states and not _in_place_phrase(text, m, place_spans):
                    states[st.slug] = st
    # a "meeting" of an organisation's members only (no persons named) is an institutional session
    if typ == "BilateralMeeting" and not persons and orgs and any(o.type == "InternationalOrganization" for o in orgs.values()):
        typ = "CommissionSession"
    # the two premiers' "regular meeting of heads of government" is their commission's session; a
    # summit needs an organisation or three or more states (kg.eventtypes decides multilateral ones)
    if typ == "Summit" and len(states) <= 2 and not any(o.type == "InternationalOrganization" for o in orgs.values()) \
            and re.search(r"\bheads of government\b", clause, re.IGNORECASE) and not re.search(r"\bsummit\b", clause, re.IGNORECASE):
        typ = "CommissionSession"
    # three or more heads of state/government meeting is a (trilateral) summit
    if typ == "BilateralMeeting" and len(states) >= 3 and sum(1 for p in persons.values() if _LEADER.search(p.title or "")) >= 3:
        typ = "Summit"
    # hosts
    hosts: dict[str, EntityRef] = {}
    for m in (ms if "host" in text else ()):  # every _HOSTS_AFTER match has it
        if _HOSTS_AFTER.match(text, m.end, m.end + 8):
            h = m.ref if m.ref.type in ("State", *ORG_TYPES) else _state_ref(lexicon, m.ref.country or "")
            if h:
                hosts[h.slug] = h
    if typ == "Visit":
        for m in ms:
            if _VISIT_OBJ.search(text[max(0, m.start - 20):m.start]):
                h = m.ref if m.ref.type == "State" else _state_ref(lexicon, m.ref.country or "")
                if h:
                    hosts[h.slug] = h
                    states.setdefault(h.slug, h)
                break
        met = _VISITS_AND_MEETS.search(text) if not hosts else None
        if met is not None:
            # "President Putin visits and meets President Xi Jinping": no destination written; the visit goes
            # to the country of the first person met from another state than the visitor's
            visitor = next((m.ref for m in ms if m.ref.type == "Person" and m.start < met.start()), None)
            guest = next((m.ref for m in ms if m.ref.type == "Person" and m.start >= met.end()), None)
            if visitor is not None and guest is not None and guest.country and visitor.country \
                    and guest.country != visitor.country:
                h = _state_ref(lexicon, guest.country)
                if h:
                    hosts[h.slug] = h
                    states.setdefault(h.slug, h)
    # places
    place_refs: list[EntityRef] = []
    for p in places:
        if p.ref.slug not in {r.slug for r in place_refs}:
            place_refs.append(p.ref)
    if not place_refs and inherit_place is not None and inherit_place.place is not None:
        place_refs = [inherit_place.place, *inherit_place.extra_places]
    if not hosts and not sidelines and typ in _HOSTED_TYPES and place_refs and place_refs[0].country:
        # "Ninth BRICS summit is held in Xiamen": the state of the venue hosts it
        h = _state_ref(lexicon, place_refs[0].country)
        if h is not None:
            hosts[h.slug] = h
    if not place_refs:
        # no city or sea named: the state it happened in ("in Vietnam", "visits China")
        located = [s for s in located_states if _LOCATED_IN.search(text)] or (list(hosts.values())[:1] if typ == "Visit" else [])
        place_refs = [r for r in located if r.type == "State"][:1]
    # series, name, ordinal
    series = name = None
    series_year = None
    for m in ms:
        if m.role == "series" and typ in _SERIES_FITS.get(m.ref.type, frozenset()) \
                and not _CONTAINER_BEFORE.search(text[max(0, m.start - 60):m.start]):
            series = m.ref.slug
            year = _mention_year(m, text)
            if year:
                series_year = year
                written = m.surface if m.surface.endswith(str(year)) else f"{m.surface}-{year}"
                name = " ".join(written.strip("\"'\u201c\u201d").split())  # as written: "Joint Sea 2017"
            break
    if typ in EXERCISE_TYPES and name is None:
        nm = _NAMED_EXERCISE.search(clause)
        if nm and not lexicon.lookup(nm["base"]):
            name = f"{nm['base']}-{nm['year']}" if f"{nm['base']}-{nm['year']}" in clause else f"{nm['base']} {nm['year']}"
            series_year = int(nm["year"])
            candidates = lexicon.ambiguous_short_forms(nm["base"])
            fitting = [c for c in candidates if typ in _SERIES_FITS.get(c.type, ())]
            if series is None and len(fitting) == 1:
                series = fitting[0].slug  # "Vostok-2022" in an exercise entry: the exercise series
            elif series is None and not candidates:
                series = slugify(nm["base"])  # a series not among the reference entities (typed by chronology_records)
            # several reference series share the name and nothing decides: no series rather than a guess
    text_issues = list(issues)
    if series_year and typ in EXERCISE_TYPES and series_year not in (span.start.year, span.end.year):
        text_issues.append(f"exercise named {name} but dated {span.text} ({span.start.year})")
    if typ == "Summit" and series is None:
        suffixes = (["heads-of-government-meeting"] if re.search(r"heads of government", clause, re.I) else []) + ["summit"]
        for o in orgs.values():
            cand = next((lexicon.get(f"{o.slug}-{suf}") for suf in suffixes if lexicon.get(f"{o.slug}-{suf}")), None)
            if cand is not None:
                series = cand.slug
                break
    ordinal = None
    if typ in ("Summit", "CommissionSession", "Consultation", "ConferenceOrForum") or typ in EXERCISE_TYPES:
        rx_ord = _ORDINAL if typ not in EXERCISE_TYPES else _ORDINAL_EXERCISE
        # the main sentence's ordinal first ("The SCO summit ... Hu attends the first BRIC summit")
        om = rx_ord.search(text, first[0], first[1])
        if om is None:
            om = rx_ord.search(clause)
            if om is not None and any(m.surface in om.group() and m.ref.slug not in orgs and m.ref.slug != series
                                      and (m.ref.type == "InternationalOrganization" or m.role == "series") for m in ms):
                om = None  # "... Hu attends the first BRIC summit": another body's ordinal
            elif om is not None and any(a not in text[first[0]:first[1]] for a in re.findall(r"\b[A-Z]{2,}\b", om["gap"] or "")):
                om = None  # an acronym the main sentence does not name: another body's ordinal
        if om:
            w = om["ord"].lower()
            ordinal = _ORDINALS.get(w) or (int(re.match(r"\d+", w).group()) if w[0].isdigit() else None)
    concerns = []
    for m in ms:
        if m.ref.type in CONCERN_TYPES or (m.role == "series" and m.ref.slug != series):
            if m.ref.slug not in concerns:
                concerns.append(m.ref.slug)
    n_states = len(states) + (2 if any(o.type == "InternationalOrganization" for o in orgs.values()) else 0)
    cameo, cat, mode, ctx = event_codes(typ, clause, status=status, sidelines=sidelines, n_states=max(n_states, 2 if len(persons) > 1 else n_states),
                                        multilateral=any(o.type == "InternationalOrganization" for o in orgs.values()))
    if typ in EXERCISE_TYPES and series and states:
        ser = lexicon.get(series)
        own = _state_ref(lexicon, ser.country) if ser is not None and ser.type == "ExerciseSeries" and ser.country else None
        if own is not None:
            states.setdefault(own.slug, own)  # "Vostok-2022 ... with Chinese participation": the series' state holds it
    participants = tuple(sorted(persons.values(), key=lambda r: r.slug)) + tuple(sorted(states.values(), key=lambda r: r.slug))
    if not participants:
        # "SCO Summit is held in Tashkent": the organisation is the acting agent
        participants = tuple(sorted(orgs.values(), key=lambda r: r.slug))
    if not participants and series:
        ser = lexicon.get(series)
        org = lexicon.get(ser.extra_value("organization") or "") if ser is not None else None
        if org is not None:
            participants = (EntityRef(org.slug, org.label, org.type, country=org.country),)
        else:
            # "The China-Russia-Mongolia Trilateral Meeting": the states in the series' name
            for m in ms:
                if m.role == "series":
                    for tok in re.split(r"[\s\-]+", m.surface):
                        st = _state_ref(lexicon, finder_state(lexicon, tok) or "")
                        if st and st.slug not in states:
                            states[st.slug] = st
            participants = tuple(sorted(states.values(), key=lambda r: r.slug))
    series_ent = lexicon.get(series) if series else None
    label = _label(typ, name, participants, orgs, place_refs, ordinal, series_ent.label if series_ent else None)
    key = _key(span, typ, name, series, persons, states, orgs, place_refs, passage, keys)
    sizes = _force_sizes(clause) if typ in EXERCISE_TYPES or typ == "JointPatrol" else {}
    return EventRecord(
        key=key, type=typ, date=span, passage=passage, label=label, **sizes,
        participants=participants, hosts=tuple(sorted(hosts.values(), key=lambda r: r.slug)),
        organizations=tuple(sorted(orgs.values(), key=lambda r: r.slug)),
        place=place_refs[0] if place_refs else None, extra_places=tuple(place_refs[1:]),
        name=name, series=series, ordinal=ordinal, concerns=tuple(concerns),
        cameo=cameo, plover_category=cat, plover_mode=mode, plover_context=ctx,
        status=status, truncated=entry.truncated, text_issues=tuple(text_issues),
    )


#: "on the sidelines of the G20 summit": the enclosing event, not the series of this one
_CONTAINER_BEFORE = re.compile(r"\b(?:sidelines|margins?|eve|occasion)\s+of\s+(?:the\s+)?(?:[\w\-'\u2019]+\s+){0,4}$", re.IGNORECASE)
#: "the China-Central Asia summit", "Eastern Economic Forum": the region names the event, it does not locate it
_IN_A_NAME = re.compile(r"\s*(?:summit|forum|meeting|expo|exposition|conference|dialogue|partnership|cooperation|format)\b", re.IGNORECASE)
_REPORTS = re.compile(r"\s+(?:says?|said|reports?|reported|announces?|announced|confirms?|confirmed|states?|stated)\b")
_SOURCE_ONLY = re.compile(r"\baccording to (?:an? |the )?(?:[\w\-'\u2019]+ ){0,3}$|\b(?:reported|cited|quoted) by (?:the )?$", re.IGNORECASE)


def _source_only(before: str) -> bool:
    """_SOURCE_ONLY.search, run only when the words it needs are there (kg.textgate)."""
    return may_match(before, ("according to", "by")) and _SOURCE_ONLY.search(before) is not None


_LOCATED_IN = re.compile(r"\b(?:in|at)\b", re.IGNORECASE)
_HOSTED_TYPES = frozenset({"Summit", "ConferenceOrForum", "CommissionSession", "Consultation"})
_LOWER_AFTER_POSSESSIVE = re.compile(r"['\u2019]s\s+[a-z]")
_LEADER = re.compile(r"\b(?:President|Chairman|Prime Minister|Premier|King|Chancellor)\b")
_LOCATED = re.compile(r"\b(?:in|at|near|off|over|above|into|inside|across|around|visits?|visited|to|from)\s+(?:the\s+)?(?:[\w\-'\u2019]+\s+){0,2}$", re.IGNORECASE)
_LOCATED_STRICT = re.compile(r"\b(?:in|at|near|off|over|on|about|regarding|concerning|against)\s+(?:the\s+)?$", re.IGNORECASE)
_LIST_BETWEEN = re.compile(r"^\s*(?:,|and\b|or\b)[^.;]{0,40}$")
_VERBISH = re.compile(r"\b(?:discuss\w*|meets?|sign\w*|agree\w*|holds?|visits?|calls?|voices?|says?|said|talk\w*)\b", re.IGNORECASE)
_LOCATED_TOPIC = re.compile(r"^\s+(?:security|issues?|affairs|policy|question)\b", re.IGNORECASE)


#: the parts of a body's or series' name ("China-Russian Committee"); "the" alone; "hosts" after a name;
#: "'s city of" between a state and a place
_NAME_PARTS = re.compile(r"[\s\-\u2013]+")
_THE_ONLY = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
_HOSTS_AFTER = re.compile(r"\s+hosts?\b")
_PLACE_OF = re.compile(r"(?:['\u2019]s)?\s+(?:city|cities|town|port|region|province)?\s*(?:of\s+)?")
_TOPIC_START = re.compile(r"\b(?:discuss(?:es|ed|ing)?|talks? (?:on|about)|talked about|(?:views|opinions|information) on|"
                          r"(?:paper|statement|declaration|position|resolution|consultations?|dialogue|remarks|article) on|"
                          r"about|regarding|concerning|(?:situation|issues?|crisis|questions?|war|conflict) (?:in|on|of|around))\s+", re.IGNORECASE)
#: a topic ends where the place, partner or time of the happening begins ("... in Qingdao", "... with Xi"),
#: but "the war in Ukraine", "the situation in Syria" go on
_TOPIC_END = re.compile(r"(?<!war)(?<!crisis)(?<!situation)(?<!conflict)(?<!tensions)(?<!settlement)"
                        r"\s(?:in|at|with|during|where|when|which|while|after|before|to|for|as)\b|[.;:]|,\s+(?:and\s+)?(?:they|he|she|the two)\b"
                        r"|\s+and\s+(?:[a-z]+ )?(?:sign|signs|agree|agrees|meet|meets|hold|holds|visit|visits|call|calls)\b")


def _topic_spans(text: str, spans) -> list[tuple[int, int]]:
    """Stretches naming what is talked about ("discuss North Korea and the EAEU", "talks on Syria")."""
    out = []
    for a, b in spans:
        for m in _TOPIC_START.finditer(text, a, b):
            e = _TOPIC_END.search(text, m.end(), b)
            out.append((m.end(), e.start() if e else b))
    return out


def _possessive(text: str, m: AgentMention) -> bool:
    """"President Putin's visit": a person named as the owner of something is its topic, not an actor."""
    return text[m.end:m.end + 2] in ("'s", "\u2019s")


_NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                             "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_SIZE = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(?:[\w\-]+\s+){0,2}?"
    r"(?P<what>troops|servicemen|soldiers|personnel|warships|ships|vessels|submarines|aircraft|planes|jets|fighters|"
    r"bombers|helicopters|tanks|vehicles)\b", re.IGNORECASE)
_SIZE_COORD = re.compile(
    r"\b(?P<n>\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(?:[\w\-]+\s+){1,2}and\s+$", re.IGNORECASE)
_SIZE_FIELD = {"troops": "personnel", "servicemen": "personnel", "soldiers": "personnel", "personnel": "personnel",
               "warships": "ships", "ships": "ships", "vessels": "ships", "submarines": "ships",
               "aircraft": "aircraft", "planes": "aircraft", "jets": "aircraft", "fighters": "aircraft",
               "bombers": "aircraft", "helicopters": "aircraft", "tanks": "vehicles", "vehicles": "vehicles"}


def _force_sizes(clause: str) -> dict[str, int]:
    """'more than 2,000 troops', 'Two Russian Tu-95Ms and two Chinese H-6K bombers': counts by kind, summed."""
    out: dict[str, int] = {}
    for m in _SIZE.finditer(clause):
        raw = m["n"].lower().replace(",", "")
        n = _NUMBER_WORDS.get(raw, None) if not raw.isdigit() else int(raw)
        if n is None or (raw.isdigit() and 1900 <= n <= 2100 and "," not in m["n"]):
            continue  # a year, not a count
        field_ = _SIZE_FIELD[m["what"].lower()]
        # "One Chinese and three Russian warships": the first number shares the noun
        co = _SIZE_COORD.search(clause[max(0, m.start() - 40):m.start()])
        if co and not any(w.lower() in _SIZE_FIELD for w in co.group(0).split()):
            first = co["n"].lower().replace(",", "")
            n += _NUMBER_WORDS.get(first, 0) if not first.isdigit() else int(first)
        out[field_] = out.get(field_, 0) + n
    return out


def _in_place_phrase(text: str, m: AgentMention, place_spans) -> bool:
    """'the Chinese city of Yinchuan', 'Kazan, Russia', "Russia's Volgograd": the state only locates a place."""
    for a, b in place_spans:
        if m.end <= a and a - m.end <= 12 and _PLACE_OF.fullmatch(text, m.end, a):
            return True
        if b <= m.start and m.start - b <= 3 and text[b:m.start].strip() == ",":
            return True
    return False


def _mention_year(m: AgentMention, text: str) -> int | None:
    y = re.search(r"((?:19|20)\d\d)$", m.surface)
    if y:
        return int(y.group(1))
    after = re.match(r"[ -]((?:19|20)\d\d)\b", text[m.end:m.end + 6])
    return int(after.group(1)) if after else None


def _label(typ, name, participants, orgs, places, ordinal, series_label=None) -> str:
    head = _TYPE_LABEL.get(typ, typ)
    if name:
        head = f"{head} {name}"
    elif series_label:
        head = f"{_ordinal_word(ordinal)} {series_label}" if ordinal else series_label
    elif ordinal:
        head = f"{_ordinal_word(ordinal)} {head.lower()}"
    who = [p.label for p in participants if p.type == "Person"][:3] or [p.label for p in participants][:3]
    if not who:
        who = [o.label for o in orgs.values()][:2]
    out = head
    if who:
        out += ": " + ", ".join(who)
    if places:
        out += f" ({places[0].label})"
    return out


def _ordinal_word(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _text_hash(text: str) -> str:
    """A short hash of a passage's words (the same in every file format). Not through slugify's memo, which
    is for names: a memo keyed on entry texts would carry over from one article to the next."""
    return short_hash(slugify.__wrapped__(text, 100000))


def _key(span, typ, name, series, persons, states, orgs, places, passage, keys: set[str]) -> str:
    """'<start-date>/<type>/<main participants or name>', unique within the article."""
    if name:
        main = slugify(name)
    elif persons:
        main = "-".join(sorted(persons)[:3])
    elif series:
        main = series
    elif orgs:
        main = "-".join(sorted(orgs)[:2])
    elif states:
        main = "-".join(sorted(states)[:3])
    elif places:
        main = places[0].slug
    else:
        main = _text_hash(passage.text)
    key = f"{span.start.isoformat()}/{slugify(typ)}/{main}"
    if key in keys:
        key = f"{key}-{_text_hash(passage.text)}"  # same in every file format
    keys.add(key)
    return key
