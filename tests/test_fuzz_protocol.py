"""Reliability: thousands of generated requests never get a 5xx and leave the server answering.

Random bytes, mangled and SERVICE-laced queries, huge and deeply nested queries, odd methods, paths
and headers, through the Flask app (real engine, real worker processes, a short deadline). The only
5xx allowed is the designed one: 503 "Query timed out" for a generated query that runs away.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endpoint_support import GRAPH, PREFIXES, RELATIONS
from kg.settings import Settings
from server import create_app

REQUESTS = int(os.environ.get("KG_FUZZ_REQUESTS", 10_000))  # the figure; KG_FUZZ_REQUESTS for a quick run

SEEDS = [
    PREFIXES + "SELECT ?e ?name WHERE { ?e ccr:eventName ?name } ORDER BY ?name",
    PREFIXES + "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 5",
    PREFIXES + "ASK { res:china a ccr:State }",
    PREFIXES + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l FILTER(LANG(?l) = 'en') }",
    PREFIXES + "DESCRIBE res:xi-jinping",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    f"SELECT * FROM <{GRAPH}entities> WHERE {{ ?s ?p ?o }} LIMIT 3",
    'SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^Xi", "i")) }',
    "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
]
SPARQL_CHARS = list("{}()[]<>?$.,;:#\"'\\ \n\tabcSELCTWHRvicesrp*+-/=!&|^@_0123456789") + ["SERVICE", "\\u0053", "<<(", ")>>"]
ACCEPTS = ["*/*", "application/sparql-results+json", "application/json", "text/csv", "text/turtle",
           "application/sparql-results+xml;q=0.5, text/*;q=0.1", "text/html", "application/ld+json;q=0",
           "image/png", ";;;q=abc", "*/*;q=0", "text/turtle;q=1.5, */*;q=-1"]
CTYPES = ["application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
          "text/plain", "multipart/form-data; boundary=x", "application/json", "", "application/x-www-form-urlencoded; charset=latin-1"]


@st.composite
def mangled(draw) -> str:
    q = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "dup", "truncate", "case", "service"]))
        i = draw(st.integers(0, len(q)))
        if op == "insert":
            q = q[:i] + "".join(draw(st.lists(st.sampled_from(SPARQL_CHARS), max_size=6))) + q[i:]
        elif op == "delete":
            q = q[:i] + q[i + draw(st.integers(1, 20)):]
        elif op == "dup":
            q = q[:i] + q[i:i + 30] * 2 + q[i + 30:]
        elif op == "truncate":
            q = q[:i]
        elif op == "case":
            q = q.swapcase()
        else:
            q = q[:i] + " SERVICE <http://127.0.0.1:1/> { ?x ?y ?z } " + q[i:]
    return q


@st.composite
def extreme(draw) -> str:
    kind = draw(st.sampled_from(["deep-brace", "deep-paren", "long", "many-unions", "big-values"]))
    n = draw(st.integers(1, 6000))
    if kind == "deep-brace":
        return "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n
    if kind == "deep-paren":
        return "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }"
    if kind == "long":
        return "SELECT * WHERE { " + "?s ?p ?o . " * (n * 2) + "}"  # up to ~130 KB: over the 64 KB limit
    if kind == "many-unions":
        return "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * min(n, 400)) + " } LIMIT 1"
    return "SELECT * WHERE { VALUES ?x { " + " ".join(f'"{i}"' for i in range(n)) + " } }"


queries = st.one_of(mangled(), extreme(), st.text(max_size=200),
                    st.binary(max_size=300).map(lambda b: b.decode("utf-8", "replace")))
bodies = st.one_of(queries.map(lambda q: q.encode("utf-8", "surrogatepass")), st.binary(max_size=2000))
params = st.dictionaries(
    st.sampled_from(["query", "update", "format", "default-graph-uri", "named-graph-uri", "timeout", "junk"]),
    st.one_of(queries, st.sampled_from(["json", "csv", "turtle", "nope", "0.5", "-3", "nan", GRAPH + "entities", ""])),
    max_size=4,
)
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\x7f"), max_size=60)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Accept": st.one_of(st.sampled_from(ACCEPTS), header_text),
        "If-None-Match": st.one_of(st.just("*"), header_text),
        "Authorization": st.one_of(st.just("Bearer "), header_text),
        "Origin": st.just("https://example.org"),
        "Accept-Encoding": st.sampled_from(["gzip", "br", "identity;q=0"]),
    },
)
requests = st.fixed_dictionaries({
    "method": st.sampled_from(["GET"] * 8 + ["POST"] * 8 + ["HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE"]),
    "path": st.sampled_from(["/sparql"] * 16 + ["/sparql/update", "/sparql/", "/healthz", "/nope", "/sparql/../sparql"]),
    "params": params,
    "headers": headers,
    "content_type": st.sampled_from(CTYPES),
    "body": st.one_of(st.none(), bodies, params),
})

_app = None
_seen: dict[int, int] = {}


def app():
    global _app
    if _app is None:
        _app = create_app(Settings.from_env(data_file=RELATIONS, query_timeout_s=1.0, max_request_bytes=64 * 1024,
                                            row_cap=200, query_workers=2,
                                            service_allowlist=()))  # tests never call the internet
    return _app


@settings(max_examples=REQUESTS, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(requests)
def _one_request(req):
    client = app().test_client()
    kwargs = {"query_string": req["params"], "headers": req["headers"]}
    body = req["body"]
    if req["method"] not in ("GET", "HEAD", "OPTIONS") and body is not None:
        if isinstance(body, dict):
            kwargs["data"] = body
        else:
            kwargs["data"] = body
            if req["content_type"]:
                kwargs["content_type"] = req["content_type"]
    resp = client.open(req["path"], method=req["method"], **kwargs)
    status = resp.status_code
    _seen[status] = _seen.get(status, 0) + 1
    if status >= 500:
        assert status == 503 and resp.mimetype in ("application/json", "text/plain"), (status, resp.data[:300])
        text = resp.data.decode("utf-8", "replace")
        assert "timed out" in text or "did not finish" in text or "busy" in text, text[:300]
    if status >= 400 and req["method"] != "HEAD":
        assert b"Traceback" not in resp.data
        if resp.mimetype == "application/json":
            assert json.loads(resp.data)["status"] == status


def test_generated_requests_get_no_5xx_and_the_server_keeps_answering():
    try:
        _one_request()
        assert sum(_seen.values()) >= REQUESTS
        ok = app().test_client().get("/sparql", query_string={"query": SEEDS[0]})
        assert ok.status_code == 200 and b"BRICS summit" in ok.data
        stats = app().extensions["kg"].get_engine().stats()
        assert stats["crashes"] == 0, stats  # no generated query crashed a query worker
        print("statuses:", dict(sorted(_seen.items())), "engine:", stats)
    finally:
        if _app is not None:
            _app.extensions["kg"].close()
