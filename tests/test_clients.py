"""Real SPARQL clients, unmodified, against the endpoint served by gunicorn on a free 127.0.0.1 port."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from endpoint_support import PREFIXES, RELATIONS, RUNAWAY, running_server

EVENTS = PREFIXES + "SELECT ?e ?name WHERE { ?e ccr:eventName ?name } ORDER BY ?name"
NAMES = ["BRICS summit", "Joint Sea-2017", "Xi Jinping state visit to Moscow"]


@pytest.fixture(scope="module")
def server():
    with running_server(data_file=str(RELATIONS), query_timeout_s=2.0, web_threads=8) as (base, proc):
        yield base, proc


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(server, method):
    sw = SPARQLWrapper(server[0] + "/sparql")
    sw.setMethod(method)
    sw.setQuery(EVENTS)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == NAMES


def test_sparqlwrapper_xml_csv_ask_and_construct(server):
    sw = SPARQLWrapper(server[0] + "/sparql")
    sw.setQuery(EVENTS)
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == NAMES
    sw.setReturnFormat(CSV)
    assert sw.query().convert().decode().splitlines()[0] == "e,name"
    sw.setQuery(PREFIXES + "ASK { res:china a ccr:State }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery(PREFIXES + "CONSTRUCT { ?s a ccr:State } WHERE { ?s a ccr:State }")
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) == 2


def test_rdflib_sparqlstore(server):
    graph = rdflib.Graph(store=SPARQLStore(server[0] + "/sparql"))
    rows = list(graph.query(EVENTS))
    assert [str(r.name) for r in rows] == NAMES
    assert graph.query(PREFIXES + "ASK { res:russia a ccr:State }").askAnswer is True


def test_rdflib_local_query_with_service_to_our_endpoint(server):
    local = rdflib.Graph()
    local.add((rdflib.URIRef("urn:me"), rdflib.URIRef("urn:likes"), rdflib.Literal("BRICS summit")))
    q = (PREFIXES + "SELECT ?e WHERE { <urn:me> <urn:likes> ?name . "
         f"SERVICE <{server[0]}/sparql> {{ ?e ccr:eventName ?name }} }}")
    rows = list(local.query(q))
    assert [str(r.e) for r in rows] == ["https://w3id.org/china-russia-kg/resource/event/2017-09-03-summit-brics-xiamen"]


def _get(base: str, query: str, timeout: float = 10.0):
    url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_runaway_gets_503_while_others_are_served(server):
    base = server[0]
    out: list = []
    t = threading.Thread(target=lambda: out.append(_get(base, RUNAWAY)))
    t.start()
    latencies = []
    while t.is_alive():
        t0 = time.monotonic()
        status, body = _get(base, EVENTS + f" LIMIT {len(latencies) + 10}")  # distinct: no cache
        latencies.append(time.monotonic() - t0)
        assert status == 200
    t.join()
    assert out[0][0] == 503 and json.loads(out[0][1])["title"] == "Query timed out"
    assert len(latencies) > 5 and max(latencies) < 1.0


def test_production_server_headers_and_errors(server):
    status, body = _get(server[0], "SELECT ?x WHERE { ?x }")
    assert status == 400 and json.loads(body)["status"] == 400
    with urllib.request.urlopen(server[0] + "/sparql", timeout=10) as r:
        assert r.headers["Content-Type"].startswith("text/turtle")


def test_hup_reload_keeps_answering(server):
    """`kill -HUP` (gunicorn's graceful reload) replaces the web workers without failing requests."""
    base, proc = server
    stop = threading.Event()
    failures: list = []

    def hammer():
        i = 0
        while not stop.is_set():
            i += 1
            status, _ = _get(base, EVENTS + f" OFFSET {i % 3}")
            if status != 200:
                failures.append(status)

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGHUP)
    time.sleep(3.0)
    stop.set()
    for t in threads:
        t.join()
    assert failures == []
    assert _get(base, EVENTS)[0] == 200


@pytest.mark.parametrize("kw, expected", [
    ({"data_file": RELATIONS}, "cores"),  # a small dataset: one web worker per core (up to 4)
    ({"data_file": RELATIONS, "web_workers": 3}, 3),  # an explicit setting wins
])
def test_automatic_web_workers(kw, expected):
    from kg.settings import Settings
    from server.gunicorn_conf import web_workers

    want = min(4, os.cpu_count() or 1) if expected == "cores" else expected
    assert web_workers(Settings.from_env(**kw)) == want


def test_big_dataset_gets_one_web_worker(tmp_path):
    from kg.settings import Settings
    from server.gunicorn_conf import SMALL_DATASET_QUADS, web_workers

    big = tmp_path / "big.nq"
    with big.open("wb") as fh:  # sparse file: the size is what the estimate reads
        fh.truncate(SMALL_DATASET_QUADS * 200)
    assert web_workers(Settings.from_env(data_file=big)) == 1
