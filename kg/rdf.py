"""Records -> N-Quads lines, one named graph per article, following docs/architecture.md.

No text is read here and no rdflib is used. Terms are their N-Triples text, made once per IRIs
instance (predicates, classes) or once per node (a small dict cache); free text goes through
pyoxigraph's Literal, which escapes it. So the cost per triple is one f-string: a large build
writes a million of them, and a pyoxigraph Quad per triple cost three times as much.
`article_quads` parses the lines back into Quads for callers that want objects (tests, SHACL).
Reference entities are referenced by IRI only (their triples live in the entities graph);
discovered entities are typed and labelled in the article graph that found them.

IRIs: events `event/<key parts>`, agreements `agreement/<key>`, tenures `tenure/<key>`,
memberships `membership/<key>`, amounts `amount/<owner key>`, posts `post/<title>-<org>`,
passages `passage/<article>-<file sha256[:8]>-<start>-<end>` (the file hash keeps passages of the
two files of one article apart), source files `file/<sha256[:16]>`, the run
`run/<article>-<hash of the files and the pipeline version>` (stable: re-ingesting changes nothing).
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from pyoxigraph import Literal, Quad

import kg
from kg.iris import IRIs, short_hash, slugify
from kg.records import (
    AgreementRecord,
    ArticleRecords,
    EntityRef,
    EventRecord,
    MonetaryAmountRecord,
    Passage,
    Precision,
    SourceFile,
)
from kg.vocab import STANDARD_PREFIXES as P

_XSD = P["xsd"]
XSD_STRING = f"<{_XSD}string>"
XSD_DATE = f"<{_XSD}date>"
XSD_GYEARMONTH = f"<{_XSD}gYearMonth>"
XSD_GYEAR = f"<{_XSD}gYear>"
XSD_POSINT = f"<{_XSD}positiveInteger>"
XSD_NNINT = f"<{_XSD}nonNegativeInteger>"
XSD_DECIMAL = f"<{_XSD}decimal>"
XSD_BOOLEAN = f"<{_XSD}boolean>"
XSD_DURATION = f"<{_XSD}duration>"
RDF_TYPE = f"<{P['rdf']}type>"
RDFS_LABEL = f"<{P['rdfs']}label>"
SKOS_ALT = f"<{P['skos']}altLabel>"
DCT_TITLE = f"<{P['dcterms']}title>"
PROV_GENERATED_BY = f"<{P['prov']}wasGeneratedBy>"
PROV_ACTIVITY = f"<{P['prov']}Activity>"
PROV_USED = f"<{P['prov']}used>"

_PRECISION = {Precision.DAY: "DayPrecision", Precision.MONTH: "MonthPrecision", Precision.YEAR: "YearPrecision"}


class _Terms:
    """ccr: terms (as N-Triples text) for one base IRI, made once: after the first lookup a term is
    an instance attribute, so `c.startDate` costs no more than any attribute read."""

    _cache: dict[str, "_Terms"] = {}

    def __init__(self, iris: IRIs):
        self.iris = iris
        self._t: dict[str, str] = {}

    @classmethod
    def of(cls, iris: IRIs) -> "_Terms":
        t = cls._cache.get(iris.base)
        if t is None:
            t = cls._cache[iris.base] = cls(iris)
        return t

    def __getattr__(self, local: str) -> str:
        if local.startswith("_"):
            raise AttributeError(local)
        node = self._t.get(local)
        if node is None:
            node = self._t[local] = f"<{self.iris.term(local)}>"
            setattr(self, local, node)
        return node

    def __getitem__(self, local: str) -> str:
        node = self._t.get(local)
        return node if node is not None else self.__getattr__(local)


def _visitors(ev: EventRecord) -> list[EntityRef]:
    """Who travels in a Visit: the acting persons and states not of the host's country.

    The host is the receiving state (ev.hosts) or, failing that, the country of the place.
    Without either we cannot tell visitor from host, and say nothing.
    """
    if ev.type != "Visit":
        return []
    home = {h.slug if h.type == "State" else h.country for h in ev.hosts} - {None}
    if not home and ev.place is not None and ev.place.country:
        home = {ev.place.country}
    if not home:
        return []
    out = []
    for ref in ev.participants:
        country = ref.slug if ref.type == "State" else ref.country
        if ref.type in ("Person", "State") and country and country not in home:
            out.append(ref)
    return out


def _lit(value: str) -> str:
    """A plain literal; pyoxigraph escapes the text (quotes, backslashes, line breaks)."""
    return str(Literal(value))


def _typed(lexical: str, datatype: str) -> str:
    """A typed literal whose lexical form is made here from a number, date or flag (nothing to
    escape), e.g. _typed("12", XSD_POSINT)."""
    return f'"{lexical}"^^{datatype}'


def _date(d) -> str:
    return f'"{d.isoformat()}"^^{XSD_DATE}'


def _duration(years: float) -> str:
    """30 -> 'P30Y'; 2.5 -> 'P2Y6M'; 0.25 -> 'P3M'."""
    months = round(years * 12)
    y, m = divmod(months, 12)
    out = "P" + (f"{y}Y" if y else "") + (f"{m}M" if m else "")
    return out if out != "P" else "P0Y"


def _decimal(x: float) -> str:
    s = f"{x:.6f}".rstrip("0").rstrip(".") if not float(x).is_integer() else str(int(x))
    return _typed(s, XSD_DECIMAL)


class _Writer:
    """Collects the quads of one article; nodes are cached by IRI."""

    def __init__(self, records: ArticleRecords, iris: IRIs):
        self.r = records
        self.iris = iris
        self.c = _Terms.of(iris)
        self.g = f"<{iris.article_graph(records.article_slug)}>"
        self.out: list[str] = []  # triples as N-Triples text ('<s> <p> <o>'); all in graph self.g
        self._nodes: dict[str, str] = {}
        self._typed: set[str] = set()
        self.article = self.node(iris.article(records.article_slug))
        files = "|".join(sorted(s.sha256 for s in records.sources))
        self.run = self.node(iris.node("run", records.article_slug, short_hash(files, kg.__version__)))
        self.event_keys = {e.key for e in records.events}
        self.agreement_keys = {a.key for a in records.agreements}

    # -- basics ------------------------------------------------------------------------------
    def node(self, iri: str) -> str:
        n = self._nodes.get(iri)
        if n is None:
            n = self._nodes[iri] = f"<{iri}>"
        return n

    def add(self, s: str, p: str, o: str) -> None:
        self.out.append(f"{s} {p} {o}")

    def entity(self, ref: EntityRef) -> str:
        n = self.node(self.iris.entity(ref.slug))
        if ref.discovered and ref.slug not in self._typed:
            self._typed.add(ref.slug)
            self.add(n, RDF_TYPE, self.c[ref.type])
            self.add(n, RDFS_LABEL, _lit(ref.label))
            if ref.country and ref.type != "State":
                self.add(n, self.c.country, self.node(self.iris.entity(ref.country)))
            for alt in sorted(set(getattr(ref, "alt_labels", ())) - {ref.label}):
                self.add(n, SKOS_ALT, _lit(alt))
        return n

    def key_node(self, kind: str, key: str) -> str:
        return self.node(self.iris.node(kind, *key.split("/")))

    def event_node(self, key: str) -> str:
        return self.key_node("event", key)

    def file_node(self, f: SourceFile) -> str:
        return self.node(self.iris.node("file", f.sha256[:16]))

    def passage(self, p: Passage) -> str:
        iri = self.iris.node("passage", self.r.article_slug, p.file.sha256[:8], str(p.start), str(p.end))
        n = self._nodes.get(iri)
        if n is not None:
            return n
        n = self.node(iri)
        c = self.c
        self.add(n, RDF_TYPE, c.Passage)
        self.add(n, c.text, _lit(p.text))
        self.add(n, c.startOffset, _typed(str(p.start), XSD_NNINT))
        self.add(n, c.endOffset, _typed(str(p.end), XSD_NNINT))
        self.add(n, c.sectionKind, _lit(p.section.value))
        self.add(n, c.inArticle, self.article)
        self.add(n, c.sourceFile, self.file_node(p.file))
        return n

    def provenance(self, n: str, passages) -> None:
        for p in passages:
            self.add(n, self.c.sourcePassage, self.passage(p))
        self.add(n, PROV_GENERATED_BY, self.run)

    def concern(self, c: str) -> str:
        if c in self.agreement_keys:
            return self.key_node("agreement", c)
        if c in self.event_keys:
            return self.event_node(c)
        if "/" in c:
            return self.key_node("agreement" if c.startswith("agreement") else "event", c)
        return self.node(self.iris.entity(c))

    # -- sections ----------------------------------------------------------------------------
    def write(self) -> list[str]:
        self.write_article()
        for e in self.r.entities:
            self.entity(e)
        for ev in self.r.events:
            self.write_event(ev)
        for ag in self.r.agreements:
            self.write_agreement(ag)
        for t in self.r.tenures:
            self.write_tenure(t)
        for m in self.r.memberships:
            self.write_membership(m)
        for i in self.r.initiatives:
            self.write_initiative(i)
        return self.out

    def write_article(self) -> None:
        c, a, m = self.c, self.article, self.r.meta
        self.add(a, RDF_TYPE, c.Article)
        if m.title:
            self.add(a, DCT_TITLE, _lit(m.title))
            self.add(a, RDFS_LABEL, _lit(m.title))
        if m.author:
            for name in _authors(m.author):
                person = self.entity(EntityRef(slugify(name), name, "Person", discovered=True))
                self.add(a, c.author, person)
        if m.affiliation:
            self.add(a, c.authorAffiliation, _lit(m.affiliation))
        journal = self.node(self.iris.entity(slugify(m.journal)))
        self.add(a, c.journal, journal)
        if slugify(m.journal) not in self._typed:
            self._typed.add(slugify(m.journal))
            self.add(journal, RDF_TYPE, c.Journal)
            self.add(journal, RDFS_LABEL, _lit(m.journal))
        if m.volume:
            self.add(a, c.volume, _lit(m.volume))
        if m.number:
            self.add(a, c.issueNumber, _lit(m.number))
        if m.issue_date:
            if m.issue_date_precision == "month":
                self.add(a, c.issueDate, _typed(m.issue_date.strftime("%Y-%m"), XSD_GYEARMONTH))
            else:
                self.add(a, c.issueDate, _date(m.issue_date))
        if m.page_start and m.page_start > 0:
            self.add(a, c.pageStart, _typed(str(m.page_start), XSD_POSINT))
        if m.page_end and m.page_end > 0:
            self.add(a, c.pageEnd, _typed(str(m.page_end), XSD_POSINT))
        if m.period_start:
            self.add(a, c.periodStart, _date(m.period_start))
        if m.period_end:
            self.add(a, c.periodEnd, _date(m.period_end))
        for f in self.r.sources:
            fn = self.file_node(f)
            self.add(a, c.sourceFile, fn)
            self.add(fn, RDF_TYPE, c.SourceFile)
            self.add(fn, c.fileName, _lit(f.name))
            self.add(fn, c.sha256, _lit(f.sha256))
            self.add(fn, c.fileFormat, _lit(f.format.value))
            self.add(self.run, PROV_USED, fn)
        self.add(self.run, RDF_TYPE, c.ExtractionRun)
        self.add(self.run, RDF_TYPE, PROV_ACTIVITY)
        self.add(self.run, RDFS_LABEL, _lit(f"extraction of {self.r.article_slug} by kg {kg.__version__}"))

    def write_event(self, ev: EventRecord) -> None:
        c = self.c
        n = self.event_node(ev.key)
        add = self.add
        add(n, RDF_TYPE, c[ev.type])
        add(n, RDFS_LABEL, _lit(ev.label))
        add(n, c.startDate, _date(ev.date.start))
        add(n, c.endDate, _date(ev.date.end))
        add(n, c.datePrecision, c[_PRECISION[ev.date.precision]])
        seen: set[str] = set()
        # hosts are participants too (the shapes ask for it; ccr:host is a subproperty)
        for ref in (*ev.participants, *ev.hosts, *ev.organizations):
            if ref.slug not in seen:
                seen.add(ref.slug)
                add(n, c.participant, self.entity(ref))
        for ref in ev.hosts:
            add(n, c.host, self.entity(ref))
        for ref in _visitors(ev):
            add(n, c.visitor, self.entity(ref))
        for ref in ((ev.place,) if ev.place else ()) + tuple(getattr(ev, "extra_places", ())):
            add(n, c.location, self.entity(ref))
        if ev.series:
            add(n, c.inSeries, self.node(self.iris.entity(ev.series)))
        if ev.sub_event_of:
            add(n, c.subEventOf, self.event_node(ev.sub_event_of))
        for k in ev.concerns:
            add(n, c.concerns, self.concern(k))
        if ev.ordinal and ev.ordinal > 0:
            add(n, c.ordinal, _typed(str(ev.ordinal), XSD_POSINT))
        if ev.name:
            add(n, c.eventName, _lit(ev.name))
            add(n, c.year, _typed(str(ev.date.start.year), XSD_GYEAR))
        for prop, val in (("personnelCount", ev.personnel), ("shipCount", ev.ships),
                          ("aircraftCount", ev.aircraft), ("vehicleCount", ev.vehicles)):
            if val is not None and val >= 0:
                add(n, c[prop], _typed(str(val), XSD_NNINT))
        for prop, val in (("cameoCode", ev.cameo), ("ploverCategory", ev.plover_category),
                          ("ploverMode", ev.plover_mode), ("ploverContext", ev.plover_context)):
            if val:
                add(n, c[prop], _lit(val))
        add(n, c.eventStatus, _lit(ev.status))
        if ev.truncated:
            add(n, c.truncated, _typed("true", XSD_BOOLEAN))
        for issue in ev.text_issues:
            add(n, c.textIssue, _lit(issue))
        self.provenance(n, (ev.passage, *ev.extra_passages))

    def amount(self, owner_key: str, v: MonetaryAmountRecord) -> str:
        c = self.c
        n = self.key_node("amount", owner_key)
        self.add(n, RDF_TYPE, c.MonetaryAmount)
        self.add(n, c.amount, _decimal(v.amount))
        self.add(n, c.currency, _lit(v.currency))
        self.add(n, c.amountAsWritten, _lit(v.as_written))
        if v.usd is not None:
            self.add(n, c.usdAmount, _decimal(v.usd))
        return n

    def write_agreement(self, ag: AgreementRecord) -> None:
        c = self.c
        n = self.key_node("agreement", ag.key)
        self.add(n, RDF_TYPE, c[ag.type])
        self.add(n, RDFS_LABEL, _lit(ag.label))
        for ref in ag.parties:
            self.add(n, c.party, self.entity(ref))
        for ref in ag.signatories:
            self.add(n, c.signatory, self.entity(ref))
        if ag.date is not None:
            self.add(n, c.startDate, _date(ag.date.start))
            self.add(n, c.datePrecision, c[_PRECISION[ag.date.precision]])
        if ag.value is not None:
            self.add(n, c.value, self.amount(ag.key, ag.value))
        if ag.duration_years:
            self.add(n, c.duration, _typed(_duration(ag.duration_years), XSD_DURATION))
        if ag.signed_at_event:
            self.add(self.event_node(ag.signed_at_event), c.agreementSigned, n)
        self.provenance(n, (ag.passage, *ag.extra_passages))

    def write_tenure(self, t) -> None:
        c = self.c
        n = self.key_node("tenure", t.key)
        self.add(n, RDF_TYPE, c.Tenure)
        self.add(n, c.holder, self.entity(t.holder))
        self.add(n, c.roleTitle, _lit(t.role_title))
        if t.organization is not None:
            org = self.entity(t.organization)
            post = self.node(self.iris.node("post", slugify(t.role_title), t.organization.slug))
            if post not in self._typed:
                self._typed.add(post)
                self.add(post, RDF_TYPE, c.Post)
                self.add(post, RDFS_LABEL, _lit(f"{t.role_title} of {t.organization.label}"))
                self.add(post, c.postIn, org)
            self.add(n, c.post, post)
            self.add(n, c.tenureOrganization, org)
        self.add(n, c.observedOn, _date(t.observed_on))
        if t.start:
            self.add(n, c.startDate, _date(t.start))
            self.add(n, c.datePrecision, c[_PRECISION[Precision(t.start_precision)]])
        if t.end:
            self.add(n, c.endDate, _date(t.end))
        self.provenance(n, (t.passage,))

    def write_membership(self, m) -> None:
        c = self.c
        n = self.key_node("membership", m.key)
        self.add(n, RDF_TYPE, c.Membership)
        self.add(n, c.member, self.entity(m.member))
        self.add(n, c.organization, self.entity(m.organization))
        self.add(n, c.membershipStatus, c[m.status])
        if m.start:
            self.add(n, c.startDate, _date(m.start))
            self.add(n, c.datePrecision, c[_PRECISION[Precision(m.start_precision)]])
        if m.observed_on:
            self.add(n, c.observedOn, _date(m.observed_on))
        self.provenance(n, (m.passage,))

    def write_initiative(self, i) -> None:
        c = self.c
        n = self.key_node(i.type.lower(), i.key) if "/" in i.key else self.node(self.iris.entity(i.key))
        self.add(n, RDF_TYPE, c[i.type])
        self.add(n, RDFS_LABEL, _lit(i.label))
        if i.value is not None:
            self.add(n, c.value, self.amount(i.key, i.value))
        self.provenance(n, (i.passage,))


def _authors(author: str) -> list[str]:
    """'Yu Bin and Joseph Ferguson' -> both names."""
    import re

    return [a.strip() for a in re.split(r"\s*(?:,|\band\b|&)\s*", author) if a.strip()]


def article_triples(records: ArticleRecords, iris: IRIs) -> tuple[str, list[str]]:
    """The article's graph name and its triples, as N-Triples text without the final ' .' (the build
    compares triples across graphs before it writes lines)."""
    w = _Writer(records, iris)
    return w.g, w.write()


def article_lines(records: ArticleRecords, iris: IRIs) -> list[str]:
    """Every quad of one article's named graph as an N-Quads line (see the module docstring)."""
    g, triples = article_triples(records, iris)
    return [f"{t} {g} .\n" for t in triples]


def article_quads(records: ArticleRecords, iris: IRIs) -> Iterator[Quad]:
    """The same quads as pyoxigraph objects (parsing the lines also checks they are valid N-Quads)."""
    yield from ox.parse("".join(article_lines(records, iris)), ox.RdfFormat.N_QUADS)


def entity_quads(lexicon, iris: IRIs) -> list[Quad]:
    """The reference entities graph (delegates to kg.reference, which owns entities.toml)."""
    from kg.reference import reference_quads

    return reference_quads(iris, list(lexicon.entities))
