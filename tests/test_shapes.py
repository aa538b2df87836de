"""SHACL shapes: valid SHACL, in step with the ontology, passing good data and naming what breaks bad data.

Fixtures live in tests/fixtures/shapes/: good*.trig / good*.ttl must conform; every file in broken/
declares the violations it must produce in `# expect: <focus> | <constraint> | <message part>`
lines, and must produce exactly those (so a shape that starts firing on good data, or stops firing
on bad data, fails a test).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from kg.ontology import (
    DEFAULT_BASE,
    ccr_namespace,
    ccr_terms,
    disjointness_clashes,
    ontology_graph,
    rebase_text,
    reference_entity_problems,
    shape_term_problems,
    shapes_are_valid_shacl,
    shapes_graph,
    validate_shapes,
)
from kg.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
GOOD = sorted(p for p in FIXTURES.glob("good*") if p.suffix in {".ttl", ".trig"})
BROKEN = sorted((FIXTURES / "broken").glob("*.ttl"))
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
CCR = rdflib.Namespace(ccr_namespace())
_EXPECT = re.compile(r"^# expect: (.+?) \| (\w+) \| (.+)$", re.M)


def load_data(path: Path, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """A fixture as one graph (the union of a TriG file's named graphs), rebased if asked."""
    text = rebase_text(path.read_text(encoding="utf-8"), base)
    g = rdflib.Graph()
    if path.suffix == ".trig":
        ds = rdflib.Dataset()
        ds.parse(data=text, format="trig")
        for s, p, o, _c in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        g.parse(data=text, format="turtle")
    return g


@pytest.fixture(scope="module")
def onto():
    return ontology_graph()


@pytest.fixture(scope="module")
def shapes():
    return shapes_graph()


def test_fixture_sets_are_not_empty():
    assert GOOD and len(BROKEN) >= 8


def test_shapes_are_valid_shacl(shapes):
    report = shapes_are_valid_shacl(shapes)
    assert report.conforms, report.text


def test_shacl_for_shacl_rejects_a_malformed_shape(shapes):
    """The meta-validation really checks: a non-integer sh:minCount and a property shape without
    sh:path must be reported."""
    bad = rdflib.Graph()
    for t in shapes:
        bad.add(t)
    bad.set((rdflib.URIRef("https://w3id.org/china-russia-kg/ontology/shapes#EventParticipantProperty"), SH.minCount, rdflib.Literal("one")))
    pathless = rdflib.URIRef("https://w3id.org/china-russia-kg/ontology/shapes#Pathless")
    bad.add((pathless, rdflib.RDF.type, SH.PropertyShape))
    bad.add((pathless, SH.minCount, rdflib.Literal(1)))
    report = shapes_are_valid_shacl(bad)
    assert not report.conforms
    assert "EventParticipantProperty" in report.text
    assert "Pathless" in report.text


def test_shapes_are_documented(shapes):
    """Readable reports: every targeted shape has a name and a description, every property shape a
    name and a message."""
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    node_shapes = {s for t in targets for s in shapes.subjects(t, None)}
    assert len(node_shapes) >= 12
    for s in node_shapes:
        assert shapes.value(s, SH.name) is not None and shapes.value(s, SH.description) is not None, s
    prop_shapes = set(shapes.objects(None, SH.property))
    assert len(prop_shapes) >= 40
    for s in prop_shapes:
        assert shapes.value(s, SH.name) is not None and shapes.value(s, SH.message) is not None, shapes.value(s, SH.path)


def test_shapes_only_use_declared_terms(shapes, onto):
    assert shape_term_problems(shapes, onto) == []
    drifted = rdflib.Graph()
    for t in shapes:
        drifted.add(t)
    drifted.add((rdflib.BNode(), SH.path, CCR.startDay))
    assert shape_term_problems(drifted, onto) == ["shapes.ttl uses ccr:startDay, which the ontology does not declare"]


def test_event_type_list_matches_the_ontology(shapes, onto):
    """The sh:in list of specific event types is exactly the set of ccr:Event subclasses."""
    prop = rdflib.URIRef("https://w3id.org/china-russia-kg/ontology/shapes#EventTypeProperty")
    qvs = shapes.value(prop, SH.qualifiedValueShape)
    listed = set(rdflib.collection.Collection(shapes, shapes.value(qvs, SH["in"])))
    subclasses = set(onto.transitive_subjects(rdflib.RDFS.subClassOf, CCR.Event)) - {CCR.Event}
    assert listed == subclasses


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_sample_conforms(path, shapes, onto):
    data = load_data(path)
    assert len(data) > 50
    report = validate_shapes(data, shapes=shapes, ontology=onto)
    assert report.conforms, report.text
    assert report.violations == []


def _expectations(path: Path) -> list[tuple[str, str, str]]:
    exp = [tuple(x.strip() for x in m) for m in _EXPECT.findall(path.read_text(encoding="utf-8"))]
    assert exp, f"{path.name} declares no '# expect:' lines"
    return exp


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_sample_fails_with_a_clear_report(path, shapes, onto):
    report = validate_shapes(load_data(path), shapes=shapes, ontology=onto)
    assert not report.conforms
    expected = _expectations(path)
    text = report.text
    for focus, constraint, message in expected:
        hits = [r for r in report.violations if focus in r.focus and r.constraint == constraint and message in r.message]
        assert hits, f"{path.name}: no {constraint} on {focus} with message '{message}':\n{text}"
        line = hits[0].line()
        assert focus in line and constraint in line and message in line
        assert focus in text and constraint in text
    # ... and nothing else: every violation is one the fixture announces.
    for r in report.violations:
        assert any(f in r.focus and c == r.constraint and m in r.message for f, c, m in expected), f"unexpected: {r.line()}"
    assert len(report.violations) == len(expected), text


def test_shapes_follow_a_configured_base():
    """With another base, the rebased shapes still accept rebased good data and reject bad data."""
    settings = Settings.from_env({}, base_iri="https://example.org/kg")
    onto, shapes = ontology_graph(settings), shapes_graph(settings)
    assert not any(DEFAULT_BASE in str(t) for tr in shapes for t in tr)
    good = load_data(GOOD[0], settings.base)
    assert validate_shapes(good, shapes=shapes, ontology=onto, settings=settings).conforms
    broken = load_data(FIXTURES / "broken" / "event-missing-date-participant-source.ttl", settings.base)
    report = validate_shapes(broken, shapes=shapes, ontology=onto, settings=settings)
    assert not report.conforms
    assert "https://example.org/kg/resource/event/no-date" in report.text


def test_reference_entities_conform(shapes, onto):
    from kg.iris import IRIs
    from kg.reference import load_reference_entities, reference_graph

    entities = load_reference_entities()
    assert entities
    assert reference_entity_problems(entities, onto, DEFAULT_BASE) == []
    graph = reference_graph(IRIs(DEFAULT_BASE), entities)
    report = validate_shapes(graph, shapes=shapes, ontology=onto)
    assert report.conforms, report.text
    # every entity: a label, a ccr type, and a well-formed Wikidata link when it has one
    for e in entities:
        s = rdflib.URIRef(IRIs(DEFAULT_BASE).entity(e.slug))
        assert graph.value(s, rdflib.RDFS.label) is not None
        assert (s, rdflib.RDF.type, CCR[e.type]) in graph
        if e.qid:
            assert re.fullmatch(r"Q[1-9][0-9]*", e.qid)
            assert (s, rdflib.OWL.sameAs, rdflib.URIRef(f"http://www.wikidata.org/entity/{e.qid}")) in graph


def test_reference_entity_problems_are_reported(onto):
    from kg.reference import RefEntity

    bad = [
        RefEntity(slug="nowhere", type="Country", label="Nowhere"),
        RefEntity(slug="nameless", type="Person", label=" "),
        RefEntity(slug="bad-qid", type="State", label="Bad", qid="q148"),
    ]
    problems = reference_entity_problems(bad, onto, DEFAULT_BASE)
    assert problems == [
        "nowhere: type 'Country' is not a ccr class",
        "nameless: no label",
        "bad-qid: malformed QID 'q148'",
    ]


def test_typed_and_plain_strings_are_one_literal(shapes, onto):
    """"held"^^xsd:string (what Oxigraph returns) is the same RDF literal as "held" and must pass sh:in."""
    data = load_data(GOOD[0])
    status = rdflib.URIRef(ccr_namespace() + "eventStatus")
    typed = rdflib.Graph()
    for s, p, o in data:
        if isinstance(o, rdflib.Literal) and o.datatype is None and o.language is None:
            o = rdflib.Literal(str(o), datatype=rdflib.XSD.string)
        typed.add((s, p, o))
    assert any(o.datatype == rdflib.XSD.string for o in typed.objects(None, status))
    report = validate_shapes(typed, shapes=shapes, ontology=onto)
    assert report.conforms, report.text


def test_the_seed_graph_conforms(shapes, onto):
    """What kg.rdf writes for the seed articles meets the shapes (the contract between the two)."""
    pytest.importorskip("pyoxigraph")
    from kg.iris import IRIs
    from kg.pipeline import extract_files
    from kg.rdf import article_quads

    from kg.reference import reference_graph

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    articles, _problems = extract_files(seeds, Settings(build_jobs=1))
    assert articles
    iris = IRIs(DEFAULT_BASE)
    union = rdflib.Graph()
    for t in onto:
        union.add(t)
    for t in reference_graph(iris):
        union.add(t)
    for records in articles:
        graph = rdflib.Graph()
        for q in article_quads(records, iris):
            graph.add(tuple(_to_rdflib(t) for t in (q.subject, q.predicate, q.object)))
        assert any(graph.subjects(rdflib.RDF.type, CCR.Passage)), records.article_slug
        used = {str(t)[len(str(CCR)):] for tr in graph for t in tr if str(t).startswith(str(CCR))}
        assert used - set(ccr_terms(onto)) == set(), "kg.rdf writes ccr terms the ontology does not declare"
        report = validate_shapes(graph, shapes=shapes, ontology=onto)
        assert report.conforms, f"{records.article_slug}:\n{report.text[:4000]}"
        for t in graph:
            union.add(t)
    # The domains and ranges put no seed node in two disjoint classes (HermiT agrees; see kg.ontology).
    assert disjointness_clashes(union) == []


def _to_rdflib(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
