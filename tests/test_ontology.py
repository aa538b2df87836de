"""The OWL ontology: it parses (Turtle and RDF/XML), is complete against the documented contract,
every term is documented and aligned, HermiT finds it consistent, and tools can load it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg import ontology as ko
from kg.ontology import (
    DEFAULT_BASE,
    ccr_namespace,
    ccr_terms,
    check_reasoner,
    contract_terms,
    disjointness_clashes,
    ontology_graph,
    rdfxml_bytes,
    rdfxml_is_current,
    term_problems,
    validate_all,
)
from kg.settings import Settings

ONTO_DIR = Path(__file__).resolve().parent.parent / "ontology"
CCR = rdflib.Namespace(ccr_namespace())
OWL, RDFS, SKOS = rdflib.OWL, rdflib.RDFS, rdflib.SKOS
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="no `java` on PATH: HermiT needs a JRE")
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def onto():
    return ontology_graph()


def copy(g: rdflib.Graph) -> rdflib.Graph:
    out = rdflib.Graph()
    for t in g:
        out.add(t)
    return out


# --- parsing and publication -----------------------------------------------------------------------
def test_turtle_parses_with_header(onto):
    o = rdflib.URIRef(DEFAULT_BASE + "/ontology")
    assert (o, rdflib.RDF.type, OWL.Ontology) in onto
    dct = rdflib.DCTERMS
    for p in (dct.title, dct.description, dct.license, dct.creator, OWL.versionInfo, dct.created, dct.modified):
        assert onto.value(o, p) is not None, p
    assert onto.value(o, dct.license) == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")


def test_rdfxml_is_up_to_date_and_byte_stable(onto):
    ok, msg = rdfxml_is_current()
    assert ok, msg
    # The published file is exactly what the generator writes now (deterministic output).
    assert (ONTO_DIR / "ccr.owl").read_bytes() == rdfxml_bytes(onto)


def test_rdfxml_parses_to_the_same_graph(onto):
    published = rdflib.Graph().parse(ONTO_DIR / "ccr.owl", format="xml")
    assert rdflib.compare.isomorphic(published, onto)


def test_stale_rdfxml_is_detected(tmp_path, onto):
    (tmp_path / "ccr.ttl").write_text((ONTO_DIR / "ccr.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    stale = copy(onto)
    stale.remove((CCR.Summit, RDFS.comment, None))
    (tmp_path / "ccr.owl").write_bytes(rdfxml_bytes(stale))
    ok, msg = rdfxml_is_current(Settings.from_env({}, ontology_dir=tmp_path))
    assert not ok and "out of date" in msg and "--write-owl" in msg


def test_owlready2_loads_the_published_rdfxml():
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    try:
        o = world.get_ontology((ONTO_DIR / "ccr.owl").as_uri()).load()
        names = {c.name for c in o.classes()}
        assert {"Event", "Summit", "NavalExercise", "Agreement", "Passage", "Tenure"} <= names
        assert {i.name for i in o.individuals()} == {
            "DayPrecision", "MonthPrecision", "YearPrecision",
            "FullMember", "Observer", "DialoguePartner", "Guest", "AccedingState",
        }
        assert o.Summit in o.Event.descendants()
        assert o.participant.domain == [o.Event] and o.participant.range == [o.Agent]
    finally:
        world.close()


@needs_java
def test_published_rdfxml_passes_plain_hermit():
    """A third party loading ccr.owl and calling HermiT with default options gets no error and no
    unsatisfiable class (no datatype outside the OWL 2 datatype map is used in an axiom)."""
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    try:
        o = world.get_ontology((ONTO_DIR / "ccr.owl").as_uri()).load()
        owlready2.sync_reasoner_hermit(world, debug=0)
        assert [c for c in world.inconsistent_classes() if c is not owlready2.Nothing] == []
        assert o.NavalExercise in o.Event.descendants()
    finally:
        world.close()


# --- completeness and documentation ----------------------------------------------------------------
def test_every_contract_term_exists(onto):
    wanted = contract_terms()
    assert len(wanted) > 120
    assert {"Summit", "MissileDefenceSimulation", "startOffset", "FullMember", "DayPrecision", "ExtractionRun"} <= wanted
    assert "wasGeneratedBy" not in wanted  # the doc says it is prov:wasGeneratedBy
    assert sorted(wanted - set(ccr_terms(onto))) == []


def test_contract_parser_sees_a_new_promise(tmp_path, onto):
    doc = tmp_path / "architecture.md"
    doc.write_text("# A\n\n## Vocabulary contract\n\nClasses: `Summit`, `ccr:Teleconference`.\n"
                   "- `wasGeneratedBy` is prov:wasGeneratedBy.\n\n## Next\n`NotInSection`\n", encoding="utf-8")
    wanted = contract_terms(doc)
    assert wanted == {"Summit", "Teleconference"}
    assert wanted - set(ccr_terms(onto)) == {"Teleconference"}


def test_every_term_labelled_commented_defined_and_aligned(onto):
    assert term_problems(onto) == []
    terms = ccr_terms(onto)
    kinds = set(terms.values())
    assert kinds == {"class", "object property", "datatype property", "annotation property", "individual"}


def test_term_check_catches_gaps(onto):
    g = copy(onto)
    g.remove((CCR.Summit, RDFS.label, None))
    for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch, RDFS.subPropertyOf):
        g.remove((CCR.party, p, None))
        g.remove((CCR.signatory, p, None))
    g.add((CCR.visitor, RDFS.range, CCR.Agnet))  # a typo in an axiom
    problems = term_problems(g)
    assert "ccr:Summit (class) has no English rdfs:label" in problems
    assert any(p.startswith("ccr:party (object property) is not aligned") for p in problems)
    assert "ccr:Agnet is used but not declared in the ontology" in problems


def test_wikidata_alignments_are_well_formed(onto):
    for s, p, o in onto:
        if str(o).startswith("http://www.wikidata.org/"):
            assert re.fullmatch(r"http://www\.wikidata\.org/entity/[QP][1-9][0-9]*", str(o)), (s, o)
            assert p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


def test_key_alignments_follow_the_brief(onto):
    sem = rdflib.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    assert (CCR.Event, RDFS.subClassOf, sem.Event) in onto
    assert (CCR.participant, RDFS.subPropertyOf, sem.hasActor) in onto
    assert (CCR.host, RDFS.subPropertyOf, CCR.participant) in onto
    assert (CCR.location, RDFS.subPropertyOf, sem.hasPlace) in onto
    assert (CCR.sourcePassage, RDFS.subPropertyOf, prov.wasDerivedFrom) in onto
    assert (CCR.Membership, RDFS.subClassOf, org.Membership) in onto
    assert (CCR.Tenure, RDFS.subClassOf, org.Membership) in onto
    assert (CCR.Post, RDFS.subClassOf, org.Post) in onto
    assert (CCR.ExtractionRun, RDFS.subClassOf, prov.Activity) in onto
    assert (CCR.text, RDFS.subPropertyOf, oa.exact) in onto
    assert (CCR.host, OWL.inverseOf, CCR.hosted) in onto


def test_event_codes_are_annotations_not_data(onto):
    """Types carry CAMEO/PLOVER codes as annotations; individuals use the datatype properties."""
    assert (CCR.cameoCodeOfType, rdflib.RDF.type, OWL.AnnotationProperty) in onto
    assert (CCR.cameoCode, rdflib.RDF.type, OWL.DatatypeProperty) in onto
    assert (CCR.cameoCode, rdflib.RDF.type, OWL.AnnotationProperty) not in onto
    coded = 0
    for cls in set(onto.transitive_subjects(RDFS.subClassOf, CCR.Event)) - {CCR.Event}:
        for code in onto.objects(cls, CCR.cameoCodeOfType):
            assert re.fullmatch(r"[0-9]{3,4}", str(code)), (cls, code)
        for cat in onto.objects(cls, CCR.ploverCategoryOfType):
            assert str(cat) in PLOVER, (cls, cat)
        coded += onto.value(cls, CCR.ploverCategoryOfType) is not None
    assert coded >= 18
    assert onto.value(CCR.PhoneCall, CCR.cameoCodeOfType) == rdflib.Literal("041")
    assert onto.value(CCR.PhoneCall, CCR.ploverModeOfType) == rdflib.Literal("phone")


def test_disjointness_and_agent_hierarchy(onto):
    members = []
    for node in onto.subjects(rdflib.RDF.type, OWL.AllDisjointClasses):
        members.append(set(rdflib.collection.Collection(onto, onto.value(node, OWL.members))))
    assert any({CCR.Event, CCR.Agent, CCR.Agreement, CCR.Passage} <= m for m in members)
    assert any({CCR.Place, CCR.Agent, CCR.Event} <= m for m in members)
    # states and organizations are agents, never declared disjoint with Agent
    assert (CCR.State, RDFS.subClassOf, CCR.Agent) in onto
    assert (CCR.Organization, RDFS.subClassOf, CCR.Agent) in onto
    assert not any(CCR.Agent in m and (CCR.State in m or CCR.Organization in m) for m in members)
    for ind in ("DayPrecision", "FullMember", "AccedingState"):
        assert (CCR[ind], rdflib.RDF.type, OWL.NamedIndividual) in onto
    assert (CCR.startOffset, rdflib.RDF.type, OWL.FunctionalProperty) in onto


def test_base_is_rewritten(onto):
    settings = Settings.from_env({}, base_iri="https://example.org/kg/")
    g = ontology_graph(settings)
    assert len(g) == len(onto)
    assert not any(DEFAULT_BASE in str(t) for tr in g for t in tr)
    assert (rdflib.URIRef("https://example.org/kg/ontology"), rdflib.RDF.type, OWL.Ontology) in g
    assert set(ccr_terms(g, settings.base)) == set(ccr_terms(onto))
    assert term_problems(g, settings.base) == []


def test_missing_ontology_file_is_a_config_error(tmp_path):
    from kg.errors import ConfigError

    with pytest.raises(ConfigError, match="not found"):
        ontology_graph(Settings.from_env({}, ontology_dir=tmp_path))


def test_bad_turtle_names_the_file(tmp_path):
    from kg.errors import ValidationFailed

    (tmp_path / "ccr.ttl").write_text("@prefix ccr: <x#> .\nccr:A a ccr:B", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="ccr.ttl is not valid Turtle"):
        ontology_graph(Settings.from_env({}, ontology_dir=tmp_path))


# --- reasoning --------------------------------------------------------------------------------------
@needs_java
def test_hermit_finds_ontology_and_entities_consistent(onto):
    from kg.iris import IRIs
    from kg.reference import reference_graph

    g = copy(onto)
    for t in reference_graph(IRIs(DEFAULT_BASE)):
        g.add(t)
    report = check_reasoner(g)
    assert report.ok, report.summary()
    assert report.consistent is True and report.unsatisfiable == []


@needs_java
def test_hermit_reports_inconsistency_and_unsatisfiable_classes(onto):
    g = copy(onto)
    x = rdflib.URIRef("https://example.org/x")
    g.add((x, rdflib.RDF.type, OWL.NamedIndividual))
    g.add((x, rdflib.RDF.type, CCR.Summit))
    g.add((x, rdflib.RDF.type, CCR.State))  # an event cannot be an agent
    report = check_reasoner(g)
    assert report.consistent is False and not report.ok
    assert "INCONSISTENT" in report.summary()
    assert report.explanations == ["<https://example.org/x>: ccr:State (asserted) and ccr:Summit (asserted) are disjoint"]

    g = copy(onto)
    bad = rdflib.URIRef(ccr_namespace() + "EventfulAgent")
    g.add((bad, rdflib.RDF.type, OWL.Class))
    g.add((bad, RDFS.subClassOf, CCR.Event))
    g.add((bad, RDFS.subClassOf, CCR.Person))
    report = check_reasoner(g)
    assert report.consistent is True
    assert report.unsatisfiable == [str(bad)]
    assert not report.ok and "unsatisfiable" in report.summary()


def test_disjointness_clashes_explain_inconsistent_data(onto):
    """The quick diagnosis names the node and the two disjoint classes, asserted or implied by a
    domain or range (including a union domain), and finds nothing in the ontology itself."""
    assert disjointness_clashes(onto) == []
    g = copy(onto)
    ex = rdflib.Namespace("https://example.org/")
    g.add((ex.xiamen, rdflib.RDF.type, CCR.City))
    g.add((ex.m, CCR.member, ex.xiamen))  # a city as the member of a membership
    g.add((ex.p, rdflib.RDF.type, CCR.Passage))
    g.add((ex.p, CCR.country, ex.russia))  # a passage has no country
    g.add((ex.ok, rdflib.RDF.type, CCR.Summit))
    g.add((ex.ok, CCR.location, ex.russia))  # a state is an allowed location
    g.add((ex.russia, rdflib.RDF.type, CCR.State))
    assert disjointness_clashes(g) == [
        "<https://example.org/p>: ccr:Passage (asserted) and ccr:Person or ccr:Place or ccr:Organization or "
        "ccr:EventSeries or ccr:Initiative or ccr:Project (domain of ccr:country) are disjoint",
        "<https://example.org/xiamen>: ccr:City (asserted) and ccr:Agent (range of ccr:member) are disjoint",
    ]


@needs_java
def test_java_failure_is_reported_not_raised(onto):
    """An xsd:date range (outside the OWL 2 datatype map) makes HermiT fail; the report carries the
    cause instead of raising, and the opt-in lenient mode reasons past it."""
    g = copy(onto)
    g.add((CCR.startDate, RDFS.range, rdflib.XSD.date))
    report = check_reasoner(g)
    assert report.consistent is None and not report.ok
    assert "UnsupportedDatatypeException" in report.error
    assert report.summary().startswith("HermiT failed:")
    assert check_reasoner(g, ignore_unsupported_datatypes=True).ok


def test_axioms_use_only_owl2_datatype_map(onto):
    """Ranges stay inside the OWL 2 datatype map (OWL 2 DL); dates are documented with
    schema:rangeIncludes and enforced by SHACL."""
    owl2_map = {rdflib.XSD[n] for n in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
        "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
        "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")} | {rdflib.RDFS.Literal}
    for prop in onto.subjects(rdflib.RDF.type, OWL.DatatypeProperty):
        for rng in onto.objects(prop, RDFS.range):
            assert rng in owl2_map, (prop, rng)
    includes = rdflib.URIRef("http://schema.org/rangeIncludes")
    assert onto.value(CCR.startDate, includes) == rdflib.XSD.date
    assert set(onto.objects(CCR.issueDate, includes)) == {rdflib.XSD.date, rdflib.XSD.gYearMonth}


def test_schema_org_terms_exist(onto):
    """Every schema.org term we align to is in the schema.org copy pyshacl bundles, except two newer
    terms verified on schema.org's own listing (PoliticalParty, sha256)."""
    import importlib.resources

    text = (importlib.resources.files("pyshacl") / "assets" / "schema.ttl").read_text(encoding="utf-8")
    assert "@prefix schema: <http://schema.org/> ." in text
    known = {"http://schema.org/" + m for m in re.findall(r"\bschema:([A-Za-z][A-Za-z0-9]*)\b", text)}
    assert len(known) > 1000
    known |= {"http://schema.org/PoliticalParty", "http://schema.org/sha256", "http://schema.org/rangeIncludes"}
    used = {str(t) for tr in onto for t in tr if str(t).startswith("http://schema.org/")}
    assert len(used) > 30
    assert sorted(used - known) == []


def test_reasoner_without_java_is_skipped_with_a_reason(onto, monkeypatch):
    monkeypatch.setattr(ko.shutil, "which", lambda name: None)
    report = check_reasoner(onto)
    assert report.skipped and "java" in report.skipped and report.consistent is None


# --- validate_all / kg validate ---------------------------------------------------------------------
def test_validate_all_fails_on_a_broken_ontology_dir(tmp_path):
    for name in ("ccr.ttl", "shapes.ttl", "entities.toml"):
        (tmp_path / name).write_text((ONTO_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "ccr.ttl").read_text(encoding="utf-8")
    (tmp_path / "ccr.ttl").write_text(text.replace('rdfs:label "summit"@en ;', ""), encoding="utf-8")
    report = validate_all(Settings.from_env({}, ontology_dir=tmp_path), reasoner=False, echo=lambda m: None)
    assert not report.ok
    summary = report.summary()
    assert "FAIL" in summary
    assert "ccr:Summit (class) has no English rdfs:label" in summary
    assert "ccr.owl is missing" in summary


def test_kg_validate_command():
    """`kg validate` runs every check of validate_all, prints one line per check, exits 0 when all pass."""
    from kg.cli import cli

    result = CliRunner().invoke(cli, ["validate", "--no-reasoner"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "kg validate: OK, 1 skipped" in result.output
    for name in ("ontology parses", "terms", "vocabulary contract", "RDF/XML", "SHACL shapes", "reference entities"):
        assert f"[  ok] {name}: " in result.output
    assert "[skip] reasoner: skipped (--no-reasoner)" in result.output
    assert "kg validate: SHACL shapes ..." in result.output  # progress goes to stderr
