"""Joining our events with Wikidata through SERVICE <https://query.wikidata.org/sparql>, offline.

A small threaded SPARQL endpoint on 127.0.0.1 (pyoxigraph over a handful of Wikidata-shaped
triples) stands in for the Wikidata Query Service. The example query is
tests/interop/federation-wikidata.rq; the endpoint is told to send the allow-listed Wikidata IRI to
the fixture through the `service_rewrite` setting ("IRI=URL" pairs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sparql_stub import SparqlStub  # noqa: E402
from interop.apps import DEFAULT_BASE, LiveServer, close_app, http, make_app, sample_file, settings_for  # noqa: E402


WDQS = "https://query.wikidata.org/sparql"
QUERY = (Path(__file__).resolve().parent / "interop" / "federation-wikidata.rq").read_text(encoding="utf-8")
WIKIDATA = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
wd:Q148 wdt:P36 wd:Q956 ; rdfs:label "People's Republic of China"@en .
wd:Q159 wdt:P36 wd:Q649 ; rdfs:label "Russia"@en .
wd:Q956 rdfs:label "Beijing"@en, "北京"@zh .
wd:Q649 rdfs:label "Moscow"@en, "Москва"@ru .
wd:Q183 wdt:P36 wd:Q64 . wd:Q64 rdfs:label "Berlin"@en .
"""
EXPECTED = [
    (f"{DEFAULT_BASE}/resource/china", "China", "http://www.wikidata.org/entity/Q956", "Beijing", "2"),
    (f"{DEFAULT_BASE}/resource/russia", "Russia", "http://www.wikidata.org/entity/Q649", "Moscow", "2"),
]


@pytest.fixture(scope="module")
def wdqs():
    with SparqlStub(WIKIDATA) as stub:
        yield stub.url, stub


def rows_of(bindings) -> list[tuple]:
    return [tuple(b[v]["value"] for v in ("state", "label", "capital", "capitalLabel", "events")) for b in bindings]


def test_the_example_joins_our_states_with_wikidata_capitals(tmp_path, wdqs):
    """The query itself, evaluated by pyoxigraph over the sample with the fixture in Wikidata's place."""
    url, handler = wdqs
    store = ox.Store()
    store.load(path=str(sample_file(tmp_path)), format=ox.RdfFormat.TRIG)
    assert QUERY.count(f"SERVICE <{WDQS}>") == 1
    sols = store.query(QUERY.replace(WDQS, url), use_default_graph_as_union=True)
    got = [tuple(s[v].value for v in ("state", "label", "capital", "capitalLabel", "events")) for s in sols]
    assert got == EXPECTED
    assert handler.queries and "P36" in handler.queries[-1]


def test_through_the_endpoint(tmp_path, wdqs):
    """The unmodified query sent to our /sparql: SERVICE is allow-listed and routed to the fixture."""
    url, handler = wdqs
    settings = settings_for(tmp_path, sample_file(tmp_path), service_allowlist=(WDQS,), service_rewrite=(f"{WDQS}={url}",))
    app = make_app(settings)
    try:
        with LiveServer(app) as srv:
            before = len(handler.queries)
            status, _, body = http(srv.url + "/sparql", data={"query": QUERY}, headers={"Accept": "application/sparql-results+json"})
            assert status == 200, body
            assert rows_of(json.loads(body)["results"]["bindings"]) == EXPECTED
            assert len(handler.queries) > before  # Wikidata's stand-in was really asked
            other = QUERY.replace(WDQS, "http://127.0.0.1:9/sparql")
            assert http(srv.url + "/sparql", data={"query": other})[0] == 403  # anything not allow-listed stays refused
    finally:
        close_app(app)
