"""Vocabulary and text helpers of the narrative extractor (kg.narrative, kg.narrative_facts).

Cue patterns are data: the genre's ways of reporting a happening ("visited", "held talks", "by
telephone"), of hedging it ("may", "will", "did not"), of anchoring it to another date ("after
the summit"), of writing money ("400 billion rubles ($6.2 billion)"), sizes, ordinals and code
names. Extend them when a new article needs it; keep them free of any one article's sentences.
The reader base (_Reader: the article's period, its dates, agents found once per paragraph) lives
here too, so that kg.narrative holds the extraction rules only.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace

from kg.dates import DateError, find_dates, parse_date_span, resolve_relative_dates, year_for
from kg.documents import abbreviation_dot
from kg.lexicon import AmbiguousMention, Mention
from kg.records import DateSpan, Document, EntityRef, MonetaryAmountRecord, Paragraph, Passage, Precision
from kg.resolve_entities import Demonyms
from kg.textgate import lowered, may_match

WINDOW_BEFORE = dt.timedelta(days=45)
WINDOW_AFTER = dt.timedelta(days=31)
DYAD = ("china", "russia")
_PLACE_TYPES = {"City", "Region", "WaterBody", "TrainingGround", "Place"}
_ORG_TYPES = {"InternationalOrganization", "Organization", "GovernmentBody", "Ministry", "Commission",
              "Parliament", "ArmedService", "Company", "PoliticalParty", "MediaOrganization"}

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100})
_ORDINALS = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINALS.update({"twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
                  "twenty-fifth": 25, "thirtieth": 30})
ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")"
#: the characters an ORDINAL can start with (a lookahead that lets the engine skip other positions at once)
ORDINAL_FIRST = "[0-9" + "".join(sorted({re.escape(w[0]) for w in _ORDINALS})) + "]"


def ordinal_value(token: str) -> int | None:
    t = token.casefold()
    if t in _ORDINALS:
        return _ORDINALS[t]
    m = re.match(r"(\d+)(?:st|nd|rd|th)$", t)
    return int(m.group(1)) if m else None


def number_value(token: str) -> int | None:
    t = token.casefold().replace(",", "")
    if t.isdigit():
        return int(t)
    return _NUMBER_WORDS.get(t)


def _ref(entity, title: str | None = None) -> EntityRef:
    return EntityRef(slug=entity.slug, label=entity.label, type=entity.type, country=entity.country, title=title)


# --- cues -----------------------------------------------------------------------------------
_TRIGGER_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("JointPatrol", re.compile(r"\bjoint (?:[\w\-]+ ){0,2}patrols?\b|\bjointly patrol(?:led|ed|s)?\b", re.I)),
    # a vote in the UN: "Russia and China vetoed a Security Council resolution on Syria on July 7"
    ("UNAction", re.compile(r"\b(?:vetoe?d|vetoes|abstained|abstains|voted (?:against|for|in favou?r of))\b"
                            r"(?=.{0,80}\b(?:resolution|Security Council|General Assembly|UN|United Nations)\b)", re.I)),
    ("PhoneCall", re.compile(r"\b(?:tele)?phone (?:call|conversation|talks?)\b|\bspoke (?:by|over the) (?:tele)?phone\b|"
                             r"\bby (?:tele)?phone\b|\bvideo (?:call|conference|link)\b", re.I)),
    ("Summit", re.compile(r"\bsummit\b|\b(?-i:[A-Z]{2,}\w*) (?:heads of state|leaders) (?:met|meet|gathered|convened)\b", re.I)),
    ("CommissionSession", re.compile(r"\bregular (?:[\w\-]+ ){0,2}meetings?\b|"  # the premiers' regular meeting
                                     r"\b(?:commission|committee|council)\b(?=.{0,80}\b(?:session|meeting|co-?chair))|"
                                     r"\b(?:session|meeting|co-?chair(?:ed|s)?|chair(?:ed|s)?) (?:of )?the [\w\s\-]{0,60}"
                                     r"(?:commission|committee)\b", re.I)),
    ("Consultation", re.compile(r"\bconsultations?\b|\bstrategic (?:security )?dialogue\b", re.I)),
    ("ConferenceOrForum", re.compile(r"(?<!press )(?<!news )\b(?:Forum|Conference|Congress|Discussion Club)\b|"
                                     r"\b(?:conference|congress) of\b|\bannual meeting of the [A-Z]|\bforum\b")),
    ("ArmsDelivery", re.compile(r"\bdeliver(?:ed|s|y|ies)?\b(?=.{0,80}\b(?:jets?|fighters?|Su-\d+|S-\d00|systems?|"
                                r"helicopters?|missiles?|aircraft|batteries|battalions?|submarines?|bombers?)\b)", re.I)),
    ("Launch", re.compile(r"\b(?:inaugurated?|inaugurates|launched|opened|commissioned|completion)\b(?=.{0,70}\b(?:plant|pipeline|bridge|"
                          r"railway|rail line|project|factory|LNG|field|terminal|port|corridor|route|cent(?:er|re)|pavilion)\b)",
                          re.I)),
    # (a person arrives: "Xi arrived in Moscow", "..., arriving in Beijing on May 16"; "it arrived" is cargo)
    ("Visit", re.compile(r"\b(?:visit(?:ed|s|ing)?|travel(?:l?ed|s|l?ing)? to|flew to|trip to|went to|toured|dispatch(?:ed|ing|es)?|"
                         r"took (?:him|her|them) to|arriving in)\b|"
                         r"\b(?-i:[A-Z][\w\-'\u2019]+|[Hh]e|[Ss]he) arriv(?:ed|es) in\b", re.I)),
    ("BilateralMeeting", re.compile(r"\b(?:met|meets)\b|\bmeet (?:with )?(?=[A-Z])|\b(?:held|hold|holds) talks\b|"
                                    r"\btalks with\b|\breceived\b|\b[A-Z][\w\u2019']+[-\u2013][A-Z][\w\u2019']+ "
                                    r"(?:meeting|talks?|summit)\b|"
                                    r"\bmeeting (?:with|between)\b|\bwere meeting\b")),
]
#: the letters each trigger's matches start with (under its own flags): the lookahead lets the engine pass
#: over other positions at once; the matches are the same ('a-z': a name can open a match, any letter can)
_TRIGGER_FIRSTS = {'JointPatrol': 'j', 'UNAction': 'va', 'PhoneCall': 'tpsbv', 'Summit': 'a-z', 'CommissionSession': 'csmr', 'Consultation': 'cs', 'ConferenceOrForum': 'FCDcaf', 'ArmsDelivery': 'd', 'Launch': 'iloc', 'Visit': 'a-z', 'BilateralMeeting': 'mhtrwA-Z'}
_TRIGGERS: list[tuple[str, re.Pattern]] = [
    (typ, re.compile(f"(?=[{_TRIGGER_FIRSTS[typ]}])(?:{rx.pattern})", rx.flags)) for typ, rx in _TRIGGER_PATTERNS
]
#: substrings (lower case) one of which every match of a trigger contains: a substring test on the
#: sentence (_Sentence.may) is far cheaper than the pattern's scan, and most sentences have none
_TRIGGER_WORDS = {
    "JointPatrol": ("patrol",),
    "UNAction": ("veto", "abstain", "voted"),
    "PhoneCall": ("phone", "video"),
    "Summit": ("summit", " heads of state ", " leaders "),
    "CommissionSession": ("commission", "committee", "council", "regular "),
    "Consultation": ("consultation", "dialogue"),
    "ConferenceOrForum": ("forum", "conference", "congress", "discussion club", "annual meeting of the"),
    "ArmsDelivery": ("deliver",),
    "Launch": ("inaugurat", "launched", "opened", "commissioned", "completion"),
    "Visit": ("visit", "travel", "flew to", "trip to", "went to", "toured", "dispatch", "arriv", "took "),
    "BilateralMeeting": ("met", "meet", "talk", "received", "summit"),
}
_EXERCISE_CUE = re.compile(r"\b(?:exercises?|drills?|maneuvers|manoeuvres|war games|simulation|training|warships|"
                           r"troops|servicemen|naval|navies|air forces)\b", re.I)
#: substrings one of which every match of the pattern above contains (as _TRIGGER_WORDS)
_EXERCISE_CUE_WORDS = ("exercise", "drill", "maneuvers", "manoeuvres", "war games", "simulation", "training", "warships",
                       "troops", "servicemen", "naval", "navies", "air forces")
_EXERCISE_BACKREF = re.compile(r"\b(?=[tT])the (?:[\w\-]+ ){0,3}(?:exercises?|drills?|maneuvers|manoeuvres|simulation)\b", re.I)
#: substrings one of which every match of the pattern above contains (as _TRIGGER_WORDS)
_EXERCISE_BACKREF_WORDS = ("exercise", "drill", "maneuvers", "manoeuvres", "simulation")
_NEGATION_AFTER = re.compile(r"[\w\-]*\s+(?:\w+\s+){0,2}?(?:was|were|is|are|has been|had been)\s+(?:not|never)\b|"
                             r"[\w\-]*\s+(?:\w+\s+){0,2}?(?:was|were)\s+(?:cancell?ed|postponed|called off)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|neither|nor|failed to|cancell?ed|postponed|called off|refused to)\b", re.I)
# case-sensitive: the month "May" is not the modal "may"
_SPECULATION = re.compile(r"\b(?:may|might|could|would|if|whether|possibly|perhaps|speculat\w+|rumou?r\w*|"
                          r"Might|Could|Would|If|Whether|Possibly|Perhaps|Speculat\w+)\b")
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|to be|soon|scheduled|planned|plans? to|set to|expected to|due to|"
                     r"upcoming|forthcoming|next)\b", re.I)
_HISTORY_PREP = re.compile(r"\b(?:since|before)\s*$", re.I)
_N_DAY = re.compile(r"\b(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")-day\s+(?:[\w\-]+\s+){0,2}$", re.I)
_ENDED = re.compile(r"\b(?:ended|ending|ends|closed|concluded|through)\s+(?:on\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:when|while|which|who|but|and then|after|before)\b")

# exercise kinds (first match wins)
_EX_KINDS = [
    # anchored: both lookaheads hold at some position iff they hold at the start (re.S), and an
    # unanchored search would rescan the sentence from every position (quadratic)
    ("MissileDefenceSimulation", re.compile(r"\A(?=.*\b(?:missile[- ]defen[cs]e|anti-missile|aerospace)\b)"
                                            r"(?=.*\b(?:simulation|computer|command[- ]post|headquarters))", re.I | re.S)),
    ("LawEnforcementExercise", re.compile(r"\b(?:police|national guard|rosgvardiya|border (?:guards?|services?)|"
                                          r"law[- ]enforcement|anti-terror(?:ist)? cyber)\b", re.I)),
    ("NavalExercise", re.compile(r"\b(?:naval|navy|navies|warships?|vessels|submarines?|maritime|at sea|fleet)\b", re.I)),
    ("AirExercise", re.compile(r"\b(?:air forces?|bombers?|aviation|aerial)\b", re.I)),
    ("GroundExercise", re.compile(r"\b(?:troops|infantry|ground forces|tanks?|motori[sz]ed|army|land-based|marines)\b", re.I)),
]

_SIZE_QUALIFIERS = ("more than", "over", "about", "around", "some", "nearly", "almost", "a total of", "up to")
_SIZE = re.compile(  # the lookahead: the characters a match can start with (most positions fail at once)
    r"(?=[\d" + "".join(sorted({w[0] for w in (*_NUMBER_WORDS, *_SIZE_QUALIFIERS)})) + r"])"
    r"(?:(?P<q>" + "|".join(_SIZE_QUALIFIERS) + r")\s+)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMBER_WORDS) + r")\s+"
    r"(?:[\w\-]+\s+){0,2}?(?P<unit>troops|personnel|servicemen|soldiers|service members|people|"
    r"warships|ships|vessels|submarines|aircraft|warplanes|planes|helicopters|fighters|bombers|jets|"
    r"vehicles|tanks|armou?red vehicles)\b",
    re.I,
)
#: substrings one of which every _SIZE match contains (as _TRIGGER_WORDS)
_SIZE_UNITS = ("troops", "personnel", "servicemen", "soldiers", "service members", "people", "ships", "vessels",
               "submarines", "aircraft", "planes", "helicopters", "fighters", "bombers", "jets", "vehicles", "tanks")
_NATIONAL_BEFORE = re.compile(r"\b(?:Chinese|Russian|China's|Russia's|[A-Z][a-z]+(?:ian|ese))\s+(?:[\w\-]+\s+){0,2}$")

_MONEY = re.compile(
    r"(?P<cur1>US\s?\$|\\?\$|USD\s?|€|¥|RMB\s?)\s?(?P<n1>\d[\d,]*(?:\.\d+)?)"
    r"(?:[\s\-]*(?P<m1>trillion|billion|million|bn|mn|tril\.?)\b)?"
    r"|(?P<n2>\d[\d,]*(?:\.\d+)?)(?:[\s\-]*(?P<m2>trillion|billion|million))?[\s\-]*"
    r"(?P<cur2>rubles?|roubles?|yuan|renminbi|dollars|euros?)\b",
    re.I,
)
#: substrings (lower case) one of which every _MONEY match contains: its currency (as _TRIGGER_WORDS)
_CURRENCY_WORDS = ("$", "usd", "\u20ac", "\u00a5", "rmb", "rubl", "roubl", "yuan", "renminbi", "dollars", "euro")
_MULT = {"trillion": 1e12, "tril": 1e12, "tril.": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6}
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "€": "EUR", "euro": "EUR",
             "euros": "EUR", "¥": "CNY", "rmb": "CNY", "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB",
             "rubles": "RUB", "rouble": "RUB", "roubles": "RUB"}
_DURATION = re.compile(r"\b(?P<n>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")-year\b|"
                       r"\bfor (?P<n2>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r") years\b", re.I)

_SIGN = re.compile(r"\b(?=[sicar])(?:signed|signs|sign|inked|inks|concluded|sealed|clinched|initialed|agreed to provide|issued|adopted|"
                   r"reached (?:an?|the) (?:agreement|deal))\b", re.I)
#: substrings one of which every _SIGN match contains (as _TRIGGER_WORDS)
_SIGN_WORDS = ("sign", "ink", "concluded", "sealed", "clinched", "initialed", "agreed to provide", "issued", "adopted",
               "reached")
_AGREEMENT_NOUNS = [
    ("MemorandumOfUnderstanding", r"memorand(?:um|a|ums)(?: of understanding)?|MOUs?|memo"),
    ("Treaty", r"treat(?:y|ies)"),
    ("JointStatement", r"joint statements?|joint communiqu[ée]s?"),
    ("Declaration", r"declarations?"),
    ("Loan", r"loans?|credit line"),
    ("Contract", r"contracts?|deals?"),
    ("Plan", r"plans?|road ?maps?|action programs?"),
    ("Agreement", r"agreements?|accords?|documents?"),
]
_AGREEMENT_NOUN = re.compile(r"\b(?:" + "|".join(f"(?P<{t}>{rx})" for t, rx in _AGREEMENT_NOUNS) + r")\b", re.I)
_CAP = r"[A-Z][\w\-\u2019']*"
_LOWER_GLUE = r"(?:on|of|and|the|for|in|a|an|to|between|at)"
_HEADS = r"(?:Declaration|Treaty|Joint Statement|Memorandum(?: of Understanding)?|Agreement|Accord|Action Plan|Communiqu[ée])"
#: a substring of every _HEADS alternative: no NAMED_AGREEMENT match without one
_HEAD_WORDS = ("Declaration", "Treaty", "Joint Statement", "Memorandum", "Agreement", "Accord", "Action Plan", "Communiqu")
NAMED_AGREEMENT = re.compile(  # "(?=[A-Z])": every match starts with a capital; most positions fail at once
    rf"(?=[A-Z])(?P<name>(?:{_CAP}\s+){{1,5}}{_HEADS}"
    rf"(?:\s+(?:on|of|for|between)\s+(?:(?!and\s+{_HEADS}|and\s+Joint\b)(?:{_CAP}|{_LOWER_GLUE})\s+){{0,14}}{_CAP})?"
    rf"|{_HEADS}\s+(?:on|of|for|between)\s+(?:(?!and\s+{_HEADS}|and\s+Joint\b)(?:{_CAP}|{_LOWER_GLUE})\s+){{0,14}}{_CAP})"
)
_NAME_STOP = {"in", "the", "a", "an", "at", "on", "for", "this", "that", "its", "their", "both", "aside", "after",
              "before", "since", "with", "by", "from", "as", "anniversary", "of", "and", "new", "final", "joint", "first",
              "second", "third", "last", "previous", "current"}
_NAMED_HEAD_ONLY = re.compile(r"^(?:The|A|An|This|That|Its|Their|Both|Joint|New|Final)\s", re.I)
_INITIATIVE_HEADS = ("Initiative", "Corridor", "Project", "Pipeline", "Railway", "Bridge", "Route", "Plant")
_INITIATIVE_NAME = re.compile(
    rf"(?=[A-Z])(?P<name>(?:{_CAP}[\s\-]+)(?:(?:{_CAP}|and)[\s\-]+){{0,5}}?(?:{'|'.join(_INITIATIVE_HEADS)}))\b"
)
_OBSERVER_LIST = re.compile(r"(?P<list>(?:[A-Z][\w]+(?:\s[A-Z][\w]+)?(?:,\s*(?:and\s+)?|\s+and\s+)){1,8}[A-Z][\w]+"
                            r"(?:\s[A-Z][\w]+)?)\s+(?:attended|participated|took part|joined)(?:\s+(?:in\s+)?the\s+"
                            r"[\w\s\-]{0,30}?)?\s+as\s+observers?(?:\s+states?)?\b")
# memberships: state lists around an organisation's name
_LIST = r"(?P<list>(?:[A-Z][\w]+(?:,\s*|\s+and\s+)){0,5}[A-Z][\w]+)"
_ACCESSION_BEFORE = [(re.compile(f"(?=[{first}])" + rx), words) for first, words, rx in zip(
    ("A-Z", "a", "f", "A-Z"),
    # substrings one of which every match of the pattern contains (case as written; see _TRIGGER_WORDS)
    (("accession", "admission"), ("accept", "admit"), ("join",), ("accession", "admission")), (
    # "India and Pakistan accession to full membership of the SCO"
    _LIST + r"(?:'s|\u2019s)?\s+(?:accession|admission)\s+(?:to|into)\s+(?:full\s+membership\s+(?:of|in)\s+)?(?:the\s+)?$",
    # "to accept India and Pakistan as full members of the SCO"
    r"(?:accept|admit|admitting|accepting)\s+" + _LIST + r"\s+as\s+(?:full\s+)?members?\s+of\s+(?:the\s+)?$",
    # "the memorandums of obligations for India and Pakistan to join the SCO"
    r"for\s+" + _LIST + r"\s+to\s+join\s+(?:the\s+)?$",
    # "India's accession procedure to the SCO"
    _LIST + r"(?:'s|\u2019s)\s+(?:accession|admission)\s+(?:procedure\s+|process\s+)?(?:to|into)\s+(?:the\s+)?$",
))]  # the lookaheads: each pattern's first letter, so the engine passes over other positions at once
# "Iran ... an observer (state) in the SCO", "Egypt is a dialogue partner of the SCO", "X became a member of"
_OBSERVER_BETWEEN = re.compile(r"[\s\w,]*?\b(?:an?|the)\s+(?:[\w\s]{0,25})?observer(?:\s+state)?\s+(?:in|of|to|at)\s+(?:the\s+)?")
_PARTNER_BETWEEN = re.compile(r"[\s\w,]*?\b(?:an?|the)\s+dialogue\s+partner\s+(?:in|of|to)\s+(?:the\s+)?")
_MEMBER_BETWEEN = re.compile(r",?\s+(?:became|joined|is|was)\s+(?:as\s+)?(?:a\s+)?(?:full\s+)?member\s+(?:of|in)\s+(?:the\s+)?")
# "India and Pakistan become full members of the SCO", "X joined the SCO"
_JOINED_BEFORE = re.compile(
    _LIST + r"\s+(?:officially\s+)?(?:become|became|becomes|join|joined|joins|was admitted to|were admitted to)\s+"
    r"(?:as\s+)?(?:an?\s+)?(?:full\s+|full-fledged\s+|official\s+)?(?:members?\s+(?:of|in)\s+)?(?:the\s+)?$"
)
#: substrings one of which every _JOINED_BEFORE match contains (see _TRIGGER_WORDS)
_JOINED_WORDS = ("become", "became", "join", "admitted to")
# "SCO members Russia, China, ...", "the five BRICS members: ..."
_MEMBERS_AFTER = re.compile(r"(?:'s)?\s+(?:full\s+)?member(?:\s+state)?s\s+(?:such as\s+|including\s+|[-\u2013:]\s*)?"
                            r"(?P<list>(?:[A-Z][\w]+(?:,\s*|\s+and\s+)){1,8}[A-Z][\w]+)")
_ACCESSION_CUE = re.compile(r"\b(?:memorand\w*|decision|decided|accept\w*|approv\w*|signed|signing|obligations?|"
                            r"procedure|formal\w*|admitted|granted)\b", re.I)
#: substrings one of which every _DYAD_PHRASE match contains (as _TRIGGER_WORDS)
_DYAD_WORDS = ("the two", "both sides", "both countries", "china and russia", "russia and china", "moscow and beijing",
               "beijing and moscow")
_DYAD_PHRASE = re.compile(r"\b(?:the two (?:countries|sides|governments|states|nations|leaders|presidents|militaries|"
                          r"navies|air forces|armies|defen[cs]e ministries|foreign ministers|prime ministers|heads of state)|"
                          r"both sides|both countries|China and Russia|Russia and China|Moscow and Beijing|Beijing and Moscow)\b",
                          re.I)


# --- helpers --------------------------------------------------------------------------------
def _money(text: str) -> list[tuple[int, int, MonetaryAmountRecord]]:
    """Amounts written in a sentence (read once per sentence: _Sentence.money)."""
    out = []
    for m in _MONEY.finditer(text):
        if m["n1"]:
            num, mult, cur = m["n1"], m["m1"], m["cur1"]
        else:
            num, mult, cur = m["n2"], m["m2"], m["cur2"]
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            continue
        if mult:
            value *= _MULT[mult.casefold().rstrip(".") if mult.casefold() != "tril." else "tril."]
        code = _CURRENCY.get(cur.replace("\\", "").strip().casefold(), _CURRENCY.get(cur.strip().casefold().rstrip("s")))
        if code is None:
            continue
        written = m.group().replace("\\$", "$").strip()
        out.append((m.start(), m.end(), MonetaryAmountRecord(amount=value, currency=code, as_written=written,
                                                             usd=value if code == "USD" else None)))
    # "400 billion rubles ($6.2 billion)": the USD figure in brackets right after belongs to the amount
    merged = []
    i = 0
    while i < len(out):
        s, e, rec = out[i]
        if rec.currency != "USD" and i + 1 < len(out):
            s2, e2, nxt = out[i + 1]
            between = text[e:s2]
            if nxt.currency == "USD" and re.fullmatch(r"\s*(?:\(|or\s+|,\s*or\s+|\(\s*or\s+)\s*", between):
                rec = replace(rec, usd=nxt.amount, as_written=text[s:e2].replace("\\$", "$").rstrip(")") +
                              (")" if "(" in between else ""))
                merged.append((s, e2 + (1 if text[e2:e2 + 1] == ")" else 0), rec))
                i += 2
                continue
        merged.append((s, e, rec))
        i += 1
    return merged


_SEGMENT_BREAK = re.compile(r"[;:]|,\s|\s(?:and|but|while|whereas)\s")


_SEGMENT_END = re.compile(r";|\.\s|,\s+(?:though|although|but|while|whereas)\b")


def _local_segment(text: str, a: int, b: int) -> tuple[int, int]:
    """The stretch of the sentence that belongs to the name at [a, b): from the last comma/'and'
    before it to the next semicolon, full stop or concession ("..., though some events will take place in
    the Arctic": an exercise's place and kind are read there, not elsewhere); the dot of "Sept. 16-21"
    ends nothing."""
    lo = 0
    for m in _SEGMENT_BREAK.finditer(text, 0, a):
        lo = m.end()
    for m in _SEGMENT_END.finditer(text, b):
        if m.group()[0] != "." or not abbreviation_dot(text, m.start()):
            return lo, m.start()
    return lo, len(text)


def _clause_bounds(s: _Sentence, pos: int) -> tuple[int, int]:
    """The clause of the sentence around `pos`, between the clause breaks before and after it."""
    start, end = 0, len(s.text)
    for a, b in s.clause_breaks:
        if b <= pos:
            start = b
        elif a >= pos:
            end = a
            break
    return start, end


def _status(s: _Sentence, trig_start: int, date_start: int) -> str | None:
    """'held', 'planned', or None (negated/speculative: not an event)."""
    text = s.text
    lo = max(0, min(trig_start, date_start) - 60)
    c_start, _c_end = _clause_bounds(s, trig_start)
    window = text[max(lo, c_start):trig_start]
    # negation governs the trigger when it is close before it ("did not meet") or right after it
    # ("the summit was not held"); "no sign of a problem at the summit" negates something else
    if _NEGATION.search(text[max(lo, c_start, trig_start - 25):trig_start]) or _NEGATION_AFTER.match(text, trig_start):
        return None
    if _SPECULATION.search(window):
        return None
    if _FUTURE.search(window):
        return "planned"
    return "held"


_PRONOUN_START = re.compile(r"(?:(?:The (?:next|following) day|The day (?:before|after)|(?:Two|Three|A few|Several) days "
                            r"later|Later|Afterwards?|Then|Next),\s+)?(?:He|he|She|she)\s|(?:In|At|During|After) (?:his|her)\s|"
                            r"(?:His|Her)\s")
_EX_PLAN_BEFORE = re.compile(r"\b(?:discuss\w*|prepar\w*|plan\w*|upcoming|forthcoming|next|future|agreed? on|"
                             r"talks on|consultations on|ahead of|announced)\s+(?:the\s+|a\s+|their\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
_EX_PLAN_AFTER = re.compile(r"[\w\s\-]{0,25}?(?:,\s*which\s+)?(?:will|is to|are to|to be held|is scheduled|are scheduled|"
                            r"is planned|are planned|is set|are set)\b", re.I)
#: where the agents of a reported event stop: a new clause about something else begins
_AGENT_SPAN_END = re.compile(r"\s(?:when|where|while|whereas|who|which|that|as|because|after)\s|[;:]|,\s+(?:and|but)\s")
_PROPOSAL_BEFORE = re.compile(r"\b(?:call(?:ing|ed|s)? for|propos(?:ed|ing|es|al for)|suggest(?:ed|ing)|urg(?:ed|ing))\s+"
                              r"(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
_ANCHOR_BEFORE = re.compile(r"\b(?:after|before|since|following|ahead of|prior to)\s+(?:the\s+|his\s+|her\s+|their\s+)?"
                            r"(?:[\w\-]+\s+){0,2}$", re.I)
_INTRO = re.compile(r"(?:Just\s+)?(?:(?:\w+\s+){0,3}(?:days?|weeks?|months?)\s+)?(?:Prior to|Before|After|Following|"
                    r"Ahead of|Since|Until|Shortly after|Shortly before|On the eve of)\b[^,]{0,160},", re.I)
_RELATIVE = re.compile(r"\b(?:before|after|prior to|ahead of|following|since|later|earlier|days? after|weeks? after)\b", re.I)


def _relevant(people: list[EntityRef], orgs: list[EntityRef]) -> bool:
    """A China-Russia relations event: a person of either side, both states, or one of them with another agent."""
    if any(p.type == "Person" and _is_dyad_side(p) for p in people):
        return True
    states = {p.slug for p in people if p.type == "State"}
    if set(DYAD) <= states:
        return True
    side = states & set(DYAD) or {o.slug for o in orgs if _is_dyad_side(o)}
    return bool(side) and len(states | {o.slug for o in orgs}) >= 2


#: types of past happenings worth keeping when the text dates them ("Putin's June 2012 visit to China")
_HISTORY_TYPES = frozenset({"Visit", "BilateralMeeting", "Summit", "PhoneCall"})


def _both_sides(people: list[EntityRef], orgs: list[EntityRef], place: EntityRef | None,
                hosts: list[EntityRef]) -> bool:
    """Agents (or the place) of the event include China's side and Russia's side."""
    sides = set()
    for r in (*people, *orgs, *hosts, *((place,) if place is not None else ())):
        for side in DYAD:
            if r.slug == side or r.country == side:
                sides.add(side)
    return sides == set(DYAD)


def _is_dyad_side(ref: EntityRef) -> bool:
    return ref.slug in DYAD or ref.country in DYAD


def _is_abstract(p: Paragraph) -> bool:
    """A prose paragraph of the front matter (the abstract), not a title, byline or citation line."""
    text = p.text
    if len(text) < 200 or re.search(r"(?i)\b(?:this article is extracted|preferred citation|e-journal)\b", text):
        return False
    return len(re.findall(r"[.!?](?:\s|$)", text)) >= 2


_ETC_SPLIT = re.compile(r"\b(?:etc|Inc|Ltd|Co)\.\s+(?=(?:The|A|An|After|In|On|At|By|For|From|It|This|That|These|"
                        r"Those|He|She|They|We|But|And|As|When|While|Meanwhile|However|Since|Then)\b)")


def _resplit(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split where 'etc.' ends a sentence (the splitter keeps it as an abbreviation)."""
    if not any(w in text for w in ("etc.", "Inc.", "Ltd.", "Co.")):
        return [(i, j) for i, j in spans]  # nothing _ETC_SPLIT can match
    out = []
    for i, j in spans:
        cut = i
        for m in _ETC_SPLIT.finditer(text, i, j):
            out.append((cut, m.start() + len(m.group().rstrip())))
            cut = m.end()
        out.append((cut, j))
    return out


# --- small helpers --------------------------------------------------------------------------
def _unique(refs: Iterable[EntityRef | None]) -> list[EntityRef]:
    seen: dict[str, EntityRef] = {}
    for r in refs:
        if r is not None and r.slug not in seen:
            seen[r.slug] = r
    return list(seen.values())


def _ordinal_word(n: int) -> str:
    for w, v in _ORDINALS.items():
        if v == n and "-" not in w:
            return w
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def typ_label(typ: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", typ)


def _agreement_type(name: str) -> str:
    low = name.casefold()
    if "joint statement" in low or "communiqu" in low:
        return "JointStatement"
    if "declaration" in low:
        return "Declaration"
    if "treaty" in low:
        return "Treaty"
    if "memorandum" in low:
        return "MemorandumOfUnderstanding"
    if low.endswith("plan") or "action plan" in low:
        return "Plan"
    return "Agreement"


def _noun_phrase(text: str, noun: re.Match) -> str:
    """The agreement noun with its modifiers: 'a 30-year, $400 billion gas deal' -> '30-year $400 billion gas deal'."""
    left = text[max(0, noun.start() - 60):noun.start()]
    m = re.search(r"(?:\b(?:a|an|the|their|its|two|three|\d+)\s+)?((?:[\w$\\.,\-]+\s+){0,6})$", left)
    mods = m.group(1) if m else ""
    # stop at verbs/prepositions: keep only the trailing modifiers
    words = mods.split()
    keep: list[str] = []
    for w in reversed(words):
        if w.casefold().strip(",") in ("signed", "inked", "concluded", "sealed", "a", "an", "the", "countries", "two",
                                       "sides", "when", "that", "which", "and", "with", "on", "in", "of", "to", "their",
                                       "another", "many", "several", "this", "these", "those", "its", "his", "her"):
            break
        keep.insert(0, w)
    phrase = " ".join(keep + [noun.group()]).replace("\\$", "$").replace(",", "")
    # "a plan for economic cooperation until 2030", "a memorandum on gas supplies": the complement names it
    comp = re.match(r"\s+((?:on|for|of)\s+[\"\u201c]?(?:(?!and\b|between\b|with\b)[\w\-]+\s*){1,6})", text[noun.end():])
    if comp:
        words = comp.group(1).replace('"', "").replace("\u201c", "").split()
        while words and words[-1].casefold() in ("in", "of", "on", "for", "the", "a", "an", "to", "at", "by"):
            words.pop()  # the six-word cut left a dangling preposition
        phrase = f"{phrase} {' '.join(words)}"
    return re.sub(r"\s+", " ", phrase).strip()


# --- sentence context -------------------------------------------------------------------------
class _Cues:
    """Cues a paragraph holds, searched once for all its sentences (whether it speaks of exercises, names
    a month)."""

    __slots__ = ("text", "_found")

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[re.Pattern, bool] = {}

    def search(self, rx: re.Pattern, words: tuple[str, ...] = ()) -> bool:
        """Whether `rx` matches in the paragraph; `words`, if given, are substrings (lower case) one of which
        every match contains (kg.textgate)."""
        found = self._found.get(rx)
        if found is None:
            found = self._found[rx] = (not words or may_match(self.text, words)) and rx.search(self.text) is not None
        return found


_UNREAD = object()  # a value not worked out yet (None is a value)


class _Sentence:
    """A sentence as the handlers read it: its text, dates and agents, and what several handlers ask of it,
    each worked out once and only when first asked (its passage, lower-case text, amounts, clause breaks,
    agent types): most sentences state nothing, so whatever is not needed is not built."""

    __slots__ = ("text", "para_index", "para_text", "dates", "years", "agents", "from_chronology", "carried",
                 "cues", "usable", "_cut", "_passage", "_low", "_money", "_breaks", "_kinds")

    def __init__(self, text: str, para_index: int, para_text: str = "", *, cues: _Cues | None = None,
                 passage: Passage | None = None, cut: tuple | None = None, from_chronology: bool = False) -> None:
        self.text = text
        self.cues = cues or _Cues(text)  # its paragraph's (a chronology entry is a paragraph of its own)
        self.para_index = para_index
        self.para_text = para_text
        self.dates: list[tuple[int, int, DateSpan]] = []  # in-window dates
        self.years: list[int] = []  # explicit years written
        self.agents: list[tuple[int, int, EntityRef]] = []
        self.from_chronology = from_chronology  # a chronology entry body: its events belong to kg.chronology
        self.carried: frozenset = frozenset()  # starts of dates whose year the previous sentence gave ("in 2015. On May 9")
        self.usable: dict[tuple[bool, bool], list] = {}  # kg.narrative's _usable_dates, by (ends, history)
        self._cut = cut  # (source, paragraph, i, j): the passage's place, when `passage` is not given
        self._passage = passage
        self._low = self._money = self._breaks = self._kinds = _UNREAD

    @property
    def passage(self) -> Passage:
        if self._passage is None:
            from kg.documents import paragraph_passage

            self._passage = paragraph_passage(*self._cut)
        return self._passage

    @property
    def low(self) -> str | None:
        if self._low is _UNREAD:
            self._low = lowered(self.text)
        return self._low

    def may(self, words: tuple[str, ...]) -> bool:
        """Whether a case-insensitive pattern every match of which contains one of `words` (lower case) can
        match here: substring tests are far cheaper than the pattern's scan, and most cues are absent."""
        low = self.low
        if low is None:
            return True
        for w in words:
            if w in low:
                return True
        return False

    def has(self, words: tuple[str, ...]) -> bool:
        """Whether one of `words` occurs in the text (as written)."""
        text = self.text
        for w in words:
            if w in text:
                return True
        return False

    @property
    def kinds(self) -> frozenset[str]:
        """The types of the agents named (read once `agents` is set): handlers pass over sentences without theirs."""
        if self._kinds is _UNREAD:
            self._kinds = frozenset(r.type for _a, _b, r in self.agents)
        return self._kinds

    @property
    def money(self) -> list[tuple[int, int, MonetaryAmountRecord]]:
        """Amounts written in the sentence (agreements, values and initiatives all ask)."""
        if self._money is _UNREAD:
            self._money = _money(self.text) if self.may(_CURRENCY_WORDS) else []
        return self._money

    @property
    def clause_breaks(self) -> list[tuple[int, int]]:
        """(start, end) of each _CLAUSE_BREAK match: _clause_bounds reads them for every trigger and date."""
        if self._breaks is _UNREAD:
            self._breaks = [m.span() for m in _CLAUSE_BREAK.finditer(self.text)]
        return self._breaks


# --- reading a document: its period, dates and agents (the extractor's base) ----------------------
_YEAR = re.compile(r"(?:19|20)\d\d")
_RELATIVE_WORDS = ("day", "later", "earlier", "afterward", "week", "month")
_RELATIVE_CUE = re.compile(r"(?i)\b(?=[stdpnflea])(?:same day|that day|day before|previous day|preceding day|day earlier|next day|"
                           r"following day|day after|next morning|later|earlier|afterwards?|following week|next week|"
                           r"previous week|preceding week|same month|following month|next month|previous month)\b")


#: the first three letters of every month name of kg.dates.MONTH, the first one a capital (a cheap test
#: before kg.dates.find_dates, which reads nothing else)
_MONTH_START = re.compile(r"(?:S(?i:ep)|F(?i:eb)|N(?i:ov)|D(?i:ec)|J(?i:an|un|ul)|O(?i:ct)|A(?i:ug|pr)|M(?i:ar|ay))")


class _MemoLexicon:
    """The lexicon with find/find_ambiguous/find_both memoised per text (for one document): kg.mentions
    and the extractors scan the same sentence several times."""

    def __init__(self, lexicon) -> None:
        self._lex = lexicon
        self._find: dict[str, list] = {}
        self._amb: dict[str, list] = {}

    def find(self, text: str, kinds=None):
        if kinds is not None:
            return self._lex.find(text, kinds)
        hit = self._find.get(text)
        if hit is None:
            hit = self._find[text] = self._lex.find(text)
        return hit

    def find_ambiguous(self, text: str):
        hit = self._amb.get(text)
        if hit is None:
            hit = self._amb[text] = self._lex.find_ambiguous(text)
        return hit

    def find_both(self, text: str):
        found = self._find.get(text)
        amb = self._amb.get(text)
        if found is None or amb is None:
            found, amb = self._lex.find_both(text)
            self._find[text], self._amb[text] = found, amb
        return found, amb

    def prime(self, text: str, spans: list[tuple[int, int]]) -> None:
        """Scan a paragraph once and file each sentence's share under the sentence's text: the extractors
        then look sentences up without rescanning (a name never spans a sentence boundary)."""
        found, amb = self.find_both(text)  # the paragraph itself is looked up next (agents)
        found_at = [m.start for m in found]  # both lists are in text order: each sentence reads its slice
        amb_at = [m.start for m in amb]
        for i, j in spans:
            key = text[i:j]
            if key not in self._find:
                self._find[key] = [Mention(m.start - i, m.end - i, m.surface, m.entity, m.kind, m.year)
                                   for m in found[bisect_left(found_at, i):bisect_right(found_at, j)] if m.end <= j]
            if key not in self._amb:
                self._amb[key] = [AmbiguousMention(m.start - i, m.end - i, m.surface, m.candidates, m.year)
                                  for m in amb[bisect_left(amb_at, i):bisect_right(amb_at, j)] if m.end <= j]

    def __contains__(self, slug: str) -> bool:
        return slug in self._lex

    def __getattr__(self, name):
        return getattr(self._lex, name)


class _Reader:
    """A document read sentence by sentence: its period (hence the year of 'on Sept. 3') and agents."""

    def __init__(self, doc: Document, lexicon) -> None:
        self.doc = doc
        lexicon = _MemoLexicon(lexicon) if lexicon is not None else None
        self.lexicon = lexicon
        self.demonyms = Demonyms(lexicon)
        self.period = self._period()
        self.window = (self.period[0] - WINDOW_BEFORE, self.period[1] + WINDOW_AFTER) if self.period else None
        self.warnings: list[str] = []
        self.discovered: dict[str, EntityRef] = {}
        from kg.mentions import MentionFinder

        self.finder = MentionFinder(lexicon)

    # period -----------------------------------------------------------------------------------
    def _period(self) -> tuple[dt.date, dt.date] | None:
        m = self.doc.meta
        if m.period_start and m.period_end:
            return m.period_start, m.period_end
        if m.issue_date:
            return m.issue_date - dt.timedelta(days=150), m.issue_date
        years = [e.heading_year for e in self.doc.chronology if e.heading_year]
        if years:
            y = max(set(years), key=years.count)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        return None

    def in_window(self, span: DateSpan) -> bool:
        """Inside the period (± the window); a month-precision span need only overlap it ('in July')."""
        if self.window is None:
            return False
        if span.precision == Precision.DAY:
            return self.window[0] <= span.start and span.end <= self.window[1]
        return span.start <= self.window[1] and self.window[0] <= span.end and span.start >= self.window[0] - (
            dt.timedelta(days=31))

    # dates ------------------------------------------------------------------------------------
    def _relative_dates(self, text: str, spans: list[tuple[int, int]],
                        written: list[list[tuple[int, int, DateSpan]]]) -> list[list[tuple[int, int, DateSpan]]]:
        """'the next day', 'two days later' counted from the date written just before (kg.dates; `written`: each
        sentence's written_dates), kept when inside the period like any written date."""
        low = text.lower()
        if self.period is None or not any(w in low for w in _RELATIVE_WORDS) or not _RELATIVE_CUE.search(text):
            return [[] for _ in spans]
        found = resolve_relative_dates([text[i:j] for i, j in spans], self.period[1].year, written=written)
        return [[d for d in rel if self.in_window(d[2])] for rel in found]

    def _past_year(self, text: str, years: list[int]) -> int | None:
        """The one year before the period a sentence is about ('... Victory Day in 2015.'), which the next
        sentence's yearless dates take ('At the main concert on May 9'); not 'since 2012' or 'by 2015'."""
        if self.window is None or len(set(years)) != 1 or years[0] >= self.window[0].year:
            return None
        m = re.search(rf"\b(?:in|of|during)\s+(?:(?:early|mid|late)[\s\-]+)?(?:[A-Z][a-z]+\.?\s+)?{years[0]}\b", text)
        return years[0] if m else None

    def written_dates(self, text: str) -> list[tuple[int, int, DateSpan]]:
        """kg.dates.find_dates in the period's last year (read once per sentence: its own dates and its
        relative dates count from them)."""
        if self.period is None or not _MONTH_START.search(text):
            return []  # kg.dates.find_dates keeps only dates that start with a capitalised month name
        return find_dates(text, self.period[1].year)

    def dates(self, written: list[tuple[int, int, DateSpan]], carried: int | None = None) -> list[tuple[int, int, DateSpan]]:
        """A sentence's dates (`written`: its written_dates) in the years of the period, or of the past year
        `carried` from the previous sentence."""
        if not written:
            return []
        out = []
        fallback = self.period[1].year
        for s, e, span in written:
            if not _YEAR.search(span.text):
                y = year_for(span.start.month, self.period, fallback)
                if carried is not None:
                    try:
                        own = parse_date_span(span.text, default_year=y)
                    except DateError:
                        continue
                    if not self.in_window(own):
                        y = carried  # not this period's: the year the previous sentence is about
                if y != span.start.year and y is not None:
                    try:
                        span = parse_date_span(span.text, default_year=y)
                    except DateError:
                        continue
            if span.precision == Precision.YEAR:
                continue
            out.append((s, e, span))
        return out

    # agents -----------------------------------------------------------------------------------
    def agents(self, text: str) -> list[tuple[int, int, EntityRef]]:
        """(start, end, ref) of agents and places named in a sentence (kg.mentions: reference entities,
        titled persons, bodies, places, surname back-references within the article)."""
        out = []
        for m in self.finder.find(text):
            ref = m.ref
            if ref.discovered and ref.slug not in self.discovered:
                self.discovered[ref.slug] = replace(ref, title=None)
            out.append((m.start, m.end, ref))
        return sorted(out, key=lambda t: (t[0], t[1]))
