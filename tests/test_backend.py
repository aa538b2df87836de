"""Remote backend: the same front door forwarding to `oxigraph serve` started here on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from endpoint_support import GRAPH, PREFIXES, RELATIONS, RES, RUNAWAY, free_port, wait_http
from kg.settings import Settings
from server import create_app

OXIGRAPH = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "oxigraph"
EVENTS = PREFIXES + "SELECT ?e ?name WHERE { ?e ccr:eventName ?name } ORDER BY ?name"
NAMES = ["BRICS summit", "Joint Sea-2017", "Xi Jinping state visit to Moscow"]

pytestmark = pytest.mark.skipif(not OXIGRAPH.exists(), reason="the oxigraph CLI (pip install oxigraph) is not installed")


@contextlib.contextmanager
def oxigraph(*args: str):
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), *args, "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/query", proc=proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    """`oxigraph serve-read-only` on a RocksDB store, as its users run it; a short --timeout-s."""
    location = tmp_path_factory.mktemp("oxigraph-db")
    subprocess.run([str(OXIGRAPH), "load", "--location", str(location), "--file", str(RELATIONS)], check=True,
                   capture_output=True, timeout=60)
    with oxigraph("serve-read-only", "--location", str(location), "--union-default-graph", "--timeout-s", "1") as url:
        yield url


@pytest.fixture(scope="module")
def app(upstream):
    app = create_app(Settings.from_env(backend_url=upstream + "/query", query_timeout_s=5, row_cap=10))
    yield app
    app.extensions["kg"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_select_through_the_backend(client, how):
    if how == "get":
        r = client.get("/sparql", query_string={"query": EVENTS})
    elif how == "post-form":
        r = client.post("/sparql", data={"query": EVENTS})
    else:
        r = client.post("/sparql", data=EVENTS, content_type="application/sparql-query")
    assert r.status_code == 200, r.data
    assert [b["name"]["value"] for b in json.loads(r.data)["results"]["bindings"]] == NAMES
    assert r.headers["KG-Dataset-Version"].startswith("remote-")


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values", "application/sparql-results+xml"])
def test_formats_are_produced_by_the_proxy(client, accept):
    r = client.get("/sparql", query_string={"query": EVENTS}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == accept
    assert b"Joint Sea-2017" in r.data


def test_construct_and_ask(client):
    r = client.get("/sparql", query_string={"query": PREFIXES + "CONSTRUCT { ?s a ccr:State } WHERE { ?s a ccr:State }"},
                   headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and len(list(ox.parse(r.data, format=ox.RdfFormat.N_TRIPLES))) == 2
    r = client.get("/sparql", query_string={"query": PREFIXES + "ASK { res:china a ccr:State }"})
    assert json.loads(r.data)["boolean"] is True


def test_dataset_parameters_are_forwarded(client):
    r = client.get("/sparql", query_string={"query": EVENTS, "default-graph-uri": GRAPH + "article/cc-19-3-china-russia"})
    assert [b["name"]["value"] for b in json.loads(r.data)["results"]["bindings"]] == ["BRICS summit"]


def test_syntax_error_is_400(client):
    r = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x }"}, headers={"Accept": "application/json"})
    assert r.status_code == 400 and r.get_json()["title"] == "Malformed query"


def test_upstream_timeout_with_a_cut_body_becomes_503(client):
    """oxigraph --timeout-s answers 200 with a truncated body; the proxy must not relay it."""
    t = time.monotonic()
    # measured: after its 1 s timeout oxigraph sends 200 + '{"head":...,"bindings":[The SPARQL operation has been cancelled'
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    r = client.get("/sparql", query_string={"query": count}, headers={"Accept": "application/json"})
    assert r.status_code == 503, r.data
    assert "backend stopped the query" in r.get_json()["error"]
    assert time.monotonic() - t < 4.5
    assert client.get("/sparql", query_string={"query": EVENTS + " LIMIT 9"}).status_code == 200


def test_proxy_deadline_applies_to_the_backend(upstream):
    app = create_app(Settings.from_env(backend_url=upstream + "/query", query_timeout_s=0.3))
    try:
        t = time.monotonic()
        r = app.test_client().get("/sparql", query_string={"query": RUNAWAY})
        assert r.status_code == 503 and time.monotonic() - t < 1.0
    finally:
        app.extensions["kg"].close()


def test_row_cap_applies_to_the_backend(client):
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    body = json.loads(r.data)
    assert r.headers["KG-Result-Truncated"] == "true" and len(body["results"]["bindings"]) == 10


def test_service_gate_stays_in_front(client):
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"})
    assert r.status_code == 403


def test_unreachable_backend_is_502():
    app = create_app(Settings.from_env(backend_url=f"http://127.0.0.1:{free_port()}/query"))
    try:
        r = app.test_client().get("/sparql", query_string={"query": EVENTS}, headers={"Accept": "application/json"})
        assert r.status_code == 502 and r.get_json()["title"] == "Upstream endpoint failed"
    finally:
        app.extensions["kg"].close()


def test_authorised_updates_are_forwarded(monkeypatch):
    with oxigraph("serve") as url:  # in-memory, read-write
        monkeypatch.setenv("KG_TEST_BACKEND_TOKEN", "tok")
        app = create_app(Settings.from_env(backend_url=url + "/query", backend_update_url=url + "/update",
                                           update_token_env="KG_TEST_BACKEND_TOKEN"))
        try:
            c = app.test_client()
            upd = f"INSERT DATA {{ <{RES}moscow> <urn:p> 1 }}"
            assert c.post("/sparql/update", data={"update": upd}).status_code == 403
            r = c.post("/sparql/update", data={"update": upd}, headers={"Authorization": "Bearer tok"})
            assert r.status_code == 200, r.data
            ask = c.get("/sparql", query_string={"query": f"ASK {{ <{RES}moscow> <urn:p> 1 }}"})
            assert json.loads(ask.data)["boolean"] is True
        finally:
            app.extensions["kg"].close()


def test_pooled_connections_stay_in_step(client):
    """Answers read to the end, cut at the row cap, or refused: the next answer on a reused
    connection is still the right one."""
    for i in range(12):
        assert client.get("/sparql", query_string={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {20 + i}"}).status_code == 200
        assert client.get("/sparql", query_string={"query": f"SELECT ?x WHERE {{ ?x }} # {i}"}).status_code == 400
        r = client.get("/sparql", query_string={"query": EVENTS + f" OFFSET {i % 3}"})
        assert [b["name"]["value"] for b in json.loads(r.data)["results"]["bindings"]] == NAMES[i % 3:]
