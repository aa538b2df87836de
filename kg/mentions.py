"""Agents and places in a span of text: reference entities, titled persons, bodies, places.

Layered, most certain first:
1. reference entities via kg.lexicon (names, alternative labels, demonyms "Chinese" -> China);
2. titled persons not in the lexicon: a run of capitalised words whose head is an office or rank
   ("Russian Deputy Foreign Minister Sergey Ryabkov", "Lt. Gen. Sergey Rudskoy", "Chairperson of
   the Russian Federation Council Matviyenko") or a name followed by an appositive role
   ("Mikhail Babich, Russia's presidential envoy ..."). The title is kept as written; the country
   comes from the adjective or possessive in the title ("Russian", "China's");
   A name is only the trailing words that can be a name: titles, bodies, states and English words
   with non-name endings stay in the title ("Director of National Intelligence Dan Coats"); a
   possessive ends the name ("Wei Fenghe's visit"). Without a title, two or three name words (or
   one with a Slavic/Caucasian surname ending) count when they act as the subject of a verb of the
   genre or are met/called ("Jake Sullivan and Yang Jiechi meet", "Zelensky speaks by phone");
3. surname back-references ("Vice Premier Wang", "Adm. Sun") resolved to the full name met
   earlier in the same article when that is unambiguous there; for a short form the lexicon
   declares ambiguous (Wang: Wang Yi / Wang Yang) the written title decides first;
4. bodies not in the lexicon by their head noun ("Russian National Guard", "Cyberspace
   Administration of China") and places by the genre's patterns ("in Volgograd", "in the
   Chinese city of Yinchuan", "the Okhotsk Sea", "Zhurihe training base").
The vocabularies below are data, not code paths: extend them when a new article needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from kg.iris import slugify
from kg.lexicon import ItemMemo
from kg.records import EntityRef
from kg.rxtrie import word_start_alternation

# --- vocabularies -------------------------------------------------------------------------------
#: words that make up office titles (capitalised in the text)
TITLE_WORDS = frozenset(
    """President Vice Premier Prime Minister Deputy First Foreign Assistant Defense Defence Ambassador
    State Councilor Councillor Chairman Chairwoman Chairperson Chair Speaker Secretary Secretary-General
    Chief Commander Director Head Envoy Special Representative Governor Mayor Spokesman Spokesperson
    Executive Senior Acting Former New Security Presidential Administration Finance Economic Economy
    Energy Trade Commerce Interior Justice Culture Education Agriculture Transport Industry Development
    Emergency Situations Natural Resources Affairs Minister-Counsellor Counselor Consul General-General
    Permanent Co-chairman Co-Chairman Vice-Chairman Vice-Premier Vice-President Leader Supreme
    Commander-in-Chief Chancellor King Queen Emir Sultan Crown Prince Ministerial Officer Financial Operating
    Advisor Adviser National External Internal Homeland Public CEO Commissioner High Undersecretary
    Under-Secretary Attorney Treasury Intelligence Staff Chiefs Board Founder Premier-designate""".split()
)
#: the head of a title: without one of these (or a rank) capitalised words are no title ("New Era")
TITLE_HEADS = frozenset(
    """President Premier Minister Ambassador Councilor Councillor Chairman Chairwoman Chairperson Chair Speaker
    Secretary Secretary-General Chief Commander Director Head Envoy Representative Governor Mayor Spokesman
    Spokesperson Counselor Consul Co-chairman Co-Chairman Vice-Chairman Vice-Premier Vice-President Leader
    Commander-in-Chief Chancellor King Queen Emir Sultan Prince Officer Advisor Adviser CEO Commissioner
    Undersecretary Under-Secretary Attorney Founder""".split()
)
#: military and police ranks (with and without the abbreviation dot)
RANK_WORDS = frozenset(
    """Gen. Gen General Lt. Lt Lieutenant Maj. Maj Major Col. Col Colonel Adm. Adm Admiral Rear Vice
    Brig. Brigadier Capt. Capt Captain Cmdr. Commander Marshal Army Fleet Sgt. Colonel-General""".split()
)
#: head nouns of bodies (organisations); value = ccr class
ORG_HEADS: dict[str, str] = {
    "Ministry": "Ministry", "Ministries": "Ministry",
    "Commission": "Commission", "Committee": "Commission",
    "Duma": "Parliament", "Parliament": "Parliament", "Assembly": "Parliament", "Congress": "Parliament",
    "Navy": "ArmedService", "Army": "ArmedService", "Forces": "ArmedService", "Force": "ArmedService",
    "Guard": "ArmedService", "Police": "ArmedService", "Fleet": "ArmedService", "Rosgvardiya": "ArmedService",
    "Company": "Company", "Corporation": "Company", "Co.": "Company", "Ltd.": "Company", "Bank": "Company",
    "Council": "GovernmentBody", "Administration": "GovernmentBody", "Agency": "GovernmentBody",
    "Service": "GovernmentBody", "Services": "GovernmentBody", "Department": "GovernmentBody",
    "Bureau": "GovernmentBody", "Office": "GovernmentBody", "Staff": "GovernmentBody",
    "Academy": "Organization", "Association": "Organization", "Institute": "Organization",
    "Society": "Organization", "Structure": "Organization", "Group": "Organization",
    "Party": "PoliticalParty", "Watchdog": "GovernmentBody",
}
#: lower-case role words that introduce or describe a person ("Russian counterpart Sergei Lavrov")
ROLE_WORDS = frozenset(
    """counterpart counterparts envoy spokesman spokesperson ambassador minister president premier
    chairman chairperson chief head director commander deputy secretary official leader vice
    representative governor mayor general admiral""".split()
)
#: place heads: value = ccr class
PLACE_HEADS: dict[str, str] = {
    "Sea": "WaterBody", "Ocean": "WaterBody", "Gulf": "WaterBody", "Bay": "WaterBody", "Strait": "WaterBody",
    "Straits": "WaterBody", "River": "WaterBody", "Lake": "WaterBody", "Channel": "WaterBody",
    "Islands": "Region", "Island": "Region", "Peninsula": "Region", "Province": "Region", "Region": "Region",
    "Oblast": "Region", "Krai": "Region", "District": "Region", "Territory": "Region",
    "Base": "TrainingGround", "Range": "TrainingGround", "Ground": "TrainingGround", "Polygon": "TrainingGround",
}
_PLACE_LOWER_HEADS = {"training base": "TrainingGround", "training ground": "TrainingGround",
                      "drill base": "TrainingGround", "training range": "TrainingGround", "base": "TrainingGround"}
#: capitalised words that are never names (sentence openers, months, event words)
STOP_CAPS = frozenset(
    """The A An In On At Of For And But Or With From To By As After Before During Both Each This That These
    Those Their Its His Her They He She It We Also Then Meanwhile However Moreover There Here Two Three Four
    First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Annual Joint New Year Years Summit
    January February March April May June July August September October November December Jan Feb Mar Apr
    Jun Jul Aug Sep Sept Oct Nov Dec Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec. Mr. Mrs. Ms. Dr.
    Presidents Ministers Premiers Leaders Chinese Russian Sino Soviet Western Eastern Northern Southern
    Forum Meeting Meetings Exercise Exercises Talks Session Conference Dialogue Initiative Economic
    International National Federal Central Regional Strategic Cooperation Relations Affairs Security
    Communist People's Peoples Republic Federation Day Week UN US USA EU NATO""".split()
)
_COORD = (
    re.compile(r"(?:^|\s)([A-Z][\w\-\u2019']+)\s*,?\s+and\s*$"),
    re.compile(r"(?:^|\s)([A-Z][\w\-\u2019']+\s+[A-Z][\w\-\u2019']+)\s*,?\s+and\s*$"),
)


_ENVOY_WORDS = frozenset({"Ambassador", "Ambassador-designate", "Envoy", "Representative", "Delegate", "Emissary", "Consul"})


def _title_word(w: str) -> bool:
    return w in TITLE_WORDS or w in RANK_WORDS or (w.endswith("s") and w[:-1] in TITLE_WORDS)


def _singular(w: str) -> str:
    """'Presidents Xi and Putin': each holds the title 'President'."""
    return w[:-1] if w.endswith("s") and w[:-1] in TITLE_WORDS else w


#: adjectives / possessive forms naming states that the lexicon may not carry as demonyms
_POSSESSIVE = re.compile(r"^(?P<base>.+?)['\u2019]s$")

_COUNTERPART = re.compile(r"(?:(?P<adj>[A-Z][a-z]+(?:['\u2019]s)?)\s+)?counterparts?\s+$")
#: a short form glued to more letters by an apostrophe is part of another word: "Xi'an" (a possessive is not)
_GLUED = re.compile(r"['\u2019](?!s\b)[a-z]")
_NEXT_NAME = re.compile(r" (?!(?:and|of|the|in|on|at)\b)[A-Z][a-z\u00e0-\u024f]+(?![\w.])")
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019\u00b7\-]*\.?|\d[\w\-]*|[(),;:]|\S")
_NAME_TOKEN = re.compile(r"^[A-Z\u00c0-\u024f][a-z\u00e0-\u024f'\u2019]+(?:-[A-Z\u00c0-\u024f]?[a-z\u00e0-\u024f'\u2019]+)*$"
                         r"|^[A-Z][a-z]?[A-Z][a-z]+$")
#: endings of English words that are never personal names: "Director of National Intelligence Dan Coats"
#: keeps "Intelligence" in the title ("-ence", "-tion", "-ment", "-ity", "-ial"/"-nal"/"-ral" adjectives)
_NOT_NAME_ENDING = re.compile(r"(?:ence|ance|tion|sion|ment|ity|ics|ure|ism|ogy|ial|nal|ral|ness|ship|ies)$")
#: capitalised words that open sentences or name directions: never part of a personal name
_NOT_NAME_WORDS = frozenset("""Later Earlier Afterwards Subsequently Yesterday Today Tomorrow Separately Similarly
    Additionally Nonetheless Nevertheless Still Yet Instead Thus Hence Therefore Finally Eventually Initially
    Previously Recently Currently Now Soon Elsewhere Together Again Once Only Even Just Such Some Many Most Several
    Other Another Every All Any No Not Neither Nor Either Whether If When While Where Why How What Which Who Whom
    Whose Because Since Until Unless Although Though Despite Against Among Between Without Within Under Over Above
    Below Into Upon Via Per Like Unlike Near North South East West Far Upper Lower Greater Inner Outer Old Great
    Putin's Chinese Russians Americans Koreans Japanese Indians Europeans Ukrainians Kazakhs Mongolians Please
    Photo Source Sources Table Figure Chronology Note Notes Vol Pages Member Members States Countries Parties
    Sides Nations Governments Officials Authorities Militaries Navies Troops Forces People Media Stream Road
    Route Bridge Cosmodrome Pipeline Port Airport Station Plant Field Project Railway Line Center Centre Park Zone
    Expo Games Olympics Cup District Channel Corridor Terminal Belt Silk Power Energy Gas Oil Arctic Pacific
    Atlantic Ocean Doctrine Thought Plan Strategy Concept Treaty Pact Accord Charter Declaration Program""".split())
#: Slavic, Caucasian and Ukrainian surname endings: a lone capitalised word acting as a subject with one
#: of these is a person ("Zelensky says ...", "Tokayev visits ...") even when the article never named him in full
#: ("-ov"/"-ev"/"-in" are left out: "Kiev says", "Berlin warns", "Harbin hosts" are cities speaking)
_SURNAME_ENDING = re.compile(r"(?:yev|aev|sky|skiy|ski|skaya|skaia|enko|chuk|vili|dze|yan)$")


@dataclass(frozen=True)
class AgentMention:
    """text[start:end] names `ref`; `title_span` is the title's span when one was written."""

    start: int
    end: int
    surface: str
    ref: EntityRef
    title_start: int | None = None
    role: str = "agent"  # agent | place | series | initiative | other


@dataclass
class ArticleContext:
    """What one article has already named: full names behind later surname references."""

    persons: dict[str, EntityRef] = field(default_factory=dict)  # slug -> ref
    by_token: dict[str, set[str]] = field(default_factory=dict)  # name token -> slugs
    warnings: list[str] = field(default_factory=list)

    def remember(self, ref: EntityRef, label: str | None = None) -> None:
        if ref.type != "Person":
            return
        old = self.persons.get(ref.slug)
        if old is None or (ref.title and not old.title):
            self.persons[ref.slug] = ref
        for tok in (label or ref.label).split():
            tok = tok.strip(".,")
            if len(tok) > 1:
                self.by_token.setdefault(tok, set()).add(ref.slug)

    def resolve_surname(self, token: str) -> EntityRef | None:
        slugs = self.by_token.get(token, set())
        if len(slugs) == 1:
            return self.persons[next(iter(slugs))]
        return None


def _ref_from_entity(e, title: str | None = None, country: str | None = None) -> EntityRef:
    return EntityRef(slug=e.slug, label=e.label, type=e.type, discovered=False,
                     country=e.country or country, title=title)


def discovered(label: str, type_: str, country: str | None = None, title: str | None = None) -> EntityRef:
    """An entity not among the reference entities (kg.resolve folds spelling variants later)."""
    return EntityRef(slug=slugify(label), label=label, type=type_, discovered=True, country=country, title=title)


class MentionFinder:
    """Finds agents and places in texts of one article, remembering persons across calls."""

    def __init__(self, lexicon, ctx: ArticleContext | None = None):
        self.lexicon = lexicon
        self.ctx = ctx or ArticleContext()
        self._state_by_form = self._state_forms()
        # whether a word can be part of a name depends on the word and the lexicon only: one memo for all
        # the articles read with this lexicon
        if "name_words" not in lexicon.memos:
            lexicon.memos["name_words"] = ItemMemo(partial(_name_word, lexicon.lookup, self._state_by_form))
        self._name_words = lexicon.memos["name_words"]
        self._plain_refs: dict[str, EntityRef] = {}  # slug -> ref of an untitled reference entity (refs are frozen)

    def _state_forms(self) -> dict[str, str]:
        """'Chinese', "China's", 'Russia' ... -> state slug (labels, alt labels, demonyms)."""
        forms: dict[str, str] = {}
        for e in self.lexicon.by_type("State"):
            for f in (e.label, *e.alt_labels, *e.extra_values("demonym")):
                forms[f] = e.slug
                forms[f + "'s"] = e.slug
                forms[f + "\u2019s"] = e.slug
        return forms

    def state_of_word(self, word: str) -> str | None:
        return _state_of(self._state_by_form, word)

    # ------------------------------------------------------------------------------------------
    def find(self, text: str) -> list[AgentMention]:
        """All agent, place and series mentions in `text`, left to right, without overlaps."""
        out: list[AgentMention] = []
        taken: list[tuple[int, int]] = []
        state_spans: set[tuple[int, int]] = set()
        lex_mentions, ambiguous = self.lexicon.find_both(text)
        # a short form followed by another name token is someone else ("Xi Gowei" is not Xi Jinping)
        lex_mentions = [m for m in lex_mentions if not (m.entity.type == "Person" and " " not in m.surface
                                                        and (_NEXT_NAME.match(text, m.end) or _GLUED.match(text, m.end)))]
        places = self._places(text, [(m.start, m.end) for m in lex_mentions if m.entity.type != "State"])
        if places:
            place_spans = [(p.start, p.end) for p in places]
            lex_mentions = [m for m in lex_mentions if not _overlaps(m.start, m.end, place_spans)]
        out.extend(places)
        taken.extend((p.start, p.end) for p in places)
        plain = self._plain_refs
        for m in lex_mentions:
            e = m.entity
            if e.type == "Person":
                title, tstart, country = self._title_before(text, m.start)
                if title is None or _bare_rank(title):
                    # "Gen. Zhang Youxia, vice chairman of the Central Military Commission": a name with no
                    # title (or a rank alone) before it takes the role the appositive after it gives
                    ap = _appositive(text, m.end)
                    if ap is not None and not re.match(r"(?:a|an)\s", ap[0]):  # "a senior scholar at": no post
                        title = ap[0]
                        country = country or self._country_in(ap[0])
                ref = _ref_from_entity(e, title=title, country=country)
            else:
                tstart = None
                ref = plain.get(e.slug)
                if ref is None:
                    ref = plain[e.slug] = _ref_from_entity(e)
            out.append(AgentMention(m.start, m.end, m.surface, ref, tstart, _role_of(e.type)))
            taken.append((m.start, m.end))
            if e.type == "State":
                state_spans.add((m.start, m.end))
            if e.type == "Person":
                self.ctx.remember(ref)
        for am in ambiguous:
            if _NEXT_NAME.match(text, am.end) or _GLUED.match(text, am.end) or _overlaps(am.start, am.end, taken):
                continue  # "Wang Qishan" is neither Wang Yi nor Wang Yang
            title, tstart, country = self._title_before(text, am.start)
            ref = self._resolve_ambiguous(am, title, text)
            if ref is None:
                continue
            ref = EntityRef(ref.slug, ref.label, ref.type, ref.discovered, ref.country or country, title)
            out.append(AgentMention(am.start, am.end, am.surface, ref, tstart, _role_of(ref.type)))
            taken.append((am.start, am.end))
        out.extend(self._titled_persons(text, taken))
        # a body's name may start with a state adjective ("Russian National Guard")
        body_taken = [t for t in taken if t not in state_spans]
        bodies = self._bodies(text, body_taken)
        out.extend(bodies)
        out.sort(key=lambda a: (a.start, -a.end))
        return self._counterparts(text, out)

    def _counterparts(self, text: str, found: list[AgentMention]) -> list[AgentMention]:
        """"Foreign Minister Wang Yi ... Russian counterpart Sergey Lavrov": the counterpart holds the same
        title in the other state (the country comes from the adjective before 'counterpart')."""
        out = []
        last_titled = None
        for m in found:
            if m.ref.type == "Person":
                before = text[max(0, m.start - 40):m.start]
                cm = _COUNTERPART.search(before)
                if m.ref.title is None and cm and last_titled is not None:
                    country = self.state_of_word(cm["adj"]) if cm["adj"] else None
                    m = AgentMention(m.start, m.end, m.surface,
                                     EntityRef(m.ref.slug, m.ref.label, m.ref.type, m.ref.discovered,
                                               m.ref.country or country, last_titled.title), m.title_start, m.role)
                if m.ref.title:
                    last_titled = m.ref
            out.append(m)
        return out

    # --- titles ----------------------------------------------------------------------------------
    def _title_before(self, text: str, pos: int, _depth: int = 0) -> tuple[str | None, int | None, str | None]:
        """The title written right before a name: 'Russian Deputy Foreign Minister ' -> title, start, country.

        The maximal run of capitalised words, state words, 'of' and 'the' before the name is read;
        the title starts at its leftmost office/rank word ("Chairperson of the Russian Federation
        Council"), a state word before that gives the country. "Foreign Ministers Lavrov and Wang":
        a name coordinated with a titled name shares its title.
        """
        if _no_title_before(text, pos):
            return None, None, None
        left = text[max(0, pos - 160):pos]
        base = pos - len(left)
        # Tokens never span whitespace, so past the first whitespace of a short window its tokens are the
        # 160-character window's: read the short one first, the long one only when the walk gets near its start.
        toks = k = None
        if len(left) > _SHORT_LEFT:
            short = len(left) - _SHORT_LEFT
            ws = _SPACE.search(left, short)
            if ws is not None:
                toks, k = _walk_back(list(_TOKEN.finditer(left, short)))
                if k < 2 or toks[k - 2].start() <= ws.start():
                    toks = None
        if toks is None:
            toks, k = _walk_back(list(_TOKEN.finditer(left)))
        run = toks[k:]
        while run and run[0].group() in ("of", "the"):
            run = run[1:]
        words = [t.group() for t in run]
        first_title = next((i for i, w in enumerate(words) if _title_word(w)), None)
        if first_title is None:
            if _depth == 0 and left.rstrip().endswith("and"):  # both _COORD patterns end in "and"
                for rx in _COORD:
                    m = rx.search(left)
                    if m:
                        got = self._title_before(text, base + m.start(1), 1)
                        if got[0]:
                            return got
            return None, None, None
        country = None
        for w in words[:first_title]:
            country = country or self.state_of_word(w)
        title_words = words[first_title:]
        if not any(_singular(w) in TITLE_HEADS or w in RANK_WORDS for w in title_words):
            return None, None, None
        for i, w in enumerate(title_words):
            if i and title_words[i - 1] == "to":
                continue  # the state an ambassador is sent to is not his own
            country = country or self.state_of_word(w)
        # "Presidents Xi and Putin": a plural head is each one's title; inner words stay ("Joint Chiefs of Staff")
        title = " ".join(title_words[:-1] + [_singular(title_words[-1])])
        return title, base + run[first_title].start(), country

    def _resolve_ambiguous(self, am, title: str | None, text: str = "") -> EntityRef | None:
        cands = am.candidates
        if title:
            tl = title.lower()
            hits = [c for c in cands if (c.extra_value("title") or "").lower() and (c.extra_value("title") or "").lower() in tl]
            if len(hits) == 1:
                return _ref_from_entity(hits[0])
        seen = [c for c in cands if c.slug in self.ctx.persons]
        if len(seen) == 1:
            return _ref_from_entity(seen[0])
        if title:
            # a title no candidate carries: the short form may name someone else entirely
            return None
        by_context = self._by_context(am, text) or self._by_country(am, text)
        if by_context is not None:
            return _ref_from_entity(by_context)
        self.ctx.warnings.append(f"ambiguous short form {am.surface!r} ({', '.join(c.slug for c in cands)}) left unresolved")
        return None

    def _by_context(self, am, text: str):
        """The one candidate whose own name words occur around the mention ("joint border operation
        Vostok-2014" -> the border operation). State names never decide: they are everywhere."""
        window = set(re.findall(r"[a-z]{4,}|\b[a-z]{3}\b", text[max(0, am.start - 80):am.end + 80].lower()))
        own = set(re.findall(r"[a-z]{4,}", am.surface.lower()))
        scores = []
        for c in am.candidates:
            names = [c.label, *c.alt_labels]
            org = self.lexicon.get(c.extra_value("organization") or "")
            if org is not None:
                names += [org.label, *org.alt_labels]  # "SCO border services ..." names its organisation
            words = set(re.findall(r"[a-z]{4,}", " ".join(names).lower())) - own
            words |= {n.lower() for n in names if re.fullmatch(r"[A-Z]{3}", n)}
            if c.type == "ExerciseSeries" and c.country and org is None:
                # a state's own series: its "strategic" (command-staff) exercise of a military district
                words |= {"strategic", "district", "command"}
            words = {w for w in words if not self.state_of_word(w.capitalize())}
            scores.append((len(words & window), c))
        scores.sort(key=lambda x: -x[0])
        if scores and scores[0][0] > 0 and (len(scores) == 1 or scores[1][0] < scores[0][0]):
            return scores[0][1]
        return None

    def _by_country(self, am, text: str):
        """Candidates of different states ("Communist Party": China's or Russia's): the one of the state that the
        nearest person or body around the mention belongs to ("State Duma deputy Ivan Melnikov (Communist Party)
        leads a group ... to China": Melnikov is Russian). State names never decide: they are everywhere."""
        by_country = {c.country: c for c in am.candidates}
        if None in by_country or len(by_country) != len(am.candidates):
            return None
        lo, hi = max(0, am.start - 80), min(len(text), am.end + 80)
        gaps: dict[str, int] = {}
        for m in self.lexicon.find(text[lo:hi]):
            a, b = lo + m.start, lo + m.end
            country = m.entity.country
            if m.entity.type != "State" and country in by_country and not (a < am.end and am.start < b):  # not the mention itself
                gap = am.start - b if b <= am.start else a - am.end
                gaps[country] = min(gap, gaps.get(country, gap))
        if not gaps:
            return None
        ranked = sorted(gaps.items(), key=lambda kv: kv[1])
        if len(ranked) > 1 and ranked[1][1] - ranked[0][1] < 10:
            return None  # about as near: no side is told
        return by_country[ranked[0][0]]

    # --- persons not in the lexicon ---------------------------------------------------------------
    def _titled_persons(self, text: str, taken: list[tuple[int, int]]) -> list[AgentMention]:
        out = []
        names = self._name_words
        for run in _cap_runs(text, taken, names):
            # run: list of (start, end, word); names are the trailing non-title, non-org tokens
            k = len(run)
            while k > 0 and names[run[k - 1][2]]:
                k -= 1
            name_toks = run[k:]
            if not name_toks or len(name_toks) > 4:
                continue
            name_start, name_end = name_toks[0][0], name_toks[-1][1]
            label = text[name_start:name_end]
            title, tstart, country = self._title_before(text, name_start)
            appositive = None
            if title is None:
                appositive = _appositive(text, name_end)
                if appositive is None and not _role_word_before(text, name_start):
                    # a bare surname met before in this article ("Morgulov")
                    if len(name_toks) == 1:
                        ref = self.ctx.resolve_surname(label)
                        if ref is not None:
                            out.append(AgentMention(name_start, name_end, label, ref))
                            continue
                    if self._untitled_person(text, name_toks, k, run):
                        ref = discovered(label, "Person")
                        self.ctx.remember(ref)
                        out.append(AgentMention(name_start, name_end, label, ref))
                    continue
            if len(name_toks) == 1 and self.lexicon.ambiguous_short_forms(label):
                continue  # "Wang" that the title and the article could not decide: never guessed
            if len(name_toks) == 1:
                ref = self.ctx.resolve_surname(label)
                if ref is not None:
                    out.append(AgentMention(name_start, name_end, label,
                                            EntityRef(ref.slug, ref.label, ref.type, ref.discovered,
                                                      ref.country or country, title or ref.title), tstart))
                    continue
                if title is None:
                    continue
                # a titled surname never seen in full ("Chairperson ... Matviyenko"): keep it as written
            if appositive is not None:
                ap_title, ap_country = appositive
                title = ap_title
                country = country or self._country_in(ap_title)
            elif country is None:
                # "Adm. Sun Jianguo, deputy chief of ... China's Central Military Commission"
                ap = _appositive(text, name_end)
                if ap is not None:
                    country = self._country_in(ap[0])
            ref = discovered(label, "Person", country=country, title=title)
            self.ctx.remember(ref)
            out.append(AgentMention(name_start, name_end, label, ref, tstart))
        return out

    def _untitled_person(self, text: str, name_toks, k: int, run) -> bool:
        """Two or three name words (or one with a surname ending) acting as a subject or the object of a
        meeting, with no title: "Jake Sullivan and Yang Jiechi meet", "Zelensky speaks by phone with Xi"."""
        if k > 0:
            return False  # other capitalised words stand before: part of a longer name we cannot read
        n = len(name_toks)
        if n > 3:
            return False
        label = text[name_toks[0][0]:name_toks[-1][1]]
        if any(self.lexicon.lookup(w) is not None for w in label.split()):
            return False
        if n == 1 and not _SURNAME_ENDING.search(label):
            return False
        end = name_toks[-1][1]
        if _subject_of_verb(text, end):
            return True
        start = name_toks[0][0]
        return n >= 2 and bool(_MEETING_OBJECT.search(text[max(0, start - 30):start]))

    def _country_in(self, phrase: str) -> str | None:
        for w in phrase.split():
            st = self.state_of_word(w)
            if st:
                return st
        return None

    # --- bodies not in the lexicon -----------------------------------------------------------------
    def _bodies(self, text: str, taken: list[tuple[int, int]]) -> list[AgentMention]:
        out = []
        if not _BODY_HEAD.search(text):
            return out  # no head noun of a body: nothing to find (most sentences)
        for m in _BODY.finditer(text):
            s, e = m.start("name"), m.end("name")
            if _overlaps(s, e, taken):
                continue
            name = m["name"]
            typ = ORG_HEADS.get(m["h1"], "Organization")
            words = name.split()
            while words and words[0] in STOP_CAPS and not self.state_of_word(words[0]):
                s += len(words[0]) + 1
                words = words[1:]
            country = None
            for w in words:
                country = country or self.state_of_word(w)
            bare = [w for w in words if not self.state_of_word(w)]
            if not bare or len(bare) == 1 and bare[0] in ORG_HEADS:
                continue  # "Russian Navy" alone stays a state-level mention
            if words and words[0].endswith(("'s", "\u2019s")) and self.state_of_word(words[0]):
                # "China's Equipment Development Department" is the "Chinese ..." one: one label per body
                st = self.lexicon.get(self.state_of_word(words[0]))
                demonyms = st.extra_values("demonym") if st is not None else ()
                words = [demonyms[0] if demonyms else words[0][:-2], *words[1:]]
            label = " ".join(words)
            ref = self._known_body(words) or discovered(label, typ, country=country)
            out.append(AgentMention(s, e, label, ref))
            taken.append((s, e))
        return out

    def _known_body(self, words: list[str]) -> EntityRef | None:
        """A reference body written another way: "China's Defense Ministry" / "Defense Ministry of
        Russia" = the "Chinese Defense Ministry" / "Russian Defense Ministry" of the reference set."""
        forms = [" ".join(words)]
        if len(words) > 2 and words[-2] == "of" and self.state_of_word(words[-1]):
            st = self.lexicon.get(self.state_of_word(words[-1]))
            dem = st.extra_values("demonym") if st is not None else ()
            if dem:
                forms.append(" ".join([dem[0], *words[:-2]]))
        for f in forms:
            e = self.lexicon.lookup(f)
            if e is not None and e.type in ORG_HEADS.values():
                return _ref_from_entity(e)
        return None

    # --- places ------------------------------------------------------------------------------------
    def _places(self, text: str, taken: list[tuple[int, int]]) -> list[AgentMention]:
        out = []
        seen_trigger: dict = {}
        for rx, kind, trigger in _PLACE_PATTERNS:
            if trigger is not None:
                hit = seen_trigger.get(trigger)
                if hit is None:
                    hit = seen_trigger[trigger] = (any(map(text.__contains__, _TRIGGER_WORDS[trigger]))
                                                   and trigger.search(text) is not None)
                if not hit:
                    continue  # cheap test first: most sentences name no sea, city-of or training base
            for m in rx.finditer(text):
                s, e = m.start("place"), m.end("place")
                if _overlaps(s, e, taken):
                    continue
                name = m["place"].strip()
                country = None
                first = name.split()[0]
                if len(name.split()) > 1 and self.state_of_word(first) and first.endswith(("'s", "\u2019s")):
                    country = self.state_of_word(first)  # "Russia's Volgograd"
                    s += len(first) + 1
                    name = name[len(first) + 1:]
                if name in STOP_CAPS or self.state_of_word(name) or name.split()[0] in TITLE_WORDS:
                    continue
                typ = kind
                if kind == "auto":
                    head = name.split()[-1]
                    first = name.split()[0]
                    typ = PLACE_HEADS.get(head) or PLACE_HEADS.get(first) or "Place"
                elif kind == "lowerhead":
                    typ = "TrainingGround"
                if "country" in rx.groupindex and m["country"]:
                    country = self.state_of_word(m["country"])
                    if country is None:
                        continue  # "in Moscow, Kremlin" is no place-country pair
                if "adj" in rx.groupindex and m["adj"]:
                    country = self.state_of_word(m["adj"]) or country
                ref = discovered(name, typ, country=country)
                out.append(AgentMention(s, e, name, ref, role="place"))
                taken.append((s, e))
        return out


# --- helpers -------------------------------------------------------------------------------------
def _role_of(type_: str) -> str:
    """The part a mention of an entity of this ccr class plays in an event."""
    if type_ in ("City", "Region", "WaterBody", "TrainingGround", "Place"):
        return "place"
    if type_.endswith("Series"):
        return "series"
    if type_ in ("Initiative", "Project", "Agreement", "Treaty", "JointStatement", "Declaration", "Plan"):
        return "other"
    return "agent"


def _state_of(forms: dict[str, str], word: str) -> str | None:
    """The state a word names by MentionFinder._state_forms' forms ("Chinese", "China's", "Russia.")."""
    w = word.rstrip(".,;:")
    slug = forms.get(w)
    if slug:
        return slug
    m = _POSSESSIVE.match(w)
    if m:
        return forms.get(m["base"])
    return None


def _name_word(lookup, state_forms: dict[str, str], w: str) -> bool:
    """A word that can be part of a personal name (not a title, body, state, stop word or English noun)."""
    return bool(_NAME_TOKEN.match(w)) and w not in TITLE_WORDS and w not in RANK_WORDS and w not in ORG_HEADS \
        and w not in PLACE_HEADS and w not in STOP_CAPS and w not in _NOT_NAME_WORDS and not _state_of(state_forms, w) \
        and not _NOT_NAME_ENDING.search(w) and _not_other_entity(lookup(w))


def _not_other_entity(e) -> bool:
    """A word the lexicon knows only as a person's short form can still be part of another name."""
    return e is None or e.type == "Person"


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


_SHORT_LEFT = 64  # characters before a name read first for its title (most titles are shorter)
_SPACE = re.compile(r"\s")


_TOKEN_TAIL = frozenset("'\u2019\u00b7-.")  # besides word characters, what a word token can end with


def _no_title_before(text: str, pos: int) -> bool:
    """True when the token right before `pos` ends _walk_back at once and is no "and": a punctuation
    mark ("(Putin") or a plain lower-case word ("met Putin"). _title_before then finds nothing; this
    test spares it the tokenising (most names have no title)."""
    j = pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == 0:
        return False
    c = text[j - 1]
    if not (c.isalnum() or c == "_" or c in _TOKEN_TAIL):
        return not c.isupper()  # a one-character token
    dot = c == "."  # "... the delegation. Putin": the token is "delegation."
    i = j - 1 if dot else j
    while i > 0 and "a" <= text[i - 1] <= "z":
        i -= 1
    word = text[i:j]
    # the whole token, inside the window _title_before reads: a lower-case word after whitespace
    return (j - i >= 1 + dot and i - 1 >= max(0, pos - 60) and text[i - 1].isspace()
            and word not in ("of", "the", "to") and not word.endswith("and"))


def _walk_back(toks: list) -> tuple[list, int]:
    """(tokens, k): toks[k:] is the trailing run of capitalised words, 'of'/'the' (and 'to' after an envoy
    word: "Russian Ambassador to China Igor Morgulov") that may hold a title."""
    k = len(toks)
    while k > 0:
        w = toks[k - 1].group()
        if w in ("of", "the") or w[:1].isupper():
            k -= 1
            continue
        if w == "to" and k > 1 and toks[k - 2].group() in _ENVOY_WORDS:
            k -= 1
            continue
        break
    return toks, k


def _cap_runs(text: str, taken: list[tuple[int, int]], names):
    """Runs of capitalised tokens (with 'of'/'the' inside titles), skipping lexicon spans; a lone
    capitalised word only when names[word] (it can be a personal name), as a run is read for its name.

    Hot path (every sentence of every article): lower-case tokens end a run without any span test,
    and spans are tested against a character mask, not the list.
    """
    mask = None
    if taken:
        mask = bytearray(len(text) + 1)
        for a, b in taken:
            mask[a:b] = b"\x01" * (b - a)

    def free(s: int, e: int) -> bool:
        return mask is None or mask.find(1, s, e) < 0

    for region in _CAP_REGION.finditer(text):
        w = region.group()
        if w.isalpha() and w[:1].isupper():
            # one capitalised word (most regions): _runs_in would read it as a one-token run
            if names[w]:
                a, b = region.span()
                if mask is None or mask.find(1, a, b) < 0:
                    yield [(a, b, w)]
            continue
        a, b = region.span()
        if mask is not None:
            # a run starts with a free capitalised token: none when every capital stands in the taken
            # stretch the region starts with ("China's", "Russia," after the lexicon took the state)
            p = mask.find(0, a, b)
            if p < 0 or _MAYBE_UPPER.search(text, p, b) is None:
                continue
        yield from _runs_in(text, a, b, free)


#: a character that may be upper case (anything but lower-case ASCII letters, digits, spaces, common marks)
_MAYBE_UPPER = re.compile(r"[^a-z0-9\s'\u2019.,;:()\"\u201c\u201d\-]")


#: stretches that can hold a run: capitalised words, with "of"/"the" between them (found in C, so
#: the lower-case bulk of a sentence is never tokenised in Python). The capital comes before the
#: look-behind (which reads the character before it): a pattern that starts with a character class
#: lets the engine skip to the next capital in C.
_CAP_REGION = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f\u0400-\u042f](?<![\w'\u2019\u00b7\-].)\S*"
                         r"(?:\s+(?:(?:of|the)\s+)*[A-Z\u00c0-\u00de\u0100-\u024f\u0400-\u042f]\S*)*")


def _runs_in(text: str, a: int, b: int, free):
    run: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(text, a, b):
        w = m.group()
        if not w[:1].isupper():
            if run and (w == "of" or w == "the") and free(m.start(), m.end()):
                run.append((m.start(), m.end(), w))
                continue
            if run:
                while run and run[-1][2] in ("of", "the"):
                    run.pop()
                if run:
                    yield run
                run = []
            continue
        s, e = m.start(), m.end()
        if w.endswith(".") and w not in RANK_WORDS and w[:-1] not in ("Co", "Ltd", "St"):
            w = w[:-1]
            e -= 1
            if free(s, e):
                run.append((s, e, w))
            if run:
                yield run
            run = []
            continue
        if not free(s, e):
            if run:
                yield run
            run = []
            continue
        if w.endswith(("'s", "\u2019s")) and len(w) > 3:
            run.append((s, e - 2, w[:-2]))  # "Wei Fenghe's visit": the possessive ends the name
            yield run
            run = []
            continue
        run.append((s, e, w))
    while run and run[-1][2] in ("of", "the"):
        run.pop()
    if run:
        yield run


_APPOS = re.compile(
    r"^\s*(?:\([^)]{1,30}\)\s*)?,\s*(?P<role>(?:(?:[A-Z][a-z]+(?:['\u2019]s)?|the|of|and|a|an)\s+){0,6}?"
    r"(?:(?:deputy|vice|assistant|first|senior|special|presidential|executive|head|chief|director|chairman|"
    r"chairperson|co-chairman|commander|envoy|spokesman|spokesperson|ambassador|minister|secretary|governor|"
    r"president|premier|representative|member)\b[^,;.]{0,90}))",
)


_SECOND_POST = re.compile(r"\s+and\s+(?:(?:co|vice|deputy|first|executive)[\s\-])?(?:chairman|chairperson|chair|"
                         r"director|head|chief|commander|secretary|president|minister|member)\s+of\b")


_NEXT_PERSON = re.compile(r"\s+and\s+(?:(?:his|her|their)\b|(?=(?:" + "|".join(
    re.escape(w) for w in sorted(TITLE_HEADS | RANK_WORDS | {"Vice", "Deputy", "First", "Foreign", "Defense", "Defence",
                                                         "Prime"}, key=len, reverse=True)) + r")(?!\w)))")


def _bare_rank(title: str) -> bool:
    """'Gen.', 'Col. Gen.': a military rank with no office."""
    return all(w in RANK_WORDS for w in title.split())


def _appositive(text: str, end: int) -> tuple[str, str] | None:
    """', deputy chief of Joint Staff Department of China's Central Military Commission' after a name."""
    m = _APPOS.match(text[end:end + 160])
    if not m:
        return None
    # the role stops at a comma, semicolon or full stop; anything else after it means it was cut at the
    # length limit, possibly mid-name ("... the Chinese Academy of Social")
    cut = text[end + m.end():end + m.end() + 1] not in ("", ",", ";", ".")
    whole = re.sub(r"\s*\([^)]*\)", "", m["role"]).strip()  # "(军委装备发展部部长)": the post in another script
    role = re.split(r"\s+(?:meet|meets|met|visit|visits|hold|holds|and\s+(?:Lt|Gen|Adm|Col|Maj)\b)", whole)[0].strip()
    # "vice chairman of X and co-chairman of Y": two posts; the first is the title
    role = _SECOND_POST.split(role, 1)[0].strip()
    # "... Department and his deputy Liu Sheng", "... Congress and President Xi": another person follows
    role = _NEXT_PERSON.split(role, 1)[0].strip()
    if cut and role == whole:
        return None  # nothing ends the role before the cut: an incomplete title is worse than none
    role = re.sub(r"(?:\s+(?:and|of|the|at|for|in|on|to|with|under))+$", "", role)
    return role, role


def _subject_of_verb(text: str, end: int) -> bool:
    """A finite verb of the genre (kg.eventtypes' predicates) follows, maybe after a coordinated name."""
    from kg.eventtypes import _ANY_VERB, _verb_ok

    m = _COORDINATED.match(text, end)
    at = m.end() if m else end
    vm = re.compile(r"\s+(?:(?:also|then|later|again|jointly|reportedly)\s+)?").match(text, at)
    at = vm.end() if vm else at
    v = _ANY_VERB.match(text, at)
    return v is not None and not text[v.end():v.end() + 1].isalnum() and _verb_ok(text, v, False)


_COORDINATED = re.compile(r"(?:\s*,)?\s+and\s+(?:[A-Z][\w\-'\u2019]*\.?\s+){0,4}[A-Z][\w\-'\u2019]*")
_MEETING_OBJECT = re.compile(r"\b(?:meets?|met|receives?|received|calls?|called|phones?|phoned|with)\s+$")


def _role_word_before(text: str, pos: int) -> bool:
    left = text[max(0, pos - 30):pos].split()
    return bool(left) and left[-1].lower().strip(",") in ROLE_WORDS


_CAPW = r"[A-Z][\w'\u2019\-]*\.?"
_BODY = re.compile(
    rf"(?=[A-Z])(?P<name>(?:{_CAPW}\s+){{0,5}}(?P<h1>{'|'.join(re.escape(h) for h in sorted(ORG_HEADS, key=len, reverse=True))})\b"
    rf"(?P<of>\s+(?:of|for|on)\s+(?:the\s+)?(?:{_CAPW}\s+){{0,4}}{_CAPW})?)",
)

_BODY_HEAD = re.compile(word_start_alternation(ORG_HEADS) + r"(?!\w)")
_PLACE_NAME = r"[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3}"
_T_CITY = re.compile(r"\b(?=[ctpr])(?:city|town|port|region|province|cities|towns|ports) of\b")
_T_WATER = re.compile(r"\b(?=[SOGBPIK])(?:Sea|Ocean|Gulf|Bay|Straits?|Peninsula|Islands|Province|Oblast|Krai)\b")
_T_BASE = re.compile(r"\b(?=[tTdD])(?:training|Training|drill|Drill) (?:base|ground|range|Base|Ground)\b")
#: substrings every match of a trigger contains: a C-speed test before the trigger's own scan
_TRIGGER_WORDS = {
    _T_CITY: ("city of", "town of", "port of", "region of", "province of", "cities of", "towns of", "ports of"),
    _T_WATER: ("Sea", "Ocean", "Gulf", "Bay", "Strait", "Peninsula", "Islands", "Province", "Oblast", "Krai"),
    _T_BASE: ("raining ", "rill "),
}
#: (pattern, class, cheap trigger that must be present for the pattern to match, or None).
#: The "(?=[...])" lookaheads name the letters a match can start with: the engine then rejects most
#: positions at once instead of trying every alternative there (same matches, several times faster).
#: The patterns without a trigger run on every text: they start with their words (word_start_alternation).
_PLACE_PATTERNS = [
    # "in the Chinese city of Yinchuan", "the Russian cities of Lipetsk and Voronezh"
    (re.compile(rf"\b(?=[tA-Z])(?:the\s+)?(?P<adj>[A-Z][a-z]+)\s+(?:city|town|port|region|province)\s+of\s+(?P<place>{_PLACE_NAME})"), "City", _T_CITY),
    (re.compile(rf"\b(?=[tA-Z])(?:the\s+)?(?P<adj>[A-Z][a-z]+)\s+(?:cities|towns|ports)\s+of\s+{_PLACE_NAME}\s+and\s+(?P<place>{_PLACE_NAME})"), "City", _T_CITY),
    (re.compile(rf"\b(?=[tA-Z])(?:the\s+)?(?P<adj>[A-Z][a-z]+)\s+(?:cities|towns|ports)\s+of\s+(?P<place>{_PLACE_NAME})\s+and\b"), "City", _T_CITY),
    # water bodies and regions by head word: "the Sea of Japan", "the Okhotsk Sea", "Yellow Sea"
    (re.compile(r"\b(?=[SGB])(?P<place>(?:Sea|Gulf|Bay|Strait|Straits|Sea)\s+of\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)"), "WaterBody", _T_WATER),
    (re.compile(r"\b(?=[A-Z])(?P<place>(?:[A-Z][\w\-]*\s+){1,3}(?:Sea|Ocean|Gulf|Bay|Strait|Straits|Peninsula|Islands|Province|Oblast|Krai))\b"), "auto", _T_WATER),
    # "Zhurihe training base", "Zhurihe Drill Base"
    (re.compile(r"\b(?=[A-Z])(?P<place>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?\s+(?:training base|training ground|drill base|Drill Base|Training Base|Training Ground|training range))"), "lowerhead", _T_BASE),
    # "in Kazan, Russia" / "in Huangshan, China"
    (re.compile(word_start_alternation(("in", "at", "to", "near", "from"))
                + rf"\s+(?P<place>{_PLACE_NAME}),\s+(?P<country>[A-Z][a-z]+)\b"), "City", None),
    # "in Volgograd", "held in Khabarovsk", "visits Ulyanovsk"
    (re.compile(word_start_alternation(("in", "at", "near", "visits", "visited", "visit to", "arrives in", "arrived in",
                                        "traveled to", "travels to", "flew to")) + rf"\s+(?P<place>{_PLACE_NAME})"),
     "Place", None),
]


def ref_key(ref: EntityRef) -> tuple[str, str]:
    return (ref.type, ref.slug)
