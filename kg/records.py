"""The pipeline's data model: frozen dataclasses that carry their provenance.

Stages hand these to each other: kg.documents makes Document/Passage; kg.chronology, kg.narrative
and kg.tables make records; kg.resolve merges them; kg.rdf turns them into quads. No RDF here.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field, fields
from enum import Enum


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def replace(record, /, **changes):
    """`dataclasses.replace` for these records, without its per-call look at the fields: merging a large
    corpus copies records hundreds of thousands of times. Valid because no record has __post_init__
    or slots; an unknown field name is still an error."""
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    if not names.issuperset(changes):
        raise TypeError(f"{cls.__name__} has no field(s) {', '.join(sorted(set(changes) - names))}")
    new = object.__new__(cls)
    state = new.__dict__
    state.update(record.__dict__)
    state.update(changes)
    return new


# --- documents ----------------------------------------------------------------------------------
class FileFormat(str, Enum):
    MARKDOWN = "markdown"  # markdown-like extraction: [text](#), \$, *italic*, tab tables
    PDF_TEXT = "pdf-text"  # PDF text: hard-wrapped lines, hyphenation, columns, headers/footers


class SectionKind(str, Enum):
    NARRATIVE = "narrative"
    CHRONOLOGY = "chronology"
    TABLE = "table"
    CAPTION = "caption"
    FRONT = "front"  # title page, abstract, journal line


@dataclass(frozen=True)
class SourceFile:
    path: str  # as given (relative to the working directory or absolute); never written into IRIs
    name: str  # file name only: "000_989d1c2c2fbc9513.txt"
    sha256: str
    format: FileFormat
    size: int


@dataclass(frozen=True)
class Passage:
    """A span of a source file a fact was read from: exact text and character offsets.

    Offsets index the file's decoded text (UTF-8, newlines as in the file) so that
    source_text[start:end] reproduces the passage (before whitespace normalisation); `text` is
    the normalised, de-hyphenated, single-spaced form a reader sees.
    """

    file: SourceFile
    start: int
    end: int
    text: str
    section: SectionKind


@dataclass(frozen=True)
class ArticleMeta:
    title: str | None = None  # "Between the Past and the Future"
    author: str | None = None  # "Yu Bin"
    affiliation: str | None = None  # "Wittenberg University"
    journal: str = "Comparative Connections"
    volume: str | None = None  # "19"
    number: str | None = None  # "3"
    issue_date: dt.date | None = None  # 2018-01-01 with precision below
    issue_date_precision: str = "month"
    page_start: int | None = None
    page_end: int | None = None
    period_start: dt.date | None = None  # the chronology's coverage: 2017-09-01
    period_end: dt.date | None = None  # 2017-12-31

    @property
    def slug(self) -> str | None:
        """'cc-19-3-china-russia' when volume and number are known (the article's identity)."""
        if self.volume and self.number:
            return f"cc-{self.volume}-{self.number}-china-russia"
        return None


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str  # normalised
    section: SectionKind
    # raw offset of every character of `text` (+ one past the end), so any sub-span of the
    # normalised text maps back to the file: kg.documents.sub_passage(). Added by kg.documents.
    offsets: "array | None" = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class ChronologyEntry:
    """One dated entry of the chronology, possibly re-joined across a page break."""

    passage: Passage
    date_text: str  # "Oct. 31-Nov. 2, 2017"
    body: str  # normalised text after the date
    body_offset: int  # offset in the file where the body starts
    heading_year: int | None  # year of the enclosing chronology heading / period
    truncated: bool = False  # the entry ends mid-sentence (cut by the extraction)
    line: int = 0  # 1-based line of the file where the entry starts (for "file:line" messages)
    rejoined: bool = False  # the entry was split by a page break / column and re-joined
    # raw offset of every character of passage.text (+ one past the end): see Paragraph.offsets
    offsets: "array | None" = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Table:
    passage: Passage
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    notes: tuple[str, ...] = ()  # legend lines under the table: "* = Infantry with aerial support"


@dataclass(frozen=True)
class Document:
    source: SourceFile
    raw_text: str  # the decoded file, offsets refer to it
    meta: ArticleMeta
    paragraphs: tuple[Paragraph, ...]  # narrative paragraphs in reading order
    chronology: tuple[ChronologyEntry, ...]
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = ()  # "file:line: message" for things skipped or flagged
    front: tuple[Paragraph, ...] = ()  # title block, author line, journal/citation lines, abstract
    captions: tuple[Paragraph, ...] = ()  # photo/figure captions moved out of the text flow
    headings: tuple[Paragraph, ...] = ()  # section headings of the narrative, in reading order


# --- dates --------------------------------------------------------------------------------------
class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date
    precision: Precision = Precision.DAY
    text: str = ""  # as written

    @property
    def is_range(self) -> bool:
        return self.start != self.end


# --- entities -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class EntityRef:
    """A reference to an entity: a reference entity (slug from ontology/entities.toml) or a discovered one.

    Discovered entities have `discovered=True`, a `type` (ccr class local name) and a label; their
    slug is derived from the label by kg.resolve so that variants collapse ("Yuri/Yury Trutnev").
    """

    slug: str
    label: str
    type: str  # ccr class local name: "Person", "State", "InternationalOrganization", "City", ...
    discovered: bool = False
    country: str | None = None  # slug of a State, for persons/places/bodies
    title: str | None = None  # title as written with the mention: "Deputy Foreign Minister"
    # other spellings met for a discovered entity ("Yury Trutnev"); kg.rdf writes them as skos:altLabel.
    # Not part of the identity: refs differing only here are equal.
    alt_labels: tuple[str, ...] = field(default=(), compare=False)


# --- extracted records (each with its Passage) ---------------------------------------------------
@dataclass(frozen=True)
class MonetaryAmountRecord:
    amount: float  # 400e9
    currency: str  # ISO 4217 "USD", "RUB", "CNY"
    as_written: str  # "$400 billion"
    usd: float | None = None  # only when the text gives a USD figure


@dataclass(frozen=True)
class EventRecord:
    key: str  # stable identity key: "2017-09-03/summit/brics" (kg.rdf turns it into the IRI)
    type: str  # ccr class local name: "Summit", "NavalExercise", ...
    date: DateSpan
    passage: Passage
    label: str  # short human label: "Ninth BRICS summit, Xiamen"
    participants: tuple[EntityRef, ...] = ()
    hosts: tuple[EntityRef, ...] = ()
    organizations: tuple[EntityRef, ...] = ()  # institutions involved (SCO, BRICS, commissions)
    place: EntityRef | None = None
    extra_places: tuple[EntityRef, ...] = ()  # further locations ("Sea of Japan" and "Okhotsk Sea")
    name: str | None = None  # "Joint Sea-2017", "Aerospace Security-2017"
    series: str | None = None  # series slug: "joint-sea", "peace-mission", "brics-summit"
    ordinal: int | None = None  # 9 for "ninth BRICS summit"
    sub_event_of: str | None = None  # key of the enclosing event (sidelines)
    concerns: tuple[str, ...] = ()  # keys of agreements / initiatives / projects / exercises it is about
    personnel: int | None = None
    ships: int | None = None
    aircraft: int | None = None
    vehicles: int | None = None
    cameo: str | None = None
    plover_category: str | None = None
    plover_mode: str | None = None
    plover_context: str | None = None
    status: str = "held"  # held | planned | announced
    truncated: bool = False
    text_issues: tuple[str, ...] = ()  # typos / contradictions recorded, not fixed
    extra_passages: tuple[Passage, ...] = ()  # other sources of the same happening (after merging)


@dataclass(frozen=True)
class AgreementRecord:
    key: str
    type: str  # "Agreement", "Treaty", "Contract", "MemorandumOfUnderstanding", "Loan", "Plan", ...
    label: str
    passage: Passage
    parties: tuple[EntityRef, ...] = ()
    signatories: tuple[EntityRef, ...] = ()
    date: DateSpan | None = None
    value: MonetaryAmountRecord | None = None
    duration_years: float | None = None
    signed_at_event: str | None = None  # event key
    extra_passages: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class TenureRecord:
    """A person shown holding a post/title at a date ("Russian Deputy Foreign Minister Igor Morgulov")."""

    key: str
    holder: EntityRef
    role_title: str  # "Deputy Foreign Minister"
    organization: EntityRef | None  # the state or body the post belongs to
    observed_on: dt.date
    passage: Passage
    start: dt.date | None = None  # when the text says so ("assumed the presidency in March 2013")
    end: dt.date | None = None
    start_precision: str = "day"  # "day" | "month" | "year": "since 2005" is a year, not Jan. 1


@dataclass(frozen=True)
class MembershipRecord:
    key: str
    member: EntityRef
    organization: EntityRef
    status: str  # "FullMember" | "Observer" | "DialoguePartner" | "Guest" | "AccedingState"
    passage: Passage
    start: dt.date | None = None
    observed_on: dt.date | None = None
    start_precision: str = "day"  # "day" | "month" | "year": "joined in June 2017" is a month, not June 1


@dataclass(frozen=True)
class InitiativeRecord:
    key: str
    type: str  # "Initiative" | "Project"
    label: str
    passage: Passage
    participants: tuple[EntityRef, ...] = ()
    value: MonetaryAmountRecord | None = None


@dataclass(frozen=True)
class ArticleRecords:
    """Everything extracted from one article (one or more source files of it)."""

    article_slug: str
    meta: ArticleMeta
    sources: tuple[SourceFile, ...]
    events: tuple[EventRecord, ...] = ()
    agreements: tuple[AgreementRecord, ...] = ()
    tenures: tuple[TenureRecord, ...] = ()
    memberships: tuple[MembershipRecord, ...] = ()
    initiatives: tuple[InitiativeRecord, ...] = ()
    entities: tuple[EntityRef, ...] = ()  # discovered entities (reference ones live in the entities graph)
    warnings: tuple[str, ...] = ()
    unparsed_entries: tuple[Passage, ...] = field(default=())  # chronology entries yielding no event (recall transparency)
