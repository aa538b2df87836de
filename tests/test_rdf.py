"""Records -> quads: the contract's vocabulary and IRIs, checked triple by triple, and SHACL conformance."""

import datetime as dt
from pathlib import Path

import pytest
from pyoxigraph import Literal, Quad, RdfFormat, Store, serialize

from kg.iris import IRIs
from kg.rdf import article_quads
from kg.records import (
    AgreementRecord,
    ArticleMeta,
    ArticleRecords,
    DateSpan,
    EntityRef,
    EventRecord,
    FileFormat,
    MembershipRecord,
    MonetaryAmountRecord,
    Passage,
    Precision,
    SectionKind,
    SourceFile,
    TenureRecord,
)

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://example.org/kg"
iris = IRIs(BASE)
CCR = iris.ontology
R = iris.resource
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
D = dt.date

SRC = SourceFile(path="x/000.txt", name="000.txt", sha256="ab" * 32, format=FileFormat.MARKDOWN, size=100)
P1 = Passage(SRC, 10, 60, "Sept. 3-5, 2017: Ninth BRICS annual summit is held in Xiamen.", SectionKind.CHRONOLOGY)
P2 = Passage(SRC, 70, 90, "Putin and Xi sign a $400 billion gas deal.", SectionKind.NARRATIVE)
XI = EntityRef("xi-jinping", "Xi Jinping", "Person", title="President", country="china")
CHINA = EntityRef("china", "China", "State")
RUSSIA = EntityRef("russia", "Russia", "State")
OKH = EntityRef("okhotsk-sea", "Okhotsk Sea", "WaterBody", discovered=True, alt_labels=("Sea of Okhotsk", "Okhotsk Sea"))
RYABKOV = EntityRef("sergey-ryabkov", "Sergey Ryabkov", "Person", discovered=True, country="russia",
                    title="Deputy Foreign Minister")


def records() -> ArticleRecords:
    summit = EventRecord(
        key="2017-09-03/summit/brics-summit", type="Summit", label="9th BRICS summit (Xiamen)",
        date=DateSpan(D(2017, 9, 3), D(2017, 9, 5), Precision.DAY, "Sept. 3-5, 2017"), passage=P1,
        participants=(XI, CHINA, RUSSIA), hosts=(CHINA,), place=EntityRef("xiamen", "Xiamen", "City"),
        extra_places=(OKH,), series="brics-summit", ordinal=9, cameo="043", plover_category="CONSULT",
        plover_mode="multilateral", plover_context="diplomatic", truncated=True,
        text_issues=("year contradicts the period",), extra_passages=(P2,),
    )
    meeting = EventRecord(
        key="2017-09-03/bilateralmeeting/vladimir-putin-xi-jinping", type="BilateralMeeting", label="Meeting",
        date=DateSpan(D(2017, 9, 3), D(2017, 9, 3)), passage=P1, participants=(XI, RYABKOV),
        sub_event_of=summit.key, status="planned", name="Joint Sea-2017",
        concerns=("agreement/gas-deal", "belt-and-road-initiative"),
    )
    deal = AgreementRecord(
        key="agreement/gas-deal", type="Contract", label="Gas deal", passage=P2, parties=(CHINA, RUSSIA),
        signatories=(XI,), date=DateSpan(D(2014, 5, 21), D(2014, 5, 21)),
        value=MonetaryAmountRecord(400e9, "USD", "$400 billion", usd=400e9), duration_years=30,
        signed_at_event=summit.key,
    )
    tenure = TenureRecord(key="sergey-ryabkov/deputy-foreign-minister/2017-09-29", holder=RYABKOV,
                          role_title="Deputy Foreign Minister", organization=RUSSIA, observed_on=D(2017, 9, 29), passage=P2)
    member = MembershipRecord(key="india/sco", member=EntityRef("india", "India", "State"),
                              organization=EntityRef("sco", "SCO", "InternationalOrganization"), status="FullMember",
                              passage=P2, start=D(2017, 6, 9))
    meta = ArticleMeta(title="Between the Past and the Future", author="Yu Bin", affiliation="Wittenburg University",
                       volume="19", number="3", issue_date=D(2018, 1, 1), page_start=111, page_end=124,
                       period_start=D(2017, 9, 1), period_end=D(2017, 12, 31))
    return ArticleRecords(article_slug="cc-19-3-china-russia", meta=meta, sources=(SRC,), events=(summit, meeting),
                          agreements=(deal,), tenures=(tenure,), memberships=(member,), entities=(OKH, RYABKOV))


@pytest.fixture(scope="module")
def quads():
    return list(article_quads(records(), iris))


@pytest.fixture(scope="module")
def triples(quads):
    return {(q.subject.value, q.predicate.value, _obj(q.object)) for q in quads}


def _obj(o):
    if isinstance(o, Literal):
        return (o.value, o.datatype.value)
    return o.value


def c(local):
    return CCR + local


S = XSD + "string"
EV = R + "event/2017-09-03-summit-brics-summit"
MEET = R + "event/2017-09-03-bilateralmeeting-vladimir-putin-xi-jinping"
ART = R + "article/cc-19-3-china-russia"
PASS1 = R + "passage/cc-19-3-china-russia-abababab-10-60"
PASS2 = R + "passage/cc-19-3-china-russia-abababab-70-90"
FILE = R + "file/" + "ab" * 8
AGR = R + "agreement/agreement-gas-deal"


def test_one_named_graph(quads):
    assert {q.graph_name.value for q in quads} == {BASE + "/graph/article/cc-19-3-china-russia"}
    assert len(quads) == len(set(quads))  # no duplicate statements


@pytest.mark.parametrize(
    "triple",
    [
        (ART, RDF_TYPE, c("Article")),
        (ART, "http://purl.org/dc/terms/title", ("Between the Past and the Future", S)),
        (ART, c("author"), R + "yu-bin"),
        (R + "yu-bin", RDF_TYPE, c("Person")),
        (ART, c("authorAffiliation"), ("Wittenburg University", S)),
        (ART, c("journal"), R + "comparative-connections"),
        (R + "comparative-connections", RDF_TYPE, c("Journal")),
        (ART, c("volume"), ("19", S)),
        (ART, c("issueNumber"), ("3", S)),
        (ART, c("issueDate"), ("2018-01", XSD + "gYearMonth")),
        (ART, c("pageStart"), ("111", XSD + "positiveInteger")),
        (ART, c("pageEnd"), ("124", XSD + "positiveInteger")),
        (ART, c("periodStart"), ("2017-09-01", XSD + "date")),
        (ART, c("periodEnd"), ("2017-12-31", XSD + "date")),
        (ART, c("sourceFile"), FILE),
        (FILE, RDF_TYPE, c("SourceFile")),
        (FILE, c("fileName"), ("000.txt", S)),
        (FILE, c("sha256"), ("ab" * 32, S)),
        (FILE, c("fileFormat"), ("markdown", S)),
        # passages
        (PASS1, RDF_TYPE, c("Passage")),
        (PASS1, c("text"), (P1.text, S)),
        (PASS1, c("startOffset"), ("10", XSD + "nonNegativeInteger")),
        (PASS1, c("endOffset"), ("60", XSD + "nonNegativeInteger")),
        (PASS1, c("sectionKind"), ("chronology", S)),
        (PASS1, c("inArticle"), ART),
        (PASS1, c("sourceFile"), FILE),
        # the event
        (EV, RDF_TYPE, c("Summit")),
        (EV, LABEL, ("9th BRICS summit (Xiamen)", S)),
        (EV, c("startDate"), ("2017-09-03", XSD + "date")),
        (EV, c("endDate"), ("2017-09-05", XSD + "date")),
        (EV, c("datePrecision"), c("DayPrecision")),
        (EV, c("participant"), R + "xi-jinping"),
        (EV, c("participant"), R + "china"),
        (EV, c("host"), R + "china"),
        (EV, c("location"), R + "xiamen"),
        (EV, c("location"), R + "okhotsk-sea"),
        (R + "okhotsk-sea", RDF_TYPE, c("WaterBody")),
        (R + "okhotsk-sea", LABEL, ("Okhotsk Sea", S)),
        (R + "okhotsk-sea", "http://www.w3.org/2004/02/skos/core#altLabel", ("Sea of Okhotsk", S)),
        (EV, c("inSeries"), R + "brics-summit"),
        (EV, c("ordinal"), ("9", XSD + "positiveInteger")),
        (EV, c("cameoCode"), ("043", S)),
        (EV, c("ploverCategory"), ("CONSULT", S)),
        (EV, c("ploverMode"), ("multilateral", S)),
        (EV, c("ploverContext"), ("diplomatic", S)),
        (EV, c("eventStatus"), ("held", S)),
        (EV, c("truncated"), ("true", XSD + "boolean")),
        (EV, c("textIssue"), ("year contradicts the period", S)),
        (EV, c("sourcePassage"), PASS1),
        (EV, c("sourcePassage"), PASS2),
        (MEET, c("subEventOf"), EV),
        (MEET, c("eventStatus"), ("planned", S)),
        (MEET, c("eventName"), ("Joint Sea-2017", S)),
        (MEET, c("year"), ("2017", XSD + "gYear")),
        (MEET, c("concerns"), AGR),
        (MEET, c("concerns"), R + "belt-and-road-initiative"),
        (R + "sergey-ryabkov", RDF_TYPE, c("Person")),
        (R + "sergey-ryabkov", c("country"), R + "russia"),
        # agreement, amount, duration
        (AGR, RDF_TYPE, c("Contract")),
        (AGR, c("party"), R + "china"),
        (AGR, c("signatory"), R + "xi-jinping"),
        (AGR, c("startDate"), ("2014-05-21", XSD + "date")),
        (AGR, c("value"), R + "amount/agreement-gas-deal"),
        (R + "amount/agreement-gas-deal", RDF_TYPE, c("MonetaryAmount")),
        (R + "amount/agreement-gas-deal", c("amount"), ("400000000000", XSD + "decimal")),
        (R + "amount/agreement-gas-deal", c("currency"), ("USD", S)),
        (R + "amount/agreement-gas-deal", c("amountAsWritten"), ("$400 billion", S)),
        (R + "amount/agreement-gas-deal", c("usdAmount"), ("400000000000", XSD + "decimal")),
        (AGR, c("duration"), ("P30Y", XSD + "duration")),
        (EV, c("agreementSigned"), AGR),
        # tenure and post
        (R + "tenure/sergey-ryabkov-deputy-foreign-minister-2017-09-29", RDF_TYPE, c("Tenure")),
        (R + "tenure/sergey-ryabkov-deputy-foreign-minister-2017-09-29", c("holder"), R + "sergey-ryabkov"),
        (R + "tenure/sergey-ryabkov-deputy-foreign-minister-2017-09-29", c("roleTitle"), ("Deputy Foreign Minister", S)),
        (R + "tenure/sergey-ryabkov-deputy-foreign-minister-2017-09-29", c("post"), R + "post/deputy-foreign-minister-russia"),
        (R + "tenure/sergey-ryabkov-deputy-foreign-minister-2017-09-29", c("observedOn"), ("2017-09-29", XSD + "date")),
        (R + "post/deputy-foreign-minister-russia", RDF_TYPE, c("Post")),
        (R + "post/deputy-foreign-minister-russia", LABEL, ("Deputy Foreign Minister of Russia", S)),
        (R + "post/deputy-foreign-minister-russia", c("postIn"), R + "russia"),
        # membership
        (R + "membership/india-sco", RDF_TYPE, c("Membership")),
        (R + "membership/india-sco", c("member"), R + "india"),
        (R + "membership/india-sco", c("organization"), R + "sco"),
        (R + "membership/india-sco", c("membershipStatus"), c("FullMember")),
        (R + "membership/india-sco", c("startDate"), ("2017-06-09", XSD + "date")),
    ],
)
def test_triple(triples, triple):
    assert triple in triples


def test_alt_label_equal_to_the_label_is_not_repeated(triples):
    alt = "http://www.w3.org/2004/02/skos/core#altLabel"
    assert [o for s, p, o in triples if s == R + "okhotsk-sea" and p == alt] == [("Sea of Okhotsk", S)]


def test_reference_entities_are_referenced_not_described(triples):
    assert not any(s in (R + "xi-jinping", R + "china", R + "xiamen") for s, _p, _o in triples)


def test_every_node_has_provenance(triples):
    gen = "http://www.w3.org/ns/prov#wasGeneratedBy"
    runs = {o for s, p, o in triples if p == gen}
    assert len(runs) == 1
    for kind in ("event/", "agreement/", "tenure/", "membership/"):
        nodes = {s for s, _p, _o in triples if s.startswith(R + kind)}
        assert nodes
        for n in nodes:
            assert (n, gen, next(iter(runs))) in triples
            assert any(s == n and p == c("sourcePassage") for s, p, _o in triples)


def test_stable_output(quads):
    assert list(article_quads(records(), iris)) == quads


def test_loads_into_oxigraph_and_answers_sparql(quads):
    store = Store()
    store.extend(quads)
    q = f"""PREFIX ccr: <{CCR}>
    SELECT ?e ?s WHERE {{ GRAPH ?g {{ ?e a ccr:Summit ; ccr:startDate ?s ; ccr:location ?l . ?l a ccr:WaterBody }} }}"""
    rows = list(store.query(q))
    assert [(r["e"].value, r["s"].value) for r in rows] == [(EV, "2017-09-03")]


def _shacl(quads):
    import rdflib

    from kg.ontology import validate_shapes
    from kg.settings import Settings

    data = serialize([Quad(q.subject, q.predicate, q.object) for q in quads], format=RdfFormat.N_TRIPLES)
    return validate_shapes(rdflib.Graph().parse(data=data.decode("utf-8"), format="nt"), settings=Settings(base_iri=BASE))


@pytest.mark.skipif(not (ROOT / "ontology" / "shapes.ttl").exists(), reason="ontology/shapes.ttl not written yet")
def test_small_record_set_conforms_to_shapes(quads):
    report = _shacl(quads)
    assert report.conforms, report.text


@pytest.mark.skipif(not (ROOT / "ontology" / "shapes.ttl").exists(), reason="ontology/shapes.ttl not written yet")
def test_extracted_seed_and_unseen_articles_conform_to_shapes():
    from kg.documents import read_document
    from kg.extract import extract_document
    from kg.lexicon import Lexicon

    from kg.resolve import merge_articles

    lex = Lexicon.load()
    for p in (ROOT / "seeds" / "000_989d1c2c2fbc9513.txt", ROOT / "tests" / "fixtures" / "articles" / "cc_2021_pdftext.txt"):
        (recs,) = merge_articles([extract_document(read_document(p), lex)])  # the pipeline's path
        report = _shacl(list(article_quads(recs, iris)))
        assert report.conforms, (p.name, report.text[:3000])


def test_broken_record_fails_shapes():
    """The check above can fail: an event without participants does not conform."""
    recs = records()
    import dataclasses

    bad = dataclasses.replace(recs.events[0], participants=(), organizations=(), hosts=())
    recs = dataclasses.replace(recs, events=(bad,), agreements=(), tenures=(), memberships=())
    report = _shacl(list(article_quads(recs, iris)))
    assert not report.conforms and "participant" in report.text
