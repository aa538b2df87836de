"""The query gate: SERVICE allow-list whatever the spelling, update detection, limits, normalisation."""

from __future__ import annotations

import socket
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endpoint_support import RELATIONS
from kg.errors import BadRequest, Forbidden, PayloadTooLarge
from kg.settings import Settings
from server import create_app, guard

WD = "https://query.wikidata.org/sparql"
ALLOW = (WD,)


def inspect(q: str, allow=ALLOW, **kw):
    return guard.inspect(q, allowlist=allow, max_bytes=kw.get("max_bytes", 100_000), max_depth=kw.get("max_depth", 200),
                         endpoint=kw.get("endpoint", "query"))


REFUSED = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:8080/sparql> { ?s ?p ?o } }",
    "select * where { service <http://localhost/> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE SiLeNt <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "PREFIX e: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
    "PREFIX : <http://169.254.169.254/latest/> SELECT * WHERE { SERVICE :meta-data { ?s ?p ?o } }",
    "BASE <http://127.0.0.1:9/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "BASE <https://query.wikidata.org/> SELECT * WHERE { SERVICE <../x> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } }",
    r"SELECT * WHERE { SERVICE <http://127.0.0.1\u003A9/x> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { FILTER EXISTS { SERVICE <http://127.0.0.1/z> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1/z> { ?s ?p ?o } } } }",
    "SELECT * WHERE { OPTIONAL { SERVICE <http://127.0.0.1/z> { ?s ?p ?o } } } ",
    "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <http://127.0.0.1/z> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <http://127.0.0.1/z> { ?s ?p ?o } } }",
    "ASK { SERVICE <http://[::1]:8080/sparql> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <gopher://127.0.0.1:25/> { ?s ?p ?o } }",
    # look-alikes of the allowed endpoint
    "SELECT * WHERE { SERVICE <https://query.wikidata.org@127.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <https://query.wikidata.org.evil.example/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <https://query.wikidata.org:8443/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://query.wikidata.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql/../../x> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql?x=http://127.0.0.1> { ?s ?p ?o } }",
    # an allowed one does not excuse a second, refused one
    f"SELECT * WHERE {{ SERVICE <{WD}> {{ ?s ?p ?o }} SERVICE <http://127.0.0.1/> {{ ?s ?p ?o }} }}",
    # RDF 1.2 syntax rdflib cannot parse: the textual gate decides
    "SELECT * WHERE { <<( ?s ?p ?o )>> ?q ?r . SERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
    "PREFIX e: <http://127.0.0.1/> SELECT * WHERE { <<( ?s ?p ?o )>> ?q ?r . SERVICE e:x { ?s ?p ?o } }",
    "BASE <http://127.0.0.1/> SELECT * WHERE { <<( ?s ?p ?o )>> ?q ?r . SERVICE <x> { ?s ?p ?o } }",
    # an escaped '#' in a prefixed name must not start a "comment" that hides the rest of the line
    r"PREFIX ex: <urn:x#> SELECT * WHERE { ?s ex:a\#b ?o . SERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", REFUSED)
def test_refused_service_spellings(query):
    with pytest.raises(Forbidden) as err:
        inspect(query)
    assert "SERVICE" in err.value.message
    assert err.value.status == 403


def test_service_in_update_is_refused_too():
    with pytest.raises(Forbidden):
        inspect("INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }", endpoint="update")


ALLOWED = [
    (f"SELECT * WHERE {{ SERVICE <{WD}> {{ ?s ?p ?o }} }}", (WD,)),
    ("SELECT * WHERE { service silent <HTTPS://QUERY.WIKIDATA.ORG/sparql> { ?s ?p ?o } }", ("HTTPS://QUERY.WIKIDATA.ORG/sparql",)),
    ("SELECT * WHERE { SERVICE <https://query.wikidata.org:443/sparql> { ?s ?p ?o } }", ("https://query.wikidata.org:443/sparql",)),
    ("PREFIX wdqs: <https://query.wikidata.org/> SELECT * WHERE { SERVICE wdqs:sparql { ?s ?p ?o } }", (WD,)),
    ("BASE <https://query.wikidata.org/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }", (WD,)),
    # the word outside the keyword position: in strings, comments, IRIs, prefixes, variables
    ('SELECT * WHERE { ?s ?p "customer service" }', ()),
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1/>", ()),
    ("SELECT * WHERE { ?s <http://example.org/service> ?o }", ()),
    ("PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:p ?service }", ()),
    ('SELECT * WHERE { ?s ?p """multi\nline SERVICE <http://127.0.0.1/> { }""" }', ()),
    (f"SELECT * WHERE {{ <<( ?s ?p ?o )>> ?q ?r . SERVICE <{WD}> {{ ?s ?p ?o }} }}", (WD,)),
]


@pytest.mark.parametrize("query, services", ALLOWED)
def test_allowed(query, services):
    assert inspect(query).services == services


def test_empty_allowlist_refuses_even_wikidata():
    with pytest.raises(Forbidden):
        inspect(f"SELECT * WHERE {{ SERVICE <{WD}> {{ ?s ?p ?o }} }}", allow=())


@pytest.mark.parametrize(
    "query, form, update, has_from",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "select", False, False),
        ("# comment\nPREFIX a: <urn:a#>\nBASE <urn:b>\nask { }", "ask", False, False),
        ("PREFIX : <urn:x#> CONSTRUCT WHERE { ?s ?p ?o }", "construct", False, False),
        ("describe <urn:x>", "describe", False, False),
        ("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }", "select", False, True),
        ("SELECT * FROM NAMED <urn:g> WHERE { GRAPH ?g { ?s ?p ?o } }", "select", False, True),
        ('SELECT * WHERE { ?s ?p "from" }', "select", False, False),
        ("PREFIX a: <urn:a#> INSERT DATA { a:s a:p a:o }", None, True, False),
        ("with <urn:g> delete { ?s ?p ?o } where { ?s ?p ?o }", None, True, False),
        ("CLEAR DEFAULT", None, True, False),
        ("garbage", None, False, False),
    ],
)
def test_form_update_and_from_detection(query, form, update, has_from):
    if update:
        with pytest.raises(Forbidden) as err:
            inspect(query)
        assert "/sparql/update" in err.value.hint
        info = inspect(query, endpoint="update")
    else:
        info = inspect(query)
    assert (info.form, info.is_update, info.has_dataset_clause) == (form, update, has_from)


def test_size_and_depth_limits():
    with pytest.raises(PayloadTooLarge):
        inspect("SELECT * WHERE { ?s ?p ?o }" + " " * 200, max_bytes=100)
    with pytest.raises(PayloadTooLarge):  # counted in UTF-8 bytes, not characters
        inspect('SELECT * WHERE { ?s ?p "' + "中" * 40 + '" }', max_bytes=100)
    deep = "SELECT * WHERE " + "{" * 300 + "?s ?p ?o" + "}" * 300
    with pytest.raises(BadRequest):
        inspect(deep)
    fine = "SELECT * WHERE { " + " ".join(f"{{ ?s ?p {i} }} UNION" for i in range(300)) + " { } }"
    assert inspect(fine).form == "select"  # many brackets, shallow nesting


def test_normalisation_keeps_strings_and_drops_comments():
    a = "SELECT  ?s\nWHERE { ?s ?p \"a  b\" } # one"
    b = "SELECT ?s WHERE {\t?s ?p \"a  b\" }"
    c = "SELECT ?s WHERE { ?s ?p \"a b\" }"
    assert guard.normalize(a) == guard.normalize(b) != guard.normalize(c)
    assert guard.normalize("SELECT * WHERE { ?s <http://x/#a> ?o }") == "SELECT * WHERE { ?s <http://x/#a> ?o }"
    # an unterminated quote: the rest stays verbatim (collapsing "'\n'" would make it a string)
    assert guard.normalize("SELECT  ?x '\n'\t'") == "SELECT ?x '\n'\t'"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("SELCTWHR{}?sop \n\t\"'#<>:.\\u0053ervice")), max_size=80))
def test_normalise_is_idempotent_and_gate_never_crashes(text):
    once = guard.normalize(text)
    assert guard.normalize(once) == once
    try:
        inspect(text)
    except (Forbidden, BadRequest, PayloadTooLarge):
        pass


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["service", "SERVICE", "Service", "sErViCe", r"\u0053ERVICE", "ſervice"]),
       st.sampled_from(["<http://127.0.0.1/>", "<http://localhost:7878/query>", "<http://10.1.2.3/>", "<http://[::1]/>"]),
       st.sampled_from(["", "SILENT ", "silent "]))
def test_generated_refusals(keyword, iri, silent):
    with pytest.raises(Forbidden):
        inspect(f"SELECT * WHERE {{ ?a ?b ?c . {keyword} {silent}{iri} {{ ?s ?p ?o }} }}")


# --- end to end: no outbound connection is ever attempted ----------------------------------------
class Listener:
    """A TCP listener on 127.0.0.1 that records whether anybody connected."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.mark.parametrize("allowed", [False, True])
def test_service_to_localhost_never_leaves_the_server_unless_allowed(allowed):
    listener = Listener()
    target = f"http://127.0.0.1:{listener.port}/sparql"
    app = create_app(Settings.from_env(data_file=RELATIONS, service_allowlist=(target,) if allowed else ALLOW,
                                       query_timeout_s=5))
    try:
        client = app.test_client()
        for spelling in (f"<{target}>", f"<HTTP://127.0.0.1:{listener.port}/sparql>",
                         f"p:sparql", "<sparql>"):
            q = (f"PREFIX p: <http://127.0.0.1:{listener.port}/> BASE <http://127.0.0.1:{listener.port}/> "
                 f"SELECT * WHERE {{ SERVICE SILENT {spelling} {{ ?s ?p ?o }} }}")
            r = client.get("/sparql", query_string={"query": q})
            assert r.status_code == (200 if allowed else 403), r.data
        threading.Event().wait(0.3)
        # the positive control proves the listener would have seen a SERVICE call
        assert (listener.connections > 0) is allowed
    finally:
        app.extensions["kg"].close()
        listener.close()


def test_service_rewrite_sends_the_allowed_iri_elsewhere():
    rewrites = guard.parse_rewrites((f"{WD}=http://127.0.0.1:9999/sparql",))
    q = f'SELECT * WHERE {{ SERVICE SILENT <{WD}> {{ ?s ?p "<{WD}>" }} ?s ?p <{WD}> }}'
    out = guard.rewrite_services(q, rewrites)
    assert out == q.replace(f"SILENT <{WD}>", "SILENT <http://127.0.0.1:9999/sparql>", 1)  # only the SERVICE target
    assert guard.rewrite_services(q.replace("SERVICE SILENT", "service"), rewrites).count("127.0.0.1:9999") == 1


@pytest.mark.parametrize("pair", ["no-equals", f"{WD}=", "=http://x/", "ftp://a/=http://b/"])
def test_bad_rewrite_pairs_are_config_errors(pair):
    from kg.errors import ConfigError

    with pytest.raises(ConfigError):
        guard.parse_rewrites((pair,))


def test_service_inside_iris_does_not_wake_the_parser(monkeypatch):
    """The usual prologue names sd: <…sparql-service-description#>: no 2-10 ms rdflib parse for that."""
    from kg.vocab import sparql_prologue

    def boom(_text):
        raise AssertionError("the parser should not run")

    monkeypatch.setattr(guard, "_services_by_parser", boom)
    q = sparql_prologue("https://w3id.org/china-russia-kg") + "SELECT * WHERE { ?s <http://x/service> ?o }"
    assert "sparql-service-description" in q
    assert inspect(q).services == ()
