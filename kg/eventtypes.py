"""Event types of the genre, by cue patterns, and their CAMEO / PLOVER codes.

The cue table is data: each row is (ccr event class, strength, pattern). A clause gets the type
of its earliest *strong* cue (the main verb comes first in chronology prose: "Medvedev visits
China to co-chair ..." is a Visit); weak cues (statements, ceremonies, elections) count only when
no strong cue is present ("Putin initiates a telephone conversation ... to congratulate" is a
PhoneCall). Add a row to teach the extractor a new cue; keep the most specific rows first,
because at equal positions the earlier row wins.

Codes follow ../shared/notes/anchors-eventkg.md §4 (CAMEO from the GDELT CAMEO file, PLOVER from
CAMEO2PLOVER-2021 and the PLOVER manual). Choices where no clean mapping exists are commented in
CODES and `event_codes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STRONG, WEAK = "strong", "weak"

#: (event class, strength, cue pattern) — case-insensitive unless the pattern says otherwise
CUES: list[tuple[str, str, str]] = [
    # the United Nations: vetoes, votes, requests to the Security Council, support "in the UN"
    ("UNAction", STRONG, r"\b(?:adopts?|adopted|pass(?:es|ed)?|votes?|voted)\b[^.]{0,40}\bresolution\b|\babstain(?:s|ed)?\b|\babstention\b|\bvot(?:es?|ed|ing) (?:against|for|in favou?r)\b|\bveto(?:es|ed|ing)?\b|\bdraft resolution\b|\bSecurity Council\b(?! Secretary)|\b(?:in|at) the (?:UN|United Nations)\b(?! General Assembly)|\bUN vote\b"),
    # military cooperation
    ("JointPatrol", STRONG, r"\bjoint(?:ly)?\s+(?:air\s+|naval\s+|bomber\s+|maritime\s+)?patrol(?:s|led|ling)?\b|\bpatrol(?:s|led)? jointly\b"),
    ("MissileDefenceSimulation", STRONG, r"\b(?:anti-?missile|missile[- ]defen[cs]e)\b[^.]{0,60}\b(?:exercise|drill|simulation)s?\b|\bcomputer[- ]\s?simulation exercise\b|\bAerospace Security\b"),
    ("LawEnforcementExercise", STRONG, r"\bNational Guard\b[^.]{0,120}\b(?:exercise|drill|training)s?\b|\b(?:People'?s Armed Police|border (?:guards|services))\b[^.]{0,80}\b(?:exercise|drill|training|operation)s?\b|\banti-terror(?:ism|ist)?\s+(?:cyber\s+)?(?:exercise|drill)s?\b(?<!military drill)|\blaw[- ]enforcement (?:exercise|drill)s?\b|\bspecial tactical training\b"),
    ("NavalExercise", STRONG, r"\bnaval (?:exercise|drill|maneuver|manoeuvre)s?\b|\bnavies\b[^.]{0,80}\b(?:exercise|drill)s?\b|\bJoint Sea\b|\bmaritime (?:exercise|drill)s?\b|\bnaval stage\b"),
    ("AirExercise", STRONG, r"\bair(?:borne| force)? (?:exercise|drill)s?\b|\baviators?'? (?:race|competition)\b|\bAviation Dart\b|\bair[- ]defen[cs]e (?:exercise|drill)s?\b"),
    ("GroundExercise", STRONG, r"\bPeace Mission\b|\bmilitary drill\b|\bground forces? (?:exercise|drill)s?\b|\b(?:land|ground|counter-?terror(?:ism|ist)? military) (?:exercise|drill)s?\b|\b(?:Vostok|Tsentr|Center|Kavkaz|Zapad)[- ]\d{4}\b"),
    ("MilitaryExercise", STRONG, r"\b(?:military |joint |war |command(?:-|\s)?(?:post|staff) )?(?:exercise|exercises|drill|drills|war games|maneuvers|manoeuvres)\b"),
    # diplomacy
    ("PhoneCall", STRONG, r"\b(?:tele)?phone (?:call|conversation|talks?)\b|\bby (?:tele)?phone\b|\bspeaks? (?:by|on the) (?:tele)?phone\b|\bvideo (?:call|conference|link|summit|talks?)\b|\b(?:tele)?phoned\b|\bcalls? (?:his|her) (?:\w+ )?counterpart\b"),
    ("AgreementSigning", STRONG, r"\b(?:sign|signs|signed|signing|ink|inks|inked)\b[^.]{0,80}\b(?:agreements?|contracts?|deals?|memorand(?:um|a)|MOUs?|treat(?:y|ies)|statements?|declarations?|accords?|documents?|protocols?|plans?)\b"),
    ("Summit", STRONG, r"\b(?:session|meeting|council) of (?:the )?heads of (?:state|government)\b|\btrilateral (?:meeting|summit)\b|\bsummit\b(?! in (?:the )?\w+ (?:format))"),
    # regular institutional meetings of an organisation's ministers or bodies
    ("CommissionSession", STRONG, r"\bMinisters?'? Meetings?\b|\bministers meet\b|\bministerial meeting\b|\b(?:Group|Council|Structure)(?:'s)? meeting\b|\bmeeting of (?:the )?(?:heads|chiefs|ministers)\b|\b(?:co-)?chair(?:s|ed|ing)?\b(?! of)|\b(?:session|meeting|sitting)s? of (?:the )?[\w\-' ]{0,80}?(?:Commission|Committee|Council)\b|\b(?:Commission|Committee)\b[^.]{0,80}\b(?:session|meeting)\b|\bholds? (?:its|the) \w+ (?:meeting|sitting)\b|\bheld its \w+ (?:meeting|sitting)\b"),
    ("Consultation", STRONG, r"\bconsultations?\b|\bSecurity Talks\b|\b(?:meeting|talks) on [\w\s\-]{0,40}\bsecurity\b|\b(?:(?:hold|holds|held)\s+)?talks (?:in \w+ )?(?:related to|on|about)\b|\bstrategic dialogue\b|\bround of (?:strategic )?(?:talks|dialogue)\b"),
    ("ConferenceOrForum", STRONG, r"\bconferences?\b|\bforum\b(?! on the sidelines)|\bexpositions?\b|\bexpo\b|\bfestival\b"),
    ("ArmsDelivery", STRONG, r"\b(?:deliver|delivers|delivered|delivery|deliveries|supplies|supply|transfers?)\b[^.]{0,80}\b(?:Su-\d+|S-\d{3}|missiles?|fighters?|jets?|helicopters?|submarines?|aircraft|weapons?|arms|systems?|bombers?|tanks?|engines?)\b|\bbatch of\b"),
    ("Appointment", STRONG, r"\b(?:appoint(?:s|ed)?|names? \w+ (?:as )?(?:ambassador|minister|envoy))\b|\bnew (?:\w+ )?(?:ambassador|envoy|minister)\b|\bpresents? (?:his|her) credentials\b"),
    # inaugurating a project: the verb must govern a project-like object ("launches a 'special military
    # operation'" and "the opening ceremony of the Olympics" are no launches)
    ("Launch", STRONG, r"\b(?:inaugurat\w+|launch(?:es|ed|ing)?|opens?|opened|commissions?|puts? into (?:operation|service))\b[^.]{0,70}?"
                       r"\b(?:plant|pipelines?|bridges?|railway|rail line|line|port|terminal|project|factory|station|route|corridor|"
                       r"fields?|facility|centers?|centres?|park|zone|flights?|construction|production|deliveries|mine|refinery|hub|"
                       r"airport|crossing|checkpoint|cable|satellite)\b|\binaugurat\w+\b"),
    ("Visit", STRONG, r"\bvisits\b(?! (?:of|by))|\bvisited\b|(?:(?<=\bto )|(?<=\bwill )|(?<=\bwould )|(?<=\bshall ))visit\b|\bstate visit to\b|\bon an? (?:[\w\-]+ )?visit\b|\bfor an? (?:[\w\-]+ )?visit\b|\bpays? an? (?:[\w\-]+ )?visit\b|\btravel(?:s|ed|led)? to\b|\barrives? in\b|\bleads? an? (?:group|delegation)\b|\btrip to\b"),
    ("BilateralMeeting", STRONG, r"\bmeets?\b|\bmet\b|\bmeeting\b|\b(?:hold|holds|held) talks\b|\btalks\b|\breceives?\b"),
    # weak cues: only when nothing stronger is reported
    ("Statement", WEAK, r"\b(?:says?|said|statement|announces?|announced|declares?|congratulat\w*|greetings|condolences|voices?|supports?|welcomes?|criticiz\w+|condemn\w*|oppos\w+|interview|briefing|reports?|warns?|calls? for|urges?)\b"),
    ("Election", WEAK, r"\b(?:elected|re-?elected|re-?election|elections?)\b"),
    ("OtherEvent", WEAK, r"\bceremony\b|\bcelebrat\w+\b|\banniversary\b"),
]

_COMPILED = [(t, s, re.compile(p, re.IGNORECASE)) for t, s, p in CUES]

EXERCISE_TYPES = frozenset({"MilitaryExercise", "NavalExercise", "GroundExercise", "AirExercise",
                            "MissileDefenceSimulation", "LawEnforcementExercise"})
MEETING_TYPES = frozenset({"Summit", "BilateralMeeting", "Visit", "PhoneCall", "CommissionSession",
                           "Consultation", "ConferenceOrForum"})
#: types a later sentence of an entry may report as a happening of its own (with new persons)
SUB_EVENT_TYPES = frozenset({"BilateralMeeting", "PhoneCall", "AgreementSigning", "Visit"})

_MODAL = re.compile(
    r"\b(?:will|would|shall|to be|plans? to|planned to|is to|are to|scheduled to|expected to|set to|agreed to|"
    r"agree to|prepare (?:for|to)|preparing (?:for|to)|is due to|are due to)\s+(?:[\w\-]+\s+){0,3}$",
    re.IGNORECASE,
)
_UPCOMING = re.compile(r"\b(?:upcoming|forthcoming|planned|future|next|proposed)\s+(?:[\w\-'\u2019]+\s+){0,3}$", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:announc\w*|report\w*|says?|said|states?|stated|confirm\w*|reveal\w*)\b", re.IGNORECASE)
_SIDELINES = re.compile(r"\bon (?:the )?sidelines\b|\bon the margins?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    type: str
    start: int
    end: int
    strength: str
    status: str  # held | planned | announced
    sidelines: bool


def classify(clause: str) -> Cue | None:
    """The event type a clause reports (earliest strong cue, else earliest weak cue), or None."""
    best = None
    for rank, (typ, strength, rx) in enumerate(_COMPILED):
        m = rx.search(clause)
        if m:
            key = (strength != STRONG, m.start(), rank)
            if best is None or key < best[0]:
                best = (key, typ, strength, m)
    if best is None:
        return None
    _key, typ, strength, m = best
    start, end = m.start(), m.end()
    typ = _refine(typ, clause)
    return Cue(typ, start, end, strength, status_of(clause, start, end), bool(_SIDELINES.search(clause)))


_REMOTE = re.compile(r"\bvideo (?:call|conference|link|summit|talks?)\b|\bby (?:tele)?phone\b|\bonline\b", re.IGNORECASE)
_MODAL_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:to be held|will be held|is scheduled|are scheduled|is planned|are planned|will take place|"
    r"to take place|is expected|are expected)\b", re.IGNORECASE)


def _refine(typ: str, clause: str) -> str:
    """A generic exercise named by a known naval/air word elsewhere in the clause gets the subtype;
    a meeting held by phone or video link is a PhoneCall."""
    if typ == "BilateralMeeting" and _REMOTE.search(clause):
        return "PhoneCall"
    if typ == "MilitaryExercise":
        for sub in ("MissileDefenceSimulation", "NavalExercise", "AirExercise", "GroundExercise", "LawEnforcementExercise"):
            for t, _s, rx in _COMPILED:
                if t == sub and rx.search(clause):
                    return sub
    return typ


def status_of(clause: str, cue_start: int, cue_end: int | None = None) -> str:
    """'planned' for 'to be held' / 'will visit'; 'announced' when reported ('Tass reports that ... will')."""
    before = clause[:cue_start]
    if cue_end is not None and _MODAL_AFTER.search(clause[cue_end:]):
        return "announced" if _REPORTED.search(before) else "planned"
    if _UPCOMING.search(before):
        return "planned"
    if _MODAL.search(before):
        return "announced" if _REPORTED.search(before) else "planned"
    return "held"


# --- codes ----------------------------------------------------------------------------------------
#: type -> (CAMEO code, PLOVER category, PLOVER mode, PLOVER context) for a held bilateral event
CODES: dict[str, tuple[str | None, str | None, str | None, str | None]] = {
    "Summit": ("043", "CONSULT", "multilateral", "diplomatic"),  # host->visitors; multilateral summits: mode multilateral
    "BilateralMeeting": ("040", "CONSULT", None, "diplomatic"),  # 044 + third-party when on the sidelines (below)
    "Visit": ("042", "CONSULT", "visit", "diplomatic"),  # visitor -> host (043 is the host's reciprocal event)
    "PhoneCall": ("041", "CONSULT", "phone", "diplomatic"),  # video calls too: PLOVER 'phone' = remote medium
    "CommissionSession": ("040", "CONSULT", None, "diplomatic"),  # no institutional-recurrence notion in CAMEO/PLOVER
    "Consultation": ("046", "CONSULT", None, "diplomatic"),  # 046 'engage in negotiation' -> CONSULT
    "ConferenceOrForum": ("040", "CONSULT", "multilateral", "diplomatic"),
    "MilitaryExercise": ("062", "COOPERATE", None, "military"),  # joint exercise: 'joint military games'
    "NavalExercise": ("062", "COOPERATE", None, "military"),
    "GroundExercise": ("062", "COOPERATE", None, "military"),
    "AirExercise": ("062", "COOPERATE", None, "military"),
    "MissileDefenceSimulation": ("062", "COOPERATE", None, "military"),
    # National Guard / armed police are paramilitary forces: coded as military cooperation (062),
    # not judicial cooperation (063), which CAMEO reserves for courts and extradition.
    "LawEnforcementExercise": ("062", "COOPERATE", None, "military"),
    "JointPatrol": ("062", "COOPERATE", None, "military"),  # no 'patrol' concept; joint operation
    "AgreementSigning": ("057", "SUPPORT", None, "diplomatic"),
    # No clean mapping: a commercial arms sale between peers is neither aid (072) nor an exercise;
    # anchors §4 recommends COOPERATE + military (062) with the sale noted.
    "ArmsDelivery": ("062", "COOPERATE", None, "military"),
    "Statement": ("010", None, None, "diplomatic"),  # PLOVER has no 01 category: refined by content below
    "UNAction": ("050", "SUPPORT", None, "diplomatic"),  # co-sponsoring / supporting; veto and requests below
    "Appointment": (None, None, None, "diplomatic"),  # domestic act: no CAMEO/PLOVER event
    "Election": (None, None, None, "political"),  # domestic act: no CAMEO/PLOVER event
    "Launch": ("061", "COOPERATE", None, "economic"),  # inaugurating a joint project = economic cooperation
    "OtherEvent": (None, None, None, None),
}
#: CAMEO 03x "express intent to ..." for planned/announced events (PLOVER: future acts are AGREE)
_INTENT = {"military": "0312", "economic": "0311"}
_ECONOMIC = re.compile(r"\b(?:gas|oil|trade|loan|invest\w*|bank|econom\w*|financ\w*|energy|pipeline|LNG|rail\w*|aircraft)\b", re.IGNORECASE)
_CRITICAL = re.compile(r"\b(?:criticiz\w+|condemn\w*|oppos\w+|accus\w+|concern\w*|protest\w*|warns?)\b", re.IGNORECASE)
_SUPPORTIVE = re.compile(r"\b(?:support\w*|welcom\w+|congratulat\w+|greetings|prais\w+|endors\w+|back(?:s|ed)?|no threat)\b", re.IGNORECASE)


def event_codes(typ: str, clause: str, *, status: str = "held", sidelines: bool = False,
                n_states: int = 2, multilateral: bool = False) -> tuple[str | None, str | None, str | None, str | None]:
    """(CAMEO, PLOVER category, PLOVER mode, PLOVER context) of one event."""
    cameo, cat, mode, ctx = CODES.get(typ, CODES["OtherEvent"])
    if typ in ("Launch", "AgreementSigning", "Visit", "BilateralMeeting", "CommissionSession") and _ECONOMIC.search(clause):
        ctx = "economic"
    if typ == "BilateralMeeting" and sidelines:
        cameo, mode = "044", "third-party"  # meeting at a third location (summit sidelines)
    if typ in ("CommissionSession", "Consultation", "BilateralMeeting") and multilateral and not sidelines:
        mode = "multilateral"
    if cat == "CONSULT" and _REMOTE.search(clause):
        mode = "phone"  # PLOVER: 'via phone or some other remote medium'
        if typ != "PhoneCall" and cameo in ("040", "046"):
            cameo = "041"
    if typ in EXERCISE_TYPES and n_states < 2:
        # a single-country exercise is MOBILIZE, not COOPERATE (PLOVER manual)
        cameo, cat, mode = "150", "MOBILIZE", "troops"
    if typ == "UNAction":
        if re.search(r"\bveto", clause, re.IGNORECASE):
            cameo, cat, mode = "129", "REJECT", None
        elif re.search(r"\babstain|\babstention", clause, re.IGNORECASE):
            cameo, cat, mode = None, None, None  # an abstention has no CAMEO/PLOVER code (anchors §4)
        elif re.search(r"\bvot(?:es?|ed|ing) against\b", clause, re.IGNORECASE):
            cameo, cat, mode = "120", "REJECT", None
        elif re.search(r"\brequest|\bask|\burge|\bcall(?:s|ed)? (?:on|for)", clause, re.IGNORECASE):
            cameo, cat, mode = "020", "REQUEST", None
    if typ == "Statement":
        # PLOVER codes statements only by their content: support -> SUPPORT, criticism -> ACCUSE
        if _CRITICAL.search(clause):
            cameo, cat, mode = "111", "ACCUSE", "disapprove"
        elif _SUPPORTIVE.search(clause):
            cameo, cat, mode = "051", "SUPPORT", None
    if status in ("planned", "announced") and cat is not None:
        # a promise or plan is AGREE (future CONSULT/SUPPORT/COOPERATE -> AGREE); CAMEO 03x
        if cat == "CONSULT":
            cameo = "036"  # express intent to meet or negotiate
        else:
            cameo = _INTENT.get(ctx or "", "030")
        cat, mode = "AGREE", None
    return cameo, cat, mode, ctx
