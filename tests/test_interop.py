"""Real clients against the real server: SPARQLWrapper, rdflib SPARQLStore, Apache Jena ARQ (rsparql),
Comunica, owlready2 + HermiT on the published ontology, and the JSON-LD dump through rdflib.

The graph is the sample (tests/interop/sample.trig) with the project's real ontology (ontology/ccr.ttl)
as its ontology graph, written by kg.store.write_build exactly as `kg build` writes a store and its
dumps, then served by server.create_app on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

sys.path.insert(0, str(Path(__file__).resolve().parent))
from interop import jena_fix  # noqa: E402
from interop.apps import DEFAULT_BASE, SAMPLE, LiveServer, close_app, http, make_app, settings_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
INTEROP = ROOT / "tests" / "interop"
ONTOLOGY = ROOT / "ontology" / "ccr.ttl"
ONTOLOGY_GRAPH = f"{DEFAULT_BASE}/graph/ontology"
CCR = f"{DEFAULT_BASE}/ontology#"
pytestmark = pytest.mark.external
QUERY = f"""PREFIX ccr: <{CCR}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?label ?start WHERE {{ ?event ccr:startDate ?start ; rdfs:label ?label }} ORDER BY ?start"""


def graph_quads() -> list[ox.Quad]:
    """The sample's data graphs plus the real ontology in the ontology graph."""
    quads = [q for q in ox.parse(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
             if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == ONTOLOGY_GRAPH)]
    onto = ox.NamedNode(ONTOLOGY_GRAPH)
    quads += [ox.Quad(t.subject, t.predicate, t.object, onto) for t in ox.parse(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE)]
    return quads


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not ONTOLOGY.exists():
        pytest.skip("ontology/ccr.ttl is not there yet")
    from kg.store import write_build

    tmp = tmp_path_factory.mktemp("interop")
    settings = settings_for(tmp, None)
    quads = graph_quads()
    write_build(settings, quads, ontology_files=[ONTOLOGY, ONTOLOGY.with_suffix(".owl")])
    app = make_app(settings)
    expected = ox.Store()
    expected.extend(quads)
    rows = [(s["event"].value, s["label"].value, s["start"].value)
            for s in expected.query(QUERY, use_default_graph_as_union=True)]
    assert len(rows) == 4
    with LiveServer(app) as srv:
        yield srv.url, rows, tmp
    close_app(app)


def test_sparqlwrapper(served):
    from SPARQLWrapper import JSON, SPARQLWrapper

    url, rows, _ = served
    sw = SPARQLWrapper(url + "/sparql")
    sw.setQuery(QUERY)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    got = [(b["event"]["value"], b["label"]["value"], b["start"]["value"]) for b in res["results"]["bindings"]]
    assert got == rows


def test_rdflib_sparqlstore(served):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    url, rows, _ = served
    store = SPARQLStore(url + "/sparql", returnFormat="json")
    got = [(str(r.event), str(r.label), str(r.start)) for r in store.query(QUERY)]
    assert got == rows


def test_jena_arq_rsparql(served):
    why = jena_fix.missing()
    if why:
        pytest.skip(why)
    url, rows, tmp = served
    proc = jena_fix.rsparql(tmp, url + "/sparql", QUERY, results="json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads(proc.stdout)
    got = [(b["event"]["value"], b["label"]["value"], b["start"]["value"]) for b in res["results"]["bindings"]]
    assert got == rows
    ask = jena_fix.rsparql(tmp, url + "/sparql", f"ASK {{ ?s <{CCR}ploverCategory> \"COOPERATE\" }}", results="json")
    assert ask.returncode == 0 and json.loads(ask.stdout)["boolean"] is True


def test_comunica(served):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (Debian nodejs)")
    if not (INTEROP / "node_modules" / "@comunica" / "query-sparql").is_dir():
        pytest.skip("Comunica is not installed: run `npm ci --prefix tests/interop` (.ci/run does)")
    url, rows, _ = served
    proc = subprocess.run([node, str(INTEROP / "comunica-query.mjs"), url + "/sparql", QUERY],
                          capture_output=True, text=True, timeout=120, cwd=INTEROP)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = sorted((r["event"], r["label"], r["start"]) for r in json.loads(proc.stdout))
    assert got == sorted(rows)


def test_owlready2_loads_the_published_ontology_and_hermit_accepts_it(served):
    from owlready2 import World, sync_reasoner_hermit

    url, _, _ = served
    status, headers, body = http(url + "/ontology", headers={"Accept": "application/rdf+xml"})
    assert status == 200 and headers["Content-Type"].startswith("application/rdf+xml")
    world = World()
    onto = world.get_ontology(f"{DEFAULT_BASE}/ontology").load(fileobj=io.BytesIO(body), format="rdfxml")
    classes = {c.name for c in onto.classes()}
    assert {"Event", "Summit", "State", "Passage", "MilitaryExercise"} <= classes
    assert len(list(onto.object_properties())) > 10 and len(list(onto.data_properties())) > 10
    if shutil.which("java") is None:
        pytest.skip("no java: HermiT cannot run")
    # xsd:date & co. lie outside the OWL 2 datatype map: HermiT is told to ignore them (SHACL checks values)
    with onto:
        sync_reasoner_hermit(world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
    assert list(world.inconsistent_classes()) == []  # raises OwlReadyInconsistentOntologyError if inconsistent
    # the URL itself also works for a client that picks the parser from the extension (Protégé, owlready2)
    by_url = World().get_ontology(url + "/ontology.owl").load()
    assert {c.name for c in by_url.classes()} == classes


def test_jsonld_dump_round_trips_through_rdflib(served):
    url, _, _ = served
    listing = json.loads(http(url + "/dumps", headers={"Accept": "application/json"})[2])
    names = {f["name"] for f in listing["files"]}
    assert {"graph.jsonld", "graph.nq.gz", "graph.trig"} <= names
    status, headers, jsonld = http(url + "/dumps/graph.jsonld")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    nq = gzip.decompress(http(url + "/dumps/graph.nq.gz")[2])
    from_jsonld = rdflib.Dataset().parse(data=jsonld, format="json-ld")
    from_nq = rdflib.Dataset().parse(data=nq, format="nquads")
    assert len(from_nq) == len(graph_quads_set())
    graphs = {str(g.identifier) for g in from_nq.graphs() if len(g)}
    assert graphs == {str(g.identifier) for g in from_jsonld.graphs() if len(g)}
    for name in graphs:
        assert isomorphic(from_jsonld.graph(rdflib.URIRef(name)), from_nq.graph(rdflib.URIRef(name))), name
    back = rdflib.Dataset().parse(data=from_jsonld.serialize(format="json-ld"), format="json-ld")
    assert len(back) == len(from_jsonld)


def graph_quads_set() -> set:
    return {str(q) for q in graph_quads()}
