"""The SPARQL 1.1 Protocol rules of issue 4, through the Flask app on the fixture dataset."""

from __future__ import annotations

import csv
import io
import json
import logging
import time
import urllib.parse

import pyoxigraph as ox
import pytest

from endpoint_support import GRAPH, PREFIXES, RELATIONS, RES, RUNAWAY
from kg.settings import Settings
from server import create_app

EVENTS = PREFIXES + "SELECT ?e ?name WHERE { ?e ccr:eventName ?name } ORDER BY ?name"
CONSTRUCT = PREFIXES + "CONSTRUCT { ?e ccr:eventName ?name } WHERE { ?e ccr:eventName ?name }"
ASK = PREFIXES + "ASK { res:xi-jinping ccr:country res:china }"


def _app(**overrides):
    settings = Settings.from_env(data_file=RELATIONS, query_workers=2, **overrides)
    return create_app(settings)


@pytest.fixture(scope="module")
def app():
    app = _app(query_timeout_s=1.5)
    yield app
    app.extensions["kg"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


def names(resp) -> list[str]:
    return [b["name"]["value"] for b in json.loads(resp.data)["results"]["bindings"]]


# --- the three ways to send a query -------------------------------------------------------------
@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_query_by_get_form_and_direct_post(client, how):
    if how == "get":
        r = client.get("/sparql", query_string={"query": EVENTS})
    elif how == "post-form":
        r = client.post("/sparql", data={"query": EVENTS})
    else:
        r = client.post("/sparql", data=EVENTS.encode(), content_type="application/sparql-query")
    assert r.status_code == 200, r.data
    assert r.mimetype == "application/sparql-results+json"
    assert names(r) == ["BRICS summit", "Joint Sea-2017", "Xi Jinping state visit to Moscow"]


def test_default_graph_is_union_of_named_graphs(client):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    total = json.loads(client.get("/sparql", query_string={"query": q}).data)["results"]["bindings"][0]["n"]["value"]
    store = ox.Store()
    store.load(path=str(RELATIONS), format=ox.RdfFormat.TRIG)
    assert int(total) == len(store)  # every quad, default graph included


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"default-graph-uri": GRAPH + "article/cc-19-2-china-russia"}, ["Joint Sea-2017", "Xi Jinping state visit to Moscow"]),
        ({"default-graph-uri": [GRAPH + "article/cc-19-2-china-russia", GRAPH + "article/cc-19-3-china-russia"]},
         ["BRICS summit", "Joint Sea-2017", "Xi Jinping state visit to Moscow"]),
        ({"default-graph-uri": GRAPH + "entities"}, []),
        ({"named-graph-uri": GRAPH + "article/cc-19-3-china-russia"}, []),  # default graph then empty
    ],
)
@pytest.mark.parametrize("method", ["get", "post-form", "post-direct"])
def test_dataset_parameters(client, params, expected, method):
    if method == "get":
        r = client.get("/sparql", query_string={"query": EVENTS, **params})
    elif method == "post-form":
        r = client.post("/sparql", data={"query": EVENTS, **params})
    else:
        r = client.post("/sparql?" + urllib.parse.urlencode(params, doseq=True), data=EVENTS,
                        content_type="application/sparql-query")
    assert r.status_code == 200, r.data
    assert names(r) == expected


def test_named_graph_uri_limits_graph_patterns(client):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    r = client.get("/sparql", query_string={"query": q, "named-graph-uri": [GRAPH + "entities", GRAPH + "ontology"]})
    assert [b["g"]["value"] for b in json.loads(r.data)["results"]["bindings"]] == [GRAPH + "entities", GRAPH + "ontology"]


def test_from_clause_in_query_is_honoured(client):
    q = PREFIXES + f"SELECT ?name FROM <{GRAPH}article/cc-19-3-china-russia> WHERE {{ ?e ccr:eventName ?name }}"
    r = client.get("/sparql", query_string={"query": q})
    assert names(r) == ["BRICS summit"]


def test_bad_dataset_iri_is_400(client):
    r = client.get("/sparql", query_string={"query": EVENTS, "default-graph-uri": "not an iri"})
    assert r.status_code == 400


# --- content negotiation -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "accept, expected",
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+xml, application/sparql-results+json;q=0.5", "application/sparql-results+xml"),
        ("application/sparql-results+xml;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
        ("text/csv;q=0.1, text/*;q=0.5", "text/tab-separated-values"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+json"),
        ("application/sparql-results+json;q=0, */*;q=0.1", "application/json"),
        # combined lists as rdflib, SPARQLWrapper and YASGUI send them
        ("application/sparql-results+json,application/sparql-results+xml;q=0.9,text/turtle;q=0.8", "application/sparql-results+json"),
        ("application/sparql-results+xml, application/rdf+xml", "application/sparql-results+xml"),
    ],
)
def test_select_accept_matrix(client, accept, expected):
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", query_string={"query": EVENTS}, headers=headers)
    assert r.status_code == 200
    assert r.mimetype == expected
    assert "Accept" in r.headers["Vary"]


@pytest.mark.parametrize(
    "accept, expected",
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/n-quads", "application/n-quads"),
        ("application/trig", "application/trig"),
        ("application/sparql-results+json, text/turtle;q=0.9", "text/turtle"),
        ("application/rdf+xml;q=0.4, application/n-triples;q=0.6", "application/n-triples"),
    ],
)
def test_construct_accept_matrix_and_bodies_parse(client, accept, expected):
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", query_string={"query": CONSTRUCT}, headers=headers)
    assert r.status_code == 200, r.data
    assert r.mimetype == expected
    fmt = ox.RdfFormat.from_media_type(expected)
    assert len(list(ox.parse(r.data, format=fmt))) == 3


@pytest.mark.parametrize("mime", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                  "text/tab-separated-values"])
def test_select_bodies_parse_back_to_the_same_solutions(client, mime):
    r = client.get("/sparql", query_string={"query": EVENTS}, headers={"Accept": mime})
    if mime == "text/csv":  # lossy by design: pyoxigraph refuses to parse it back
        got = [row["name"] for row in csv.DictReader(io.StringIO(r.data.decode()))]
    else:
        parsed = ox.parse_query_results(r.data, format=ox.QueryResultsFormat.from_media_type(mime))
        assert [v.value for v in parsed.variables] == ["e", "name"]
        got = [s["name"].value for s in parsed]
    assert got == ["BRICS summit", "Joint Sea-2017", "Xi Jinping state visit to Moscow"]


@pytest.mark.parametrize("mime, expected", [("application/sparql-results+json", b'"boolean":true'),
                                            ("application/sparql-results+xml", b"<boolean>true</boolean>")])
def test_ask(client, mime, expected):
    r = client.post("/sparql", data={"query": ASK}, headers={"Accept": mime})
    assert r.status_code == 200 and expected in r.data


@pytest.mark.parametrize(
    "fmt, query, expected",
    [
        ("json", EVENTS, "application/sparql-results+json"),
        ("xml", EVENTS, "application/sparql-results+xml"),
        ("csv", EVENTS, "text/csv"),
        ("tsv", EVENTS, "text/tab-separated-values"),
        ("turtle", CONSTRUCT, "text/turtle"),
        ("jsonld", CONSTRUCT, "application/ld+json"),
        ("json", CONSTRUCT, "application/ld+json"),
        ("xml", CONSTRUCT, "application/rdf+xml"),
        ("text/csv", EVENTS, "text/csv"),
    ],
)
def test_format_parameter_wins_over_accept(client, fmt, query, expected):
    r = client.get("/sparql", query_string={"query": query, "format": fmt}, headers={"Accept": "text/html"})
    assert r.status_code == 200, r.data
    assert r.mimetype == expected


@pytest.mark.parametrize(
    "query, params, accept",
    [
        (EVENTS, {}, "text/html"),
        (EVENTS, {}, "application/sparql-results+json;q=0, application/json;q=0, application/sparql-results+xml;q=0, text/*;q=0"),
        (CONSTRUCT, {}, "application/sparql-results+json"),  # graph result, only a solutions type accepted
        (ASK, {}, "text/turtle"),
        (CONSTRUCT, {"format": "csv"}, None),
        (EVENTS, {"format": "pdf"}, None),
    ],
)
def test_406_when_nothing_acceptable(client, query, params, accept):
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", query_string={"query": query, **params}, headers=headers)
    assert r.status_code == 406, r.data
    assert b"Not acceptable" in r.data


# --- errors --------------------------------------------------------------------------------------
def test_malformed_query_gives_400_with_message_and_position(client):
    r = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x ?y }"}, headers={"Accept": "application/json"})
    assert r.status_code == 400
    body = r.get_json()
    assert body["ok"] is False and body["status"] == 400 and body["title"] == "Malformed query"
    assert body["line"] == 1 and body["column"] > 1
    assert "line 1" in body["error"] and body["errors"] == [body["error"]]


def test_errors_are_text_unless_json_is_accepted(client):
    text = client.get("/sparql", query_string={"query": "SELEKT"})
    assert text.status_code == 400 and text.mimetype == "text/plain"
    assert text.data.startswith(b"Error 400 (Malformed query):")
    assert b"Traceback" not in text.data
    js = client.get("/sparql", query_string={"query": "SELEKT"}, headers={"Accept": "application/sparql-results+json"})
    assert js.mimetype == "application/json" and js.get_json()["status"] == 400


@pytest.mark.parametrize(
    "kwargs, status",
    [
        ({"method": "POST", "data": {"other": "x"}}, 400),  # missing query
        ({"method": "POST", "data": b"", "content_type": "application/sparql-query"}, 400),
        ({"method": "GET", "query_string": [("query", EVENTS), ("query", EVENTS)]}, 400),  # repeated
        ({"method": "POST", "data": {"query": [EVENTS, EVENTS]}}, 400),
        ({"method": "POST", "data": b"x", "content_type": "application/sparql-query",
          "query_string": {"query": EVENTS}}, 400),
        ({"method": "PUT", "data": EVENTS}, 405),
        ({"method": "DELETE"}, 405),
        ({"method": "PATCH", "data": EVENTS}, 405),
        ({"method": "POST", "data": EVENTS, "content_type": "text/plain"}, 415),
        ({"method": "POST", "data": b"{}", "content_type": "application/json"}, 415),
        ({"method": "POST", "data": EVENTS.encode()}, 415),  # no content type at all
        ({"method": "POST", "data": b"\xff\xfe", "content_type": "application/sparql-query"}, 400),
    ],
)
def test_protocol_errors(client, kwargs, status):
    method = kwargs.pop("method")
    r = client.open("/sparql", method=method, headers={"Accept": "application/json"}, **kwargs)
    assert r.status_code == status, r.data
    body = r.get_json()
    assert body["status"] == status and body["ok"] is False and body["error"]
    if status == 405:
        assert set(r.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_too_large_body_is_413():
    app = _app(max_request_bytes=2000)
    try:
        c = app.test_client()
        big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000
        for kwargs in ({"data": {"query": big}}, {"data": big, "content_type": "application/sparql-query"}):
            r = c.post("/sparql", headers={"Accept": "application/json"}, **kwargs)
            assert r.status_code == 413 and r.get_json()["status"] == 413
        r = c.get("/sparql", query_string={"query": big})
        assert r.status_code == 413
        assert c.get("/sparql", query_string={"query": EVENTS}).status_code == 200
    finally:
        app.extensions["kg"].close()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"data": {"query": "PREFIX x: <urn:x#> DELETE WHERE { ?s ?p ?o }"}},
        {"data": "CLEAR ALL", "content_type": "application/sparql-update"},
        {"data": {"query": "DROP GRAPH <urn:g>"}},
        {"data": {"query": "LOAD <http://127.0.0.1:1/data.ttl>"}},
    ],
)
def test_updates_on_the_query_endpoint_are_403_and_change_nothing(client, kwargs):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = client.get("/sparql", query_string={"query": count, "x": "1"}).data
    r = client.post("/sparql", headers={"Accept": "application/json"}, **kwargs)
    assert r.status_code == 403
    assert "/sparql/update" in r.get_json()["hint"]
    assert client.get("/sparql", query_string={"query": count, "x": "2"}).data == before


# --- service description, CORS, HEAD -------------------------------------------------------------
def test_service_description(client):
    r = client.get("/sparql")
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    store = ox.Store()
    store.load(r.data, format=ox.RdfFormat.TURTLE)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    ask = lambda q: store.query(f"PREFIX sd: <{sd}> ASK {{ {q} }}")  # noqa: E731
    assert ask("?s a sd:Service ; sd:endpoint <http://localhost/sparql> ; sd:feature sd:UnionDefaultGraph ; sd:supportedLanguage sd:SPARQL11Query")
    assert ask(f"?s sd:defaultDataset/sd:namedGraph/sd:name <{GRAPH}entities>")
    assert ask("?s sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_CSV>")
    jl = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert jl.mimetype == "application/ld+json" and json.loads(jl.data)


def test_cors_preflight_and_headers(client):
    r = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "content-type" in r.headers["Access-Control-Allow-Headers"].lower()
    for resp in (client.get("/sparql", query_string={"query": EVENTS}), client.post("/sparql", data={"query": EVENTS})):
        assert resp.headers["Access-Control-Allow-Origin"] == "*"
        assert "KG-Result-Truncated" in resp.headers["Access-Control-Expose-Headers"]


def test_head_works(client):
    get = client.get("/sparql", query_string={"query": EVENTS})
    head = client.head("/sparql", query_string={"query": EVENTS})
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Type"] == get.headers["Content-Type"]
    assert head.headers["ETag"] == get.headers["ETag"]
    assert client.head("/sparql").status_code == 200


# --- row cap, timeout, logs ----------------------------------------------------------------------
def test_row_cap_is_announced():
    app = _app(row_cap=2)
    try:
        c = app.test_client()
        r = c.get("/sparql", query_string={"query": EVENTS})
        body = json.loads(r.data)
        assert r.headers["KG-Result-Truncated"] == "true" and r.headers["KG-Row-Cap"] == "2"
        assert len(body["results"]["bindings"]) == 2 and body["truncated"] is True and "row cap" in body["note"]
        ttl = c.get("/sparql", query_string={"query": CONSTRUCT})
        assert ttl.headers["KG-Result-Truncated"] == "true" and ttl.data.startswith(b"# truncated")
        assert len(list(ox.parse(ttl.data, format=ox.RdfFormat.TURTLE))) == 2
        small = c.get("/sparql", query_string={"query": EVENTS + " LIMIT 2"})
        assert "KG-Result-Truncated" not in small.headers and "truncated" not in json.loads(small.data)
    finally:
        app.extensions["kg"].close()


def test_timeout_is_503_and_the_server_keeps_answering(client):
    t = time.monotonic()
    r = client.get("/sparql", query_string={"query": RUNAWAY}, headers={"Accept": "application/json"})
    took = time.monotonic() - t
    assert r.status_code == 503 and r.get_json()["title"] == "Query timed out"
    assert 1.4 < took < 3.0
    assert client.get("/sparql", query_string={"query": EVENTS}).status_code == 200


def test_client_may_lower_but_not_raise_the_timeout(client):
    t = time.monotonic()
    assert client.get("/sparql", query_string={"query": RUNAWAY, "timeout": "0.3"}).status_code == 503
    assert time.monotonic() - t < 1.2
    t = time.monotonic()
    assert client.get("/sparql", query_string={"query": RUNAWAY + " ", "timeout": "3600"}).status_code == 503
    assert time.monotonic() - t < 3.0
    assert client.get("/sparql", query_string={"query": EVENTS, "timeout": "-1"}).status_code == 400
    assert client.get("/sparql", query_string={"query": EVENTS, "timeout": "soon"}).status_code == 400


def test_each_query_is_logged_with_time_and_outcome(client, caplog):
    with caplog.at_level(logging.INFO, logger="kg.server.query"):
        client.get("/sparql", query_string={"query": EVENTS + " LIMIT 99"})
        client.get("/sparql", query_string={"query": EVENTS + " LIMIT 99"})
        client.get("/sparql", query_string={"query": "SELEKT"})
    lines = [r.getMessage() for r in caplog.records if r.name == "kg.server.query"]
    assert any(" 200 " in m and "ms" in m and "rows=3" in m and "LIMIT 99" in m for m in lines)
    assert any(" 200 " in m and "cache=hit" in m for m in lines)
    assert any(" 400 " in m and "QuerySyntaxError" in m for m in lines)


# --- rate limit ----------------------------------------------------------------------------------
def test_rate_limit_on_query_time_is_per_client():
    app = _app(rate_limit_query_s_per_min=0.3, query_timeout_s=0.5)
    try:
        c = app.test_client()
        a = {"REMOTE_ADDR": "10.0.0.1"}
        assert c.get("/sparql", query_string={"query": RUNAWAY}, environ_base=a).status_code == 503  # spends 0.5 s
        r = c.get("/sparql", query_string={"query": EVENTS}, environ_base=a, headers={"Accept": "application/json"})
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        assert r.get_json()["title"] == "Too many requests"
        assert c.get("/sparql", query_string={"query": EVENTS}, environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 200
    finally:
        app.extensions["kg"].close()


# --- updates -------------------------------------------------------------------------------------
UPDATE = f"PREFIX ccr: <{RES}> INSERT DATA {{ GRAPH <{GRAPH}curated> {{ <{RES}moscow> <http://www.w3.org/2000/01/rdf-schema#label> \"Moscow\" }} }}"


def test_update_url_needs_the_bearer_token(monkeypatch):
    app = _app(update_token_env="KG_TEST_UPDATE_TOKEN")
    try:
        c = app.test_client()
        monkeypatch.delenv("KG_TEST_UPDATE_TOKEN", raising=False)
        r = c.post("/sparql/update", data={"update": UPDATE}, headers={"Accept": "application/json"})
        assert r.status_code == 403 and "KG_TEST_UPDATE_TOKEN" in r.get_json()["hint"]
        monkeypatch.setenv("KG_TEST_UPDATE_TOKEN", "s3cret-token")
        for auth in (None, "Bearer wrong", "Basic s3cret-token", "Bearer s3cret-tokenX"):
            headers = {"Authorization": auth} if auth else {}
            assert c.post("/sparql/update", data={"update": UPDATE}, headers=headers).status_code == 403
        ask = f'ASK {{ <{RES}moscow> ?p "Moscow" }}'
        assert b"false" in c.get("/sparql", query_string={"query": ask}).data
        ok = c.post("/sparql/update", data=UPDATE, content_type="application/sparql-update",
                    headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200 and ok.get_json()["ok"] is True
        # the cache was emptied and every worker sees the change
        for _ in range(4):
            assert b"true" in c.get("/sparql", query_string={"query": ask}).data
        bad = {"Authorization": "Bearer s3cret-token"}
        assert c.post("/sparql/update", data={"update": "LOAD <http://127.0.0.1:1/x>"}, headers=bad).status_code == 403
        assert c.post("/sparql/update", data={"update": EVENTS}, headers=bad).status_code == 400
        assert c.get("/sparql/update").status_code == 405
    finally:
        app.extensions["kg"].close()


def test_project_prefixes_are_predefined_and_a_query_may_override_them(client):
    bare = "SELECT ?name WHERE { ?e ccr:eventName ?name } ORDER BY ?name"
    r = client.post("/sparql", data={"query": bare})
    assert r.status_code == 200, r.data
    assert names(r) == ["BRICS summit", "Joint Sea-2017", "Xi Jinping state visit to Moscow"]
    overridden = "PREFIX ccr: <http://example.org/other#> " + bare
    assert names(client.post("/sparql", data={"query": overridden})) == []
