"""ontology/entities.toml parses, is consistent, and becomes a well-typed entities graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import ConfigError
from kg.iris import IRIs
from kg.reference import (
    DEFAULT_PATH,
    ENTITY_TYPES,
    load_reference_data,
    load_reference_entities,
    reference_graph,
    reference_quads,
)

BASE = "https://w3id.org/china-russia-kg"
CCR_TTL = Path(__file__).resolve().parent.parent / "ontology" / "ccr.ttl"
ENTITIES = load_reference_entities()


def test_file_parses_and_has_entities():
    assert len(ENTITIES) >= 10
    assert load_reference_data().path == DEFAULT_PATH


@pytest.mark.parametrize("e", ENTITIES, ids=[e.slug for e in ENTITIES])
def test_entity_is_well_formed(e):
    assert e.label.strip() and e.type in ENTITY_TYPES
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e.slug)
    if e.qid is not None:
        assert re.fullmatch(r"Q[1-9][0-9]*", e.qid)
    if e.type == "State" and e.extra_value("historical") != "true":
        assert e.iso3 and re.fullmatch(r"[A-Z]{3}", e.iso3)


def test_slugs_and_qids_unique():
    slugs = [e.slug for e in ENTITIES]
    assert len(slugs) == len(set(slugs))
    qids = [e.qid for e in ENTITIES if e.qid]
    assert len(qids) == len(set(qids))


def test_country_slugs_resolve_to_states():
    by_slug = {e.slug: e for e in ENTITIES}
    for e in ENTITIES:
        if e.country:
            assert by_slug[e.country].type == "State", e.slug


def test_every_qid_says_how_it_was_verified():
    import tomllib

    raw = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    for entry in raw["entity"]:
        if "qid" in entry:
            assert entry.get("qid_source", "").strip(), entry["slug"]


BAD = {
    "duplicate slug": '[[entity]]\nslug="a"\ntype="State"\nlabel="A"\niso3="AAA"\n'
    '[[entity]]\nslug="a"\ntype="State"\nlabel="B"\niso3="BBB"\n',
    "unknown type": '[[entity]]\nslug="a"\ntype="Planet"\nlabel="A"\n',
    "malformed QID": '[[entity]]\nslug="a"\ntype="City"\nlabel="A"\nqid="Q0123"\nqid_source="x"\n',
    "dangling country": '[[entity]]\nslug="a"\ntype="City"\nlabel="A"\ncountry="atlantis"\n',
    "verified": '[[entity]]\nslug="a"\ntype="City"\nlabel="A"\nqid="Q12"\n',
    "label": '[[entity]]\nslug="a"\ntype="City"\n',
    "not valid TOML": '[[entity]\nslug="a"',
}


@pytest.mark.parametrize("msg,text", BAD.items(), ids=list(BAD))
def test_bad_entries_raise_config_error_naming_the_problem(tmp_path, msg, text):
    p = tmp_path / "entities.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=msg) as info:
        load_reference_data(p)
    assert info.value.hint


def test_graph_types_labels_and_wikidata_links():
    iris = IRIs(BASE)
    g = reference_graph(iris)
    ccr = iris.ontology
    for e in ENTITIES:
        s = rdflib.URIRef(iris.entity(e.slug))
        types = set(g.objects(s, RDF.type))
        assert rdflib.URIRef(ccr + e.type) in types and OWL.NamedIndividual in types
        assert all(str(t).startswith(ccr) or t == OWL.NamedIndividual for t in types)
        assert rdflib.Literal(e.label, lang="en") in set(g.objects(s, RDFS.label))
        assert rdflib.Literal(e.label, lang="en") in set(g.objects(s, SKOS.prefLabel))
        same = set(g.objects(s, OWL.sameAs))
        if e.qid:
            assert same == {rdflib.URIRef(f"http://www.wikidata.org/entity/{e.qid}")}
            assert set(g.objects(s, rdflib.URIRef(ccr + "qid"))) == {rdflib.Literal(e.qid)}
        else:
            assert not same
        for text, lang in e.native_labels:
            assert rdflib.Literal(text, lang=lang) in set(g.objects(s, SKOS.altLabel))
        if e.country:
            assert (s, rdflib.URIRef(ccr + "country"), rdflib.URIRef(iris.entity(e.country))) in g


def test_quads_carry_the_same_triples_in_the_entities_graph():
    iris = IRIs("http://example.org/kg")
    g = reference_graph(iris)
    quads = reference_quads(iris)
    assert len(quads) == len(g)
    assert {q.graph_name.value for q in quads} == {iris.entities_graph}
    as_nt = {f"{q.subject} {q.predicate} {q.object} ." for q in quads}
    assert as_nt == {line.strip() for line in g.serialize(format="nt").splitlines() if line.strip()}


@pytest.mark.skipif(not CCR_TTL.exists(), reason="ontology/ccr.ttl not written yet")
def test_entity_types_are_classes_of_the_ontology():
    onto = rdflib.Graph().parse(CCR_TTL)
    ccr = IRIs(BASE).ontology
    declared = {str(c)[len(ccr):] for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(ccr)}
    used = {e.type for e in ENTITIES}
    assert used <= declared, f"types missing from ccr.ttl: {sorted(used - declared)}"


def test_native_labels_come_from_the_texts():
    """Native-script names are copied from the corpus, never supplied from memory."""
    seeds = "".join(p.read_text(encoding="utf-8") for p in (DEFAULT_PATH.parent.parent / "seeds").glob("*.txt"))
    missing = [(e.slug, t) for e in ENTITIES for t, _lang in e.native_labels if t not in seeds]
    assert missing == []


ANCHORS = {"vladimir-putin": "Q7747", "xi-jinping": "Q15031", "sco": "Q485207", "gazprom": "Q102673",
           "china": "Q148", "russia": "Q159"}


@pytest.mark.parametrize("slug,qid", ANCHORS.items())
def test_measured_anchor_qids(slug, qid):
    """QIDs measured on this machine (shared notes) stay linked to the right entities."""
    assert {e.slug: e.qid for e in ENTITIES}[slug] == qid
