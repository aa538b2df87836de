"""Event types of the genre, by the main predicate and cue patterns, and their CAMEO / PLOVER codes.

Two layers, both data. First the MAIN PREDICATE (`PREDICATES`, `main_predicate`): the first finite
verb of the entry's first main clause, with its object and the participants' level, says what
happened ("Biden calls Putin and proposes a summit" is a PhoneCall, the summit only a plan;
"recalls its ambassador for consultations" is a diplomatic Statement; "SCO heads of government
hold their 17th meeting" is a Summit-level meeting: a multilateral meeting of leaders or heads of
government is a Summit, the two premiers' regular meeting is a CommissionSession; speeches and
interviews are Statements). When no verb of the table decides, the cue table below does.

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
from functools import lru_cache

STRONG, WEAK = "strong", "weak"

#: (event class, strength, cue pattern) — case-insensitive unless the pattern says otherwise
CUES: list[tuple[str, str, str]] = [
    # the United Nations: vetoes, votes, requests to the Security Council, support "in the UN"
    ("UNAction", STRONG, r"\b(?:adopts?|adopted|pass(?:es|ed)?|votes?|voted)\b[^.]{0,40}\bresolution\b|\babstain(?:s|ed)?\b|\babstention\b|\bvot(?:es?|ed|ing) (?:against|for|in favou?r)\b|\bveto(?:es|ed|ing)?\b|\bdraft resolution\b|(?<!Russia's )(?<!Russia\u2019s )(?<!Russian )(?<!national )\bSecurity Council\b(?! Secretary)|\b(?:in|at) the (?:UN|United Nations)\b(?! General Assembly)|\bUN vote\b"),
    # military cooperation
    ("JointPatrol", STRONG, r"\bjoint(?:ly)?\s+(?:(?:strategic|air|naval|bomber|maritime|aerial|sea)\s+){0,2}patrol(?:s|led|ling)?\b|\bpatrol(?:s|led)? jointly\b"),
    ("MissileDefenceSimulation", STRONG, r"\b(?:anti-?missile|missile[- ]defen[cs]e)\b[^.]{0,60}\b(?:exercise|drill|simulation)s?\b|\b(?:exercise|drill|simulation)s? on (?:anti-?missile|missile[- ]defen[cs]e)\b|\bcomputer[- ]\s?simulation exercise\b|\bAerospace Security\b"),
    ("LawEnforcementExercise", STRONG, r"\bNational Guard\b[^.]{0,120}\b(?:exercise|drill|training)s?\b|\b(?:People'?s Armed Police|border (?:guards|services)|coast ?guards?)\b[^.]{0,80}\b(?:exercise|drill|training|operation)s?\b|\b(?:exercise|drill)s? of (?:the )?(?:border (?:guards|services)|coast ?guards?|People'?s Armed Police|National Guard|police)\b|\banti-terror(?:ism|ist)?\s+(?:cyber\s+)?(?:exercise|drill)s?\b(?<!military drill)|\blaw[- ]enforcement (?:exercise|drill)s?\b|\bspecial tactical training\b"),
    ("NavalExercise", STRONG, r"\bnaval (?:exercise|drill|maneuver|manoeuvre)s?\b|\bnavies\b[^.]{0,80}\b(?:exercise|drill)s?\b|\bJoint Sea\b|\bmaritime (?:exercise|drill)s?\b|\bnaval stage\b"),
    ("AirExercise", STRONG, r"\b(?:air(?:borne| force)?|aerial) (?:exercise|drill)s?\b|\baviators?'? (?:race|competition)\b|\bAviation Dart\b|\bAviadarts?\b|\bair[- ]defen[cs]e (?:exercise|drill)s?\b"),
    ("GroundExercise", STRONG, r"\bPeace Mission\b|\bmilitary drill\b|\bground forces? (?:exercise|drill)s?\b|\b(?:land|ground|counter-?terror(?:ism|ist)? military) (?:exercise|drill)s?\b|\b(?:Vostok|Tsentr|Center|Kavkaz|Zapad)(?:/[\w\-]+?)?[- ]\d{4}\b"),
    ("MilitaryExercise", STRONG, r"\b(?:military |joint |war |command(?:-|\s)?(?:post|staff) )?(?:exercise|exercises|drill|drills|war games|maneuvers|manoeuvres)\b|\bArmy Games\b|\btank biathlon\b"),
    # diplomacy
    ("PhoneCall", STRONG, r"\b(?:tele)?phone (?:call|conversation|talks?)\b|\bby (?:tele)?phone\b|\bspeaks? (?:by|on the) (?:tele)?phone\b|\bvideo (?:call|conference|link|summit|talks?)\b|\b(?:tele)?phoned\b|\bcalls? (?:his|her) (?:\w+ )?counterpart\b"),
    ("AgreementSigning", STRONG, r"\b(?:sign|signs|signed|signing|ink|inks|inked|put (?:their|its|his|her) signatures? to)\b[^.]{0,80}\b(?:agreements?|contracts?|deals?|memorand(?:um|a)|MOUs?|treat(?:y|ies)|statements?|declarations?|accords?|documents?|protocols?|plans?|road ?maps?)\b|"
                        # concluding one: "conclude an agreement", "enter into a contract", "a memorandum ... is concluded"
                        r"\b(?:conclud(?:e|es|ed|ing)|finali[sz](?:e|es|ed|ing)|enters? into|entered into)\b[^.]{0,40}\b(?:agreements?|contracts?|deals?|memorand(?:um|a)|MOUs?|treat(?:y|ies)|accords?|protocols?)\b|"
                        r"\b(?:agreements?|contracts?|deals?|memorand(?:um|a)|MOUs?|treat(?:y|ies)|accords?|protocols?)\b[^.;]{0,100}\b(?:is|are|was|were) (?:\w+ly )?(?:concluded|finali[sz]ed)\b"),
    ("Summit", STRONG, r"\b(?:session|meeting|council) of (?:the )?heads of (?:state|government)\b|\btrilateral (?:meeting|summit)\b|\bsummit\b(?! in (?:the )?\w+ (?:format))"),
    # regular institutional meetings of an organisation's ministers or bodies
    ("CommissionSession", STRONG, r"\bregular (?:[\w\-]+ ){0,2}meetings? (?:of|between) (?:the )?(?:[\w\-]+ ){0,3}(?:heads of government|prime ministers|premiers)\b|\bMinisters?'? Meetings?\b|\bministers meet\b|\bministerial meeting\b|\b(?:Group|Council|Structure)(?:'s)? meeting\b|\bmeeting of (?:the )?(?:heads|chiefs|ministers)\b|\b(?:co-)?chair(?:s|ed|ing)?\b(?! of)|\b(?:session|meeting|sitting)s? of (?:the )?[\w\-' ]{0,80}?(?:Commission|Committee|Council)\b|\b(?:Commission|Committee|Council)\b[^.]{0,80}\b(?:session|meeting)\b|\bCouncil of (?:[\w\-]+ ){0,3}Ministers\b|\bholds? (?:its|the) \w+ (?:meeting|sitting|session)\b|\bheld its \w+ (?:meeting|sitting|session)\b|\bsub-?(?:commission|committee)\b"),
    ("Consultation", STRONG, r"\bconsultations?\b|\bSecurity Talks\b|\b(?:meeting|talks) on [\w\s\-]{0,40}\bsecurity\b|\b(?:(?:hold|holds|held)\s+)?talks (?:in \w+ )?(?:related to|on(?! the eve\b)|about)\b|\bconsult(?:s|ed)?\b|\bstrategic dialogue\b|\bround of (?:strategic )?(?:talks|dialogue)\b"),
    ("ConferenceOrForum", STRONG, r"(?<!press )\bconferences?\b|\bDiscussion Club\b|\b(?:trade|industrial|investment|book|import|export) fairs?\b|\bforum\b(?! on the sidelines)|\bexpositions?\b|\bexpo\b|\bfestival\b"),
    ("ArmsDelivery", STRONG, r"\b(?:deliver|delivers|delivered|delivery|deliveries|supplies|supply|transfers?)\b[^.]{0,80}\b(?:Su-\d+|S-\d{3}|missiles?|fighters?|jets?|helicopters?|submarines?|aircraft|weapons?|arms|systems?|bombers?|tanks?|engines?|destroyers?|frigates?|corvettes?|warships?)\b|\bbatch of\b"),
    ("Appointment", STRONG, r"\b(?:appoint(?:s|ed|ment)?|names? (?:[A-Z][\w\-]+ ){1,3}(?:as )?(?:[\w\-]+ ){0,2}(?:ambassador|minister|envoy))\b|\bnew (?:\w+ )?(?:ambassador|envoy|minister)\b|\bpresents? (?:his|her) credentials\b|\btakes? up (?:his|her|the) (?:post|duties|position)\b"),
    # inaugurating a project: the verb must govern a project-like object ("launches a 'special military
    # operation'" and "the opening ceremony of the Olympics" are no launches)
    ("Launch", STRONG, r"\b(?:inaugurat\w+|launch(?:es|ed|ing)?|opens?|opened|commissions?|puts? into (?:operation|service))\b[^.]{0,70}?"
                       r"\b(?:plant|pipelines?|bridges?|railway|rail line|line|port|terminal|project|factory|station|route|corridor|"
                       r"fields?|facility|centers?|centres?|park|zone|flights?|construction|production|deliveries|mine|refinery|hub|"
                       r"airport|crossing|checkpoint|cable|satellite)\b|(?<!'s )(?<!\u2019s )(?<!presidential )(?<!his )(?<!her )\binaugurat\w+\b|"
                       r"\bconstruction (?:begins|began|starts|started)\b|\b(?:begins?|began|starts?|started) construction\b|\bbreaks? ground\b|\bgroundbreaking\b"),
    ("Visit", STRONG, r"\bvisits\b(?! (?:of|by))|\bvisited\b|(?:(?<=\bto )|(?<=\bwill )|(?<=\bwould )|(?<=\bshall ))visit\b|\bstate visit to\b|\bon an? (?:[\w\-]+ )?visit\b|\bfor an? (?:[\w\-]+ )?visit\b|\bpays? an? (?:[\w\-]+ )?visit\b|\btravel(?:s|ed|led)? to\b|\barrives? in\b|\b(?:leads?|led|heads?|headed) (?:an?|the|his|her) (?:[\w\-]+ ){0,3}?(?:group|delegation)\b|\btrips? (?:[\w\-]+ ){0,4}?to\b|"
                    # a visit as a noun: "pays an official goodwill visit to", "Visit to China by Lavrov", "State visit of Jiang Zemin"
                    r"\b(?:an?|his|her|their|its)\s+(?:[\w\-]+\s+){0,3}?(?:visit|trip)\s+to\b|^(?:[\w\-]+\s+){0,3}?visits?\s+(?:to|of|by)\b"),
    ("BilateralMeeting", STRONG, r"\bmeets?\b|\bmet\b|\bmeeting\b|\b(?:hold|holds|held) talks\b|\btalks\b|\breceives?\b|\bencounter\b"),
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
    """The event type a clause reports: by its main predicate (`main_predicate`) when a verb decides,
    else by the earliest strong cue, else the earliest weak cue; None when nothing is reported."""
    pred = main_predicate(clause)
    if pred is not None:
        return pred
    return classify_by_cues(clause)


def classify_by_cues(clause: str) -> Cue | None:
    """The earliest strong cue of the table, else the earliest weak one (the tie-breaker layer)."""
    hit = _cue_in(clause)
    if hit is None:
        return None
    typ, start, end, strength = hit
    typ = _refine(typ, clause)
    return Cue(typ, start, end, strength, status_of(clause, start, end), bool(_SIDELINES.search(clause)))


_REMOTE = re.compile(r"\bvideo (?:call|conference|link|summit|talks?)\b|\bvideo-?conferenc\w*|\bvia video\b|\bby (?:tele)?phone\b|\bonline\b|\bvirtual(?:ly)?\b", re.IGNORECASE)
_MODAL_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:to be held|will be held|is scheduled|are scheduled|is planned|are planned|will take place|"
    r"to take place|is expected|are expected)\b", re.IGNORECASE)


_NAVAL = re.compile(r"\bnav(?:y|ies|al)\b|\b(?:war)?ships\b|\bvessels\b|\bfleets?\b", re.IGNORECASE)
_AIR = re.compile(r"\bair ?forces?\b|\baircraft\b|\bbombers?\b|\bfighters?\b|\bpilots?\b", re.IGNORECASE)
_LAND = re.compile(r"\b(?:army(?! games)|armies|ground forces|troops|special forces)\b", re.IGNORECASE)


def _refine(typ: str, clause: str) -> str:
    """A generic exercise named by a known naval/air word elsewhere in the clause gets the subtype;
    a meeting held by phone or video link is a PhoneCall."""
    if typ == "BilateralMeeting" and _REMOTE.search(clause):
        return "PhoneCall"
    if typ == "MilitaryExercise" and _NAVAL.search(clause) and not _LAND.search(clause):
        return "NavalExercise"  # "Russian and Chinese navies hold Northern/Interaction-2023"
    if typ == "MilitaryExercise":
        for sub in ("MissileDefenceSimulation", "NavalExercise", "AirExercise", "GroundExercise", "LawEnforcementExercise"):
            for t, _s, rx in _COMPILED:
                if t == sub and rx.search(clause):
                    return sub
        if _LAND.search(clause) and not _NAVAL.search(clause) and not _AIR.search(clause):
            return "GroundExercise"  # "special forces hold a joint counterterrorism drill"
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


# --- the main predicate ---------------------------------------------------------------------------
# A chronology entry reads "<subject> <finite verb> <object> ...": the verb of its first main clause
# says what happened ("Biden calls Putin and proposes a summit" is a call, the summit only a plan;
# "Russia recalls its ambassador for consultations" is a diplomatic act, not a consultation). Each
# row is (verb forms, object pattern or None, rule); the first row whose verb form is the clause's
# first finite verb and whose object pattern matches the words after it decides. A rule is an
# event class, or:
#   @object   the first cue of the object (then of the subject) decides ("hold their 17th meeting");
#   @subject  the first cue of the subject (then of the object) decides ("Ninth BRICS summit is held");
#   @report   a reporting verb: a strong cue in what is reported decides, else Statement;
#   @plan     a plan ("proposes a summit"): the object's cue with status planned, else Statement;
#   @next     a control verb ("agree to hold", "plan to visit"): the next verb decides, status planned.
# An optional fourth element is the fallback class when the object/subject carry no cue (None:
# the whole-clause cue table decides, as before). The cue table (CUES) stays the tie-breaker.
PREDICATES: list[tuple[str, str | None, str, str | None]] = [
    (r"veto(?:es|ed)?|abstains?|abstained|vot(?:e|es|ed)", None, "UNAction", None),
    (r"calls?|called|urges?|urged|appeals?|appealed", r"\s+(?:for|on|upon)\b", "Statement", None),
    (r"(?:tele)?phones?|(?:tele)?phoned|calls?|called|rings?|rang", None, "PhoneCall", None),
    (r"speaks?|spoke|talks?|talked|chats?|chatted|confers?|conferred|converses?|conversed",
     r"[^.;]{0,40}?\b(?:(?:by|on the|over the|via) (?:tele)?phone|(?:by|via|over) video|video ?link|online)\b", "PhoneCall", None),
    (r"speaks?|spoke|addresses|addressed|lectures?|lectured", r"\s+(?:at|to|before)\b|\s+(?:the|an?)\b", "Statement", None),
    (r"delivers?|delivered|gives?|gave|makes?|made", r"\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w\-]+\s+){0,2}(?:speech|address|lecture|remarks|keynote|interview|statement)s?\b", "Statement", None),
    # (before the row of "gets": "get together" is meeting)
    (r"gets? together|got together|gathers?|gathered", None, "BilateralMeeting", None),
    (r"receives?|received|gets?|got|takes? delivery of|took delivery of",
     r"\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}(?:batch|shipment|deliver(?:y|ies)|consignment)\b", "ArmsDelivery", None),
    (r"receives?|received|accepts?|accepted", r"[^.;]{0,60}\bcredentials\b", "Appointment", None),
    (r"meets?|met|receives?|received|greets?|greeted", None, "BilateralMeeting", None),
    (r"confers?|conferred", None, "BilateralMeeting", None),
    (r"consults?|consulted", None, "Consultation", None),
    (r"visits?|visited|tours?|toured", None, "Visit", None),
    # (not "begins"/"starts": their two-word forms of the Launch row below must be tried first)
    (r"makes?|made|pays?|paid|wraps? up|wrapped up|concludes?|concluded|ends?|ended|completes?|completed|cuts? short",
     r"\s+(?:an?|his|her|their|its|the)\s+(?:[\w\-]+\s+){0,3}?(?:visit|trip|tour)s?\b", "Visit", None),
    (r"chooses?|chose|picks?|picked|selects?|selected",
     r"[^.;]{0,40}?\bfor (?:his|her|their|its|an?|the) (?:[\w\-]+\s+){0,3}?(?:visit|trip|tour)\b", "Visit", None),
    (r"heads?|headed|leads?|led", r"\s+(?:an?|the|his|her)\s+(?:[\w\-]+\s+){0,3}?delegation\b", "Visit", None),
    (r"travel(?:s|ed|led)?|fl(?:y|ies|ew)|arrives?|arrived|goes|went|comes|came|heads|headed",
     r"\s+(?:back\s+)?(?:to|in|for)\b", "Visit", None),
    (r"signs?|signed|inks?|inked|initials?|initiall?ed", None, "AgreementSigning", None),
    (r"appoints?|appointed|nominates?|nominated", None, "Appointment", None),
    (r"names?|named", r"\s+(?:[A-Z][\w\-]+\s+){1,3}(?:as\s+)?(?:(?:the|a|an|its|his|her|new)\s+)?(?:[\w\-]+\s+){0,3}?"
     r"(?:ambassador|minister|envoy|premier|chief|head|commander|secretary|director|representative)\b", "Appointment", None),
    (r"becomes?|became", r"\s+(?:the\s+)?(?:new\s+)?(?:[\w\-]+\s+){0,3}?(?:president|general secretary|chairman|premier|prime minister)\b",
     "Election", None),
    (r"re-?elects?|re-?elected|elects?|elected|wins?|won", None, "Election", None),
    (r"deliver(?:s|ed)?|suppl(?:y|ies|ied)|transfers?|transferred|ships?|shipped|sells?|sold|hands? over|handed over",
     r"[^.;]{0,80}?\b(?:Su-\d+|S-\d{3}|missiles?|fighters?|jets?|helicopters?|submarines?|aircraft|weapons?|arms|systems?|bombers?|tanks?|engines?|"
     r"destroyers?|frigates?|corvettes?|warships?)\b", "ArmsDelivery", None),
    (r"patrols?|patrolled", None, "JointPatrol", None),
    # exchanging views is meeting (by phone when the clause says so); other exchanges (greetings, messages) are words
    (r"exchange views|exchanges views|exchanged views", None, "@object", "BilateralMeeting"),
    # an act in the perfect or passive: "deliveries of S-400 systems have been suspended"
    (r"(?:has|have|had|is|are|was|were) (?:been )?(?:suspended|cancell?ed|postponed|halted|frozen|delayed|banned|called off)",
     None, "Statement", None),
    # acts and words: the act decides even where its object names a meeting or an exercise
    (r"recalls?|recalled|expels?|expelled|orders?|ordered|sanctions?|sanctioned|imposes?|imposed|bans?|banned|"
     r"suspends?|suspended|condemns?|condemned|critici[sz]es?|critici[sz]ed|denounces?|denounced|warns?|warned|"
     r"accuses?|accused|protests?|protested|demands?|demanded|rejects?|rejected|denies|denied|dismisses|dismissed|"
     r"welcomes?|welcomed|praises?|praised|congratulates?|congratulated|thanks|thanked|supports?|supported|backs|"
     r"backed|endorses?|endorsed|opposes?|opposed|express(?:es|ed)?|voices?|voiced|reaffirms?|reaffirmed|"
     r"pledges?|pledged|vows?|vowed|approves?|approved|ratif(?:y|ies|ied)|issues?|issued|releases?|released|"
     r"publish(?:es|ed)?|exchanges?|exchanged|extends?|extended|stress(?:es|ed)|emphasi[sz]es?|"
     r"emphasi[sz]ed|insists?|insisted|blames?|blamed|writes?|wrote|withdraws?|withdrew|cancels?|cancell?ed|"
     r"postpones?|postponed|freezes|froze|lifts?|lifted|grants?|granted|awards?|awarded|"
     r"tests?|tested|declines?|declined|refuses?|refused|asks?|asked|requests?|requested|submits?|submitted",
     None, "Statement", None),
    (r"says?|said|announces?|announced|states?|stated|reports?|reported|confirms?|confirmed|reveals?|revealed|"
     r"declares?|declared|claims?|claimed|tells|told|informs?|informed|notes?|noted|indicates?|indicated|"
     r"argues?|argued|stresses|believes?|believed|shows?|showed|describes?|described", None, "@report", None),
    (r"will|would|shall|is to|are to", r"\s+(?:(?:\w+ly|also|not|soon)\s+)?(?!to\b)[a-z]", "@next", None),
    (r"agrees?|agreed|plans?|planned|decides?|decided|intends?|intended|hopes?|hoped|prepares?|prepared|"
     r"expects?|expected|invites?|invited|promises?|promised|wants?|wanted|seeks?|sought|aims?|aimed|"
     r"proposes?|proposed|offers?|offered|is set|are set|is due|are due|is scheduled|are scheduled|"
     r"is expected|are expected|is planned|are planned",
     r"\s+(?:[\w\-]+\s+){0,3}?to\s+(?!to\b)[a-z]", "@next", None),
    (r"proposes?|proposed|offers?|offered|invites?|invited|suggests?|suggested", None, "@plan", None),
    # a project starting to work: "The Skovorodino-Daqing oil pipeline begins operation"
    (r"(?:begins?|began|starts?|started|commences?|commenced) (?:commercial )?(?:operations?|operating|pumping|service|"
     r"delivering|supplying|shipping|transporting)|"
     r"(?:begins?|began|starts?|started|commences?|commenced) (?:\w+ ){0,2}(?:deliveries|supplies|shipments|exports)|"
     r"(?:goes|went|comes|came) (?:into|on) (?:operation|stream|line|service)|flows?|flowed", None, "Launch", None),
    # a happening as subject: "Ninth BRICS summit is held in Xiamen", "The Exposition opens with a forum"
    (r"(?:is|are|was|were|be|been) (?:\w+ly )?(?:held|conducted|staged|organi[sz]ed|convened|launched|opened|hosted|carried out)|"
     r"takes? place|took place|gets? under ?way|got under ?way|opens|open|opened|begins?|began|starts?|started|"
     r"kicks? off|kicked off|ends?|ended|concludes?|concluded|closes|wraps? up|continues?|continued|resumes?|resumed|convenes?|convened",
     None, "@subject", None),
    (r"(?:is|are|was|were|be) (?:\w+ly )?signed", None, "AgreementSigning", None),
    (r"(?:is|are|was|were|be) (?:\w+ly )?(?:put into (?:operation|service)|commissioned|inaugurated)", None, "Launch", None),
    (r"(?:is|are|was|were|be) (?:\w+ly )?(?:re-?)?elected", None, "Election", None),
    (r"(?:is|are|was|were|be) (?:\w+ly )?(?:appointed|named)", None, "Appointment", None),
    # presiding is a session's act: the object names its kind only when it is an institutional one
    # ("co-chair the fifth round of strategic security consultations"), else a session ("jointly chair the talks")
    (r"co-?chairs?|co-?chaired|co-?chair|chairs?|chaired|presides? over|presided over", None, "@chair", "CommissionSession"),
    (r"sends?|sent|dispatch(?:es|ed)?|deploys?|deployed", None, "@object", "Statement"),
    (r"holds?|held|hold|has|have|had|conducts?|conducted|conduct|stages?|staged|stage|carr(?:y|ies|ied) out|"
     r"launch(?:es|ed)?|launch|inaugurates?|inaugurated|opens?|opened|commissions?|commissioned|attends?|attended|attend|"
     r"joins?|joined|join|participates? in|participated in|participate in|takes? part in|took part in|hosts?|hosted|host|"
     r"watch(?:es|ed)?|witness(?:es|ed)?|"
     r"organi[sz]es?|organi[sz]ed|pays?|paid|pay|makes?|made|"
     r"completes?|completed|leads?|led|lead", None, "@object", None),
    # talking something over is meeting (by phone when the clause says so: see _refine)
    (r"discuss(?:es|ed)?|discuss", None, "@object", "BilateralMeeting"),
]
#: verb forms that are as often nouns: accepted as the verb only after a subject-like word
_NOUNISH = frozenset("visits talks calls states reports plans sanctions supports demands protests exchanges orders notes "
                     "signs votes hopes vows bans tours thanks backs pledges voices tests issues releases requests "
                     "offers aims grants awards ships lifts closes ends starts opens heads lectures patrols "
                     "visit talk call state report plan sanction support demand protest exchange order note sign vote "
                     "hope vow ban tour back pledge voice test issue release request offer aim grant award ship "
                     "lift close end start open meet hold stage lead host join pay conduct attend chair co-chair "
                     "discuss launch transfer delivery patrol drill exercise veto appeal commission commissions".split())
#: words after which a noun-like form is a noun ("the visits", "phone calls", "member states")
_NOUN_BEFORE = frozenset("the a an its their his her our your this that these those two three four several many some "
                         "new further more recent such joint phone telephone video member media news bilateral "
                         "official state mutual reciprocal western economic financial military naval frequent "
                         "intergovernmental standing permanent "
                         "regular annual first second third last next previous future planned upcoming and or of "
                         "for in on at with by from between among after before during".split())
_COMPILED_BY_TYPE = {t: rx for t, _s, rx in reversed(_COMPILED)}


def _top_level(alternation: str) -> list[str]:
    """'a|b(?:c|d)|e' -> ['a', 'b(?:c|d)', 'e']: the alternatives outside any group."""
    out, depth, cur, esc = [], 0, [], False
    for ch in alternation:
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return out


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with, or None when that is not plain to read."""
    from re import _constants as C
    from re import _parser as P

    out: set[str] = set()

    def seq(items) -> bool:
        if not items:
            return False  # could match the empty string: any character may follow
        op, av = items[0]
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return seq(items[1:])  # zero-width (\b, lookarounds): the first character comes after
        if op is C.LITERAL:
            out.add(chr(av))
            return True
        if op is C.SUBPATTERN:
            return seq(list(av[-1]) + items[1:])
        if op is C.BRANCH:
            return all(seq(list(b) + items[1:]) for b in av[1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            return seq(list(av[2])) and (av[0] >= 1 or seq(items[1:]))
        if op is C.IN and all(o is C.LITERAL for o, _a in av):
            out.update(chr(a) for _o, a in av)
            return True
        return False

    return frozenset(out) if seq(list(P.parse(pattern))) else None


def _by_first_char(alternatives: list[str]) -> str:
    """The alternation regrouped by first character, '(?=a)(?:...)|(?=b)(?:...)': at a position only its
    character's group can match and each group keeps the original order, so the matches are the same, but
    the engine tries a few alternatives per word instead of every verb of the genre."""
    firsts = [_first_chars(a) for a in alternatives]
    if any(f is None for f in firsts):
        return "(?:" + "|".join(alternatives) + ")"
    groups = []
    for ch in sorted(set().union(*firsts)):
        group = [a for a, f in zip(alternatives, firsts) if ch in f]
        groups.append(f"(?={re.escape(ch)})(?:{'|'.join(group)})")
    return "(?:" + "|".join(groups) + ")"


_PRED_RX = [(re.compile(r"\b" + _by_first_char(_top_level(verbs)) + r"\b"), re.compile(obj, re.IGNORECASE) if obj else None,
             rule, fb) for verbs, obj, rule, fb in PREDICATES]


@lru_cache(maxsize=4096)
def _verb_rows(verb: str) -> tuple[tuple[re.Pattern | None, str, str | None], ...]:
    """(object pattern, rule, fallback) of the PREDICATES rows, in order, whose verb forms take `verb` (a
    word or two: remembered, as the genre uses a few hundred verb forms)."""
    return tuple((orx, rule, fb) for vrx, orx, rule, fb in _PRED_RX if vrx.fullmatch(verb))


_ANY_VERB = re.compile(r"\b" + _by_first_char([a for v, _o, _r, _f in PREDICATES for a in _top_level(v)]) + r"\b")
#: the participants' level: leaders of an organisation's members / heads of state or government
_LEADERS = re.compile(r"\b(?:[A-Z]{2,}[\w\-]*|member[- ]states?['\u2019]?|member|G-?\d+)\s+(?:state\s+)?leaders\b|"
                      r"\bleaders of (?:the )?(?:[A-Z]{2,}|\w+ member)|\b(?i:heads of (?:state|government))\b|"
                      # the leaders of three states or more, of a group ("Leaders of Russia, India and China", "the Shanghai Five")
                      r"\b(?i:leaders) of (?:the )?(?:[A-Z][\w\-]*(?: [A-Z][\w\-]*)?, )+(?:[A-Z][\w\-]*(?: [A-Z][\w\-]*)?,? )?and [A-Z]|"
                      r"\b(?i:leaders) of (?:the )?(?:Shanghai Five|[A-Z][\w\-]* (?:Five|Six|Seven|Eight|Twenty))\b")
_NAMED_EDITION = re.compile(r"^\s*(?:(?:the|its|their|a|an)\s+)?(?:[a-z\-]+\s+){0,2}[A-Z][A-Za-z]+(?:(?:[ -]|/)[A-Z][A-Za-z]+){0,3}[ -](?:19|20)\d\d\b")
_BILATERAL = re.compile(r"\b(?:between|bilateral|two)\b|\bChin\w* and Russia\w*|\bRussia\w* and Chin\w*|"
                        r"\b(?:Sino|China|Russia)-(?:Russia|China)", re.IGNORECASE)
_MULTILATERAL = re.compile(r"\b(?:SCO|BRICS|CSTO|EAEU|APEC|ASEAN|CIS|EAS|RIC|CICA|G-?\d+|member)\b")
_CHAIRED = frozenset({"Consultation", "CommissionSession", "Summit", "ConferenceOrForum"})
_NEGATED = re.compile(r"\b(?:not|never|no longer|won't|cannot|can't|refuses? to|denies|denied|rules? out|ruled out)\b", re.IGNORECASE)
_LAUNCH_VERB = re.compile(r"^(?:launch|inaugurat|open|commission)")
#: a verb of the @subject row that opens something; a work of construction as the subject ("the bridge opens")
_OPENING = re.compile(r"^(?:(?:is|are|was|were|be) (?:\w+ly )?)?(?:opens?|opened|launched|inaugurated)$")
_PROJECT = re.compile(r"\b(?:plant|pipelines?|bridges?|railway|rail line|port|terminal|factory|station|corridor|"
                      r"facility|refinery|airport|crossing|checkpoint|tunnel|highway|mine)\b", re.IGNORECASE)
#: forces as the subject of travel: they arrive for an exercise or a patrol, not on a visit
_FORCES = re.compile(r"\b(?:ships|warships|vessels|destroyers|frigates|aircraft|bombers|fighters|troops|forces|units|"
                     r"fleet|flotilla|squadron|contingent|servicemen|marines)\b", re.IGNORECASE)
#: "by video link", "via video" right before a PhoneCall cue: a manner of taking part
_BY_REMOTE = re.compile(r"\b(?:by|via|over)\s+$", re.IGNORECASE)
_REGULAR = re.compile(r"\bregular\b", re.IGNORECASE)
_HEADS_OF = re.compile(r"\bheads? of (?:state|government)s?$", re.IGNORECASE)
#: an organisation's ministers as the subject ("SCO foreign ministers meet"): its ministerial meeting
_ORG_MINISTERS = re.compile(r"\b(?:[A-Z]{2,}[\w\-]*|member[- ]states?['\u2019]?)\s+(?:[A-Za-z]+\s+){0,3}[Mm]inisters\b")
_MEETING_LIKE = frozenset({"BilateralMeeting", "CommissionSession"})
#: a gathering as the subject of an act ("The SCO summit in Dushanbe approves ..."): the gathering is what happened
_GATHERINGS = frozenset({"Summit", "CommissionSession", "ConferenceOrForum"})
_GATHERING_SUBJECT = re.compile(r"^\s*(?:the\s+)?(?:[\w\-'\u2019]+\s+){0,5}?(?:summit|session|meeting|council|forum|conference)\b"
                                r"(?:\s+(?:in|of|at)\s+[\w\-'\u2019 ]+?)?\s*$", re.IGNORECASE)
#: a standing body as the subject of "convenes"
_BODY = re.compile(r"\b(?:commission|committee|council|sub-?commission)\b", re.IGNORECASE)
#: a nominal headline of a report: "Announcement by the Russian side that ..."
_NOMINAL_REPORT = re.compile(r"^\s*(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?(announcement|statement|report|confirmation|declaration)"
                             r"\s+(?:(?:by|from|of)\s+[^,;]{1,60}?\s+)?that\b", re.IGNORECASE)
#: the first shipment of a project as the subject of "arrives"
_FIRST_SHIPMENT = re.compile(r"\bfirst\b[^.]{0,40}\b(?:oil|gas|LNG|cargo|shipment|train|flight|electricity|power)\b", re.IGNORECASE)


#: the word before a verb form ("Putin's", "to", "the"); the word after it; 'to' after a control verb;
#: 'and' ending the object
_PREV_WORD = re.compile(r"([\w\-'\u2019]+)[,)]?$")
_NEXT_WORD = re.compile(r"\s+(?:(?:will|would|also)\s+)?([a-z][\w\-]*)")
_TO_NEXT = re.compile(r"\s+(?:(?:[\w\-]+\s+){0,3}?to\s+)?")
_AND_END = re.compile(r"\band\s*$")
#: a preposition and up to four words (no conjunction) before a form: it ends a noun phrase ("on Middle East issues"),
#: unless an object follows it ("Members of the Duma visit Beijing")
_INTRANSITIVE = frozenset({"opens", "closes", "ends", "starts", "open", "close", "end", "start"})  # no object to look for
_OBJECT_START = re.compile(r"\s+(?:[A-Z]|(?:the|a|an|his|her|its|their|two|both)\b)")
_IN_PHRASE = re.compile(r"\b(?:on|of|about|over|regarding|concerning|into|with|from)\s+"
                        r"(?:(?!(?:and|or|but|then|also)\b)[\w\-'\u2019]+\s+){0,4}$", re.IGNORECASE)


def _prev_word(before: str) -> re.Match | None:
    """_PREV_WORD.search(before), read from the last characters: a match that starts where they start may
    be the tail of a longer word, and only then is the whole text read."""
    lo = max(0, len(before) - 48)
    m = _PREV_WORD.search(before, lo)
    return _PREV_WORD.search(before) if m is not None and m.start() == lo and lo else m


def _verb_ok(clause: str, m: re.Match, after_control: bool) -> bool:
    """A verb form is the clause's finite verb unless the words around make it a noun or a modifier."""
    w = m.group()
    if not w[:1].islower():
        return False  # "Security Talks", "Visit" in a name
    before = clause[:m.start()].rstrip()
    prev = _prev_word(before)
    pw = prev.group(1) if prev else ""
    if pw.endswith(("'s", "\u2019s", "s'")) and " " not in w:
        return False  # "Putin's visit", "the ministers' talks"
    if pw.lower() in ("to",) and not after_control and not w.startswith("be "):
        return False  # an infinitive of purpose: "visits China to co-chair"
    if pw.lower() in ("having", "being", "who", "which", "that", "after", "before", "when", "while") and not after_control:
        return False
    first = w.split()[0]
    if first in _NOUNISH:
        if pw.lower() in ("state", "government", "states", "governments") and _HEADS_OF.search(before):
            return True  # "SCO heads of state meet in Qingdao": the leaders are the subject
        if pw.lower() in _NOUN_BEFORE or (pw and pw[0].isdigit()):
            return pw.lower() in ("to", "and") and after_control
        if first not in _INTRANSITIVE and _IN_PHRASE.search(before[-64:] + " ") and not _OBJECT_START.match(clause, m.end()):
            return False  # "talks focus on the North Korean nuclear issue and Iraq": a phrase's noun, no object after it
        if not pw or (_ANY_VERB.fullmatch(pw) and not _FORCES.fullmatch(pw)):
            return False  # "holds talks": the object of a verb, not a verb ("Navy ships visit Qingdao" has one)
        nm = _NEXT_WORD.match(clause, m.end())
        if nm and nm.group(1) not in _NOUNISH and _ANY_VERB.fullmatch(nm.group(1)):
            return False  # "Hong Kong protests continue": a noun before the verb
    return True


def main_predicate(clause: str) -> Cue | None:
    """The event type the clause's first main verb reports (see PREDICATES), or None when no verb decides."""
    nominal = _NOMINAL_REPORT.match(clause)
    if nominal:
        # "Announcement by the Russian side that deliveries of S-400 systems have been suspended": what is
        # reported decides when it is a happening, else the announcement is a statement
        inner = classify(clause[nominal.end():])
        if inner is not None and inner.type not in ("Statement", "OtherEvent"):
            off = nominal.end()
            status = "announced" if inner.status != "held" else "held"  # as a reporting verb's (@report)
            return Cue(inner.type, off + inner.start, off + inner.end, STRONG, status, inner.sidelines)
        return Cue("Statement", nominal.start(1), nominal.end(1), STRONG, "held", bool(_SIDELINES.search(clause)))
    status_override = None
    after_control = False
    weak: Cue | None = None  # "attends the opening ceremony and holds talks": a weak object waits for the next verb
    pos = 0
    for _guard in range(8):
        found = None
        for vm in _ANY_VERB.finditer(clause, pos):
            if _verb_ok(clause, vm, after_control):
                found = vm
                break
        if found is None:
            return weak
        v0, v1 = found.start(), found.end()
        verb = found.group()
        nxt = None
        for vm in _ANY_VERB.finditer(clause, v1):
            if _verb_ok(clause, vm, False):
                nxt = vm
                break
        obj_end = nxt.start() if nxt is not None else len(clause)
        semi = clause.find(";", v1)
        if 0 <= semi < obj_end:
            obj_end = semi
        rest = clause[v1:]
        for orx, rule, fallback in _verb_rows(verb):
            if orx is not None and not orx.match(rest):
                continue
            break
        else:
            pos = v1  # a verb form no row takes here ("heads of government"): read on
            continue
        if rule == "@next":
            m2 = _TO_NEXT.match(clause, v1)
            pos = m2.end() if m2 else v1
            status_override = "planned"
            after_control = True
            continue
        if rule == "@report":
            obj_end = semi if semi >= 0 else len(clause)  # what is reported runs to the clause's end
        subject, obj = clause[:v0], clause[v1:obj_end]
        typ, s, e = rule, v0, v1
        if rule == "Statement" and _GATHERING_SUBJECT.match(subject):
            c = _cue_in(subject, strong_only=True)
            if c is not None and c[0] in _GATHERINGS:
                typ, s, e = c[0], c[1], c[2]  # "The SCO summit in Dushanbe approves ...": the summit acts
        if rule.startswith("@") and _LAUNCH_VERB.match(verb):
            lm = _COMPILED_BY_TYPE["Launch"].match(clause, v0, obj_end)
            if lm:
                rule, typ, e = "Launch", "Launch", lm.end()
        if rule == "@subject" and _OPENING.match(verb) and _PROJECT.search(subject):
            rule, typ = "Launch", "Launch"  # "The Blagoveshchensk-Heihe bridge opens to traffic"
        if rule == "@report":
            # what is reported has a predicate of its own: "the Ministry says ... navies hold Northern/Interaction-2023"
            inner = main_predicate(clause[v1:obj_end])
            if inner is not None and inner.type not in ("Statement", "OtherEvent") \
                    and not _NEGATED.search(clause, v1, v1 + inner.start):
                s, e = v1 + inner.start, v1 + inner.end
                typ = _refine(inner.type, clause)
                status = status_override or ("announced" if inner.status != "held" else "held")
                return Cue(typ, s, e, STRONG, status, bool(_SIDELINES.search(clause)))
        if rule.startswith("@"):
            order = [(subject, 0), (obj, v1)] if rule == "@subject" else [(obj, v1)] if rule in ("@report", "@plan", "@chair") or weak else [(obj, v1), (subject, 0)]
            got = None
            for part, off in order:
                c = _cue_in(part, strong_only=rule in ("@report",))
                if c is not None and c[0] == "PhoneCall" and _BY_REMOTE.search(part, 0, c[1]):
                    # "watch by video link the launch of the pipeline" / "as construction begins": how they took
                    # part, not what happened (which the rest of the clause tells)
                    c2 = _cue_in(clause[off + c[2]:], strong_only=True)
                    if c2 is not None and c2[0] != "PhoneCall":
                        c = (c2[0], c[2] + c2[1], c[2] + c2[2], c2[3])
                if c is not None:
                    got = (c[0], off + c[1], off + c[2], c[3])
                    break
            if got is not None and rule == "@chair" and got[0] not in _CHAIRED:
                got = None
            if got is not None and rule == "@report" and _NEGATED.search(clause, v1, got[1]):
                got = None  # "says China will not supply weapons": a statement, no delivery
            if got is None and rule in ("@object", "@subject") and _NAMED_EDITION.match(obj if rule == "@object" else subject):
                # "navies hold Northern/Interaction-2023": a named edition held by forces is an exercise
                got = ("MilitaryExercise", v1, obj_end, STRONG)
            if got is None:
                if rule in ("@report", "@plan"):
                    typ = "Statement"
                elif rule == "@subject" and verb.startswith("conven") and _BODY.search(subject):
                    typ = "CommissionSession"  # "The intergovernmental commission ... convenes for the first time"
                elif fallback:
                    typ = fallback
                else:
                    return weak
            else:
                typ, s, e, strength = got
                if strength != STRONG and nxt is not None and weak is None and _AND_END.search(clause, v1, nxt.start()):
                    weak = Cue(typ, s, e, STRONG, status_override or status_of(clause, s, e), bool(_SIDELINES.search(clause)))
                    pos = nxt.start()
                    continue
                if rule == "@plan":
                    status_override = "planned"
        typ = _refine(typ, clause)
        if typ == "Statement" and _COMPILED_BY_TYPE["UNAction"].search(clause):
            typ = "UNAction"  # words and acts addressed to the UN are UN actions ("request the Security Council to meet")
        if typ == "Visit" and _FORCES.search(subject):
            c = _cue_in(obj, strong_only=True)
            if c is not None and c[0] in EXERCISE_TYPES | {"JointPatrol"}:
                typ, s, e = c[0], v1 + c[1], v1 + c[2]  # "PLA Navy ships arrive in Vladivostok for Joint Sea-2017"
        if typ == "Visit" and _COMPILED_BY_TYPE["ArmsDelivery"].search(subject):
            typ = "ArmsDelivery"  # "A batch of ten Su-35 fighters arrives in China"
        elif typ == "Visit" and _FIRST_SHIPMENT.search(subject):
            typ = "Launch"  # "The first LNG cargo from Yamal arrives in China": a project's first delivery
        if typ in ("Visit", "BilateralMeeting") and _COMPILED_BY_TYPE["Appointment"].search(subject):
            typ = "Appointment"  # "New Chinese Ambassador ... arrives in Moscow"
        if typ in _MEETING_LIKE and _LEADERS.search(subject + " " + obj):
            # leaders of an organisation's members meeting (an SCO heads-of-government council, an informal
            # BRICS meeting) is a summit; the two premiers' regular meeting is their commission's session
            bilateral = _BILATERAL.search(clause) or _REGULAR.search(clause)  # "the 14th regular meeting of heads of government"
            typ = "CommissionSession" if bilateral and not _MULTILATERAL.search(clause) else "Summit"
        if typ == "BilateralMeeting" and _ORG_MINISTERS.search(subject):
            typ = "CommissionSession"  # "SCO foreign ministers meet in Bishkek": the organisation's ministers' meeting
        status = status_override or status_of(clause, s, e)
        if typ == "Statement" and status != "held" and rule != "@plan" and status_override is None:
            status = "held"  # the statement itself was made ("says ... will visit" reports a plan, is no plan)
        if weak is not None and typ in ("Statement", "OtherEvent"):
            return weak
        return Cue(typ, s, e, STRONG, status, bool(_SIDELINES.search(clause)))
    return weak


def _cue_in(text: str, strong_only: bool = False) -> tuple[str, int, int, str] | None:
    """The earliest cue of the table in `text` (strong before weak; at one position the earlier row):
    (type, start, end, strength)."""
    for strength, rx, types in _CUE_SCANS:
        if strong_only and strength != STRONG:
            break
        m = rx.search(text)
        if m is not None:
            return types[m.lastindex - 1], m.start(), m.end(), strength
    return None


def _cue_scan(strength: str) -> tuple[str, re.Pattern, list[str]]:
    """The rows of one strength as one pattern '(row1)|(row2)|...' and the type of each group: its leftmost
    match is the earliest cue, and at that position the first row that matches, as row-by-row searches
    would find, in one pass that stops there (the rows have no groups of their own). Regrouped by first
    character as in _by_first_char ('(?=s)(?:(row3)|(row9))|...': a row in each group its matches can start
    with, in row order), the engine tries only the rows that can start at a position."""
    rows = [(t, p) for t, s, p in CUES if s == strength]
    firsts = [_first_chars(p) for _t, p in rows]
    if any(f is None for f in firsts):
        groups = [("", rows)]
    else:
        folded = [{c.lower() for c in f} for f in firsts]  # the rows are case-insensitive, and so the lookaheads
        groups = [(f"(?={re.escape(ch)})", [row for row, f in zip(rows, folded) if ch in f])
                  for ch in sorted(set().union(*folded))]
    pattern = "|".join(look + "(?:" + "|".join(f"({p})" for _t, p in group) + ")" for look, group in groups)
    return strength, re.compile(pattern, re.IGNORECASE), [t for _look, group in groups for t, _p in group]


_CUE_SCANS = [_cue_scan(STRONG), _cue_scan(WEAK)]


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
_REDUCE = re.compile(r"\b(?:recall(?:s|ed)?|expel(?:s|led)?|sanction(?:s|ed)?|impos(?:es|ed) (?:\w+ )?(?:sanctions|embargo|ban))\b", re.IGNORECASE)
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
        # PLOVER codes statements only by their content: support -> SUPPORT, criticism -> ACCUSE;
        # reducing relations (recalling an ambassador, expelling diplomats, sanctions) -> CAMEO 16x, SANCTION
        red = _REDUCE.search(clause)
        if red:
            w = red.group().lower()
            cameo = "161" if w.startswith("recall") else "166" if w.startswith("expel") else "163"
            cat, mode = "SANCTION", None
        elif _CRITICAL.search(clause):
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
