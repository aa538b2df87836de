"""Agreements, memberships, tenures and initiatives read from narrative sentences.

A mixin of kg.narrative.NarrativeExtractor: it relies on the extractor's sentence context
(dates inside the article's window, agents found by kg.mentions, the paragraph's last event and
organisation) and adds records to its dictionaries. Also here: the two event rules that lean on
the paragraph's context rather than a date-trigger pair (an earlier summit "when India hosted the
summit in Goa"; persons "he also met" during the paragraph's visit).

Membership starts carry their precision ("since 2005" = year, "joined in June 2017" = month);
"the six SCO members" is resolved at the end of the article against the organisation's reference
members (`member = ["china@2001", ...]` in entities.toml) plus the accessions the article states,
and only when the number agrees.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from kg.iris import slugify
from kg.narrative_cues import (
    _ACCESSION_BEFORE,
    _JOINED_BEFORE,
    _JOINED_WORDS,
    _MEMBER_BETWEEN,
    _MEMBERS_AFTER,
    _OBSERVER_BETWEEN,
    _PARTNER_BETWEEN,
    _Sentence,
    DYAD,
    NAMED_AGREEMENT,
    _ACCESSION_CUE,
    _AGREEMENT_NOUN,
    _AGREEMENT_NOUNS,
    _DURATION,
    _FUTURE,
    _HEADS,
    _HEAD_WORDS,
    _INITIATIVE_HEADS,
    _INITIATIVE_NAME,
    _NAME_STOP,
    _NEGATION,
    _OBSERVER_LIST,
    _ORG_TYPES,
    _PLACE_TYPES,
    _SIGN,
    _SIGN_WORDS,
    _SPECULATION,
    _agreement_type,
    _noun_phrase,
    _ref,
    _unique,
    number_value,
)
from kg.records import AgreementRecord, DateSpan, EntityRef, InitiativeRecord, MembershipRecord, Precision
from kg.resolve_entities import make_tenure


#: "He also met separately with Premier Li Keqiang", "She also held talks with ..."
_ALSO_MET = re.compile(r"(?:He|She)\s+also\s+(?:met|held talks|talked)\s+(?:separately\s+)?(?:with\s+)?")
#: "In Moscow, Xi and President Vladimir Putin upgraded ...": the place the sentence happens in
_AT_PLACE = re.compile(r"(?:In|At)\s+(?P<p>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?),\s+")
#: "A year before, when India hosted the summit in Goa", "In 2016, when India hosted the BRICS summit in Goa"
_HOSTED = re.compile(r"\b(?:(?P<n>(?i:a|an|one|two|three|four|five)|\d)\s+years?\s+(?:before|earlier|ago)|[Ii]n\s+(?P<year>(?:19|20)\d\d))"
                     r",?\s+when\s+(?P<host>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)\s+(?:hosted|held)\s+(?:the\s+)?"
                     r"(?:[\w\-]+\s+){0,2}?summit(?:\s+in\s+(?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))?")
#: "the six SCO members", "SCO's six members", "the five member states", "its six founding members"
_MEMBER_COUNT = re.compile(r"\b(?=[tfsen0-9])(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
                           r"(?:[A-Z][\w\-]+\s+)?(?:founding\s+|full\s+|core\s+|permanent\s+)?"
                           r"(?P<noun>member(?:\s+states|\s+countries|\s+nations)?|members)\b")
#: "former", "then" before a title: the post is not held at the time observed
_NOT_CURRENT = re.compile(r"\b(?:former|then|late|ex|previous|retired|outgoing)[\s\-]+(?:[A-Z][\w\u2019']+\s+)?$", re.I)
#: "The BRICS (Brazil, Russia, India, China, South Africa)": the members in brackets after the name
_BRACKETED_LIST = re.compile(r"\s*(?:\)\s*)?(?:nations\s+|countries\s+|members\s+)?\((?P<list>[^()]{3,200})\)")
_PROJECT_AFTER = re.compile(r"[\s\-]*(?:[a-z][\w\-]*\s+){0,2}?(?:project|plant|pipeline|railway|bridge|facility|field)\b")


def _plural(noun: str) -> bool:
    """'memorandums of understanding', 'MOUs', 'joint statements': several documents, not one."""
    return any(w.endswith("s") and not w.casefold().endswith(("ss", "us")) for w in noun.split()[:2])


def _agreement_cue(s: _Sentence) -> bool:
    """Whether _agreements can find anything: an agreement name's head word, a signing verb or an amount
    (substring tests; most sentences have none, and the patterns' scans cost far more)."""
    return s.has(_HEAD_WORDS) or s.may(_SIGN_WORDS) or bool(s.money)


class FactsMixin:
    """Non-event facts of a sentence: see the module docstring."""

    def _agreements(self, s: _Sentence) -> None:
        """Named agreements ("Xiamen Declaration") and those a signing verb introduces (not history, not hedged)."""
        dates = self._usable_dates(s)
        named_spans: list[tuple[int, int, str]] = []
        for m in (NAMED_AGREEMENT.finditer(s.text) if s.has(_HEAD_WORDS) else ()):
            words = m["name"].split()
            while words and words[0].casefold() in _NAME_STOP - {"joint"}:
                words.pop(0)
            name = " ".join(words)
            head_free = [w for w in re.split(r"\s+", re.sub(_HEADS, " ", name)) if w]
            if not head_free or all(w.casefold() in _NAME_STOP for w in head_free):
                continue  # "Joint Declaration", "the Treaty": a kind, not a name
            typ = _agreement_type(name)
            year_m = re.search(r"\b((?:19|20)\d\d)\b", s.text)
            date = None
            if dates:
                date = dates[0][2]
            elif year_m and re.search(rf"\b{year_m.group(1)}\s+{re.escape(name.split()[0])}", s.text):
                y = int(year_m.group(1))
                date = DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), Precision.YEAR, year_m.group(1))
            io = [r for _a, _b, r in s.agents if r.type == "InternationalOrganization"]
            parties = io[:1] or self._parties(s)
            if not parties:
                continue
            key = f"{typ.lower()}/{slugify(name)}"
            named_spans.append((m.start(), m.end(), key))
            self._add_agreement(AgreementRecord(key=key, type=typ, label=name, passage=s.passage,
                                                parties=tuple(parties), date=date))
        sign = _SIGN.search(s.text) if s.may(_SIGN_WORDS) else None
        if not sign:
            self._valued_agreements(s)
            return
        lo = max(0, sign.start() - 40)
        gate = s.text[lo:sign.start()]
        if _NEGATION.search(gate) or _SPECULATION.search(gate) or _FUTURE.search(gate):
            return  # not (yet) signed
        for noun in _AGREEMENT_NOUN.finditer(s.text):
            if -90 < noun.start() - sign.start() < 170:
                named = next((k for a, b, k in named_spans if a <= noun.start() < b), None)
                if named is not None:
                    self._sign_named(s, named, dates)  # "signed a Joint Statement on ...": that statement
                else:
                    self._signed_agreement(s, sign, noun, dates)

    def _sign_named(self, s: _Sentence, key: str, dates) -> None:
        """A named agreement the sentence says was signed: dated by the sentence or the paragraph's event."""
        ag = self.agreements.get(key)
        if ag is None or ag.signed_at_event:
            return
        host = None if s.from_chronology else self._para_event.get(s.para_index)
        if dates and host is not None and not (host.date.start <= dates[0][2].end and dates[0][2].start <= host.date.end):
            host = None
        date = dates[0][2] if dates else (host.date if host is not None else ag.date)
        self.agreements[key] = replace(ag, date=date, signed_at_event=host.key if host is not None else None)
        if host is not None:
            cur = self.events.get(host.key, host)
            self.events[host.key] = replace(cur, concerns=tuple(sorted({*cur.concerns, key})))

    def _signed_agreement(self, s: _Sentence, sign: re.Match, noun: re.Match, dates) -> None:
        """One agreement named by a noun near a signing verb ('inked a 30-year, $400 billion gas deal')."""
        typ = next(t for t, _rx in _AGREEMENT_NOUNS if noun.group(t))
        if noun.start() < sign.start():
            gate = s.text[max(0, noun.start() - 40):sign.start()]
            if _NEGATION.search(gate) or _SPECULATION.search(gate) or _FUTURE.search(gate):
                return  # "The final agreement ... may be inked later"
        if _plural(noun.group()):
            return  # "23 agreements", "investment deals", "many memorandums of understanding": none identified
        moneys = [x for x in s.money if abs(x[0] - noun.start()) < 80]
        before = [x for x in moneys if x[1] <= noun.start() and noun.start() - x[1] < 60]
        # the amount written on the noun ("a 400 billion-ruble ($6.2 billion) loan") before one after it
        value = (before[-1][2] if before else
                 min(moneys, key=lambda x: abs(x[0] - noun.start()))[2] if moneys else None)
        dur = None
        for dm in _DURATION.finditer(s.text):
            if abs(dm.start() - noun.start()) < 60 or dm.group().casefold().startswith("for "):
                dur = float(number_value(dm["n"] or dm["n2"]) or 0) or None
        parties = self._noun_parties(s, noun) or self._parties(s, states_only=typ in (
            "JointStatement", "Declaration", "Treaty"))
        if not parties:
            return
        date = dates[0][2] if dates else None
        host_event = None
        past = None
        if date is None and s.years and any(not self.window or y < self.window[0].year for y in s.years):
            # "They signed a $3 billion contract in 2015": a past agreement, kept with the date written, no event
            past = self._past_date(s)
            if past is None:
                return
            date = past
        if date is None and not self.window:
            return
        if date is None and not s.from_chronology:
            # "Putin paid a state visit on March 21-22. Putin and Hu signed a joint statement ...": at that visit
            prev = self._para_event.get(s.para_index)
            if prev is not None and prev.type in ("Visit", "Summit", "BilateralMeeting", "CommissionSession"):
                host_event, date = prev, prev.date
        phrase = _noun_phrase(s.text, noun)
        if value is None and dur is None and date is None:
            return  # "the contract", "a new agreement": nothing that identifies one agreement
        label = phrase
        if len(phrase.split()) <= 2 and value is None:
            named = [p.label for p in parties if p.type != "State"][:2] or [p.label for p in parties][:2]
            label = f"{'–'.join(named)} {phrase}" if named else phrase  # "MTS–Huawei agreement"
        if value is not None and value.as_written not in label:
            label = f"{value.as_written} {label}" if before else f"{label} ({value.as_written})"
        if host_event is None and date is not None and not s.from_chronology and past is None:
            # "during Putin's state visit ... when the two countries inked": signed at that visit
            host_event = next((e for e in self.events.values() if e.passage == s.passage and e.type in
                               ("Visit", "Summit", "BilateralMeeting", "CommissionSession")
                               and e.date.start <= date.end and date.start <= e.date.end), None)
        ev = None
        signing_key = None
        if host_event is not None:
            signing_key = host_event.key
            date = host_event.date if host_event.date.precision == Precision.DAY else date
        elif date is not None and not s.from_chronology and past is None:
            people, orgs, place = self._participants(s)
            ev = self._event(s, "AgreementSigning", date, f"Signing: {label}", people, orgs, place,
                             key_extra=slugify(phrase)[:40])
            signing_key = ev.key
        ident = (f"{value.currency}-{int(value.amount)}" if value
                 else f"{date.start.isoformat()}-{slugify(label)[:50]}" if date else slugify(label)[:50])
        key = f"{typ.lower()}/{ident}"
        ag = AgreementRecord(key=key, type=typ, label=label, passage=s.passage, parties=tuple(parties),
                             signatories=tuple(p for p in self._participants(s)[0] if p.type == "Person"),
                             date=date, value=value, duration_years=dur, signed_at_event=signing_key)
        if host_event is not None:
            cur = self.events.get(host_event.key, host_event)
            self.events[host_event.key] = replace(cur, concerns=tuple(sorted({*cur.concerns, key})))
        elif ev is not None:
            self._add_event(replace(ev, concerns=(key,)))
        self._add_agreement(ag)

    def _past_date(self, s: _Sentence) -> DateSpan | None:
        """The past date a sentence gives ('In March 2016', 'in 2008'), at the precision written."""
        for _ds, _de, span in s.dates:
            if self.window is not None and span.end < self.window[0]:
                return span
        m = re.search(r"\b(?:in|In|since|by)\s+((?:19|20)\d\d)\b(?![\-\u2013]\d)", s.text)
        if m and (self.window is None or int(m.group(1)) < self.window[0].year):
            y = int(m.group(1))
            return DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), Precision.YEAR, m.group(1))
        return None

    def _valued_agreements(self, s: _Sentence) -> None:
        """'the $2 billion contract', 'a $3 billion loan': an amount written on the noun names one agreement."""
        for ms, me, value in s.money:
            noun = None
            pos = me + len(re.match(r"[\s\-]*", s.text[me:]).group())
            for _k in range(3):  # "$2 billion contract", "$400 billion gas deal", "$5 billion credit line"
                noun = _AGREEMENT_NOUN.match(s.text, pos)
                word = re.match(r"[a-z][\w\-]*\s+", s.text[pos:])
                if noun is not None or word is None:
                    break
                pos += word.end()
            if noun is None or _plural(noun.group()):
                continue
            typ = next(t for t, _rx in _AGREEMENT_NOUNS if noun.group(t))
            if typ in ("Agreement", "Plan") and noun.group().casefold() in ("document", "plan", "plans"):
                continue
            gate = s.text[max(0, ms - 40):ms]
            if _NEGATION.search(gate) or _SPECULATION.search(gate):
                continue
            parties = self._noun_parties(s, noun) or self._parties(s)
            if not parties:
                continue
            label = re.sub(r"\s+", " ", s.text[ms:noun.end()]).replace("\\$", "$")
            self._add_agreement(AgreementRecord(key=f"{typ.lower()}/{value.currency}-{int(value.amount)}", type=typ,
                                                label=label, passage=s.passage, parties=tuple(parties),
                                                value=value))

    def _noun_parties(self, s: _Sentence, noun: re.Match) -> list[EntityRef]:
        """'a memorandum ... between Gazprom and CNPC', 'an agreement with Huawei': the parties named with it."""
        m = re.compile(r"[^.;]{0,60}?\b(?:between|with)\s+").match(s.text, noun.end())
        if not m:
            return []
        lo, hi = m.end(), min(len(s.text), m.end() + 90)
        named = [r for a, b, r in s.agents if lo <= a < hi and r.type in _ORG_TYPES | {"State"}]
        if not named:
            return []
        if "with" in m.group()[-6:]:
            # "MTS signed an agreement with Huawei": the subject before the verb is the other party;
            # "Foreign Minister Wang Yi signs ... with Iran": the signer's country
            subj = [r for a, b, r in s.agents if b <= noun.start() and r.type in _ORG_TYPES | {"State"}]
            if not subj:
                signer = [r for a, b, r in s.agents if b <= noun.start() and r.type == "Person" and r.country]
                subj = [self._state(signer[-1].country)] if signer and self._state(signer[-1].country) else []
            named = [*subj[-1:], *named]
        return _unique(named[:3])

    def _add_agreement(self, ag: AgreementRecord) -> None:
        cur = self.agreements.get(ag.key)
        if cur is None:
            self.agreements[ag.key] = ag
            return
        fields = {}
        for name in ("date", "value", "duration_years", "signed_at_event"):
            if getattr(cur, name) is None and getattr(ag, name) is not None:
                fields[name] = getattr(ag, name)
        fields["parties"] = _unique([*cur.parties, *ag.parties])
        fields["extra_passages"] = (*cur.extra_passages, ag.passage)
        self.agreements[ag.key] = replace(cur, **fields)

    def _parties(self, s: _Sentence, states_only: bool = False) -> list[EntityRef]:
        """Companies or states named in the sentence; the genre's default pair (China, Russia) when
        only one side or none is named."""
        people, orgs, _place = self._participants(s)
        states = [p for p in people if p.type == "State"]
        companies = [o for o in orgs if o.type == "Company"]
        if companies and not states_only:
            return _unique([*companies, *states])
        persons = [p for p in people if p.type == "Person" and p.country]
        states = _unique([*states, *(self._state(p.country) for p in persons)])
        if all(st.slug in DYAD for st in states):
            return _unique([*states, *(self._state(x) for x in DYAD)])
        return states

    # memberships --------------------------------------------------------------------------
    def _memberships(self, s: _Sentence) -> None:
        """Members from lists and accession/observer/dialogue-partner phrases around an organisation's name."""
        if "InternationalOrganization" not in s.kinds and "SummitSeries" not in s.kinds and "observer" not in s.text:
            return  # no organisation, summit series or observer list: nothing below applies
        orgs = [(a, b, r) for a, b, r in s.agents if r.type == "InternationalOrganization"]
        states = [(a, b, r) for a, b, r in s.agents if r.type == "State"]
        observed = self.period[1] if self.period else self.doc.meta.issue_date
        # "Iran, India, Pakistan, and Mongolia attended as observers": the organisation of the paragraph
        om = _OBSERVER_LIST.search(s.text) if "observer" in s.text else None
        org_ctx = orgs[0][2] if orgs else self._para_org.get(s.para_index)
        if om and org_ctx is not None:
            for a, b, r in states:
                if om.start("list") <= a and b <= om.end("list"):
                    self._add_membership(r, org_ctx, "Observer", s, observed_on=observed)
        if orgs:
            self._para_org[s.para_index] = orgs[-1][2]
        for _a, _b, r in s.agents:
            if r.type == "SummitSeries" and self.lexicon is not None:
                ent = self.lexicon.get(r.slug)
                org = self.lexicon.get(ent.extra_value("organization") or "") if ent is not None else None
                if org is not None:
                    self._para_org[s.para_index] = _ref(org)
        if not orgs:
            return
        for oa, ob, org in orgs:
            # "The BRICS (Brazil, Russia, India, China, South Africa)"
            pm = _BRACKETED_LIST.match(s.text, ob)
            if pm:
                inner_lo, inner_hi = pm.start("list"), pm.end("list")
                inner = [r for a, b, r in states if inner_lo <= a and b <= inner_hi]
                items = [x for x in re.split(r",\s*|\s+and\s+", pm["list"]) if x.strip()]
                if len(inner) >= 2 and len(inner) == len(items):
                    for r in inner:
                        self._add_membership(r, org, "FullMember", s, observed_on=observed)
            text = s.text
            # accession: "India and Pakistan accession to full membership of the SCO", "for India and Pakistan to join the SCO"
            before = text[max(0, oa - 160):oa]
            for rx, words in _ACCESSION_BEFORE:
                am = rx.search(before) if any(w in before for w in words) else None
                if am and (not _ACCESSION_CUE.search(text) or _NEGATION.search(text[max(0, oa - 160):oa + 60])):
                    am = None
                if am:
                    base = max(0, oa - 160)
                    lo, hi = base + am.start("list"), base + am.end("list")
                    for a, b, r in states:
                        if lo <= a and b <= hi and r.slug != org.slug:
                            self._add_membership(r, org, "AccedingState", s, observed_on=observed)
            # observers: "Iran ... an observer (state) in the SCO since 2005" (the state nearest before the org)
            for a, b, r in states:
                if b > oa or any(b <= a2 and b2 <= oa for a2, b2, r2 in s.agents if r2 is not r and r2.type in
                                 ("State", "InternationalOrganization")):
                    continue
                between = text[b:oa]
                om = _OBSERVER_BETWEEN.fullmatch(between) if "observer" in between else None  # (words each match has)
                if om and len(between) < 90:
                    start = None
                    sm = re.match(r"\s+since\s+((?:19|20)\d\d)\b", text[ob:])
                    if sm:
                        start = dt.date(int(sm.group(1)), 1, 1)
                    self._add_membership(r, org, "Observer", s, observed_on=observed, start=start,
                                         start_precision="year")
                dm = _PARTNER_BETWEEN.fullmatch(between) if "partner" in between else None
                if dm and len(between) < 90:
                    self._add_membership(r, org, "DialoguePartner", s, observed_on=observed)
                fm = _MEMBER_BETWEEN.fullmatch(between) if "member" in between else None
                if fm:
                    self._add_membership(r, org, "FullMember", s, observed_on=observed)
            # "India and Pakistan become full members of the SCO" / "X joined the SCO": membership starts then
            jm = _JOINED_BEFORE.search(before) if any(w in before for w in _JOINED_WORDS) else None
            if jm and not _NEGATION.search(jm.group()) and not _FUTURE.search(jm.group()):
                base = max(0, oa - 160)
                lo, hi = base + jm.start("list"), base + jm.end("list")
                start, precision = self._joined_when(s, ob)
                for a, b, r in states:
                    if lo <= a and b <= hi:
                        self._add_membership(r, org, "FullMember", s, observed_on=start or observed, start=start,
                                             start_precision=precision)
            # "SCO members Russia, China, ..." / "the five BRICS members: ..."
            lm = _MEMBERS_AFTER.match(text, ob)
            if lm:
                lo, hi = lm.start("list"), lm.end("list")
                for a, b, r in states:
                    if lo <= a and b <= hi:
                        self._add_membership(r, org, "FullMember", s, observed_on=observed)

    def _add_membership(self, member: EntityRef, org: EntityRef, status: str, s: _Sentence,
                        observed_on=None, start=None, start_precision: str = "day") -> None:
        if observed_on is None and start is None:
            return  # no date the text shows it holding on: nothing a graph can state
        key = f"{member.slug}/{org.slug}/{status.lower()}"
        cur = self.memberships.get(key)
        rec = MembershipRecord(key=key, member=replace(member, title=None), organization=org, status=status,
                               passage=s.passage, start=start, observed_on=observed_on,
                               start_precision=start_precision if start is not None else "day")
        if cur is None:
            self.memberships[key] = rec
        elif cur.start is None and start is not None:
            self.memberships[key] = replace(cur, start=start, start_precision=rec.start_precision)

    def _member_count(self, s: _Sentence) -> None:
        """'the six SCO members', "SCO's six members", 'the five member states' (the paragraph's organisation):
        the text gives the count; the members are the organisation's reference members at that date plus the
        accessions the article states, and only when their number is the text's ('troops from five SCO member
        states' of six is a part, not the membership)."""
        if self.lexicon is None:
            return
        for m in (_MEMBER_COUNT.finditer(s.text) if "member" in s.text else ()):  # every match says "member"
            n = number_value(m["n"])
            org = None
            for a, b, r in s.agents:
                if r.type == "InternationalOrganization" and (a <= m.start("n") - 1 and b >= m.start("n") - 4
                                                              or m.end("n") < a <= m.start("noun")
                                                              or re.fullmatch(r"\s+(?:of|in)\s+(?:the\s+)?",
                                                                              s.text[m.end():a])):
                    org = r
            if org is None and not re.search(r"\b(?:the|its)\s+$", s.text[max(0, m.start() - 6):m.start("n")]):
                continue
            org = org or self._para_org.get(s.para_index) or next(
                (r for _a, _b, r in s.agents if r.type == "InternationalOrganization"), None)
            if org is None or not n:
                continue
            dates = self._usable_dates(s)
            observed = dates[0][2].start if dates else (self.period[1] if self.period else None)
            if observed is not None:
                self._pending_counts.append((org, n, s, observed))

    def _resolve_member_counts(self) -> None:
        """Counts read in the article, resolved once all its accessions are known."""
        for org, n, s, observed in getattr(self, "_pending_counts", ()):
            ent = self.lexicon.get(org.slug)
            members: dict[str, int | None] = {}
            for v in ent.extra_values("member") if ent is not None else ():
                slug, _, year = v.partition("@")
                members[slug] = int(year) if year.isdigit() else None
            for rec in self.memberships.values():
                if rec.organization.slug == org.slug and rec.status == "FullMember":
                    members[rec.member.slug] = rec.start.year if rec.start is not None else None
            now = [slug for slug, y in members.items() if y is None or y <= observed.year]
            if len(now) != n:
                continue
            for slug in now:
                st = self._state(slug)
                if st is not None:
                    self._add_membership(st, org, "FullMember", s, observed_on=observed)

    def _joined_when(self, s: _Sentence, pos: int) -> tuple[dt.date | None, str]:
        """When 'X joined the SCO' happened: the date written after the organisation ('in June 2017' = a month,
        'in 2017' = a year), else the sentence's first date."""
        after = [d for d in s.dates if pos <= d[0] <= pos + 40]
        span = (after or s.dates or [(0, 0, None)])[0][2]
        if span is not None:
            return span.start, span.precision.value
        ym = re.match(r"[^.;]{0,30}?\b(?:in|since)\s+((?:19|20)\d\d)\b", s.text[pos:])
        if ym:
            return dt.date(int(ym.group(1)), 1, 1), "year"
        return None, "day"

    # persons met during a reported visit ----------------------------------------------------
    def _also_met(self, s: _Sentence) -> None:
        """Persons met during the visit the paragraph just reported, in an undated sentence: 'He also met
        separately with Premier Li Keqiang ...' (he: a participant of the visit), 'In Moscow, Xi and President
        Vladimir Putin upgraded ...' (the visit's destination, a visitor named): they took part in the visit."""
        ev = self._para_event.get(s.para_index)
        cur = self.events.get(ev.key) if ev is not None and ev.type == "Visit" and not s.dates else None
        if cur is None:
            return
        present = {p.slug for p in cur.participants}
        m = _ALSO_MET.match(s.text)
        if m is not None:
            if self._last_person is None or self._last_person.slug not in present:
                return
        else:
            m = _AT_PLACE.match(s.text)
            place = next((r for a, _b, r in s.agents if m is not None and a == m.start("p")
                          and r.type in _PLACE_TYPES), None)
            there = cur.place is not None and place is not None and (
                place.slug == cur.place.slug or (cur.place.type == "State" and place.country == cur.place.slug))
            hosts = {h.slug for h in cur.hosts}
            visitors = {p.slug for p in cur.participants if p.type == "Person" and p.country not in hosts}
            if not there or not any(r.slug in visitors for _a, _b, r in s.agents if r.type == "Person"):
                return  # not at the visit's destination, or no visitor named there
        met = [replace(r, title=None) for a, _b, r in s.agents if r.type == "Person" and a >= m.end()
               and r.slug not in present]
        if met:
            self.events[cur.key] = replace(cur, participants=_unique([*cur.participants, *met]),
                                           extra_passages=(*cur.extra_passages, s.passage))

    # summits of past years ----------------------------------------------------------------
    def _hosted_summits(self, s: _Sentence) -> None:
        """'A year before, when India hosted the summit in Goa': the summit of the series the paragraph just
        named ('the Xiamen summit'), held that many years before it, in that city, hosted by that state
        (year precision: the text gives no day)."""
        m = _HOSTED.search(s.text) if "summit" in s.text and "when" in s.text else None  # words every match has
        if m is None or self.lexicon is None:
            return
        host = next((r for a, b, r in s.agents if r.type == "State" and m.start("host") <= a < m.end("host")), None)
        if host is None:
            return
        if m["year"]:
            year = int(m["year"])
        else:
            back = number_value(m["n"]) if m["n"].casefold() not in ("a", "an") else 1
            anchor = self._anchor_summit(s, m.start())
            if anchor is None or not back:
                return
            year = anchor.date.start.year - back
        anchor = self._anchor_summit(s, m.start())
        orgs = [r for a, b, r in s.agents if r.type == "InternationalOrganization" and m.start() <= a < m.end()]
        if not orgs and anchor is not None:
            orgs = [o for o in anchor.organizations if o.type == "InternationalOrganization"]
        if not orgs:
            return
        place = next((r for a, b, r in s.agents if r.type in _PLACE_TYPES and m.start("city") <= a < m.end()), None) \
            if m["city"] else None
        if place is None and m["city"]:
            place = EntityRef(slug=slugify(m["city"]), label=m["city"], type="City", discovered=True, country=host.slug)
            self.discovered.setdefault(place.slug, place)
        span = DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, str(year))
        org = orgs[0]
        series = anchor.series if anchor is not None and anchor.series else f"{org.slug}-summit"
        label = f"{org.label} summit" + (f", {place.label}" if place is not None else "")
        ev = self._event(s, "Summit", span, label, [host], [org], place, key_extra=org.slug, hosts=[host],
                         series=series, clause=m.group())
        self._add_event(ev)

    def _anchor_summit(self, s: _Sentence, pos: int):
        """The summit the paragraph named last before `pos` ('the Xiamen summit', 'the BRICS summit')."""
        before = (s.para_text or s.text)[:s.para_text.find(s.text) + pos if s.para_text else pos]
        best = None
        for ev in self.events.values():
            if ev.type != "Summit" or ev.date.precision == Precision.YEAR:
                continue
            names = [n for n in ((ev.place.label if ev.place else None), *(o.label for o in ev.organizations)) if n]
            at = max((before.rfind(f"{n} summit") for n in names), default=-1)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, ev)
        return best[1] if best else None

    # tenures ------------------------------------------------------------------------------
    def _tenures(self, s: _Sentence) -> None:
        """Titled persons hold their post on the sentence's date (else at the period's end), unless 'former'/'then'."""
        if self.period is None or "Person" not in s.kinds:
            return
        dates = self._usable_dates(s)
        if not dates and s.years and all(self.window and y < self.window[0].year for y in s.years):
            return
        observed = dates[0][2].start if dates else self.period[1]
        for a, b, ref in s.agents:
            if ref.type != "Person" or not ref.title:
                continue
            before = s.text[max(0, a - 100):a]
            t_at = before.rfind(ref.title.split()[0])
            if ref.discovered and len(ref.label.split()) < 2:
                continue  # a lone word taken for a name ("Legislature") is no holder
            if _NOT_CURRENT.search(before[:t_at] if t_at >= 0 else before):
                continue  # not a post held at the time observed
            t = make_tenure(ref, ref.title, observed, s.passage, self.demonyms)
            if t is None:
                continue
            cur = self.tenures.get(t.key)
            if cur is None or t.observed_on < cur.observed_on:
                self.tenures[t.key] = t

    # initiatives --------------------------------------------------------------------------
    def _initiatives(self, s: _Sentence) -> None:
        """Reference initiatives/projects and title-case '... Corridor/Initiative/Project' names, with the
        amount written just before the name or in brackets after it ('$62-billion CPEC', '(1.3 trillion rubles)')."""
        found: list[tuple[int, int, str, str, str, tuple[EntityRef, ...]]] = []
        if self.lexicon is not None:
            for m in self.lexicon.find(s.text):
                if m.entity.type in ("Initiative", "Project"):
                    parts = (self._state(m.entity.country),) if m.entity.country and self._state(m.entity.country) else ()
                    found.append((m.start, m.end, m.entity.slug, m.entity.label, m.entity.type, parts))
        for m in (_INITIATIVE_NAME.finditer(s.text) if s.has(_INITIATIVE_HEADS) else ()):
            if any(a < m.end() and m.start() < b for a, b, *_ in found):
                continue
            name = re.sub(r"^(?:The|A|An|This|That)\s+", "", m["name"]).strip()
            name = re.sub(r"^[A-Z][a-z]+(?:'s|\u2019s)\s+", "", name)
            if len(name.split()) < 2 and "-" not in name:
                continue
            typ = "Initiative" if name.endswith("Initiative") else "Project"
            found.append((m.start(), m.end(), slugify(name), name, typ, ()))
        if not found:
            # "the first phase of the $27 billion project": the project the paragraph is about
            last = self._para_initiative.get(s.para_index)
            for ms, me, rec in (s.money if last is not None else ()):
                if _PROJECT_AFTER.match(s.text, me) and self.initiatives[last].value is None:
                    self.initiatives[last] = replace(self.initiatives[last], value=rec)
                    break
        for a, b, slug, label, typ, parts in found:
            self._para_initiative[s.para_index] = slug
            value = None
            for ms, me, rec in s.money:
                gap_before = s.text[me:a]
                gap_after = s.text[b:ms]
                if 0 <= a - me <= 30 and re.fullmatch(r"[\s\-]*(?:[\w\-]+\s+){0,2}", gap_before or " "):
                    value = rec
                    break
                if 0 <= ms - b <= 60 and re.fullmatch(r"\s*(?:\([A-Z]+\)\s*)?\(\s*(?:[\d,.]+[\s\-]*(?:km|miles?)\s*,\s*)?", gap_after):
                    value = rec
                    break
            key = slug
            cur = self.initiatives.get(key)
            if cur is None:
                self.initiatives[key] = InitiativeRecord(key=key, type=typ, label=label, passage=s.passage,
                                                         participants=tuple(p for p in parts if p), value=value)
            elif cur.value is None and value is not None:
                self.initiatives[key] = replace(cur, value=value, passage=s.passage)
